package counting

import (
	"sort"
	"strings"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/screen"
)

// OrgLink is one organisation of a loaded notice, with the organisation's
// current sector, level and region, in the notice's order.
type OrgLink struct {
	Notice                    int64 // Rec.ID
	Org, Name, Role           string
	Amount                    float64
	Sector, Level, RegionCode string
}

// HitRow is a stored screening hit of an organisation, in score order.
type HitRow struct {
	Doc, Group string // the notice it was recorded in
	Hit        enduse.Hit
}

// FillOrgProfile completes op (whose Key and attributes the backend read)
// from the notices naming the organisation, their organisations and the
// organisation's hits.
func FillOrgProfile(op *enduse.OrgProfile, s *Set, links []OrgLink, hits []HitRow) {
	key := op.Key
	mine := map[int64]map[string]float64{} // notice → role → amount
	others := map[int64][]OrgLink{}
	winners := map[int64]int{}
	names := map[string]bool{}
	for _, l := range links {
		if l.Role == string(enduse.RoleWinner) || l.Role == string(enduse.RoleSingleSource) {
			winners[l.Notice]++
		}
		if l.Org != key {
			others[l.Notice] = append(others[l.Notice], l)
			continue
		}
		if mine[l.Notice] == nil {
			mine[l.Notice] = map[string]float64{}
		}
		mine[l.Notice][l.Role] += l.Amount
		if l.Name != "" && !names[l.Name] {
			names[l.Name] = true
			op.Names = append(op.Names, l.Name)
		}
	}
	sort.Strings(op.Names)
	all := func(m *Mark) bool { return true }
	roles := map[string][]*Rec{}
	counter, cSector, cLevel, cRegion, brands, lines, months := grouping{}, grouping{}, grouping{}, grouping{}, grouping{}, grouping{}, grouping{}
	for _, r := range s.Recs {
		rs := mine[r.ID]
		for _, role := range sortedKeys(rs) {
			roles[role] = append(roles[role], r)
		}
		_, buyer := rs[RoleBuyer]
		for _, o := range others[r.ID] {
			if (buyer && IsSupplier(o.Role)) || (!buyer && o.Role == RoleBuyer) {
				counter.add(o.Org, r)
				cSector.add(orUnknown(o.Sector), r)
				cLevel.add(orUnknown(o.Level), r)
				cRegion.add(Province(o.RegionCode), r)
			}
		}
		for i := range r.Marks {
			if m := &r.Marks[i]; !m.Spec {
				brands.add(m.Brand, r)
				lines.add(m.ProductLine, r)
			}
		}
		months.add(Month(r.Published), r)
		if r.Published != "" && (op.First == "" || r.Published < op.First) {
			op.First = r.Published
		}
		if r.Published > op.Last {
			op.Last = r.Published
		}
	}
	same := func(string) ItemPred { return all }
	op.Records = s.Figure(s.Recs, all)
	op.AsBuyer = s.Figure(roles[RoleBuyer], all)
	op.AsAgency = s.Figure(roles[RoleAgency], all)
	op.AsWinner = s.Figure(roles[string(enduse.RoleWinner)], all)
	op.AsCandidate = s.Figure(roles[string(enduse.RoleCandidate)], all)
	op.AsBidder = s.Figure(append(roles[string(enduse.RoleBidder)], roles[RoleSupplier]...), all)
	op.AsSingleSource = s.Figure(roles[string(enduse.RoleSingleSource)], all)
	op.Counterparties = s.figures(counter, same)
	op.CounterpartySectors = s.figures(cSector, same)
	op.CounterpartyLevels = s.figures(cLevel, same)
	op.CounterpartyRegions = s.figures(cRegion, same)
	op.Brands = s.figures(brands, func(b string) ItemPred {
		return func(m *Mark) bool { return strings.EqualFold(m.Brand, b) }
	})
	op.ProductLines = s.figures(lines, func(l string) ItemPred {
		return func(m *Mark) bool { return m.ProductLine == l }
	})
	op.ByMonth = s.figures(months, same)
	op.Bought = s.Figure(roles[RoleBuyer], all)
	op.Bought.Quantity = 0
	op.Won = s.wonFigure(append(roles[string(enduse.RoleWinner)], roles[string(enduse.RoleSingleSource)]...), mine, winners)
	op.Hits = profileHits(hits, s)
}

// sortedKeys is the keys of m in order, so figures do not depend on map
// iteration.
func sortedKeys(m map[string]float64) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// wonFigure is the amount awarded to an organisation in its winning
// notices, once per purchase: its own stated amount, else the notice's
// award amount when it was the only winner.
func (s *Set) wonFigure(members []*Rec, mine map[int64]map[string]float64, winners map[int64]int) enduse.Figure {
	fig := s.Figure(members, func(*Mark) bool { return false })
	fig.Quantity, fig.Amount = 0, 0
	best := map[string]float64{}
	for _, r := range members {
		a := mine[r.ID][string(enduse.RoleWinner)] + mine[r.ID][string(enduse.RoleSingleSource)]
		if a == 0 && winners[r.ID] == 1 {
			a = r.Award
		}
		if a > best[r.Purchase] {
			best[r.Purchase] = a
		}
	}
	// Summed exactly: the map's order is random, a float64 sum's result
	// would vary with it in the last bit.
	var sum Sum
	for _, a := range best {
		sum.Add(a)
	}
	fig.Amount = sum.Float64()
	return fig
}

// profileHits merges hit rows into one hit per listed entity with the
// announcements (group representatives) they were recorded in, in row
// order. Rows naming one entity under several lists, list versions or
// entry ids (recorded in different notices or screening runs: OFAC SDN
// 29159 and the consolidated list's SDN-29159) are one hit listing every
// list once (screen.MergeHits); should the embedded list-family data not
// load, hits are merged per list entry only.
func profileHits(rows []HitRow, s *Set) []enduse.ProfileHit {
	var uniq []enduse.Hit
	idx := map[string]int{}
	entryOf := make([]int, len(rows))
	for r, hr := range rows {
		h := hr.Hit
		k := h.List + "\x00" + h.EntryID + "\x00" + h.Entry
		i, ok := idx[k]
		if !ok {
			i = len(uniq)
			idx[k] = i
			uniq = append(uniq, h)
		}
		entryOf[r] = i
	}
	merged, into, err := screen.MergeHits(uniq)
	if err != nil {
		merged, into = uniq, make([]int, len(uniq))
		for i := range into {
			into[i] = i
		}
	}
	var out []enduse.ProfileHit
	for _, h := range merged {
		out = append(out, enduse.ProfileHit{Hit: h, IDs: []string{}})
	}
	seen := map[int]map[string]bool{}
	for r, hr := range rows {
		k := into[entryOf[r]]
		doc := hr.Doc
		if rep := s.rep[hr.Group]; rep != nil {
			doc = rep.Doc
		}
		if seen[k] == nil {
			seen[k] = map[string]bool{}
		}
		if !seen[k][doc] {
			seen[k][doc] = true
			out[k].IDs = append(out[k].IDs, doc)
		}
	}
	return out
}

// BrandProfile assembles the profile of brand from the notices matching
// p (a Brand filter), with those notices' organisations.
func BrandProfile(brand string, p *Marks, s *Set, links []OrgLink) *enduse.BrandProfile {
	res := s.Result(p)
	bp := &enduse.BrandProfile{Brand: brand, Buyers: res.Buyers, ByBuyer: res.ByBuyer, BySector: res.BySector,
		ByLevel: res.ByLevel, ByRegion: res.ByRegion, ByMonth: res.ByMonth, ByType: res.ByType}
	bp.Notices = s.Figure(s.Recs, func(m *Mark) bool { return m.Match })
	counts := map[string]int{}
	lines, cats := grouping{}, grouping{}
	for _, r := range s.Recs {
		for i := range r.Marks {
			m := &r.Marks[i]
			if !m.Match {
				continue
			}
			if m.Brand != "" {
				counts[m.Brand]++
			}
			if m.Company != "" && bp.Company == "" {
				bp.Company, bp.Country = m.Company, m.Country
			}
			bp.USLinked = bp.USLinked || m.USLinked
			lines.add(m.ProductLine, r)
			cats.add(m.Category, r)
		}
		if r.Published != "" && (bp.First == "" || r.Published < bp.First) {
			bp.First = r.Published
		}
		if r.Published > bp.Last {
			bp.Last = r.Published
		}
	}
	// Identity from the marks themselves: the canonical name most used.
	bestN := 0
	for b, c := range counts {
		if c > bestN || (c == bestN && b < bp.Brand) {
			bp.Brand, bestN = b, c
		}
	}
	bp.ByProductLine = s.figures(lines, func(l string) ItemPred {
		return func(m *Mark) bool { return m.Match && m.ProductLine == l }
	})
	bp.ByCategory = s.figures(cats, func(c string) ItemPred {
		return func(m *Mark) bool { return m.Match && m.Category == c }
	})
	byID := map[int64]*Rec{}
	for _, r := range s.Recs {
		byID[r.ID] = r
	}
	suppliers := grouping{}
	for _, l := range links {
		if l.Role == string(enduse.RoleWinner) || l.Role == string(enduse.RoleSingleSource) {
			suppliers.add(l.Org, byID[l.Notice])
		}
	}
	bp.BySupplier = s.figures(suppliers, func(string) ItemPred { return func(m *Mark) bool { return m.Match } })
	return bp
}
