package counting

import (
	"maps"
	"slices"
	"strings"

	"github.com/enduse/enduse"
)

// A brand's profile is kept in the summary tables like the unfiltered
// answer: each purchase contributes, per brand it names (not as a mere
// specification), to figures of the profile's breakdowns, under
// dimensions BrandDim(brand key, part). The parts:
//
//	all        the profile's Notices figure
//	type … month  as the answer's breakdowns (buyer gives Buyers too)
//	line, category, supplier  the profile's own breakdowns
//	day        the publication dates (First and Last are the least and greatest key; no figure)
//	name       each spelling of the brand, Docs counting its marks (the profile names the brand by the most used)
//	company    Spelling "company\x1fcountry" of the smallest notice id with a company
//	usl        present when a mark of the brand is US-linked
//
// The brand key is the lower-case brand, as the answer's brand breakdown.
const brandSep = "\x1f"

// scopeDim is the summary dimension of part within a scope ("b" a brand's
// profile, "r" a province's answer) of key: every dimension of one scope
// and key shares the prefix scopeDim(scope, key, ""), and they all sort
// before scopeEnd(scope, key).
func scopeDim(scope, key, part string) string { return scope + brandSep + key + brandSep + part }

// scopeEnd is the least dimension after every one of scope and key.
func scopeEnd(scope, key string) string { return scope + brandSep + key + "\x20" }

// BrandDim is the summary dimension of part of the profile of the brand
// whose key is key.
func BrandDim(key, part string) string { return scopeDim("b", key, part) }

// BrandDims is the range [lo, hi) of every dimension of key's profile, in
// byte order; ok is false for a key the tables cannot hold (a control
// character would make the range ambiguous).
func BrandDims(key string) (lo, hi string, ok bool) {
	if key == "" || strings.ContainsFunc(key, func(r rune) bool { return r < 0x20 }) {
		return "", "", false
	}
	return scopeDim("b", key, ""), scopeEnd("b", key), true
}

// brandPart is the part of a BrandDim of key, "" when dim is not one.
func brandPart(dim, key string) string {
	if part, ok := strings.CutPrefix(dim, scopeDim("b", key, "")); ok {
		return part
	}
	return ""
}

// BrandContributions is the purchase's contributions to the profiles of
// the brands it names. recs are all the purchase's notices with their
// marks (Match is not read); links their organisations (winners and
// single-source suppliers are the profile's suppliers). It reorders recs.
func BrandContributions(recs []*Rec, links []OrgLink) []Contribution {
	if len(recs) == 0 {
		return nil
	}
	slices.SortFunc(recs, foldOrder)
	var keys []string
	seen := map[string]bool{}
	for _, r := range recs {
		for i := range r.Marks {
			m := &r.Marks[i]
			if m.Spec || m.Brand == "" {
				continue
			}
			if k := strings.ToLower(m.Brand); !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	if len(keys) == 0 {
		return nil
	}
	suppliers := map[int64][]string{}
	for _, l := range links {
		if l.Role == string(enduse.RoleWinner) || l.Role == string(enduse.RoleSingleSource) {
			suppliers[l.Notice] = append(suppliers[l.Notice], l.Org)
		}
	}
	var out []Contribution
	for _, key := range keys {
		out = append(out, brandContributions(recs, key, suppliers)...)
	}
	return out
}

// brandContributions is one brand's contributions from a purchase's
// notices in fold order.
func brandContributions(recs []*Rec, key string, suppliers map[int64][]string) []Contribution {
	pred := func(m *Mark) bool { return !m.Spec && strings.EqualFold(m.Brand, key) }
	var ms []*Rec
	for _, r := range recs {
		if slices.ContainsFunc(r.Marks, func(m Mark) bool { return pred(&m) }) {
			ms = append(ms, r)
		}
	}
	// The representatives among the brand's notices, as NewSet picks them
	// from a loaded profile's set.
	rep := purchaseReps(ms)
	one := func(part, k string, members []*Rec, p ItemPred) Contribution {
		return contribution(BrandDim(key, part), k, members, p, rep)
	}
	out := []Contribution{one("all", "", ms, pred)}
	parts := []string{"type", "buyer", "sector", "level", "region", "month", "line", "category", "supplier", "day"}
	local := make([]localGrouping, len(parts))
	names := map[string]int{}
	var company *Contribution
	usl := false
	for _, r := range ms {
		local[0].add(r.Type, r)
		local[1].add(r.Buyer, r)
		local[2].add(orUnknown(r.Sector), r)
		local[3].add(orUnknown(r.Level), r)
		local[4].add(Province(r.RegionCode), r)
		local[5].add(Month(r.Published), r)
		for i := range r.Marks {
			m := &r.Marks[i]
			if !pred(m) {
				continue
			}
			names[m.Brand]++
			local[6].add(m.ProductLine, r)
			local[7].add(m.Category, r)
			if m.Company != "" && (company == nil || r.ID < company.SpellingID) {
				company = &Contribution{Dim: BrandDim(key, "company"), Spelling: m.Company + brandSep + m.Country, SpellingID: r.ID}
			}
			usl = usl || m.USLinked
		}
		for _, org := range suppliers[r.ID] {
			local[8].add(org, r)
		}
		local[9].add(r.Published, r)
	}
	for i, part := range parts {
		for _, e := range local[i] {
			if part == "day" {
				// Only the dates are read: no figure to keep.
				out = append(out, Contribution{Dim: BrandDim(key, part), Key: e.key, Docs: len(e.members)})
				continue
			}
			p := pred
			switch part {
			case "line":
				line := e.key
				p = func(m *Mark) bool { return pred(m) && m.ProductLine == line }
			case "category":
				c := e.key
				p = func(m *Mark) bool { return pred(m) && m.Category == c }
			}
			out = append(out, one(part, e.key, e.members, p))
		}
	}
	for _, n := range slices.Sorted(maps.Keys(names)) {
		out = append(out, Contribution{Dim: BrandDim(key, "name"), Key: n, Docs: names[n]})
	}
	if company != nil {
		out = append(out, *company)
	}
	if usl {
		out = append(out, Contribution{Dim: BrandDim(key, "usl")})
	}
	return out
}

// BrandProfile is the profile of the brand whose key is key, asked for as
// brand, from the totals of its dimensions (the others are ignored): what
// BrandProfile gives over the loaded notices naming it, when they are the
// notices whose marks have that key. It returns nil when no notice names
// the brand.
func (s Summary) BrandProfile(brand, key string) *enduse.BrandProfile {
	all := s[SummaryKey{Dim: BrandDim(key, "all")}]
	if all == nil || all.Notices == 0 {
		return nil
	}
	bp := &enduse.BrandProfile{Brand: brand, Notices: all.Figure(), ByBuyer: map[string]enduse.Figure{},
		BySector: map[string]enduse.Figure{}, ByLevel: map[string]enduse.Figure{}, ByRegion: map[string]enduse.Figure{},
		ByMonth: map[string]enduse.Figure{}, BySupplier: map[string]enduse.Figure{}, ByProductLine: map[string]enduse.Figure{},
		ByCategory: map[string]enduse.Figure{}, ByType: map[string]enduse.Figure{}}
	by := map[string]map[string]enduse.Figure{"type": bp.ByType, "buyer": bp.ByBuyer, "sector": bp.BySector,
		"level": bp.ByLevel, "region": bp.ByRegion, "month": bp.ByMonth, "line": bp.ByProductLine,
		"category": bp.ByCategory, "supplier": bp.BySupplier}
	bestN := 0
	for k, t := range s {
		part := brandPart(k.Dim, key)
		if part == "" || t.Purchases == 0 {
			continue
		}
		switch part {
		case "day":
			if bp.First == "" || k.Key < bp.First {
				bp.First = k.Key
			}
			bp.Last = max(bp.Last, k.Key)
		case "name":
			// The most used spelling, the first in byte order of equals.
			if c := t.Docs; c > bestN || (c == bestN && k.Key < bp.Brand) {
				bp.Brand, bestN = k.Key, c
			}
		case "company":
			bp.Company, bp.Country, _ = strings.Cut(t.Spelling, brandSep)
		case "usl":
			bp.USLinked = true
		default:
			if m := by[part]; m != nil && t.Notices > 0 {
				m[k.Key] = t.Figure()
			}
		}
	}
	bp.Buyers = len(bp.ByBuyer)
	return bp
}
