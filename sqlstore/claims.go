package sqlstore

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/storeutil"
)

var _ enduse.DocumentClaimer = (*Store)(nil)

// ClaimDocument implements enduse.DocumentClaimer: one statement inserts
// the claim unless the document is stored, or takes it over when the
// standing claim's lease has run out (or is owner's own); PostgreSQL locks
// the conflicting row, so two workers racing for one document cannot both
// win. A second look at the documents catches one saved while the claim
// waited for its saver's lock.
func (s *Store) ClaimDocument(ctx context.Context, sha, owner string, lease time.Duration) (bool, error) {
	if strings.TrimSpace(owner) == "" || lease <= 0 {
		return false, fmt.Errorf("claim %s: owner and a positive lease are required: %w", sha, enduse.ErrInvalid)
	}
	sha = storeutil.SHAKey(sha)
	now := s.now()
	res, err := s.write.ExecContext(ctx, `INSERT INTO claims (sha256, owner, lease_until)
		SELECT $1, $2, $3 WHERE NOT EXISTS (SELECT 1 FROM documents WHERE sha256 = $1)
		ON CONFLICT (sha256) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until
		WHERE claims.lease_until < $4 OR claims.owner = excluded.owner`,
		s.clean([]any{sha, owner, now.Add(lease).UnixMilli(), now.UnixMilli()})...)
	if err != nil {
		return false, fmt.Errorf("claim %s: %w", sha, s.mapErr(err))
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("claim %s: %w", sha, s.mapErr(err))
	}
	if n == 0 {
		return false, nil
	}
	// On PostgreSQL the insert may have waited for a saver that stored the
	// document and deleted its claim: the statement's snapshot did not see
	// the document, the retried insert then won. A new statement sees it;
	// give the claim back rather than parse the document again.
	stored, err := s.HasDocument(ctx, sha)
	if err != nil {
		return false, fmt.Errorf("claim %s: %w", sha, err)
	}
	if stored {
		if _, err := s.write.ExecContext(ctx, `DELETE FROM claims WHERE sha256 = $1 AND owner = $2`,
			s.clean([]any{sha, owner})...); err != nil {
			return false, fmt.Errorf("claim %s: release: %w", sha, s.mapErr(err))
		}
		return false, nil
	}
	return true, nil
}

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
			keys[i] = storeutil.SHAKey(sha)
		}
		found := map[string]bool{}
		err := s.scanRows(ctx, s.read, `SELECT sha256 FROM documents WHERE `+s.d.In("sha256", "$1"), []any{s.d.List(keys)},
			func(scan func(...any) error) error {
				var sha string
				if err := scan(&sha); err != nil {
					return err
				}
				found[sha] = true
				return nil
			})
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
