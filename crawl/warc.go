package crawl

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"time"

	"github.com/nlnwa/gowarc/v3"
)

// Archive writes the raw responses of a crawl to WARC 1.1 files (gzip per
// record, the form web archives and tools such as pywb and warcio read), so a
// crawl can be replayed or audited later exactly as the site served it.
// A POST list page is written with its request record, whose body is the
// query the page answers. It is safe for concurrent use.
type Archive struct {
	w   *gowarc.WarcFileWriter
	dir string
}

// OpenArchive starts WARC files in dir (created if missing), named
// PREFIX-TIMESTAMP-SERIAL-HOST.warc.gz and rolled over at maxSize bytes
// (0 = 1 GiB).
func OpenArchive(dir, prefix string, maxSize int64) (*Archive, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("warc: %w", err)
	}
	if maxSize <= 0 {
		maxSize = 1 << 30
	}
	w := gowarc.NewWarcFileWriter(
		gowarc.WithFileNameGenerator(&gowarc.PatternNameGenerator{Directory: dir, Prefix: prefix + "-"}),
		gowarc.WithCompression(true),
		gowarc.WithMaxFileSize(maxSize),
		gowarc.WithAddWarcConcurrentToHeader(true),
	)
	return &Archive{w: w, dir: dir}, nil
}

// Close finishes the current file.
func (a *Archive) Close() error { return a.w.Close() }

// recordOptions make the builder add the record id, length and digests.
func recordOptions() []gowarc.WarcRecordOption {
	return []gowarc.WarcRecordOption{
		gowarc.WithAddMissingRecordId(true), gowarc.WithAddMissingContentLength(true),
		gowarc.WithAddMissingDigest(true), gowarc.WithFixContentLength(true), gowarc.WithFixDigest(true),
	}
}

// Write archives one exchange: a response record (status line, headers as
// received after transport decoding, body) and, for a POST, the request.
func (a *Archive) Write(req Request, resp *Response) error {
	target := resp.URL
	if target == "" {
		target = req.URL
	}
	now := time.Now().UTC().Format(time.RFC3339)
	var head bytes.Buffer
	fmt.Fprintf(&head, "HTTP/1.1 %d %s\r\n", resp.Status, http.StatusText(resp.Status))
	h := resp.Header.Clone()
	if h == nil {
		h = http.Header{}
	}
	// The body is stored decoded; a Content-Encoding left in would lie.
	h.Del("Content-Encoding")
	h.Del("Transfer-Encoding")
	h.Set("Content-Length", fmt.Sprint(len(resp.Body)))
	h.Write(&head)
	head.WriteString("\r\n")
	rb := gowarc.NewRecordBuilder(gowarc.Response, recordOptions()...)
	rb.AddWarcHeader(gowarc.WarcTargetURI, target)
	rb.AddWarcHeader(gowarc.WarcDate, now)
	rb.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=response")
	rb.Write(head.Bytes())
	rb.Write(resp.Body)
	records := []gowarc.WarcRecord{}
	rec, _, err := rb.Build()
	if err != nil {
		return fmt.Errorf("warc: response record for %s: %w", target, err)
	}
	records = append(records, rec)
	if req.Method == http.MethodPost {
		u, _ := url.Parse(req.URL)
		var rq bytes.Buffer
		fmt.Fprintf(&rq, "POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n", u.RequestURI(), u.Host, req.ContentType, len(req.Body))
		rq.Write(req.Body)
		qb := gowarc.NewRecordBuilder(gowarc.Request, recordOptions()...)
		qb.AddWarcHeader(gowarc.WarcTargetURI, req.URL)
		qb.AddWarcHeader(gowarc.WarcDate, now)
		qb.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=request")
		qb.Write(rq.Bytes())
		q, _, err := qb.Build()
		if err != nil {
			return fmt.Errorf("warc: request record for %s: %w", req.URL, err)
		}
		records = append(records, q)
	}
	defer func() {
		for _, r := range records {
			r.Close()
		}
	}()
	for _, res := range a.w.Write(records...) {
		if res.Err != nil {
			return fmt.Errorf("warc: writing %s to %s: %w", target, a.dir, res.Err)
		}
	}
	return nil
}
