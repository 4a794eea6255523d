package counting

import (
	"fmt"
	"slices"
)

// Contribution is one purchase's share of one figure of the unfiltered
// answer: what a summary table keeps per (dimension, key, purchase) so
// that an answer's figures are sums over purchases, maintained by
// recomputing the one purchase a save, replacement or deletion touches.
// Summed in ascending purchase order, the contributions give the figures
// Answer gives, to the last bit.
type Contribution struct {
	Dim, Key        string // Dims' names, or "all" with an empty key for the total
	Notices         int    // announcements
	QuantityUnknown int
	Quantity        float64
	Amount          float64
	IDs             []string // the representatives' doc ids, ascending, at most MaxFigureIDs
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
	reps := map[string]*Rec{}
	for _, r := range recs {
		if cur, ok := reps[r.Group]; !ok || r.detail() > cur.detail() {
			reps[r.Group] = r
		}
	}
	rep := func(g string) *Rec { return reps[g] }
	one := func(dim, key string, ms []*Rec, pred ItemPred) Contribution {
		var acc figureAcc
		acc.addPurchase(ms, pred, rep)
		fig := acc.figure()
		return Contribution{Dim: dim, Key: key, Notices: fig.Notices, QuantityUnknown: fig.QuantityUnknown,
			Quantity: fig.Quantity, Amount: fig.Amount, IDs: fig.IDs}
	}
	out := []Contribution{one("all", "", recs, func(m *Mark) bool { return m.Match })}
	var local [nDims]localGrouping
	groupPurchase(&local, recs, includeSpec, func(*Rec, *Mark, string) {})
	names := Dims()
	for d := range local {
		for _, e := range local[d] {
			out = append(out, one(names[d], e.key, e.members, keyPred(d, e.key)))
		}
	}
	return out, nil
}
