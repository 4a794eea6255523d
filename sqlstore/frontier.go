package sqlstore

import (
	"context"
	"time"

	"github.com/enduse/enduse"
)

// simpleSQL runs the frontier's and the watches' statements on the write
// handle.
type simpleSQL struct{ s *Store }

// Exec implements simpleDB.
func (a simpleSQL) Exec(ctx context.Context, q string, args ...any) (int64, error) {
	r, err := a.s.write.ExecContext(ctx, q, a.s.clean(args)...)
	if err != nil {
		return 0, a.s.mapErr(err)
	}
	return r.RowsAffected()
}

// Query implements simpleDB.
func (a simpleSQL) Query(ctx context.Context, q string, args []any, row func(func(...any) error) error) error {
	return a.s.scanRows(ctx, a.s.write, q, args, row)
}

func (s *Store) frontier() frontierOps {
	return frontierOps{DB: simpleSQL{s}, Now: s.now}
}

// Enqueue implements enduse.Frontier.
func (s *Store) Enqueue(ctx context.Context, urls []enduse.FrontierURL) (int, error) {
	return s.frontier().Enqueue(ctx, urls)
}

// Claim implements enduse.Frontier.
func (s *Store) Claim(ctx context.Context, site, owner string, n int, lease time.Duration) ([]enduse.FrontierURL, error) {
	return s.frontier().Claim(ctx, site, owner, n, lease)
}

// MarkFetched implements enduse.Frontier.
func (s *Store) MarkFetched(ctx context.Context, u enduse.FrontierURL) error {
	return s.frontier().MarkFetched(ctx, u)
}

// MarkDone implements enduse.Frontier.
func (s *Store) MarkDone(ctx context.Context, site, url, sha string) error {
	return s.frontier().MarkDone(ctx, site, url, sha)
}

// MarkFailed implements enduse.Frontier.
func (s *Store) MarkFailed(ctx context.Context, site, url, reason string, retry time.Time) error {
	return s.frontier().MarkFailed(ctx, site, url, reason, retry)
}

// Requeue implements enduse.Frontier.
func (s *Store) Requeue(ctx context.Context, site, kind, publishedSince string) (int, error) {
	return s.frontier().Requeue(ctx, site, kind, publishedSince)
}

// FrontierCounts implements enduse.Frontier.
func (s *Store) FrontierCounts(ctx context.Context, site string) (map[enduse.FrontierState]int, error) {
	return s.frontier().FrontierCounts(ctx, site)
}
