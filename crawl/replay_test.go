package crawl

import (
	"bufio"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// notice is one real notice of testdata/yichang-notices.jsonl.
type notice struct {
	InfoID      string `json:"infoid"`
	Title       string `json:"title"`
	InfoDate    string `json:"infodate"`
	InfoURL     string `json:"infourl"`
	InfoContent string `json:"infocontent"`
}

func loadNotices(t testing.TB) []notice {
	f, err := os.Open("testdata/yichang-notices.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []notice
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<22)
	for sc.Scan() {
		var n notice
		if err := json.Unmarshal(sc.Bytes(), &n); err != nil {
			t.Fatal(err)
		}
		out = append(out, n)
	}
	return out
}

// replay serves one profile's site from saved notices: list pages (HTML
// or JSON, in the shape the profile reads), detail pages, robots.txt, and
// faults on chosen notices. It counts every request.
type replay struct {
	t       testing.TB
	profile *Profile
	notices []notice
	perPage int
	faults  bool
	delay   time.Duration // per detail page, to make kill tests land mid-crawl
	offsite string        // URL on another host a detail redirects to
	// files are attachments: notice index → file name → bytes, linked from
	// the notice's page and served under /files/<index>/<name>.
	files map[int]map[string][]byte

	mu    sync.Mutex
	hits  map[string]int // request URI → requests
	ok    map[string]int // detail path → 200 responses
	times []time.Time    // request arrivals (robots.txt included)
	srv   *httptest.Server
}

func newReplay(t testing.TB, p *Profile, ns []notice, faults bool) *replay {
	r := &replay{t: t, profile: p, notices: ns, perPage: 3, faults: faults, hits: map[string]int{}, ok: map[string]int{}}
	r.srv = httptest.NewServer(r)
	t.Cleanup(r.srv.Close)
	return r
}

// detailPath is notice i's path; the suffix fits the profile's item regexp.
func (r *replay) detailPath(i int) string {
	switch r.profile.Name {
	case "ccgp":
		return fmt.Sprintf("/cggg/dfgg/gkzb/d%d.htm", i)
	case "ccgp-contract":
		return fmt.Sprintf("/GS8/contract/d%d.shtml", i)
	}
	return fmt.Sprintf("/jyxx/003001/d%d.html", i)
}

// entries are the list's items: the notices, plus with faults one link
// robots.txt disallows and one that redirects off the site.
func (r *replay) entries() []string {
	var out []string
	for i := range r.notices {
		out = append(out, r.detailPath(i))
	}
	if r.faults {
		out = append(out, strings.Replace(r.detailPath(901), "/d901", "/private/d901", 1), r.detailPath(900))
	}
	return out
}

func (r *replay) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	r.hits[req.URL.RequestURI()]++
	n := r.hits[req.URL.RequestURI()]
	r.times = append(r.times, time.Now())
	r.mu.Unlock()
	if req.URL.Path == "/robots.txt" {
		if r.faults {
			fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
			return
		}
		http.NotFound(w, req)
		return
	}
	if strings.HasPrefix(req.URL.Path, "/private/") {
		r.t.Errorf("robots.txt disallows %s but it was fetched", req.URL.Path)
	}
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
	}
	for ci := range r.profile.Channels {
		ch := &r.profile.Channels[ci]
		if page, ok := r.listPage(ch, req, string(body)); ok {
			r.serveList(w, ch, page)
			return
		}
	}
	for i := range r.notices {
		if req.URL.Path == r.detailPath(i) {
			r.serveDetail(w, req, i, n)
			return
		}
		if req.URL.Path == "/moved"+r.detailPath(i) {
			r.writeDetail(w, req, i, false)
			return
		}
	}
	if rest, ok := strings.CutPrefix(req.URL.Path, "/files/"); ok {
		idx, name, _ := strings.Cut(rest, "/")
		i, _ := strconv.Atoi(idx)
		r.mu.Lock()
		b, ok := r.files[i][name]
		r.mu.Unlock()
		if ok {
			w.Write(b)
			return
		}
	}
	if req.URL.Path == r.detailPath(900) {
		http.Redirect(w, req, r.offsite, http.StatusFound)
		return
	}
	http.NotFound(w, req)
}

// listPage tells whether req is a list page of ch by expanding the
// template for the page numbers the replay has; a POST channel's page is
// told by its body, which must come with the channel's content type.
func (r *replay) listPage(ch *Channel, req *http.Request, body string) (int, bool) {
	for page := ch.FirstPage; page < ch.FirstPage+20; page++ {
		u, want := SplitPost(r.profile.ListURL(ch, page, "", time.Time{}, time.Time{}))
		if strings.TrimPrefix(u, r.profile.BaseURL) != req.URL.RequestURI() || req.Method != ch.Method {
			continue
		}
		if ch.Method == http.MethodPost && (body != want || req.Header.Get("Content-Type") != ch.ContentType) {
			continue
		}
		return page - ch.FirstPage, true
	}
	return 0, false
}

func (r *replay) serveList(w http.ResponseWriter, ch *Channel, page int) {
	all := r.entries()
	lo, hi := page*r.perPage, (page+1)*r.perPage
	lo, hi = min(lo, len(all)), min(hi, len(all))
	items := all[lo:hi]
	title := func(p string) (string, string) {
		for i, n := range r.notices {
			if r.detailPath(i) == p {
				return n.Title, n.InfoDate
			}
		}
		return "其他公告", "2025-03-21"
	}
	if ch.Format == "json" {
		var arr []map[string]any
		for _, p := range items {
			tt, d := title(p)
			if r.profile.Name == "xinjiang" {
				ms, _ := time.Parse("2006-01-02", d)
				arr = append(arr, map[string]any{"_source": map[string]any{"url": p, "title": tt, "publishDate": float64(ms.UnixMilli())}})
			} else {
				arr = append(arr, map[string]any{"infourl": p, "title": tt, "infodate": d, "categoryname": "中标结果公告"})
			}
		}
		var body any
		if r.profile.Name == "xinjiang" {
			body = map[string]any{"hits": map[string]any{"hits": arr}}
		} else {
			inner, _ := json.Marshal(map[string]any{"infodata": arr})
			body = map[string]any{"custom": string(inner)} // Epoint wraps it in a string
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(body)
		return
	}
	var b strings.Builder
	b.WriteString("<html><head><meta charset=\"utf-8\"><title>list</title></head><body><ul class=\"vT-srch-result-list-bid\">\n")
	for _, p := range items {
		tt, d := title(p)
		switch r.profile.Name {
		case "ccgp":
			fmt.Fprintf(&b, "<li>\n<a href=\"%s%s\" target=\"_blank\">%s</a>\n<p>…</p>\n<span>%s 10:30:00 | 采购人：宜昌市</span></li>\n",
				r.srv.URL, p, tt, strings.ReplaceAll(d, "-", "."))
		case "ccgp-contract":
			fmt.Fprintf(&b, "<li><a href=\"%s\" title=\"%s\" target=\"_blank\">%s</a><span>%s</span></li>\n", p, tt, tt, d)
		default:
			fmt.Fprintf(&b, "<li><em><a href=\"%s\">%s</a></em><i>%s</i></li>\n", p, tt, d)
		}
	}
	b.WriteString("</ul></body></html>")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(w, b.String())
}

// serveDetail injects faults on the first notices (first requests only).
func (r *replay) serveDetail(w http.ResponseWriter, req *http.Request, i, n int) {
	if r.delay > 0 {
		time.Sleep(r.delay)
	}
	if r.faults {
		switch {
		case i == 0 && n == 1:
			w.Header().Set("Retry-After", "1")
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		case i == 1 && n <= 2:
			http.Error(w, "oops", http.StatusInternalServerError)
			return
		case i == 2 && n == 1:
			time.Sleep(600 * time.Millisecond) // past the client's timeout
		case i == 3 && n == 1:
			body := r.page(i)
			w.Header().Set("Content-Length", strconv.Itoa(len(body)+500))
			w.Write([]byte(body[:len(body)/2]))
			return
		case i == 5:
			http.Redirect(w, req, "/moved"+r.detailPath(i), http.StatusMovedPermanently)
			return
		}
	}
	r.writeDetail(w, req, i, r.faults && i == 4)
}

func (r *replay) page(i int) string {
	n := r.notices[i]
	// The comment keeps replicas of one notice (kill tests serve a notice
	// under several paths) distinct documents.
	links := ""
	for _, name := range slices.Sorted(maps.Keys(r.files[i])) {
		links += fmt.Sprintf(`<p>附件：<a href="/files/%d/%s">%s</a></p>`, i, name, name)
	}
	return fmt.Sprintf("<html><head><title>%s</title></head><body><!-- replay %d --><h1>%s</h1>%s%s</body></html>", n.Title, i, n.Title, n.InfoContent, links)
}

// writeDetail serves notice i, as GBK without any charset declaration
// when gbk is set. It sends an ETag and answers a matching conditional GET
// with 304, as real sites do.
func (r *replay) writeDetail(w http.ResponseWriter, req *http.Request, i int, gbk bool) {
	r.mu.Lock()
	body := []byte(r.page(i))
	r.mu.Unlock()
	etag := fmt.Sprintf(`"%x"`, sha256.Sum256(body))
	w.Header().Set("ETag", etag)
	if req.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	r.mu.Lock()
	r.ok[r.detailPath(i)]++
	r.mu.Unlock()
	if gbk {
		enc, err := simplifiedchinese.GB18030.NewEncoder().Bytes(body)
		if err != nil {
			r.t.Errorf("GBK: %v", err)
		}
		w.Header().Set("Content-Type", "text/html")
		w.Write(enc)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(body)
}

// maxRate is the most requests that arrived in any window of one second.
func (r *replay) maxRate() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	best := 0
	for i := range r.times {
		n := 0
		for j := i; j < len(r.times) && r.times[j].Sub(r.times[i]) < time.Second; j++ {
			n++
		}
		best = max(best, n)
	}
	return best
}
