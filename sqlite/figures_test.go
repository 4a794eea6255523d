package sqlite

import (
	"context"
	"errors"
	"testing"

	"github.com/enduse/enduse"
)

// TestRegionFromSummary checks that a province's answer is read from the
// summary tables: with its rows taken out behind the store's back it
// counts nothing; rebuilt, it is the loaded one.
func TestRegionFromSummary(t *testing.T) {
	ctx := context.Background()
	db := cacheTestDB(t, 200)
	f := enduse.Filter{Region: "65", Limit: 5}
	db.SetSummaryOff(true)
	loaded, err := db.Query(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	db.SetSummaryOff(false)
	if loaded.Notices == 0 {
		t.Fatal("no notice of province 65 in the test corpus")
	}
	if _, err := db.write.Exec(`DELETE FROM key_figures WHERE dim >= 'r' AND dim < 's'`); err != nil {
		t.Fatal(err)
	}
	res, err := db.Query(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	if res.Notices != 0 {
		t.Fatalf("province 65 with its figures deleted: %d notices, want 0 (read from the summary tables)", res.Notices)
	}
	if err := db.RebuildFigures(ctx); err != nil {
		t.Fatal(err)
	}
	got, err := db.Query(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	if g, w := jsonOf(t, got), jsonOf(t, loaded); g != w {
		t.Errorf("answer from the summary differs from the loaded one:\n%s\n%s", g, w)
	}
}

// TestProfileFromSummary checks that a brand profile is read from the
// summary tables, not from the notices or a stored answer: with the
// brand's rows taken out of key_figures behind the store's back, the
// brand is not found; with them rebuilt, the profile is the loaded one.
func TestProfileFromSummary(t *testing.T) {
	ctx := context.Background()
	db := cacheTestDB(t, 200)
	db.SetSummaryOff(true)
	loaded, err := db.BrandProfile(ctx, "希捷")
	if err != nil {
		t.Fatal(err)
	}
	db.SetSummaryOff(false)
	if loaded.Notices.Notices == 0 {
		t.Fatal("no Seagate notice in the test corpus")
	}
	if _, err := db.write.Exec(`DELETE FROM key_figures WHERE dim >= 'b' AND dim < 'c'`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.BrandProfile(ctx, "希捷"); !errors.Is(err, enduse.ErrNotFound) {
		t.Fatalf("profile with its figures deleted: %v, want ErrNotFound (read from the summary tables)", err)
	}
	if err := db.RebuildFigures(ctx); err != nil {
		t.Fatal(err)
	}
	got, err := db.BrandProfile(ctx, "希捷")
	if err != nil {
		t.Fatal(err)
	}
	if g, w := jsonOf(t, got), jsonOf(t, loaded); g != w {
		t.Errorf("profile from the summary differs from the loaded one:\n%s\n%s", g, w)
	}
}
