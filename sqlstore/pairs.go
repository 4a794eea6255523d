package sqlstore

import (
	"context"
	"fmt"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/ordered"
	"github.com/enduse/enduse/storeutil"
)

// pairsMigration is the version of the migration that creates the pairs
// index of text search (storeutil.Pairs); Migrate fills it from the
// stored notices after its SQL.
const pairsMigration = 18

// pairsStep names the fill to a StepProgress.
const pairsStep = "index short search terms"

// pairsChunk is how many notices fillPairs reads at a time.
const pairsChunk = 500

// RebuildTextPairs implements enduse.Admin.
func (s *Store) RebuildTextPairs(ctx context.Context) error {
	err := s.inTx(ctx, func(tx *Tx) error {
		if err := s.d.ClearPairs(ctx, tx); err != nil {
			return fmt.Errorf("empty the pairs index: %w", s.mapErr(err))
		}
		return s.fillPairs(ctx, tx)
	})
	if err != nil {
		return fmt.Errorf("rebuild the pairs index: %w", err)
	}
	return nil
}

// fillPairs indexes every stored notice's title and text by pairs, a
// chunk of notices at a time so memory does not grow with the store, the
// pairs of a chunk made on every core.
func (s *Store) fillPairs(ctx context.Context, tx *Tx) error {
	var total, done int64
	if err := s.queryRow(ctx, tx.tx, `SELECT COUNT(*) FROM notices`).Scan(&total); err != nil {
		return fmt.Errorf("count notices: %w", s.mapErr(err))
	}
	if total == 0 {
		return nil
	}
	progress := enduse.StepProgressOf(ctx)
	progress(pairsStep, 0, total)
	var last int64
	for {
		var chunk []IndexedText
		var texts [][2]string // title and text of each of chunk
		err := s.scanRows(ctx, tx.tx, `SELECT n.id, n.title, d.text FROM notices n JOIN documents d ON d.sha256 = n.doc
			WHERE n.id > $1 ORDER BY n.id LIMIT $2`, []any{last, pairsChunk},
			func(scan func(...any) error) error {
				var it IndexedText
				var t [2]string
				if err := scan(&it.Notice, &t[0], &t[1]); err != nil {
					return err
				}
				chunk, texts = append(chunk, it), append(texts, t)
				return nil
			})
		if err != nil {
			return fmt.Errorf("read notices after %d: %w", last, err)
		}
		if len(chunk) == 0 {
			return nil
		}
		ordered.Each(0, len(chunk), func(i int) { chunk[i].Pairs = storeutil.Pairs(texts[i][0], texts[i][1]) })
		if err := s.d.IndexPairs(ctx, tx, chunk); err != nil {
			return fmt.Errorf("index pairs: %w", s.mapErr(err))
		}
		last = chunk[len(chunk)-1].Notice
		done += int64(len(chunk))
		progress(pairsStep, done, total)
	}
}
