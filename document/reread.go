package document

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/safetext"
)

// Reread reads a stored document again from its original bytes, as Parse
// (or, for a JSON export record, ReadRecords) first read them, and gives
// it back the metadata it was stored with: source, URL, record id, title,
// publication date and parent. An export record is read with fm, the
// field map it was read with (nil: detected from its keys); a CSV export
// record cannot be read alone (its header is elsewhere in the file): that
// is ErrUnsupported.
func Reread(ctx context.Context, stored *enduse.Document, fm FieldMap, opt Options) (*enduse.Document, error) {
	var d *enduse.Document
	if stored.RecordID != "" {
		if raw := bytes.TrimSpace(stored.Raw); len(raw) == 0 || raw[0] != '{' {
			return nil, fmt.Errorf("read %s again: a record of a CSV export: %w", safetext.Escape(stored.Source), ErrUnsupported)
		}
		stop := errors.New("first record")
		err := ReadRecordsContext(ctx, bytes.NewReader(stored.Raw), stored.Source, fm, opt.budget(), func(r *enduse.Document, err error) error {
			if err != nil {
				return err
			}
			d = r
			return stop
		})
		if err != nil && !errors.Is(err, stop) {
			return nil, fmt.Errorf("read %s again: %w", safetext.Escape(stored.Source), err)
		}
		if d == nil {
			return nil, fmt.Errorf("read %s again: the stored record is empty: %w", safetext.Escape(stored.Source), enduse.ErrInvalid)
		}
		d.Raw = stored.Raw // the record's bytes exactly, as stored
	} else {
		var err error
		if d, err = ParseContext(ctx, stored.Raw, stored.Source, opt); err != nil {
			return nil, err
		}
	}
	d.SHA256 = stored.SHA256
	d.Source, d.URL, d.RecordID, d.Parent = stored.Source, stored.URL, stored.RecordID, stored.Parent
	if stored.Title != "" {
		d.Title = stored.Title
	}
	if stored.Published != "" {
		d.Published = stored.Published
	}
	return d, nil
}
