package web

import (
	"strings"
	"testing"
)

// TestFormatItems: the home and brand pages never show a fractional sum
// as a number of items ("141879.93 items").
func TestFormatItems(t *testing.T) {
	for v, want := range map[float64]string{104: "104 items", 1234567: "1,234,567 items", 0: "", 141879.93: "item quantities in mixed units"} {
		if got := formatItems(v); got != want {
			t.Errorf("formatItems(%v) = %q, want %q", v, got, want)
		}
		if strings.Contains(formatItems(v), ".") {
			t.Errorf("formatItems(%v) shows a fraction", v)
		}
	}
}
