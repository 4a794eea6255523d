package counting

import (
	"hash/fnv"
	"slices"
	"strings"
	"testing"

	"github.com/enduse/enduse"
)

func TestNormalizeAndSimhash(t *testing.T) {
	if got := Normalize("ＳＴ８０００ VX004，希捷 硬盘!"); got != "st8000vx004希捷硬盘" {
		t.Errorf("Normalize = %q", got)
	}
	base := strings.Repeat("乌鲁木齐市公安局视频存储设备采购项目中标公告，中标供应商为新疆天山科技有限公司，中标金额伍拾万元。", 4)
	near := base + "（转载）"
	other := strings.Repeat("宜昌市第一中学教学设备采购招标公告，采购计算机一百台，投标截止时间为二〇二二年一月十日。", 4)
	a, b, c := Simhash(Normalize(base)), Simhash(Normalize(near)), Simhash(Normalize(other))
	if d := Hamming(a, b); d > MaxSimhashDistance {
		t.Errorf("near-identical texts differ in %d bits", d)
	}
	if d := Hamming(a, c); d <= MaxSimhashDistance {
		t.Errorf("different texts differ in only %d bits", d)
	}
	if Simhash("") != 0 || Simhash("ab") != 0 {
		t.Error("simhash of a too-short text is not 0")
	}
}

func TestGrouping(t *testing.T) {
	doc := strings.Repeat("ab", 32)
	base := NoticeRow{Doc: doc, Type: "award", Buyer: "喀什地区公安局", TitleKey: "扩容项目中标公告", Published: "2022-03-01",
		AwardAmount: 300000, TextLen: 200, Simhash: 0xF0F0}
	t.Run("project code decides", func(t *testing.T) {
		r := base
		r.ProjectCode = "XJ-2022-001"
		g1, p1, ok := NewGrouping(r).Direct()
		r2 := r
		r2.ProjectCode, r2.Type = "xj2022001", "contract"
		g2, p2, _ := NewGrouping(r2).Direct()
		if !ok || g1 == g2 || p1 != p2 {
			t.Errorf("award %s/%s contract %s/%s: want other groups, one purchase", g1, p1, g2, p2)
		}
	})
	t.Run("nothing to compare", func(t *testing.T) {
		r := base
		r.Buyer, r.TitleKey = "", ""
		g, p, ok := NewGrouping(r).Direct()
		if !ok || g != "d"+doc[:16] || p != g {
			t.Errorf("got %s %s %v", g, p, ok)
		}
	})
	t.Run("window", func(t *testing.T) {
		from, to, ok := NewGrouping(base).Window()
		if !ok || from != "2022-01-29" || to != "2022-04-01" {
			t.Errorf("window %s..%s %v", from, to, ok)
		}
		r := base
		r.Published = ""
		if _, _, ok := NewGrouping(r).Window(); ok {
			t.Error("undated notice has a window")
		}
	})
	t.Run("scope", func(t *testing.T) {
		r := base
		r.Buyer = ""
		typ, buyer, title := NewGrouping(r).Scope()
		if typ != "award" || buyer != "" || title != base.TitleKey {
			t.Errorf("scope %s %s %s", typ, buyer, title)
		}
	})
	joins := []struct {
		name string
		c    Candidate
		want bool
	}{
		{"same title", Candidate{TitleKey: base.TitleKey, AwardAmount: 300000}, true},
		{"same title, amount rounded", Candidate{TitleKey: base.TitleKey, AwardAmount: 300000.4}, true},
		{"same title, other amount", Candidate{TitleKey: base.TitleKey, AwardAmount: 310000}, false},
		{"near text", Candidate{TitleKey: "其他", Simhash: 0xF0F1}, true},
		{"other text", Candidate{TitleKey: "其他", Simhash: 0x0F0F}, false},
	}
	for _, c := range joins {
		t.Run(c.name, func(t *testing.T) {
			if got := NewGrouping(base).Joins(c.c); got != c.want {
				t.Errorf("Joins = %v, want %v", got, c.want)
			}
		})
	}
	short := base
	short.TextLen = 10
	if NewGrouping(short).Joins(Candidate{TitleKey: "其他", Simhash: base.Simhash}) {
		t.Error("a short text joined by simhash alone")
	}
}

// TestLotGroup keeps separately awarded lots of one project apart as
// announcements while re-publications with the same amount stay grouped.
func TestLotGroup(t *testing.T) {
	r := NoticeRow{Doc: strings.Repeat("cd", 32), Type: "award", Buyer: "喀什地区公安局", ProjectCode: "KS-2022-7",
		AwardAmount: 300000}
	g := NewGrouping(r)
	group, _, ok := g.Direct()
	if !ok || !g.LotProbe() {
		t.Fatalf("project-code notice: Direct ok %v, LotProbe %v", ok, g.LotProbe())
	}
	cases := []struct {
		name    string
		members []float64
		split   bool
	}{
		{"first of its group", nil, false},
		{"same amount", []float64{300000}, false},
		{"same amount up to rounding", []float64{300000.3}, false},
		{"member without amount", []float64{120000, 0}, false},
		{"one member agrees", []float64{120000, 300000}, false},
		{"every member differs", []float64{120000, 80000}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := g.LotGroup(group, c.members)
			if (got != group) != c.split {
				t.Errorf("LotGroup(%v) = %s (own group %s), want split %v", c.members, got, group, c.split)
			}
		})
	}
	other := r
	other.AwardAmount = 120000
	if NewGrouping(other).LotGroup(group, []float64{300000}) == g.LotGroup(group, []float64{120000}) {
		t.Error("lots with different amounts share a group")
	}
	noAmount := r
	noAmount.AwardAmount = 0
	if NewGrouping(noAmount).LotProbe() || NewGrouping(noAmount).LotGroup(group, []float64{1}) != group {
		t.Error("a notice without an award amount split off as a lot")
	}
}

func TestFigure(t *testing.T) {
	// An award re-published (same group) and its contract (same purchase):
	// one announcement each, quantity and amount once.
	award := rec(1, "g1", "p1", "award", 500000, 100)
	copyOf := rec(2, "g1", "p1", "award", 500000, 100)
	contract := rec(3, "g2", "p1", "contract", 480000, 0)
	other := rec(4, "g3", "p2", "tender", 0, 7)
	other.Budget = 9000
	s := NewSet([]*Rec{contract, copyOf, other, award})
	fig := s.Figure(s.Recs, func(m *Mark) bool { return m.Match })
	if fig.Notices != 3 || fig.Quantity != 107 || fig.Amount != 480000+9000 {
		t.Errorf("figure = %+v; want 3 notices, quantity 107, amount 489000 (contract amount over award)", fig)
	}
	if s.Rep("g1") != award {
		t.Errorf("group representative = %v, want the first stored", s.Rep("g1").ID)
	}
	res := s.Result(&Marks{F: enduse.Filter{Limit: 2}})
	if res.Total != 3 || len(res.Rows) != 2 || res.Documents != 4 || res.Buyers != 1 {
		t.Errorf("result total %d rows %d documents %d buyers %d", res.Total, len(res.Rows), res.Documents, res.Buyers)
	}
}

// TestFigureLots sums the award announcements of separately awarded lots
// of one purchase (one account of it per type), counts a re-published lot
// once, and prefers the award account over the tender's budget.
func TestFigureLots(t *testing.T) {
	lot1 := rec(1, "g1", "p1", "award", 300000, 10)
	lot1copy := rec(2, "g1", "p1", "award", 300000, 10)
	lot2 := rec(3, "g2", "p1", "award", 120000, 4)
	tender := rec(4, "g3", "p1", "tender", 0, 20)
	tender.Budget = 500000
	cases := []struct {
		name             string
		members          []*Rec
		notices          int
		quantity, amount float64
	}{
		{"one lot", []*Rec{lot1}, 1, 10, 300000},
		{"re-published lot once", []*Rec{lot1, lot1copy}, 1, 10, 300000},
		{"lots summed", []*Rec{lot2, lot1copy, lot1}, 2, 14, 420000},
		{"lots out-detail the tender, awards over budget", []*Rec{tender, lot1, lot2}, 3, 14, 420000},
		{"tender alone", []*Rec{tender}, 1, 20, 500000},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := NewSet(append([]*Rec(nil), c.members...))
			fig := s.Figure(s.Recs, func(m *Mark) bool { return m.Match })
			if fig.Notices != c.notices || fig.Quantity != c.quantity || fig.Amount != c.amount {
				t.Errorf("figure = %d notices, quantity %v, amount %v; want %d, %v, %v",
					fig.Notices, fig.Quantity, fig.Amount, c.notices, c.quantity, c.amount)
			}
		})
	}
}

func TestMarksMatch(t *testing.T) {
	m := &Marks{F: enduse.Filter{Brand: "希捷", Category: "storage"}, Brands: []string{"Seagate"}}
	cases := []struct {
		name string
		mark Mark
		want bool
	}{
		{"canonical", Mark{Brand: "seagate", Category: "storage.surveillance"}, true},
		{"alias text", Mark{Text: "希捷", Category: "storage"}, true},
		{"category prefix only at a dot", Mark{Brand: "Seagate", Category: "storagex"}, false},
		{"specification", Mark{Brand: "Seagate", Category: "storage", Spec: true}, false},
		{"other brand", Mark{Brand: "Dell", Category: "storage"}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := m.Match(&c.mark); got != c.want {
				t.Errorf("Match = %v, want %v", got, c.want)
			}
		})
	}
}

func BenchmarkSimhash(b *testing.B) {
	text := Normalize(strings.Repeat("乌鲁木齐市公安局视频存储设备采购项目中标公告，中标供应商为新疆天山科技有限公司。", 40))
	for b.Loop() {
		Simhash(text)
	}
}

func BenchmarkResult(b *testing.B) {
	var recs []*Rec
	for i := int64(0); i < 5000; i++ {
		r := rec(i, "g"+string(rune('a'+i%2000)), "p"+string(rune('a'+i%1500)), "award", float64(i), float64(i%7))
		r.RegionCode = "650100"
		recs = append(recs, r)
	}
	m := &Marks{F: enduse.Filter{Limit: 100}}
	for b.Loop() {
		NewSet(recs).Result(m)
	}
}

// rec builds a loaded notice for the aggregation tests.
func rec(id int64, group, purchase, typ string, award float64, qty float64) *Rec {
	r := &Rec{ID: id, Doc: strings.Repeat(string(rune('a'+id)), 64), Group: group, Purchase: purchase, Type: typ, Award: award,
		Published: "2022-03-01", Buyer: "b"}
	if qty > 0 {
		r.Marks = []Mark{{Brand: "Seagate", Item: true, Quantity: qty, Match: true}}
	}
	return r
}

// TestFigureQuantityUnknown counts the notices of purchases that name the
// brand but state no quantity of it as unknown, not as zero units; a
// re-publication adds nothing, and a purchase with an award that states a
// quantity is known even when its tender states none.
func TestFigureQuantityUnknown(t *testing.T) {
	mention := func(id int64, group, purchase, typ string) *Rec {
		r := rec(id, group, purchase, typ, 0, 0)
		r.Marks = []Mark{{Brand: "Seagate", Match: true}} // a mention, no item
		return r
	}
	noQty := rec(5, "g5", "p5", "award", 1000, 0)
	noQty.Marks = []Mark{{Brand: "Seagate", Item: true, Match: true}} // an item with no quantity
	cases := []struct {
		name             string
		members          []*Rec
		notices, unknown int
		quantity         float64
	}{
		{"mention only", []*Rec{mention(1, "g1", "p1", "award")}, 1, 1, 0},
		{"mention re-published once", []*Rec{mention(1, "g1", "p1", "award"), mention(2, "g1", "p1", "award")}, 1, 1, 0},
		{"item without quantity", []*Rec{noQty}, 1, 1, 0},
		{"tender unknown, award known: purchase known", []*Rec{mention(3, "g3", "p3", "tender"), rec(4, "g4", "p3", "award", 500, 8)}, 2, 0, 8},
		{"known and unknown purchases", []*Rec{rec(6, "g6", "p6", "award", 500, 8), mention(7, "g7", "p7", "contract")}, 2, 1, 8},
		// A notice that names no brand, line or item has nothing whose
		// quantity is unknown.
		{"names nothing", []*Rec{rec(8, "g8", "p8", "award", 500, 0)}, 1, 0, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := NewSet(append([]*Rec(nil), c.members...))
			fig := s.Figure(s.Recs, func(m *Mark) bool { return m.Match })
			if fig.Notices != c.notices || fig.QuantityUnknown != c.unknown || fig.Quantity != c.quantity {
				t.Errorf("figure = %d notices, %d unknown, quantity %v; want %d, %d, %v",
					fig.Notices, fig.QuantityUnknown, fig.Quantity, c.notices, c.unknown, c.quantity)
			}
			if res := s.Result(&Marks{F: enduse.Filter{Limit: 10}}); res.QuantityUnknown != c.unknown {
				t.Errorf("result quantity unknown = %d, want %d", res.QuantityUnknown, c.unknown)
			}
		})
	}
}

// simhashByBit is SimHash as its definition reads, one vote per bit: the
// reference for the lane-counting Simhash.
func simhashByBit(norm string) uint64 {
	rs := []rune(norm)
	if len(rs) < 3 {
		return 0
	}
	var v [64]int
	for i := 0; i+3 <= len(rs); i++ {
		h := fnv.New64a()
		h.Write([]byte(string(rs[i : i+3])))
		x := h.Sum64()
		for b := 0; b < 64; b++ {
			if x&(1<<b) != 0 {
				v[b]++
			} else {
				v[b]--
			}
		}
	}
	var out uint64
	for b := 0; b < 64; b++ {
		if v[b] > 0 {
			out |= 1 << b
		}
	}
	return out
}

// TestSimhashCountsEveryVote: the stored hashes group re-publications, so
// the fast count must give exactly the by-bit hash — short texts, texts
// across the 255-vote lane flush, long real-shaped texts.
func TestSimhashCountsEveryVote(t *testing.T) {
	base := "喀什地区公安局视频监控设备采购项目中标公告采购人喀什地区公安局中标供应商新疆天山科技有限公司希捷ST8000VX004"
	for _, n := range []int{0, 1, 2, 3, 4, 10, 254, 255, 256, 257, 510, 511, 512, 4000} {
		var b strings.Builder
		for b.Len() < n*3 {
			b.WriteString(base)
		}
		s := string([]rune(b.String())[:min(n, len([]rune(b.String())))])
		if got, want := Simhash(s), simhashByBit(s); got != want {
			t.Errorf("%d runes: %016x, want %016x", n, got, want)
		}
	}
	// One trigram repeated: every vote alike, so a lane overflows unless
	// it is flushed in time.
	for _, s := range []string{strings.Repeat("a", 600), strings.Repeat("监", 1000)} {
		if got, want := Simhash(s), simhashByBit(s); got != want {
			t.Errorf("%.6q…: %016x, want %016x", s, got, want)
		}
	}
}

// TestPageOf checks the page a store reads from the matched notices'
// columns alone: one representative a group (most item detail, then the
// first stored, as NewSet picks), newest first, then by id.
func TestPageOf(t *testing.T) {
	ms := []Matched{
		{ID: 1, Group: "a", Published: "2022-01-01", Detail: 0},
		{ID: 2, Group: "a", Published: "2022-03-01", Detail: 2}, // most detail: stands for a
		{ID: 3, Group: "b", Published: "2022-02-01", Detail: 1},
		{ID: 4, Group: "b", Published: "2022-02-02", Detail: 1}, // a tie: the first stored, 3, stands
		{ID: 5, Group: "c", Published: "2022-02-01", Detail: 0}, // same date as 3: higher id first
	}
	if got, want := PageOf(ms, 10), []int64{2, 5, 3}; !slices.Equal(got, want) {
		t.Errorf("PageOf = %v, want %v", got, want)
	}
	if got, want := PageOf(ms, 2), []int64{2, 5}; !slices.Equal(got, want) {
		t.Errorf("PageOf(2) = %v, want %v", got, want)
	}
	if got := PageOf(nil, 5); len(got) != 0 {
		t.Errorf("PageOf(nil) = %v", got)
	}
}
