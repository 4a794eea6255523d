package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"path/filepath"
	"testing"
)

// TestMigrationStatus reads the migrations of a file without applying
// them: a database enduse never opened has all pending, an opened one all
// applied, a migration from a newer enduse shows as unknown, and a missing
// file is an error.
func TestMigrationStatus(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if _, err := MigrationStatus(ctx, filepath.Join(dir, "missing.db")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: err = %v, want not-exist", err)
	}
	blank := filepath.Join(dir, "blank.db")
	h, err := sql.Open("sqlite", blank)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.Exec(`CREATE TABLE unrelated (x INTEGER)`); err != nil {
		t.Fatal(err)
	}
	h.Close()
	ms, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	states, err := MigrationStatus(ctx, blank)
	if err != nil {
		t.Fatal(err)
	}
	if len(states) != len(ms) {
		t.Fatalf("%d states, want %d", len(states), len(ms))
	}
	for _, s := range states {
		if s.Applied || s.Unknown {
			t.Errorf("never-opened database: %+v, want pending", s)
		}
	}
	db, err := Open(ctx, blank)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.write.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, '9999_future.sql', 'x')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	states, err = MigrationStatus(ctx, blank)
	if err != nil {
		t.Fatal(err)
	}
	last := states[len(states)-1]
	if len(states) != len(ms)+1 || !last.Unknown || last.Name != "9999_future.sql" {
		t.Errorf("status of a database with a newer migration: %+v", states)
	}
	for _, s := range states[:len(ms)] {
		if !s.Applied {
			t.Errorf("opened database: %+v, want applied", s)
		}
	}
}
