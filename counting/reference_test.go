package counting

// The aggregation as it was when it loaded every matched notice (before
// figureAcc and Answer), kept as the reference the streaming one is
// checked against (TestAnswerMatchesReference).

import (
	"cmp"
	"slices"
	"sort"
	"strings"

	"github.com/enduse/enduse"
)

// referenceFigure is Figure as it was before figureAcc: it computes the figure of a set of notices: unique announcements
// (ids of their representatives), and the quantities of the items pred
// selects and the amounts, both once per purchase. Within a purchase each
// announcement type (tender, award, contract, …) is one account of it: the
// announcements of a type are summed (lots awarded separately), re-
// publications counted once; quantities come from the type with the most
// item detail, amounts from the most final type that states an award.
// Members must belong to s (NewSet orders them for folding).
func referenceFigure(s *Set, members []*Rec, pred ItemPred) enduse.Figure {
	fig := enduse.Figure{IDs: []string{}}
	var quantity, amountSum Sum // summed exactly across purchases, as Figure does
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
		quantity.Add(bestSum)
		amountSum.Add(amount)
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
	fig.Quantity, fig.Amount = quantity.Float64(), amountSum.Float64()
	sort.Strings(fig.IDs)
	if len(fig.IDs) > MaxFigureIDs {
		fig.IDs = slices.Clip(fig.IDs[:MaxFigureIDs])
		fig.IDsTruncated = true
	}
	return fig
}

// referenceResult is Result as it was before Answer: it aggregates the matched set into a Result: figures, and the page
// of rows (one per announcement, newest first) selected by the filter's
// Limit and Offset. Rows lack the texts Row leaves out, which the backend
// adds for the page.
func referenceResult(s *Set, p *Marks) *enduse.Result {
	f := p.F
	active := p.Active()
	qualifies := func(m *Mark) bool { return m.Match }
	same := func(string) ItemPred { return qualifies }
	res := &enduse.Result{Documents: len(s.Recs)}
	all := referenceFigure(s, s.Recs, qualifies)
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
	res.ByType = referenceFigures(s, byType, same)
	res.ByBuyer = referenceFigures(s, byBuyer, same)
	res.BySector = referenceFigures(s, bySector, same)
	res.ByLevel = referenceFigures(s, byLevel, same)
	res.ByRegion = referenceFigures(s, byRegion, same)
	res.ByMonth = referenceFigures(s, byMonth, same)
	brandPred := func(b string) ItemPred {
		return func(m *Mark) bool { return strings.EqualFold(m.Brand, b) }
	}
	res.ByBrand = referenceFigures(s, byBrand, brandPred)
	res.CoMentions = referenceFigures(s, co, brandPred)
	res.ByProductLine = referenceFigures(s, byLine, func(l string) ItemPred {
		return func(m *Mark) bool { return m.ProductLine == l }
	})
	res.ByCategory = referenceFigures(s, byCat, func(c string) ItemPred {
		// a parent category counts the items of its sub-categories: the
		// "storage" mention of a notice is the storage.surveillance item's
		return func(m *Mark) bool { return m.Category == c || strings.HasPrefix(m.Category, c+".") }
	})
	if len(byPath) > 0 {
		res.ByPathway = referenceFigures(s, byPath, func(pw string) ItemPred {
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

// referenceFigures is Set.figures over referenceFigure.
func referenceFigures(s *Set, g grouping, pred func(key string) ItemPred) map[string]enduse.Figure {
	out := make(map[string]enduse.Figure, len(g))
	for k, members := range g {
		out[k] = referenceFigure(s, members, pred(k))
	}
	return out
}
