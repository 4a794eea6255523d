package ingest

import (
	"context"
	"errors"
	"fmt"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/attach"
	"github.com/enduse/enduse/document"
	"github.com/enduse/enduse/pipeline"
	"github.com/enduse/enduse/safetext"
)

// refreshAttempts bounds how often a notice is read again when further
// attachments arrive while it is being read (enduse.ErrChanged).
const refreshAttempts = 3

// refresh reads the stored notice sha again from its original bytes with
// every attachment stored for it, and replaces its stored notice, so the
// items and mentions of an attachment that arrived after its notice (a
// crawler downloads them after the page) belong to the notice. A parent
// stored without a notice (it failed, or is an attachment itself) is left
// as it is. fm and opt read the documents as the run read its inputs.
func refresh(ctx context.Context, r enduse.NoticeRefresher, p *pipeline.Pipeline, sha string, fm document.FieldMap, opt document.Options) (bool, error) {
	for attempt := 1; ; attempt++ {
		self, kids, err := r.Family(ctx, sha)
		if err != nil {
			return false, err
		}
		if self.Notice == nil {
			return false, nil
		}
		d, err := document.Reread(ctx, self.Document, fm, opt)
		if err != nil {
			return false, err
		}
		for _, k := range kids {
			if len(d.Children) == attach.MaxChildren {
				break
			}
			c, err := document.Reread(ctx, k.Document, fm, opt)
			if err != nil {
				// Stored as a failure at the time, or unreadable alone:
				// the notice is read without it, as it would have been.
				continue
			}
			d.Children = append(d.Children, c)
		}
		res, err := process(p, d)
		if err != nil {
			return false, fmt.Errorf("read %s again: %w", safetext.Escape(d.Source), err)
		}
		err = r.ReplaceNotice(ctx, d, res.Redacted, res.Notice, len(kids))
		if errors.Is(err, enduse.ErrChanged) && attempt < refreshAttempts {
			continue
		}
		return err == nil, err
	}
}
