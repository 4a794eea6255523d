package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/enduse/enduse"
)

var _ enduse.Admin = (*Store)(nil)

// countedTables are the tables TableCounts reports, in schema order.
var countedTables = []string{"documents", "notices", "orgs", "notice_orgs", "items", "mentions", "hits", "reasons",
	"brands", "lists", "list_entries", "frontier"}

// TableCounts counts the rows of the store's tables, in one snapshot.
func (s *Store) TableCounts(ctx context.Context) ([]enduse.TableCount, error) {
	tx, err := s.readTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("table counts: %w", err)
	}
	defer tx.Rollback()
	out := make([]enduse.TableCount, 0, len(countedTables))
	for _, t := range countedTables {
		c := enduse.TableCount{Table: t}
		// Table names come from the list above, never from input.
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+t).Scan(&c.Rows); err != nil {
			return nil, fmt.Errorf("table counts: %s: %w", t, s.mapErr(err))
		}
		out = append(out, c)
	}
	return out, nil
}

// eachDocumentPage is how many documents EachDocument reads at a time.
const eachDocumentPage = 200

// EachDocument calls fn with every stored document as it was saved, in
// ingest order (then sha256), a page at a time; it holds no transaction
// while fn runs, so fn may write (to this or another store).
func (s *Store) EachDocument(ctx context.Context, fn func(enduse.SaveItem) error) error {
	var afterAt any
	afterSHA, first := "", true
	for {
		var page []enduse.SaveItem
		var lastAt any
		var lastSHA string
		q := selectDocument
		args := []any{}
		if !first {
			q += ` WHERE d.ingested_at > $1 OR (d.ingested_at = $1 AND d.sha256 > $2)`
			args = append(args, afterAt, afterSHA)
		}
		q += ` ORDER BY d.ingested_at, d.sha256 LIMIT ` + fmt.Sprint(eachDocumentPage)
		err := s.scanRows(ctx, s.read, q, args, func(scan func(...any) error) error {
			it, at, err := s.scanDocument(scan)
			if err != nil {
				return err
			}
			d := it.Document
			page = append(page, it)
			lastAt, lastSHA = at, d.SHA256
			return nil
		})
		if err != nil {
			return fmt.Errorf("documents: %w", err)
		}
		for _, it := range page {
			if err := fn(it); err != nil {
				return err
			}
		}
		if len(page) < eachDocumentPage {
			return nil
		}
		afterAt, afterSHA, first = lastAt, lastSHA, false
	}
}

// selectDocument reads stored documents with their notices, in the column
// order scanDocument expects.
const selectDocument = `SELECT d.sha256, d.source, d.url, d.record_id, d.media_type, d.charset, d.title, d.published, d.parent,
	d.raw, d.raw_codec, d.text, d.error, d.ingested_at, n.json
	FROM documents d LEFT JOIN notices n ON n.doc = d.sha256`

// scanDocument scans one row of selectDocument into a SaveItem as the
// document was saved (ParseErr set for a failed document and for an
// attachment, which has no notice of its own), its bytes unpacked, and
// its ingest time.
func (s *Store) scanDocument(scan func(...any) error) (enduse.SaveItem, any, error) {
	d := &enduse.Document{}
	var text, failure, codec string
	var at any
	var blob sql.NullString
	if err := scan(&d.SHA256, &d.Source, &d.URL, &d.RecordID, &d.MediaType, &d.Charset, &d.Title, &d.Published,
		&d.Parent, &d.Raw, &codec, &text, &failure, &at, &blob); err != nil {
		return enduse.SaveItem{}, nil, err
	}
	var err error
	if d.Raw, err = s.raws.Unpack(d.Raw, codec, d.SHA256); err != nil {
		return enduse.SaveItem{}, nil, err
	}
	it := enduse.SaveItem{Document: d, Redacted: text}
	switch {
	case blob.Valid:
		var n enduse.Notice
		if err := json.Unmarshal([]byte(blob.String), &n); err != nil {
			return it, nil, fmt.Errorf("document %s: decode stored notice: %w", d.SHA256, err)
		}
		it.Notice = &n
	case failure != "":
		it.ParseErr = errors.New(failure)
	default:
		it.ParseErr = errors.New("no notice stored")
	}
	return it, at, nil
}
