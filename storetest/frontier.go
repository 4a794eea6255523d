package storetest

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/enduse/enduse"
)

// RunFrontier checks a store's enduse.Frontier: enqueue is idempotent,
// claims are leases that expire, a fetched body survives until done, and
// concurrent claimers never get the same URL. open returns a fresh store
// each call; shared, when non-nil, returns a second handle on the same
// database (another process's view).
func RunFrontier(t *testing.T, open func(t *testing.T) enduse.Frontier, shared func(t *testing.T, f enduse.Frontier) enduse.Frontier) {
	ctx := context.Background()
	t.Run("lifecycle", func(t *testing.T) {
		f := open(t)
		urls := []enduse.FrontierURL{{Site: "s", URL: "http://a/1", Kind: "detail", Title: "一"},
			{Site: "s", URL: "http://a/2", Kind: "detail"}, {Site: "s", URL: "http://a/list", Kind: "list"}}
		if n, err := f.Enqueue(ctx, urls); err != nil || n != 3 {
			t.Fatalf("enqueue = %d, %v; want 3", n, err)
		}
		if n, err := f.Enqueue(ctx, urls); err != nil || n != 0 {
			t.Fatalf("re-enqueue = %d, %v; want 0 new", n, err)
		}
		if _, err := f.Enqueue(ctx, []enduse.FrontierURL{{Site: "s"}}); err == nil {
			t.Fatal("enqueue without url: no error")
		}
		got, err := f.Claim(ctx, "s", "w1", 2, time.Minute)
		if err != nil || len(got) != 2 || got[0].URL != "http://a/1" || got[0].Title != "一" {
			t.Fatalf("claim = %+v, %v", got, err)
		}
		// Leased rows are not claimable again; the third is.
		again, _ := f.Claim(ctx, "s", "w2", 10, time.Minute)
		if len(again) != 1 || again[0].URL != "http://a/list" {
			t.Fatalf("second claim = %+v", again)
		}
		u := got[0]
		u.Body, u.ContentType, u.ETag = []byte("<html>x</html>"), "text/html", `"e1"`
		if err := f.MarkFetched(ctx, u); err != nil {
			t.Fatal(err)
		}
		if err := f.MarkFailed(ctx, "s", "http://a/2", "HTTP 500", time.Now().Add(-time.Second)); err != nil {
			t.Fatal(err)
		}
		if err := f.MarkDone(ctx, "s", "http://a/list", ""); err != nil {
			t.Fatal(err)
		}
		// a/2 is due again (retry in the past); a/1 is fetched but still leased.
		c3, _ := f.Claim(ctx, "s", "w3", 10, time.Minute)
		if len(c3) != 1 || c3[0].URL != "http://a/2" || c3[0].Reason != "HTTP 500" || c3[0].Attempts != 1 {
			t.Fatalf("claim after failure = %+v", c3)
		}
		if err := f.MarkFailed(ctx, "s", "http://a/2", "HTTP 404", time.Time{}); err != nil {
			t.Fatal(err)
		}
		counts, err := f.FrontierCounts(ctx, "s")
		if err != nil || counts[enduse.FrontierFetched] != 1 || counts[enduse.FrontierDone] != 1 || counts[enduse.FrontierFailed] != 1 {
			t.Fatalf("counts = %v, %v", counts, err)
		}
		if n, err := f.Requeue(ctx, "s", "list", ""); err != nil || n != 1 {
			t.Fatalf("requeue = %d, %v", n, err)
		}
	})
	t.Run("recheck requeues recent notices with their sha256 and validators", func(t *testing.T) {
		f := open(t)
		f.Enqueue(ctx, []enduse.FrontierURL{{Site: "s", URL: "http://a/old", Kind: "detail", Published: "2022-01-05"},
			{Site: "s", URL: "http://a/new", Kind: "detail", Published: "2022-05-10"},
			{Site: "s", URL: "http://a/undated", Kind: "detail"}})
		got, _ := f.Claim(ctx, "s", "w", 10, time.Minute)
		for _, u := range got {
			u.Body, u.ETag, u.LastModified = []byte("x"), `"v1"`, "Tue, 10 May 2022 08:00:00 GMT"
			if err := f.MarkFetched(ctx, u); err != nil {
				t.Fatal(err)
			}
			if err := f.MarkDone(ctx, "s", u.URL, "sha-"+u.URL); err != nil {
				t.Fatal(err)
			}
		}
		if n, err := f.Requeue(ctx, "s", "detail", "2022-05-01"); err != nil || n != 1 {
			t.Fatalf("requeue since 2022-05-01 = %d, %v; want 1 (only a/new)", n, err)
		}
		re, err := f.Claim(ctx, "s", "w", 10, time.Minute)
		if err != nil || len(re) != 1 {
			t.Fatalf("claim after recheck = %+v, %v", re, err)
		}
		if u := re[0]; u.URL != "http://a/new" || u.SHA256 != "sha-http://a/new" || u.ETag != `"v1"` || u.LastModified == "" || u.Attempts != 0 || len(u.Body) != 0 {
			t.Fatalf("rechecked URL = %+v; want a/new with its sha256 and validators, no body, attempts 0", u)
		}
	})
	t.Run("lease expiry keeps the fetched body", func(t *testing.T) {
		f := open(t)
		f.Enqueue(ctx, []enduse.FrontierURL{{Site: "s", URL: "http://a/1", Kind: "detail"}})
		got, _ := f.Claim(ctx, "s", "dead", 1, time.Millisecond)
		got[0].Body = []byte("kept")
		if err := f.MarkFetched(ctx, got[0]); err != nil {
			t.Fatal(err)
		}
		time.Sleep(5 * time.Millisecond)
		re, err := f.Claim(ctx, "s", "alive", 1, time.Minute)
		if err != nil || len(re) != 1 || re[0].State != enduse.FrontierFetched || string(re[0].Body) != "kept" {
			t.Fatalf("reclaim = %+v, %v", re, err)
		}
	})
	t.Run("concurrent claims are disjoint", func(t *testing.T) {
		f := open(t)
		var urls []enduse.FrontierURL
		for i := 0; i < 200; i++ {
			urls = append(urls, enduse.FrontierURL{Site: "s", URL: fmt.Sprintf("http://a/%03d", i), Kind: "detail"})
		}
		if _, err := f.Enqueue(ctx, urls); err != nil {
			t.Fatal(err)
		}
		handles := []enduse.Frontier{f, f, f, f}
		if shared != nil {
			handles[1], handles[3] = shared(t, f), shared(t, f)
		}
		var mu sync.Mutex
		seen := map[string]int{}
		var wg sync.WaitGroup
		for w, h := range handles {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					got, err := h.Claim(ctx, "s", fmt.Sprint("w", w), 7, time.Hour)
					if err != nil {
						t.Error(err)
						return
					}
					if len(got) == 0 {
						return
					}
					mu.Lock()
					for _, u := range got {
						seen[u.URL]++
					}
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		if len(seen) != 200 {
			t.Fatalf("claimed %d distinct URLs, want 200", len(seen))
		}
		for u, n := range seen {
			if n != 1 {
				t.Fatalf("%s claimed %d times", u, n)
			}
		}
	})
}
