package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/enduse/enduse"
)

// Kinds of stored answers (answers.kind).
const (
	answerQuery = "query"
	answerBrand = "brand"
	answerOrg   = "org"
)

// defaultCacheMin is the number of matched documents from which an answer
// is worth storing: below it, computing the answer costs less than storing
// it.
const defaultCacheMin = 2000

// storedQuery is the stored form of a Query answer: the aggregate (rows
// are read per page) and the brands the filter's Brand resolved to.
type storedQuery struct {
	Result enduse.Result `json:"result"`
	Brands []string      `json:"brands,omitempty"`
}

// generationOf is the store's data generation as seen by tx's snapshot.
func (s *Store) generationOf(ctx context.Context, tx *sql.Tx) (int64, error) {
	var g int64
	if err := tx.QueryRowContext(ctx, `SELECT value FROM generation WHERE id = 1`).Scan(&g); err != nil {
		return 0, fmt.Errorf("read generation: %w", s.mapErr(err))
	}
	return g, nil
}

// cached reads the stored answer of kind and key into v when it was
// computed at the current generation. It reports whether it found one.
func (s *Store) cached(ctx context.Context, kind, key string, v any) (bool, error) {
	if !s.cache || s.cacheOff {
		return false, nil
	}
	var blob []byte
	err := s.queryRow(ctx, s.read, `SELECT a.answer FROM answers a JOIN generation g ON g.id = 1 AND a.generation = g.value
		WHERE a.kind = $1 AND a.key = $2`, kind, key).Scan(&blob)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read stored %s answer: %w", kind, s.mapErr(err))
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
func (s *Store) remember(ctx context.Context, kind, key string, gen int64, v any) {
	if !s.cache || s.cacheOff {
		return
	}
	blob, err := json.Marshal(v)
	if err != nil {
		return
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM answers WHERE generation <> $1`, gen); err != nil {
		return
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO answers (kind, key, generation, answer)
		SELECT $1, $2, $3, $4 WHERE (SELECT value FROM generation WHERE id = 1) = $3
		ON CONFLICT (kind, key) DO UPDATE SET generation = excluded.generation, answer = excluded.answer`,
		kind, s.d.Clean(key), gen, blob)
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

// Warm computes and stores the profile of every brand named in at least as
// many documents as an answer is stored for that the summary tables cannot
// give (a name that stands for two brands, or for unresolved marks), so
// that they are served from storage (the unfiltered query and the other
// profiles need no warming: the summary tables hold them). Computing a profile of a common
// brand reads its every notice: run it after a large ingest (or before
// serving), not per request. Answers stay valid until the next write.
// Without a cache it does nothing.
func (s *Store) Warm(ctx context.Context) error {
	if !s.cache {
		return nil
	}
	var brands []string
	err := s.scanRows(ctx, s.read, `SELECT name FROM brands WHERE documents >= $1 ORDER BY documents DESC, name`, []any{s.cacheMin},
		func(scan func(...any) error) error {
			var b string
			if err := scan(&b); err != nil {
				return err
			}
			brands = append(brands, b)
			return nil
		})
	if err != nil {
		return fmt.Errorf("warm: brands: %w", err)
	}
	for _, b := range brands {
		if _, err := s.BrandProfile(ctx, b); err != nil && !errors.Is(err, enduse.ErrNotFound) {
			return fmt.Errorf("warm: %w", err)
		}
	}
	return nil
}
