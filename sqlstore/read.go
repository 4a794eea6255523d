package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/storeutil"
)

// resolveID turns a sha256 or a unique prefix of at least 8 hex digits into
// the stored document's sha256.
func (s *Store) resolveID(ctx context.Context, id string) (string, error) {
	return storeutil.ResolveID(id, func(from, to string) ([]string, error) {
		var found []string
		err := s.scanRows(ctx, s.read, `SELECT sha256 FROM documents WHERE sha256 >= $1 AND sha256 < $2 ORDER BY sha256 LIMIT 2`,
			[]any{from, to}, func(scan func(...any) error) error {
				var sha string
				if err := scan(&sha); err != nil {
					return err
				}
				found = append(found, sha)
				return nil
			})
		return found, err
	})
}

// Notice returns the notice with this id (a sha256 or a unique prefix of at
// least 8 hex digits) with its redacted text and re-publications. A
// document stored as failed comes back with Notice.Error set. It returns
// ErrNotFound when there is none and ErrInvalid for a malformed id.
func (s *Store) Notice(ctx context.Context, id string) (*enduse.StoredNotice, error) {
	sha, err := s.resolveID(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("notice: %w", err)
	}
	var (
		sn                                               enduse.StoredNotice
		source, url, recordID, title, published, failure string
		blob, group                                      sql.NullString
		ingested                                         any
	)
	err = s.queryRow(ctx, s.read, `SELECT d.source, d.url, d.record_id, d.title, d.published, d.media_type, d.text,
		d.error, d.ingested_at, n.json, n.group_id
		FROM documents d LEFT JOIN notices n ON n.doc = d.sha256 WHERE d.sha256 = $1`, sha).Scan(
		&source, &url, &recordID, &title, &published, &sn.MediaType, &sn.Text, &failure, &ingested, &blob, &group)
	if err != nil {
		return nil, fmt.Errorf("notice %s: %w", sha, s.mapErr(err))
	}
	sn.Ingested = timeText(ingested)
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
		err := s.scanRows(ctx, s.read, `SELECT doc FROM notices WHERE group_id = $1 AND doc <> $2 ORDER BY id`,
			[]any{group.String, sha}, func(scan func(...any) error) error {
				var c string
				if err := scan(&c); err != nil {
					return err
				}
				sn.Copies = append(sn.Copies, c)
				return nil
			})
		if err != nil {
			return nil, fmt.Errorf("notice %s: copies: %w", sha, err)
		}
	}
	return &sn, nil
}

// timeText is a stored timestamp (a time, or the text SQLite keeps) as
// RFC 3339 text in UTC.
func timeText(v any) string {
	switch t := v.(type) {
	case time.Time:
		return t.UTC().Format(time.RFC3339Nano)
	case string:
		return t
	case []byte:
		return string(t)
	}
	return ""
}

// Raw returns the original bytes and media type of a stored document. It
// returns ErrNotFound when there is none and ErrInvalid for a malformed id.
func (s *Store) Raw(ctx context.Context, id string) ([]byte, string, error) {
	sha, err := s.resolveID(ctx, id)
	if err != nil {
		return nil, "", fmt.Errorf("raw: %w", err)
	}
	var raw []byte
	var mt, codec string
	err = s.queryRow(ctx, s.read, `SELECT raw, raw_codec, media_type FROM documents WHERE sha256 = $1`, sha).Scan(&raw, &codec, &mt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", fmt.Errorf("raw %s: %w", sha, enduse.ErrNotFound)
	}
	if err != nil {
		return nil, "", fmt.Errorf("raw %s: %w", sha, s.mapErr(err))
	}
	if raw, err = s.raws.Unpack(raw, codec, sha); err != nil {
		return nil, "", fmt.Errorf("raw: %w", err)
	}
	if raw == nil {
		raw = []byte{}
	}
	return raw, mt, nil
}
