package postgres

import (
	"context"
	"testing"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/storetest"
)

// TestFrontier runs the frontier conformance suite; its concurrent-claims
// case uses separate pools on one schema, as separate crawler processes do.
func TestFrontier(t *testing.T) {
	testDSN(t)
	dsns := map[enduse.Frontier]string{}
	storetest.RunFrontier(t, func(t *testing.T) enduse.Frontier {
		dsn := freshSchema(t)
		db, err := Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		dsns[db] = dsn
		return db
	}, func(t *testing.T, f enduse.Frontier) enduse.Frontier {
		db, err := Open(context.Background(), dsns[f])
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	})
}
