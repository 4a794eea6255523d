package counting

import (
	"fmt"
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

// TestTotalsKeptUp checks that totals kept up by Apply through random
// changes of purchases (notices added and taken away, as saves and
// replacements do; Rebuild from the current contributions when Stale)
// give the unfiltered answer folded afresh over the notices left, to the
// byte, rows aside. Many notices per key exercise the capped id lists.
func TestTotalsKeptUp(t *testing.T) {
	p := &Marks{F: enduse.Filter{Limit: 10}}
	for seed := uint64(1); seed <= 12; seed++ {
		rng := rand.New(rand.NewPCG(seed, 31))
		base := cloneRecs(randomRecs(rng, 20+rng.IntN(300)), p)
		byPurchase := map[string][]*Rec{}
		for _, r := range base {
			byPurchase[r.Purchase] = append(byPurchase[r.Purchase], r)
		}
		purchases := slices.Sorted(maps.Keys(byPurchase))
		present := map[*Rec]bool{}
		current := map[string][]Contribution{} // purchase → its contributions now
		sum := Summary{}
		// set recomputes the contributions of purs and applies them in one
		// step, as a store does for the purchases one transaction touched.
		set := func(purs ...string) {
			olds := map[SummaryKey][]*Contribution{}
			news := map[SummaryKey][]*Contribution{}
			for _, pur := range purs {
				var recs []*Rec
				for _, r := range byPurchase[pur] {
					if present[r] {
						recs = append(recs, r)
					}
				}
				cs, err := Contributions(recs, false)
				if err != nil {
					t.Fatal(err)
				}
				rs, err := RegionContributions(recs)
				if err != nil {
					t.Fatal(err)
				}
				cs = append(cs, rs...)
				cs = append(cs, BrandContributions(recs, linksOf(recs))...)
				for i := range current[pur] {
					c := &current[pur][i]
					k := SummaryKey{c.Dim, c.Key}
					olds[k] = append(olds[k], c)
				}
				for i := range cs {
					k := SummaryKey{cs[i].Dim, cs[i].Key}
					news[k] = append(news[k], &cs[i])
				}
				current[pur] = cs
			}
			keys := slices.Collect(maps.Keys(olds))
			for k := range news {
				if olds[k] == nil {
					keys = append(keys, k)
				}
			}
			for _, k := range keys {
				tot := sum[k]
				if tot == nil {
					tot = &Total{}
					sum[k] = tot
				}
				tot.Replace(olds[k], news[k])
				if tot.Purchases == 0 {
					if tot.Notices != 0 || tot.Docs != 0 || !tot.Quantity.IsZero() || !tot.Amount.IsZero() {
						t.Fatalf("seed %d: %v without purchases keeps %+v", seed, k, tot)
					}
					delete(sum, k)
					continue
				}
				if tot.Stale() {
					var all []Contribution
					for _, ccs := range current {
						for _, c := range ccs {
							if (SummaryKey{c.Dim, c.Key}) == k {
								all = append(all, c)
							}
						}
					}
					tot.Rebuild(all)
				}
			}
		}
		for step := 0; step < 3*len(purchases); step++ {
			pur := purchases[rng.IntN(len(purchases))]
			if to := purchases[rng.IntN(len(purchases))]; rng.IntN(3) == 0 && to != pur && len(byPurchase[pur]) > 0 {
				// A notice read again under another purchase: the same
				// document leaves one purchase and joins another in one
				// step.
				i := rng.IntN(len(byPurchase[pur]))
				r := byPurchase[pur][i]
				byPurchase[pur] = slices.Delete(byPurchase[pur], i, i+1)
				// A group never spans purchases: it joins one of its own.
				r.Purchase, r.Group = to, fmt.Sprintf("%s.m%d", to, r.ID)
				byPurchase[to] = append(byPurchase[to], r)
				present[r] = true
				set(pur, to)
			} else {
				for _, r := range byPurchase[pur] {
					if rng.IntN(2) == 0 {
						present[r] = !present[r]
					}
				}
				set(pur)
			}
			// The spelling is the least id's at every step, not just at
			// the end.
			least := map[SummaryKey]int64{}
			for _, cs := range current {
				for _, c := range cs {
					k := SummaryKey{c.Dim, c.Key}
					if c.SpellingID != 0 && (least[k] == 0 || c.SpellingID < least[k]) {
						least[k] = c.SpellingID
					}
				}
			}
			for k, tot := range sum {
				if tot.SpellingID != least[k] {
					t.Fatalf("seed %d step %d: %v spelled by notice %d, want %d", seed, step, k, tot.SpellingID, least[k])
				}
			}
		}
		var left []*Rec
		for _, r := range base {
			if present[r] {
				left = append(left, r)
			}
		}
		want := NewSet(cloneRecs(left, p)).Result(p)
		want.Rows = []enduse.Row{}
		if g, w := mustJSON(t, sum.Result(p.F)), mustJSON(t, want); g != w {
			t.Fatalf("seed %d: kept-up totals differ from the answer:\n%s", seed, firstDiffLine(g, w))
		}
		// Each province's answer, as the store loads it: its notices.
		provinces := map[string][]*Rec{}
		for _, r := range left {
			if pr := ProvinceOf(r.RegionCode); pr != "" {
				provinces[pr] = append(provinces[pr], r)
			}
		}
		if len(provinces) == 0 {
			t.Fatalf("seed %d: no province left", seed)
		}
		for pr, recs := range provinces {
			rp := &Marks{F: enduse.Filter{Region: pr, Limit: 10}}
			want := NewSet(cloneRecs(recs, rp)).Result(rp)
			want.Rows = []enduse.Row{}
			if g, w := mustJSON(t, sum.Region(pr).Result(rp.F)), mustJSON(t, want); g != w {
				t.Fatalf("seed %d: kept-up answer of province %s differs:\n%s", seed, pr, firstDiffLine(g, w))
			}
		}
		// Each brand's profile, as the store loads it: the notices with a
		// mark of the brand (not a specification), those marks matched.
		keys := map[string]bool{}
		for _, r := range left {
			for _, m := range r.Marks {
				if !m.Spec && m.Brand != "" {
					keys[strings.ToLower(m.Brand)] = true
				}
			}
		}
		if len(keys) == 0 {
			t.Fatalf("seed %d: no brand left to profile", seed)
		}
		for key := range keys {
			var matched []*Rec
			for _, r := range cloneRecs(left, p) {
				hit := false
				for j := range r.Marks {
					m := &r.Marks[j]
					m.Match = !m.Spec && strings.EqualFold(m.Brand, key)
					hit = hit || m.Match
				}
				if hit {
					matched = append(matched, r)
				}
			}
			bm := &Marks{F: enduse.Filter{Brand: key, Limit: 1}, Brands: []string{key}}
			want := BrandProfile(key, bm, NewSet(matched), linksOf(matched))
			got := sum.BrandProfile(key, key)
			if got == nil {
				t.Fatalf("seed %d: no kept-up profile of %s", seed, key)
			}
			if g, w := mustJSON(t, got), mustJSON(t, want); g != w {
				t.Fatalf("seed %d: kept-up profile of %s differs from the loaded one:\n%s", seed, key, firstDiffLine(g, w))
			}
		}
		if sum.BrandProfile("nobrand", "nobrand") != nil {
			t.Errorf("seed %d: a profile of a brand no notice names", seed)
		}
	}
}

// linksOf is the organisations of recs: a winner, bidder or single-source
// supplier chosen by each notice's id, some notices with two.
func linksOf(recs []*Rec) []OrgLink {
	roles := []enduse.SupplierRole{enduse.RoleWinner, enduse.RoleBidder, enduse.RoleSingleSource, enduse.RoleWinner}
	var out []OrgLink
	for _, r := range recs {
		for j := int64(0); j <= r.ID%2; j++ {
			out = append(out, OrgLink{Notice: r.ID, Org: fmt.Sprintf("s%d", (r.ID+j)%5), Role: string(roles[(r.ID/2+j)%4])})
		}
	}
	return out
}
