package counting

import (
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/enduse/enduse"
)

// randomRecs is a random matched set as a store holds it: purchases of
// one to four announcement groups of one type each, groups of one to three
// notices, fractional amounts and quantities (so the order of sums shows),
// brands in several spellings, specifications, categories and pathways.
func randomRecs(rng *rand.Rand, purchases int) []*Rec {
	types := []string{"tender", "award", "contract", "candidates", "single_source", "correction"}
	brands := []string{"Seagate", "seagate", "SEAGATE", "Hikvision", "WD", ""}
	lines := []string{"SkyHawk", "Purple", ""}
	cats := []string{"storage", "storage.surveillance", "camera", ""}
	paths := []string{"direct", "distributor", ""}
	buyers := []string{"b1", "b2", "b3", ""}
	sectors := []string{"public_security", "education", ""}
	regions := []string{"650100", "653100", "330200", "", "x"}
	pick := func(l []string) string { return l[rng.IntN(len(l))] }
	money := func() float64 {
		if rng.IntN(3) == 0 {
			return 0
		}
		return float64(rng.IntN(1_000_000)) / 100
	}
	var recs []*Rec
	id := int64(0)
	used := map[string]bool{}
	for p := 0; p < purchases; p++ {
		pur := fmt.Sprintf("p%x", rng.IntN(1<<20))
		if rng.IntN(4) == 0 {
			pur += "-7"
		}
		if used[pur] {
			continue
		}
		used[pur] = true
		buyer := pick(buyers)
		for g := 0; g < 1+rng.IntN(4); g++ {
			group := fmt.Sprintf("%s.g%d", pur, g)
			typ := pick(types)
			for n := 0; n < 1+rng.IntN(3); n++ {
				id++
				r := &Rec{ID: id, Doc: fmt.Sprintf("%064x", rng.Uint64()), Group: group, Purchase: pur, Type: typ,
					Buyer: buyer, Sector: pick(sectors), Level: pick([]string{"county", ""}), RegionCode: pick(regions),
					Budget: money(), Award: money()}
				if rng.IntN(5) > 0 {
					r.Published = fmt.Sprintf("2022-%02d-%02d", 1+rng.IntN(3), 1+rng.IntN(28))
				}
				for m := 0; m < rng.IntN(5); m++ {
					k := Mark{Brand: pick(brands), Text: pick(brands), ProductLine: pick(lines), Category: pick(cats),
						Pathway: pick(paths), Company: pick([]string{"Seagate Technology", ""}), Country: pick([]string{"US", ""})}
					if k.Item = rng.IntN(2) == 0; k.Item {
						k.Quantity = float64(rng.IntN(40)) / 4
					} else {
						k.Spec = rng.IntN(4) == 0
					}
					r.Marks = append(r.Marks, k)
				}
				recs = append(recs, r)
			}
		}
	}
	return recs
}

// cloneRecs is a deep copy with the marks matched against p, as a
// backend loads them.
func cloneRecs(recs []*Rec, p *Marks) []*Rec {
	out := make([]*Rec, len(recs))
	for i, r := range recs {
		c := *r
		c.Marks = slices.Clone(r.Marks)
		for j := range c.Marks {
			c.Marks[j].Match = !p.Active() || p.Match(&c.Marks[j])
		}
		out[i] = &c
	}
	return out
}

// TestAnswerMatchesReference checks that Set.Result and an Answer fed
// purchase by purchase (notices shuffled within each) give the answer the
// aggregation gave when it folded every loaded notice at once, to the byte,
// for varied filters; and that Figure, which the profiles use, does too.
func TestAnswerMatchesReference(t *testing.T) {
	filters := []Marks{
		{F: enduse.Filter{Limit: 100}},
		{F: enduse.Filter{Limit: 3, Offset: 2}},
		{F: enduse.Filter{Limit: 1000, IncludeSpec: true}},
		{F: enduse.Filter{Limit: 0}},
		{F: enduse.Filter{Brand: "seagate", Limit: 5}, Brands: []string{"Seagate"}},
		{F: enduse.Filter{Category: "storage", Limit: 50, Offset: 7}},
		{F: enduse.Filter{Country: "US", ProductLine: "skyhawk", Limit: 10}},
		{F: enduse.Filter{Pathway: "direct", IncludeSpec: true, Limit: 10}},
	}
	for seed := uint64(1); seed <= 40; seed++ {
		rng := rand.New(rand.NewPCG(seed, 13))
		base := randomRecs(rng, 1+rng.IntN(400))
		for fi := range filters {
			p := &filters[fi]
			want := mustJSON(t, referenceResult(NewSet(cloneRecs(base, p)), p))
			if got := mustJSON(t, NewSet(cloneRecs(base, p)).Result(p)); got != want {
				t.Fatalf("seed %d filter %d: Set.Result differs from the reference:\n%s", seed, fi, firstDiffLine(got, want))
			}
			a := NewAnswer(p)
			recs := cloneRecs(base, p)
			byPurchase := map[string][]*Rec{}
			for _, r := range recs {
				byPurchase[r.Purchase] = append(byPurchase[r.Purchase], r)
			}
			for _, pur := range slices.Sorted(maps.Keys(byPurchase)) {
				ms := byPurchase[pur]
				rng.Shuffle(len(ms), func(i, j int) { ms[i], ms[j] = ms[j], ms[i] })
				if err := a.AddPurchase(ms); err != nil {
					t.Fatal(err)
				}
			}
			if got := mustJSON(t, a.Result()); got != want {
				t.Fatalf("seed %d filter %d: streamed answer differs from the reference:\n%s", seed, fi, firstDiffLine(got, want))
			}
		}
		s := NewSet(cloneRecs(base, &filters[0]))
		var some []*Rec
		for _, r := range s.Recs {
			if rng.IntN(3) == 0 {
				some = append(some, r)
			}
		}
		pred := func(m *Mark) bool { return strings.EqualFold(m.Brand, "seagate") }
		if got, want := mustJSON(t, s.Figure(some, pred)), mustJSON(t, referenceFigure(s, some, pred)); got != want {
			t.Fatalf("seed %d: Figure differs from the reference:\n%s", seed, firstDiffLine(got, want))
		}
	}
}

// TestAnswerOrder refuses purchases out of order or mixed, which would
// change sums and split announcements.
func TestAnswerOrder(t *testing.T) {
	a := NewAnswer(&Marks{F: enduse.Filter{Limit: 10}})
	if err := a.AddPurchase([]*Rec{rec(1, "g2", "p2", "award", 1, 0)}); err != nil {
		t.Fatal(err)
	}
	if err := a.AddPurchase([]*Rec{rec(2, "g1", "p1", "award", 1, 0)}); err == nil {
		t.Error("a purchase after a greater one was accepted")
	}
	if err := a.AddPurchase([]*Rec{rec(3, "g3", "p3", "award", 1, 0), rec(4, "g4", "p4", "award", 1, 0)}); err == nil {
		t.Error("two purchases added as one were accepted")
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// firstDiffLine shows where two JSON texts first differ.
func firstDiffLine(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < min(len(g), len(w)); i++ {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d: got %s, want %s", i+1, g[i], w[i])
		}
	}
	return fmt.Sprintf("lengths %d and %d lines", len(g), len(w))
}
