package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/counting"
	"github.com/enduse/enduse/storeutil"
)

// links loads the organisations of the loaded notices with their current
// sector, level and region, in each notice's order.
func (s *Store) links(ctx context.Context, st *set) ([]counting.OrgLink, error) {
	ids := make([]int64, len(st.Recs))
	for i, r := range st.Recs {
		ids[i] = r.ID
	}
	var out []counting.OrgLink
	err := s.scanRows(ctx, s.read, `SELECT o.notice, o.org, o.name, o.role, o.amount,
		COALESCE(g.sector, ''), COALESCE(g.level, ''), COALESCE(g.region_code, '')
		FROM notice_orgs o LEFT JOIN orgs g ON g.key = o.org
		WHERE `+s.d.In("o.notice", "$1")+` ORDER BY o.notice, `+s.d.Seq("notice_orgs", "o"), []any{s.d.List(ids)},
		func(scan func(...any) error) error {
			var l counting.OrgLink
			if err := scan(&l.Notice, &l.Org, &l.Name, &l.Role, &l.Amount, &l.Sector, &l.Level, &l.RegionCode); err != nil {
				return err
			}
			out = append(out, l)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("load organisations: %w", err)
	}
	return out, nil
}

// resolveOrg finds the key of an organisation given by key or name.
func (s *Store) resolveOrg(ctx context.Context, q string) (string, error) {
	q = strings.TrimSpace(q)
	if q == "" {
		return "", fmt.Errorf("empty organisation: %w", enduse.ErrInvalid)
	}
	for _, query := range []string{
		`SELECT key FROM orgs WHERE key = $1`,
		`SELECT key FROM orgs WHERE name = $1 OR ` + s.d.EqFold("name_en", "$1") + ` ORDER BY documents DESC, key LIMIT 1`,
		`SELECT org FROM notice_orgs WHERE name = $1 LIMIT 1`,
	} {
		var key string
		err := s.queryRow(ctx, s.read, query, q).Scan(&key)
		if err == nil {
			return key, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return "", fmt.Errorf("find organisation %s: %w", q, s.mapErr(err))
		}
	}
	return "", fmt.Errorf("organisation %s: %w", q, enduse.ErrNotFound)
}

// OrgProfile returns the profile of the organisation with this key or name:
// its records by role, counterparties, brands, amounts and list hits. It
// returns ErrNotFound when no notice names it.
func (s *Store) OrgProfile(ctx context.Context, q string) (*enduse.OrgProfile, error) {
	key, err := s.resolveOrg(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("org profile: %w", err)
	}
	var cached enduse.OrgProfile
	if ok, err := s.cached(ctx, answerOrg, key, &cached); err != nil {
		return nil, fmt.Errorf("org profile %s: %w", key, err)
	} else if ok {
		return &cached, nil
	}
	op := &enduse.OrgProfile{Key: key}
	var code, rname, rpath, sector, level string
	err = s.queryRow(ctx, s.read, `SELECT name, name_en, sector, level, region_code, region_name, region_path, parent
		FROM orgs WHERE key = $1`, key).Scan(&op.Name, &op.NameEN, &sector, &level, &code, &rname, &rpath, &op.Parent)
	if err != nil {
		return nil, fmt.Errorf("org profile %s: %w", key, s.mapErr(err))
	}
	op.Sector, op.Level = enduse.Sector(sector), enduse.Level(level)
	if code != "" {
		op.Region = &enduse.Region{Code: code, Name: rname, Path: rpath}
	}
	m := &counting.Marks{F: enduse.Filter{Limit: storeutil.DefaultLimit}}
	st, err := s.load(ctx, m, "SELECT "+recColumns+" FROM notices n WHERE n.id IN (SELECT notice FROM notice_orgs WHERE org = $1)", []any{key})
	if err != nil {
		return nil, fmt.Errorf("org profile %s: %w", key, err)
	}
	if len(st.Recs) == 0 {
		return nil, fmt.Errorf("org profile %s: no notices: %w", key, enduse.ErrNotFound)
	}
	ls, err := s.links(ctx, st)
	if err != nil {
		return nil, fmt.Errorf("org profile %s: %w", key, err)
	}
	hits, err := s.orgHits(ctx, key)
	if err != nil {
		return nil, fmt.Errorf("org profile %s: %w", key, err)
	}
	counting.FillOrgProfile(op, st.Set, ls, hits)
	if len(st.Recs) >= s.cacheMin {
		s.remember(ctx, answerOrg, key, st.gen, op)
	}
	return op, nil
}

// orgHits is the screening hits recorded for an organisation, best score
// first, with the notices they were recorded in.
func (s *Store) orgHits(ctx context.Context, key string) ([]counting.HitRow, error) {
	var out []counting.HitRow
	err := s.scanRows(ctx, s.read, `SELECT n.doc, n.group_id, h.role, h.name, h.list, h.entry_id, h.entry, h.relation,
		h.score, h.why FROM hits h JOIN notices n ON n.id = h.notice WHERE h.org = $1 ORDER BY h.score DESC, `+s.d.Seq("hits", "h"),
		[]any{key}, func(scan func(...any) error) error {
			var hr counting.HitRow
			var rel string
			h := &hr.Hit
			if err := scan(&hr.Doc, &hr.Group, &h.Org, &h.Name, &h.List, &h.EntryID, &h.Entry, &rel, &h.Score, &h.Why); err != nil {
				return err
			}
			h.Relation = enduse.HitRelation(rel)
			out = append(out, hr)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("hits: %w", err)
	}
	return out, nil
}

// BrandProfile returns who buys a brand (by buyer, sector, level,
// province), when, through which suppliers, and which of its product lines
// and categories. Mentions that only name the brand as a specification do
// not count. It returns ErrNotFound when no notice has the brand.
func (s *Store) BrandProfile(ctx context.Context, brand string) (*enduse.BrandProfile, error) {
	brand = strings.TrimSpace(brand)
	if brand == "" {
		return nil, fmt.Errorf("brand profile: empty brand: %w", enduse.ErrInvalid)
	}
	if !s.summaryOff {
		bp, ok, err := s.brandProfileFromSummary(ctx, brand)
		if err != nil {
			return nil, fmt.Errorf("brand profile %s: %w", brand, err)
		}
		if ok && bp == nil {
			return nil, fmt.Errorf("brand profile %s: %w", brand, enduse.ErrNotFound)
		}
		if ok {
			return bp, nil
		}
	}
	var cached enduse.BrandProfile
	if ok, err := s.cached(ctx, answerBrand, brand, &cached); err != nil {
		return nil, fmt.Errorf("brand profile %s: %w", brand, err)
	} else if ok {
		return &cached, nil
	}
	p, err := s.newPlan(ctx, enduse.Filter{Brand: brand, Limit: 1})
	if err != nil {
		return nil, fmt.Errorf("brand profile %s: %w", brand, err)
	}
	st, err := s.load(ctx, &p.Marks, "SELECT "+recColumns+" FROM notices n"+p.whereSQL(), p.args)
	if err != nil {
		return nil, fmt.Errorf("brand profile %s: %w", brand, err)
	}
	if len(st.Recs) == 0 {
		return nil, fmt.Errorf("brand profile %s: %w", brand, enduse.ErrNotFound)
	}
	ls, err := s.links(ctx, st)
	if err != nil {
		return nil, fmt.Errorf("brand profile %s: %w", brand, err)
	}
	bp := counting.BrandProfile(brand, &p.Marks, st.Set, ls)
	if len(st.Recs) >= s.cacheMin {
		s.remember(ctx, answerBrand, brand, st.gen, bp)
	}
	return bp, nil
}

// Orgs lists organisations whose name, key or English name contains q (all
// when q is empty), most referenced first, at most limit (default 100).
func (s *Store) Orgs(ctx context.Context, q string, limit int) ([]enduse.OrgSummary, error) {
	if limit < 0 || limit > storeutil.MaxLimit {
		return nil, fmt.Errorf("orgs: limit %d: want 0..%d: %w", limit, storeutil.MaxLimit, enduse.ErrInvalid)
	}
	if limit == 0 {
		limit = storeutil.DefaultLimit
	}
	q = strings.TrimSpace(q)
	d := s.d
	out := []enduse.OrgSummary{}
	err := s.scanRows(ctx, s.read, `SELECT g.key, g.name, g.name_en, g.sector, g.level, g.region_code, g.region_name,
		g.documents, g.as_buyer, EXISTS (SELECT 1 FROM hits h WHERE h.org = g.key)
		FROM orgs g WHERE $1 = '' OR `+d.Like("g.name", "$2")+` OR `+d.Like("g.key", "$2")+` OR `+d.Like("g.name_en", "$2")+`
		ORDER BY g.documents DESC, g.key LIMIT $3`, []any{q, storeutil.LikeArg(q), limit},
		func(scan func(...any) error) error {
			var o enduse.OrgSummary
			var sector, level string
			if err := scan(&o.Key, &o.Name, &o.NameEN, &sector, &level, &o.RegionCode, &o.RegionName,
				&o.Documents, &o.AsBuyer, &o.Listed); err != nil {
				return err
			}
			o.Sector, o.Level = enduse.Sector(sector), enduse.Level(level)
			out = append(out, o)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("orgs %q: %w", q, err)
	}
	return out, nil
}

// Brands lists every brand seen in a notice (not as a mere
// specification), most documents first.
func (s *Store) Brands(ctx context.Context) ([]enduse.BrandSummary, error) {
	out := []enduse.BrandSummary{}
	err := s.scanRows(ctx, s.read, `SELECT name, company, country, us_linked, category, documents
		FROM brands WHERE documents > 0 ORDER BY documents DESC, name`, nil,
		func(scan func(...any) error) error {
			var b enduse.BrandSummary
			if err := scan(&b.Brand, &b.Company, &b.Country, &b.USLinked, &b.Category, &b.Documents); err != nil {
				return err
			}
			out = append(out, b)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("brands: %w", err)
	}
	return out, nil
}

// Stats summarises the store: documents, unique announcements, failures,
// documents by type and the publication date span, from one snapshot.
func (s *Store) Stats(ctx context.Context) (enduse.Stats, error) {
	st := enduse.Stats{ByType: map[string]int{}}
	tx, err := s.readTx(ctx)
	if err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	defer tx.Rollback()
	var first, last sql.NullString
	err = tx.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM documents WHERE status = 'stored' AND parent = ''),
		(SELECT COUNT(*) FROM documents WHERE status = 'failed'),
		(SELECT COUNT(DISTINCT group_id) FROM notices),
		(SELECT MIN(published) FROM notices WHERE published <> ''),
		(SELECT MAX(published) FROM notices)`).Scan(&st.Parsed, &st.Failed, &st.Notices, &first, &last)
	if err != nil {
		return st, fmt.Errorf("stats: %w", s.mapErr(err))
	}
	st.Documents = st.Parsed + st.Failed
	st.First, st.Last = first.String, last.String
	err = s.scanRows(ctx, tx, `SELECT type, COUNT(*) FROM notices GROUP BY type`, nil, func(scan func(...any) error) error {
		var t string
		var c int
		if err := scan(&t, &c); err != nil {
			return err
		}
		st.ByType[t] = c
		return nil
	})
	if err != nil {
		return enduse.Stats{ByType: map[string]int{}}, fmt.Errorf("stats: %w", err)
	}
	return st, nil
}
