package counting

import (
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/enduse/enduse"
)

// TestContributionsSumToAnswer checks that the purchases' contributions,
// summed in a random purchase order (as totals kept up by saves in any
// order would be: the sums are exact), give every figure of the unfiltered answer to the byte:
// announcements, quantities, amounts, unknowns and the representatives'
// smallest ids.
func TestContributionsSumToAnswer(t *testing.T) {
	for _, p := range []*Marks{{F: enduse.Filter{Limit: 10}}, {F: enduse.Filter{Limit: 10, IncludeSpec: true}}} {
		for seed := uint64(1); seed <= 40; seed++ {
			rng := rand.New(rand.NewPCG(seed, 29))
			base := randomRecs(rng, 1+rng.IntN(400))
			byPurchase := map[string][]*Rec{}
			for _, r := range cloneRecs(base, p) {
				byPurchase[r.Purchase] = append(byPurchase[r.Purchase], r)
			}
			a := NewAnswer(p)
			type sum struct {
				fig              enduse.Figure
				quantity, amount Sum
				ids              []string
			}
			sums := map[string]*sum{}
			var contribs [][]Contribution
			for _, pur := range slices.Sorted(maps.Keys(byPurchase)) {
				cs, err := Contributions(slices.Clone(byPurchase[pur]), p.F.IncludeSpec)
				if err != nil {
					t.Fatal(err)
				}
				contribs = append(contribs, cs)
				if err := a.AddPurchase(byPurchase[pur]); err != nil {
					t.Fatal(err)
				}
			}
			rng.Shuffle(len(contribs), func(i, j int) { contribs[i], contribs[j] = contribs[j], contribs[i] })
			for _, cs := range contribs {
				for _, c := range cs {
					s := sums[c.Dim+"\x00"+c.Key]
					if s == nil {
						s = &sum{}
						sums[c.Dim+"\x00"+c.Key] = s
					}
					s.fig.Notices += c.Notices
					s.fig.QuantityUnknown += c.QuantityUnknown
					s.quantity.Add(c.Quantity)
					s.amount.Add(c.Amount)
					s.ids = append(s.ids, c.IDs...)
				}
			}
			got := map[string]enduse.Figure{}
			for k, s := range sums {
				f := s.fig
				f.Quantity, f.Amount = s.quantity.Float64(), s.amount.Float64()
				slices.Sort(s.ids)
				f.IDs = s.ids[:min(len(s.ids), MaxFigureIDs)]
				f.IDsTruncated = f.Notices > MaxFigureIDs
				got[k] = f
			}
			res := a.Result()
			want := map[string]enduse.Figure{"all\x00": {Notices: res.Notices, Quantity: res.Quantity, Amount: res.Amount,
				QuantityUnknown: res.QuantityUnknown}}
			w := want["all\x00"]
			w.IDs, w.IDsTruncated = got["all\x00"].IDs, got["all\x00"].IDsTruncated // the answer's total lists no ids
			want["all\x00"] = w
			names := Dims()
			for d, figs := range []map[string]enduse.Figure{res.ByType, res.ByBuyer, res.BySector, res.ByLevel, res.ByRegion,
				res.ByMonth, res.ByBrand, res.ByProductLine, res.ByCategory, res.ByPathway} {
				for k, f := range figs {
					if d == dimBrand {
						k = strings.ToLower(k)
					}
					want[names[d]+"\x00"+k] = f
				}
			}
			if g, w := mustJSON(t, got), mustJSON(t, want); g != w {
				t.Fatalf("seed %d spec %v: summed contributions differ from the answer:\n%s", seed, p.F.IncludeSpec, firstDiffLine(g, w))
			}
		}
	}
}
