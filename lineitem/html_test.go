package lineitem

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/document"
)

// TestGoldenHTML runs real and constructed HTML notices through
// document.HTMLToText, as the pipeline does, and compares the items with
// testdata/*.html.golden.
func TestGoldenHTML(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.html"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no html testdata: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			text, blocks, title := document.HTMLToText(string(raw))
			d := &enduse.Document{Text: text, Blocks: blocks, Title: title}
			items := Items(d)
			if len(items) == 0 {
				t.Fatalf("no items in %s", f)
			}
			for _, it := range items {
				checkEvidence(t, d.Text, it)
			}
			compareGolden(t, strings.TrimSuffix(f, ".html")+".html.golden", items)
		})
	}
}
