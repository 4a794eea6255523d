package privacy_test

import (
	"context"
	"encoding/json"
	"os"
	"sort"
	"testing"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/document"
	"github.com/enduse/enduse/pipeline"
	"github.com/enduse/enduse/privacy"
)

// TestCorpus runs the checker by hand over a directory of real notices
// (crawler exports or files) named by ENDUSE_PRIVACY_CORPUS, through extract
// output and the redacted (stored, searchable) text, and logs the figures
// per output:
//
//	ENDUSE_PRIVACY_CORPUS=/path/to/notices go test ./privacy -run TestCorpus -v
//
// It skips without the variable: the project reads no data outside the
// repository at test time.
func TestCorpus(t *testing.T) {
	dir := os.Getenv("ENDUSE_PRIVACY_CORPUS")
	if dir == "" {
		t.Skip("set ENDUSE_PRIVACY_CORPUS to a directory of notices")
	}
	c := checker(t)
	p, err := pipeline.New(pipeline.Config{})
	if err != nil {
		t.Fatal(err)
	}
	docs, secrets, unreadable := 0, 0, 0
	byOutput := map[string]int{"extract": 0, "stored text": 0}
	byKind := map[string]int{}
	err = document.Walk(context.Background(), []string{dir}, document.FieldMap{}, document.Options{}, func(d *enduse.Document, err error) error {
		if err != nil {
			if unreadable++; unreadable <= 3 {
				t.Logf("unreadable: %v", err)
			}
			return nil
		}
		docs++
		sec := c.Secrets(original(d))
		secrets += len(sec)
		for _, s := range sec {
			byKind[s.Kind]++
		}
		res := p.Process(d)
		js, err := json.Marshal(res.Notice)
		if err != nil {
			return err
		}
		for _, out := range []struct{ name, text string }{{"extract", string(js)}, {"stored text", res.Redacted}} {
			for _, l := range privacy.Leaks(sec, out.name, out.text) {
				byOutput[out.name]++
				t.Errorf("%s: %s leaks %s %q (%s)", d.Source, l.Output, l.Kind, l.Value, l.Where)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	kinds := make([]string, 0, len(byKind))
	for k := range byKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	t.Logf("%s: %d documents (%d unreadable inputs), %d personal values %v, leaks by output: %v", dir, docs, unreadable, secrets, byKind, byOutput)
}
