package enduse

import (
	"context"
	"time"
)

// FrontierState is where a crawled URL stands.
type FrontierState string

// Frontier states. A URL is queued until fetched; a fetched URL keeps its
// response until it is ingested (so a crash between the two never needs a
// refetch); done and failed are final for the run.
const (
	FrontierQueued  FrontierState = "queued"
	FrontierFetched FrontierState = "fetched"
	FrontierDone    FrontierState = "done"
	FrontierFailed  FrontierState = "failed"
)

// FrontierURL is one URL of a crawl and its state.
type FrontierURL struct {
	Site      string        `json:"site"`
	URL       string        `json:"url"`
	Kind      string        `json:"kind"`             // list, detail, attachment
	Parent    string        `json:"parent,omitempty"` // URL that linked it
	Title     string        `json:"title,omitempty"`  // from the list
	Published string        `json:"published,omitempty"`
	State     FrontierState `json:"state"`
	Attempts  int           `json:"attempts"`
	Reason    string        `json:"reason,omitempty"` // last failure
	NextTry   time.Time     `json:"next_try,omitempty"`
	// The response of a fetched URL, kept until it is ingested.
	Body         []byte `json:"-"`
	ContentType  string `json:"content_type,omitempty"`
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	SHA256       string `json:"sha256,omitempty"` // stored document, once done (kept when requeued)
}

// Frontier keeps crawl state in the store so a crawl resumes after a crash
// where it stopped and several crawlers can share one database. Claims
// are leases: a URL claimed by a crawler that dies is claimable again when
// its lease expires.
type Frontier interface {
	// Enqueue adds URLs not yet known for their site; it returns how many
	// were new.
	Enqueue(ctx context.Context, urls []FrontierURL) (int, error)
	// Claim leases up to n due URLs of site (queued, or fetched but not
	// ingested) to owner until now+lease.
	Claim(ctx context.Context, site, owner string, n int, lease time.Duration) ([]FrontierURL, error)
	// MarkFetched keeps the response of a claimed URL.
	MarkFetched(ctx context.Context, u FrontierURL) error
	// MarkDone records that the URL's response is stored (sha256 of the
	// document; empty for list pages) and drops the kept body.
	MarkDone(ctx context.Context, site, url, sha string) error
	// MarkFailed records a failure; a zero retry makes it final, else the
	// URL is queued again for then.
	MarkFailed(ctx context.Context, site, url, reason string, retry time.Time) error
	// Requeue queues again the done URLs of site of the given kind (list
	// pages for an incremental run; with publishedSince, a YYYY-MM-DD date,
	// only URLs published on or after it, to recheck recent notices),
	// returning how many. A requeued URL keeps its validators and the
	// sha256 of the document it gave last time.
	Requeue(ctx context.Context, site, kind, publishedSince string) (int, error)
	// FrontierCounts counts site's URLs by state.
	FrontierCounts(ctx context.Context, site string) (map[FrontierState]int, error)
}
