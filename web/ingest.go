package web

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/document"
	"github.com/enduse/enduse/ingest"
	"github.com/enduse/enduse/pipeline"
)

// PipelineIngest returns the IngestFunc that `enduse serve` uses when
// ingest is enabled: the upload is read like a file given to `enduse
// ingest` (format sniffed, decoded, run through the pipeline p) and saved
// in st. A document that cannot be read at all is ErrInvalid, naming the
// file and the problem.
func PipelineIngest(st enduse.DocumentStore, p *pipeline.Pipeline) IngestFunc {
	var mu sync.Mutex // one upload at a time: a store has one writer anyway
	return func(ctx context.Context, name string, data []byte) (enduse.IngestOutcome, []string, error) {
		mu.Lock()
		defer mu.Unlock()
		var ids []string
		src := func(fn func(*enduse.Document, error) error) error {
			collect := func(d *enduse.Document, err error) error {
				if d != nil {
					ids = append(ids, d.SHA256)
				}
				return fn(d, err)
			}
			// A crawler export is many notices; anything else is one.
			if document.IsRecordFile(name) {
				return document.ReadRecords(bytes.NewReader(data), "upload/"+name, nil, collect)
			}
			d, err := document.ParseContext(ctx, data, "upload/"+name, document.Options{})
			return collect(d, err)
		}
		sum, err := ingest.Run(ctx, st, p, src, ingest.Options{Workers: 1})
		if err != nil {
			return "", nil, fmt.Errorf("store %s: %w", name, err)
		}
		switch {
		case len(ids) == 0 && sum.Unreadable > 0:
			return "", nil, fmt.Errorf("%s: %s: %w", name, strings.Join(sum.Errors, "; "), enduse.ErrInvalid)
		case sum.Stored > 0:
			return enduse.OutcomeStored, ids, nil
		case sum.Failed > 0:
			return enduse.OutcomeFailed, ids, nil
		case sum.Duplicates > 0:
			return enduse.OutcomeDuplicate, ids, nil
		}
		return "", nil, fmt.Errorf("%s: nothing was read: %w", name, enduse.ErrInvalid)
	}
}
