package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/storeutil"
)

// resolveID turns a sha256 or a unique prefix of at least 8 hex digits into
// the stored document's sha256.
func (db *DB) resolveID(ctx context.Context, id string) (string, error) {
	return storeutil.ResolveID(id, func(from, to string) ([]string, error) {
		rows, err := db.read.QueryContext(ctx, `SELECT sha256 FROM documents WHERE sha256 >= ? AND sha256 < ? LIMIT 2`, from, to)
		if err != nil {
			return nil, mapErr(err)
		}
		defer rows.Close()
		var found []string
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				return nil, mapErr(err)
			}
			found = append(found, s)
		}
		return found, mapErr(rows.Err())
	})
}

// Notice returns the notice with this id (a sha256 or a unique prefix of at
// least 8 hex digits) with its redacted text and re-publications. A
// document stored as failed comes back with Notice.Error set. It returns
// ErrNotFound when there is none and ErrInvalid for a malformed id.
func (db *DB) Notice(ctx context.Context, id string) (*enduse.StoredNotice, error) {
	sha, err := db.resolveID(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("notice: %w", err)
	}
	var (
		sn                                               enduse.StoredNotice
		source, url, recordID, title, published, failure string
		blob, group                                      sql.NullString
	)
	err = db.read.QueryRowContext(ctx, `SELECT d.source, d.url, d.record_id, d.title, d.published, d.media_type, d.text,
		d.error, d.ingested_at, n.json, n.group_id
		FROM documents d LEFT JOIN notices n ON n.doc = d.sha256 WHERE d.sha256 = ?`, sha).Scan(
		&source, &url, &recordID, &title, &published, &sn.MediaType, &sn.Text, &failure, &sn.Ingested, &blob, &group)
	if err != nil {
		return nil, fmt.Errorf("notice %s: %w", sha, mapErr(err))
	}
	if blob.Valid {
		if err := json.Unmarshal([]byte(blob.String), &sn.Notice); err != nil {
			return nil, fmt.Errorf("notice %s: decode stored notice: %w", sha, err)
		}
	} else {
		sn.Notice = enduse.Notice{Schema: enduse.SchemaVersion, Source: source, SHA256: sha, ID: recordID, URL: url,
			Title: title, Published: published, Error: failure}
		if sn.Error == "" {
			sn.Error = "no notice stored"
		}
	}
	if group.Valid {
		sn.Group = group.String
		rows, err := db.read.QueryContext(ctx, `SELECT doc FROM notices WHERE group_id = ? AND doc <> ? ORDER BY id`, group.String, sha)
		if err != nil {
			return nil, fmt.Errorf("notice %s: copies: %w", sha, mapErr(err))
		}
		defer rows.Close()
		for rows.Next() {
			var c string
			if err := rows.Scan(&c); err != nil {
				return nil, fmt.Errorf("notice %s: copies: %w", sha, mapErr(err))
			}
			sn.Copies = append(sn.Copies, c)
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("notice %s: copies: %w", sha, mapErr(err))
		}
	}
	return &sn, nil
}

// Raw returns the original bytes and media type of a stored document. It
// returns ErrNotFound when there is none.
func (db *DB) Raw(ctx context.Context, id string) ([]byte, string, error) {
	sha, err := db.resolveID(ctx, id)
	if err != nil {
		return nil, "", fmt.Errorf("raw: %w", err)
	}
	var raw []byte
	var mt string
	err = db.read.QueryRowContext(ctx, `SELECT raw, media_type FROM documents WHERE sha256 = ?`, sha).Scan(&raw, &mt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", fmt.Errorf("raw %s: %w", sha, enduse.ErrNotFound)
	}
	if err != nil {
		return nil, "", fmt.Errorf("raw %s: %w", sha, mapErr(err))
	}
	if raw == nil {
		raw = []byte{}
	}
	return raw, mt, nil
}
