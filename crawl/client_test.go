package crawl

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestRetryAfter(t *testing.T) {
	for _, c := range []struct {
		in   string
		want time.Duration
	}{{"", 0}, {"3", 3 * time.Second}, {"0", time.Millisecond}, {"soon", 0}, {"-1", 0},
		{time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat), time.Millisecond}} {
		if got := retryAfter(c.in); got != c.want {
			t.Errorf("retryAfter(%q) = %v, want %v", c.in, got, c.want)
		}
	}
	if d := retryAfter(time.Now().Add(30 * time.Second).UTC().Format(http.TimeFormat)); d < 28*time.Second || d > 31*time.Second {
		t.Errorf("date Retry-After = %v", d)
	}
}

func TestRobots(t *testing.T) {
	body := []byte("User-agent: *\nDisallow: /private/\nAllow: /private/open\n\nUser-agent: enduse-crawler\nDisallow: /api/*.json$\n")
	r := parseRobots(body, "enduse-crawler")
	star := parseRobots(body, "other")
	for _, c := range []struct {
		rb   *robots
		path string
		want bool
	}{
		{star, "/private/x", false}, {star, "/private/open/1", true}, {star, "/public", true},
		{r, "/api/list.json", false}, {r, "/api/list.jsonp", true}, {r, "/private/x", true}, // own group replaces *
	} {
		if got := c.rb.allowed(c.path); got != c.want {
			t.Errorf("allowed(%q) = %v, want %v", c.path, got, c.want)
		}
	}
}

func TestClientFaults(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			http.NotFound(w, r)
		case "/big":
			w.Write([]byte(strings.Repeat("x", 2000)))
		case "/etag":
			if r.Header.Get("If-None-Match") == `"v1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", `"v1"`)
			w.Write([]byte("body"))
		case "/gone":
			http.Error(w, "gone", http.StatusGone)
		case "/flaky":
			if n.Add(1) < 3 {
				http.Error(w, "busy", http.StatusServiceUnavailable)
				return
			}
			w.Write([]byte("ok"))
		}
	}))
	defer srv.Close()
	c := NewClient(Options{MaxBytes: 1000, Backoff: time.Millisecond, UserAgent: "t"})
	ctx := context.Background()
	if _, err := c.Get(ctx, srv.URL+"/big", "", ""); !errors.Is(err, ErrTooLarge) {
		t.Errorf("big: %v, want ErrTooLarge", err)
	}
	r, err := c.Get(ctx, srv.URL+"/etag", "", "")
	if err != nil || r.ETag != `"v1"` {
		t.Fatalf("etag: %+v %v", r, err)
	}
	r, err = c.Get(ctx, srv.URL+"/etag", r.ETag, "")
	if err != nil || !r.NotModified {
		t.Errorf("conditional GET: %+v %v, want 304", r, err)
	}
	var se *StatusError
	if _, err := c.Get(ctx, srv.URL+"/gone", "", ""); !errors.As(err, &se) || se.Code != 410 {
		t.Errorf("gone: %v", err)
	}
	r, err = c.Get(ctx, srv.URL+"/flaky", "", "")
	if err != nil || r.Attempts != 3 || string(r.Body) != "ok" {
		t.Errorf("flaky: %+v %v, want success on the 3rd attempt", r, err)
	}
}
