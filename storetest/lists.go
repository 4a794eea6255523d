package storetest

import (
	"context"
	"errors"
	"testing"

	"github.com/enduse/enduse"
)

// RunLists is the conformance suite of enduse.ListStore: versioned lists
// and re-screening of stored organisations. open must return a store that
// implements enduse.ListStore.
func RunLists(t *testing.T, open func(t *testing.T) enduse.Store) {
	t.Run("Versions", func(t *testing.T) { testListVersions(t, open) })
	t.Run("ReplaceOrgHits", func(t *testing.T) { testReplaceOrgHits(t, open) })
}

func listStore(t *testing.T, st enduse.Store) enduse.ListStore {
	t.Helper()
	ls, ok := st.(enduse.ListStore)
	if !ok {
		t.Fatalf("%T does not implement enduse.ListStore", st)
	}
	return ls
}

func testListVersions(t *testing.T, open func(t *testing.T) enduse.Store) {
	ctx := context.Background()
	w := load(t, open)
	ls := listStore(t, w.st)
	v1 := []enduse.ListEntry{{List: "Test List", Version: "2021-01", ID: "T-1", Name: "Urumqi Municipal Public Security Bureau", NameZH: "乌鲁木齐市公安局"}}
	v2 := append(v1, enduse.ListEntry{List: "Test List", Version: "2022-06", ID: "T-2", Name: "Kashgar Prefecture Public Security Bureau", Aliases: []string{"喀什地区公安局"}})
	for _, l := range []struct {
		sl      enduse.ScreeningList
		entries []enduse.ListEntry
	}{
		{enduse.ScreeningList{Name: "Test List", Version: "2021-01", Source: "a.csv", Format: "test", Imported: "2026-01-01T00:00:00Z"}, v1},
		{enduse.ScreeningList{Name: "Test List", Version: "2022-06", Source: "b.csv", Format: "test", Imported: "2026-02-01T00:00:00Z"}, v2},
		// Importing a version again replaces it.
		{enduse.ScreeningList{Name: "Test List", Version: "2022-06", Source: "b2.csv", Format: "test", Imported: "2026-03-01T00:00:00Z"}, v2},
	} {
		if err := ls.SaveList(ctx, l.sl, l.entries); err != nil {
			t.Fatal(err)
		}
	}
	got, err := ls.Lists(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Version != "2022-06" || got[0].Source != "b2.csv" || got[0].Count != 2 || got[1].Count != 1 {
		t.Errorf("Lists() = %+v; want 2022-06 (b2.csv, 2 entries) then 2021-01 (1 entry)", got)
	}
	entries, err := ls.ListEntries(ctx, "Test List", "2022-06")
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 || entries[1].Aliases[0] != "喀什地区公安局" || entries[0].NameZH != "乌鲁木齐市公安局" {
		t.Errorf("ListEntries = %+v", entries)
	}
	if _, err := ls.ListEntries(ctx, "Test List", "1999"); !errors.Is(err, enduse.ErrNotFound) {
		t.Errorf("missing version: %v, want ErrNotFound", err)
	}
	if err := ls.SaveList(ctx, enduse.ScreeningList{Name: "", Version: "x"}, nil); !errors.Is(err, enduse.ErrInvalid) {
		t.Errorf("nameless list: %v, want ErrInvalid", err)
	}
}

func testReplaceOrgHits(t *testing.T, open func(t *testing.T) enduse.Store) {
	ctx := context.Background()
	w := load(t, open)
	ls := listStore(t, w.st)
	// Pick a buyer of the fixtures that no list hits yet.
	var buyer *enduse.Org
	for _, f := range w.fx {
		if f.notice == nil {
			continue
		}
		b := f.notice.Buyer
		if b == nil || b.Key == "" {
			continue
		}
		if w.query(t, enduse.Filter{Listed: true, Buyer: b.Name}).Documents == 0 {
			buyer = b
			break
		}
	}
	if buyer == nil {
		t.Fatal("fixtures have no unlisted buyer")
	}
	all := w.query(t, enduse.Filter{Buyer: buyer.Name})
	hit := enduse.Hit{List: "Test List", EntryID: "T-9", Entry: "Test Entry", Relation: enduse.RelationListed, Score: 0.9, Why: "constructed"}
	if err := ls.ReplaceOrgHits(ctx, buyer.Key, []enduse.Hit{hit}); err != nil {
		t.Fatal(err)
	}
	after := w.query(t, enduse.Filter{Listed: true, Buyer: buyer.Name})
	if after.Documents != all.Documents || after.Documents == 0 {
		t.Errorf("after recording a hit, --listed finds %d of the buyer's %d documents", after.Documents, all.Documents)
	}
	only := w.query(t, enduse.Filter{Listed: true, Lists: []string{"Other List"}, Buyer: buyer.Name})
	if only.Documents != 0 {
		t.Errorf("--lists 'Other List' still finds %d documents", only.Documents)
	}
	// Replacing with no hits clears them.
	if err := ls.ReplaceOrgHits(ctx, buyer.Key, nil); err != nil {
		t.Fatal(err)
	}
	if again := w.query(t, enduse.Filter{Listed: true, Buyer: buyer.Name}); again.Documents != 0 {
		t.Errorf("after clearing hits, --listed still finds %d documents", again.Documents)
	}
}
