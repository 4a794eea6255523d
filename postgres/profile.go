package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/storeutil"
)

// links loads the organisations of the given notices with their current
// sector, level and region, in each notice's order.
func (db *DB) links(ctx context.Context, s *storeutil.Set) ([]storeutil.OrgLink, error) {
	ids := make([]int64, len(s.Recs))
	for i, r := range s.Recs {
		ids[i] = r.ID
	}
	rows, err := db.pool.Query(ctx, `SELECT o.notice, o.org, o.name, o.role, o.amount,
		COALESCE(g.sector, ''), COALESCE(g.level, ''), COALESCE(g.region_code, '')
		FROM notice_orgs o LEFT JOIN orgs g ON g.key = o.org
		WHERE o.notice = ANY($1) ORDER BY o.notice, o.seq`, ids)
	if err != nil {
		return nil, fmt.Errorf("load organisations: %w", mapErr(err))
	}
	defer rows.Close()
	var out []storeutil.OrgLink
	for rows.Next() {
		var l storeutil.OrgLink
		if err := rows.Scan(&l.Notice, &l.Org, &l.Name, &l.Role, &l.Amount, &l.Sector, &l.Level, &l.RegionCode); err != nil {
			return nil, fmt.Errorf("load organisations: %w", mapErr(err))
		}
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load organisations: %w", mapErr(err))
	}
	return out, nil
}

// resolveOrg finds the key of an organisation given by key or name.
func (db *DB) resolveOrg(ctx context.Context, q string) (string, error) {
	q = clean(strings.TrimSpace(q))
	if q == "" {
		return "", fmt.Errorf("empty organisation: %w", enduse.ErrInvalid)
	}
	for _, query := range []string{
		`SELECT key FROM orgs WHERE key = $1`,
		`SELECT key FROM orgs WHERE name = $1 OR lower(name_en) = lower($1) ORDER BY documents DESC, key LIMIT 1`,
		`SELECT org FROM notice_orgs WHERE name = $1 LIMIT 1`,
	} {
		var key string
		err := db.pool.QueryRow(ctx, query, q).Scan(&key)
		if err == nil {
			return key, nil
		}
		if !errNoRows(err) {
			return "", fmt.Errorf("find organisation %s: %w", q, mapErr(err))
		}
	}
	return "", fmt.Errorf("organisation %s: %w", q, enduse.ErrNotFound)
}

// OrgProfile returns the profile of the organisation with this key or name:
// its records by role, counterparties, brands, amounts and list hits. It
// returns ErrNotFound when no notice names it.
func (db *DB) OrgProfile(ctx context.Context, q string) (*enduse.OrgProfile, error) {
	key, err := db.resolveOrg(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("org profile: %w", err)
	}
	op := &enduse.OrgProfile{Key: key}
	var code, rname, rpath, sector, level string
	err = db.pool.QueryRow(ctx, `SELECT name, name_en, sector, level, region_code, region_name, region_path, parent
		FROM orgs WHERE key = $1`, key).Scan(&op.Name, &op.NameEN, &sector, &level, &code, &rname, &rpath, &op.Parent)
	if err != nil {
		return nil, fmt.Errorf("org profile %s: %w", key, mapErr(err))
	}
	op.Sector, op.Level = enduse.Sector(sector), enduse.Level(level)
	if code != "" {
		op.Region = &enduse.Region{Code: code, Name: rname, Path: rpath}
	}
	m := &storeutil.Marks{F: enduse.Filter{Limit: storeutil.DefaultLimit}}
	s, err := db.load(ctx, m, "SELECT "+recColumns+" FROM notices n WHERE n.id IN (SELECT notice FROM notice_orgs WHERE org = $1)",
		[]any{key})
	if err != nil {
		return nil, fmt.Errorf("org profile %s: %w", key, err)
	}
	if len(s.Recs) == 0 {
		return nil, fmt.Errorf("org profile %s: no notices: %w", key, enduse.ErrNotFound)
	}
	ls, err := db.links(ctx, s)
	if err != nil {
		return nil, fmt.Errorf("org profile %s: %w", key, err)
	}
	hits, err := db.orgHits(ctx, key)
	if err != nil {
		return nil, fmt.Errorf("org profile %s: %w", key, err)
	}
	storeutil.FillOrgProfile(op, s, ls, hits)
	return op, nil
}

// orgHits is the screening hits recorded for an organisation, best first.
func (db *DB) orgHits(ctx context.Context, key string) ([]storeutil.HitRow, error) {
	rows, err := db.pool.Query(ctx, `SELECT n.doc, n.group_id, h.role, h.name, h.list, h.entry_id, h.entry, h.relation,
		h.score, h.why FROM hits h JOIN notices n ON n.id = h.notice WHERE h.org = $1 ORDER BY h.score DESC, h.id`, key)
	if err != nil {
		return nil, fmt.Errorf("hits: %w", mapErr(err))
	}
	defer rows.Close()
	var out []storeutil.HitRow
	for rows.Next() {
		var hr storeutil.HitRow
		var rel string
		h := &hr.Hit
		if err := rows.Scan(&hr.Doc, &hr.Group, &h.Org, &h.Name, &h.List, &h.EntryID, &h.Entry, &rel, &h.Score, &h.Why); err != nil {
			return nil, fmt.Errorf("hits: %w", mapErr(err))
		}
		h.Relation = enduse.HitRelation(rel)
		out = append(out, hr)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("hits: %w", mapErr(err))
	}
	return out, nil
}

// BrandProfile returns who buys a brand (by buyer, sector, level,
// province), when, through which suppliers, and which of its product lines
// and categories. Mentions that only name the brand as a specification do
// not count. It returns ErrNotFound when no notice has the brand.
func (db *DB) BrandProfile(ctx context.Context, brand string) (*enduse.BrandProfile, error) {
	brand = strings.TrimSpace(brand)
	if brand == "" {
		return nil, fmt.Errorf("brand profile: empty brand: %w", enduse.ErrInvalid)
	}
	p, err := db.newPlan(ctx, enduse.Filter{Brand: brand, Limit: 1})
	if err != nil {
		return nil, fmt.Errorf("brand profile %s: %w", brand, err)
	}
	s, err := db.load(ctx, &p.Marks, "SELECT "+recColumns+" FROM notices n"+p.whereSQL(), p.args)
	if err != nil {
		return nil, fmt.Errorf("brand profile %s: %w", brand, err)
	}
	if len(s.Recs) == 0 {
		return nil, fmt.Errorf("brand profile %s: %w", brand, enduse.ErrNotFound)
	}
	ls, err := db.links(ctx, s)
	if err != nil {
		return nil, fmt.Errorf("brand profile %s: %w", brand, err)
	}
	return storeutil.BrandProfile(brand, &p.Marks, s, ls), nil
}

// Orgs lists organisations whose name, key or English name contains q (all
// when q is empty), most referenced first, at most limit (default 100).
func (db *DB) Orgs(ctx context.Context, q string, limit int) ([]enduse.OrgSummary, error) {
	if limit < 0 || limit > storeutil.MaxLimit {
		return nil, fmt.Errorf("orgs: limit %d: want 0..%d: %w", limit, storeutil.MaxLimit, enduse.ErrInvalid)
	}
	if limit == 0 {
		limit = storeutil.DefaultLimit
	}
	q = clean(strings.TrimSpace(q))
	l := storeutil.LikeArg(q)
	rows, err := db.pool.Query(ctx, `SELECT g.key, g.name, g.name_en, g.sector, g.level, g.region_code, g.region_name,
		g.documents, g.as_buyer, EXISTS (SELECT 1 FROM hits h WHERE h.org = g.key)
		FROM orgs g WHERE $1 = '' OR g.name ILIKE $2 OR g.key ILIKE $2 OR g.name_en ILIKE $2
		ORDER BY g.documents DESC, g.key LIMIT $3`, q, l, limit)
	if err != nil {
		return nil, fmt.Errorf("orgs %q: %w", q, mapErr(err))
	}
	defer rows.Close()
	out := []enduse.OrgSummary{}
	for rows.Next() {
		var o enduse.OrgSummary
		var sector, level string
		if err := rows.Scan(&o.Key, &o.Name, &o.NameEN, &sector, &level, &o.RegionCode, &o.RegionName,
			&o.Documents, &o.AsBuyer, &o.Listed); err != nil {
			return nil, fmt.Errorf("orgs %q: %w", q, mapErr(err))
		}
		o.Sector, o.Level = enduse.Sector(sector), enduse.Level(level)
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("orgs %q: %w", q, mapErr(err))
	}
	return out, nil
}

// Brands lists every brand seen in a notice (not as a mere
// specification), most documents first.
func (db *DB) Brands(ctx context.Context) ([]enduse.BrandSummary, error) {
	rows, err := db.pool.Query(ctx, `SELECT name, company, country, us_linked, category, documents
		FROM brands WHERE documents > 0 ORDER BY documents DESC, lname`)
	if err != nil {
		return nil, fmt.Errorf("brands: %w", mapErr(err))
	}
	defer rows.Close()
	out := []enduse.BrandSummary{}
	for rows.Next() {
		var b enduse.BrandSummary
		if err := rows.Scan(&b.Brand, &b.Company, &b.Country, &b.USLinked, &b.Category, &b.Documents); err != nil {
			return nil, fmt.Errorf("brands: %w", mapErr(err))
		}
		out = append(out, b)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("brands: %w", mapErr(err))
	}
	return out, nil
}

// Stats summarises the store: documents, unique announcements, failures,
// documents by type and the publication date span, from one snapshot.
func (db *DB) Stats(ctx context.Context) (enduse.Stats, error) {
	st := enduse.Stats{ByType: map[string]int{}}
	err := pgx.BeginTxFunc(ctx, db.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		var first, last *string
		err := tx.QueryRow(ctx, `SELECT
			(SELECT COUNT(*) FROM documents WHERE status = 'stored' AND parent = ''),
			(SELECT COUNT(*) FROM documents WHERE status = 'failed'),
			(SELECT COUNT(DISTINCT group_id) FROM notices),
			(SELECT MIN(published) FROM notices WHERE published <> ''),
			(SELECT MAX(published) FROM notices)`).Scan(&st.Parsed, &st.Failed, &st.Notices, &first, &last)
		if err != nil {
			return err
		}
		st.Documents = st.Parsed + st.Failed
		if first != nil {
			st.First = *first
		}
		if last != nil {
			st.Last = *last
		}
		rows, err := tx.Query(ctx, `SELECT type, COUNT(*) FROM notices GROUP BY type`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var t string
			var c int
			if err := rows.Scan(&t, &c); err != nil {
				return err
			}
			st.ByType[t] = c
		}
		return rows.Err()
	})
	if err != nil {
		return enduse.Stats{ByType: map[string]int{}}, fmt.Errorf("stats: %w", mapErr(err))
	}
	return st, nil
}
