package postgres

import (
	"context"
	"github.com/jackc/pgx/v5/pgxpool"
	"time"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/storeutil"
)

var _ enduse.Frontier = (*DB)(nil)

// pgAdapter runs the shared frontier queries on the pool.
type pgAdapter struct{ pool *pgxpool.Pool }

func (a pgAdapter) Exec(ctx context.Context, q string, args ...any) (int64, error) {
	tag, err := a.pool.Exec(ctx, q, args...)
	if err != nil {
		return 0, err
	}
	return tag.RowsAffected(), nil
}

func (a pgAdapter) Query(ctx context.Context, q string, args []any, row func(func(...any) error) error) error {
	rows, err := a.pool.Query(ctx, q, args...)
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
	return storeutil.Frontier{DB: pgAdapter{db.pool}, Now: db.now}
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
