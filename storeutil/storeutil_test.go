package storeutil

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/enduse/enduse"
)

func TestSplitTerms(t *testing.T) {
	cases := []struct {
		name, in string
		want     []string
	}{
		{"empty", "", nil},
		{"one", "希捷", []string{"希捷"}},
		{"spaces", "  希捷  硬盘 ", []string{"希捷", "硬盘"}},
		{"ideographic space", "希捷\u3000硬盘", []string{"希捷", "硬盘"}},
		{"quoted phrase", `"Seagate SkyHawk" 8TB`, []string{"Seagate SkyHawk", "8TB"}},
		{"unclosed quote", `"abc def`, []string{"abc def"}},
		{"quote inside", `ab"cd`, []string{"ab", "cd"}},
		{"only quotes", `""  ""`, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := SplitTerms(c.in)
			if strings.Join(got, "|") != strings.Join(c.want, "|") || len(got) != len(c.want) {
				t.Errorf("SplitTerms(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

// querySeeds reads the analysts' queries in testdata/queries.txt.
func querySeeds(tb testing.TB) []string {
	f, err := os.Open(filepath.Join("testdata", "queries.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := sc.Text(); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

func FuzzSplitTerms(f *testing.F) {
	for _, q := range querySeeds(f) {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		for _, term := range SplitTerms(q) {
			if term == "" || strings.TrimSpace(term) != term || strings.Contains(term, `"`) {
				t.Fatalf("SplitTerms(%q) gave term %q", q, term)
			}
			if utf8.ValidString(q) && !utf8.ValidString(term) {
				t.Fatalf("SplitTerms(%q) broke UTF-8: %q", q, term)
			}
		}
	})
}

func FuzzValidateFilter(f *testing.F) {
	for _, q := range querySeeds(f) {
		f.Add(q, "2022-01-01", "65", 10, 0)
	}
	f.Add("\x00", "2022-13-01", "\xff", -1, -1)
	f.Fuzz(func(t *testing.T, text, from, region string, limit, offset int) {
		in := enduse.Filter{Text: text, From: from, Region: region, Limit: limit, Offset: offset}
		out, err := ValidateFilter(in)
		if err != nil {
			if !errors.Is(err, enduse.ErrInvalid) {
				t.Fatalf("ValidateFilter(%+v): %v, want ErrInvalid", in, err)
			}
			return
		}
		if out.Limit < 1 || out.Limit > MaxLimit || out.Offset < 0 || !utf8.ValidString(out.Text) ||
			strings.ContainsRune(out.Text+out.Region, 0) || (out.From != "" && !ValidDate(out.From)) {
			t.Fatalf("ValidateFilter(%+v) accepted %+v", in, out)
		}
	})
}

func TestValidateFilter(t *testing.T) {
	cases := []struct {
		name string
		f    enduse.Filter
		ok   bool
	}{
		{"empty", enduse.Filter{}, true},
		{"case study", enduse.Filter{Brand: "Seagate", Region: "65", Sector: enduse.SectorPublicSecurity,
			Types: []enduse.NoticeType{enduse.TypeAward}, From: "2022-01-01", To: "2022-05-12"}, true},
		{"unknown type", enduse.Filter{Types: []enduse.NoticeType{"bogus"}}, false},
		{"from not a date", enduse.Filter{From: "2022/01/01"}, false},
		{"from after to", enduse.Filter{From: "2022-02-01", To: "2022-01-01"}, false},
		{"unknown sector", enduse.Filter{Sector: "police"}, false},
		{"unknown level", enduse.Filter{Level: "city"}, false},
		{"unknown reason", enduse.Filter{Reason: "cheap"}, false},
		{"method id", enduse.Filter{Method: "open_tender"}, true},
		{"malformed method", enduse.Filter{Method: "公开招标"}, false},
		{"limit too large", enduse.Filter{Limit: MaxLimit + 1}, false},
		{"negative offset", enduse.Filter{Offset: -1}, false},
		{"invalid utf-8", enduse.Filter{Buyer: "\xff"}, false},
		{"nul", enduse.Filter{Text: "a\x00b"}, false},
		{"nul in a list name", enduse.Filter{Lists: []string{"a\x00"}}, false},
		{"too long", enduse.Filter{Text: strings.Repeat("长", 400)}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, err := ValidateFilter(c.f)
			if c.ok != (err == nil) {
				t.Fatalf("err = %v, want ok=%v", err, c.ok)
			}
			if err != nil && !errors.Is(err, enduse.ErrInvalid) {
				t.Errorf("err = %v, want ErrInvalid", err)
			}
			if err == nil && out.Limit != DefaultLimit {
				t.Errorf("limit = %d, want the default %d", out.Limit, DefaultLimit)
			}
		})
	}
	if out, _ := ValidateFilter(enduse.Filter{Lists: []string{"BIS Entity List"}, Brand: "  希捷 "}); !out.Listed || out.Brand != "希捷" {
		t.Errorf("lists imply listed and brand is trimmed: %+v", out)
	}
}

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

func TestSanitize(t *testing.T) {
	text := "采购人：某局\n联系人：***，电话：***********\n"
	n := &enduse.Notice{
		Evidence: map[string]enduse.Evidence{
			"contact": {Start: 7, End: 25, Text: "联系人：张三丰，电话：13912345678"},
			"broken":  {Start: 5, End: 500, Text: "13912345678"},
		},
		Reason: &enduse.Reason{Text: "联系张三丰"},
	}
	s := Sanitize(n, text)
	if e := s.Evidence["contact"]; strings.Contains(e.Text, "张三丰") || !strings.HasPrefix(e.Text, "联系人：***") {
		t.Errorf("contact evidence = %q", e.Text)
	}
	if e := s.Evidence["broken"]; e.Text != "" {
		t.Errorf("evidence outside the text kept %q", e.Text)
	}
	if s.Reason.Text != "" {
		t.Errorf("unverifiable reason text kept: %q", s.Reason.Text)
	}
	if n.Evidence["contact"].Text != "联系人：张三丰，电话：13912345678" {
		t.Error("Sanitize changed its input")
	}
}

// doc builds a document of raw bytes with its sha256.
func doc(raw, text string) *enduse.Document {
	sum := sha256.Sum256([]byte(raw))
	return &enduse.Document{SHA256: hex.EncodeToString(sum[:]), Source: "t.html", Raw: []byte(raw), Text: text}
}

func TestCheckSave(t *testing.T) {
	d := doc("<p>x</p>", "采购人：某局")
	psb := &enduse.Org{Name: "喀什地区公安局", Key: "喀什地区公安局"}
	cases := []struct {
		name     string
		d        *enduse.Document
		redacted string
		n        *enduse.Notice
		parseErr error
		status   string // "" = ErrInvalid
	}{
		{"parsed", d, "采购人：某局", &enduse.Notice{Type: enduse.TypeAward, Buyer: psb}, nil, "stored"},
		{"parse failure", d, "采购人：某局", nil, errors.New("encrypted pdf"), "failed"},
		{"notice error", d, "采购人：某局", &enduse.Notice{Error: "no title"}, nil, "failed"},
		{"nil document", nil, "", &enduse.Notice{}, nil, ""},
		{"wrong sha256", &enduse.Document{SHA256: strings.Repeat("a", 64), Raw: []byte("x")}, "", &enduse.Notice{}, nil, ""},
		{"other rune length", d, "采购人：", &enduse.Notice{}, nil, ""},
		{"invalid utf-8", d, "\xff\xfe\xfd\xfc\xfb\xfa", &enduse.Notice{}, nil, ""},
		{"nothing", d, "采购人：某局", nil, nil, ""},
		{"notice of other bytes", d, "采购人：某局", &enduse.Notice{SHA256: strings.Repeat("b", 64)}, nil, ""},
		{"unknown type", d, "采购人：某局", &enduse.Notice{Type: "bogus"}, nil, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := CheckSave(c.d, c.redacted, c.n, c.parseErr)
			if c.status == "" {
				if !errors.Is(err, enduse.ErrInvalid) {
					t.Fatalf("err = %v, want ErrInvalid", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if s.Status != c.status || s.ID != d.SHA256 {
				t.Errorf("status %s id %s, want %s %s", s.Status, s.ID, c.status, d.SHA256)
			}
			if c.status == "stored" && (s.Row.Buyer != "喀什地区公安局" || s.Notice.Schema != enduse.SchemaVersion || len(s.JSON) == 0) {
				t.Errorf("prepared row %+v", s.Row)
			}
		})
	}
}

func TestSaveOrgsBrandsLinks(t *testing.T) {
	d := doc("<p>y</p>", "")
	buyer := enduse.Org{Name: "乌鲁木齐市公安局", Key: "乌鲁木齐市公安局"}
	n := &enduse.Notice{Type: enduse.TypeAward, Buyer: &buyer, Agency: &enduse.Org{Name: "新疆招标有限公司"},
		Suppliers: []enduse.Supplier{{Org: enduse.Org{Name: "B公司"}}, {Org: enduse.Org{Name: "A公司"}, Role: enduse.RoleWinner}},
		Items:     []enduse.Item{{Brand: "希捷", Resolved: &enduse.Resolution{Brand: "Seagate"}}},
		Mentions: []enduse.Mention{{Text: "思科", Resolution: enduse.Resolution{Brand: "Cisco", Company: "Cisco Systems"}},
			{Text: "戴尔", Spec: true, Resolution: enduse.Resolution{Brand: "Dell"}},
			{Text: "seagate", Resolution: enduse.Resolution{Brand: "seagate", Company: "Seagate Technology"}}},
		Hits:   []enduse.Hit{{Org: "buyer", List: "BIS Entity List"}, {Org: "supplier", Name: "A公司", List: "x"}},
		Reason: &enduse.Reason{Classes: []enduse.ReasonClass{enduse.ReasonImported, enduse.ReasonImported}}}
	s, err := CheckSave(d, "", n, nil)
	if err != nil {
		t.Fatal(err)
	}
	keys := s.OrgKeys()
	if strings.Join(keys, "|") != "A公司|B公司|乌鲁木齐市公安局|新疆招标有限公司" {
		t.Errorf("org keys (lock order) = %v", keys)
	}
	var brands []string
	for _, b := range s.Brands() {
		brands = append(brands, b.Brand+"/"+b.Company)
	}
	if got := strings.Join(brands, "|"); got != "Cisco/Cisco Systems|seagate/Seagate Technology" {
		t.Errorf("brands = %s (specifications excluded, one per brand up to case, sorted)", got)
	}
	links := s.Links()
	if len(links) != 4 || links[0].Role != RoleBuyer || links[2].Role != RoleSupplier || links[3].Role != "winner" {
		t.Errorf("links = %+v", links)
	}
	if got := s.HitOrg(n.Hits[0]); got != "乌鲁木齐市公安局" {
		t.Errorf("buyer hit org = %q", got)
	}
	if got := s.HitOrg(n.Hits[1]); got != "A公司" {
		t.Errorf("supplier hit org = %q", got)
	}
	if r := s.Reasons(); len(r) != 1 {
		t.Errorf("reasons = %v, want one class", r)
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
	t.Run("scope and lock key", func(t *testing.T) {
		r := base
		r.Buyer = ""
		typ, buyer, title := NewGrouping(r).Scope()
		if typ != "award" || buyer != "" || title != base.TitleKey || NewGrouping(r).LockKey() == NewGrouping(base).LockKey() {
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

// rec builds a loaded notice for the aggregation tests.
func rec(id int64, group, purchase, typ string, award float64, qty float64) *Rec {
	r := &Rec{ID: id, Doc: strings.Repeat(string(rune('a'+id)), 64), Group: group, Purchase: purchase, Type: typ, Award: award,
		Published: "2022-03-01", Buyer: "b"}
	if qty > 0 {
		r.Marks = []Mark{{Brand: "Seagate", Item: true, Quantity: qty, Match: true}}
	}
	return r
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

// FuzzCheckSave feeds arbitrary redacted text and evidence offsets to
// CheckSave: it must accept or refuse with ErrInvalid, never panic, and
// every evidence snippet it keeps must be cut from the redacted text.
func FuzzCheckSave(f *testing.F) {
	f.Add("采购人：某局\n联系人：***", 4, 6, 0, 3)
	f.Add("", -1, 5, 10, 2)
	f.Add("\xff\xfe", 0, 1, 0, 0)
	f.Fuzz(func(t *testing.T, redacted string, start, end, mstart, mend int) {
		d := doc("<p>fuzz</p>", "")
		n := &enduse.Notice{Type: enduse.TypeTender, Title: "t",
			Evidence: map[string]enduse.Evidence{"buyer": {Start: start, End: end, Text: "张三 13912345678"}},
			Mentions: []enduse.Mention{{Text: "希捷", Start: mstart, End: mend}},
			Reason:   &enduse.Reason{Text: "张三", Evidence: enduse.Evidence{Start: start, End: end}}}
		s, err := CheckSave(d, redacted, n, nil)
		if err != nil {
			if !errors.Is(err, enduse.ErrInvalid) {
				t.Fatalf("CheckSave: %v, want ErrInvalid", err)
			}
			return
		}
		if e := s.Notice.Evidence["buyer"].Text; !strings.Contains(redacted, e) {
			t.Fatalf("evidence %q is not cut from the redacted text %q", e, redacted)
		}
		if r := s.Notice.Reason.Text; !strings.Contains(redacted, r) {
			t.Fatalf("reason %q is not in the redacted text %q", r, redacted)
		}
	})
}
