package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/storeutil"
)

// HasDocument reports whether a document with this sha256 is stored.
func (db *DB) HasDocument(ctx context.Context, sha string) (bool, error) {
	var one int
	err := db.read.QueryRowContext(ctx, `SELECT 1 FROM documents WHERE sha256 = ?`, strings.ToLower(sha)).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("has document %s: %w", sha, mapErr(err))
	}
	return true, nil
}

// SaveNotice stores the document, its redacted text and its notice in one
// transaction. Saving bytes already stored returns OutcomeDuplicate and
// changes nothing. When parseErr is non-nil (or the notice carries an
// Error) the document is stored as failed with the reason. The document's
// unredacted Text is never stored: evidence snippets in the notice are
// re-cut from redacted, which must have the same rune length as d.Text
// when d.Text is set. It returns ErrInvalid for a malformed document.
func (db *DB) SaveNotice(ctx context.Context, d *enduse.Document, redacted string, n *enduse.Notice, parseErr error) (enduse.IngestOutcome, error) {
	sv, err := storeutil.CheckSave(d, redacted, n, parseErr)
	if err != nil {
		return "", err
	}
	id := sv.ID
	sqlTx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return "", fmt.Errorf("save notice %s: begin: %w", d.Source, mapErr(err))
	}
	defer sqlTx.Rollback()
	tx := &wtx{Tx: sqlTx, db: db}
	var one int
	switch err := tx.QueryRowContext(ctx, sqlDocExists, id).Scan(&one); {
	case err == nil:
		return enduse.OutcomeDuplicate, nil
	case !errors.Is(err, sql.ErrNoRows):
		return "", fmt.Errorf("save notice %s: %w", d.Source, mapErr(err))
	}
	raw := d.Raw
	if raw == nil {
		raw = []byte{}
	}
	if _, err := tx.ExecContext(ctx, sqlInsertDocument,
		id, d.Source, d.URL, d.RecordID, d.MediaType, d.Charset, d.Title, d.Published, strings.ToLower(d.Parent),
		raw, redacted, sv.Status, sv.Failure, db.now().UTC().Format(time.RFC3339Nano)); err != nil {
		return "", fmt.Errorf("save notice %s: insert document: %w", d.Source, mapErr(err))
	}
	if sv.Failure == "" && !sv.Child {
		if err := db.insertNotice(ctx, tx, sv, redacted); err != nil {
			return "", fmt.Errorf("save notice %s: %w", d.Source, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return "", fmt.Errorf("save notice %s: commit: %w", d.Source, mapErr(err))
	}
	return sv.Outcome, nil
}

// Statements SaveNotice runs for every document; Open prepares them once.
const (
	sqlDocExists      = `SELECT 1 FROM documents WHERE sha256 = ?`
	sqlInsertDocument = `INSERT INTO documents (sha256, source, url, record_id, media_type, charset,
		title, published, parent, raw, text, status, error, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`
	sqlInsertNotice = `INSERT INTO notices (doc, type, title, title_key, published, project_code, project_name,
		budget, award_amount, currency, buyer, buyer_name, buyer_en, sector, level, agency, province, region_code, region_name,
		region_path, group_id, purchase_id, simhash, detail, json) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`
	sqlInsertFTS       = `INSERT INTO notice_fts (rowid, title, text) VALUES (?, ?, ?)`
	sqlCountOrg        = `UPDATE orgs SET documents = documents + 1, as_buyer = as_buyer + ? WHERE key = ?`
	sqlInsertNoticeOrg = `INSERT INTO notice_orgs (notice, org, name, role, rank, amount, lot) VALUES (?,?,?,?,?,?,?)`
	sqlInsertItem      = `INSERT INTO items (notice, seq, name, brand_text, model, quantity, unit, unit_price,
			total, brand, company, country, us_linked, product_line, category) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`
	sqlInsertMention = `INSERT INTO mentions (notice, seq, text, kind, spec, brand, company, country,
			us_linked, product_line, category, start, "end") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`
	sqlUpsertBrand = `INSERT INTO brands (name, company, country, us_linked, category, documents)
			VALUES (?,?,?,?,?,1) ON CONFLICT (name) DO UPDATE SET
			company = COALESCE(NULLIF(excluded.company, ''), company),
			country = COALESCE(NULLIF(excluded.country, ''), country),
			us_linked = MAX(us_linked, excluded.us_linked),
			category = COALESCE(NULLIF(category, ''), excluded.category),
			documents = documents + 1`
	sqlInsertHit = `INSERT INTO hits (notice, role, org, name, list, entry_id, entry, relation, score, why)
			VALUES (?,?,?,?,?,?,?,?,?,?)`
	sqlInsertReason = `INSERT OR IGNORE INTO reasons (notice, class) VALUES (?, ?)`
	sqlUpsertOrg    = `INSERT INTO orgs (key, name, name_en, sector, level, region_code, region_name, region_path, parent)
		VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (key) DO UPDATE SET
		name_en = COALESCE(NULLIF(excluded.name_en, ''), name_en),
		sector = CASE WHEN excluded.sector NOT IN ('', 'unknown') THEN excluded.sector ELSE sector END,
		level = CASE WHEN excluded.level NOT IN ('', 'unknown') THEN excluded.level ELSE level END,
		region_code = COALESCE(NULLIF(excluded.region_code, ''), region_code),
		region_name = CASE WHEN excluded.region_code <> '' THEN excluded.region_name ELSE region_name END,
		region_path = CASE WHEN excluded.region_code <> '' THEN excluded.region_path ELSE region_path END,
		parent = COALESCE(NULLIF(excluded.parent, ''), parent)`
)

// writeStatements lists the statements Open prepares.
func writeStatements() []string {
	return []string{sqlDocExists, sqlInsertDocument, sqlInsertNotice, sqlInsertFTS, sqlCountOrg, sqlInsertNoticeOrg, sqlInsertItem, sqlInsertMention, sqlUpsertBrand, sqlInsertHit, sqlInsertReason, sqlUpsertOrg}
}

// insertNotice writes the notice of a stored document and everything
// extracted with it.
func (db *DB) insertNotice(ctx context.Context, tx *wtx, sv *storeutil.Save, redacted string) error {
	r := sv.Row
	// Organisations first: notices and notice_orgs reference them.
	for _, o := range sv.Orgs() {
		if err := upsertOrg(ctx, tx, o.Values()); err != nil {
			return err
		}
	}
	group, purchase, err := findGroup(ctx, tx, r)
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, sqlInsertNotice,
		r.Doc, r.Type, r.Title, r.TitleKey, r.Published, r.ProjectCode, r.ProjectName, r.Budget, r.AwardAmount, r.Currency,
		nullable(r.Buyer), r.BuyerName, r.BuyerEN, r.Sector, r.Level, nullable(r.Agency), provinceOf(r.RegionCode), r.RegionCode, r.RegionName,
		r.RegionPath, group, purchase, int64(r.Simhash), r.Detail, string(sv.JSON))
	if err != nil {
		return fmt.Errorf("insert notice: %w", mapErr(err))
	}
	nid, err := res.LastInsertId()
	if err != nil {
		return fmt.Errorf("insert notice: %w", mapErr(err))
	}
	if err := insertChildren(ctx, tx, nid, sv); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, sqlInsertFTS, nid, r.Title, redacted); err != nil {
		return fmt.Errorf("index text: %w", mapErr(err))
	}
	for _, k := range sv.OrgKeys() {
		buyer := 0
		if k == r.Buyer {
			buyer = 1
		}
		if _, err := tx.ExecContext(ctx, sqlCountOrg, buyer, k); err != nil {
			return fmt.Errorf("count org %s: %w", k, mapErr(err))
		}
	}
	return nil
}

// insertChildren writes the notice's organisations, items, mentions, hits
// and reasons, and counts its brands.
func insertChildren(ctx context.Context, tx *wtx, nid int64, sv *storeutil.Save) error {
	n := sv.Notice
	for _, l := range sv.Links() {
		if _, err := tx.ExecContext(ctx, sqlInsertNoticeOrg,
			nid, l.Org, l.Name, l.Role, l.Rank, l.Amount, l.Lot); err != nil {
			return fmt.Errorf("insert %s %s: %w", l.Role, l.Org, mapErr(err))
		}
	}
	for i, it := range n.Items {
		var res enduse.Resolution
		if it.Resolved != nil {
			res = *it.Resolved
		}
		if _, err := tx.ExecContext(ctx, sqlInsertItem,
			nid, i, it.Name, strings.TrimSpace(it.Brand), it.Model, it.Quantity, it.Unit, it.UnitPrice, it.Total,
			res.Brand, res.Company, res.Country, res.USLinked, res.ProductLine, res.Category); err != nil {
			return fmt.Errorf("insert item %d: %w", i, mapErr(err))
		}
	}
	for i, m := range n.Mentions {
		if _, err := tx.ExecContext(ctx, sqlInsertMention,
			nid, i, m.Text, string(m.Kind), m.Spec, m.Brand, m.Company, m.Country, m.USLinked, m.ProductLine, m.Category,
			m.Start, m.End); err != nil {
			return fmt.Errorf("insert mention %d: %w", i, mapErr(err))
		}
	}
	for _, b := range sv.Brands() {
		if _, err := tx.ExecContext(ctx, sqlUpsertBrand, b.Brand, b.Company, b.Country, b.USLinked, b.Category); err != nil {
			return fmt.Errorf("count brand %s: %w", b.Brand, mapErr(err))
		}
	}
	for i, h := range n.Hits {
		if _, err := tx.ExecContext(ctx, sqlInsertHit, nid, h.Org, sv.HitOrg(h), h.Name, h.List, h.EntryID, h.Entry, string(h.Relation), h.Score, h.Why); err != nil {
			return fmt.Errorf("insert hit %d: %w", i, mapErr(err))
		}
	}
	for _, c := range sv.Reasons() {
		if _, err := tx.ExecContext(ctx, sqlInsertReason, nid, c); err != nil {
			return fmt.Errorf("insert reason %s: %w", c, mapErr(err))
		}
	}
	return nil
}

// upsertOrg records an organisation; later non-empty attributes win.
func upsertOrg(ctx context.Context, tx *wtx, v storeutil.OrgValues) error {
	_, err := tx.ExecContext(ctx, sqlUpsertOrg,
		v.Key, v.Name, v.NameEN, v.Sector, v.Level, v.RegionCode, v.RegionName, v.RegionPath, v.Parent)
	if err != nil {
		return fmt.Errorf("upsert org %s: %w", v.Key, mapErr(err))
	}
	return nil
}

// findGroup decides the announcement group and purchase of a new notice
// (rules in storeutil.Grouping).
func findGroup(ctx context.Context, tx *wtx, r storeutil.NoticeRow) (group, purchase string, err error) {
	g := storeutil.NewGrouping(r)
	if group, purchase, ok := g.Direct(); ok {
		if !g.LotProbe() {
			return group, purchase, nil
		}
		rows, err := tx.QueryContext(ctx, `SELECT award_amount FROM notices WHERE group_id = ? LIMIT `+
			strconv.Itoa(storeutil.MaxLotMembers), group)
		if err != nil {
			return "", "", fmt.Errorf("find group: %w", mapErr(err))
		}
		defer rows.Close()
		var members []float64
		for rows.Next() {
			var a float64
			if err := rows.Scan(&a); err != nil {
				return "", "", fmt.Errorf("find group: %w", mapErr(err))
			}
			members = append(members, a)
		}
		if err := rows.Err(); err != nil {
			return "", "", fmt.Errorf("find group: %w", mapErr(err))
		}
		return g.LotGroup(group, members), purchase, nil
	}
	// Candidates: same type and buyer (without a buyer: same title), published close by.
	typ, buyer, titleKey := g.Scope()
	q := `SELECT group_id, purchase_id, title_key, award_amount, simhash FROM notices WHERE type = ? AND buyer IS ? AND `
	args := []any{typ, nullable(buyer)}
	if buyer == "" {
		// Without a buyer only the title can tell; use its index.
		q = `SELECT group_id, purchase_id, title_key, award_amount, simhash FROM notices
			WHERE type = ? AND title_key = ? AND buyer IS NULL AND `
		args = []any{typ, titleKey}
	}
	if from, to, ok := g.Window(); ok {
		q += `(published = '' OR published BETWEEN ? AND ?)`
		args = append(args, from, to)
	} else {
		q += `1`
	}
	q += ` ORDER BY id LIMIT ` + strconv.Itoa(storeutil.MaxGroupCandidates)
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return "", "", fmt.Errorf("find group: %w", mapErr(err))
	}
	defer rows.Close()
	for rows.Next() {
		var c storeutil.Candidate
		var sh int64
		if err := rows.Scan(&c.Group, &c.Purchase, &c.TitleKey, &c.AwardAmount, &sh); err != nil {
			return "", "", fmt.Errorf("find group: %w", mapErr(err))
		}
		c.Simhash = uint64(sh)
		if g.Joins(c) {
			return c.Group, c.Purchase, nil
		}
	}
	if err := rows.Err(); err != nil {
		return "", "", fmt.Errorf("find group: %w", mapErr(err))
	}
	group, purchase = g.Own()
	return group, purchase, nil
}

// nullable maps "" to NULL, for foreign keys.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// wtx is a write transaction that runs the statements Open prepared (the
// same few for every document) without preparing them again.
type wtx struct {
	*sql.Tx
	db *DB
}

// stmt returns the prepared form of q, or nil when q is not one of the
// statements Open prepared.
func (t *wtx) stmt(q string) *sql.Stmt {
	return t.db.stmts[q]
}

// ExecContext runs q with args in the transaction.
func (t *wtx) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	if s := t.stmt(q); s != nil {
		return t.Tx.StmtContext(ctx, s).ExecContext(ctx, args...)
	}
	return t.Tx.ExecContext(ctx, q, args...)
}

// QueryRowContext runs q with args in the transaction.
func (t *wtx) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	if s := t.stmt(q); s != nil {
		return t.Tx.StmtContext(ctx, s).QueryRowContext(ctx, args...)
	}
	return t.Tx.QueryRowContext(ctx, q, args...)
}

// QueryContext runs q with args in the transaction.
func (t *wtx) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if s := t.stmt(q); s != nil {
		return t.Tx.StmtContext(ctx, s).QueryContext(ctx, args...)
	}
	return t.Tx.QueryContext(ctx, q, args...)
}

// provinceOf is the two-digit province part of a GB/T 2260 code, or "".
func provinceOf(code string) string {
	if len(code) < 2 || !storeutil.IsDigits(code) {
		return ""
	}
	return code[:2]
}
