package web

import (
	"strings"
	"testing"

	"github.com/enduse/enduse"
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

// TestListingsCell: a hit on an entity that several lists name shows each
// list once in its List cell; a hit on one list shows that list.
func TestListingsCell(t *testing.T) {
	ts, err := parseTemplates(templateFS)
	if err != nil {
		t.Fatal(err)
	}
	tpl := ts["org"]
	render := func(h enduse.Hit) string {
		var b strings.Builder
		if err := tpl.ExecuteTemplate(&b, "listings", h); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	merged := enduse.Hit{List: "OFAC SDN", EntryID: "29159", Listings: []enduse.HitListing{
		{List: "OFAC SDN", Version: "2021-07", EntryID: "29159"}, {List: "CSL", Version: "2025-06", EntryID: "SDN-29159"}}}
	got := render(merged)
	for _, want := range []string{"OFAC SDN (2021-07)", "CSL (2025-06)", "SDN-29159"} {
		if strings.Count(got, want) != 1 {
			t.Errorf("listings cell %q: want %q once", got, want)
		}
	}
	if got := render(enduse.Hit{List: "BIS Entity List"}); got != "BIS Entity List" {
		t.Errorf("single-list cell = %q", got)
	}
}
