package counting

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/enduse/enduse"
)

// Contribution is one purchase's share of one figure of the unfiltered
// answer: what a summary table keeps per (dimension, key, purchase) so
// that an answer's figures are sums over purchases, maintained by
// recomputing the one purchase a save, replacement or deletion touches.
// Summed in ascending purchase order, the contributions give the figures
// Answer gives, to the last bit.
type Contribution struct {
	Dim, Key        string // Dims' names, or "all" with an empty key for the total
	Docs            int    // notices
	Notices         int    // announcements
	QuantityUnknown int
	Quantity        float64
	Amount          float64
	IDs             []string // the representatives' doc ids, ascending, at most MaxFigureIDs
	// Spelling is how a brand key is first written in the purchase: the
	// first counted mark of the notice with the smallest id (SpellingID);
	// the answer names the brand by the spelling of its smallest id.
	Spelling   string
	SpellingID int64
}

// Contributions is the purchase's contributions to every figure of the
// unfiltered answer, "all" first and then by dimension in Dims' order,
// keys in order of first appearance. recs are all the purchase's notices,
// marks attached with Match set (as an unfiltered Marks does); it reorders
// them.
func Contributions(recs []*Rec, includeSpec bool) ([]Contribution, error) {
	if len(recs) == 0 {
		return nil, nil
	}
	pur := recs[0].Purchase
	for _, r := range recs[1:] {
		if r.Purchase != pur {
			return nil, fmt.Errorf("contributions: notices of purchases %q and %q given as one", pur, r.Purchase)
		}
	}
	slices.SortFunc(recs, foldOrder)
	rep := purchaseReps(recs)
	one := func(dim, key string, ms []*Rec, pred ItemPred) Contribution {
		return contribution(dim, key, ms, pred, rep)
	}
	out := []Contribution{one("all", "", recs, func(m *Mark) bool { return m.Match })}
	var local [nDims]localGrouping
	spellings := map[string]spelling{}
	groupPurchase(&local, recs, includeSpec, func(r *Rec, m *Mark, k string) {
		if cur, ok := spellings[k]; !ok || r.ID < cur.id {
			spellings[k] = spelling{id: r.ID, name: m.Brand}
		}
	})
	names := Dims()
	for d := range local {
		for _, e := range local[d] {
			c := one(names[d], e.key, e.members, keyPred(d, e.key))
			if d == dimBrand {
				c.Spelling, c.SpellingID = spellings[e.key].name, spellings[e.key].id
			}
			out = append(out, c)
		}
	}
	return out, nil
}

// purchaseReps is the representatives of the groups of one purchase's
// notices, picked as in NewSet.
func purchaseReps(recs []*Rec) func(group string) *Rec {
	reps := map[string]*Rec{}
	for _, r := range recs {
		if cur, ok := reps[r.Group]; !ok || standsBefore(r.detail(), r.ID, cur.detail(), cur.ID) {
			reps[r.Group] = r
		}
	}
	return func(g string) *Rec { return reps[g] }
}

// contribution is the figure of the members ms of one purchase (fold
// order) as its contribution to dim and key.
func contribution(dim, key string, ms []*Rec, pred ItemPred, rep func(string) *Rec) Contribution {
	var acc figureAcc
	acc.addPurchase(ms, pred, rep)
	fig := acc.figure()
	return Contribution{Dim: dim, Key: key, Docs: len(ms), Notices: fig.Notices, QuantityUnknown: fig.QuantityUnknown,
		Quantity: fig.Quantity, Amount: fig.Amount, IDs: fig.IDs}
}

// Total is the figure of one key of the unfiltered answer summed over the
// purchases' contributions: what a summary table keeps per (dimension,
// key), kept up to date by Apply as purchases change. Counts and sums are
// exact, so a Total kept up in any order of saves equals the figure
// folded afresh; the representatives' ids and the brand's spelling are
// the least of all contributions', which taking one back can leave
// unknown (Stale) until Rebuild sees the others.
type Total struct {
	Purchases, Docs, Notices, QuantityUnknown int
	Quantity, Amount                          Sum
	IDs                                       []string // the smallest MaxFigureIDs representatives, ascending
	Spelling                                  string
	SpellingID                                int64 // notice id of Spelling, 0 when none
	stale                                     bool
}

// Apply replaces a purchase's contribution old (nil: the purchase did not
// count under the key) by new (nil: it no longer does).
func (t *Total) Apply(old, new *Contribution) {
	var olds, news []*Contribution
	if old != nil {
		olds = []*Contribution{old}
	}
	if new != nil {
		news = []*Contribution{new}
	}
	t.Replace(olds, news)
}

// Replace replaces the contributions olds of some purchases by news, the
// same purchases' new contributions (a purchase in one and not the other
// begins or ends counting under the key). The change is applied whole,
// not purchase by purchase: a notice that moves from one purchase to
// another leaves the one and joins the other in the same step, and its id
// must stay listed.
func (t *Total) Replace(olds, news []*Contribution) {
	// Below the cap the list holds every id, so it can lose one and stay
	// right; above it, the next smallest is in another purchase.
	complete := t.Notices <= MaxFigureIDs
	kept := map[string]bool{}
	for _, c := range news {
		t.Purchases++
		t.Docs += c.Docs
		t.Notices += c.Notices
		t.QuantityUnknown += c.QuantityUnknown
		t.Quantity.Add(c.Quantity)
		t.Amount.Add(c.Amount)
		for _, id := range c.IDs {
			kept[id] = true
		}
	}
	for _, c := range olds {
		t.Purchases--
		t.Docs -= c.Docs
		t.Notices -= c.Notices
		t.QuantityUnknown -= c.QuantityUnknown
		t.Quantity.Sub(c.Quantity)
		t.Amount.Sub(c.Amount)
		for _, id := range c.IDs {
			if kept[id] {
				continue
			}
			if i, ok := slices.BinarySearch(t.IDs, id); ok {
				t.IDs = slices.Delete(t.IDs, i, i+1)
				if !complete {
					t.stale = true
				}
			}
		}
	}
	for _, c := range news {
		for _, id := range c.IDs {
			if i, ok := slices.BinarySearch(t.IDs, id); !ok {
				t.IDs = slices.Insert(t.IDs, i, id)
			}
		}
	}
	if len(t.IDs) > MaxFigureIDs {
		t.IDs = slices.Clip(t.IDs[:MaxFigureIDs])
	}
	// The spelling is that of the smallest notice id counted; if its
	// holder leaves and comes back under the same id it is kept (with the
	// spelling it has now), else only the other purchases can say.
	if t.SpellingID != 0 && slices.ContainsFunc(olds, func(c *Contribution) bool { return c.SpellingID == t.SpellingID }) {
		i := slices.IndexFunc(news, func(c *Contribution) bool { return c.SpellingID == t.SpellingID })
		if i >= 0 {
			t.Spelling = news[i].Spelling
		} else {
			t.Spelling, t.SpellingID = "", 0
			t.stale = true
		}
	}
	for _, c := range news {
		if c.SpellingID != 0 && (t.SpellingID == 0 || c.SpellingID < t.SpellingID) {
			t.Spelling, t.SpellingID = c.Spelling, c.SpellingID
		}
	}
}

// Stale reports whether the ids or the spelling lost a value that only
// the other purchases' contributions can replace (Rebuild).
func (t *Total) Stale() bool { return t.stale && t.Purchases > 0 }

// Rebuild recomputes the ids and the spelling from every contribution
// the total holds (their IDs, Spelling and SpellingID).
func (t *Total) Rebuild(cs []Contribution) {
	t.IDs, t.Spelling, t.SpellingID, t.stale = nil, "", 0, false
	for i := range cs {
		c := &cs[i]
		t.IDs = append(t.IDs, c.IDs...)
		if c.SpellingID != 0 && (t.SpellingID == 0 || c.SpellingID < t.SpellingID) {
			t.Spelling, t.SpellingID = c.Spelling, c.SpellingID
		}
	}
	slices.Sort(t.IDs)
	t.IDs = slices.Compact(t.IDs)
	t.IDs = slices.Clip(t.IDs[:min(len(t.IDs), MaxFigureIDs)])
}

// Figure is the total as an answer's figure.
func (t *Total) Figure() enduse.Figure {
	ids := t.IDs
	if ids == nil {
		ids = []string{}
	}
	return enduse.Figure{Notices: t.Notices, Quantity: t.Quantity.Float64(), Amount: t.Amount.Float64(),
		QuantityUnknown: t.QuantityUnknown, IDs: ids, IDsTruncated: t.Notices > MaxFigureIDs}
}

// Summary is totals by dimension and key: the unfiltered answer's ("all"
// with an empty key for the answer's own), and those of the brand
// profiles and provinces (BrandDim, RegionDim).
type Summary map[SummaryKey]*Total

// SummaryKey is a dimension (Dims' names or "all") and a key in it.
type SummaryKey struct{ Dim, Key string }

// CompareKeys orders summary keys by dimension, then key (the order a
// store writes them in).
func CompareKeys(a, b SummaryKey) int {
	return cmp.Or(cmp.Compare(a.Dim, b.Dim), cmp.Compare(a.Key, b.Key))
}

// Result is the unfiltered answer to f (which must select every notice:
// only its Limit, Offset and the default IncludeSpec) without its rows,
// which the backend pages through itself: what Answer.Result gives over
// every notice, figure by figure.
func (s Summary) Result(f enduse.Filter) *enduse.Result {
	res := &enduse.Result{}
	if all := s[SummaryKey{Dim: "all"}]; all != nil {
		res.Documents, res.Notices, res.QuantityUnknown = all.Docs, all.Notices, all.QuantityUnknown
		res.Quantity, res.Amount = all.Quantity.Float64(), all.Amount.Float64()
		res.Total = all.Notices
	}
	names := Dims()
	by := make([]map[string]enduse.Figure, nDims)
	for i := range by {
		by[i] = map[string]enduse.Figure{}
	}
	dim := make(map[string]int, nDims)
	for i, n := range names {
		dim[n] = i
	}
	for k, t := range s {
		d, ok := dim[k.Dim]
		if !ok || t.Notices == 0 {
			continue
		}
		key := k.Key
		if d == dimBrand {
			key = t.Spelling
		}
		by[d][key] = t.Figure()
	}
	res.Buyers = len(by[dimBuyer])
	res.ByType, res.ByBuyer, res.BySector, res.ByLevel = by[dimType], by[dimBuyer], by[dimSector], by[dimLevel]
	res.ByRegion, res.ByMonth, res.ByBrand = by[dimRegion], by[dimMonth], by[dimBrand]
	res.CoMentions = map[string]enduse.Figure{}
	res.ByProductLine, res.ByCategory = by[dimLine], by[dimCategory]
	if len(by[dimPathway]) > 0 {
		res.ByPathway = by[dimPathway]
	}
	res.Rows = []enduse.Row{}
	return res
}
