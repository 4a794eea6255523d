package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/storeutil"
)

var (
	_ enduse.NoticeRefresher = (*Store)(nil)
	_ enduse.RowIterator     = (*Store)(nil)
)

// Family returns a stored document as it was saved and its attachments
// (the documents whose parent it is), in ingest order. It returns
// ErrNotFound when no document has this sha256.
func (s *Store) Family(ctx context.Context, sha string) (enduse.SaveItem, []enduse.SaveItem, error) {
	sha = enduse.SHAKey(sha)
	var self enduse.SaveItem
	var kids []enduse.SaveItem
	err := s.scanRows(ctx, s.read, selectDocument+` WHERE d.sha256 = $1 OR d.parent = $1 ORDER BY d.ingested_at, d.sha256`,
		[]any{sha}, func(scan func(...any) error) error {
			it, _, err := s.scanDocument(scan)
			if err != nil {
				return err
			}
			if it.Document.SHA256 == sha {
				self = it
			} else {
				kids = append(kids, it)
			}
			return nil
		})
	if err != nil {
		return self, nil, fmt.Errorf("family of %s: %w", sha, err)
	}
	if self.Document == nil {
		return self, nil, fmt.Errorf("family of %s: %w", sha, enduse.ErrNotFound)
	}
	return self, kids, nil
}

// ReplaceNotice replaces the notice and redacted text of a stored document
// with n and redacted, read again with its attachments, in one
// transaction: the old notice's items, mentions, hits, links, reasons,
// text index and counters go, the new ones are written as a save writes
// them. children is how many attachments n was read with; when the store
// holds a different number (one arrived meanwhile) nothing changes and
// ErrChanged is returned, so the caller reads the family again. A notice
// that failed to parse never replaces one that did.
func (s *Store) ReplaceNotice(ctx context.Context, d *enduse.Document, redacted string, n *enduse.Notice, children int) error {
	sv, err := storeutil.CheckSave(d, redacted, n, nil)
	if err != nil {
		return err
	}
	if sv.Child || sv.Failure != "" {
		return fmt.Errorf("replace notice %s: the new reading has no notice (%s): %w", d.Source, sv.Failure, enduse.ErrInvalid)
	}
	err = s.inTx(ctx, func(tx *Tx) error {
		// Replacements of one notice take turns (the write lock), so the
		// last one holds every attachment.
		var have int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM documents WHERE parent = $1`, sv.ID).Scan(&have); err != nil {
			return fmt.Errorf("count attachments: %w", s.mapErr(err))
		}
		if have != children {
			return fmt.Errorf("%d attachments stored, %d read: %w", have, children, enduse.ErrChanged)
		}
		var nid sql.NullInt64
		var oldJSON sql.NullString
		var oldText string
		err := tx.QueryRow(ctx, `SELECT n.id, n.json, d.text FROM documents d LEFT JOIN notices n ON n.doc = d.sha256
			WHERE d.sha256 = $1`, sv.ID).Scan(&nid, &oldJSON, &oldText)
		if errors.Is(err, sql.ErrNoRows) {
			return enduse.ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("read notice: %w", s.mapErr(err))
		}
		if nid.Valid {
			if err := s.deleteNotice(ctx, tx, d, nid.Int64, oldJSON.String, oldText); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(ctx, `UPDATE documents SET text = $1, status = 'stored', error = '' WHERE sha256 = $2`,
			redacted, sv.ID); err != nil {
			return fmt.Errorf("update document: %w", s.mapErr(err))
		}
		return s.insertNotice(ctx, tx, sv, redacted)
	})
	if err != nil {
		return fmt.Errorf("replace notice %s: %w", d.Source, err)
	}
	return nil
}

// deleteNotice removes notice nid of document d and undoes what saving it
// counted. stored is the notice's stored JSON and text its indexed
// redacted text.
func (s *Store) deleteNotice(ctx context.Context, tx *Tx, d *enduse.Document, nid int64, stored, text string) error {
	var old enduse.Notice
	if err := json.Unmarshal([]byte(stored), &old); err != nil {
		return fmt.Errorf("decode stored notice: %w", err)
	}
	// The counters were taken from the notice as it was checked for its
	// save; check it again the same way to take back the same ones.
	sv, err := storeutil.CheckSave(&enduse.Document{SHA256: d.SHA256, Raw: d.Raw, Source: d.Source}, text, &old, nil)
	if err != nil {
		return fmt.Errorf("stored notice: %w", err)
	}
	for _, k := range sv.OrgKeys() {
		buyer := 0
		if k == sv.Row.Buyer {
			buyer = 1
		}
		if _, err := tx.Exec(ctx, `UPDATE orgs SET documents = documents - 1, as_buyer = as_buyer - $1 WHERE key = $2`,
			buyer, k); err != nil {
			return fmt.Errorf("uncount org %s: %w", k, s.mapErr(err))
		}
	}
	for _, b := range sv.Brands() {
		if _, err := tx.Exec(ctx, `UPDATE brands SET documents = documents - 1 WHERE name = $1`, b.Brand); err != nil {
			return fmt.Errorf("uncount brand %s: %w", b.Brand, s.mapErr(err))
		}
	}
	if err := s.d.UnindexPairs(ctx, tx, nid); err != nil {
		return fmt.Errorf("unindex text: %w", s.mapErr(err))
	}
	// Tables named here, never from input.
	for _, t := range []string{"items", "mentions", "hits", "reasons", "notice_orgs"} {
		if _, err := tx.Exec(ctx, `DELETE FROM `+t+` WHERE notice = $1`, nid); err != nil {
			return fmt.Errorf("delete %s: %w", t, s.mapErr(err))
		}
	}
	var purchase string
	if err := tx.QueryRow(ctx, `SELECT purchase_id FROM notices WHERE id = $1`, nid).Scan(&purchase); err != nil {
		return fmt.Errorf("read purchase: %w", s.mapErr(err))
	}
	tx.touch(purchase)
	if _, err := tx.Exec(ctx, `DELETE FROM notices WHERE id = $1`, nid); err != nil {
		return fmt.Errorf("delete notice: %w", s.mapErr(err))
	}
	return nil
}
