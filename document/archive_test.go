package document_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/document"
)

// walkAll walks paths and returns the documents' sources and the errors.
func walkAll(t *testing.T, opt document.Options, paths ...string) ([]string, []string) {
	t.Helper()
	var docs, errs []string
	err := document.Walk(context.Background(), paths, nil, opt, func(d *enduse.Document, err error) error {
		if err != nil {
			errs = append(errs, err.Error())
			return nil
		}
		docs = append(docs, d.Source)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(docs)
	return docs, errs
}

// TestWalkRAR7z: RAR and 7z archives are opened like ZIPs (members in name
// order, nested archives, Chinese names); a bomb member and a truncated
// archive end in an error naming the file, and the walk goes on.
func TestWalkRAR7z(t *testing.T) {
	needTools(t, "bsdtar", "pdftotext")
	dir := t.TempDir()
	copyTo := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join("testdata/formats", name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	seven := read("nb-notice.7z")
	docs, errs := walkAll(t, document.Options{},
		copyTo("notice.7z", seven), copyTo("equip.rar", read("equip.rar")))
	want := []string{"equip.rar!notice/equipment.pdf", "notice.7z!公告.html", "notice.7z!附件/设备清单.pdf"}
	for i := range want {
		want[i] = filepath.Join(dir, want[i])
	}
	if strings.Join(docs, "\n") != strings.Join(want, "\n") || len(errs) > 0 {
		t.Errorf("docs %q errors %q, want %q", docs, errs, want)
	}

	bomb := copyTo("bomb.7z", read("bomb.7z"))       // 100 MB of zeros in 15 KB
	cut := copyTo("cut.7z", seven[:len(seven)/2])    // truncated
	fine := copyTo("after.html", read("equip.html")) // the walk goes on
	docs, errs = walkAll(t, document.Options{MaxBytes: 1 << 20}, bomb, cut, fine)
	if len(docs) != 1 || docs[0] != fine {
		t.Errorf("docs %q, want only %s", docs, fine)
	}
	if len(errs) != 2 || !strings.Contains(errs[0], "bomb.7z!zeros.bin") || !strings.Contains(errs[0], "more than") ||
		!strings.Contains(errs[1], "cut.7z") {
		t.Errorf("errors %q, want the bomb member over the limit and the truncated archive", errs)
	}
}

// walkAllB walks one path for a benchmark, failing on any error.
func walkAllB(b *testing.B, path string) {
	b.Helper()
	err := document.Walk(context.Background(), []string{path}, nil, document.Options{}, func(d *enduse.Document, err error) error {
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
}
