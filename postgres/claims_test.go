package postgres

import (
	"context"
	"sync"
	"testing"
	"time"
)

// TestConcurrentClaims runs workers that, like ingest runs over the same
// inputs, claim each document before "parsing" and saving it: each
// document must be won by exactly one worker (parsed once) and stored
// once, with no claim left — also when a worker's claim races the save of
// another's (the insert waits on the saver's lock and must not win a
// stored document).
func TestConcurrentClaims(t *testing.T) {
	ctx := context.Background()
	dsn := freshSchema(t)
	docs := generate(7, 150)
	const workers = 6
	wins := make([]map[string]int, workers)
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := range workers {
		wins[w] = map[string]int{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			db, err := Open(ctx, dsn)
			if err != nil {
				errs <- err
				return
			}
			defer db.Close()
			owner := string(rune('a' + w))
			for _, a := range docs {
				ok, err := db.ClaimDocument(ctx, a.doc.SHA256, owner, time.Minute)
				if err != nil {
					errs <- err
					return
				}
				if !ok {
					continue
				}
				wins[w][a.doc.SHA256]++
				if _, err := db.SaveNotice(ctx, a.doc, a.redacted, a.notice, nil); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	total := map[string]int{}
	for _, m := range wins {
		for sha, n := range m {
			total[sha] += n
		}
	}
	distinct := map[string]bool{}
	for _, a := range docs {
		distinct[a.doc.SHA256] = true
	}
	for sha := range distinct {
		if total[sha] != 1 {
			t.Errorf("document %s won %d times, want once", sha[:8], total[sha])
		}
	}
	check, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer check.Close()
	var stored, claims int
	if err := check.pool.QueryRow(ctx, `SELECT (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM claims)`).Scan(&stored, &claims); err != nil {
		t.Fatal(err)
	}
	if stored != len(distinct) || claims != 0 {
		t.Errorf("%d documents stored and %d claims left, want %d and 0", stored, claims, len(distinct))
	}
}
