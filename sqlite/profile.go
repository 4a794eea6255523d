package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/enduse/enduse"
)

// link is one organisation of a notice as read from notice_orgs.
type link struct {
	notice                    int64
	org, name, role           string
	amount                    float64
	sector, level, regionCode string
}

// isSupplier reports whether a notice_orgs role is a supplier role.
func isSupplier(role string) bool {
	for _, r := range supplierRoles() {
		if r == role {
			return true
		}
	}
	return false
}

// links loads the organisations of the given notices with their current
// sector, level and region.
func (db *DB) links(ctx context.Context, ids string) ([]link, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT o.notice, o.org, o.name, o.role, o.amount,
		COALESCE(g.sector, ''), COALESCE(g.level, ''), COALESCE(g.region_code, '')
		FROM notice_orgs o LEFT JOIN orgs g ON g.key = o.org
		WHERE o.notice IN (SELECT value FROM json_each(?)) ORDER BY o.notice, o.rowid`, ids)
	if err != nil {
		return nil, fmt.Errorf("load organisations: %w", mapErr(err))
	}
	defer rows.Close()
	var out []link
	for rows.Next() {
		var l link
		if err := rows.Scan(&l.notice, &l.org, &l.name, &l.role, &l.amount, &l.sector, &l.level, &l.regionCode); err != nil {
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
	q = strings.TrimSpace(q)
	if q == "" {
		return "", fmt.Errorf("empty organisation: %w", enduse.ErrInvalid)
	}
	for _, query := range []string{
		`SELECT key FROM orgs WHERE key = ?`,
		`SELECT key FROM orgs WHERE name = ? OR name_en = ? COLLATE NOCASE ORDER BY documents DESC LIMIT 1`,
		`SELECT org FROM notice_orgs WHERE name = ? OR name = ? LIMIT 1`,
	} {
		args := []any{q}
		if strings.Count(query, "?") == 2 {
			args = append(args, q)
		}
		var key string
		err := db.read.QueryRowContext(ctx, query, args...).Scan(&key)
		if err == nil {
			return key, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
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
	var cached enduse.OrgProfile
	if ok, err := db.cached(ctx, answerOrg, key, &cached); err != nil {
		return nil, fmt.Errorf("org profile %s: %w", key, err)
	} else if ok {
		return &cached, nil
	}
	op := &enduse.OrgProfile{Key: key}
	var code, rname, rpath, sector, level string
	err = db.read.QueryRowContext(ctx, `SELECT name, name_en, sector, level, region_code, region_name, region_path, parent
		FROM orgs WHERE key = ?`, key).Scan(&op.Name, &op.NameEN, &sector, &level, &code, &rname, &rpath, &op.Parent)
	if err != nil {
		return nil, fmt.Errorf("org profile %s: %w", key, mapErr(err))
	}
	op.Sector, op.Level = enduse.Sector(sector), enduse.Level(level)
	if code != "" {
		op.Region = &enduse.Region{Code: code, Name: rname, Path: rpath}
	}
	p := &plan{f: enduse.Filter{Limit: defaultLimit}}
	s, err := db.load(ctx, p, "SELECT "+recColumns+" FROM notices n WHERE n.id IN (SELECT notice FROM notice_orgs WHERE org = ?)", []any{key})
	if err != nil {
		return nil, fmt.Errorf("org profile %s: %w", key, err)
	}
	if len(s.recs) == 0 {
		return nil, fmt.Errorf("org profile %s: no notices: %w", key, enduse.ErrNotFound)
	}
	ls, err := db.links(ctx, idList(s.recs))
	if err != nil {
		return nil, fmt.Errorf("org profile %s: %w", key, err)
	}
	byID := map[int64]*rec{}
	for _, r := range s.recs {
		byID[r.id] = r
	}
	// What the organisation was in each notice, and who else was there.
	mine := map[int64]map[string]float64{} // notice → role → amount
	others := map[int64][]link{}
	winners := map[int64]int{}
	names := map[string]bool{}
	for _, l := range ls {
		if l.role == string(enduse.RoleWinner) || l.role == string(enduse.RoleSingleSource) {
			winners[l.notice]++
		}
		if l.org != key {
			others[l.notice] = append(others[l.notice], l)
			continue
		}
		if mine[l.notice] == nil {
			mine[l.notice] = map[string]float64{}
		}
		mine[l.notice][l.role] += l.amount
		if l.name != "" && !names[l.name] {
			names[l.name] = true
			op.Names = append(op.Names, l.name)
		}
	}
	sort.Strings(op.Names)
	all := func(m *mark) bool { return true }
	roles := map[string][]*rec{}
	counter, cSector, cLevel, cRegion, brands, lines, months := grouping{}, grouping{}, grouping{}, grouping{}, grouping{}, grouping{}, grouping{}
	for _, r := range s.recs {
		rs := mine[r.id]
		for role := range rs {
			roles[role] = append(roles[role], r)
		}
		_, buyer := rs[roleBuyer]
		for _, o := range others[r.id] {
			if (buyer && isSupplier(o.role)) || (!buyer && o.role == roleBuyer) {
				counter.add(o.org, r)
				cSector.add(orUnknown(o.sector), r)
				cLevel.add(orUnknown(o.level), r)
				cRegion.add(province(o.regionCode), r)
			}
		}
		for i := range r.marks {
			if m := &r.marks[i]; !m.spec {
				brands.add(m.brand, r)
				lines.add(m.productLine, r)
			}
		}
		months.add(month(r.published), r)
		if r.published != "" && (op.First == "" || r.published < op.First) {
			op.First = r.published
		}
		if r.published > op.Last {
			op.Last = r.published
		}
	}
	same := func(string) itemPred { return all }
	op.Records = s.figure(s.recs, all)
	op.AsBuyer = s.figure(roles[roleBuyer], all)
	op.AsAgency = s.figure(roles[roleAgency], all)
	op.AsWinner = s.figure(roles[string(enduse.RoleWinner)], all)
	op.AsCandidate = s.figure(roles[string(enduse.RoleCandidate)], all)
	op.AsBidder = s.figure(append(roles[string(enduse.RoleBidder)], roles[roleSupplier]...), all)
	op.AsSingleSource = s.figure(roles[string(enduse.RoleSingleSource)], all)
	op.Counterparties = s.figures(counter, same)
	op.CounterpartySectors = s.figures(cSector, same)
	op.CounterpartyLevels = s.figures(cLevel, same)
	op.CounterpartyRegions = s.figures(cRegion, same)
	op.Brands = s.figures(brands, func(b string) itemPred {
		return func(m *mark) bool { return strings.EqualFold(m.brand, b) }
	})
	op.ProductLines = s.figures(lines, func(l string) itemPred {
		return func(m *mark) bool { return m.productLine == l }
	})
	op.ByMonth = s.figures(months, same)
	op.Bought = s.figure(roles[roleBuyer], all)
	op.Bought.Quantity = 0
	op.Won = s.wonFigure(append(roles[string(enduse.RoleWinner)], roles[string(enduse.RoleSingleSource)]...), mine, winners)
	hits, err := db.orgHits(ctx, key, s)
	if err != nil {
		return nil, fmt.Errorf("org profile %s: %w", key, err)
	}
	op.Hits = hits
	if len(s.recs) >= db.cacheMin {
		db.remember(ctx, answerOrg, key, s.gen, op)
	}
	return op, nil
}

// wonFigure is the amount awarded to an organisation in its winning
// notices, once per purchase: its own stated amount, else the notice's
// award amount when it was the only winner.
func (s *set) wonFigure(members []*rec, mine map[int64]map[string]float64, winners map[int64]int) enduse.Figure {
	fig := s.figure(members, func(*mark) bool { return false })
	fig.Quantity, fig.Amount = 0, 0
	best := map[string]float64{}
	for _, r := range members {
		a := mine[r.id][string(enduse.RoleWinner)] + mine[r.id][string(enduse.RoleSingleSource)]
		if a == 0 && winners[r.id] == 1 {
			a = r.award
		}
		if a > best[r.purchase] {
			best[r.purchase] = a
		}
	}
	for _, a := range best {
		fig.Amount += a
	}
	return fig
}

// orgHits is the screening hits recorded for an organisation, one per list
// entry, with the notices they were recorded in.
func (db *DB) orgHits(ctx context.Context, key string, s *set) ([]enduse.ProfileHit, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT n.doc, n.group_id, h.role, h.name, h.list, h.entry_id, h.entry, h.relation,
		h.score, h.why FROM hits h JOIN notices n ON n.id = h.notice WHERE h.org = ? ORDER BY h.score DESC, h.rowid`, key)
	if err != nil {
		return nil, fmt.Errorf("hits: %w", mapErr(err))
	}
	defer rows.Close()
	var out []enduse.ProfileHit
	idx := map[string]int{}
	seen := map[string]bool{}
	for rows.Next() {
		var doc, group, rel string
		var h enduse.Hit
		if err := rows.Scan(&doc, &group, &h.Org, &h.Name, &h.List, &h.EntryID, &h.Entry, &rel, &h.Score, &h.Why); err != nil {
			return nil, fmt.Errorf("hits: %w", mapErr(err))
		}
		h.Relation = enduse.HitRelation(rel)
		k := h.List + "\x00" + h.EntryID + "\x00" + h.Entry
		i, ok := idx[k]
		if !ok {
			i = len(out)
			idx[k] = i
			out = append(out, enduse.ProfileHit{Hit: h, IDs: []string{}})
		}
		if r := s.rep[group]; r != nil {
			doc = r.doc
		}
		if !seen[k+"\x00"+doc] {
			seen[k+"\x00"+doc] = true
			out[i].IDs = append(out[i].IDs, doc)
		}
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
	var cached enduse.BrandProfile
	if ok, err := db.cached(ctx, answerBrand, brand, &cached); err != nil {
		return nil, fmt.Errorf("brand profile %s: %w", brand, err)
	} else if ok {
		return &cached, nil
	}
	p, err := db.newPlan(ctx, enduse.Filter{Brand: brand, Limit: 1})
	if err != nil {
		return nil, fmt.Errorf("brand profile %s: %w", brand, err)
	}
	s, err := db.load(ctx, p, "SELECT "+recColumns+" FROM notices n"+p.whereSQL(), p.args)
	if err != nil {
		return nil, fmt.Errorf("brand profile %s: %w", brand, err)
	}
	if len(s.recs) == 0 {
		return nil, fmt.Errorf("brand profile %s: %w", brand, enduse.ErrNotFound)
	}
	res := s.result(p)
	bp := &enduse.BrandProfile{Brand: brand, Buyers: res.Buyers, ByBuyer: res.ByBuyer, BySector: res.BySector,
		ByLevel: res.ByLevel, ByRegion: res.ByRegion, ByMonth: res.ByMonth, ByType: res.ByType}
	bp.Notices = s.figure(s.recs, func(m *mark) bool { return m.match })
	// Identity from the marks themselves: the canonical name most used.
	counts := map[string]int{}
	lines, cats := grouping{}, grouping{}
	for _, r := range s.recs {
		for i := range r.marks {
			m := &r.marks[i]
			if !m.match {
				continue
			}
			if m.brand != "" {
				counts[m.brand]++
			}
			if m.company != "" && bp.Company == "" {
				bp.Company, bp.Country = m.company, m.country
			}
			bp.USLinked = bp.USLinked || m.usLinked
			lines.add(m.productLine, r)
			cats.add(m.category, r)
		}
		if r.published != "" && (bp.First == "" || r.published < bp.First) {
			bp.First = r.published
		}
		if r.published > bp.Last {
			bp.Last = r.published
		}
	}
	bestN := 0
	for b, c := range counts {
		if c > bestN || (c == bestN && b < bp.Brand) {
			bp.Brand, bestN = b, c
		}
	}
	matchLine := func(l string) itemPred {
		return func(m *mark) bool { return m.match && m.productLine == l }
	}
	bp.ByProductLine = s.figures(lines, matchLine)
	bp.ByCategory = s.figures(cats, func(c string) itemPred {
		return func(m *mark) bool { return m.match && m.category == c }
	})
	ls, err := db.links(ctx, idList(s.recs))
	if err != nil {
		return nil, fmt.Errorf("brand profile %s: %w", brand, err)
	}
	byID := map[int64]*rec{}
	for _, r := range s.recs {
		byID[r.id] = r
	}
	suppliers := grouping{}
	for _, l := range ls {
		if l.role == string(enduse.RoleWinner) || l.role == string(enduse.RoleSingleSource) {
			suppliers.add(l.org, byID[l.notice])
		}
	}
	bp.BySupplier = s.figures(suppliers, func(string) itemPred { return func(m *mark) bool { return m.match } })
	if len(s.recs) >= db.cacheMin {
		db.remember(ctx, answerBrand, brand, s.gen, bp)
	}
	return bp, nil
}

// Orgs lists organisations whose name, key or English name contains q (all
// when q is empty), most referenced first, at most limit (default 100).
func (db *DB) Orgs(ctx context.Context, q string, limit int) ([]enduse.OrgSummary, error) {
	if limit < 0 || limit > maxLimit {
		return nil, fmt.Errorf("orgs: limit %d: want 0..%d: %w", limit, maxLimit, enduse.ErrInvalid)
	}
	if limit == 0 {
		limit = defaultLimit
	}
	q = strings.TrimSpace(q)
	l := likeArg(q)
	rows, err := db.read.QueryContext(ctx, `SELECT g.key, g.name, g.name_en, g.sector, g.level, g.region_code, g.region_name,
		g.documents, g.as_buyer, EXISTS (SELECT 1 FROM hits h WHERE h.org = g.key)
		FROM orgs g WHERE ? = '' OR g.name LIKE ? ESCAPE '\' OR g.key LIKE ? ESCAPE '\' OR g.name_en LIKE ? ESCAPE '\'
		ORDER BY g.documents DESC, g.key LIMIT ?`, q, l, l, l, limit)
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
	rows, err := db.read.QueryContext(ctx, `SELECT name, company, country, us_linked, category, documents
		FROM brands WHERE documents > 0 ORDER BY documents DESC, name`)
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
// documents by type and the publication date span.
func (db *DB) Stats(ctx context.Context) (enduse.Stats, error) {
	st := enduse.Stats{ByType: map[string]int{}}
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return st, fmt.Errorf("stats: %w", mapErr(err))
	}
	defer tx.Rollback()
	var first, last sql.NullString
	err = tx.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM documents WHERE status = 'stored'),
		(SELECT COUNT(*) FROM documents WHERE status = 'failed'),
		(SELECT COUNT(DISTINCT group_id) FROM notices),
		(SELECT MIN(published) FROM notices WHERE published <> ''),
		(SELECT MAX(published) FROM notices)`).Scan(&st.Parsed, &st.Failed, &st.Notices, &first, &last)
	if err != nil {
		return st, fmt.Errorf("stats: %w", mapErr(err))
	}
	st.Documents = st.Parsed + st.Failed
	st.First, st.Last = first.String, last.String
	rows, err := tx.QueryContext(ctx, `SELECT type, COUNT(*) FROM notices GROUP BY type`)
	if err != nil {
		return st, fmt.Errorf("stats: %w", mapErr(err))
	}
	defer rows.Close()
	for rows.Next() {
		var t string
		var c int
		if err := rows.Scan(&t, &c); err != nil {
			return st, fmt.Errorf("stats: %w", mapErr(err))
		}
		st.ByType[t] = c
	}
	if err := rows.Err(); err != nil {
		return st, fmt.Errorf("stats: %w", mapErr(err))
	}
	return st, nil
}
