package crawl

import (
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/pipeline"
	"github.com/enduse/enduse/sqlite"
)

// crawlInto crawls profile p into the SQLite file at path until done.
func crawlInto(t testing.TB, path string, p *Profile, owner string) Stats {
	return crawlIntoSince(t, path, p, owner, false)
}

// crawlIntoSince is crawlInto, incremental when sinceLast is set.
func crawlIntoSince(t testing.TB, path string, p *Profile, owner string, sinceLast bool) Stats {
	return crawlWith(t, path, p, owner, sinceLast, nil)
}

// crawlWith is crawlIntoSince with the crawler adjusted by set (recheck,
// archive) before it seeds.
func crawlWith(t testing.TB, path string, p *Profile, owner string, sinceLast bool, set func(*Crawler)) Stats {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	pl, err := pipeline.New(pipeline.Config{})
	if err != nil {
		t.Fatal(err)
	}
	const lease = 2 * time.Second
	c := &Crawler{Profile: p, Frontier: db, Owner: owner, Workers: 4, Save: IngestSaver(db, pl, lease),
		Lease:  lease,
		Client: NewClient(Options{UserAgent: "enduse-test/1", Concurrency: 2, Backoff: 10 * time.Millisecond, Hosts: p.AllowedHosts()})}
	if set != nil {
		set(c)
	}
	if err := c.Seed(ctx, sinceLast); err != nil {
		t.Fatal(err)
	}
	st, err := c.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// TestKillChild is the crawler process TestKill9Resume kills; it runs only
// when that test starts it.
func TestKillChild(t *testing.T) {
	path, base := os.Getenv("ENDUSE_CRAWL_CHILD_DB"), os.Getenv("ENDUSE_CRAWL_CHILD_BASE")
	if path == "" {
		t.Skip("helper process of TestKill9Resume")
	}
	profiles, err := Shipped()
	if err != nil {
		t.Fatal(err)
	}
	p, err := profiles["yichang"].WithBase(base)
	if err != nil {
		t.Fatal(err)
	}
	crawlInto(t, path, p, "child")
}

// TestKill9Resume kills a crawling process with SIGKILL mid-crawl and
// crawls again: every notice is stored (0 lost) and no URL whose response
// had reached the store is fetched again (0 refetched).
func TestKill9Resume(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a subprocess")
	}
	base := loadNotices(t)
	var ns []notice
	for len(ns) < 40 {
		ns = append(ns, base...)
	}
	ns = ns[:40]
	profiles, _ := Shipped()
	r := newReplay(t, profiles["yichang"], ns, false)
	r.perPage = 5
	r.delay = 25 * time.Millisecond
	p, _ := profiles["yichang"].WithBase(r.srv.URL)
	r.profile = p
	path := filepath.Join(t.TempDir(), "kill.db")

	cmd := exec.Command(os.Args[0], "-test.run=^TestKillChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), "ENDUSE_CRAWL_CHILD_DB="+path, "ENDUSE_CRAWL_CHILD_BASE="+r.srv.URL)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	served := func() int {
		r.mu.Lock()
		defer r.mu.Unlock()
		n := 0
		for _, v := range r.ok {
			n += v
		}
		return n
	}
	deadline := time.Now().Add(60 * time.Second)
	for served() < 15 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL: no clean-up runs
		t.Fatal(err)
	}
	cmd.Wait()
	if served() >= len(ns) {
		t.Fatalf("the child finished before it was killed (%d served)", served())
	}

	// What the store had at the kill.
	had := map[string]bool{}
	before := map[string]int{}
	r.mu.Lock()
	for k, v := range r.ok {
		before[k] = v
	}
	r.mu.Unlock()
	for i := range ns {
		u := r.srv.URL + r.detailPath(i)
		st := frontierState(t, path, p.Name, u)
		if st == enduse.FrontierFetched || st == enduse.FrontierDone {
			had[r.detailPath(i)] = true
		}
	}

	st := crawlInto(t, path, p, "restart")
	lost, refetched, inflight := 0, 0, 0
	for i := range ns {
		dp := r.detailPath(i)
		if frontierState(t, path, p.Name, r.srv.URL+dp) != enduse.FrontierDone {
			lost++
		}
		r.mu.Lock()
		after := r.ok[dp]
		r.mu.Unlock()
		if had[dp] && after != before[dp] {
			refetched++
		}
		if !had[dp] && before[dp] > 0 {
			inflight++ // served but the child died before recording it
		}
	}
	t.Logf("killed after %d notices served; %d had reached the store; restart %+v; lost %d, refetched %d, in flight at the kill %d",
		len(before), len(had), st, lost, refetched, inflight)
	if lost != 0 || refetched != 0 {
		t.Fatalf("lost %d, refetched %d; want 0 and 0", lost, refetched)
	}
}

// frontierState reads one URL's state straight from the database file.
func frontierState(t testing.TB, path, site, u string) enduse.FrontierState {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var s string
	err = db.QueryRow(`SELECT state FROM frontier WHERE site = ? AND url = ?`, site, u).Scan(&s)
	if err == sql.ErrNoRows {
		return ""
	}
	if err != nil {
		t.Fatal(err)
	}
	return enduse.FrontierState(s)
}
