package sqlstore

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/counting"
	"github.com/enduse/enduse/storeutil"
)

// HasDocument reports whether a document with this sha256 is stored.
func (s *Store) HasDocument(ctx context.Context, sha string) (bool, error) {
	var ok bool
	err := s.queryRow(ctx, s.read, `SELECT EXISTS (SELECT 1 FROM documents WHERE sha256 = $1)`,
		enduse.SHAKey(sha)).Scan(&ok)
	if err != nil {
		return false, fmt.Errorf("has document %s: %w", sha, s.mapErr(err))
	}
	return ok, nil
}

// SaveNotice stores the document, its redacted text and its notice in one
// transaction. Saving bytes already stored returns OutcomeDuplicate and
// changes nothing — also when another worker saves the same bytes at the
// same moment. When parseErr is non-nil (or the notice carries an Error)
// the document is stored as failed with the reason. The document's
// unredacted Text is never stored: evidence snippets in the notice are
// re-cut from redacted, which must have the same rune length as d.Text
// when d.Text is set. It returns ErrInvalid for a malformed document (see
// storeutil.CheckSave).
func (s *Store) SaveNotice(ctx context.Context, d *enduse.Document, redacted string, n *enduse.Notice, parseErr error) (enduse.IngestOutcome, error) {
	out, err := s.SaveNotices(ctx, []enduse.SaveItem{{Document: d, Redacted: redacted, Notice: n, ParseErr: parseErr}})
	if err != nil {
		return "", err
	}
	return out[0], nil
}

// SaveNotices stores a batch of documents in one transaction: all of them
// or, on an error, none. Each is saved as SaveNotice saves it, in order,
// so a second copy of the same bytes in the batch is a duplicate. It
// returns one outcome per item; ErrInvalid (naming the item) for a
// malformed one, before anything is written.
func (s *Store) SaveNotices(ctx context.Context, items []enduse.SaveItem) ([]enduse.IngestOutcome, error) {
	svs := make([]*storeutil.Save, len(items))
	for i, it := range items {
		sv, err := storeutil.CheckItem(it)
		if err != nil {
			if len(items) > 1 {
				return nil, fmt.Errorf("save batch item %d: %w", i, err)
			}
			return nil, err
		}
		svs[i] = sv
	}
	out := make([]enduse.IngestOutcome, len(items))
	current := ""
	err := s.inTx(ctx, func(tx *Tx) error {
		for i, it := range items {
			current = it.Document.Source
			o, err := s.save(ctx, tx, it.Document, it.Redacted, svs[i])
			if err != nil {
				return err
			}
			out[i] = o
		}
		return nil
	})
	if err != nil {
		if len(items) > 1 {
			return nil, fmt.Errorf("save batch of %d (at %s): %w", len(items), current, err)
		}
		return nil, fmt.Errorf("save notice %s: %w", current, err)
	}
	return out, nil
}

var _ enduse.SavePreparer = (*Store)(nil)

// PrepareSave checks it and derives what saving it writes
// (enduse.SavePreparer), on the caller's goroutine.
func (s *Store) PrepareSave(it enduse.SaveItem) enduse.SaveItem {
	return storeutil.Prepare(it, s.raws)
}

// save writes one checked document in tx. Locks are taken in one order by
// every saver — the document's key, organisations by key, the grouping
// scope, brands by name — so concurrent saves cannot deadlock.
func (s *Store) save(ctx context.Context, tx *Tx, d *enduse.Document, redacted string, sv *storeutil.Save) (enduse.IngestOutcome, error) {
	raw, codec := sv.StoredRaw(s.raws, d.Raw)
	if raw == nil {
		raw = []byte{}
	}
	res, err := tx.Exec(ctx, s.sql.insertDocument,
		sv.ID, d.Source, d.URL, d.RecordID, d.MediaType, d.Charset, d.Title, d.Published, strings.ToLower(d.Parent),
		sv.Status, sv.Failure, s.d.Time(s.now().UTC()), redacted, raw, codec)
	if err != nil {
		return "", fmt.Errorf("insert document: %w", s.mapErr(err))
	}
	n, err := res.RowsAffected()
	if err != nil {
		return "", fmt.Errorf("insert document: %w", s.mapErr(err))
	}
	// A stored document needs no claim (enduse.DocumentClaimer), however
	// it came to be stored.
	if _, err := tx.Exec(ctx, s.sql.endClaim, sv.ID); err != nil {
		return "", fmt.Errorf("end claim: %w", s.mapErr(err))
	}
	if n == 0 {
		return enduse.OutcomeDuplicate, nil
	}
	if sv.Failure == "" && !sv.Child {
		if err := s.insertNotice(ctx, tx, sv, redacted); err != nil {
			return "", err
		}
	}
	return sv.Outcome, nil
}

// saveSQL is the statements of a save, in the store's dialect; New
// prepares them when asked to.
type saveSQL struct {
	insertDocument, insertNotice, countOrg, upsertBrand, upsertOrg, endClaim string
	// The rows a notice has many of, written by rowWriters.
	noticeOrg, item, mention, hit, reason insertSQL
}

// newSaveSQL builds the save statements for dialect d.
func newSaveSQL(d Dialect) saveSQL {
	orgSeqCol, orgCols := "", 7
	if d.NoticeOrgSeq() {
		orgSeqCol, orgCols = ", seq", 8
	}
	return saveSQL{
		insertDocument: `INSERT INTO documents (sha256, source, url, record_id, media_type, charset, title, published,
		parent, status, error, ingested_at, text, raw, raw_codec) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)
		ON CONFLICT (sha256) DO NOTHING`,
		insertNotice: `INSERT INTO notices (doc, type, title, title_key, published, project_code, project_name,
		budget, award_amount, currency, buyer, buyer_name, buyer_en, sector, level, agency, province, region_code, region_name,
		region_path, group_id, purchase_id, simhash, detail, json)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25) RETURNING id`,
		noticeOrg: newInsert(`INSERT INTO notice_orgs (notice, org, name, role, rank, amount, lot`+orgSeqCol+`)`, "", orgCols),
		item: newInsert(`INSERT INTO items (notice, seq, name, brand_text, model, quantity, unit, unit_price, total, brand, company,
		country, us_linked, product_line, category, pathway)`, "", 16),
		mention: newInsert(`INSERT INTO mentions (notice, seq, text, kind, spec, brand, company, country, us_linked, product_line,
		category, `+d.MentionPos()+`, pathway)`, "", 14),
		hit:         newInsert(`INSERT INTO hits (notice, role, org, name, list, entry_id, entry, relation, score, why)`, "", 10),
		reason:      newInsert(`INSERT INTO reasons (notice, class)`, ` ON CONFLICT DO NOTHING`, 2),
		countOrg:    `UPDATE orgs SET documents = documents + 1, as_buyer = as_buyer + $1 WHERE key = $2`,
		endClaim:    `DELETE FROM claims WHERE sha256 = $1`,
		upsertBrand: d.UpsertBrand(),
		upsertOrg: `INSERT INTO orgs AS o (key, name, name_en, sector, level, region_code, region_name, region_path, parent)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT (key) DO UPDATE SET
		name_en = COALESCE(NULLIF(excluded.name_en, ''), o.name_en),
		sector = CASE WHEN excluded.sector NOT IN ('', 'unknown') THEN excluded.sector ELSE o.sector END,
		level = CASE WHEN excluded.level NOT IN ('', 'unknown') THEN excluded.level ELSE o.level END,
		region_code = COALESCE(NULLIF(excluded.region_code, ''), o.region_code),
		region_name = CASE WHEN excluded.region_code <> '' THEN excluded.region_name ELSE o.region_name END,
		region_path = CASE WHEN excluded.region_code <> '' THEN excluded.region_path ELSE o.region_path END,
		parent = COALESCE(NULLIF(excluded.parent, ''), o.parent)`,
	}
}

// saveStatements lists the statements New prepares.
func (s *Store) saveStatements() []string {
	q := s.sql
	all := []string{q.insertDocument, q.insertNotice, q.countOrg, q.upsertBrand, q.upsertOrg, q.endClaim}
	for _, i := range []insertSQL{q.noticeOrg, q.item, q.mention, q.hit, q.reason, contributionInsert, totalInsert} {
		all = append(all, i.prepared()...)
	}
	return all
}

// insertNotice writes the notice of a new document and everything
// extracted with it.
func (s *Store) insertNotice(ctx context.Context, tx *Tx, sv *storeutil.Save, redacted string) error {
	q := &s.sql
	r := sv.Row
	// Organisations first: notices and notice_orgs reference them.
	for _, ref := range sv.Orgs() {
		v := ref.Values()
		if _, err := tx.Exec(ctx, q.upsertOrg, v.Key, v.Name, v.NameEN, v.Sector, v.Level,
			v.RegionCode, v.RegionName, v.RegionPath, v.Parent); err != nil {
			return fmt.Errorf("upsert org %s: %w", v.Key, s.mapErr(err))
		}
	}
	group, purchase, err := s.findGroup(ctx, tx, r)
	if err != nil {
		return err
	}
	var nid int64
	err = tx.QueryRow(ctx, q.insertNotice,
		r.Doc, r.Type, r.Title, r.TitleKey, r.Published, r.ProjectCode, r.ProjectName, r.Budget, r.AwardAmount, r.Currency,
		nullable(r.Buyer), r.BuyerName, r.BuyerEN, r.Sector, r.Level, nullable(r.Agency), counting.ProvinceOf(r.RegionCode), r.RegionCode,
		r.RegionName, r.RegionPath, group, purchase, int64(r.Simhash), r.Detail, string(sv.JSON)).Scan(&nid)
	if err != nil {
		return fmt.Errorf("insert notice: %w", s.mapErr(err))
	}
	tx.touch(purchase)
	tx.indexText(IndexedText{Notice: nid, Pairs: sv.TextPairs(redacted)})
	// Many rows of a few tables: a statement per batch of rows, not per
	// row (a round trip each on PostgreSQL).
	links := s.rows(tx, q.noticeOrg)
	for i, l := range sv.Links() {
		args := []any{nid, l.Org, l.Name, l.Role, l.Rank, l.Amount, l.Lot}
		if s.d.NoticeOrgSeq() {
			args = append(args, i)
		}
		if err := links.add(ctx, args...); err != nil {
			return fmt.Errorf("insert %s %s: %w", l.Role, l.Org, err)
		}
	}
	n := sv.Notice
	items := s.rows(tx, q.item)
	for i, it := range n.Items {
		var res enduse.Resolution
		if it.Resolved != nil {
			res = *it.Resolved
		}
		if err := items.add(ctx,
			nid, i, it.Name, strings.TrimSpace(it.Brand), it.Model, it.Quantity, it.Unit, it.UnitPrice, it.Total,
			res.Brand, res.Company, res.Country, res.USLinked, res.ProductLine, res.Category, storeutil.PathwayOf(res)); err != nil {
			return fmt.Errorf("insert item %d: %w", i, err)
		}
	}
	mentions := s.rows(tx, q.mention)
	for i, m := range n.Mentions {
		if err := mentions.add(ctx,
			nid, i, m.Text, string(m.Kind), m.Spec, m.Brand, m.Company, m.Country, m.USLinked, m.ProductLine, m.Category,
			m.Start, m.End, storeutil.PathwayOf(m.Resolution)); err != nil {
			return fmt.Errorf("insert mention %d: %w", i, err)
		}
	}
	hits := s.rows(tx, q.hit)
	for i, h := range n.Hits {
		if err := hits.add(ctx, nid, h.Org, sv.HitOrg(h), h.Name, h.List, h.EntryID, h.Entry,
			string(h.Relation), h.Score, h.Why); err != nil {
			return fmt.Errorf("insert hit %d: %w", i, err)
		}
	}
	reasons := s.rows(tx, q.reason)
	for _, c := range sv.Reasons() {
		if err := reasons.add(ctx, nid, c); err != nil {
			return fmt.Errorf("insert reason %s: %w", c, err)
		}
	}
	for _, w := range []*rowWriter{links, items, mentions, hits, reasons} {
		if err := w.flush(ctx); err != nil {
			return fmt.Errorf("insert notice %d: %w", nid, err)
		}
	}
	// Counters last, in lock order: organisations (already locked by the
	// upserts above), then brands.
	for _, k := range sv.OrgKeys() {
		buyer := 0
		if k == r.Buyer {
			buyer = 1
		}
		if _, err := tx.Exec(ctx, q.countOrg, buyer, k); err != nil {
			return fmt.Errorf("count org %s: %w", k, s.mapErr(err))
		}
	}
	for _, b := range sv.Brands() {
		if _, err := tx.Exec(ctx, q.upsertBrand, b.Brand, b.Company, b.Country, b.USLinked, b.Category); err != nil {
			return fmt.Errorf("count brand %s: %w", b.Brand, s.mapErr(err))
		}
	}
	return nil
}

// findGroup decides the announcement group and purchase of a new notice
// (rules in counting.Grouping). The write lock (tryTx) serialises the
// decisions, so two workers saving two copies of one announcement at once
// still put them in one group, and lots of one project awarded
// separately stay apart.
func (s *Store) findGroup(ctx context.Context, tx *Tx, r counting.NoticeRow) (group, purchase string, err error) {
	g := counting.NewGrouping(r)
	if group, purchase, ok := g.Direct(); ok {
		if !g.LotProbe() {
			return group, purchase, nil
		}
		var members []float64
		rows, err := tx.Query(ctx, `SELECT award_amount FROM notices WHERE group_id = $1 LIMIT `+
			strconv.Itoa(counting.MaxLotMembers), group)
		if err != nil {
			return "", "", fmt.Errorf("find group: %w", s.mapErr(err))
		}
		defer rows.Close()
		for rows.Next() {
			var a float64
			if err := rows.Scan(&a); err != nil {
				return "", "", fmt.Errorf("find group: %w", s.mapErr(err))
			}
			members = append(members, a)
		}
		if err := rows.Err(); err != nil {
			return "", "", fmt.Errorf("find group: %w", s.mapErr(err))
		}
		return g.LotGroup(group, members), purchase, nil
	}
	// Candidates: same type and buyer (without a buyer: same title), published close by.
	typ, buyer, titleKey := g.Scope()
	q := `SELECT group_id, purchase_id, title_key, award_amount, simhash FROM notices WHERE type = $1 AND buyer = $2`
	args := []any{typ, buyer}
	if buyer == "" {
		// Without a buyer only the title can tell; use its index.
		q = `SELECT group_id, purchase_id, title_key, award_amount, simhash FROM notices
			WHERE type = $1 AND title_key = $2 AND buyer IS NULL`
		args = []any{typ, titleKey}
	}
	if from, to, ok := g.Window(); ok {
		q += ` AND (published = '' OR published BETWEEN $3 AND $4)`
		args = append(args, from, to)
	}
	q += ` ORDER BY id LIMIT ` + strconv.Itoa(counting.MaxGroupCandidates)
	rows, err := tx.Query(ctx, q, args...)
	if err != nil {
		return "", "", fmt.Errorf("find group: %w", s.mapErr(err))
	}
	defer rows.Close()
	for rows.Next() {
		var c counting.Candidate
		var sh int64
		if err := rows.Scan(&c.Group, &c.Purchase, &c.TitleKey, &c.AwardAmount, &sh); err != nil {
			return "", "", fmt.Errorf("find group: %w", s.mapErr(err))
		}
		c.Simhash = uint64(sh)
		if g.Joins(c) {
			return c.Group, c.Purchase, nil
		}
	}
	if err := rows.Err(); err != nil {
		return "", "", fmt.Errorf("find group: %w", s.mapErr(err))
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
