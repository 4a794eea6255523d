package sqlite

import (
	"database/sql"
	"testing"

	"github.com/enduse/enduse/storeutil"
)

// TestContainsFunc: enduse_contains folds case as text search does,
// beyond ASCII too, and NULL holds nothing.
func TestContainsFunc(t *testing.T) {
	h, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	for _, c := range []struct {
		text any
		term string
		want int
	}{
		{"希捷 ＳＫＹＨＡＷＫ 监控盘", "ｓｋｙｈａｗｋ", 1},
		{"希捷 ＳＫＹＨＡＷＫ 监控盘", "ＳｋｙＨａｗｋ", 1},
		{"Щит ST8000VX004", "щит st8000", 1},
		{"视频监控系统", "监控系统", 1},
		{"视频监控系统", "监控 系统", 0},
		{[]byte("Ωmega"), "ω", 1},
		{nil, "a", 0},
	} {
		var got int
		if err := h.QueryRow(`SELECT enduse_contains($1, $2)`, c.text, storeutil.Fold(c.term)).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != c.want {
			t.Errorf("enduse_contains(%q, %q) = %d, want %d", c.text, c.term, got, c.want)
		}
	}
	if _, err := h.Exec(`SELECT enduse_contains('a', 1)`); err == nil {
		t.Error("a number as the term gave no error")
	}
}
