package cli

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCrawlCommand runs `enduse crawl` with a user profile pointed at a
// local server by --base-url, twice: the second run stores nothing new.
func TestCrawlCommand(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/list" && r.URL.Query().Get("p") == "1":
			fmt.Fprint(w, `<ul><li><a href="/n/1.html">某市公安局视频监控采购项目中标公告</a> 2022-05-12</li>
<li><a href="/n/2.html">某县法院硬盘采购成交公告</a> 2022-05-11</li></ul>`)
		case r.URL.Path == "/list":
			fmt.Fprint(w, `<ul></ul>`)
		case strings.HasPrefix(r.URL.Path, "/n/"):
			fmt.Fprintf(w, `<html><head><meta charset="utf-8"><title>公告 %s</title></head><body><p>采购人：某市公安局</p><p>中标金额：12,000.00元</p><p>%s</p></body></html>`, r.URL.Path, r.URL.Path)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	dir := t.TempDir()
	prof := filepath.Join(dir, "mine.json")
	os.WriteFile(prof, []byte(`{"name":"mine","base_url":"http://example.invalid","rate":0,"concurrency":1,
"channels":[{"name":"all","list":"{base}/list?p={page}&kw={keyword}","format":"html","first_page":1,
"item":"<a href=\"(?P<url>[^\"]+)\">(?P<title>[^<]+)</a>\\s*(?P<date>[0-9-]+)"}]}`), 0o644)
	db := filepath.Join(dir, "c.db")
	code, out, errs := run(t, "", "crawl", "--profile", prof, "--base-url", srv.URL, "--db", db, "--keyword", "公安")
	if code != 0 || !strings.Contains(out, "2 new") || !strings.Contains(out, "0 failed") {
		t.Fatalf("crawl: %d %q %q", code, out, errs)
	}
	if !strings.Contains(errs, "no contact configured") {
		t.Errorf("no warning about the missing contact: %q", errs)
	}
	code, out, _ = run(t, "", "crawl", "--profile", prof, "--base-url", srv.URL, "--db", db, "--keyword", "公安", "--since-last")
	if code != 0 || !strings.Contains(out, "0 new") {
		t.Fatalf("second crawl: %d %q", code, out)
	}
	warc := filepath.Join(dir, "warc")
	code, out, errs = run(t, "", "crawl", "--profile", prof, "--base-url", srv.URL, "--db", db, "--keyword", "公安",
		"--since-last", "--recheck-days", "36500", "--warc", warc)
	if code != 0 || !strings.Contains(out, "0 new, 0 updated, 2 unchanged") {
		t.Fatalf("recheck crawl: %d %q %q", code, out, errs)
	}
	if files, _ := filepath.Glob(filepath.Join(warc, "mine-*.warc.gz")); len(files) != 1 {
		t.Errorf("WARC files %v, want one mine-….warc.gz", files)
	}
	if code, _, errs = run(t, "", "crawl", "--profile", prof, "--db", db, "--recheck-days", "7"); code != 2 || !strings.Contains(errs, "--since-last") {
		t.Errorf("--recheck-days without --since-last: %d %q", code, errs)
	}
	code, out, _ = run(t, "", "query", "--db", db, "--text", "公安", "--json")
	if code != 0 || !strings.Contains(out, "/n/1.html") {
		t.Errorf("crawled notice not found by query: %d %.300s", code, out)
	}
}
