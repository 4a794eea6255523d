package sqlstore

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/counting"
	"github.com/enduse/enduse/storeutil"
)

// Plan is a validated filter turned into SQL conditions over notices n,
// with what the aggregation needs to tell which brand marks the filter
// meant.
type Plan struct {
	counting.Marks
	where []string
	args  []any
	// groupWhere and groupArgs are where and args with the brand
	// condition always as per-notice EXISTS probes (never as the set of
	// every notice of the brand), for probing the few notices of one
	// announcement group.
	groupWhere []string
	groupArgs  []any
	// scans is set when a condition can be decided only by reading each
	// candidate's row or text (no index answers it): a short text term,
	// the procurement method.
	scans bool
}

// Arg adds a parameter and returns its placeholder.
func (p *Plan) Arg(v any) string {
	p.args = append(p.args, v)
	return "$" + strconv.Itoa(len(p.args))
}

// argList adds one parameter per value and returns their placeholders: the
// planner's lists are short (types, roles, lists, brands), and literal IN
// lists let either engine's planner use its indexes fully.
func (p *Plan) argList(vals []string) []string {
	out := make([]string, len(vals))
	for i, v := range vals {
		out[i] = p.Arg(v)
	}
	return out
}

// Add adds a condition.
func (p *Plan) Add(cond string) { p.where = append(p.where, cond) }

// AddScan adds a condition that no index answers (see scans).
func (p *Plan) AddScan(cond string) {
	p.Add(cond)
	p.scans = true
}

// whereSQL is the WHERE clause of the plan ("" when it selects everything).
func (p *Plan) whereSQL() string {
	if len(p.where) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(p.where, " AND ")
}

// markSQL is the condition a mention (alias m) or item (alias i) must meet
// for the brand/product fields of the filter; "" when there are none. It
// selects what counting.Marks.Match accepts.
func (p *Plan) markSQL(d Dialect, alias string, item bool) string {
	f := p.F
	var conds []string
	if f.Brand != "" {
		textCol := alias + ".text"
		if item {
			textCol = alias + ".brand_text"
		}
		conds = append(conds, "("+d.EqFold(textCol, p.Arg(f.Brand))+" OR "+d.InFold(alias+".brand", p.argList(p.Brands))+")")
	}
	if f.Company != "" {
		conds = append(conds, d.Like(alias+".company", p.Arg(storeutil.LikeArg(f.Company))))
	}
	if f.Country != "" {
		conds = append(conds, d.EqFold(alias+".country", p.Arg(f.Country)))
	}
	if f.USLinked {
		conds = append(conds, d.True(alias+".us_linked"))
	}
	if f.Category != "" {
		conds = append(conds, "("+alias+".category = "+p.Arg(f.Category)+" OR "+
			d.Like(alias+".category", p.Arg(storeutil.LikeEscape(f.Category)+".%"))+")")
	}
	if f.ProductLine != "" {
		conds = append(conds, d.EqFold(alias+".product_line", p.Arg(f.ProductLine)))
	}
	if f.Pathway != "" {
		conds = append(conds, alias+".pathway = "+p.Arg(string(f.Pathway)))
	}
	if len(conds) == 0 {
		return ""
	}
	if !item && !f.IncludeSpec {
		conds = append(conds, d.False(alias+".spec"))
	}
	return strings.Join(conds, " AND ")
}

// newPlan validates f and translates it to SQL conditions over notices n,
// resolving its Brand to the canonical brands stored for it.
func (s *Store) newPlan(ctx context.Context, f enduse.Filter) (*Plan, error) {
	return s.planWith(ctx, f, nil)
}

// planWith is newPlan with the Brand filter already resolved to brands
// (nil: resolve it now), for answers stored with their resolution.
func (s *Store) planWith(ctx context.Context, f enduse.Filter, brands []string) (*Plan, error) {
	f, err := storeutil.ValidateFilter(f)
	if err != nil {
		return nil, err
	}
	d := s.d
	p := &Plan{Marks: counting.Marks{F: f, Brands: brands}}
	if f.Brand != "" && p.Brands == nil {
		if p.Brands, err = s.canonicalBrands(ctx, f.Brand); err != nil {
			return nil, err
		}
		p.Brands = counting.AppendFold(p.Brands, f.Brand)
	}
	if len(f.Types) > 0 {
		ts := make([]string, len(f.Types))
		for i, t := range f.Types {
			ts[i] = string(t)
		}
		p.Add("n.type IN (" + strings.Join(p.argList(ts), ", ") + ")")
	}
	if f.From != "" {
		p.Add("n.published >= " + p.Arg(f.From))
	}
	if f.To != "" {
		p.Add("n.published <= " + p.Arg(f.To))
	}
	if f.Sector != "" {
		p.Add("n.sector = " + p.Arg(string(f.Sector)))
	}
	if f.Level != "" {
		p.Add("n.level = " + p.Arg(string(f.Level)))
	}
	if f.Region != "" {
		switch digits := counting.IsDigits(f.Region); {
		case digits && len(f.Region) == 2:
			p.Add("n.province = " + p.Arg(f.Region))
		case digits && len(f.Region) > 2:
			// Code prefix as a range, so the index serves it (':' sorts after '9').
			p.Add("n.province = " + p.Arg(f.Region[:2]) + " AND n.region_code >= " + p.Arg(f.Region) +
				" AND n.region_code < " + p.Arg(f.Region+":"))
		case digits:
			p.Add("n.region_code >= " + p.Arg(f.Region) + " AND n.region_code < " + p.Arg(f.Region+":"))
		default:
			l := p.Arg(storeutil.LikeArg(f.Region))
			p.Add("(" + d.Like("n.region_path", l) + " OR " + d.Like("n.region_name", l) + ")")
		}
	}
	if f.Buyer != "" {
		l := p.Arg(storeutil.LikeArg(f.Buyer))
		p.Add("(" + d.Like("n.buyer_name", l) + " OR " + d.Like("n.buyer_en", l) + " OR " + d.Like("n.buyer", l) + ")")
	}
	if f.Supplier != "" {
		roles := strings.Join(p.argList(counting.SupplierRoles()), ", ")
		l := p.Arg(storeutil.LikeArg(f.Supplier))
		p.Add(`n.id IN (SELECT o.notice FROM notice_orgs o LEFT JOIN orgs g ON g.key = o.org
			WHERE o.role IN (` + roles + `) AND (` + d.Like("o.name", l) + ` OR ` + d.Like("o.org", l) +
			` OR ` + d.Like("g.name_en", l) + `))`)
	}
	if f.Listed {
		c := `EXISTS (SELECT 1 FROM hits h WHERE h.notice = n.id AND (h.role = 'buyer' OR (h.role = '' AND h.org = n.buyer))`
		if len(f.Lists) > 0 {
			c += " AND h.list IN (" + strings.Join(p.argList(f.Lists), ", ") + ")"
		}
		p.Add(c + ")")
	}
	if f.Method != "" {
		// Read from the stored notice: no column, no migration.
		p.AddScan(d.JSONText("n.json", "method") + " = " + p.Arg(f.Method))
	}
	if f.Reason != "" {
		p.Add("n.id IN (SELECT r.notice FROM reasons r WHERE r.class = " + p.Arg(string(f.Reason)) + ")")
	}
	if terms := storeutil.SplitTerms(f.Text); len(terms) > 0 {
		d.Text(p, terms)
	}
	p.groupWhere, p.groupArgs = slices.Clone(p.where), slices.Clone(p.args)
	if p.Active() {
		g := &Plan{Marks: p.Marks, args: p.groupArgs}
		p.groupWhere = append(p.groupWhere, "(EXISTS (SELECT 1 FROM mentions m WHERE m.notice = n.id AND "+
			g.markSQL(d, "m", false)+") OR EXISTS (SELECT 1 FROM items i WHERE i.notice = n.id AND "+g.markSQL(d, "i", true)+"))")
		p.groupArgs = g.args
		narrowed := len(p.where) > 0
		ms := p.markSQL(d, "m", false)
		is := p.markSQL(d, "i", true)
		if narrowed {
			// Other conditions narrow the notices: probe each candidate's
			// few marks rather than materialise every notice of the brand.
			p.Add("(EXISTS (SELECT 1 FROM mentions m WHERE m.notice = n.id AND " + ms +
				") OR EXISTS (SELECT 1 FROM items i WHERE i.notice = n.id AND " + is + "))")
		} else {
			p.Add("n.id IN (SELECT m.notice FROM mentions m WHERE " + ms + " UNION SELECT i.notice FROM items i WHERE " + is + ")")
		}
	}
	return p, nil
}

// canonicalBrands resolves a brand as the user wrote it ("希捷", "seagate")
// to the canonical brands stored for it.
func (s *Store) canonicalBrands(ctx context.Context, brand string) ([]string, error) {
	out, _, err := s.brandSpellings(ctx, brand)
	return out, err
}

// brandSpellings is the canonical brands stored for brand as the user
// wrote it — a brand of that name, the brands of mentions and items
// written so — and whether a mention or item written so has no brand.
func (s *Store) brandSpellings(ctx context.Context, brand string) (brands []string, unresolved bool, err error) {
	d := s.d
	err = s.scanRows(ctx, s.read, `
		SELECT name FROM brands WHERE `+d.EqFold("name", "$1")+`
		UNION SELECT DISTINCT brand FROM mentions WHERE `+d.EqFold("text", "$1")+`
		UNION SELECT DISTINCT brand FROM items WHERE `+d.EqFold("brand_text", "$1"), []any{brand},
		func(scan func(...any) error) error {
			var b string
			if err := scan(&b); err != nil {
				return err
			}
			if b == "" {
				unresolved = true
			} else {
				brands = counting.AppendFold(brands, b)
			}
			return nil
		})
	if err != nil {
		return nil, false, fmt.Errorf("resolve brand %s: %w", brand, err)
	}
	return brands, unresolved, nil
}
