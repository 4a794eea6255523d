package counting

import (
	"cmp"
	"slices"
	"sort"
	"strings"

	"github.com/enduse/enduse"
)

// Rec is one matched notice as a backend loads it for aggregation: only
// what the figures need (a row's texts — title, project code, buyer and
// region names — are read for the rows of a page alone, see Row), so an
// answer over a million notices holds no million titles.
type Rec struct {
	ID                         int64 // insertion order: earlier notices have smaller ids
	Doc, Group, Purchase, Type string
	Published, Buyer           string
	Sector, Level, RegionCode  string
	Budget, Award              float64
	Marks                      []Mark
	// ord is the notice's place in the order Figure folds notices in
	// (purchase, type rank, type, group, id), so figures sort by one int;
	// NewSet sets it.
	ord int
}

// Mark is a brand recognised in a notice: a mention, or an item (which
// carries a quantity).
type Mark struct {
	Brand, Text, Company, Country string // Text: the mention text or the item's brand cell
	ProductLine, Category         string
	USLinked, Spec, Item          bool
	Quantity                      float64
	Match                         bool   // meets the filter's brand/product fields
	Pathway                       string // how the product reached the buyer (enduse.Pathway), "" when unknown
}

// Set is the loaded matched notices with their groups' representatives.
type Set struct {
	Recs []*Rec
	// rep is, per group, the notice that stands for it (most item detail,
	// then the first stored).
	rep map[string]*Rec
}

// NewSet indexes loaded notices (their marks already attached) and picks
// each announcement group's representative. It orders the notices by id,
// so figures (floating-point sums included) do not depend on the order in
// which a database returned them.
func NewSet(recs []*Rec) *Set {
	sort.Slice(recs, func(i, j int) bool { return recs[i].ID < recs[j].ID })
	s := &Set{Recs: recs, rep: map[string]*Rec{}}
	sorted := slices.Clone(recs)
	slices.SortFunc(sorted, foldOrder)
	for i, r := range sorted {
		r.ord = i
	}
	for _, r := range recs {
		cur, ok := s.rep[r.Group]
		if !ok || r.detail() > cur.detail() || (r.detail() == cur.detail() && r.ID < cur.ID) {
			s.rep[r.Group] = r
		}
	}
	return s
}

// Rep is the notice that stands for a group, nil when the group is not in
// the set.
func (s *Set) Rep(group string) *Rec { return s.rep[group] }

// detail is how many items of the notice state a quantity.
func (r *Rec) detail() int {
	n := 0
	for i := range r.Marks {
		if r.Marks[i].Item && r.Marks[i].Quantity > 0 {
			n++
		}
	}
	return n
}

// amount is what the notice says was spent: award amount, else budget.
func (r *Rec) amount() float64 {
	if r.Award > 0 {
		return r.Award
	}
	return r.Budget
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

// ItemPred selects the item marks a figure's quantity counts.
type ItemPred func(m *Mark) bool

// brandNames is the distinct brands of a notice's marks (specifications
// only when include).
func (r *Rec) brandNames(include bool) []string {
	var out []string
	for i := range r.Marks {
		m := &r.Marks[i]
		if m.Brand == "" || (m.Spec && !include) {
			continue
		}
		out = AppendFold(out, m.Brand)
	}
	return out
}

// Figure computes the figure of a set of notices: unique announcements
// (ids of their representatives), and the quantities of the items pred
// selects and the amounts, both once per purchase. Within a purchase each
// announcement type (tender, award, contract, …) is one account of it: the
// announcements of a type are summed (lots awarded separately), re-
// publications counted once; quantities come from the type with the most
// item detail, amounts from the most final type that states an award.
// Members must belong to s (NewSet orders them for folding).
func (s *Set) Figure(members []*Rec, pred ItemPred) enduse.Figure {
	fig := enduse.Figure{IDs: []string{}}
	byOrd := func(a, b *Rec) int { return cmp.Compare(a.ord, b.ord) }
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
	groups := 0    // announcements of the current purchase
	named := false // the purchase names a brand, line or item the figure counts
	endPurchase := func() {
		// Unknown only where something counted is named without a
		// quantity: a notice that names nothing has no unknown quantity.
		if bestDetail <= 0 && named {
			fig.QuantityUnknown += groups
		}
		groups, named = 0, false
		fig.Quantity += bestSum
		fig.Amount += amount
		bestDetail, bestSum, amount, amountAward, haveAmount = -1, 0, 0, false, false
	}
	g, bestDetail = acc{detail: -1}, -1
	for i, r := range ms {
		if i > 0 {
			prev := ms[i-1]
			switch {
			case r.Purchase != prev.Purchase:
				endGroup()
				endType()
				endPurchase()
			case r.Type != prev.Type:
				endGroup()
				endType()
			case r.Group != prev.Group:
				endGroup()
			}
		}
		if i == 0 || r.Group != ms[i-1].Group {
			fig.IDs = append(fig.IDs, s.rep[r.Group].Doc)
			groups++
		}
		detail, sum := 0, 0.0
		for j := range r.Marks {
			m := &r.Marks[j]
			if pred(m) {
				named = true
			}
			if m.Item && pred(m) {
				sum += m.Quantity
				if m.Quantity > 0 {
					detail++
				}
			}
		}
		if detail > g.detail {
			g.detail, g.sum = detail, sum
		}
		g.amount = max(g.amount, r.amount())
		g.award = g.award || r.Award > 0
	}
	if len(ms) > 0 {
		endGroup()
		endType()
		endPurchase()
	}
	fig.Notices = len(fig.IDs)
	sort.Strings(fig.IDs)
	if len(fig.IDs) > MaxFigureIDs {
		fig.IDs = slices.Clip(fig.IDs[:MaxFigureIDs])
		fig.IDsTruncated = true
	}
	return fig
}

// foldOrder is the order Figure folds notices in: purchase, type rank,
// type, group, id.
func foldOrder(a, b *Rec) int {
	if c := cmp.Compare(a.Purchase, b.Purchase); c != 0 {
		return c
	}
	if c := cmp.Compare(typeRank(a.Type), typeRank(b.Type)); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Type, b.Type); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Group, b.Group); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

// MaxFigureIDs caps Figure.IDs: a figure lists the ids of its first
// announcements (in id order) and says when there are more. Counts stay
// exact; narrowing the filter lists the rest. Without a cap an unfiltered
// answer over a million notices would carry a million ids per breakdown.
const MaxFigureIDs = 100

// Grouping collects notices under keys.
type grouping map[string][]*Rec

func (g grouping) add(key string, r *Rec) {
	if key == "" || r == nil {
		return
	}
	if l := g[key]; len(l) > 0 && l[len(l)-1] == r {
		return
	}
	g[key] = append(g[key], r)
}

// figures turns a grouping into figures with one item predicate per key.
func (s *Set) figures(g grouping, pred func(key string) ItemPred) map[string]enduse.Figure {
	out := make(map[string]enduse.Figure, len(g))
	for k, members := range g {
		out[k] = s.Figure(members, pred(k))
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

// Province is the GB/T 2260 province code of a division code.
func Province(code string) string {
	if len(code) < 2 || !IsDigits(code) {
		return "unknown"
	}
	return code[:2] + "0000"
}

// Month is the YYYY-MM of a date.
func Month(date string) string {
	if len(date) < 7 {
		return "unknown"
	}
	return date[:7]
}

// Result aggregates the matched set into a Result: figures, and the page
// of rows (one per announcement, newest first) selected by the filter's
// Limit and Offset. Rows lack the texts Row leaves out, which the backend
// adds for the page.
func (s *Set) Result(p *Marks) *enduse.Result {
	f := p.F
	active := p.Active()
	qualifies := func(m *Mark) bool { return m.Match }
	same := func(string) ItemPred { return qualifies }
	res := &enduse.Result{Documents: len(s.Recs)}
	all := s.Figure(s.Recs, qualifies)
	res.Notices, res.Quantity, res.Amount = all.Notices, all.Quantity, all.Amount
	res.QuantityUnknown = all.QuantityUnknown

	byType, byBuyer, bySector, byLevel, byRegion, byMonth := grouping{}, grouping{}, grouping{}, grouping{}, grouping{}, grouping{}
	byBrand, byLine, byCat, co, byPath := grouping{}, grouping{}, grouping{}, grouping{}, grouping{}
	brandName := map[string]string{} // lower → first spelling
	matched := map[string]bool{}     // brands of marks that meet the filter
	buyers := map[string]bool{}
	for _, r := range s.Recs {
		byType.add(r.Type, r)
		byBuyer.add(r.Buyer, r)
		if r.Buyer != "" {
			buyers[r.Buyer] = true
		}
		bySector.add(orUnknown(r.Sector), r)
		byLevel.add(orUnknown(r.Level), r)
		byRegion.add(Province(r.RegionCode), r)
		byMonth.add(Month(r.Published), r)
		for i := range r.Marks {
			m := &r.Marks[i]
			if m.Spec && !f.IncludeSpec {
				continue
			}
			if m.Brand != "" {
				k := strings.ToLower(m.Brand)
				if _, ok := brandName[k]; !ok {
					brandName[k] = m.Brand
				}
				byBrand.add(brandName[k], r)
				if active && m.Match {
					matched[k] = true
				}
			}
			byLine.add(m.ProductLine, r)
			byCat.add(m.Category, r)
			byPath.add(m.Pathway, r)
		}
	}
	res.Buyers = len(buyers)
	if active {
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
	brandPred := func(b string) ItemPred {
		return func(m *Mark) bool { return strings.EqualFold(m.Brand, b) }
	}
	res.ByBrand = s.figures(byBrand, brandPred)
	res.CoMentions = s.figures(co, brandPred)
	res.ByProductLine = s.figures(byLine, func(l string) ItemPred {
		return func(m *Mark) bool { return m.ProductLine == l }
	})
	res.ByCategory = s.figures(byCat, func(c string) ItemPred {
		// a parent category counts the items of its sub-categories: the
		// "storage" mention of a notice is the storage.surveillance item's
		return func(m *Mark) bool { return m.Category == c || strings.HasPrefix(m.Category, c+".") }
	})
	if len(byPath) > 0 {
		res.ByPathway = s.figures(byPath, func(pw string) ItemPred {
			return func(m *Mark) bool { return m.Pathway == pw }
		})
	}

	reps := make([]*Rec, 0, len(s.rep))
	for _, r := range s.rep {
		reps = append(reps, r)
	}
	sort.Slice(reps, func(i, j int) bool {
		if reps[i].Published != reps[j].Published {
			return reps[i].Published > reps[j].Published
		}
		return reps[i].ID > reps[j].ID
	})
	res.Total = len(reps)
	lo := min(f.Offset, len(reps))
	hi := min(lo+f.Limit, len(reps))
	res.Rows = make([]enduse.Row, 0, hi-lo)
	for _, r := range reps[lo:hi] {
		res.Rows = append(res.Rows, r.Row(f))
	}
	return res
}

// Row is the notice as a row of an answer to f: quantities of the items
// that meet the filter, brands (specifications only when f includes them).
// Title, ProjectCode, Buyer, BuyerEN, RegionName, Source, URL and Winner
// are left for the backend to add.
func (r *Rec) Row(f enduse.Filter) enduse.Row {
	q := 0.0
	for i := range r.Marks {
		if r.Marks[i].Item && r.Marks[i].Match {
			q += r.Marks[i].Quantity
		}
	}
	return enduse.Row{ID: r.Doc, Type: enduse.NoticeType(r.Type), Published: r.Published,
		Sector: enduse.Sector(r.Sector), Level: enduse.Level(r.Level), Region: r.RegionCode,
		Amount: r.amount(), Quantity: q, Brands: r.brandNames(f.IncludeSpec), Group: r.Group, Page: "/notices/" + r.Doc}
}
