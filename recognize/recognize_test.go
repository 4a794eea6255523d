package recognize

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/enduse/enduse"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata")

// want is an expected mention: its text, brand, product line, kind and
// specification flag.
type want struct {
	text, brand, line string
	kind              enduse.MentionKind
	spec              bool
}

func a(text, brand, line string) want { return want{text, brand, line, enduse.MentionAlias, false} }
func m(text, brand, line string) want { return want{text, brand, line, enduse.MentionModel, false} }
func co(text, company string) want    { return want{text, company, "", enduse.MentionCompany, false} }
func spec(w want) want                { w.spec = true; return w }

func TestFindRules(t *testing.T) {
	r := fixture(t)
	tests := []struct {
		name string
		text string
		want []want
	}{
		// Word boundaries of Latin and digit aliases.
		{"HP between CJK", "惠普HP打印机", []want{a("惠普HP", "HP", "")}},
		{"IBM after verb", "采购IBM服务器", []want{a("IBM", "IBM", "")}},
		{"HP inside model code", "检测仪SHP-100", nil},
		{"IBM inside token", "IBMX接口", nil},
		{"3M inside 3MB", "内存3MB", nil},
		{"3M inside 13M", "13M像素", nil},
		{"3M as a measure", "铺设3m宽便道", nil},
		{"3M with product word", "3M口罩200只", []want{a("3M", "3M", "")}},
		{"WD model not alias", "WD40PURZ", []want{m("WD40PURZ", "Western Digital", "WD Purple")}},
		{"HP followed by digits", "HP1020打印机", []want{a("HP", "HP", "")}},
		{"domain", "见www.dell.com", nil},
		{"email", "发送至support@hp.com", nil},
		{"Latin word continues", "MicrosoftInternetExplorer4", nil},
		// Brand inside an organisation's name.
		{"trading company", "新疆希捷商贸有限公司", nil},
		{"tech company", "北京惠普科技有限公司", nil},
		{"alias ends inside 科技", "湖北吾思科技研发中心", nil},
		{"company legal name", "希捷科技（苏州）有限公司", []want{co("希捷科技（苏州）有限公司", "Seagate Technology")}},
		{"company legal name half-width", "希捷科技(苏州)有限公司供货", []want{co("希捷科技(苏州)有限公司", "Seagate Technology")}},
		{"brand's own company", "美国赛默飞世尔公司生产", []want{co("赛默飞世尔", "Thermo Fisher Scientific")}},
		{"brand's own company after verb", "由华为公司提供", []want{co("华为", "Huawei")}},
		{"brand's own company with place", "惠普（中国）有限公司", []want{co("惠普", "HP Inc.")}},
		{"person after label", "联系人张浪潮", nil},
		{"brand then verb then company", "希捷硬盘由北京某某科技有限公司供货", []want{a("希捷", "Seagate", "")}},
		// Places and addresses.
		{"street", "鄞州区松下街595号", nil},
		{"road", "九龙湖镇三星路957号", nil},
		{"star rating", "评价证书（三星级及以上）", nil},
		{"industrial park", "鲲鹏生态产业园", nil},
		// Specification phrases.
		{"or equivalent", "硬盘：希捷或同等档次", []want{spec(a("希捷", "Seagate", ""))}},
		{"reference brands", "参考品牌：希捷、西数", []want{spec(a("希捷", "Seagate", "")), spec(a("西数", "Western Digital", ""))}},
		{"reference list over commas", "参考品牌：华为，思科", []want{spec(a("华为", "Huawei", "")), spec(a("思科", "Cisco", ""))}},
		{"not lower than", "性能不低于思科同类产品", []want{spec(a("思科", "Cisco", ""))}},
		{"equivalent to", "相当于戴尔PowerEdge R740", []want{spec(m("戴尔PowerEdge R740", "Dell", "PowerEdge"))}},
		{"same or above", "英特尔至强同等及以上", []want{spec(a("英特尔至强", "Intel", "Xeon"))}},
		{"or same brand", "摄像机海康威视或同等品牌", []want{spec(a("海康威视", "Hikvision", ""))}},
		{"recommended", "推荐品牌：大华", []want{spec(a("大华", "Dahua", ""))}},
		{"purchase not spec", "采购希捷硬盘10块，质保3年及以上", []want{a("希捷", "Seagate", "")}},
		// Ambiguous aliases.
		{"ambiguous no context", "联想到工作实际", nil},
		{"ambiguous word wave", "掀起学习浪潮", nil},
		{"ambiguous with label", "品牌：联想", []want{a("联想", "Lenovo", "")}},
		{"ambiguous with product word", "联想台式机20台", []want{a("联想", "Lenovo", "")}},
		{"ambiguous with modifier and product", "联想激光打印机", []want{a("联想", "Lenovo", "")}},
		{"ambiguous with model token", "浪潮NF5280M6服务器", []want{m("浪潮NF5280M6", "Inspur", "Inspur servers")}},
		{"ambiguous with model of another brand", "长城，型号DH-IPC-HFW1230", []want{m("DH-IPC-HFW1230", "Dahua", "Dahua cameras")}},
		{"ambiguous with model of brand on line", "大华，型号DH-IPC-HFW1230", []want{a("大华", "Dahua", ""), m("DH-IPC-HFW1230", "Dahua", "Dahua cameras")}},
		{"ambiguous brand list", "联想或清华同方", []want{a("联想", "Lenovo", ""), a("清华同方", "Tongfang", "")}},
		{"ambiguous in person name", "联系人：王大华，", nil},
		{"ambiguous inside company", "闽武长城建设发展有限公司", nil},
		{"ambiguous cell after item", "硬盘\t3M\t1860", []want{a("3M", "3M", "")}},
		// Model numbers and merging.
		{"bare model", "ST4000VX013", []want{m("ST4000VX013", "Seagate", "SkyHawk")}},
		{"brand line model merge", "希捷酷鹰 ST4000VX013", []want{m("希捷酷鹰 ST4000VX013", "Seagate", "SkyHawk")}},
		{"brand and model apart", "希捷硬盘，型号ST4000VX013", []want{a("希捷", "Seagate", ""), m("ST4000VX013", "Seagate", "SkyHawk")}},
		{"two brands not merged", "希捷/西部数据", []want{a("希捷", "Seagate", ""), a("西部数据", "Western Digital", "")}},
		{"model suffix", "ST16000NM001G", []want{m("ST16000NM001G", "Seagate", "Exos")}},
		{"model inside longer token", "XST4000VX013", nil},
		{"hyphenated model", "交换机WS-C2960X-24TS-L", []want{m("WS-C2960X-24TS-L", "Cisco", "Catalyst")}},
		{"model after slash", "ST4000VX013/WD40PURZ", []want{m("ST4000VX013", "Seagate", "SkyHawk"), m("WD40PURZ", "Western Digital", "WD Purple")}},
		{"line alias of another brand's product", "WPS Office", []want{a("WPS", "Kingsoft", "WPS")}},
		{"full width and traditional", "希捷酷鷹ＳＴ６０００ＶＸ００１", []want{m("希捷酷鷹ＳＴ６０００ＶＸ００１", "Seagate", "SkyHawk")}},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := r.Find(tt.text)
			var gs []want
			for _, g := range got {
				w := want{g.Text, g.Brand, g.ProductLine, g.Kind, g.Spec}
				if g.Kind == enduse.MentionCompany {
					w.brand = g.Company
				}
				gs = append(gs, w)
			}
			if len(gs) != len(tt.want) {
				t.Fatalf("Find(%q) = %+v, want %+v", tt.text, gs, tt.want)
			}
			for i := range gs {
				if gs[i] != tt.want[i] {
					t.Errorf("Find(%q)[%d] = %+v, want %+v", tt.text, i, gs[i], tt.want[i])
				}
			}
			checkMentions(t, tt.text, got)
		})
	}
}

// checkMentions verifies the offset contract of Find: rune offsets (an
// invalid byte counts as one rune, as in a range loop), Start < End, and
// Text is exactly the original text between them.
func checkMentions(t *testing.T, text string, ms []enduse.Mention) {
	t.Helper()
	var at []int // byte offset of every rune, plus len(text)
	for i := range text {
		at = append(at, i)
	}
	at = append(at, len(text))
	n := len(at) - 1
	for i, m := range ms {
		if m.Start < 0 || m.Start >= m.End || m.End > n {
			t.Fatalf("mention %d %+v: bad offsets for text of %d runes", i, m, n)
		}
		if got := text[at[m.Start]:at[m.End]]; got != m.Text {
			t.Fatalf("mention %d: text[%d:%d] = %q, Text = %q", i, m.Start, m.End, got, m.Text)
		}
		if i > 0 && m.Start < ms[i-1].End {
			t.Fatalf("mentions %d and %d overlap: %+v %+v", i-1, i, ms[i-1], m)
		}
	}
}

func TestFindResolution(t *testing.T) {
	ms := fixture(t).Find("监控硬盘：希捷酷鹰 ST4000VX013，4TB")
	if len(ms) != 1 {
		t.Fatalf("got %d mentions, want 1: %+v", len(ms), ms)
	}
	got := ms[0]
	if got.Start != 5 || got.End != 21 || got.Company != "Seagate Technology" || got.Country != "US" ||
		!got.USLinked || got.Category != "storage.surveillance" {
		t.Errorf("mention = %+v", got)
	}
}

func TestFindConcurrent(t *testing.T) {
	r := fixture(t)
	text := "采购希捷酷鹰ST4000VX013硬盘20块，惠普HP打印机3台，联想或清华同方。"
	want := r.Find(text)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				got := r.Find(text)
				if len(got) != len(want) {
					t.Errorf("concurrent Find: %d mentions, want %d", len(got), len(want))
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestResolveItem(t *testing.T) {
	r := fixture(t)
	tests := []struct {
		name              string
		item              enduse.Item
		brand, line, comp string
	}{
		{"brand cell", enduse.Item{Name: "硬盘", Brand: "希捷"}, "Seagate", "", "Seagate Technology"},
		{"brand cell refined by model", enduse.Item{Name: "硬盘", Brand: "希捷", Model: "ST4000VX013"}, "Seagate", "SkyHawk", "Seagate Technology"},
		{"model only", enduse.Item{Name: "硬盘", Model: "WD40PURZ"}, "Western Digital", "WD Purple", "Western Digital"},
		{"ambiguous alias in brand cell", enduse.Item{Name: "台式计算机", Brand: "联想"}, "Lenovo", "", "Lenovo Group"},
		{"spec brand cell", enduse.Item{Name: "硬盘", Brand: "希捷或同等档次"}, "Seagate", "", "Seagate Technology"},
		{"brand in name cell", enduse.Item{Name: "联想激光打印机", Model: "CS1811"}, "Lenovo", "", "Lenovo Group"},
		{"several brands, model decides", enduse.Item{Name: "硬盘", Brand: "希捷或西部数据", Model: "WD40PURZ"}, "Western Digital", "WD Purple", "Western Digital"},
		{"several brands undecided", enduse.Item{Name: "桌面终端设备", Brand: "联想或清华同方"}, "", "", ""},
		{"manufacturer company in brand cell", enduse.Item{Name: "交换机", Brand: "思科系统（中国）网络技术有限公司"}, "", "", "Cisco Systems"},
		{"brand cell wins over model of other brand", enduse.Item{Name: "硬盘", Brand: "希捷", Model: "WD40PURZ"}, "Seagate", "", "Seagate Technology"},
		{"nothing", enduse.Item{Name: "办公桌", Brand: "国产", Model: "1.6m"}, "", "", ""},
		{"empty", enduse.Item{}, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it := tt.item
			r.ResolveItem(&it)
			if tt.comp == "" {
				if it.Resolved != nil {
					t.Fatalf("Resolved = %+v, want nil", it.Resolved)
				}
				return
			}
			if it.Resolved == nil {
				t.Fatalf("Resolved = nil, want %s/%s", tt.brand, tt.line)
			}
			if it.Resolved.Brand != tt.brand || it.Resolved.ProductLine != tt.line || it.Resolved.Company != tt.comp {
				t.Errorf("Resolved = %+v, want %s/%s/%s", it.Resolved, tt.brand, tt.line, tt.comp)
			}
		})
	}
	r.ResolveItem(nil) // must not panic
}

func TestExplain(t *testing.T) {
	r := fixture(t)
	es := r.Explain("新疆希捷商贸有限公司供应希捷酷鹰ST4000VX013")
	var kept, dropped int
	for _, e := range es {
		if e.Kept {
			kept++
			if e.BrandID != "seagate" || e.CompanyID != "seagate" || e.ProductLine != "SkyHawk" || len(e.Path) == 0 ||
				!strings.Contains(e.Matched, `ST\d+VX\d+`) {
				t.Errorf("kept explanation = %+v", e)
			}
		} else {
			dropped++
			if len(e.Why) == 0 || !strings.Contains(strings.Join(e.Why, " "), "dropped:") {
				t.Errorf("dropped explanation without reason: %+v", e)
			}
		}
	}
	if kept != 1 || dropped < 1 {
		t.Errorf("kept %d dropped %d, want 1 and ≥1: %+v", kept, dropped, es)
	}
}

func TestBuildErrors(t *testing.T) {
	if _, err := build(source{}); err == nil {
		t.Error("build with no aliases: want error")
	}
	_, err := build(source{claims: []claim{{text: "X1", brand: "x"}},
		patterns: []modelPattern{{brand: "x", line: "l", expr: "ST(\\d+"}}})
	if err == nil || !strings.Contains(err.Error(), "ST(") {
		t.Errorf("bad pattern: err = %v, want one naming the pattern", err)
	}
	if _, err := New(nil); err == nil {
		t.Error("New(nil): want error")
	}
}

// TestGolden pins Find's output over the labelled cases, so a change of
// behaviour shows up as a reviewable diff (go test -update rewrites it).
func TestGolden(t *testing.T) {
	r := fixture(t)
	var b strings.Builder
	for _, c := range readLabels(t, "testdata/labels.txt") {
		out, err := json.Marshal(struct {
			ID       string           `json:"id"`
			Mentions []enduse.Mention `json:"mentions"`
		}{c.id, r.Find(c.text)})
		if err != nil {
			t.Fatal(err)
		}
		b.Write(out)
		b.WriteByte('\n')
	}
	golden := filepath.Join("testdata", "find.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if b.String() != string(want) {
		gl, wl := strings.Split(b.String(), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) && i < len(wl); i++ {
			if gl[i] != wl[i] {
				t.Fatalf("golden mismatch at line %d:\n got %s\nwant %s", i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("golden mismatch: %d lines, want %d", len(gl), len(wl))
	}
}

// fuzzSeeds are the labelled texts plus a few edge cases.
func fuzzSeeds(tb testing.TB) []string {
	seeds := []string{"", " ", "\xff\xfe", "ＳＴ４０００ＶＸ０１３", "3m人行道+10m车行道+3m", "希捷\t\t\tST1VX1",
		"WS-C2960X-24TS-L-", "a.b@c", "（（（", strings.Repeat("希捷", 50), "\xff希捷\xfeST4000VX013\x80"}
	for _, c := range readLabels(tb, "testdata/labels.txt") {
		seeds = append(seeds, c.text)
	}
	return seeds
}

func FuzzFind(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	r := fixture(f)
	f.Fuzz(func(t *testing.T, s string) {
		checkMentions(t, s, r.Find(s))
		r.Explain(s)
		it := enduse.Item{Name: s, Brand: s, Model: s}
		r.ResolveItem(&it)
	})
}

// benchCorpus returns ~1 MB of decoded notice text (testdata/corpus.txt.gz).
func benchCorpus(tb testing.TB) string {
	f, err := os.Open("testdata/corpus.txt.gz")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(bufio.NewReader(f))
	if err != nil {
		tb.Fatal(err)
	}
	b, err := io.ReadAll(z)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

func BenchmarkFindFixture(b *testing.B) {
	r := fixture(b)
	text := benchCorpus(b)
	runThroughput(b, len(text), func() { r.Find(text) })
}
