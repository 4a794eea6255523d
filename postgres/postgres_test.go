package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/storetest"
)

// testDSN is the server the tests use ($ENDUSE_TEST_POSTGRES). Without it
// the test is skipped, unless $ENDUSE_TEST_REQUIRE_SERVICES=1.
func testDSN(tb testing.TB) string {
	tb.Helper()
	dsn := os.Getenv("ENDUSE_TEST_POSTGRES")
	if dsn == "" {
		if os.Getenv("ENDUSE_TEST_REQUIRE_SERVICES") == "1" {
			tb.Fatal("ENDUSE_TEST_POSTGRES is not set and ENDUSE_TEST_REQUIRE_SERVICES=1: " +
				"set it to a PostgreSQL 15+ DSN whose user may create schemas, e.g. postgres://enduse@127.0.0.1:5432/enduse_test")
		}
		tb.Skip("ENDUSE_TEST_POSTGRES is not set: skipping PostgreSQL tests " +
			"(set it to a PostgreSQL 15+ DSN whose user may create schemas)")
	}
	return dsn
}

// withSearchPath returns dsn with search_path set to schema, public (where
// pg_trgm lives).
func withSearchPath(tb testing.TB, dsn, schema string) string {
	tb.Helper()
	sp := schema + ",public"
	if u, err := url.Parse(dsn); err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		q := u.Query()
		q.Set("search_path", sp)
		u.RawQuery = q.Encode()
		return u.String()
	}
	return dsn + " search_path=" + sp
}

// freshSchema creates a uniquely named, empty schema, drops it when the
// test ends, and returns a DSN whose connections use it.
func freshSchema(tb testing.TB) string {
	tb.Helper()
	dsn := testDSN(tb)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		tb.Fatalf("connect %s: %v", redactDSN(dsn), err)
	}
	defer conn.Close(ctx)
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		tb.Fatal(err)
	}
	schema := "enduse_test_" + hex.EncodeToString(b[:])
	// pg_trgm in public, once for every test schema: an extension created
	// inside a test schema would be dropped with it.
	if _, err := conn.Exec(ctx, `CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public`); err != nil &&
		!strings.Contains(err.Error(), "already exists") {
		tb.Fatalf("create pg_trgm: %v", err)
	}
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+pgx.Identifier{schema}.Sanitize()); err != nil {
		tb.Fatalf("create schema: %v", err)
	}
	tb.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), dsn)
		if err != nil {
			tb.Errorf("drop schema %s: %v", schema, err)
			return
		}
		defer c.Close(context.Background())
		if _, err := c.Exec(context.Background(), "DROP SCHEMA "+pgx.Identifier{schema}.Sanitize()+" CASCADE"); err != nil {
			tb.Errorf("drop schema %s: %v", schema, err)
		}
	})
	return withSearchPath(tb, dsn, schema)
}

// openFresh opens a store in a fresh schema.
func openFresh(tb testing.TB) *DB {
	tb.Helper()
	db, err := Open(context.Background(), freshSchema(tb))
	if err != nil {
		tb.Fatalf("open: %v", err)
	}
	return db
}

func TestConformance(t *testing.T) {
	testDSN(t)
	storetest.Run(t, func(t *testing.T) enduse.Store { return openFresh(t) })
}

func TestListStore(t *testing.T) {
	testDSN(t)
	storetest.RunLists(t, func(t *testing.T) enduse.Store { return openFresh(t) })
}
