package document

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/enduse/enduse"
)

// TestWalkItemsMatchesWalk checks that parsing the items of WalkItems, in
// any order and on any goroutine, and WalkParsed on any number of workers,
// give exactly what Walk gives, in the same order: documents, per-input
// errors and the stop error.
func TestWalkItemsMatchesWalk(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string][]byte{
		"b/notice.html":        []byte("<p>中标人：乙公司</p>"),
		"a/deeper/notice.txt":  []byte("第一行\n第二行"),
		"a/empty.txt":          {},
		"a/bad.bin":            {0x89, 'P', 'N', 'G', 0, 0, 0},
		"c/archive.zip":        gbkZip(t),
		"c/export.csv":         []byte("id,title,html\n7,表格记录,<p>丙</p>\n"),
		"d/damaged.zip":        []byte("PK\x03\x04 not really"),
		"e/not-a-notice.jsonl": []byte("{\"x\":1}\n"),
		"f/renamed-docx.zip":   makeDOCX(t),
	})
	describe := func(d *enduse.Document, err error) string {
		if err != nil {
			return "error: " + err.Error()
		}
		return d.Source + " " + d.SHA256 + " " + d.MediaType + " = " + d.Text
	}
	var want []string
	if err := Walk(context.Background(), []string{dir}, nil, Options{}, func(d *enduse.Document, err error) error {
		want = append(want, describe(d, err))
		return nil
	}); err != nil {
		t.Fatal(err)
	}

	var items []Item
	if err := WalkItems(context.Background(), []string{dir}, nil, Options{}, func(it Item) error {
		items = append(items, it)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	got := make([]string, len(items))
	var wg sync.WaitGroup
	for i := len(items) - 1; i >= 0; i-- {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i] = describe(items[i].Document())
		}()
	}
	wg.Wait()
	if len(got) != len(want) {
		t.Fatalf("WalkItems gave %d inputs, Walk %d:\n%q\n%q", len(got), len(want), got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("input %d:\n got %q\nwant %q", i, got[i], want[i])
		}
	}
	for _, it := range items {
		if d, err := it.Document(); err == nil && it.Source() != d.Source {
			t.Errorf("Source() = %q, document says %q", it.Source(), d.Source)
		}
	}

	for _, workers := range []int{1, 4} {
		var par []string
		if err := WalkParsed(context.Background(), workers, []string{dir}, nil, Options{}, func(d *enduse.Document, err error) error {
			par = append(par, describe(d, err))
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if strings.Join(par, "\n") != strings.Join(want, "\n") {
			t.Errorf("WalkParsed with %d workers:\n got %q\nwant %q", workers, par, want)
		}
	}

	stop := errors.New("stop")
	n := 0
	if err := WalkParsed(context.Background(), 4, []string{dir}, nil, Options{}, func(*enduse.Document, error) error {
		n++
		return stop
	}); !errors.Is(err, stop) || n != 1 {
		t.Errorf("WalkParsed stop: err %v after %d documents, want %v after 1", err, n, stop)
	}
	n = 0
	err := WalkItems(context.Background(), []string{dir}, nil, Options{}, func(Item) error {
		n++
		return stop
	})
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("stop: err %v after %d items, want %v after 1", err, n, stop)
	}
}
