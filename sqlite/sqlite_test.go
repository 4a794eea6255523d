package sqlite

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/storetest"
)

// openTemp opens a fresh database file in a test's temporary directory.
func openTemp(t testing.TB) *DB {
	t.Helper()
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "enduse.db"))
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	return db
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) enduse.Store { return openTemp(t) })
}

func TestConformanceMemory(t *testing.T) {
	storetest.Run(t, func(t *testing.T) enduse.Store {
		db, err := Open(context.Background(), ":memory:")
		if err != nil {
			t.Fatalf("open: %v", err)
		}
		return db
	})
}
