package document

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/enduse/enduse"
)

// TestCorpus reads every crawler export under $ENDUSE_CORPUS (a directory
// of .jsonl/.csv files) and checks the layout invariants on each record.
// It is skipped unless the variable is set, so the suite never depends on
// data outside the repository.
func TestCorpus(t *testing.T) {
	dir := os.Getenv("ENDUSE_CORPUS")
	if dir == "" {
		t.Skip("set ENDUSE_CORPUS to a directory of crawler exports to run")
	}
	if _, err := os.Stat(dir); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	var docs, fails, bytesIn int
	err := Walk(t.Context(), []string{dir}, nil, Options{}, func(d *enduse.Document, err error) error {
		if err != nil {
			fails++
			t.Logf("failure: %v", err)
			return nil
		}
		docs++
		bytesIn += len(d.Raw)
		checkOffsets(t, filepath.Base(d.Source), d.Text, d.Blocks)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	el := time.Since(start)
	t.Logf("%d documents, %d failures, %.1f MB in %v (%.1f MB/s)", docs, fails, float64(bytesIn)/1e6, el, float64(bytesIn)/1e6/el.Seconds())
}
