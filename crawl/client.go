// Package crawl fetches procurement notices from public sites politely:
// site profiles (data, see docs/crawl-profiles.md) say where the list pages
// and detail links are; the Client keeps to each host's rate and
// concurrency, honours robots.txt, retries 429/5xx/timeouts with
// exponential backoff and Retry-After, caps response sizes, makes
// conditional GETs and never follows a redirect off the profile's hosts.
package crawl

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// ErrOffSite is returned for a redirect to a host outside the profile.
var ErrOffSite = errors.New("redirect outside the profile's hosts")

// ErrTooLarge is returned for a response over Options.MaxBytes.
var ErrTooLarge = errors.New("response over the size cap")

// ErrDisallowed is returned for a URL that robots.txt disallows.
var ErrDisallowed = errors.New("disallowed by robots.txt")

// StatusError is an HTTP status that is not a success.
type StatusError struct{ Code int }

func (e *StatusError) Error() string { return fmt.Sprintf("HTTP %d", e.Code) }

// Options tunes a Client. Zero values take the defaults noted.
type Options struct {
	UserAgent string // sent on every request; should carry a contact ("enduse/1 (+mailto:…)")
	// Rate is the most requests per second to one host (0 = unlimited, for
	// tests and mirrors you own). Concurrency is the most requests in flight
	// to one host (0 = 1).
	Rate        float64
	Concurrency int
	Retries     int           // further attempts after a retryable failure; default 4
	Backoff     time.Duration // first retry delay, doubled each time; default 1s
	MaxBackoff  time.Duration // cap on one delay, Retry-After included; default 2m
	Timeout     time.Duration // per attempt; default 30s
	MaxBytes    int64         // response body cap; default 32 MiB
	// Hosts are the hosts redirects may go to (the request's own host is
	// always allowed).
	Hosts []string
	// IgnoreRobots skips robots.txt; the client logs that it does.
	IgnoreRobots bool
	Logger       *slog.Logger // nil = discard
	Transport    http.RoundTripper
}

// Response is one fetched resource.
type Response struct {
	URL          string // final URL after redirects
	Status       int
	Header       http.Header
	Body         []byte
	NotModified  bool // 304 to a conditional GET: Body is empty
	Attempts     int
	ETag         string
	LastModified string
}

// Client is a polite HTTP client shared by all fetches of one crawl. It is
// safe for concurrent use.
type Client struct {
	opt   Options
	http  *http.Client
	log   *slog.Logger
	mu    sync.Mutex
	hosts map[string]*hostState
}

// hostState is the politeness bookkeeping of one host.
type hostState struct {
	sem    chan struct{}
	mu     sync.Mutex
	next   time.Time // earliest start of the next request
	robots *robots   // nil until fetched
	robErr error
	once   sync.Once
}

// NewClient returns a Client with opt's defaults filled in.
func NewClient(opt Options) *Client {
	if opt.Retries == 0 {
		opt.Retries = 4
	}
	if opt.Retries < 0 {
		opt.Retries = 0
	}
	if opt.Backoff == 0 {
		opt.Backoff = time.Second
	}
	if opt.MaxBackoff == 0 {
		opt.MaxBackoff = 2 * time.Minute
	}
	if opt.Timeout == 0 {
		opt.Timeout = 30 * time.Second
	}
	if opt.MaxBytes == 0 {
		opt.MaxBytes = 32 << 20
	}
	if opt.Concurrency <= 0 {
		opt.Concurrency = 1
	}
	if opt.UserAgent == "" {
		opt.UserAgent = "enduse-crawler"
	}
	log := opt.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	c := &Client{opt: opt, log: log, hosts: map[string]*hostState{}}
	tr := opt.Transport
	if tr == nil {
		tr = http.DefaultTransport
	}
	c.http = &http.Client{
		Transport: tr,
		// Redirects are followed by Get, one request at a time through the
		// host's rate limit, and only to allowed hosts.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	if opt.IgnoreRobots {
		log.Warn("robots.txt is ignored by explicit override (--ignore-robots)")
	}
	return c
}

// allowedHost reports whether a redirect may go to u: its origin's host
// or one of Options.Hosts. Hosts are compared with their ports ("host" in
// a list matches only the default port), so another server on the same
// address is another site.
func (c *Client) allowedHost(u *url.URL, origin string) bool {
	if strings.EqualFold(u.Host, origin) {
		return true
	}
	return hostIn(u, c.opt.Hosts)
}

// hostIn reports whether u's host[:port] is one of hosts.
func hostIn(u *url.URL, hosts []string) bool {
	for _, a := range hosts {
		if strings.EqualFold(u.Host, a) || (u.Port() == "" && strings.EqualFold(u.Hostname(), a)) {
			return true
		}
	}
	return false
}

func (c *Client) host(u *url.URL) *hostState {
	c.mu.Lock()
	defer c.mu.Unlock()
	h := c.hosts[u.Host]
	if h == nil {
		h = &hostState{sem: make(chan struct{}, c.opt.Concurrency)}
		c.hosts[u.Host] = h
	}
	return h
}

// wait blocks until the host's rate allows another request.
func (c *Client) wait(ctx context.Context, h *hostState) error {
	if c.opt.Rate <= 0 {
		return nil
	}
	// 5% over the bare interval, so network jitter cannot squeeze rate+1
	// requests into one second at the server.
	gap := time.Duration(1.05 * float64(time.Second) / c.opt.Rate)
	h.mu.Lock()
	now := time.Now()
	start := h.next
	if start.Before(now) {
		start = now
	}
	h.next = start.Add(gap)
	h.mu.Unlock()
	return sleep(ctx, time.Until(start))
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Request is one fetch: a GET (conditional when ETag or LastModified is
// set) or, for list APIs that take their query in the body, a POST.
type Request struct {
	URL          string
	Method       string // GET when empty
	Body         []byte // POST body
	ContentType  string // of Body
	ETag         string
	LastModified string
}

// Get fetches rawURL. etag and lastModified, when set, make it a
// conditional GET.
func (c *Client) Get(ctx context.Context, rawURL, etag, lastModified string) (*Response, error) {
	return c.Do(ctx, Request{URL: rawURL, ETag: etag, LastModified: lastModified})
}

// Do makes one request. Retryable failures (429, 5xx, timeouts, truncated
// bodies, connection errors) are retried with backoff; the returned error
// names the URL and the last failure. A POST redirected with 301, 302 or
// 303 continues as a GET, as browsers do; 307 and 308 keep the POST.
func (c *Client) Do(ctx context.Context, r Request) (*Response, error) {
	rawURL := r.URL
	if r.Method == "" {
		r.Method = http.MethodGet
	}
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("crawl: bad URL %q", rawURL)
	}
	h := c.host(u)
	if !c.opt.IgnoreRobots && !strings.HasSuffix(u.Path, "/robots.txt") {
		ok, err := c.robotsAllow(ctx, h, u)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, fmt.Errorf("%s: %w", rawURL, ErrDisallowed)
		}
	}
	var last error
	origin := u.Host
	redirects := 0
	for attempt := 0; attempt <= c.opt.Retries; attempt++ {
		resp, delay, err := c.try(ctx, h, r)
		if err == nil && resp.Status >= 300 && resp.Status < 400 && resp.Status != http.StatusNotModified {
			loc, lerr := url.Parse(resp.Header.Get("Location"))
			if lerr != nil || resp.Header.Get("Location") == "" {
				return nil, fmt.Errorf("%s: HTTP %d without a usable Location", rawURL, resp.Status)
			}
			next, _ := url.Parse(r.URL)
			next = next.ResolveReference(loc)
			if !c.allowedHost(next, origin) {
				return nil, fmt.Errorf("%s: %w: %s", rawURL, ErrOffSite, next)
			}
			if redirects++; redirects > 10 {
				return nil, fmt.Errorf("%s: more than 10 redirects", rawURL)
			}
			r.URL = next.String()
			if r.Method != http.MethodGet && resp.Status != http.StatusTemporaryRedirect && resp.Status != http.StatusPermanentRedirect {
				r.Method, r.Body, r.ContentType = http.MethodGet, nil, ""
			}
			h = c.host(next)
			attempt--
			continue
		}
		if err == nil {
			resp.Attempts = attempt + 1
			return resp, nil
		}
		last = err
		if delay < 0 || ctx.Err() != nil {
			break
		}
		if delay == 0 {
			delay = c.opt.Backoff << attempt
		}
		if delay > c.opt.MaxBackoff {
			delay = c.opt.MaxBackoff
		}
		if attempt < c.opt.Retries {
			c.log.Info("retrying", "url", rawURL, "error", err, "in", delay)
			if err := sleep(ctx, delay); err != nil {
				return nil, fmt.Errorf("%s: %w", rawURL, err)
			}
		}
	}
	return nil, fmt.Errorf("%s: %w", rawURL, last)
}

// try makes one attempt. delay is <0 for a final failure, 0 for the
// default backoff, >0 for a server-given Retry-After.
func (c *Client) try(ctx context.Context, h *hostState, r Request) (*Response, time.Duration, error) {
	select {
	case h.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, -1, ctx.Err()
	}
	defer func() { <-h.sem }()
	if err := c.wait(ctx, h); err != nil {
		return nil, -1, err
	}
	actx, cancel := context.WithTimeout(ctx, c.opt.Timeout)
	defer cancel()
	var payload io.Reader
	if r.Body != nil {
		payload = bytes.NewReader(r.Body)
	}
	req, err := http.NewRequestWithContext(actx, r.Method, r.URL, payload)
	if err != nil {
		return nil, -1, err
	}
	req.Header.Set("User-Agent", c.opt.UserAgent)
	if r.ContentType != "" {
		req.Header.Set("Content-Type", r.ContentType)
	}
	if r.ETag != "" {
		req.Header.Set("If-None-Match", r.ETag)
	}
	if r.LastModified != "" {
		req.Header.Set("If-Modified-Since", r.LastModified)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		if errors.Is(err, ErrOffSite) {
			return nil, -1, ErrOffSite
		}
		if ctx.Err() != nil {
			return nil, -1, ctx.Err()
		}
		// Timeouts, resets and refused connections are all worth another
		// attempt.
		return nil, 0, err
	}
	defer resp.Body.Close()
	out := &Response{URL: resp.Request.URL.String(), Status: resp.StatusCode, Header: resp.Header,
		ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
	switch {
	case resp.StatusCode >= 300 && resp.StatusCode < 400 && resp.StatusCode != http.StatusNotModified:
		io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
		return out, 0, nil
	case resp.StatusCode == http.StatusNotModified:
		out.NotModified = true
		return out, 0, nil
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
		return nil, retryAfter(resp.Header.Get("Retry-After")), &StatusError{Code: resp.StatusCode}
	case resp.StatusCode >= 400:
		return nil, -1, &StatusError{Code: resp.StatusCode}
	}
	if resp.ContentLength > c.opt.MaxBytes {
		return nil, -1, fmt.Errorf("%w: %d bytes declared, cap %d", ErrTooLarge, resp.ContentLength, c.opt.MaxBytes)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.opt.MaxBytes+1))
	if err != nil {
		// A body cut short (io.ErrUnexpectedEOF) or a stalled one is worth
		// another try.
		return nil, 0, fmt.Errorf("reading body: %w", err)
	}
	if int64(len(body)) > c.opt.MaxBytes {
		return nil, -1, fmt.Errorf("%w: cap %d", ErrTooLarge, c.opt.MaxBytes)
	}
	if resp.ContentLength >= 0 && int64(len(body)) != resp.ContentLength {
		return nil, 0, fmt.Errorf("truncated body: %d of %d bytes", len(body), resp.ContentLength)
	}
	out.Body = body
	return out, 0, nil
}

// retryAfter parses a Retry-After header (seconds or an HTTP date); 0 when
// absent or unreadable.
func retryAfter(v string) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		if s == 0 {
			return time.Millisecond
		}
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := time.Until(t); d > 0 {
			return d
		}
		return time.Millisecond
	}
	return 0
}
