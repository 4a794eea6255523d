package postgres

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/storeutil"
)

// plan is a validated filter turned into SQL over notices n, with what the
// aggregation needs to tell which brand marks the filter meant.
type plan struct {
	storeutil.Marks
	where []string
	args  []any
}

// arg adds a parameter and returns its placeholder.
func (p *plan) arg(v any) string {
	p.args = append(p.args, v)
	return "$" + strconv.Itoa(len(p.args))
}

// add adds a condition.
func (p *plan) add(cond string) { p.where = append(p.where, cond) }

// whereSQL is the WHERE clause of the plan ("" when it selects everything).
func (p *plan) whereSQL() string {
	if len(p.where) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(p.where, " AND ")
}

// markSQL is the condition a mention (alias m) or item (alias i) must meet
// for the brand/product fields of the filter; "" when there are none. It
// selects what storeutil.Marks.Match accepts.
func (p *plan) markSQL(alias string, item bool) string {
	f := p.F
	var conds []string
	if f.Brand != "" {
		textCol := alias + ".text"
		if item {
			textCol = alias + ".brand_text"
		}
		lower := make([]string, len(p.Brands))
		for i, b := range p.Brands {
			lower[i] = strings.ToLower(b)
		}
		conds = append(conds, "(lower("+textCol+") = lower("+p.arg(f.Brand)+") OR lower("+alias+".brand) = ANY("+p.arg(lower)+"))")
	}
	if f.Company != "" {
		conds = append(conds, alias+".company ILIKE "+p.arg(storeutil.LikeArg(f.Company)))
	}
	if f.Country != "" {
		conds = append(conds, "lower("+alias+".country) = lower("+p.arg(f.Country)+")")
	}
	if f.USLinked {
		conds = append(conds, alias+".us_linked")
	}
	if f.Category != "" {
		conds = append(conds, "("+alias+".category = "+p.arg(f.Category)+" OR "+alias+".category LIKE "+
			p.arg(storeutil.LikeEscape(f.Category)+".%")+")")
	}
	if f.ProductLine != "" {
		conds = append(conds, "lower("+alias+".product_line) = lower("+p.arg(f.ProductLine)+")")
	}
	if len(conds) == 0 {
		return ""
	}
	if !item && !f.IncludeSpec {
		conds = append(conds, "NOT "+alias+".spec")
	}
	return strings.Join(conds, " AND ")
}

// newPlan validates f and translates it to SQL conditions over notices n.
func (db *DB) newPlan(ctx context.Context, f enduse.Filter) (*plan, error) {
	f, err := storeutil.ValidateFilter(f)
	if err != nil {
		return nil, err
	}
	p := &plan{Marks: storeutil.Marks{F: f}}
	if f.Brand != "" {
		if p.Brands, err = db.canonicalBrands(ctx, f.Brand); err != nil {
			return nil, err
		}
		p.Brands = storeutil.AppendFold(p.Brands, f.Brand)
	}
	if len(f.Types) > 0 {
		ts := make([]string, len(f.Types))
		for i, t := range f.Types {
			ts[i] = string(t)
		}
		p.add("n.type = ANY(" + p.arg(ts) + ")")
	}
	if f.From != "" {
		p.add("n.published >= " + p.arg(f.From))
	}
	if f.To != "" {
		p.add("n.published <= " + p.arg(f.To))
	}
	if f.Sector != "" {
		p.add("n.sector = " + p.arg(string(f.Sector)))
	}
	if f.Level != "" {
		p.add("n.level = " + p.arg(string(f.Level)))
	}
	if f.Method != "" {
		// read from the stored notice: no column, no migration
		p.add("(n.json::json->>'method') = " + p.arg(f.Method))
	}
	if f.Region != "" {
		switch d := storeutil.IsDigits(f.Region); {
		case d && len(f.Region) == 2:
			p.add("n.province = " + p.arg(f.Region))
		case d && len(f.Region) > 2:
			// Code prefix as a range, so the index serves it (':' sorts after '9').
			p.add("n.province = " + p.arg(f.Region[:2]) + " AND n.region_code >= " + p.arg(f.Region) +
				" AND n.region_code < " + p.arg(f.Region+":"))
		case d:
			p.add("n.region_code >= " + p.arg(f.Region) + " AND n.region_code < " + p.arg(f.Region+":"))
		default:
			l := p.arg(storeutil.LikeArg(f.Region))
			p.add("(n.region_path ILIKE " + l + " OR n.region_name ILIKE " + l + ")")
		}
	}
	if f.Buyer != "" {
		l := p.arg(storeutil.LikeArg(f.Buyer))
		p.add("(n.buyer_name ILIKE " + l + " OR n.buyer_en ILIKE " + l + " OR n.buyer ILIKE " + l + ")")
	}
	if f.Supplier != "" {
		roles := p.arg(storeutil.SupplierRoles())
		l := p.arg(storeutil.LikeArg(f.Supplier))
		p.add(`n.id IN (SELECT o.notice FROM notice_orgs o LEFT JOIN orgs g ON g.key = o.org
			WHERE o.role = ANY(` + roles + `) AND (o.name ILIKE ` + l + ` OR o.org ILIKE ` + l + ` OR g.name_en ILIKE ` + l + `))`)
	}
	if f.Listed {
		c := `EXISTS (SELECT 1 FROM hits h WHERE h.notice = n.id AND (h.role = 'buyer' OR (h.role = '' AND h.org = n.buyer))`
		if len(f.Lists) > 0 {
			c += " AND h.list = ANY(" + p.arg(f.Lists) + ")"
		}
		p.add(c + ")")
	}
	if f.Reason != "" {
		p.add("n.id IN (SELECT r.notice FROM reasons r WHERE r.class = " + p.arg(string(f.Reason)) + ")")
	}
	for _, t := range storeutil.SplitTerms(f.Text) {
		l := p.arg(storeutil.LikeArg(t))
		if utf8.RuneCountInString(t) >= 3 {
			// pg_trgm's GIN indexes on titles and texts find the notices.
			p.add("n.id IN (SELECT t.id FROM notices t WHERE t.title ILIKE " + l +
				" UNION SELECT t.id FROM documents d JOIN notices t ON t.doc = d.sha256 WHERE d.text ILIKE " + l + ")")
			continue
		}
		// Trigrams cannot index one- or two-character terms: check each
		// candidate the other conditions leave.
		p.add("(n.title ILIKE " + l + " OR EXISTS (SELECT 1 FROM documents d WHERE d.sha256 = n.doc AND d.text ILIKE " + l + "))")
	}
	if p.Active() {
		narrowed := len(p.where) > 0
		ms := p.markSQL("m", false)
		is := p.markSQL("i", true)
		if narrowed {
			// Other conditions narrow the notices: probe each candidate's
			// few marks rather than materialise every notice of the brand.
			p.add("(EXISTS (SELECT 1 FROM mentions m WHERE m.notice = n.id AND " + ms +
				") OR EXISTS (SELECT 1 FROM items i WHERE i.notice = n.id AND " + is + "))")
		} else {
			p.add("n.id IN (SELECT m.notice FROM mentions m WHERE " + ms + " UNION SELECT i.notice FROM items i WHERE " + is + ")")
		}
	}
	return p, nil
}

// canonicalBrands resolves a brand as the user wrote it ("希捷", "seagate")
// to the canonical brands stored for it.
func (db *DB) canonicalBrands(ctx context.Context, brand string) ([]string, error) {
	rows, err := db.pool.Query(ctx, `
		SELECT name FROM brands WHERE lname = lower($1)
		UNION SELECT DISTINCT brand FROM mentions WHERE lower(text) = lower($1) AND brand <> ''
		UNION SELECT DISTINCT brand FROM items WHERE lower(brand_text) = lower($1) AND brand <> ''`, brand)
	if err != nil {
		return nil, fmt.Errorf("resolve brand %s: %w", brand, mapErr(err))
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var b string
		if err := rows.Scan(&b); err != nil {
			return nil, fmt.Errorf("resolve brand %s: %w", brand, mapErr(err))
		}
		out = storeutil.AppendFold(out, b)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("resolve brand %s: %w", brand, mapErr(err))
	}
	return out, nil
}

// recColumns are the notices columns load reads, in storeutil.Rec order.
const recColumns = `n.id, n.doc, n.group_id, n.purchase_id, n.type, n.title, n.published, n.project_code,
	COALESCE(n.buyer, ''), n.buyer_name, n.buyer_en, n.sector, n.level, n.region_code, n.region_name,
	n.budget, n.award_amount`

// Query returns the aggregate answer to f and the page of rows selected by
// f.Limit and f.Offset (newest first). Notices and figures count unique
// announcements (re-publications grouped); quantities and amounts count
// each purchase once. It returns ErrInvalid for a malformed filter.
func (db *DB) Query(ctx context.Context, f enduse.Filter) (*enduse.Result, error) {
	p, err := db.newPlan(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	s, err := db.load(ctx, &p.Marks, "SELECT "+recColumns+" FROM notices n"+p.whereSQL(), p.args)
	if err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	res := s.Result(&p.Marks)
	res.Filter = p.F
	if err := db.fillRows(ctx, res); err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	return res, nil
}

// load runs a notices query selecting recColumns and loads the brand marks
// of every matched notice, all in one snapshot.
func (db *DB) load(ctx context.Context, m *storeutil.Marks, query string, args []any) (*storeutil.Set, error) {
	tx, err := db.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, fmt.Errorf("begin read: %w", mapErr(err))
	}
	defer tx.Rollback(context.Background())
	rows, err := tx.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("select notices: %w", mapErr(err))
	}
	var recs []*storeutil.Rec
	byID := map[int64]*storeutil.Rec{}
	for rows.Next() {
		r := &storeutil.Rec{}
		if err := rows.Scan(&r.ID, &r.Doc, &r.Group, &r.Purchase, &r.Type, &r.Title, &r.Published, &r.Code,
			&r.Buyer, &r.BuyerName, &r.BuyerEN, &r.Sector, &r.Level, &r.RegionCode, &r.RegName, &r.Budget, &r.Award); err != nil {
			rows.Close()
			return nil, fmt.Errorf("select notices: %w", mapErr(err))
		}
		recs = append(recs, r)
		byID[r.ID] = r
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("select notices: %w", mapErr(err))
	}
	if len(recs) > 0 {
		ids := make([]int64, len(recs))
		for i, r := range recs {
			ids[i] = r.ID
		}
		active := m.Active()
		if err := scanMarks(ctx, tx, `SELECT notice, brand, text, company, country, product_line, category, us_linked, spec,
			false, 0::float8 FROM mentions WHERE notice = ANY($1) ORDER BY notice, seq`, ids, byID, m, active); err != nil {
			return nil, fmt.Errorf("load mentions: %w", err)
		}
		if err := scanMarks(ctx, tx, `SELECT notice, brand, brand_text, company, country, product_line, category, us_linked,
			false, true, quantity FROM items WHERE notice = ANY($1) ORDER BY notice, seq`, ids, byID, m, active); err != nil {
			return nil, fmt.Errorf("load items: %w", err)
		}
	}
	return storeutil.NewSet(recs), nil
}

// scanMarks reads mention or item rows into their notices' marks.
func scanMarks(ctx context.Context, tx pgx.Tx, query string, ids []int64, byID map[int64]*storeutil.Rec, m *storeutil.Marks, active bool) error {
	rows, err := tx.Query(ctx, query, ids)
	if err != nil {
		return mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var k storeutil.Mark
		if err := rows.Scan(&id, &k.Brand, &k.Text, &k.Company, &k.Country, &k.ProductLine, &k.Category,
			&k.USLinked, &k.Spec, &k.Item, &k.Quantity); err != nil {
			return mapErr(err)
		}
		k.Match = !active || m.Match(&k)
		if r := byID[id]; r != nil {
			r.Marks = append(r.Marks, k)
		}
	}
	return mapErr(rows.Err())
}

// fillRows adds each row's source, url and first winner.
func (db *DB) fillRows(ctx context.Context, res *enduse.Result) error {
	if len(res.Rows) == 0 {
		return nil
	}
	idx := map[string]int{}
	ids := make([]string, len(res.Rows))
	for i, r := range res.Rows {
		idx[r.ID] = i
		ids[i] = r.ID
	}
	rows, err := db.pool.Query(ctx, `SELECT d.sha256, d.source, d.url,
		COALESCE((SELECT o.name FROM notice_orgs o WHERE o.notice = n.id AND o.role IN ('winner', 'single_source')
			ORDER BY o.role = 'single_source', o.rank = 0, o.rank, o.seq LIMIT 1), '')
		FROM documents d JOIN notices n ON n.doc = d.sha256 WHERE d.sha256 = ANY($1)`, ids)
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
