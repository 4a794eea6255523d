package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/enduse/enduse/storeutil"

	"github.com/enduse/enduse"
)

// Kinds of stored answers (answers.kind).
const (
	answerQuery = "query"
	answerBrand = "brand"
	answerOrg   = "org"
)

// maxFigureIDs caps Figure.IDs; both stores use the same cap.
const maxFigureIDs = storeutil.MaxFigureIDs

// generationOf is the store's data generation as seen by q's snapshot.
func generationOf(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (int64, error) {
	var g int64
	if err := q.QueryRowContext(ctx, `SELECT value FROM generation WHERE id = 1`).Scan(&g); err != nil {
		return 0, fmt.Errorf("read generation: %w", mapErr(err))
	}
	return g, nil
}

// cached reads the stored answer of kind and key into v when it was
// computed at the current generation. It reports whether it found one.
func (db *DB) cached(ctx context.Context, kind, key string, v any) (bool, error) {
	if db.cacheOff {
		return false, nil
	}
	var blob []byte
	err := db.read.QueryRowContext(ctx, `SELECT a.answer FROM answers a JOIN generation g ON g.id = 1 AND a.generation = g.value
		WHERE a.kind = ? AND a.key = ?`, kind, key).Scan(&blob)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read stored %s answer: %w", kind, mapErr(err))
	}
	if err := json.Unmarshal(blob, v); err != nil {
		// A stored answer this binary cannot read is recomputed, not fatal.
		return false, nil
	}
	return true, nil
}

// remember stores the answer v of kind and key computed at generation gen,
// unless the data has changed since, and drops answers of older
// generations. Storing is an optimisation: when the writer is busy (an
// ingest is running) the answer is returned uncached, so failures to store
// are not reported.
func (db *DB) remember(ctx context.Context, kind, key string, gen int64, v any) {
	if db.cacheOff {
		return
	}
	blob, err := json.Marshal(v)
	if err != nil {
		return
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM answers WHERE generation <> ?`, gen); err != nil {
		return
	}
	res, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO answers (kind, key, generation, answer)
		SELECT ?, ?, ?, ? WHERE (SELECT value FROM generation WHERE id = 1) = ?`, kind, key, gen, blob, gen)
	if err != nil {
		return
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return
	}
	_ = tx.Commit()
}

// queryKey is the canonical key of a validated filter's aggregate answer:
// the filter without its page.
func queryKey(f enduse.Filter) (string, error) {
	f.Limit, f.Offset = 0, 0
	b, err := json.Marshal(f)
	if err != nil {
		return "", fmt.Errorf("filter key: %w", err)
	}
	return string(b), nil
}

// Warm computes and stores the answers every visitor asks for first — the
// unfiltered query (the search page before any filter) and the profile of
// every brand named in at least as many documents as an answer is stored
// for — so that they are served from storage. Computing them reads every
// notice, which takes minutes at millions of notices: run it after a large
// ingest (or before serving), not per request. Answers stay valid until
// the next write.
func (db *DB) Warm(ctx context.Context) error {
	if _, err := db.Query(ctx, enduse.Filter{}); err != nil {
		return fmt.Errorf("warm: %w", err)
	}
	rows, err := db.read.QueryContext(ctx, `SELECT name FROM brands WHERE documents >= ? ORDER BY documents DESC, name`, db.cacheMin)
	if err != nil {
		return fmt.Errorf("warm: brands: %w", mapErr(err))
	}
	var brands []string
	for rows.Next() {
		var b string
		if err := rows.Scan(&b); err != nil {
			rows.Close()
			return fmt.Errorf("warm: brands: %w", mapErr(err))
		}
		brands = append(brands, b)
	}
	if err := rows.Close(); err != nil {
		return fmt.Errorf("warm: brands: %w", mapErr(err))
	}
	for _, b := range brands {
		if _, err := db.BrandProfile(ctx, b); err != nil && !errors.Is(err, enduse.ErrNotFound) {
			return fmt.Errorf("warm: %w", err)
		}
	}
	return nil
}
