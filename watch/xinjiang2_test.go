package watch_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/document"
	"github.com/enduse/enduse/ingest"
	"github.com/enduse/enduse/pipeline"
	"github.com/enduse/enduse/sqlite"
	"github.com/enduse/enduse/watch"
)

// x2Dir is the second constructed Xinjiang corpus (casestudy's Part B):
// 46 files, 24 in-scope announcements published as 33 documents (portal
// copies), and distractors.
var x2Dir = filepath.Join("..", "casestudy", "testdata", "xinjiang2")

// x2Truth is the part of its truth.json the watch test needs.
type x2Truth struct {
	Constructed   bool          `json:"constructed"`
	Query         enduse.Filter `json:"query"`
	Notices       int           `json:"notices"`
	Documents     int           `json:"documents"`
	Announcements []struct {
		Files []string `json:"files"`
	} `json:"announcements"`
}

// TestXinjiang2Batches: the watch over the second corpus, ingested in
// three batches where every portal copy arrives in a later batch than the
// first publication and batch two is ingested twice, records exactly one
// alert per announcement its query finds, each covering the files of one
// in-scope announcement.
func TestXinjiang2Batches(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the pipeline over a corpus")
	}
	ctx := context.Background()
	b, err := os.ReadFile(filepath.Join(x2Dir, "truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	var truth x2Truth
	if err := json.Unmarshal(b, &truth); err != nil || !truth.Constructed || len(truth.Announcements) != truth.Notices {
		t.Fatalf("truth.json: %v (constructed %v, %d announcements, %d notices)", err, truth.Constructed, len(truth.Announcements), truth.Notices)
	}
	all, err := filepath.Glob(filepath.Join(x2Dir, "notices", "*.html"))
	if err != nil || len(all) == 0 {
		t.Fatalf("corpus: %v", err)
	}
	sort.Strings(all)
	later := map[string]bool{} // copies: every file of an announcement but its first
	for _, a := range truth.Announcements {
		for _, f := range a.Files[1:] {
			later[f] = true
		}
	}
	var b1, b2, b3 []string
	i := 0
	for _, f := range all {
		switch {
		case later[filepath.Base(f)]:
			b3 = append(b3, f)
		case i%2 == 0:
			b1, i = append(b1, f), i+1
		default:
			b2, i = append(b2, f), i+1
		}
	}
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "x2.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p, err := pipeline.New(pipeline.Config{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := watch.Add(ctx, db, enduse.Watch{Name: "x2", Filter: truth.Query}, false); err != nil {
		t.Fatal(err)
	}
	for n, batch := range [][]string{b1, b2, b2, b3} {
		src := func(fn func(*enduse.Document, error) error) error {
			return document.Walk(ctx, batch, nil, document.Options{}, fn)
		}
		sum, err := ingest.Run(ctx, db, p, src, ingest.Options{Workers: 2})
		if err != nil {
			t.Fatal(err)
		}
		added, err := watch.Evaluate(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("run %d: %d files, %d stored, %d duplicates, %d new alerts", n+1, len(batch), sum.Stored, sum.Duplicates, len(added))
	}
	alerts, err := db.Alerts(ctx, enduse.AlertFilter{Watch: "x2"})
	if err != nil {
		t.Fatal(err)
	}
	// The watch answers what the query answers: one alert per announcement
	// the query finds, however the copies arrived. (How many of the truth's
	// announcements the extraction finds is the pipeline's measure, logged
	// here: a watch cannot alert on a notice the extractor misread.)
	res, err := db.Query(ctx, truth.Query)
	if err != nil {
		t.Fatal(err)
	}
	if len(alerts) != res.Notices || len(alerts) == 0 {
		t.Errorf("%d alerts, the query finds %d announcements", len(alerts), res.Notices)
	}
	fileAnn := map[string]int{}
	for i, a := range truth.Announcements {
		for _, f := range a.Files {
			fileAnn[f] = i
		}
	}
	perAnn := map[int]int{}
	for _, al := range alerts {
		sn, err := db.Notice(ctx, al.Notice)
		if err != nil {
			t.Fatal(err)
		}
		anns := map[int]bool{}
		for _, d := range append([]string{al.Notice}, sn.Copies...) {
			dn, err := db.Notice(ctx, d)
			if err != nil {
				t.Fatal(err)
			}
			i, ok := fileAnn[filepath.Base(dn.Source)]
			if !ok {
				t.Errorf("alert %d covers %s, which is out of scope", al.ID, dn.Source)
				continue
			}
			anns[i] = true
		}
		if len(anns) != 1 {
			t.Errorf("alert %d covers %d announcements, want 1", al.ID, len(anns))
		}
		for i := range anns {
			perAnn[i]++
		}
	}
	for i, n := range perAnn {
		if n != 1 {
			t.Errorf("announcement %v has %d alerts, want 1", truth.Announcements[i].Files, n)
		}
	}
	t.Logf("%d alerts = %d announcements found by the query, of %d in the truth", len(alerts), res.Notices, truth.Notices)
}
