package rights

import (
	"testing"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/kb"
	"github.com/enduse/enduse/recognize"
)

func setup(t testing.TB) (*Reader, *recognize.Recognizer) {
	t.Helper()
	k, err := kb.Load()
	if err != nil {
		t.Fatal(err)
	}
	rec, err := recognize.New(k)
	if err != nil {
		t.Fatal(err)
	}
	return New(k), rec
}

// TestFind reads stated rights from constructed notice sentences (written
// for this test in the wording of single-source notices).
func TestFind(t *testing.T) {
	r, rec := setup(t)
	single := func(name string) []enduse.Supplier {
		return []enduse.Supplier{{Org: enduse.Org{Name: name}, Role: enduse.RoleSingleSource}}
	}
	tests := []struct {
		name, text string
		typ        enduse.NoticeType
		suppliers  []enduse.Supplier
		wantFrom   string // "" = no right stated
		wantTo     string
		wantPhrase string
	}{
		{name: "single source, 该公司", typ: enduse.TypeSingleSource, suppliers: single("北京瑞源文德科技有限公司"),
			text:     "拟定供应商：北京瑞源文德科技有限公司。\n该公司为IntegenX RapidHIT快速DNA检测仪的中国区总代理，具有唯一性。",
			wantFrom: "beijing-ryan-wende", wantTo: "integenx", wantPhrase: "中国区总代理"},
		{name: "named company not in the knowledge base", typ: enduse.TypeAward,
			text:     "新疆某某数码科技有限公司系希捷硬盘在新疆地区的授权经销商。",
			wantFrom: "新疆某某数码科技有限公司", wantTo: "seagate", wantPhrase: "授权经销商"},
		{name: "sole authorised agent", typ: enduse.TypeSingleSource, suppliers: single("上海某某生物科技有限公司"),
			text:     "上海某某生物科技有限公司是赛默飞世尔在华东地区的唯一授权代理商。",
			wantFrom: "上海某某生物科技有限公司", wantTo: "thermo-fisher", wantPhrase: "唯一授权代理商"},
		{name: "a requirement on bidders states nothing", typ: enduse.TypeTender,
			text: "投标人须提供希捷原厂授权书及售后服务承诺函。"},
		{name: "the maker's own authorisation", typ: enduse.TypeAward,
			suppliers: []enduse.Supplier{{Org: enduse.Org{Name: "杭州海康威视数字技术股份有限公司"}, Role: enduse.RoleWinner}},
			text:      "杭州海康威视数字技术股份有限公司提供海康威视原厂授权。"},
		{name: "no brand", typ: enduse.TypeAward, text: "北京某某科技有限公司为中国区总代理。"},
		{name: "no phrase", typ: enduse.TypeAward, text: "北京某某科技有限公司供应希捷硬盘。"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := &enduse.Notice{Type: tt.typ, Suppliers: tt.suppliers, SHA256: "abc123", Published: "2019-05-01",
				Mentions: rec.Find(tt.text)}
			got := r.Find(tt.text, n, "test.html")
			if tt.wantFrom == "" {
				if len(got) != 0 {
					t.Fatalf("Find = %+v, want none", got)
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("Find = %+v, want one right (mentions %+v)", got, n.Mentions)
			}
			g := got[0]
			if g.Link.From != tt.wantFrom || g.Link.To != tt.wantTo || g.Phrase != tt.wantPhrase {
				t.Errorf("right = %s %s %s (%s), want %s → %s (%s)", g.Link.From, g.Link.Type, g.Link.To, g.Phrase, tt.wantFrom, tt.wantTo, tt.wantPhrase)
			}
			if g.Link.Type != enduse.LinkDistributorOf || g.Link.Basis != enduse.BasisNotice || g.Link.Since != "2019-05-01" {
				t.Errorf("link = %+v, want a dated distributor_of stated by the notice", g.Link)
			}
			if len(g.Link.Sources) != 1 || g.Link.Sources[0] != "notice abc123 (test.html)" {
				t.Errorf("sources = %q", g.Link.Sources)
			}
			if got := enduse.RuneSpan(tt.text, g.Evidence.Start, g.Evidence.End); got != g.Evidence.Text {
				t.Errorf("evidence span %q != text %q", got, g.Evidence.Text)
			}
		})
	}
}

func FuzzFind(f *testing.F) {
	r, rec := setup(f)
	for _, s := range []string{"该公司为希捷中国区总代理。", "投标人须提供原厂授权", "；；。\n", "某某有限公司为希捷的授权经销商"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		n := &enduse.Notice{Type: enduse.TypeSingleSource, Mentions: rec.Find(text),
			Suppliers: []enduse.Supplier{{Org: enduse.Org{Name: "某某有限公司"}}}}
		for _, g := range r.Find(text, n, "fuzz") {
			if g.Evidence.Start < 0 || g.Evidence.End < g.Evidence.Start || g.Link.To == "" || g.Link.From == "" {
				t.Fatalf("bad right %+v", g)
			}
		}
	})
}
