package postgres

import (
	"context"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/storetest"
)

// The benchmarks run against $ENDUSE_TEST_POSTGRES over N generated
// notices (see gen_test.go), saved by 8 concurrent workers.
// ENDUSE_BENCH_NOTICES sets N (default 2000); ENDUSE_BENCH_DSN names a
// database (or search_path) to build once and reuse across runs, e.g.
//
//	ENDUSE_BENCH_NOTICES=200000 ENDUSE_BENCH_DSN='postgres://…/bench' \
//	  go test ./postgres -run '^$' -bench CaseStudy -benchtime 50x

// benchDB opens a database holding benchN generated notices.
func benchDB(b *testing.B) *DB {
	b.Helper()
	ctx := context.Background()
	n := storetest.BenchN(b)
	dsn := os.Getenv("ENDUSE_BENCH_DSN")
	if dsn == "" {
		dsn = freshSchema(b)
	}
	db, err := Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	st, err := db.Stats(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if st.Documents >= n {
		return db
	}
	calls := generate(1, n)[:n]
	start := time.Now()
	const workers = 8
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(calls); i += workers {
				c := calls[i]
				if _, err := db.SaveNotice(ctx, c.doc, c.redacted, c.notice, nil); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}
	b.Logf("saved %d notices with %d workers in %v (%.0f/s)", n, workers, time.Since(start), float64(n)/time.Since(start).Seconds())
	if err := db.Optimize(ctx); err != nil {
		b.Fatal(err)
	}
	return db
}

func BenchmarkQueryCaseStudy(b *testing.B) {
	db := benchDB(b)
	ctx := context.Background()
	f := storetest.CaseStudy()
	res, err := db.Query(ctx, f)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("case study over %d notices: %d announcements, %d documents, quantity %v", storetest.BenchN(b), res.Notices, res.Documents, res.Quantity)
	b.ResetTimer()
	for b.Loop() {
		if _, err := db.Query(ctx, f); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkQueryText(b *testing.B) {
	db := benchDB(b)
	ctx := context.Background()
	f := enduse.Filter{Text: "乌鲁木齐市公安局第3分局", From: "2022-01-01", To: "2022-12-31"}
	for b.Loop() {
		if _, err := db.Query(ctx, f); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBrandProfile(b *testing.B) {
	db := benchDB(b)
	ctx := context.Background()
	for b.Loop() {
		if _, err := db.BrandProfile(ctx, "Thermo Fisher Scientific"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSaveNotice(b *testing.B) {
	db := openFresh(b)
	defer db.Close()
	ctx := context.Background()
	g := newGenerator(2)
	var queue []saveArgs
	for b.Loop() {
		if len(queue) == 0 {
			queue = g.purchase()
		}
		c := queue[0]
		queue = queue[1:]
		if _, err := db.SaveNotice(ctx, c.doc, c.redacted, c.notice, nil); err != nil {
			b.Fatal(err)
		}
	}
}
