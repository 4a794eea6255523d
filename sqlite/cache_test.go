package sqlite

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/counting"
	"github.com/enduse/enduse/storetest"
)

// cacheTestDB is a database of n generated notices that stores every
// answer, however small.
func cacheTestDB(t *testing.T, n int) *DB {
	t.Helper()
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.SetCacheMin(0)
	if err := generate(ctx, db, n); err != nil {
		t.Fatal(err)
	}
	return db
}

// storedAnswers is the number of stored answers of the current generation.
func storedAnswers(t *testing.T, db *DB) int {
	t.Helper()
	var n int
	if err := db.read.QueryRow(`SELECT COUNT(*) FROM answers a JOIN generation g ON a.generation = g.value`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// jsonOf is v as indented JSON, for comparing answers.
func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestAnswerCache checks that a stored answer (and the page of rows read
// without loading the matched set) equals the computed one, and that any
// write makes the store compute again.
func TestAnswerCache(t *testing.T) {
	ctx := context.Background()
	db := cacheTestDB(t, 400)
	// Pages must choose among re-publications (a group of several notices).
	var shared int
	if err := db.read.QueryRow(`SELECT COUNT(*) FROM (SELECT group_id FROM notices GROUP BY group_id HAVING COUNT(*) > 1)`).Scan(&shared); err != nil {
		t.Fatal(err)
	}
	if shared == 0 {
		t.Fatal("no announcement group of several notices: pages never choose a representative")
	}
	tests := []struct {
		name string
		f    enduse.Filter
		// summary: answered from the summary tables, not stored.
		summary bool
	}{
		{"all", enduse.Filter{Limit: 20}, true},
		{"all second page", enduse.Filter{Limit: 20, Offset: 20}, true},
		{"all past the end", enduse.Filter{Limit: 20, Offset: 100000}, true},
		{"sector", enduse.Filter{Sector: enduse.SectorPublicSecurity, Limit: 7, Offset: 3}, false},
		{"brand alias", enduse.Filter{Brand: "希捷", Limit: 20}, false},
		{"case study", storetest.CaseStudy(), false},
		{"text and dates", enduse.Filter{Text: "公安局", From: "2021-01-01", To: "2023-12-31", Limit: 15}, false},
		{"region and types", enduse.Filter{Region: "65", Types: []enduse.NoticeType{enduse.TypeAward}, Limit: 50}, false},
		{"buyer sector, far page", enduse.Filter{Sector: enduse.SectorPublicSecurity, Limit: 5, Offset: 40}, false},
		{"short text term", enduse.Filter{Text: "监控", Limit: 10, Offset: 2}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			stored := storedAnswers(t, db)
			cold, err := db.Query(ctx, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			before := storedAnswers(t, db)
			warm, err := db.Query(ctx, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			if tc.summary {
				// The unfiltered answer is read from the summary tables,
				// never stored: it must equal the one folded from every
				// notice.
				if before != stored {
					t.Errorf("an answer was stored for the unfiltered query; want it read from the summary tables")
				}
				db.SetSummaryOff(true)
				defer db.SetSummaryOff(false)
				folded, err := db.Query(ctx, tc.f)
				if err != nil {
					t.Fatal(err)
				}
				if c, w := jsonOf(t, folded), jsonOf(t, warm); c != w {
					t.Errorf("summary answer differs from the folded one:\nfolded %s\nsummary %s", c, w)
				}
				return
			}
			if before == 0 {
				t.Fatal("no answer was stored")
			}
			if c, w := jsonOf(t, cold), jsonOf(t, warm); c != w {
				t.Errorf("stored answer differs from computed one:\ncomputed %s\nstored %s", c, w)
			}
			// Its page read by walking the publication order is the same.
			db.SetWalkAlways(true)
			defer db.SetWalkAlways(false)
			walked, err := db.Query(ctx, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			if c, w := jsonOf(t, cold), jsonOf(t, walked); c != w {
				t.Errorf("walked page differs from the computed one:\ncomputed %s\nwalked %s", c, w)
			}
		})
	}
	var key string
	if err := db.read.QueryRow(`SELECT key FROM orgs ORDER BY as_buyer DESC, key LIMIT 1`).Scan(&key); err != nil {
		t.Fatal(err)
	}
	for i, profile := range []func() (any, error){
		func() (any, error) { return db.BrandProfile(ctx, "Seagate") },
		func() (any, error) { return db.OrgProfile(ctx, key) },
	} {
		cold, err := profile()
		if err != nil {
			t.Fatal(err)
		}
		warm, err := profile()
		if err != nil {
			t.Fatal(err)
		}
		if c, w := jsonOf(t, cold), jsonOf(t, warm); c != w {
			t.Errorf("profile %d: stored answer differs from computed one:\ncomputed %s\nstored %s", i, c, w)
		}
	}

	// A new notice makes every stored answer stale, and is counted in the
	// summary tables at once.
	all := enduse.Filter{Limit: 20}
	before, err := db.Query(ctx, all)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Query(ctx, enduse.Filter{Sector: enduse.SectorPublicSecurity, Limit: 7}); err != nil {
		t.Fatal(err)
	}
	if storedAnswers(t, db) == 0 {
		t.Fatal("no answer was stored")
	}
	if err != nil {
		t.Fatal(err)
	}
	g := newGenerator(99)
	if _, err := saveGenerated(ctx, db, g.purchase()[0], 7); err != nil {
		t.Fatal(err)
	}
	if n := storedAnswers(t, db); n != 0 {
		t.Errorf("after a save %d answers are still current", n)
	}
	after, err := db.Query(ctx, all)
	if err != nil {
		t.Fatal(err)
	}
	if after.Documents != before.Documents+1 || after.Notices != before.Notices+1 {
		t.Errorf("after a save: %d documents, %d notices; want %d, %d", after.Documents, after.Notices,
			before.Documents+1, before.Notices+1)
	}
}

// TestFigureIDsCap checks that figures list at most counting.MaxFigureIDs ids, say
// so, and still count every notice.
func TestFigureIDsCap(t *testing.T) {
	ctx := context.Background()
	db := cacheTestDB(t, 3*counting.MaxFigureIDs)
	res, err := db.Query(ctx, enduse.Filter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	check := func(name string, f enduse.Figure) {
		t.Helper()
		switch {
		case f.Notices > counting.MaxFigureIDs && (len(f.IDs) != counting.MaxFigureIDs || !f.IDsTruncated):
			t.Errorf("%s: %d notices, %d ids, truncated %v; want %d ids, truncated", name, f.Notices, len(f.IDs),
				f.IDsTruncated, counting.MaxFigureIDs)
		case f.Notices <= counting.MaxFigureIDs && (len(f.IDs) != f.Notices || f.IDsTruncated):
			t.Errorf("%s: %d notices, %d ids, truncated %v; want every id", name, f.Notices, len(f.IDs), f.IDsTruncated)
		}
	}
	truncated := 0
	for name, figs := range map[string]map[string]enduse.Figure{"type": res.ByType, "brand": res.ByBrand, "buyer": res.ByBuyer,
		"month": res.ByMonth} {
		for k, f := range figs {
			check(name+" "+k, f)
			if f.IDsTruncated {
				truncated++
			}
		}
	}
	if truncated == 0 {
		t.Error("no figure was truncated: the corpus is too small to test the cap")
	}
	if res.ByType["tender"].Notices <= counting.MaxFigureIDs {
		t.Errorf("tender notices = %d, want more than %d", res.ByType["tender"].Notices, counting.MaxFigureIDs)
	}
}

// generatedFile is a database file of n generated notices that stores
// every answer, and its path (tests reopen it).
func generatedFile(t *testing.T, n int) (*DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "g.db")
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	db.SetCacheMin(0)
	if err := generate(context.Background(), db, n); err != nil {
		t.Fatal(err)
	}
	return db, path
}

// TestUpgradeToAnswers opens a database of the schema before stored
// answers (migration 0002) holding notices, and checks it upgrades and
// answers as before.
func TestUpgradeToAnswers(t *testing.T) {
	ctx := context.Background()
	db, path := generatedFile(t, 50)
	want, err := db.Query(ctx, enduse.Filter{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	// Take the database back to before 0003_answers.
	rows, err := db.write.Query(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_generation'`)
	if err != nil {
		t.Fatal(err)
	}
	var drops []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		drops = append(drops, "DROP TRIGGER "+n)
	}
	rows.Close()
	drops = append(drops, "DROP TABLE answers", "DROP TABLE generation", "DELETE FROM schema_migrations WHERE version = 3")
	for _, q := range drops {
		if _, err := db.write.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	db, err = Open(ctx, path)
	if err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	defer db.Close()
	got, err := db.Query(ctx, enduse.Filter{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if g, w := jsonOf(t, got), jsonOf(t, want); g != w {
		t.Errorf("after upgrade the answer differs:\ngot %s\nwant %s", g, w)
	}
}

// TestWarm checks that Warm stores the profiles of common brands that the
// summary tables cannot give (none here: every brand of the generated
// notices is resolved; with the tables switched off, all of them), and
// never the unfiltered answer, which the tables hold.
func TestWarm(t *testing.T) {
	ctx := context.Background()
	for _, off := range []bool{false, true} {
		db := cacheTestDB(t, 200)
		db.SetCacheMin(20)
		db.SetSummaryOff(off)
		if err := db.Warm(ctx); err != nil {
			t.Fatal(err)
		}
		var queries, brands, common int
		if err := db.read.QueryRow(`SELECT
			(SELECT COUNT(*) FROM answers WHERE kind = 'query'),
			(SELECT COUNT(*) FROM answers WHERE kind = 'brand'),
			(SELECT COUNT(*) FROM brands WHERE documents >= 20)`).Scan(&queries, &brands, &common); err != nil {
			t.Fatal(err)
		}
		lo := 0
		if off {
			lo = 1
		}
		if queries != 0 || brands < lo || brands > common || (!off && brands != 0) {
			t.Errorf("summary off %v: after Warm: %d stored queries, %d brand profiles (%d brands in at least 20 documents)",
				off, queries, brands, common)
		}
	}
}

// TestUpgradeToPairs opens a database of the schema before the pairs
// index (migration 0018) holding notices, and checks that the upgrade
// fills it: short terms find what they found before.
func TestUpgradeToPairs(t *testing.T) {
	ctx := context.Background()
	db, path := generatedFile(t, 50)
	terms := []string{"公安", "硬盘", "局", "ST"}
	want := map[string]int{}
	for _, term := range terms {
		res, err := db.Query(ctx, enduse.Filter{Text: term})
		if err != nil {
			t.Fatal(err)
		}
		want[term] = res.Documents
	}
	if want["公安"] == 0 || want["局"] == 0 {
		t.Fatalf("generated notices: %v documents; the test checks nothing", want)
	}
	// The generation moves on so that no stored answer is served.
	for _, q := range []string{"DROP TABLE notice_pairs", "DELETE FROM schema_migrations WHERE version = 18",
		"UPDATE generation SET value = value + 1 WHERE id = 1"} {
		if _, err := db.write.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	var heard [][2]int64
	db, err := Open(enduse.WithStepProgress(ctx, func(_ string, done, total int64) { heard = append(heard, [2]int64{done, total}) }), path)
	if err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	defer db.Close()
	var rows int
	if err := db.read.QueryRow(`SELECT COUNT(*) FROM notice_pairs`).Scan(&rows); err != nil {
		t.Fatal(err)
	}
	var notices int
	if err := db.read.QueryRow(`SELECT COUNT(*) FROM notices`).Scan(&notices); err != nil {
		t.Fatal(err)
	}
	if rows != notices {
		t.Errorf("after upgrade: %d rows of pairs for %d notices", rows, notices)
	}
	if len(heard) < 2 || heard[0] != [2]int64{0, int64(notices)} || heard[len(heard)-1] != [2]int64{int64(notices), int64(notices)} {
		t.Errorf("progress of the fill: %v, want 0 to %d of %d", heard, notices, notices)
	}
	for _, term := range terms {
		res, err := db.Query(ctx, enduse.Filter{Text: term})
		if err != nil {
			t.Fatal(err)
		}
		if res.Documents != want[term] {
			t.Errorf("text %q after upgrade: %d documents, want %d", term, res.Documents, want[term])
		}
	}
}
