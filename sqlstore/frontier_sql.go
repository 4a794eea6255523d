package sqlstore

import (
	"context"
	"fmt"
	"time"

	"github.com/enduse/enduse"
)

// simpleDB is what the frontier and watch queries run on: statements
// with $n placeholders (each first used in ascending order, which SQLite
// binds positionally too).
type simpleDB interface {
	Exec(ctx context.Context, q string, args ...any) (int64, error)
	Query(ctx context.Context, q string, args []any, row func(scan func(dest ...any) error) error) error
}

// frontierOps implements enduse.Frontier over either store's SQL; the
// queries are the same in both dialects.
type frontierOps struct {
	DB  simpleDB
	Now func() time.Time
}

func (f frontierOps) now() time.Time {
	if f.Now != nil {
		return f.Now()
	}
	return time.Now()
}

func ms(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// Enqueue implements enduse.Frontier.
func (f frontierOps) Enqueue(ctx context.Context, urls []enduse.FrontierURL) (int, error) {
	added := 0
	base := f.now().UnixNano()
	for i, u := range urls {
		if u.Site == "" || u.URL == "" || u.Kind == "" {
			return added, fmt.Errorf("enqueue %q: site, url and kind are required: %w", u.URL, enduse.ErrInvalid)
		}
		n, err := f.DB.Exec(ctx, `INSERT INTO frontier (site, url, kind, parent, title, published, next_try, seq)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (site, url) DO NOTHING`,
			u.Site, u.URL, u.Kind, u.Parent, u.Title, u.Published, ms(u.NextTry), base+int64(i))
		if err != nil {
			return added, fmt.Errorf("enqueue %s: %w", u.URL, err)
		}
		added += int(n)
	}
	return added, nil
}

// Claim implements enduse.Frontier. The lease condition is in the
// UPDATE's own WHERE, so on PostgreSQL a row another crawler claimed
// between our subquery and our update is re-checked and skipped: no URL is
// leased twice.
func (f frontierOps) Claim(ctx context.Context, site, owner string, n int, lease time.Duration) ([]enduse.FrontierURL, error) {
	now := f.now()
	const due = `site = $3 AND state IN ('queued', 'fetched') AND next_try <= $4 AND lease_until < $4`
	q := `UPDATE frontier SET lease_owner = $1, lease_until = $2
WHERE ` + due + ` AND url IN (SELECT url FROM frontier WHERE ` + due + ` ORDER BY seq, url LIMIT $5)
RETURNING url, kind, parent, title, published, state, attempts, reason, body, content_type, etag, last_modified, sha256`
	var out []enduse.FrontierURL
	err := f.DB.Query(ctx, q, []any{owner, now.Add(lease).UnixMilli(), site, now.UnixMilli(), n}, func(scan func(...any) error) error {
		u := enduse.FrontierURL{Site: site}
		var state string
		if err := scan(&u.URL, &u.Kind, &u.Parent, &u.Title, &u.Published, &state, &u.Attempts, &u.Reason,
			&u.Body, &u.ContentType, &u.ETag, &u.LastModified, &u.SHA256); err != nil {
			return err
		}
		u.State = enduse.FrontierState(state)
		out = append(out, u)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("claim frontier of %s: %w", site, err)
	}
	return out, nil
}

// MarkFetched implements enduse.Frontier.
func (f frontierOps) MarkFetched(ctx context.Context, u enduse.FrontierURL) error {
	_, err := f.DB.Exec(ctx, `UPDATE frontier SET state = 'fetched', body = $1, content_type = $2, etag = $3,
last_modified = $4, attempts = attempts + 1 WHERE site = $5 AND url = $6`,
		u.Body, u.ContentType, u.ETag, u.LastModified, u.Site, u.URL)
	if err != nil {
		return fmt.Errorf("mark fetched %s: %w", u.URL, err)
	}
	return nil
}

// MarkDone implements enduse.Frontier.
func (f frontierOps) MarkDone(ctx context.Context, site, url, sha string) error {
	_, err := f.DB.Exec(ctx, `UPDATE frontier SET state = 'done', sha256 = $1, body = NULL, reason = '',
lease_owner = '', lease_until = 0 WHERE site = $2 AND url = $3`, sha, site, url)
	if err != nil {
		return fmt.Errorf("mark done %s: %w", url, err)
	}
	return nil
}

// MarkFailed implements enduse.Frontier.
func (f frontierOps) MarkFailed(ctx context.Context, site, url, reason string, retry time.Time) error {
	state := string(enduse.FrontierFailed)
	if !retry.IsZero() {
		state = string(enduse.FrontierQueued)
	}
	_, err := f.DB.Exec(ctx, `UPDATE frontier SET state = $1, reason = $2, next_try = $3, attempts = attempts + 1,
lease_owner = '', lease_until = 0 WHERE site = $4 AND url = $5`, state, reason, ms(retry), site, url)
	if err != nil {
		return fmt.Errorf("mark failed %s: %w", url, err)
	}
	return nil
}

// Requeue implements enduse.Frontier.
func (f frontierOps) Requeue(ctx context.Context, site, kind, publishedSince string) (int, error) {
	n, err := f.DB.Exec(ctx, `UPDATE frontier SET state = 'queued', next_try = 0, attempts = 0
WHERE site = $1 AND kind = $2 AND state = 'done' AND ($3 = '' OR published >= $3)`, site, kind, publishedSince)
	if err != nil {
		return 0, fmt.Errorf("requeue %s %s: %w", site, kind, err)
	}
	return int(n), nil
}

// FrontierCounts implements enduse.Frontier.
func (f frontierOps) FrontierCounts(ctx context.Context, site string) (map[enduse.FrontierState]int, error) {
	out := map[enduse.FrontierState]int{}
	err := f.DB.Query(ctx, `SELECT state, COUNT(*) FROM frontier WHERE site = $1 GROUP BY state`, []any{site},
		func(scan func(...any) error) error {
			var s string
			var n int
			if err := scan(&s, &n); err != nil {
				return err
			}
			out[enduse.FrontierState(s)] = n
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("count frontier of %s: %w", site, err)
	}
	return out, nil
}
