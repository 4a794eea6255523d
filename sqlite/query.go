package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/enduse/enduse"
)

// rec is one matched notice as loaded for aggregation.
type rec struct {
	id                                 int64
	doc, group, purchase, typ, title   string
	published, code                    string
	buyer, buyerName, buyerEN          string
	sector, level, regionCode, regName string
	budget, award                      float64
	marks                              []mark
	// ord is the notice's place in the order figure folds notices in
	// (purchase, type rank, type, group, id), so figures sort by one int.
	ord int
}

// mark is a brand recognised in a notice: a mention, or an item (which
// carries a quantity).
type mark struct {
	brand, text, company, country string
	productLine, category         string
	usLinked, spec, item          bool
	quantity                      float64
	match                         bool // meets the filter's brand/product fields
}

// set is the loaded matched notices with their groups' representatives.
type set struct {
	recs []*rec
	// rep is, per group, the notice that stands for it (most item detail,
	// then the first stored).
	rep map[string]*rec
	// gen is the store's data generation the set was read at.
	gen int64
}

// recColumns are the notices columns load reads, in rec order.
const recColumns = `n.id, n.doc, n.group_id, n.purchase_id, n.type, n.title, n.published, n.project_code,
	COALESCE(n.buyer, ''), n.buyer_name, n.buyer_en, n.sector, n.level, n.region_code, n.region_name,
	n.budget, n.award_amount`

// Query returns the aggregate answer to f and the page of rows selected by
// f.Limit and f.Offset (newest first). Notices and figures count unique
// announcements (re-publications grouped); quantities and amounts count
// each purchase once. It returns ErrInvalid for a malformed filter.
func (db *DB) Query(ctx context.Context, f enduse.Filter) (*enduse.Result, error) {
	vf, err := validateFilter(f)
	if err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	key, err := queryKey(vf)
	if err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	// A stored answer keeps the brands its Brand filter resolved to, so
	// serving it needs no scan of the brand's mentions.
	var stored storedQuery
	ok, err := db.cached(ctx, answerQuery, key, &stored)
	if err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	if ok {
		p, err := db.planWith(ctx, f, stored.Brands)
		if err != nil {
			return nil, fmt.Errorf("query: %w", err)
		}
		res := &stored.Result
		res.Filter = p.f
		if res.Rows, err = db.pageRows(ctx, p); err != nil {
			return nil, fmt.Errorf("query: %w", err)
		}
		if err := db.fillRows(ctx, res); err != nil {
			return nil, fmt.Errorf("query: %w", err)
		}
		return res, nil
	}
	p, err := db.newPlan(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	s, err := db.load(ctx, p, "SELECT "+recColumns+" FROM notices n"+p.whereSQL(), p.args)
	if err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	out := s.result(p)
	out.Filter = p.f
	if len(s.recs) >= db.cacheMin {
		agg := storedQuery{Result: *out, Brands: p.brands}
		agg.Result.Rows = nil
		db.remember(ctx, answerQuery, key, s.gen, &agg)
	}
	if err := db.fillRows(ctx, out); err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	return out, nil
}

// storedQuery is the stored form of a Query answer: the aggregate (rows
// are read per page) and the brands the filter's Brand resolved to.
type storedQuery struct {
	Result enduse.Result `json:"result"`
	Brands []string      `json:"brands,omitempty"`
}

// defaultCacheMin is the number of matched documents from which an answer
// is worth storing: below it, computing the answer costs less than storing
// it.
const defaultCacheMin = 2000

// pageRows is the page of rows of the plan (f.Offset, f.Limit) without
// loading every matched notice: it walks the matched notices newest first
// and keeps those that stand for their announcement group among the
// matched notices (most item detail, then the first stored), as result
// does over the loaded set.
func (db *DB) pageRows(ctx context.Context, p *plan) ([]enduse.Row, error) {
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("page rows: %w", mapErr(err))
	}
	defer tx.Rollback()
	repCond := "n.group_id = ?"
	if len(p.groupWhere) > 0 {
		repCond += " AND " + strings.Join(p.groupWhere, " AND ")
	}
	repStmt, err := tx.PrepareContext(ctx, "SELECT n.id FROM notices n WHERE "+repCond+" ORDER BY n.detail DESC, n.id LIMIT 1")
	if err != nil {
		return nil, fmt.Errorf("page rows: %w", mapErr(err))
	}
	defer repStmt.Close()
	// Only answers matching many notices are stored, so walking the
	// publication index newest first finds a page after few rows; the
	// planner would otherwise sort every match of a place/sector index.
	// Brand conditions are probed per notice for the same reason.
	where := ""
	if len(p.groupWhere) > 0 {
		where = " WHERE " + strings.Join(p.groupWhere, " AND ")
	}
	rows, err := tx.QueryContext(ctx, "SELECT n.id, n.group_id FROM notices n INDEXED BY notices_published"+where+
		" ORDER BY n.published DESC, n.id DESC", p.groupArgs...)
	if err != nil {
		return nil, fmt.Errorf("page rows: %w", mapErr(err))
	}
	want := p.f.Offset + p.f.Limit
	reps := map[string]int64{} // group → its representative
	var page []int64
	seen := 0
	for seen < want && rows.Next() {
		var id int64
		var group string
		if err := rows.Scan(&id, &group); err != nil {
			rows.Close()
			return nil, fmt.Errorf("page rows: %w", mapErr(err))
		}
		rep, ok := reps[group]
		if !ok {
			if err := repStmt.QueryRowContext(ctx, append([]any{group}, p.groupArgs...)...).Scan(&rep); err != nil {
				rows.Close()
				return nil, fmt.Errorf("page rows: group %s: %w", group, mapErr(err))
			}
			reps[group] = rep
		}
		if rep != id {
			continue
		}
		if seen >= p.f.Offset {
			page = append(page, id)
		}
		seen++
	}
	if err := rows.Close(); err != nil {
		return nil, fmt.Errorf("page rows: %w", mapErr(err))
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("page rows: %w", mapErr(err))
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("page rows: %w", mapErr(err))
	}
	out := []enduse.Row{}
	if len(page) == 0 {
		return out, nil
	}
	ids, err := json.Marshal(page)
	if err != nil {
		return nil, fmt.Errorf("page rows: %w", err)
	}
	s, err := db.load(ctx, p, "SELECT "+recColumns+" FROM notices n WHERE n.id IN (SELECT value FROM json_each(?))", []any{string(ids)})
	if err != nil {
		return nil, fmt.Errorf("page rows: %w", err)
	}
	byID := map[int64]*rec{}
	for _, r := range s.recs {
		byID[r.id] = r
	}
	for _, id := range page {
		if r := byID[id]; r != nil {
			out = append(out, r.row(p.f))
		}
	}
	return out, nil
}

// load runs a notices query selecting recColumns and loads the brand
// marks of every matched notice.
func (db *DB) load(ctx context.Context, p *plan, query string, args []any) (*set, error) {
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("begin read: %w", mapErr(err))
	}
	defer tx.Rollback()
	gen, err := generationOf(ctx, tx)
	if err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("select notices: %w", mapErr(err))
	}
	s := &set{rep: map[string]*rec{}, gen: gen}
	byID := map[int64]*rec{}
	for rows.Next() {
		r := &rec{}
		if err := rows.Scan(&r.id, &r.doc, &r.group, &r.purchase, &r.typ, &r.title, &r.published, &r.code,
			&r.buyer, &r.buyerName, &r.buyerEN, &r.sector, &r.level, &r.regionCode, &r.regName, &r.budget, &r.award); err != nil {
			rows.Close()
			return nil, fmt.Errorf("select notices: %w", mapErr(err))
		}
		s.recs = append(s.recs, r)
		byID[r.id] = r
	}
	if err := rows.Close(); err != nil {
		return nil, fmt.Errorf("select notices: %w", mapErr(err))
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("select notices: %w", mapErr(err))
	}
	if len(s.recs) == 0 {
		return s, nil
	}
	// Marks of the loaded notices: by id list, or — when every notice was
	// loaded — by reading the tables straight through (a million ids in a
	// list cost more than the rows they select).
	of := " WHERE notice IN (SELECT value FROM json_each(?))"
	var ids []any
	if query == "SELECT "+recColumns+" FROM notices n" {
		of = ""
	} else {
		ids = []any{idList(s.recs)}
	}
	if err := scanMarks(ctx, tx, `SELECT notice, brand, text, company, country, product_line, category, us_linked, spec, 0, 0
		FROM mentions`+of, ids, byID, p); err != nil {
		return nil, fmt.Errorf("load mentions: %w", err)
	}
	if err := scanMarks(ctx, tx, `SELECT notice, brand, brand_text, company, country, product_line, category, us_linked, 0, 1, quantity
		FROM items`+of, ids, byID, p); err != nil {
		return nil, fmt.Errorf("load items: %w", err)
	}
	sorted := slices.Clone(s.recs)
	slices.SortFunc(sorted, foldOrder)
	for i, r := range sorted {
		r.ord = i
	}
	for _, r := range s.recs {
		cur, ok := s.rep[r.group]
		if !ok || r.detail() > cur.detail() || (r.detail() == cur.detail() && r.id < cur.id) {
			s.rep[r.group] = r
		}
	}
	return s, nil
}

// idList is the notice ids as a JSON array, for json_each.
func idList(recs []*rec) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, r := range recs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(r.id, 10))
	}
	b.WriteByte(']')
	return b.String()
}

// scanMarks reads mention or item rows into their notices' marks.
func scanMarks(ctx context.Context, tx *sql.Tx, query string, args []any, byID map[int64]*rec, p *plan) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var m mark
		if err := rows.Scan(&id, &m.brand, &m.text, &m.company, &m.country, &m.productLine, &m.category,
			&m.usLinked, &m.spec, &m.item, &m.quantity); err != nil {
			return mapErr(err)
		}
		m.match = !p.marks || p.markMatches(&m)
		if r := byID[id]; r != nil {
			r.marks = append(r.marks, m)
		}
	}
	return mapErr(rows.Err())
}

// detail is how many items of the notice state a quantity.
func (r *rec) detail() int {
	n := 0
	for i := range r.marks {
		if r.marks[i].item && r.marks[i].quantity > 0 {
			n++
		}
	}
	return n
}

// amount is what the notice says was spent: award amount, else budget.
func (r *rec) amount() float64 {
	if r.award > 0 {
		return r.award
	}
	return r.budget
}

// typeRank orders announcement types by how final their figures are.
func typeRank(t string) int {
	switch enduse.NoticeType(t) {
	case enduse.TypeContract:
		return 0
	case enduse.TypeAward:
		return 1
	case enduse.TypeSingleSource:
		return 2
	case enduse.TypeCandidates:
		return 3
	case enduse.TypeTender:
		return 4
	}
	return 5
}

// itemPred selects the item marks a figure's quantity counts.
type itemPred func(m *mark) bool

// brandNames is the distinct brands of a notice's marks (specifications
// only when include).
func (r *rec) brandNames(include bool) []string {
	var out []string
	for i := range r.marks {
		m := &r.marks[i]
		if m.brand == "" || (m.spec && !include) {
			continue
		}
		out = appendFold(out, m.brand)
	}
	return out
}

// figure computes the figure of a set of notices: unique announcements
// (ids of their representatives), and the quantities of the items pred
// selects and the amounts, both once per purchase. Within a purchase each
// announcement type (tender, award, contract, …) is one account of it: the
// announcements of a type are summed (lots awarded separately), re-
// publications counted once; quantities come from the type with the most
// item detail, amounts from the most final type that states an award.
func (s *set) figure(members []*rec, pred itemPred) enduse.Figure {
	fig := enduse.Figure{IDs: []string{}}
	byOrd := func(a, b *rec) int { return cmp.Compare(a.ord, b.ord) }
	ms := members
	if !slices.IsSortedFunc(ms, byOrd) {
		ms = slices.Clone(members)
		slices.SortFunc(ms, byOrd)
	}
	// One pass over purchase → type → group runs, folding each level into
	// the one above when it ends.
	type acc struct {
		detail int
		sum    float64
		amount float64
		award  bool
	}
	var (
		g, t        acc
		bestDetail  int
		bestSum     float64
		amount      float64
		amountAward bool
		haveAmount  bool
	)
	endGroup := func() {
		t.detail += g.detail
		t.sum += g.sum
		t.amount += g.amount
		t.award = t.award || g.award
		g = acc{detail: -1}
	}
	endType := func() {
		if t.detail > bestDetail {
			bestDetail, bestSum = t.detail, t.sum
		}
		if !haveAmount || (t.award && !amountAward) || (t.award == amountAward && amount == 0 && t.amount > 0) {
			amount, amountAward, haveAmount = t.amount, t.award, true
		}
		t = acc{}
	}
	endPurchase := func() {
		fig.Quantity += bestSum
		fig.Amount += amount
		bestDetail, bestSum, amount, amountAward, haveAmount = -1, 0, 0, false, false
	}
	g, bestDetail = acc{detail: -1}, -1
	for i, r := range ms {
		if i > 0 {
			prev := ms[i-1]
			switch {
			case r.purchase != prev.purchase:
				endGroup()
				endType()
				endPurchase()
			case r.typ != prev.typ:
				endGroup()
				endType()
			case r.group != prev.group:
				endGroup()
			}
		}
		if i == 0 || r.group != ms[i-1].group {
			fig.IDs = append(fig.IDs, s.rep[r.group].doc)
		}
		detail, sum := 0, 0.0
		for j := range r.marks {
			m := &r.marks[j]
			if m.item && pred(m) {
				sum += m.quantity
				if m.quantity > 0 {
					detail++
				}
			}
		}
		if detail > g.detail {
			g.detail, g.sum = detail, sum
		}
		g.amount = max(g.amount, r.amount())
		g.award = g.award || r.award > 0
	}
	if len(ms) > 0 {
		endGroup()
		endType()
		endPurchase()
	}
	fig.Notices = len(fig.IDs)
	sort.Strings(fig.IDs)
	if len(fig.IDs) > maxFigureIDs {
		fig.IDs = slices.Clip(fig.IDs[:maxFigureIDs])
		fig.IDsTruncated = true
	}
	return fig
}

// foldOrder is the order figure folds notices in: purchase, type rank,
// type, group, id.
func foldOrder(a, b *rec) int {
	if c := cmp.Compare(a.purchase, b.purchase); c != 0 {
		return c
	}
	if c := cmp.Compare(typeRank(a.typ), typeRank(b.typ)); c != 0 {
		return c
	}
	if c := cmp.Compare(a.typ, b.typ); c != 0 {
		return c
	}
	if c := cmp.Compare(a.group, b.group); c != 0 {
		return c
	}
	return cmp.Compare(a.id, b.id)
}

// grouping collects notices under keys, keeping first-seen key order.
type grouping map[string][]*rec

// add files r under key (once; empty keys are skipped).
func (g grouping) add(key string, r *rec) {
	if key == "" {
		return
	}
	if l := g[key]; len(l) > 0 && l[len(l)-1] == r {
		return
	}
	g[key] = append(g[key], r)
}

// figures turns a grouping into figures with one item predicate per key.
func (s *set) figures(g grouping, pred func(key string) itemPred) map[string]enduse.Figure {
	out := make(map[string]enduse.Figure, len(g))
	for k, members := range g {
		out[k] = s.figure(members, pred(k))
	}
	return out
}

// orUnknown is s, or "unknown" when empty.
func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

// province is the GB/T 2260 province code of a division code.
func province(code string) string {
	if len(code) < 2 || !isDigits(code) {
		return "unknown"
	}
	return code[:2] + "0000"
}

// month is the YYYY-MM of a date.
func month(date string) string {
	if len(date) < 7 {
		return "unknown"
	}
	return date[:7]
}

// result aggregates the matched set into a Result (rows without source,
// url and winner; fillRows adds those for the page).
func (s *set) result(p *plan) *enduse.Result {
	f := p.f
	qualifies := func(m *mark) bool { return m.match }
	same := func(string) itemPred { return qualifies }
	res := &enduse.Result{Documents: len(s.recs)}
	all := s.figure(s.recs, qualifies)
	res.Notices, res.Quantity, res.Amount = all.Notices, all.Quantity, all.Amount

	byType, byBuyer, bySector, byLevel, byRegion, byMonth := grouping{}, grouping{}, grouping{}, grouping{}, grouping{}, grouping{}
	byBrand, byLine, byCat, co := grouping{}, grouping{}, grouping{}, grouping{}
	brandName := map[string]string{} // lower → first spelling
	matched := map[string]bool{}     // brands of marks that meet the filter
	buyers := map[string]bool{}
	for _, r := range s.recs {
		byType.add(r.typ, r)
		byBuyer.add(r.buyer, r)
		if r.buyer != "" {
			buyers[r.buyer] = true
		}
		bySector.add(orUnknown(r.sector), r)
		byLevel.add(orUnknown(r.level), r)
		byRegion.add(province(r.regionCode), r)
		byMonth.add(month(r.published), r)
		for i := range r.marks {
			m := &r.marks[i]
			if m.spec && !f.IncludeSpec {
				continue
			}
			if m.brand != "" {
				k := strings.ToLower(m.brand)
				if _, ok := brandName[k]; !ok {
					brandName[k] = m.brand
				}
				byBrand.add(brandName[k], r)
				if p.marks && m.match {
					matched[k] = true
				}
			}
			byLine.add(m.productLine, r)
			byCat.add(m.category, r)
		}
	}
	res.Buyers = len(buyers)
	if p.marks {
		for b, members := range byBrand {
			if !matched[strings.ToLower(b)] {
				co[b] = members
			}
		}
	}
	res.ByType = s.figures(byType, same)
	res.ByBuyer = s.figures(byBuyer, same)
	res.BySector = s.figures(bySector, same)
	res.ByLevel = s.figures(byLevel, same)
	res.ByRegion = s.figures(byRegion, same)
	res.ByMonth = s.figures(byMonth, same)
	brandPred := func(b string) itemPred {
		return func(m *mark) bool { return strings.EqualFold(m.brand, b) }
	}
	res.ByBrand = s.figures(byBrand, brandPred)
	res.CoMentions = s.figures(co, brandPred)
	res.ByProductLine = s.figures(byLine, func(l string) itemPred {
		return func(m *mark) bool { return m.productLine == l }
	})
	res.ByCategory = s.figures(byCat, func(c string) itemPred {
		return func(m *mark) bool { return m.category == c }
	})

	// One row per announcement: its representative, newest first.
	reps := make([]*rec, 0, len(s.rep))
	for _, r := range s.rep {
		reps = append(reps, r)
	}
	sort.Slice(reps, func(i, j int) bool {
		if reps[i].published != reps[j].published {
			return reps[i].published > reps[j].published
		}
		return reps[i].id > reps[j].id
	})
	res.Total = len(reps)
	lo := min(f.Offset, len(reps))
	hi := min(lo+f.Limit, len(reps))
	res.Rows = make([]enduse.Row, 0, hi-lo)
	for _, r := range reps[lo:hi] {
		res.Rows = append(res.Rows, r.row(f))
	}
	return res
}

// row is the notice as a row of an answer to f (without source, url and
// winner; fillRows adds those).
func (r *rec) row(f enduse.Filter) enduse.Row {
	q := 0.0
	for i := range r.marks {
		if r.marks[i].item && r.marks[i].match {
			q += r.marks[i].quantity
		}
	}
	return enduse.Row{ID: r.doc, Title: r.title, Type: enduse.NoticeType(r.typ),
		Published: r.published, ProjectCode: r.code, Buyer: r.buyerName, BuyerEN: r.buyerEN,
		Sector: enduse.Sector(r.sector), Level: enduse.Level(r.level), Region: r.regionCode, RegionName: r.regName,
		Amount: r.amount(), Quantity: q, Brands: r.brandNames(f.IncludeSpec), Group: r.group, Page: "/notices/" + r.doc}
}

// fillRows adds each row's source, url and first winner.
func (db *DB) fillRows(ctx context.Context, res *enduse.Result) error {
	if len(res.Rows) == 0 {
		return nil
	}
	idx := map[string]int{}
	args := make([]any, len(res.Rows))
	for i, r := range res.Rows {
		idx[r.ID] = i
		args[i] = r.ID
	}
	rows, err := db.read.QueryContext(ctx, `SELECT d.sha256, d.source, d.url,
		COALESCE((SELECT o.name FROM notice_orgs o WHERE o.notice = n.id AND o.role IN ('winner', 'single_source')
			ORDER BY o.role = 'single_source', o.rank = 0, o.rank, o.rowid LIMIT 1), '')
		FROM documents d JOIN notices n ON n.doc = d.sha256 WHERE d.sha256 IN (`+placeholders(len(args))+`)`, args...)
	if err != nil {
		return fmt.Errorf("rows: %w", mapErr(err))
	}
	defer rows.Close()
	for rows.Next() {
		var id, source, url, winner string
		if err := rows.Scan(&id, &source, &url, &winner); err != nil {
			return fmt.Errorf("rows: %w", mapErr(err))
		}
		r := &res.Rows[idx[id]]
		r.Source, r.URL, r.Winner = source, url, winner
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("rows: %w", mapErr(err))
	}
	return nil
}
