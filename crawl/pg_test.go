package crawl

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/pipeline"
	"github.com/enduse/enduse/postgres"
)

// pgSchema makes a fresh schema on ENDUSE_TEST_POSTGRES (skipping when it
// is unset) and returns a DSN using it.
func pgSchema(t *testing.T) string {
	dsn := os.Getenv("ENDUSE_TEST_POSTGRES")
	if dsn == "" {
		t.Skip("ENDUSE_TEST_POSTGRES is not set")
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	schema := fmt.Sprintf("enduse_crawl_%d", time.Now().UnixNano())
	conn.Exec(ctx, `CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public`)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), dsn)
		if err == nil {
			c.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
			c.Close(context.Background())
		}
	})
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema+",public")
	u.RawQuery = q.Encode()
	return u.String()
}

// TestTwoCrawlersOnePostgres runs two crawlers, each with its own
// connection pool as separate processes would have, over one profile on
// one PostgreSQL: every notice URL is fetched once and stored once.
func TestTwoCrawlersOnePostgres(t *testing.T) {
	dsn := pgSchema(t)
	ctx := context.Background()
	base := loadNotices(t)
	var ns []notice
	for len(ns) < 30 {
		ns = append(ns, base...)
	}
	ns = ns[:30]
	profiles, _ := Shipped()
	r := newReplay(t, profiles["yichang"], ns, false)
	r.perPage = 5
	r.delay = 5 * time.Millisecond
	p, _ := profiles["yichang"].WithBase(r.srv.URL)
	r.profile = p
	pl, err := pipeline.New(pipeline.Config{})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	stats := make([]Stats, 2)
	for w := 0; w < 2; w++ {
		db, err := postgres.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		c := &Crawler{Profile: p, Frontier: db, Owner: fmt.Sprint("crawler", w), Workers: 2, Save: IngestSaver(db, pl, 0),
			Client: NewClient(Options{UserAgent: "enduse-test/1", Concurrency: 2, Hosts: p.AllowedHosts()})}
		if err := c.Seed(ctx, false); err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			st, err := c.Run(ctx)
			if err != nil {
				t.Error(err)
			}
			stats[w] = st
		}()
	}
	wg.Wait()
	r.mu.Lock()
	defer r.mu.Unlock()
	twice := 0
	for i := range ns {
		if n := r.ok[r.detailPath(i)]; n != 1 {
			twice++
			t.Errorf("%s fetched %d times", r.detailPath(i), n)
		}
	}
	for path, n := range r.hits {
		if n != 1 && path != "/robots.txt" {
			t.Errorf("%s requested %d times", path, n)
		}
	}
	db, _ := postgres.Open(ctx, dsn)
	defer db.Close()
	counts, _ := db.FrontierCounts(ctx, p.Name)
	if counts[enduse.FrontierDone] != len(r.hits)-1 {
		t.Errorf("frontier %v, %d URLs requested", counts, len(r.hits)-1)
	}
	t.Logf("crawler 0 %+v; crawler 1 %+v; %d notices, fetched more than once: %d", stats[0], stats[1], len(ns), twice)
}
