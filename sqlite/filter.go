package sqlite

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/storeutil"
)

// plan is a validated filter turned into SQL over notices n, plus what the
// aggregation needs to tell which brand marks and items the filter meant.
type plan struct {
	f      enduse.Filter
	where  []string
	args   []any
	brands []string // canonical brands the Brand filter resolves to (Brand itself included)
	// groupWhere and groupArgs are where and args for probing the few
	// notices of one announcement group: the brand condition always as
	// per-notice EXISTS probes, never as the set of every notice of the
	// brand.
	groupWhere []string
	groupArgs  []any
}

// placeholders is "?, ?, …" for n values.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// ftsPhrase quotes a term as an FTS5 phrase.
func ftsPhrase(t string) string {
	return `"` + strings.ReplaceAll(t, `"`, `""`) + `"`
}

// markSQL is the condition a mention (alias m) or item (alias i) must meet
// for the brand/product fields of the filter; "" when there are none.
func (p *plan) markSQL(alias string, item bool) (string, []any) {
	f := p.f
	var conds []string
	var args []any
	if f.Brand != "" {
		textCol := alias + ".text"
		if item {
			textCol = alias + ".brand_text"
		}
		c := textCol + " = ? COLLATE NOCASE OR " + alias + ".brand COLLATE NOCASE IN (" + placeholders(len(p.brands)) + ")"
		args = append(args, f.Brand)
		for _, b := range p.brands {
			args = append(args, b)
		}
		conds = append(conds, "("+c+")")
	}
	if f.Company != "" {
		conds = append(conds, alias+`.company LIKE ? ESCAPE '\'`)
		args = append(args, storeutil.LikeArg(f.Company))
	}
	if f.Country != "" {
		conds = append(conds, alias+".country = ? COLLATE NOCASE")
		args = append(args, f.Country)
	}
	if f.USLinked {
		conds = append(conds, alias+".us_linked = 1")
	}
	if f.Category != "" {
		conds = append(conds, "("+alias+".category = ? OR "+alias+`.category LIKE ? ESCAPE '\')`)
		args = append(args, f.Category, strings.TrimSuffix(storeutil.LikeArg(f.Category), "%")[1:]+".%")
	}
	if f.ProductLine != "" {
		conds = append(conds, alias+".product_line = ? COLLATE NOCASE")
		args = append(args, f.ProductLine)
	}
	if len(conds) == 0 {
		return "", nil
	}
	if !item && !f.IncludeSpec {
		conds = append(conds, alias+".spec = 0")
	}
	return strings.Join(conds, " AND "), args
}

// marksFilter is what the plan asks of loaded brand marks (markSQL in Go).
func (p *plan) marksFilter() *storeutil.Marks {
	return &storeutil.Marks{F: p.f, Brands: p.brands}
}

// newPlan validates f and translates it to SQL conditions over notices n.
func (db *DB) newPlan(ctx context.Context, f enduse.Filter) (*plan, error) {
	return db.planWith(ctx, f, nil)
}

// planWith is newPlan with the Brand filter already resolved to brands
// (nil: resolve it now), for answers stored with their resolution.
func (db *DB) planWith(ctx context.Context, f enduse.Filter, brands []string) (*plan, error) {
	f, err := storeutil.ValidateFilter(f)
	if err != nil {
		return nil, err
	}
	p := &plan{f: f, brands: brands}
	add := func(cond string, args ...any) {
		p.where = append(p.where, cond)
		p.args = append(p.args, args...)
	}
	if f.Brand != "" && p.brands == nil {
		if p.brands, err = db.canonicalBrands(ctx, f.Brand); err != nil {
			return nil, err
		}
		p.brands = storeutil.AppendFold(p.brands, f.Brand)
	}
	if len(f.Types) > 0 {
		args := make([]any, len(f.Types))
		for i, t := range f.Types {
			args[i] = string(t)
		}
		add("n.type IN ("+placeholders(len(args))+")", args...)
	}
	if f.From != "" {
		add("n.published >= ?", f.From)
	}
	if f.To != "" {
		add("n.published <= ?", f.To)
	}
	if f.Sector != "" {
		add("n.sector = ?", string(f.Sector))
	}
	if f.Level != "" {
		add("n.level = ?", string(f.Level))
	}
	if f.Method != "" {
		// read from the stored notice: no column, no migration
		add("json_extract(n.json, '$.method') = ?", f.Method)
	}
	if f.Region != "" {
		switch {
		case storeutil.IsDigits(f.Region) && len(f.Region) == 2:
			add("n.province = ?", f.Region)
		case storeutil.IsDigits(f.Region) && len(f.Region) > 2:
			// Code prefix as a range, so the index serves it (':' sorts after '9').
			add("n.province = ? AND n.region_code >= ? AND n.region_code < ?", f.Region[:2], f.Region, f.Region+":")
		case storeutil.IsDigits(f.Region):
			add("n.region_code >= ? AND n.region_code < ?", f.Region, f.Region+":")
		default:
			add(`(n.region_path LIKE ? ESCAPE '\' OR n.region_name LIKE ? ESCAPE '\')`, storeutil.LikeArg(f.Region), storeutil.LikeArg(f.Region))
		}
	}
	if f.Buyer != "" {
		l := storeutil.LikeArg(f.Buyer)
		add(`(n.buyer_name LIKE ? ESCAPE '\' OR n.buyer_en LIKE ? ESCAPE '\' OR n.buyer LIKE ? ESCAPE '\')`, l, l, l)
	}
	if f.Supplier != "" {
		l := storeutil.LikeArg(f.Supplier)
		args := []any{}
		for _, r := range storeutil.SupplierRoles() {
			args = append(args, r)
		}
		args = append(args, l, l, l)
		add(`n.id IN (SELECT o.notice FROM notice_orgs o LEFT JOIN orgs g ON g.key = o.org
			WHERE o.role IN (`+placeholders(len(storeutil.SupplierRoles()))+`)
			AND (o.name LIKE ? ESCAPE '\' OR o.org LIKE ? ESCAPE '\' OR g.name_en LIKE ? ESCAPE '\'))`, args...)
	}
	if f.Listed {
		c := `EXISTS (SELECT 1 FROM hits h WHERE h.notice = n.id AND (h.role = 'buyer' OR (h.role = '' AND h.org = n.buyer))`
		var args []any
		if len(f.Lists) > 0 {
			c += " AND h.list IN (" + placeholders(len(f.Lists)) + ")"
			for _, l := range f.Lists {
				args = append(args, l)
			}
		}
		add(c+")", args...)
	}
	if f.Reason != "" {
		add("n.id IN (SELECT r.notice FROM reasons r WHERE r.class = ?)", string(f.Reason))
	}
	if f.Text != "" {
		var phrases []string
		for _, t := range storeutil.SplitTerms(f.Text) {
			if utf8.RuneCountInString(t) >= 3 {
				phrases = append(phrases, ftsPhrase(t))
				continue
			}
			// Trigrams cannot index one- or two-character terms: scan.
			l := storeutil.LikeArg(t)
			add(`(n.title LIKE ? ESCAPE '\' OR EXISTS (SELECT 1 FROM documents d WHERE d.sha256 = n.doc AND d.text LIKE ? ESCAPE '\'))`, l, l)
		}
		if len(phrases) > 0 {
			add("n.id IN (SELECT rowid FROM notice_fts WHERE notice_fts MATCH ?)", strings.Join(phrases, " AND "))
		}
	}
	ms, margs := p.markSQL("m", false)
	is, iargs := p.markSQL("i", true)
	p.groupWhere, p.groupArgs = slices.Clone(p.where), slices.Clone(p.args)
	if ms != "" {
		exists := "(EXISTS (SELECT 1 FROM mentions m WHERE m.notice = n.id AND " + ms +
			") OR EXISTS (SELECT 1 FROM items i WHERE i.notice = n.id AND " + is + "))"
		p.groupWhere = append(p.groupWhere, exists)
		p.groupArgs = append(append(p.groupArgs, margs...), iargs...)
		if len(p.where) > 0 {
			// Other conditions narrow the notices: probe each candidate's
			// few marks rather than materialise every notice of the brand.
			add("(EXISTS (SELECT 1 FROM mentions m WHERE m.notice = n.id AND "+ms+
				") OR EXISTS (SELECT 1 FROM items i WHERE i.notice = n.id AND "+is+"))", append(margs, iargs...)...)
		} else {
			add("n.id IN (SELECT m.notice FROM mentions m WHERE "+ms+" UNION SELECT i.notice FROM items i WHERE "+is+")",
				append(margs, iargs...)...)
		}
	}
	return p, nil
}

// whereSQL is the WHERE clause of the plan ("" when it selects everything).
func (p *plan) whereSQL() string {
	if len(p.where) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(p.where, " AND ")
}

// canonicalBrands resolves a brand as the user wrote it ("希捷", "seagate")
// to the canonical brands stored for it.
func (db *DB) canonicalBrands(ctx context.Context, brand string) ([]string, error) {
	rows, err := db.read.QueryContext(ctx, `
		SELECT name FROM brands WHERE name = ?
		UNION SELECT DISTINCT brand FROM mentions WHERE text = ? COLLATE NOCASE AND brand <> ''
		UNION SELECT DISTINCT brand FROM items WHERE brand_text = ? COLLATE NOCASE AND brand <> ''`, brand, brand, brand)
	if err != nil {
		return nil, fmt.Errorf("resolve brand %s: %w", brand, mapErr(err))
	}
	defer rows.Close()
	seen := map[string]bool{}
	var out []string
	for rows.Next() {
		var b string
		if err := rows.Scan(&b); err != nil {
			return nil, fmt.Errorf("resolve brand %s: %w", brand, mapErr(err))
		}
		if k := strings.ToLower(b); !seen[k] {
			seen[k] = true
			out = append(out, b)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("resolve brand %s: %w", brand, mapErr(err))
	}
	return out, nil
}
