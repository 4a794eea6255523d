// Package export writes the notices a filter selects into the formats of
// the tools analysts already use: CSV (a row per notice, or per line item,
// for spreadsheets), JSON Lines of the extract schema, OCDS 1.1 release
// packages (procurement analysts' and red-flag tools) and FollowTheMoney
// entities (Aleph, OpenSanctions tooling).
//
// Exports stream: one announcement is read from the store, written and
// dropped before the next, so memory does not grow with the export.
// They carry organisations, never people: only the extracted notice (which
// by contract holds no contact names, phones or ID numbers) is exported,
// never the document text.
package export

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/enduse/enduse"
)

// Record is one announcement to export: the notice that stands for its
// group among the matched notices, with its group, copies and purchase,
// and the query row.
type Record struct {
	enduse.NoticeRecord
	Row enduse.Row
}

// Writer writes records in one format.
type Writer interface {
	// Write writes one record.
	Write(r *Record) error
	// Close ends the output (closing brackets, flushing); it does not close
	// the underlying io.Writer.
	Close() error
}

// Store is what an export reads.
type Store interface {
	enduse.Querier
	enduse.RowIterator
	enduse.WatchStore
}

// Options tunes an export.
type Options struct {
	// Base is prefixed to evidence links ("/notices/{id}"), e.g. the
	// address `enduse serve` answers on; "" leaves them relative.
	Base string
	// Progress, when set, is told each record written and the total.
	Progress func(done, total int)
	// Now is the export's time (OCDS publishedDate); zero means now.
	Now time.Time
}

// Formats are the export formats by name.
var Formats = []string{"csv", "items-csv", "jsonl", "ocds", "ftm"}

// Run writes every announcement matching f with w, newest first. It
// returns how many it wrote.
func Run(ctx context.Context, st Store, f enduse.Filter, w Writer, opt Options) (int, error) {
	done, total := 0, 0
	var batch []enduse.Row
	flush := func() error {
		ids := make([]string, len(batch))
		for i, r := range batch {
			ids[i] = r.ID
		}
		recs, err := st.NoticeRecords(ctx, ids)
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		byID := make(map[string]*enduse.NoticeRecord, len(recs))
		for i := range recs {
			byID[recs[i].Notice.SHA256] = &recs[i]
		}
		for _, row := range batch {
			nr := byID[row.ID]
			if nr == nil {
				return fmt.Errorf("export notice %s: %w", row.ID, enduse.ErrNotFound)
			}
			if err := w.Write(&Record{NoticeRecord: *nr, Row: row}); err != nil {
				return fmt.Errorf("export notice %s: %w", row.ID, err)
			}
			done++
			if opt.Progress != nil {
				opt.Progress(done, total)
			}
		}
		batch = batch[:0]
		return ctx.Err()
	}
	// The first page tells the total, for the progress ETA.
	if opt.Progress != nil {
		first := f
		first.Limit = 1
		res, err := st.Query(ctx, first)
		if err != nil {
			return 0, err
		}
		total = res.Total
	}
	err := st.EachRow(ctx, f, func(r enduse.Row) error {
		batch = append(batch, r)
		if len(batch) < 200 {
			return nil
		}
		return flush()
	})
	if err == nil && len(batch) > 0 {
		err = flush()
	}
	if err != nil {
		return done, err
	}
	if err := w.Close(); err != nil {
		return done, err
	}
	return done, nil
}

// NewWriter returns the writer of a format (one of Formats) over out. BOM
// starts CSV with a byte-order mark, which Excel needs to read UTF-8.
func NewWriter(format string, out io.Writer, bom bool, opt Options, own Ownerships) (Writer, error) {
	switch format {
	case "csv":
		return NewNoticeCSV(out, bom, opt.Base)
	case "items-csv":
		return NewItemCSV(out, bom, opt.Base)
	case "jsonl":
		return NewJSONL(out), nil
	case "ocds":
		return NewOCDS(out, OCDSOptions{Base: opt.Base, Published: opt.Now})
	case "ftm":
		return NewFtM(out, opt.Base, own), nil
	}
	return nil, fmt.Errorf("unknown export format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

// evidence is the link to a notice's page with its highlighted evidence.
func evidence(base, id string) string {
	return strings.TrimSuffix(base, "/") + "/notices/" + id
}
