package crawl

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/document"
)

// Frontier kinds. A channel's first list page is a "list" (requeued by
// incremental runs); later pages are "page"; notices are "detail";
// attachment links of a detail page are "attachment".
const (
	KindList       = "list"
	KindPage       = "page"
	KindDetail     = "detail"
	KindAttachment = "attachment"
)

// SaveFunc stores one fetched document through the ingest pipeline and
// returns its sha256 and whether it was new.
type SaveFunc func(ctx context.Context, doc *enduse.Document) (sha string, isNew bool, err error)

// Crawler walks one profile's channels into the store.
type Crawler struct {
	Profile  *Profile
	Client   *Client
	Frontier enduse.Frontier
	Save     SaveFunc
	Owner    string        // this crawler's name in leases
	Workers  int           // parallel fetches; default the profile's concurrency
	Lease    time.Duration // default 5m
	Keyword  string
	From, To time.Time
	// MaxAttempts is how many times a URL that keeps failing is retried
	// across runs before it is failed for good; default 3.
	MaxAttempts int
	// Recheck, with an incremental Seed, also queues again the notices
	// published within this long before now, so a notice corrected in
	// place (same URL, new text) is fetched again — as a conditional GET,
	// so an unchanged page costs the site a 304. Zero rechecks nothing.
	Recheck time.Duration
	// Archive, when set, receives every fetched response (WARC).
	Archive *Archive
	// Progress, when set, is called after each URL.
	Progress func(Stats)

	mu    sync.Mutex
	stats Stats
}

// Stats counts what a run did.
type Stats struct {
	Lists    int `json:"lists"`     // list pages read
	New      int `json:"new"`       // notices and attachments stored for the first time
	Updated  int `json:"updated"`   // rechecked notices whose page changed: the new text is stored beside the old
	Same     int `json:"unchanged"` // fetched bytes already stored, or a recheck answered 304
	Failed   int `json:"failed"`    // URLs failed for good this run
	Retrying int `json:"retrying"`  // URLs queued again after a failure
	Fetches  int `json:"fetches"`   // HTTP fetches made (robots.txt excluded)
	Resumed  int `json:"resumed"`   // fetched before a crash, ingested now without a refetch
	Queued   int `json:"queued"`    // URLs still to do when the run ended
}

func (c *Crawler) add(f func(*Stats)) {
	c.mu.Lock()
	f(&c.stats)
	s := c.stats
	c.mu.Unlock()
	if c.Progress != nil {
		c.Progress(s)
	}
}

// Seed queues the first list page of every channel. incremental requeues
// first pages already read, for a --since-last run.
func (c *Crawler) Seed(ctx context.Context, incremental bool) error {
	if incremental {
		if _, err := c.Frontier.Requeue(ctx, c.Profile.Name, KindList, ""); err != nil {
			return err
		}
		if c.Recheck > 0 {
			since := time.Now().Add(-c.Recheck).Format("2006-01-02")
			if _, err := c.Frontier.Requeue(ctx, c.Profile.Name, KindDetail, since); err != nil {
				return err
			}
		}
	}
	var urls []enduse.FrontierURL
	for i := range c.Profile.Channels {
		ch := &c.Profile.Channels[i]
		urls = append(urls, enduse.FrontierURL{Site: c.Profile.Name, Kind: KindList, Parent: ch.Name,
			Title: strconv.Itoa(ch.FirstPage), URL: c.Profile.ListURL(ch, ch.FirstPage, c.Keyword, c.From, c.To)})
	}
	_, err := c.Frontier.Enqueue(ctx, urls)
	return err
}

// Run works the frontier until nothing of the profile is left to do (or
// ctx ends), returning the run's stats.
func (c *Crawler) Run(ctx context.Context) (Stats, error) {
	workers := c.Workers
	if workers <= 0 {
		workers = max(1, c.Profile.Concurrency)
	}
	lease := c.Lease
	if lease <= 0 {
		lease = 5 * time.Minute
	}
	site := c.Profile.Name
	for ctx.Err() == nil {
		batch, err := c.Frontier.Claim(ctx, site, c.Owner, workers, lease)
		if err != nil {
			return c.stats, err
		}
		if len(batch) == 0 {
			counts, err := c.Frontier.FrontierCounts(ctx, site)
			if err != nil {
				return c.stats, err
			}
			left := counts[enduse.FrontierQueued] + counts[enduse.FrontierFetched]
			if left == 0 {
				break
			}
			// Due later (a retry) or leased by another crawler.
			if err := sleep(ctx, 200*time.Millisecond); err != nil {
				break
			}
			continue
		}
		var wg sync.WaitGroup
		errs := make([]error, len(batch))
		for i := range batch {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = c.one(ctx, batch[i])
			}()
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			return c.stats, err
		}
	}
	counts, _ := c.Frontier.FrontierCounts(context.WithoutCancel(ctx), site)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stats.Queued = counts[enduse.FrontierQueued] + counts[enduse.FrontierFetched]
	return c.stats, ctx.Err()
}

// one handles a claimed URL; only store failures are returned, fetch
// failures are recorded in the frontier.
func (c *Crawler) one(ctx context.Context, u enduse.FrontierURL) error {
	if u.State != enduse.FrontierFetched {
		// A page read before (--since-last, --recheck) carries its
		// validators: an unchanged page costs the site a 304.
		req := Request{URL: u.URL, ETag: u.ETag, LastModified: u.LastModified}
		if target, body := SplitPost(u.URL); body != "" || target != u.URL {
			req = Request{URL: target, Method: "POST", Body: []byte(body)}
			if ch := c.channel(u.Parent); ch != nil {
				req.ContentType = ch.ContentType
			}
		}
		resp, err := c.Client.Do(ctx, req)
		c.add(func(s *Stats) { s.Fetches++ })
		if err != nil {
			if ctx.Err() != nil {
				return nil // lease expires; the URL is claimed again next run
			}
			return c.fail(ctx, u, err)
		}
		if c.Archive != nil {
			if werr := c.Archive.Write(req, resp); werr != nil {
				return werr
			}
		}
		if resp.NotModified {
			c.add(func(s *Stats) {
				if u.Kind == KindList || u.Kind == KindPage {
					s.Lists++
				} else {
					s.Same++
				}
			})
			return c.Frontier.MarkDone(context.WithoutCancel(ctx), u.Site, u.URL, u.SHA256)
		}
		u.Body, u.ContentType, u.ETag, u.LastModified = resp.Body, resp.Header.Get("Content-Type"), resp.ETag, resp.LastModified
		if err := c.Frontier.MarkFetched(context.WithoutCancel(ctx), u); err != nil {
			return err
		}
	} else {
		c.add(func(s *Stats) { s.Resumed++ })
	}
	// From here the body is safe in the frontier: a crash ingests it next
	// run without fetching again.
	ctx = context.WithoutCancel(ctx)
	switch u.Kind {
	case KindList, KindPage:
		return c.list(ctx, u)
	default:
		return c.detail(ctx, u)
	}
}

func (c *Crawler) fail(ctx context.Context, u enduse.FrontierURL, err error) error {
	max := c.MaxAttempts
	if max <= 0 {
		max = 3
	}
	retry := time.Time{}
	final := errors.Is(err, ErrDisallowed) || errors.Is(err, ErrOffSite) || errors.Is(err, ErrTooLarge)
	var se *StatusError
	if errors.As(err, &se) && se.Code >= 400 && se.Code < 500 && se.Code != 429 {
		final = true
	}
	if !final && u.Attempts+1 < max {
		retry = time.Now().Add(time.Duration(1<<u.Attempts) * time.Second)
		c.add(func(s *Stats) { s.Retrying++ })
	} else {
		c.add(func(s *Stats) { s.Failed++ })
	}
	return c.Frontier.MarkFailed(context.WithoutCancel(ctx), u.Site, u.URL, err.Error(), retry)
}

func (c *Crawler) channel(name string) *Channel {
	for i := range c.Profile.Channels {
		if c.Profile.Channels[i].Name == name {
			return &c.Profile.Channels[i]
		}
	}
	return nil
}

// list queues a list page's notices and, while the page has entries, the
// next page.
func (c *Crawler) list(ctx context.Context, u enduse.FrontierURL) error {
	ch := c.channel(u.Parent)
	if ch == nil {
		return c.Frontier.MarkFailed(ctx, u.Site, u.URL, fmt.Sprintf("channel %q is not in profile %s", u.Parent, c.Profile.Name), time.Time{})
	}
	text := string(u.Body)
	if ch.Format == "html" {
		t, _, err := document.DecodeHTML(u.Body, u.ContentType)
		if err != nil {
			return c.fail(ctx, u, err)
		}
		text = t
	}
	entries, err := c.Profile.ParseList(ch, u.URL, text)
	if err != nil {
		c.add(func(s *Stats) { s.Failed++ })
		return c.Frontier.MarkFailed(ctx, u.Site, u.URL, err.Error(), time.Time{})
	}
	var next []enduse.FrontierURL
	for _, e := range entries {
		next = append(next, enduse.FrontierURL{Site: u.Site, URL: e.URL, Kind: KindDetail, Parent: u.URL, Title: e.Title, Published: e.Date})
	}
	page, _ := strconv.Atoi(u.Title)
	if len(entries) > 0 && page+1 < ch.FirstPage+ch.MaxPages {
		next = append(next, enduse.FrontierURL{Site: u.Site, Kind: KindPage, Parent: ch.Name, Title: strconv.Itoa(page + 1),
			URL: c.Profile.ListURL(ch, page+1, c.Keyword, c.From, c.To)})
	}
	if _, err := c.Frontier.Enqueue(ctx, next); err != nil {
		return err
	}
	c.add(func(s *Stats) { s.Lists++ })
	return c.Frontier.MarkDone(ctx, u.Site, u.URL, "")
}

// detail stores a notice or attachment and queues a notice's attachments.
func (c *Crawler) detail(ctx context.Context, u enduse.FrontierURL) error {
	doc, err := document.ParseContext(ctx, u.Body, u.URL, document.Options{})
	if err != nil || doc == nil {
		// Parse failures are still stored by ingest with the reason;
		// document.Parse failing outright means unreadable bytes.
		c.add(func(s *Stats) { s.Failed++ })
		return c.Frontier.MarkFailed(ctx, u.Site, u.URL, fmt.Sprintf("parse: %v", err), time.Time{})
	}
	doc.URL = u.URL
	doc.Fetched = time.Now().UTC()
	if u.Title != "" && u.Kind == KindDetail {
		doc.Title = u.Title
	}
	if u.Published != "" {
		doc.Published = u.Published
	}
	if u.Kind == KindAttachment {
		doc.Parent = u.Parent
	}
	sha, isNew, err := c.Save(ctx, doc)
	if err != nil {
		return err
	}
	c.add(func(s *Stats) {
		switch {
		case u.SHA256 != "" && sha != u.SHA256:
			s.Updated++ // a recheck found new text at a known URL
		case isNew:
			s.New++
		default:
			s.Same++
		}
	})
	if u.Kind == KindDetail && sha != u.SHA256 {
		var att []enduse.FrontierURL
		for _, a := range c.Profile.Attachments(u.URL, string(u.Body)) {
			// For attachments Parent is the sha256 of the notice that links
			// them, so they are stored as its child documents.
			att = append(att, enduse.FrontierURL{Site: u.Site, URL: a, Kind: KindAttachment, Parent: sha})
		}
		if _, err := c.Frontier.Enqueue(ctx, att); err != nil {
			return err
		}
	}
	return c.Frontier.MarkDone(ctx, u.Site, u.URL, sha)
}
