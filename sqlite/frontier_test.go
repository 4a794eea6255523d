package sqlite

import (
	"context"
	"testing"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/storetest"
)

func TestFrontier(t *testing.T) {
	storetest.RunFrontier(t, func(t *testing.T) enduse.Frontier { return openTemp(t) },
		func(t *testing.T, f enduse.Frontier) enduse.Frontier {
			db, err := Open(context.Background(), f.(*DB).path)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			return db
		})
}
