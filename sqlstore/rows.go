package sqlstore

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// batchRows is how many rows one INSERT of a rowWriter writes: a save
// writes tens of mentions, items and summary rows, and on PostgreSQL each
// statement is a round trip. Not more: SQLite's driver looks up each
// parameter's name in a list as long as the statement's, so binding grows
// with the square of the rows (100 rows spent more binding than
// inserting).
const batchRows = 16

// insertSQL is one table's INSERT: head is "INSERT INTO t (columns)", cols
// their number, tail what follows the VALUES (an ON CONFLICT clause).
type insertSQL struct {
	head, tail string
	cols       int
	one, full  string // the statements of one row and of batchRows
}

// newInsert builds the INSERT of cols columns.
func newInsert(head, tail string, cols int) insertSQL {
	q := insertSQL{head: head, tail: tail, cols: cols}
	q.one, q.full = q.build(1), q.build(batchRows)
	return q
}

// rows is the statement writing n rows.
func (q insertSQL) rows(n int) string {
	switch n {
	case 1:
		return q.one
	case batchRows:
		return q.full
	}
	return q.build(n)
}

func (q insertSQL) build(n int) string {
	var b strings.Builder
	b.WriteString(q.head)
	b.WriteString(" VALUES ")
	for i := 0; i < q.cols*n; i++ {
		switch {
		case i == 0:
			b.WriteString("(")
		case i%q.cols == 0:
			b.WriteString("), (")
		default:
			b.WriteString(", ")
		}
		b.WriteString("$" + strconv.Itoa(i+1))
	}
	b.WriteString(")")
	b.WriteString(q.tail)
	return b.String()
}

// prepared is the statements of q that New prepares: one row and a full
// batch.
func (q insertSQL) prepared() []string { return []string{q.one, q.full} }

// rowWriter writes rows of one table batchRows at a time.
type rowWriter struct {
	s    *Store
	tx   *Tx
	q    insertSQL
	args []any
}

// rows starts writing rows of q in tx.
func (s *Store) rows(tx *Tx, q insertSQL) *rowWriter {
	return &rowWriter{s: s, tx: tx, q: q}
}

// add queues one row, writing the queued ones when there are batchRows.
func (w *rowWriter) add(ctx context.Context, vals ...any) error {
	if len(vals) != w.q.cols {
		return fmt.Errorf("%s: %d values for %d columns", w.q.head, len(vals), w.q.cols)
	}
	w.args = append(w.args, vals...)
	if len(w.args) >= batchRows*w.q.cols {
		return w.flush(ctx)
	}
	return nil
}

// flush writes the queued rows. A full batch and a single row go through
// statements New prepared. The rows left after the full batches go in one
// statement where each statement is a round trip to a server; in process
// (SQLite) each goes through the prepared one-row statement instead, as
// preparing a statement costs SQLite about what running it does.
func (w *rowWriter) flush(ctx context.Context) error {
	n := len(w.args) / w.q.cols
	if n == 0 {
		return nil
	}
	per := n
	if !w.s.d.RoundTrips() && n < batchRows {
		per = 1
	}
	for i := 0; i < n; i += per {
		if _, err := w.tx.Exec(ctx, w.q.rows(per), w.args[i*w.q.cols:(i+per)*w.q.cols]...); err != nil {
			return fmt.Errorf("%s: %w", w.q.head, w.s.mapErr(err))
		}
	}
	w.args = w.args[:0]
	return nil
}
