package sqlite

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/enduse/enduse"
)

// Paging limits of Query.
const (
	defaultLimit = 100
	maxLimit     = 10000
)

// supplierRoles is the notice_orgs roles of suppliers.
func supplierRoles() []string {
	return []string{string(enduse.RoleWinner), string(enduse.RoleCandidate), string(enduse.RoleBidder),
		string(enduse.RoleSingleSource), roleSupplier}
}

// plan is a validated filter turned into SQL over notices n, plus what the
// aggregation needs to tell which brand marks and items the filter meant.
type plan struct {
	f      enduse.Filter
	where  []string
	args   []any
	brands []string // canonical brands the Brand filter resolves to (lower case)
	marks  bool     // the filter constrains brands/products (brand, company, country, …)
	// groupWhere and groupArgs are where and args for probing the few
	// notices of one announcement group: the brand condition always as
	// per-notice EXISTS probes, never as the set of every notice of the
	// brand.
	groupWhere []string
	groupArgs  []any
}

// validateFilter checks a filter and returns it with defaults applied. It
// returns ErrInvalid naming the bad field.
func validateFilter(f enduse.Filter) (enduse.Filter, error) {
	bad := func(field, msg string, v any) error {
		return fmt.Errorf("filter %s %q: %s: %w", field, fmt.Sprint(v), msg, enduse.ErrInvalid)
	}
	for _, t := range f.Types {
		if !validType(t) {
			return f, bad("type", "unknown notice type", t)
		}
	}
	if f.From != "" && !validDate(f.From) {
		return f, bad("from", "want YYYY-MM-DD", f.From)
	}
	if f.To != "" && !validDate(f.To) {
		return f, bad("to", "want YYYY-MM-DD", f.To)
	}
	if f.From != "" && f.To != "" && f.From > f.To {
		return f, bad("from", "is after to "+f.To, f.From)
	}
	if f.Sector != "" && !knownSector(f.Sector) {
		return f, bad("sector", "unknown sector", f.Sector)
	}
	if f.Level != "" && !knownLevel(f.Level) {
		return f, bad("level", "unknown level", f.Level)
	}
	if f.Reason != "" && !knownReason(f.Reason) {
		return f, bad("reason", "unknown reason class", f.Reason)
	}
	if f.Limit < 0 || f.Limit > maxLimit {
		return f, bad("limit", fmt.Sprintf("want 0..%d", maxLimit), f.Limit)
	}
	if f.Offset < 0 {
		return f, bad("offset", "must not be negative", f.Offset)
	}
	for _, s := range []struct{ name, v string }{{"brand", f.Brand}, {"company", f.Company}, {"country", f.Country},
		{"category", f.Category}, {"product_line", f.ProductLine}, {"buyer", f.Buyer}, {"supplier", f.Supplier},
		{"region", f.Region}, {"text", f.Text}} {
		if !utf8.ValidString(s.v) {
			return f, bad(s.name, "not valid UTF-8", s.v)
		}
		if strings.ContainsRune(s.v, 0) {
			return f, bad(s.name, "contains a NUL character", s.v)
		}
		if len(s.v) > 1000 {
			return f, bad(s.name, "longer than 1000 bytes", s.v[:20]+"…")
		}
	}
	if f.Limit == 0 {
		f.Limit = defaultLimit
	}
	f.Brand = strings.TrimSpace(f.Brand)
	f.Company = strings.TrimSpace(f.Company)
	f.Country = strings.TrimSpace(f.Country)
	f.Category = strings.TrimSpace(f.Category)
	f.ProductLine = strings.TrimSpace(f.ProductLine)
	f.Buyer = strings.TrimSpace(f.Buyer)
	f.Supplier = strings.TrimSpace(f.Supplier)
	f.Region = strings.TrimSpace(f.Region)
	f.Text = strings.TrimSpace(f.Text)
	if len(f.Lists) > 0 {
		f.Listed = true
	}
	return f, nil
}

// knownSector reports whether s is one of the sectors of DESIGN §2.
func knownSector(s enduse.Sector) bool {
	switch s {
	case enduse.SectorPublicSecurity, enduse.SectorProcuratorate, enduse.SectorCourt, enduse.SectorPrisonJustice,
		enduse.SectorXPCC, enduse.SectorArmedPolice, enduse.SectorStateSecurity, enduse.SectorOtherGovernment,
		enduse.SectorEducation, enduse.SectorHealth, enduse.SectorEnterprise, enduse.SectorUnknown:
		return true
	}
	return false
}

// knownLevel reports whether l is one of the levels of DESIGN §2.
func knownLevel(l enduse.Level) bool {
	switch l {
	case enduse.LevelMinistry, enduse.LevelProvince, enduse.LevelPrefecture, enduse.LevelCounty,
		enduse.LevelDistrict, enduse.LevelStation, enduse.LevelUnit, enduse.LevelUnknown:
		return true
	}
	return false
}

// knownReason reports whether r is a single-source reason class.
func knownReason(r enduse.ReasonClass) bool {
	switch r {
	case enduse.ReasonImported, enduse.ReasonOutperforms, enduse.ReasonCompatibility, enduse.ReasonSoleService,
		enduse.ReasonPatent, enduse.ReasonUrgent, enduse.ReasonOther:
		return true
	}
	return false
}

// likeArg is s as a LIKE pattern matching any text containing it (escape '\').
func likeArg(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(s) + "%"
}

// placeholders is "?, ?, …" for n values.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// isDigits reports whether s is a non-empty run of ASCII digits.
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// splitTerms splits a text query into terms: whitespace separates terms,
// double quotes keep a phrase with spaces together. Empty terms are dropped.
func splitTerms(q string) []string {
	var terms []string
	var b strings.Builder
	quoted := false
	flush := func() {
		if t := strings.TrimSpace(b.String()); t != "" {
			terms = append(terms, t)
		}
		b.Reset()
	}
	for _, r := range q {
		switch {
		case r == '"':
			flush()
			quoted = !quoted
		case !quoted && (r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u3000'):
			flush()
		default:
			b.WriteRune(r)
		}
	}
	flush()
	return terms
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
		args = append(args, likeArg(f.Company))
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
		args = append(args, f.Category, strings.TrimSuffix(likeArg(f.Category), "%")[1:]+".%")
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

// markMatches is markSQL in Go, for one loaded brand mark.
func (p *plan) markMatches(m *mark) bool {
	f := p.f
	if m.spec && !f.IncludeSpec {
		return false
	}
	if f.Brand != "" {
		ok := strings.EqualFold(m.text, f.Brand)
		for _, b := range p.brands {
			ok = ok || strings.EqualFold(m.brand, b)
		}
		if !ok {
			return false
		}
	}
	if f.Company != "" && !strings.Contains(strings.ToLower(m.company), strings.ToLower(f.Company)) {
		return false
	}
	if f.Country != "" && !strings.EqualFold(m.country, f.Country) {
		return false
	}
	if f.USLinked && !m.usLinked {
		return false
	}
	if f.Category != "" && m.category != f.Category && !strings.HasPrefix(m.category, f.Category+".") {
		return false
	}
	if f.ProductLine != "" && !strings.EqualFold(m.productLine, f.ProductLine) {
		return false
	}
	return true
}

// newPlan validates f and translates it to SQL conditions over notices n.
func (db *DB) newPlan(ctx context.Context, f enduse.Filter) (*plan, error) {
	return db.planWith(ctx, f, nil)
}

// planWith is newPlan with the Brand filter already resolved to brands
// (nil: resolve it now), for answers stored with their resolution.
func (db *DB) planWith(ctx context.Context, f enduse.Filter, brands []string) (*plan, error) {
	f, err := validateFilter(f)
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
		p.brands = appendFold(p.brands, f.Brand)
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
	if f.Region != "" {
		switch {
		case isDigits(f.Region) && len(f.Region) == 2:
			add("n.province = ?", f.Region)
		case isDigits(f.Region) && len(f.Region) > 2:
			// Code prefix as a range, so the index serves it (':' sorts after '9').
			add("n.province = ? AND n.region_code >= ? AND n.region_code < ?", f.Region[:2], f.Region, f.Region+":")
		case isDigits(f.Region):
			add("n.region_code >= ? AND n.region_code < ?", f.Region, f.Region+":")
		default:
			add(`(n.region_path LIKE ? ESCAPE '\' OR n.region_name LIKE ? ESCAPE '\')`, likeArg(f.Region), likeArg(f.Region))
		}
	}
	if f.Buyer != "" {
		l := likeArg(f.Buyer)
		add(`(n.buyer_name LIKE ? ESCAPE '\' OR n.buyer_en LIKE ? ESCAPE '\' OR n.buyer LIKE ? ESCAPE '\')`, l, l, l)
	}
	if f.Supplier != "" {
		l := likeArg(f.Supplier)
		args := []any{}
		for _, r := range supplierRoles() {
			args = append(args, r)
		}
		args = append(args, l, l, l)
		add(`n.id IN (SELECT o.notice FROM notice_orgs o LEFT JOIN orgs g ON g.key = o.org
			WHERE o.role IN (`+placeholders(len(supplierRoles()))+`)
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
		for _, t := range splitTerms(f.Text) {
			if utf8.RuneCountInString(t) >= 3 {
				phrases = append(phrases, ftsPhrase(t))
				continue
			}
			// Trigrams cannot index one- or two-character terms: scan.
			l := likeArg(t)
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
		p.marks = true
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

// appendFold appends s to list unless it is there up to case.
func appendFold(list []string, s string) []string {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return list
		}
	}
	return append(list, s)
}
