package crawl

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/pipeline"
	"github.com/enduse/enduse/sqlite"
)

// crawlReplay crawls replay r into a fresh SQLite store and returns the
// run's stats and how often each URL was stored as new.
func crawlReplay(t *testing.T, r *replay, p *Profile, rate float64) (Stats, map[string]int, *sqlite.DB) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "crawl.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	pl, err := pipeline.New(pipeline.Config{})
	if err != nil {
		t.Fatal(err)
	}
	save := IngestSaver(db, pl, 0)
	var mu sync.Mutex
	stored := map[string]int{}
	c := &Crawler{
		Profile: p, Frontier: db, Owner: "test",
		Client: NewClient(Options{UserAgent: "enduse-test/1 (+mailto:test@example.org)", Rate: rate, Concurrency: 2,
			Backoff: 20 * time.Millisecond, Timeout: 300 * time.Millisecond, Hosts: p.AllowedHosts()}),
		Workers: 2,
		Save: func(ctx context.Context, d *enduse.Document) (string, bool, error) {
			sha, isNew, err := save(ctx, d)
			if isNew {
				mu.Lock()
				stored[d.URL]++
				mu.Unlock()
			}
			return sha, isNew, err
		},
	}
	if err := c.Seed(ctx, false); err != nil {
		t.Fatal(err)
	}
	st, err := c.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return st, stored, db
}

// TestReplayEveryProfile crawls a replay of every shipped profile with all
// faults injected: each reachable notice is stored exactly once, robots.txt
// and the off-site redirect keep two links out, and no host sees more
// requests per second than the rate.
func TestReplayEveryProfile(t *testing.T) {
	profiles, err := Shipped()
	if err != nil {
		t.Fatal(err)
	}
	if len(profiles) < 5 {
		t.Fatalf("%d shipped profiles, want ccgp, its contract subsite and ≥ 3 provincial", len(profiles))
	}
	ns := loadNotices(t)[:6]
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("off-site host was fetched: %s", r.URL)
	}))
	defer other.Close()
	const rate = 8.0
	for _, name := range Names(profiles) {
		t.Run(name, func(t *testing.T) {
			base := profiles[name]
			r := newReplay(t, base, ns, true)
			r.offsite = other.URL + "/elsewhere.html"
			p, err := base.WithBase(r.srv.URL)
			if err != nil {
				t.Fatal(err)
			}
			r.profile = p
			st, stored, db := crawlReplay(t, r, p, rate)
			for i := range ns {
				u := r.srv.URL + r.detailPath(i)
				if stored[u] != 1 {
					t.Errorf("notice %d (%s) stored %d times, want 1", i, u, stored[u])
				}
			}
			if len(stored) != len(ns) {
				t.Errorf("stored %d URLs, want %d: %v", len(stored), len(ns), stored)
			}
			counts, _ := db.FrontierCounts(context.Background(), p.Name)
			if counts[enduse.FrontierFailed] != 2 || counts[enduse.FrontierQueued] != 0 || counts[enduse.FrontierFetched] != 0 {
				t.Errorf("frontier %v: want 2 failed (robots, off-site), nothing left", counts)
			}
			// Arrivals are timed at the server: on a loaded machine one
			// request can be held back past the next, so a window may see
			// one more than the client's spacing sent; two more is a
			// limiter fault.
			if got := r.maxRate(); float64(got) > rate+1 {
				t.Errorf("%d requests in one second, rate is %v", got, rate)
			}
			t.Logf("%s: %+v, max %d req/s (limit %v)", name, st, r.maxRate(), rate)
		})
	}
}

// TestCrawledAttachments: a detail page links an equipment list and an
// award spreadsheet; the crawler fetches them after storing the page, and
// the stored notice ends with their items as its own (evidence naming the
// file), the attachments stored as its children with no notice of their
// own.
func TestCrawledAttachments(t *testing.T) {
	ns := loadNotices(t)[:2]
	profiles, _ := Shipped()
	r := newReplay(t, profiles["hainan"], ns, false)
	equip, err := os.ReadFile("../document/testdata/formats/equip.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	table, err := os.ReadFile("../document/testdata/formats/nb-table.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	r.files = map[int]map[string][]byte{1: {"equip.xlsx": equip, "table.xlsx": table}}
	p, _ := profiles["hainan"].WithBase(r.srv.URL)
	r.profile = p
	st, _, db := crawlReplay(t, r, p, 50)
	if st.New != 4 {
		t.Errorf("stats %+v: want 2 notices and 2 attachments stored", st)
	}
	stats, err := db.Stats(context.Background())
	if err != nil || stats.Documents != 2 || stats.Notices != 2 {
		t.Fatalf("store %+v %v: want 2 documents (attachments are not documents of their own), 2 notices", stats, err)
	}
	var page string
	for _, row := range mustQuery(t, db).Rows {
		if strings.Contains(row.Title, ns[1].Title) || row.Title == ns[1].Title {
			page = row.ID
		}
	}
	if page == "" {
		t.Fatalf("notice %q not found", ns[1].Title)
	}
	n, err := db.Notice(context.Background(), page)
	if err != nil {
		t.Fatal(err)
	}
	if len(n.Attachments) != 2 {
		t.Fatalf("notice lists %d attachments, want 2", len(n.Attachments))
	}
	from := map[string]int{}
	for _, it := range n.Items {
		if it.Evidence != nil && it.Evidence.Doc != "" {
			from[it.Evidence.File]++
		}
	}
	if from[r.srv.URL+"/files/1/equip.xlsx"] != 3 {
		t.Errorf("items by evidence file %v: want the equipment list's 3", from)
	}
}

func mustQuery(t *testing.T, db *sqlite.DB) *enduse.Result {
	t.Helper()
	res, err := db.Query(context.Background(), enduse.Filter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestSinceLast: an incremental run rereads only the first list pages and
// fetches only the notices published since.
func TestSinceLast(t *testing.T) {
	ns := loadNotices(t)
	profiles, _ := Shipped()
	r := newReplay(t, profiles["hainan"], ns[:4], false)
	r.perPage = 10 // everything on the first page, as a day's notices are
	p, _ := profiles["hainan"].WithBase(r.srv.URL)
	r.profile = p
	path := filepath.Join(t.TempDir(), "since.db")
	if st := crawlInto(t, path, p, "day1"); st.New != 4 {
		t.Fatalf("first run stored %d, want 4", st.New)
	}
	r.mu.Lock()
	r.notices = append(r.notices, ns[7]) // a new notice on the first page
	r.mu.Unlock()
	st := crawlIntoSince(t, path, p, "day2", true)
	if st.New != 1 || st.Lists != 1 {
		t.Errorf("incremental run %+v, want 1 new from 1 list page", st)
	}
}

// TestPostListURL: a POST channel's frontier key carries its body, values
// JSON-escaped in a JSON body and URL-escaped in a form.
func TestPostListURL(t *testing.T) {
	p, err := parseProfile([]byte(`{"name":"x","base_url":"http://h","channels":[
{"name":"j","list":"{base}/api","method":"post","body":"{\"kw\":\"{keyword}\",\"page\":{page},\"from\":\"{from}\"}","format":"json","items":"a","fields":{"url":"u"}},
{"name":"f","list":"{base}/form","method":"POST","body":"kw={keyword}&page={page}","format":"json","items":"a","fields":{"url":"u"}}]}`), "x.json")
	if err != nil {
		t.Fatal(err)
	}
	from := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)
	u, body := SplitPost(p.ListURL(&p.Channels[0], 3, `公安"局`, from, time.Time{}))
	if u != "http://h/api" || body != `{"kw":"公安\"局","page":3,"from":"2022-01-01"}` || p.Channels[0].ContentType != "application/json" {
		t.Errorf("json channel: %q %q %q", u, body, p.Channels[0].ContentType)
	}
	u, body = SplitPost(p.ListURL(&p.Channels[1], 1, "公安 局", time.Time{}, time.Time{}))
	if u != "http://h/form" || body != "kw=%E5%85%AC%E5%AE%89+%E5%B1%80&page=1" || p.Channels[1].ContentType != "application/x-www-form-urlencoded" {
		t.Errorf("form channel: %q %q %q", u, body, p.Channels[1].ContentType)
	}
	if u, body := SplitPost("http://h/list?page=2"); u != "http://h/list?page=2" || body != "" {
		t.Errorf("GET key split into %q %q", u, body)
	}
}

func TestProfileErrors(t *testing.T) {
	for _, c := range []struct{ json, want string }{
		{`{"name":"x"}`, "required"},
		{`{"name":"x","base_url":"nohost","channels":[{"name":"a","list":"{base}","format":"html","item":"(?P<url>x)"}]}`, "absolute"},
		{`{"name":"x","base_url":"http://h","channels":[{"name":"a","list":"{base}","format":"html","item":"("}]}`, "regexp"},
		{`{"name":"x","base_url":"http://h","channels":[{"name":"a","list":"{base}","format":"xml"}]}`, "format"},
		{`{"name":"x","base_url":"http://h","channels":[{"name":"a","list":"{base}","format":"json","items":"a"}]}`, "fields.url"},
		{`{"name":"x","base_url":"http://h","typo":1,"channels":[]}`, "unknown field"},
		{`{"name":"x","base_url":"http://h","channels":[{"name":"a","list":"{base}","format":"json","items":"a","fields":{"url":"u"},"body":"x=1"}]}`, "POST"},
		{`{"name":"x","base_url":"http://h","channels":[{"name":"a","list":"{base}","format":"json","items":"a","fields":{"url":"u"},"method":"PUT"}]}`, "GET or POST"},
		{`{"name":"x","base_url":"http://h","channels":[{"name":"a","list":"{base}","format":"json","items":"a","fields":{"url":"u"},"method":"POST","body":"{\"p\":{page}"}]}`, "not JSON"},
	} {
		_, err := parseProfile([]byte(c.json), "f.json")
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "f.json") {
			t.Errorf("%s: %v, want an error naming f.json and %q", c.json, err, c.want)
		}
	}
}
