package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/enduse/enduse"
)

var _ enduse.DocumentClaimer = (*Store)(nil)

// ClaimDocument implements enduse.DocumentClaimer: ClaimDocuments of one.
func (s *Store) ClaimDocument(ctx context.Context, sha, owner string, lease time.Duration) (bool, error) {
	won, err := s.ClaimDocuments(ctx, []string{sha}, owner, lease)
	if err != nil {
		return false, err
	}
	return won[0], nil
}

// claimSQL inserts a claim unless the document is stored, or takes the
// standing claim over when its lease has run out (or it is owner's own);
// PostgreSQL locks the conflicting row, so two workers racing for one
// document cannot both win.
const claimSQL = `INSERT INTO claims (sha256, owner, lease_until)
	SELECT $1, $2, $3 WHERE NOT EXISTS (SELECT 1 FROM documents WHERE sha256 = $1)
	ON CONFLICT (sha256) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until
	WHERE claims.lease_until < $4 OR claims.owner = excluded.owner`

// ClaimDocuments implements enduse.DocumentClaimer. Where the engine has
// one writer (SQLite) the claims are one transaction: a claim is a write
// there, and one a document waited for the saver's transaction each time
// (the reading of an ingest stalled behind every batch it saved). On
// PostgreSQL each claim is a statement of its own, as before: claims held
// in one transaction while it waits for a saver that ends other claims
// deadlock with it (measured: the 4-worker load test failed within 20 s).
// A second look at the documents catches one saved while a claim waited
// for its saver's lock; such a claim is given back.
func (s *Store) ClaimDocuments(ctx context.Context, shas []string, owner string, lease time.Duration) ([]bool, error) {
	if strings.TrimSpace(owner) == "" || lease <= 0 {
		return nil, fmt.Errorf("claim %d documents: owner and a positive lease are required: %w", len(shas), enduse.ErrInvalid)
	}
	if len(shas) == 0 {
		return []bool{}, nil
	}
	keys := make([]string, len(shas))
	for i, sha := range shas {
		keys[i] = enduse.SHAKey(sha)
	}
	var won []bool
	err := s.retrying(ctx, func() error {
		var err error
		won, err = s.claim(ctx, keys, owner, lease)
		return err
	})
	return won, err
}

// claim is one attempt of ClaimDocuments for keys.
func (s *Store) claim(ctx context.Context, keys []string, owner string, lease time.Duration) ([]bool, error) {
	won := make([]bool, len(keys))
	var q querier = s.write
	if s.d.OneWriter() {
		tx, err := s.write.BeginTx(ctx, nil)
		if err != nil {
			return nil, fmt.Errorf("claim %d documents: %w", len(keys), s.mapErr(err))
		}
		defer tx.Rollback()
		q = tx
	}
	now := s.now()
	var taken []string
	for i, key := range keys {
		res, err := q.ExecContext(ctx, claimSQL, s.clean([]any{key, owner, now.Add(lease).UnixMilli(), now.UnixMilli()})...)
		if err != nil {
			return nil, fmt.Errorf("claim %s: %w", key, s.mapErr(err))
		}
		n, err := res.RowsAffected()
		if err != nil {
			return nil, fmt.Errorf("claim %s: %w", key, s.mapErr(err))
		}
		if n > 0 {
			won[i] = true
			taken = append(taken, key)
		}
	}
	if len(taken) > 0 {
		// On PostgreSQL an insert may have waited for a saver that stored
		// the document and deleted its claim: the statement's snapshot did
		// not see the document, the retried insert then won. A new
		// statement sees it.
		stored, err := s.storedKeys(ctx, q, taken)
		if err != nil {
			return nil, fmt.Errorf("claim %d documents: look again: %w", len(keys), err)
		}
		for i, key := range keys {
			if won[i] && stored[key] {
				if _, err := q.ExecContext(ctx, `DELETE FROM claims WHERE sha256 = $1 AND owner = $2`,
					s.clean([]any{key, owner})...); err != nil {
					return nil, fmt.Errorf("claim %s: release: %w", key, s.mapErr(err))
				}
				won[i] = false
			}
		}
	}
	if tx, ok := q.(*sql.Tx); ok {
		if err := tx.Commit(); err != nil {
			return nil, fmt.Errorf("claim %d documents: %w", len(keys), s.mapErr(err))
		}
	}
	return won, nil
}

// storedKeys is which of keys (stored sha256 keys) are stored documents,
// read through q.
func (s *Store) storedKeys(ctx context.Context, q querier, keys []string) (map[string]bool, error) {
	found := map[string]bool{}
	err := s.scanRows(ctx, q, `SELECT sha256 FROM documents WHERE `+s.d.In("sha256", "$1"), []any{s.d.List(keys)},
		func(scan func(...any) error) error {
			var sha string
			if err := scan(&sha); err != nil {
				return err
			}
			found[sha] = true
			return nil
		})
	return found, err
}

// OneWriter implements enduse.OneWriter.
func (s *Store) OneWriter() bool { return s.d.OneWriter() }

// ReleaseClaims implements enduse.DocumentClaimer.
func (s *Store) ReleaseClaims(ctx context.Context, owner string) error {
	if strings.TrimSpace(owner) == "" {
		return fmt.Errorf("release claims: owner is required: %w", enduse.ErrInvalid)
	}
	if _, err := s.write.ExecContext(ctx, `DELETE FROM claims WHERE owner = $1`, s.clean([]any{owner})...); err != nil {
		return fmt.Errorf("release the claims of %s: %w", owner, s.mapErr(err))
	}
	return nil
}

// storedChunk is how many sha256s one StoredDocuments query asks after.
const storedChunk = 1000

// StoredDocuments implements enduse.DocumentClaimer.
func (s *Store) StoredDocuments(ctx context.Context, shas []string) (map[string]bool, error) {
	stored := map[string]bool{}
	for len(shas) > 0 {
		chunk := shas[:min(storedChunk, len(shas))]
		shas = shas[len(chunk):]
		keys := make([]string, len(chunk))
		for i, sha := range chunk {
			keys[i] = enduse.SHAKey(sha)
		}
		found, err := s.storedKeys(ctx, s.read, keys)
		if err != nil {
			return nil, fmt.Errorf("stored documents: %w", err)
		}
		for i, sha := range chunk {
			if found[keys[i]] {
				stored[sha] = true
			}
		}
	}
	return stored, nil
}
