package crawl

import (
	"context"
	"time"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/ingest"
	"github.com/enduse/enduse/pipeline"
)

// IngestSaver saves fetched documents through the same ingest pipeline as
// `enduse ingest`: extraction, redaction and one stored document per
// distinct set of bytes. lease is how long the document's claim lasts on a
// store shared with other workers (0 = ingest.DefaultLease): a crawler
// killed mid-save holds its document that long, so a crawler with short
// URL leases wants short document claims too.
func IngestSaver(st enduse.DocumentStore, p *pipeline.Pipeline, lease time.Duration) SaveFunc {
	return func(ctx context.Context, doc *enduse.Document) (string, bool, error) {
		src := func(fn func(*enduse.Document, error) error) error { return fn(doc, nil) }
		sum, err := ingest.Run(ctx, st, p, src, ingest.Options{Workers: 1, Lease: lease})
		if err != nil {
			return "", false, err
		}
		return doc.SHA256, sum.Stored+sum.Failed > 0, nil
	}
}
