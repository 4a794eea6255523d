package report

import (
	"testing"

	"github.com/enduse/enduse"
)

// TestQuantityAsCounted: summed quantities are shown as the counts they
// are, never as fractional items, and an item without a stated quantity
// says so.
func TestQuantityAsCounted(t *testing.T) {
	for v, want := range map[float64]string{104: "104", 12345: "12,345", 141879.93: "mixed units", 0.5: "mixed units", 0: ""} {
		if got := quantity(v); got != want {
			t.Errorf("quantity(%v) = %q, want %q", v, got, want)
		}
	}
	items := []struct {
		it   enduse.Item
		want string
	}{
		{enduse.Item{Quantity: 4, Unit: "块"}, "4块"},
		{enduse.Item{Quantity: 2.5, Unit: "吨"}, "2.5吨"}, // a measure is shown as stated
		{enduse.Item{Unit: "台"}, enduse.QuantityUnknown},
	}
	for _, tt := range items {
		if got := qty(tt.it); got != tt.want {
			t.Errorf("qty(%+v) = %q, want %q", tt.it, got, tt.want)
		}
		if got := qtyText(tt.it); got != tt.want {
			t.Errorf("qtyText(%+v) = %q, want %q", tt.it, got, tt.want)
		}
	}
}

func TestHitLists(t *testing.T) {
	h := enduse.Hit{List: "OFAC SDN", EntryID: "29159", Listings: []enduse.HitListing{
		{List: "OFAC SDN", Version: "2021-07", EntryID: "29159"}, {List: "CSL", Version: "2025-06", EntryID: "SDN-29159"}}}
	if got, want := hitLists(h), "OFAC SDN (2021-07) 29159; CSL (2025-06) SDN-29159"; got != want {
		t.Errorf("hitLists = %q, want %q", got, want)
	}
	if got := hitLists(enduse.Hit{List: "BIS Entity List"}); got != "BIS Entity List" {
		t.Errorf("hitLists of a one-list hit = %q", got)
	}
}
