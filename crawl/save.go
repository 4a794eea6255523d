package crawl

import (
	"context"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/ingest"
	"github.com/enduse/enduse/pipeline"
)

// IngestSaver saves fetched documents through the same ingest pipeline as
// `enduse ingest`: extraction, redaction and one stored document per
// distinct set of bytes.
func IngestSaver(st enduse.DocumentStore, p *pipeline.Pipeline) SaveFunc {
	return func(ctx context.Context, doc *enduse.Document) (string, bool, error) {
		src := func(fn func(*enduse.Document, error) error) error { return fn(doc, nil) }
		sum, err := ingest.Run(ctx, st, p, src, ingest.Options{Workers: 1})
		if err != nil {
			return "", false, err
		}
		return doc.SHA256, sum.Stored+sum.Failed > 0, nil
	}
}
