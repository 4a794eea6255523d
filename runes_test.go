package enduse

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestRunesSpan: every span cut through the index is RuneSpan's, across
// the index's marks, past the end, with negative and inverted bounds and
// over invalid UTF-8.
func TestRunesSpan(t *testing.T) {
	pieces := []string{"a", "宁", "波", "\xff", "\t", "\n", "£", "🙂", "\xe5\x8c"}
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 200; trial++ {
		var b strings.Builder
		for n := rng.IntN(400); n > 0; n-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		r := NewRunes(s)
		for k := 0; k < 50; k++ {
			start, end := rng.IntN(450)-5, rng.IntN(450)-5
			if got, want := r.Span(start, end), RuneSpan(s, start, end); got != want {
				t.Fatalf("Span(%d, %d) of %q = %q, RuneSpan gives %q", start, end, s, got, want)
			}
		}
	}
	if got := NewRunes("").Span(0, 3); got != "" {
		t.Errorf("empty string: %q", got)
	}
}

func FuzzRunesSpan(f *testing.F) {
	f.Add("宁波\xffab", 1, 4)
	f.Fuzz(func(t *testing.T, s string, start, end int) {
		if got, want := NewRunes(s).Span(start, end), RuneSpan(s, start, end); got != want {
			t.Fatalf("Span(%d, %d) of %q = %q, RuneSpan gives %q", start, end, s, got, want)
		}
	})
}
