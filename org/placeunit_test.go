package org

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/enduse/enduse/linelist"
)

// TestPlaceNeverSplit tokenises the official name of every GB/T 2260
// division followed by a body (X公安局): the division must come out as one
// unit, never as two (沙镇 + 溪镇) or as a place and pinyin pieces.
func TestPlaceNeverSplit(t *testing.T) {
	a, _ := newTestAnalyzer(t)
	b, err := os.ReadFile(filepath.Join("..", "region", "data", "divisions.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := linelist.Rows("divisions.tsv", string(b), 2)
	if err != nil {
		t.Fatal(err)
	}
	n, split := 0, 0
	for _, r := range rows {
		fs := r.Fields
		if fs[1] == "县" || strings.Contains(fs[1], "辖") || strings.HasSuffix(fs[1], "区划") {
			continue // grouping rows (市辖区, 县, 省直辖县级行政区划) are no places
		}
		name := fs[1]
		n++
		toks := a.tokenize(normalize(name + "公安局"))
		// Generic district names (城区, 郊区) are no place without their
		// city, but stay one unit all the same.
		if len(toks) != 2 || toks[0].text != name || toks[0].kind != tokPlace && toks[0].kind != tokOther {
			split++
			var parts []string
			for _, tk := range toks {
				parts = append(parts, tk.text)
			}
			t.Errorf("%s公安局 splits the place: %s", name, strings.Join(parts, " | "))
		}
	}
	if n < 3000 {
		t.Fatalf("read %d divisions, want the whole table", n)
	}
	t.Logf("%d divisions, %d split", n, split)
}
