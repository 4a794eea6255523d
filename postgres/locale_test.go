package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/enduse/enduse"
)

func TestUTF8Locale(t *testing.T) {
	cases := []struct {
		name string
		want bool
	}{
		{"C.UTF-8", true},
		{"en_US.utf8", true},
		{"zh_CN.UTF-8", true},
		{"de_DE.utf8@euro", true},
		{"C", false},
		{"POSIX", false},
		{"en_US", false},
		{"zh_CN.GBK", false},
		{"", false},
	}
	for _, c := range cases {
		if got := utf8Locale(c.name); got != c.want {
			t.Errorf("utf8Locale(%q) = %v, want %v", c.name, got, c.want)
		}
	}
}

// TestOpenRefusesCLocale opens a database created under the C locale:
// Open must refuse it with a message naming the locale and the fix,
// before creating any table.
func TestOpenRefusesCLocale(t *testing.T) {
	dsn := testDSN(t)
	ctx := context.Background()
	u, err := url.Parse(dsn)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		t.Skip("ENDUSE_TEST_POSTGRES is not a URL: cannot name another database")
	}
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	defer conn.Close(ctx)
	var b [4]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	name := "enduse_c_" + hex.EncodeToString(b[:])
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name+" ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0"); err != nil {
		t.Skipf("cannot create a database: %v", err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), dsn)
		if err != nil {
			t.Errorf("drop database %s: %v", name, err)
			return
		}
		defer c.Close(context.Background())
		if _, err := c.Exec(context.Background(), "DROP DATABASE "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("drop database %s: %v", name, err)
		}
	})
	u.Path = "/" + name
	db, err := Open(ctx, u.String())
	if err == nil {
		db.Close()
		t.Fatal("Open succeeded on a C-locale database")
	}
	if !errors.Is(err, enduse.ErrInvalid) || !strings.Contains(err.Error(), `LC_CTYPE "C"`) || !strings.Contains(err.Error(), "UTF-8") {
		t.Errorf("err = %v, want ErrInvalid naming LC_CTYPE \"C\" and UTF-8", err)
	}
	c2, err := pgx.Connect(ctx, u.String())
	if err != nil {
		t.Fatalf("connect %s: %v", name, err)
	}
	defer c2.Close(ctx)
	var tables int
	if err := c2.QueryRow(ctx, `SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'`).Scan(&tables); err != nil {
		t.Fatal(err)
	}
	if tables != 0 {
		t.Errorf("refused Open created %d tables", tables)
	}
}
