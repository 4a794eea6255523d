package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

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
	return func(ctx context.Context, name string, data []byte) (enduse.IngestOutcome, []string, error) {
		src := func(fn func(*enduse.Document, error) error) error {
			d, err := document.ParseContext(ctx, data, "upload/"+name, document.Options{})
			return fn(d, err)
		}
		sum, err := ingest.Run(ctx, st, p, src, ingest.Options{Workers: 1})
		if err != nil {
			return "", nil, fmt.Errorf("store %s: %w", name, err)
		}
		h := sha256.Sum256(data)
		ids := []string{hex.EncodeToString(h[:])}
		switch {
		case sum.Unreadable > 0:
			return "", nil, fmt.Errorf("%s: %s: %w", name, strings.Join(sum.Errors, "; "), enduse.ErrInvalid)
		case sum.Duplicates > 0:
			return enduse.OutcomeDuplicate, ids, nil
		case sum.Failed > 0:
			return enduse.OutcomeFailed, ids, nil
		case sum.Stored > 0:
			return enduse.OutcomeStored, ids, nil
		}
		return "", nil, fmt.Errorf("%s: nothing was read: %w", name, enduse.ErrInvalid)
	}
}
