package sqlite

import (
	"context"
	"database/sql"
	"time"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/storeutil"
)

var _ enduse.Frontier = (*DB)(nil)

// sqlAdapter runs the shared frontier queries on the single writer.
type sqlAdapter struct{ db *sql.DB }

func (a sqlAdapter) Exec(ctx context.Context, q string, args ...any) (int64, error) {
	r, err := a.db.ExecContext(ctx, q, args...)
	if err != nil {
		return 0, err
	}
	return r.RowsAffected()
}

func (a sqlAdapter) Query(ctx context.Context, q string, args []any, row func(func(...any) error) error) error {
	rows, err := a.db.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := row(rows.Scan); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (db *DB) frontier() storeutil.Frontier {
	return storeutil.Frontier{DB: sqlAdapter{db.write}, Now: db.now}
}

// Enqueue implements enduse.Frontier.
func (db *DB) Enqueue(ctx context.Context, urls []enduse.FrontierURL) (int, error) {
	return db.frontier().Enqueue(ctx, urls)
}

// Claim implements enduse.Frontier.
func (db *DB) Claim(ctx context.Context, site, owner string, n int, lease time.Duration) ([]enduse.FrontierURL, error) {
	return db.frontier().Claim(ctx, site, owner, n, lease)
}

// MarkFetched implements enduse.Frontier.
func (db *DB) MarkFetched(ctx context.Context, u enduse.FrontierURL) error {
	return db.frontier().MarkFetched(ctx, u)
}

// MarkDone implements enduse.Frontier.
func (db *DB) MarkDone(ctx context.Context, site, url, sha string) error {
	return db.frontier().MarkDone(ctx, site, url, sha)
}

// MarkFailed implements enduse.Frontier.
func (db *DB) MarkFailed(ctx context.Context, site, url, reason string, retry time.Time) error {
	return db.frontier().MarkFailed(ctx, site, url, reason, retry)
}

// Requeue implements enduse.Frontier.
func (db *DB) Requeue(ctx context.Context, site, kind, publishedSince string) (int, error) {
	return db.frontier().Requeue(ctx, site, kind, publishedSince)
}

// FrontierCounts implements enduse.Frontier.
func (db *DB) FrontierCounts(ctx context.Context, site string) (map[enduse.FrontierState]int, error) {
	return db.frontier().FrontierCounts(ctx, site)
}
