package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/storeutil"
)

// maxAttempts is how often SaveNotice runs its transaction when PostgreSQL
// reports a deadlock or serialization failure.
const maxAttempts = 5

// HasDocument reports whether a document with this sha256 is stored.
func (db *DB) HasDocument(ctx context.Context, sha string) (bool, error) {
	var ok bool
	err := db.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM documents WHERE sha256 = $1)`,
		clean(strings.ToLower(strings.TrimSpace(sha)))).Scan(&ok)
	if err != nil {
		return false, fmt.Errorf("has document %s: %w", sha, mapErr(err))
	}
	return ok, nil
}

// SaveNotice stores the document, its redacted text and its notice in one
// transaction. Saving bytes already stored returns OutcomeDuplicate and
// changes nothing — also when another worker saves the same bytes at the
// same moment. When parseErr is non-nil (or the notice carries an Error)
// the document is stored as failed with the reason. The unredacted
// document text is never stored. It returns ErrInvalid for a malformed
// document (see storeutil.CheckSave).
func (db *DB) SaveNotice(ctx context.Context, d *enduse.Document, redacted string, n *enduse.Notice, parseErr error) (enduse.IngestOutcome, error) {
	s, err := storeutil.CheckSave(d, redacted, n, parseErr)
	if err != nil {
		return "", err
	}
	for attempt := 1; ; attempt++ {
		out, err := db.save(ctx, d, redacted, s)
		if err == nil {
			return out, nil
		}
		if !retryable(err) || attempt == maxAttempts || ctx.Err() != nil {
			return "", fmt.Errorf("save notice %s: %w", d.Source, mapErr(err))
		}
		select {
		case <-ctx.Done():
			return "", fmt.Errorf("save notice %s: %w", d.Source, ctx.Err())
		case <-time.After(time.Duration(attempt*attempt) * 10 * time.Millisecond):
		}
	}
}

// save runs one attempt of SaveNotice. Locks are taken in one order by
// every saver — the document's key, organisations by key, the grouping
// scope, brands by lower-case name — so concurrent saves cannot deadlock.
func (db *DB) save(ctx context.Context, d *enduse.Document, redacted string, s *storeutil.Save) (enduse.IngestOutcome, error) {
	tx, err := db.pool.Begin(ctx)
	if err != nil {
		return "", fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback(context.Background())
	raw := d.Raw
	if raw == nil {
		raw = []byte{}
	}
	tag, err := tx.Exec(ctx, `INSERT INTO documents (sha256, source, url, record_id, media_type, charset, title, published,
		parent, status, error, ingested_at, text, raw) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)
		ON CONFLICT (sha256) DO NOTHING`,
		s.ID, clean(d.Source), clean(d.URL), clean(d.RecordID), clean(d.MediaType), clean(d.Charset), clean(d.Title),
		clean(d.Published), clean(strings.ToLower(d.Parent)), s.Status, clean(s.Failure), db.now().UTC(), clean(redacted), raw)
	if err != nil {
		return "", fmt.Errorf("insert document: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return enduse.OutcomeDuplicate, nil
	}
	if s.Failure == "" && !s.Child {
		if err := db.insertNotice(ctx, tx, s, redacted); err != nil {
			return "", err
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return "", fmt.Errorf("commit: %w", err)
	}
	return s.Outcome, nil
}

// insertNotice writes the notice of a new document and everything
// extracted with it.
func (db *DB) insertNotice(ctx context.Context, tx pgx.Tx, s *storeutil.Save, redacted string) error {
	r := s.Row
	// Organisations first: notices and notice_orgs reference them.
	for _, ref := range s.Orgs() {
		v := ref.Values()
		if _, err := tx.Exec(ctx, sqlUpsertOrg, clean(v.Key), clean(v.Name), clean(v.NameEN), clean(v.Sector), clean(v.Level),
			clean(v.RegionCode), clean(v.RegionName), clean(v.RegionPath), clean(v.Parent)); err != nil {
			return fmt.Errorf("upsert org %s: %w", v.Key, err)
		}
	}
	group, purchase, err := findGroup(ctx, tx, r)
	if err != nil {
		return err
	}
	var nid int64
	err = tx.QueryRow(ctx, `INSERT INTO notices (doc, type, title, title_key, published, project_code, project_name,
		budget, award_amount, currency, buyer, buyer_name, buyer_en, sector, level, agency, province, region_code, region_name,
		region_path, group_id, purchase_id, simhash, detail, json)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25) RETURNING id`,
		r.Doc, clean(r.Type), clean(r.Title), clean(r.TitleKey), r.Published, clean(r.ProjectCode), clean(r.ProjectName),
		r.Budget, r.AwardAmount, clean(r.Currency), nullable(r.Buyer), clean(r.BuyerName), clean(r.BuyerEN), clean(r.Sector),
		clean(r.Level), nullable(r.Agency), provinceOf(r.RegionCode), clean(r.RegionCode), clean(r.RegionName), clean(r.RegionPath), group, purchase,
		int64(r.Simhash), r.Detail, string(s.JSON)).Scan(&nid)
	if err != nil {
		return fmt.Errorf("insert notice: %w", err)
	}
	b := &pgx.Batch{}
	for i, l := range s.Links() {
		b.Queue(`INSERT INTO notice_orgs (notice, seq, org, name, role, rank, amount, lot) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
			nid, i, clean(l.Org), clean(l.Name), clean(l.Role), l.Rank, l.Amount, clean(l.Lot))
	}
	n := s.Notice
	for i, it := range n.Items {
		var res enduse.Resolution
		if it.Resolved != nil {
			res = *it.Resolved
		}
		b.Queue(`INSERT INTO items (notice, seq, name, brand_text, model, quantity, unit, unit_price, total, brand, company,
			country, us_linked, product_line, category) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)`,
			nid, i, clean(it.Name), clean(strings.TrimSpace(it.Brand)), clean(it.Model), it.Quantity, clean(it.Unit), it.UnitPrice,
			it.Total, clean(res.Brand), clean(res.Company), clean(res.Country), res.USLinked, clean(res.ProductLine), clean(res.Category))
	}
	for i, m := range n.Mentions {
		b.Queue(`INSERT INTO mentions (notice, seq, text, kind, spec, brand, company, country, us_linked, product_line,
			category, start_pos, end_pos) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
			nid, i, clean(m.Text), clean(string(m.Kind)), m.Spec, clean(m.Brand), clean(m.Company), clean(m.Country), m.USLinked,
			clean(m.ProductLine), clean(m.Category), m.Start, m.End)
	}
	for _, h := range n.Hits {
		b.Queue(`INSERT INTO hits (notice, role, org, name, list, entry_id, entry, relation, score, why)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
			nid, clean(h.Org), clean(s.HitOrg(h)), clean(h.Name), clean(h.List), clean(h.EntryID), clean(h.Entry),
			clean(string(h.Relation)), h.Score, clean(h.Why))
	}
	for _, c := range s.Reasons() {
		b.Queue(`INSERT INTO reasons (notice, class) VALUES ($1, $2) ON CONFLICT DO NOTHING`, nid, clean(c))
	}
	// Counters last, in lock order: organisations (already locked by the
	// upserts above), then brands by lower-case name.
	for _, k := range s.OrgKeys() {
		buyer := 0
		if k == r.Buyer {
			buyer = 1
		}
		b.Queue(`UPDATE orgs SET documents = documents + 1, as_buyer = as_buyer + $1 WHERE key = $2`, buyer, clean(k))
	}
	for _, br := range s.Brands() {
		b.Queue(sqlUpsertBrand, clean(strings.ToLower(br.Brand)), clean(br.Brand), clean(br.Company), clean(br.Country),
			br.USLinked, clean(br.Category))
	}
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("insert notice details: %w", err)
	}
	return nil
}

// Upserts of SaveNotice: later non-empty attributes win.
const (
	sqlUpsertOrg = `INSERT INTO orgs AS o (key, name, name_en, sector, level, region_code, region_name, region_path, parent)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT (key) DO UPDATE SET
		name_en = COALESCE(NULLIF(excluded.name_en, ''), o.name_en),
		sector = CASE WHEN excluded.sector NOT IN ('', 'unknown') THEN excluded.sector ELSE o.sector END,
		level = CASE WHEN excluded.level NOT IN ('', 'unknown') THEN excluded.level ELSE o.level END,
		region_code = COALESCE(NULLIF(excluded.region_code, ''), o.region_code),
		region_name = CASE WHEN excluded.region_code <> '' THEN excluded.region_name ELSE o.region_name END,
		region_path = CASE WHEN excluded.region_code <> '' THEN excluded.region_path ELSE o.region_path END,
		parent = COALESCE(NULLIF(excluded.parent, ''), o.parent)`
	sqlUpsertBrand = `INSERT INTO brands AS b (lname, name, company, country, us_linked, category, documents)
		VALUES ($1,$2,$3,$4,$5,$6,1) ON CONFLICT (lname) DO UPDATE SET
		company = COALESCE(NULLIF(excluded.company, ''), b.company),
		country = COALESCE(NULLIF(excluded.country, ''), b.country),
		us_linked = b.us_linked OR excluded.us_linked,
		category = COALESCE(NULLIF(b.category, ''), excluded.category),
		documents = b.documents + 1`
)

// findGroup decides the announcement group and purchase of a new notice
// (rules in storeutil.Grouping). Decisions within one scope (type and
// buyer, or type and title for notices without a buyer) are serialised by
// a transaction-level advisory lock held until commit, so two workers
// saving two copies of one announcement at once still put them in one
// group: the second sees the first's committed row (READ COMMITTED takes
// a new snapshot per statement).
func findGroup(ctx context.Context, tx pgx.Tx, r storeutil.NoticeRow) (group, purchase string, err error) {
	g := storeutil.NewGrouping(r)
	if group, purchase, ok := g.Direct(); ok {
		if !g.LotProbe() {
			return group, purchase, nil
		}
		// Lots of one project awarded separately stay apart (same rule as
		// SQLite); the lock keeps concurrent savers of one project in step.
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, clean(group)); err != nil {
			return "", "", fmt.Errorf("lock group: %w", err)
		}
		rows, err := tx.Query(ctx, fmt.Sprintf(`SELECT award_amount FROM notices WHERE group_id = $1 LIMIT %d`, storeutil.MaxLotMembers), clean(group))
		if err != nil {
			return "", "", fmt.Errorf("find group: %w", err)
		}
		defer rows.Close()
		var members []float64
		for rows.Next() {
			var a float64
			if err := rows.Scan(&a); err != nil {
				return "", "", fmt.Errorf("find group: %w", err)
			}
			members = append(members, a)
		}
		if err := rows.Err(); err != nil {
			return "", "", fmt.Errorf("find group: %w", err)
		}
		return g.LotGroup(group, members), purchase, nil
	}
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, clean(g.LockKey())); err != nil {
		return "", "", fmt.Errorf("lock group: %w", err)
	}
	typ, buyer, titleKey := g.Scope()
	q := `SELECT group_id, purchase_id, title_key, award_amount, simhash FROM notices WHERE type = $1 AND buyer = $2`
	args := []any{clean(typ), clean(buyer)}
	if buyer == "" {
		q = `SELECT group_id, purchase_id, title_key, award_amount, simhash FROM notices
			WHERE type = $1 AND buyer IS NULL AND title_key = $2`
		args = []any{clean(typ), clean(titleKey)}
	}
	if from, to, ok := g.Window(); ok {
		q += ` AND (published = '' OR published BETWEEN $3 AND $4)`
		args = append(args, from, to)
	}
	q += fmt.Sprintf(` ORDER BY id LIMIT %d`, storeutil.MaxGroupCandidates)
	rows, err := tx.Query(ctx, q, args...)
	if err != nil {
		return "", "", fmt.Errorf("find group: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c storeutil.Candidate
		var sh int64
		if err := rows.Scan(&c.Group, &c.Purchase, &c.TitleKey, &c.AwardAmount, &sh); err != nil {
			return "", "", fmt.Errorf("find group: %w", err)
		}
		c.Simhash = uint64(sh)
		if g.Joins(c) {
			return c.Group, c.Purchase, nil
		}
	}
	if err := rows.Err(); err != nil {
		return "", "", fmt.Errorf("find group: %w", err)
	}
	group, purchase = g.Own()
	return group, purchase, nil
}

// provinceOf is the two-digit province part of a GB/T 2260 code, or "".
func provinceOf(code string) string {
	if len(code) < 2 || !storeutil.IsDigits(code) {
		return ""
	}
	return code[:2]
}

// nullable maps "" to NULL, for foreign keys.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return clean(s)
}

// clean makes s storable as PostgreSQL text, which cannot hold NUL or
// invalid UTF-8: each becomes U+FFFD, so rune offsets into redacted text
// still hold (a NUL is one rune, as is its replacement).
func clean(s string) string {
	if strings.IndexByte(s, 0) < 0 && utf8.ValidString(s) {
		return s
	}
	return strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "\uFFFD")
}

// errNoRows reports whether err is pgx's no-rows error.
func errNoRows(err error) bool { return errors.Is(err, pgx.ErrNoRows) }
