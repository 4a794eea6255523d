package web

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// TestGoldenNoticePage pins the notice page of the Urumqi fixture: its
// fields, items, mentions and the highlighted text. Review a change by eye
// and regenerate with -update.
func TestGoldenNoticePage(t *testing.T) {
	s, ids := testServer(t, nil)
	w := get(t, s.Handler(), "GET", "/notices/"+ids[0], nil)
	if w.Code != 200 {
		t.Fatalf("status %d", w.Code)
	}
	golden := filepath.Join("testdata", "notice-page.golden.html")
	if *update {
		if err := os.WriteFile(golden, w.Body.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./web -run TestGoldenNoticePage -update)", err)
	}
	if got := w.Body.String(); got != string(want) {
		t.Errorf("notice page differs from %s; review and run with -update\n%s", golden, firstDiff(got, string(want)))
	}
}

// firstDiff shows where two texts first differ.
func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-80)
	return "got:  …" + a[lo:min(len(a), i+80)] + "\nwant: …" + b[lo:min(len(b), i+80)]
}
