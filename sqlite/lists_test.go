package sqlite

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/storetest"
)

func TestListStore(t *testing.T) {
	storetest.RunLists(t, func(t *testing.T) enduse.Store {
		db, err := Open(context.Background(), filepath.Join(t.TempDir(), "lists.db"))
		if err != nil {
			t.Fatal(err)
		}
		return db
	})
}
