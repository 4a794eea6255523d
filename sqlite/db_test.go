package sqlite

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/storetest"
)

// golden compares got with testdata/name, rewriting it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	storetest.Golden(t, filepath.Join("testdata", name), got)
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	garbage := filepath.Join(dir, "garbage.db")
	if err := os.WriteFile(garbage, []byte(strings.Repeat("this is not a database file ", 200)), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, path string
		is         error
	}{
		{"empty path", "", enduse.ErrInvalid},
		{"query characters", filepath.Join(dir, "a?mode=ro"), enduse.ErrInvalid},
		{"not a database", garbage, enduse.ErrInvalid},
		{"missing directory", filepath.Join(dir, "no", "such", "dir", "x.db"), nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db, err := Open(ctx, c.path)
			if err == nil {
				db.Close()
				t.Fatalf("Open(%q) succeeded", c.path)
			}
			if c.is != nil && !errors.Is(err, c.is) {
				t.Errorf("err = %v, want %v", err, c.is)
			}
			if c.path != "" && !strings.Contains(err.Error(), c.path) {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

func TestMigrations(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "m.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.read.QueryRow(`SELECT COUNT(*) FROM schema_migrations`).Scan(&n); err != nil || n != len(ms) {
		t.Fatalf("schema_migrations has %d rows (%v), want %d", n, err, len(ms))
	}
	// The schema as migrated, for review when a migration changes.
	rows, err := db.read.Query(`SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type DESC, name`)
	if err != nil {
		t.Fatal(err)
	}
	var schema strings.Builder
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		schema.WriteString(s + ";\n")
	}
	rows.Close()
	golden(t, "schema.golden", []byte(schema.String()))
	db.Close()

	// Reopening applies nothing again.
	db, err = Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	if err := db.read.QueryRow(`SELECT COUNT(*) FROM schema_migrations`).Scan(&n); err != nil || n != len(ms) {
		t.Fatalf("after reopen schema_migrations has %d rows, want %d", n, len(ms))
	}
	// A newer enduse recorded a migration this one does not know.
	if _, err := db.write.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, '9999_future.sql', 'x')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if db, err := Open(ctx, path); !errors.Is(err, enduse.ErrSchemaNewer) {
		if err == nil {
			db.Close()
		}
		t.Fatalf("open newer database: err = %v, want ErrSchemaNewer", err)
	}
}

// TestResumeAfterClose interrupts an ingest by closing the database and
// re-runs it from the start: nothing lost, nothing doubled.
func TestResumeAfterClose(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	var notices []*enduse.Notice
	g := newGenerator(7)
	for len(notices) < 60 {
		notices = append(notices, g.purchase()...)
	}
	notices = notices[:60]
	saveAll := func(db *DB, ns []*enduse.Notice) (stored int) {
		for i, n := range ns {
			out, err := saveGenerated(ctx, db, n, i)
			if err != nil {
				t.Fatalf("save %d: %v", i, err)
			}
			if out == enduse.OutcomeStored {
				stored++
			}
		}
		return stored
	}
	ref, err := Open(ctx, filepath.Join(dir, "ref.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer ref.Close()
	saveAll(ref, notices)

	path := filepath.Join(dir, "resumed.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	saveAll(db, notices[:25])
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if stored := saveAll(db, notices); stored != 35 {
		t.Errorf("resume stored %d documents, want 35", stored)
	}
	for _, f := range []enduse.Filter{{}, {Brand: "Seagate"}, {Region: "65", Types: []enduse.NoticeType{enduse.TypeAward}}} {
		want, err := ref.Query(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		got, err := db.Query(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if got.Documents != want.Documents || got.Notices != want.Notices || got.Quantity != want.Quantity || got.Amount != want.Amount {
			t.Errorf("%+v: resumed %d/%d/%v/%v, uninterrupted %d/%d/%v/%v", f, got.Documents, got.Notices, got.Quantity,
				got.Amount, want.Documents, want.Notices, want.Quantity, want.Amount)
		}
	}
}

// TestConcurrent reads while one goroutine writes: WAL lets both proceed.
func TestConcurrent(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	defer db.Close()
	g := newGenerator(3)
	var ns []*enduse.Notice
	for len(ns) < 80 {
		ns = append(ns, g.purchase()...)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i, n := range ns {
			if _, err := saveGenerated(ctx, db, n, i); err != nil {
				errs <- err
				return
			}
		}
	}()
	for r := 0; r < 3; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				if _, err := db.Query(ctx, enduse.Filter{Brand: "Seagate", Limit: 5}); err != nil {
					errs <- err
					return
				}
				if _, err := db.Stats(ctx); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	st, err := db.Stats(ctx)
	if err != nil || st.Documents != len(ns) {
		t.Errorf("stats after concurrent run = %+v, %v; want %d documents", st, err, len(ns))
	}
}

// FuzzQuery runs storetest's query fuzzing on an in-memory database.
func FuzzQuery(f *testing.F) {
	db, err := Open(context.Background(), ":memory:")
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { db.Close() })
	storetest.FuzzQuery(f, db)
}
