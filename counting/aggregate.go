package counting

import (
	"cmp"
	"slices"
	"sort"

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
	Recs   []*Rec
	folded []*Rec // Recs in the order Figure folds them in
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
	s.folded = slices.Clone(recs)
	slices.SortFunc(s.folded, foldOrder)
	for i, r := range s.folded {
		r.ord = i
	}
	for _, r := range recs {
		cur, ok := s.rep[r.Group]
		if !ok || standsBefore(r.detail(), r.ID, cur.detail(), cur.ID) {
			s.rep[r.Group] = r
		}
	}
	return s
}

// standsBefore reports whether a notice with detail items stating a
// quantity and id stands for its announcement group rather than one with
// otherDetail and otherID: most item detail, then the first stored.
func standsBefore(detail int, id int64, otherDetail int, otherID int64) bool {
	return detail > otherDetail || detail == otherDetail && id < otherID
}

// Matched is a matched notice as the page of an answer needs it: its
// group, its date, and how many of its items state a quantity.
type Matched struct {
	ID               int64
	Group, Published string
	Detail           int
}

// PageOf is the ids of the first want representatives among cs, newest
// first: the notices an Answer over the same notices would page, for a
// store that reads only these columns of the matched notices.
func PageOf(cs []Matched, want int) []int64 {
	reps := map[string]Matched{}
	for _, c := range cs {
		if r, ok := reps[c.Group]; !ok || standsBefore(c.Detail, c.ID, r.Detail, r.ID) {
			reps[c.Group] = c
		}
	}
	page := make([]Matched, 0, len(reps))
	for _, r := range reps {
		page = append(page, r)
	}
	slices.SortFunc(page, func(a, b Matched) int { return newer(a.Published, a.ID, b.Published, b.ID) })
	out := make([]int64, 0, min(want, len(page)))
	for _, r := range page[:min(want, len(page))] {
		out = append(out, r.ID)
	}
	return out
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
	byOrd := func(a, b *Rec) int { return cmp.Compare(a.ord, b.ord) }
	ms := members
	if !slices.IsSortedFunc(ms, byOrd) {
		ms = slices.Clone(members)
		slices.SortFunc(ms, byOrd)
	}
	var acc figureAcc
	for i := 0; i < len(ms); {
		j := i + 1
		for j < len(ms) && ms[j].Purchase == ms[i].Purchase {
			j++
		}
		acc.addPurchase(ms[i:j], pred, s.Rep)
		i = j
	}
	return acc.figure()
}

// figureAcc accumulates a Figure one purchase at a time. Quantities and
// amounts are summed exactly across purchases, so the figure does not
// depend on the order purchases come in: a figure kept up to date by
// adding and subtracting purchases' contributions equals one folded
// afresh, to the last bit.
type figureAcc struct {
	fig              enduse.Figure // QuantityUnknown so far
	quantity, amount Sum
	ids              []string // representatives' ids: the smallest MaxFigureIDs are kept
	n                int      // announcements so far
}

// addPurchase folds the members of one purchase (in fold order: type
// rank, type, group, id) into the figure; rep is the representative of a
// group.
func (a *figureAcc) addPurchase(ms []*Rec, pred ItemPred, rep func(group string) *Rec) {
	// One pass over type → group runs, folding each level into the one
	// above when it ends.
	type acc struct {
		detail int
		sum    float64
		amount float64
		award  bool
	}
	var (
		t           acc
		g           = acc{detail: -1}
		bestDetail  = -1
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
	groups := 0    // announcements of the purchase
	named := false // the purchase names a brand, line or item the figure counts
	for i, r := range ms {
		if i > 0 {
			prev := ms[i-1]
			switch {
			case r.Type != prev.Type:
				endGroup()
				endType()
			case r.Group != prev.Group:
				endGroup()
			}
		}
		if i == 0 || r.Group != ms[i-1].Group {
			a.addID(rep(r.Group).Doc)
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
	if len(ms) == 0 {
		return
	}
	endGroup()
	endType()
	// Unknown only where something counted is named without a quantity:
	// a notice that names nothing has no unknown quantity.
	if bestDetail <= 0 && named {
		a.fig.QuantityUnknown += groups
	}
	a.quantity.Add(bestSum)
	a.amount.Add(amount)
}

// addID counts an announcement and keeps its id if it may be among the
// MaxFigureIDs smallest.
func (a *figureAcc) addID(id string) {
	a.n++
	a.ids = append(a.ids, id)
	if len(a.ids) >= 4*MaxFigureIDs {
		slices.Sort(a.ids)
		a.ids = a.ids[:MaxFigureIDs]
	}
}

// figure is the accumulated figure.
func (a *figureAcc) figure() enduse.Figure {
	fig := a.fig
	fig.Notices = a.n
	fig.Quantity, fig.Amount = a.quantity.Float64(), a.amount.Float64()
	fig.IDs = slices.Clip(slices.Sorted(slices.Values(a.ids)))
	if fig.IDs == nil {
		fig.IDs = []string{}
	}
	if len(fig.IDs) > MaxFigureIDs {
		fig.IDs = slices.Clip(fig.IDs[:MaxFigureIDs])
	}
	fig.IDsTruncated = a.n > MaxFigureIDs
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
	if p := ProvinceOf(code); p != "" {
		return p + "0000"
	}
	return "unknown"
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
// adds for the page. It feeds the set to an Answer purchase by purchase.
func (s *Set) Result(p *Marks) *enduse.Result {
	a := NewAnswer(p)
	for i := 0; i < len(s.folded); {
		j := i + 1
		for j < len(s.folded) && s.folded[j].Purchase == s.folded[i].Purchase {
			j++
		}
		a.add(s.folded[i:j], s.Rep)
		i = j
	}
	return a.Result()
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
