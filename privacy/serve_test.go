package privacy_test

import (
	"bytes"
	"context"
	"io"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/cli"
	"github.com/enduse/enduse/document"
	"github.com/enduse/enduse/ingest"
	"github.com/enduse/enduse/pipeline"
	"github.com/enduse/enduse/privacy"
	"github.com/enduse/enduse/report"
	"github.com/enduse/enduse/sample"
	"github.com/enduse/enduse/sqlite"
	"github.com/enduse/enduse/web"
)

// TestSampleServed ingests the bundled sample into a store and checks
// what users are shown of each notice: the stored searchable text, the
// notice page, the notice's API response and its buyer's organisation page
// and API profile, and the outputs over the whole store (home page, query
// API, report in Markdown and HTML, CSV export) carry none of the personal
// values of the original.
func TestSampleServed(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests the sample")
	}
	checkServed(t, sample.Read)
}

// TestCorpusServed is TestSampleServed over the notices under
// ENDUSE_PRIVACY_CORPUS, run by hand like TestCorpus.
func TestCorpusServed(t *testing.T) {
	dir := os.Getenv("ENDUSE_PRIVACY_CORPUS")
	if dir == "" {
		t.Skip("set ENDUSE_PRIVACY_CORPUS to a directory of notices")
	}
	checkServed(t, func(fn func(*enduse.Document, error) error) error {
		return document.Walk(context.Background(), []string{dir}, document.FieldMap{}, document.Options{}, func(d *enduse.Document, err error) error {
			if err != nil {
				return nil // unreadable inputs are counted by TestCorpus
			}
			return fn(d, nil)
		})
	})
}

// checkServed ingests src into a fresh store and checks every document's
// stored text, pages and API responses against its original.
func checkServed(t *testing.T, src ingest.Source) {
	ctx := context.Background()
	c := checker(t)
	dbPath := filepath.Join(t.TempDir(), "sample.db")
	db, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	p, err := pipeline.New(pipeline.Config{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ingest.Run(ctx, db, p, src, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	s, err := web.New(web.Config{Store: db, KB: p.KB, Regions: p.Regions, Screener: p.Screener, Lists: p.Lists,
		AllowedHosts: []string{"example.com"}}) // httptest.NewRequest's host
	if err != nil {
		t.Fatal(err)
	}
	h := s.Handler()
	fetch := func(target string) string {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
		if w.Code != 200 {
			t.Errorf("GET %s: %d", target, w.Code)
		}
		return w.Body.String()
	}
	// Outputs over the whole store, checked against every document: the
	// home page, the query API, the report (Markdown and HTML) and the
	// CSV export of `enduse query`.
	whole := []struct{ name, text string }{
		{"home page", fetch("/")},
		{"query API", fetch("/api/v1/query?limit=10000")},
	}
	data, err := report.Build(ctx, db, db, enduse.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var md, htm bytes.Buffer
	if err := report.WriteMarkdown(&md, data); err != nil {
		t.Fatal(err)
	}
	if err := report.WriteHTML(&htm, data); err != nil {
		t.Fatal(err)
	}
	var csvOut, csvErr bytes.Buffer
	env := cli.Env{Stdin: strings.NewReader(""), Stdout: &csvOut, Stderr: &csvErr, Getenv: func(string) string { return "" },
		Interactive: func(io.Writer) bool { return false }}
	if rc := cli.Main(ctx, []string{"query", "--db", dbPath, "--limit", "10000", "--csv"}, env); rc != 0 {
		t.Fatalf("enduse query --csv: exit %d: %s", rc, csvErr.String())
	}
	whole = append(whole, struct{ name, text string }{"report markdown", md.String()},
		struct{ name, text string }{"report HTML", htm.String()}, struct{ name, text string }{"CSV export", csvOut.String()})
	for _, w := range whole {
		if len(w.text) < 100 {
			t.Fatalf("%s is nearly empty (%d bytes): nothing was checked", w.name, len(w.text))
		}
	}
	byOutput := map[string]int{}
	docs, secrets := 0, 0
	err = src(func(d *enduse.Document, err error) error {
		if err != nil {
			return err
		}
		docs++
		sec := c.Secrets(original(d))
		secrets += len(sec)
		n, err := db.Notice(ctx, d.SHA256)
		if err != nil {
			return err
		}
		outs := []struct{ name, text string }{
			{"stored text", n.Text},
			{"notice page", fetch("/notices/" + d.SHA256)},
			{"notice API", fetch("/api/v1/notices/" + d.SHA256)},
		}
		if n.Buyer != nil && n.Buyer.Key != "" && docs%10 == 0 {
			outs = append(outs, struct{ name, text string }{"org page", fetch("/orgs/" + url.PathEscape(n.Buyer.Key))},
				struct{ name, text string }{"org API", fetch("/api/v1/orgs/" + url.PathEscape(n.Buyer.Key))})
		}
		outs = append(outs, whole...)
		for _, o := range outs {
			for _, l := range privacy.Leaks(sec, o.name, o.text) {
				byOutput[o.name]++
				t.Errorf("%s: %s leaks %s %q (%s)", d.Source, l.Output, l.Kind, l.Value, l.Where)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if docs == 0 || secrets == 0 {
		t.Fatalf("checked %d documents with %d personal values", docs, secrets)
	}
	t.Logf("%d documents, %d personal values, outputs per document %d (+%d whole-store outputs: home page %d B, query API %d B, report markdown %d B, report HTML %d B, CSV export %d B), leaks by output: %v",
		docs, secrets, 3, len(whole), len(whole[0].text), len(whole[1].text), md.Len(), htm.Len(), csvOut.Len(), byOutput)
}
