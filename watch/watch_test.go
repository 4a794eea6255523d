package watch_test

import (
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/casestudy"
	"github.com/enduse/enduse/document"
	"github.com/enduse/enduse/ingest"
	"github.com/enduse/enduse/pipeline"
	"github.com/enduse/enduse/sqlite"
	"github.com/enduse/enduse/watch"
)

// receiver is a local webhook receiver that checks signatures and counts
// each alert it is given. While down it drops connections unanswered, as
// a crashed receiver behind a load balancer does.
type receiver struct {
	t      *testing.T
	secret string
	down   atomic.Bool
	mu     sync.Mutex
	got    map[int64]int // alert id → times received
	groups map[string]int
	tries  atomic.Int64
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rc.tries.Add(1)
	if rc.down.Load() {
		hj, ok := w.(http.Hijacker)
		if !ok {
			rc.t.Error("receiver: cannot hijack")
			return
		}
		c, _, err := hj.Hijack()
		if err == nil {
			c.Close()
		}
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if sig := r.Header.Get("X-Enduse-Signature"); sig != watch.Signature(rc.secret, body) {
		rc.t.Errorf("receiver: bad signature %q", sig)
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	var p watch.Payload
	if err := json.Unmarshal(body, &p); err != nil || p.Type != "enduse.alert" || p.Alert.ID == 0 || len(p.Evidence) == 0 {
		rc.t.Errorf("receiver: bad payload %s (%v)", body, err)
		http.Error(w, "bad payload", http.StatusBadRequest)
		return
	}
	rc.mu.Lock()
	rc.got[p.Alert.ID]++
	rc.groups[p.Alert.Group]++
	rc.mu.Unlock()
	w.WriteHeader(http.StatusNoContent)
}

// source yields the named corpus files; mirror files are served as a copy
// of the named original with different bytes (another portal's copy of the
// same announcement).
func source(t *testing.T, names []string) ingest.Source {
	corpus := casestudy.Corpus()
	return func(fn func(*enduse.Document, error) error) error {
		for _, name := range names {
			orig, mirror := strings.CutPrefix(name, "mirror:")
			raw, err := fs.ReadFile(corpus, orig)
			if err != nil {
				t.Fatal(err)
			}
			src := path.Join("casestudy", "corpus", orig)
			if mirror {
				raw = append(slices.Clone(raw), []byte("\n<!-- mirrored copy -->\n")...)
				src = "mirror/" + orig
			}
			d, err := document.Parse(raw, src, document.Options{})
			if err := fn(d, err); err != nil {
				return err
			}
		}
		return nil
	}
}

// TestCaseStudyBatches is the acceptance test of watches: the watch
// "Seagate drives bought by Xinjiang public security" (the case study's
// filter) over the constructed corpus ingested in three batches, with the
// copies of announcements in later batches than their originals, more
// copies with other bytes in the last batch, and the first batch ingested
// again, yields exactly one alert per in-scope announcement; a webhook
// receiver that is down for the first batch receives every alert later,
// exactly once, and the JSON Lines file has each alert once.
func TestCaseStudyBatches(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the pipeline over the corpus")
	}
	ctx := context.Background()
	truth, err := casestudy.LoadTruth()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	db, err := sqlite.Open(ctx, filepath.Join(dir, "w.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p, err := pipeline.New(pipeline.Config{})
	if err != nil {
		t.Fatal(err)
	}
	w := enduse.Watch{Name: "Seagate drives bought by Xinjiang public security", Filter: truth.Filter}
	if n, err := watch.Add(ctx, db, w, false); err != nil || n != 0 {
		t.Fatalf("add watch = %d, %v; want 0 matches on an empty store", n, err)
	}

	// Batches: originals split in two, copies after their originals.
	all, err := fs.Glob(casestudy.Corpus(), "*.html")
	if err != nil {
		t.Fatal(err)
	}
	var originals, copies []string
	for _, f := range all {
		if strings.Contains(f, "-copy") {
			copies = append(copies, f)
		} else {
			originals = append(originals, f)
		}
	}
	if len(copies) == 0 {
		t.Fatal("corpus has no copies")
	}
	var b1, b2, b3 []string
	for i, f := range originals {
		if i%2 == 0 {
			b1 = append(b1, f)
		} else {
			b2 = append(b2, f)
		}
	}
	for _, c := range copies {
		orig := strings.Replace(c, "-ccgp-copy", "", 1)
		if slices.Contains(b1, orig) {
			b2 = append(b2, c)
		} else {
			b3 = append(b3, c)
		}
	}
	for _, f := range truth.Files {
		if !strings.Contains(f, "-copy") {
			b3 = append(b3, "mirror:"+f)
		}
	}
	b3 = append(b3, b1...) // the first batch again

	rc := &receiver{t: t, secret: "s3cret", got: map[int64]int{}, groups: map[string]int{}}
	srv := httptest.NewServer(rc)
	defer srv.Close()
	jsonl := filepath.Join(dir, "alerts.jsonl")
	sinks := []watch.Sink{
		watch.File{Path: jsonl},
		watch.Webhook{URL: srv.URL + "/hook", Secret: rc.secret, Client: srv.Client(), Attempts: 3, Backoff: time.Millisecond},
	}

	stored := 0
	for i, batch := range [][]string{b1, b2, b3} {
		rc.down.Store(i == 0)
		sum, err := ingest.Run(ctx, db, p, source(t, batch), ingest.Options{Workers: 2})
		if err != nil {
			t.Fatalf("batch %d: %v", i+1, err)
		}
		stored += sum.Stored + sum.Failed
		added, reps, err := watch.Run(ctx, db, sinks)
		if err != nil {
			t.Fatalf("batch %d: watch: %v", i+1, err)
		}
		t.Logf("batch %d: %d files, %d stored, %d duplicates; %d new alerts; deliveries %+v", i+1, len(batch), sum.Stored, sum.Duplicates, len(added), reps)
		if i == 0 {
			if reps[1].Delivered != 0 || reps[1].Failed != 1 || reps[1].Pending != len(added) || len(added) == 0 {
				t.Errorf("batch 1, receiver down: webhook report %+v; want 1 failed and all %d pending", reps[1], len(added))
			}
			if rc.tries.Load() != 3 {
				t.Errorf("receiver down: %d attempts, want 3 (retried with backoff)", rc.tries.Load())
			}
		}
		for _, r := range reps {
			if i > 0 && (r.Failed != 0 || r.Pending != 0) {
				t.Errorf("batch %d: %+v; want everything delivered", i+1, r)
			}
		}
	}
	if stored != len(all)+len(truth.Files)-len(copies) {
		t.Errorf("stored %d documents, want %d (every file and mirror once)", stored, len(all)+len(truth.Files)-len(copies))
	}

	alerts, err := db.Alerts(ctx, enduse.AlertFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(alerts) != truth.Notices {
		t.Errorf("%d alerts, want %d (one per in-scope announcement)", len(alerts), truth.Notices)
	}
	// Each alert stands for an in-scope announcement: the files of its
	// group (the document that matched and its copies) are in scope, and
	// every in-scope file, copies included, is in exactly one alert's group.
	alertsOf := map[string]int{}
	for _, a := range alerts {
		sn, err := db.Notice(ctx, a.Notice)
		if err != nil {
			t.Fatal(err)
		}
		files := map[string]bool{path.Base(sn.Source): true}
		for _, c := range sn.Copies {
			csn, err := db.Notice(ctx, c)
			if err != nil {
				t.Fatal(err)
			}
			files[path.Base(csn.Source)] = true
		}
		for f := range files {
			if !slices.Contains(truth.Files, f) {
				t.Errorf("alert %d (%s) covers out-of-scope %s", a.ID, a.Row.Title, f)
			}
			alertsOf[f]++
		}
	}
	for _, f := range truth.Files {
		if alertsOf[f] != 1 {
			t.Errorf("in-scope %s is in %d alerts, want 1", f, alertsOf[f])
		}
	}
	// The receiver got every alert exactly once, after being down.
	if len(rc.got) != len(alerts) {
		t.Errorf("receiver got %d alerts, want %d", len(rc.got), len(alerts))
	}
	for id, n := range rc.got {
		if n != 1 {
			t.Errorf("alert %d received %d times", id, n)
		}
	}
	for _, a := range alerts {
		ds, err := db.Deliveries(ctx, a.ID)
		if err != nil || len(ds) != 2 {
			t.Fatalf("deliveries of %d = %+v, %v", a.ID, ds, err)
		}
		for _, d := range ds {
			if d.State != enduse.DeliveryDelivered {
				t.Errorf("alert %d to %s: %s", a.ID, d.Target, d.State)
			}
		}
	}
	b, err := os.ReadFile(jsonl)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	seen := map[int64]bool{}
	for _, l := range lines {
		var p watch.Payload
		if err := json.Unmarshal([]byte(l), &p); err != nil {
			t.Fatalf("alerts.jsonl: %v", err)
		}
		if seen[p.Alert.ID] {
			t.Errorf("alerts.jsonl has alert %d twice", p.Alert.ID)
		}
		seen[p.Alert.ID] = true
	}
	if len(seen) != len(alerts) {
		t.Errorf("alerts.jsonl has %d alerts, want %d", len(seen), len(alerts))
	}
	t.Logf("%d alerts for %d in-scope announcements; receiver: %d requests, %d alerts", len(alerts), truth.Notices, rc.tries.Load(), len(rc.got))

	// Watches added over a filled store: by default what already matches is
	// the baseline (no alerts, now or on later runs); with backfill it alerts.
	for _, c := range []struct {
		name     string
		backfill bool
		want     int
	}{{"baseline", false, 0}, {"backfilled", true, truth.Notices}} {
		n, err := watch.Add(ctx, db, enduse.Watch{Name: c.name, Filter: truth.Filter}, c.backfill)
		if err != nil || n != truth.Notices {
			t.Fatalf("add %s = %d matches, %v; want %d", c.name, n, err, truth.Notices)
		}
		if added, err := watch.Evaluate(ctx, db); err != nil || len(added) != 0 {
			t.Fatalf("evaluate after adding %s = %d new, %v; want 0", c.name, len(added), err)
		}
		got, err := db.Alerts(ctx, enduse.AlertFilter{Watch: c.name})
		if err != nil || len(got) != c.want {
			t.Errorf("%s: %d alerts, %v; want %d", c.name, len(got), err, c.want)
		}
	}
}
