package sqlstore

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/enduse/enduse"
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
	sha = strings.ToLower(strings.TrimSpace(sha))
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
