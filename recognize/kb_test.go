package recognize

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/kb"
)

var realOnce = sync.OnceValues(func() (*kb.KB, error) { return kb.Load() })

var realRecognizer = sync.OnceValues(func() (*Recognizer, error) {
	k, err := realOnce()
	if err != nil {
		return nil, err
	}
	return New(k)
})

// realKB returns the recogniser built once from the project's knowledge
// base.
func realKB(tb testing.TB) (*Recognizer, *kb.KB) {
	tb.Helper()
	k, err := realOnce()
	if err != nil {
		tb.Fatalf("load kb: %v", err)
	}
	r, err := realRecognizer()
	if err != nil {
		tb.Fatalf("new recognizer: %v", err)
	}
	return r, k
}

func TestNewRealKB(t *testing.T) {
	r, _ := realKB(t)
	ms := r.Find("监控硬盘：希捷酷鹰 ST4000VX013，共20块")
	if len(ms) != 1 {
		t.Fatalf("Find = %+v, want one Seagate SkyHawk mention", ms)
	}
	if m := ms[0]; m.Brand != "Seagate" || m.ProductLine != "SkyHawk" || m.Country != "US" || !m.USLinked ||
		m.Text != "希捷酷鹰 ST4000VX013" || m.Start != 5 {
		t.Errorf("mention = %+v", m)
	}
	ms = r.Find("成交供应商：英潍捷基（上海）贸易有限公司；设备：鲲鹏920服务器")
	if len(ms) != 2 || ms[0].Kind != enduse.MentionCompany || !ms[0].USLinked ||
		ms[1].Kind != enduse.MentionModel || ms[1].Brand != "Huawei" || ms[1].Text != "鲲鹏920" {
		t.Errorf("Find(company, CJK-prefixed model) = %+v", ms)
	}
	it := enduse.Item{Name: "硬盘", Brand: "西部数据", Model: "WD40PURZ"}
	r.ResolveItem(&it)
	if it.Resolved == nil || it.Resolved.Brand != "Western Digital" || it.Resolved.ProductLine == "" {
		t.Errorf("ResolveItem = %+v", it.Resolved)
	}
	es := r.Explain("ST8000VX004")
	if len(es) != 1 || !es[0].Kept || es[0].BrandID == "" || es[0].CompanyID == "" || len(es[0].Path) == 0 {
		t.Errorf("Explain(ST8000VX004) = %+v", es)
	}
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func BenchmarkFind(b *testing.B) {
	r, k := realKB(b)
	text := benchCorpus(b)
	b.Logf("knowledge base: %d aliases, %d patterns", len(k.Aliases()), len(k.Patterns()))
	runThroughput(b, len(text), func() { r.Find(text) })
}

// TestRealKBHoldout scores held-out real titles (testdata/holdout.txt),
// never used to tune the rules, against the project's knowledge base.
func TestRealKBHoldout(t *testing.T) {
	r, k := realKB(t)
	mt, missing := realMatcher(k)
	brand, _, nm, errs := scoreCases(r, readLabels(t, "testdata/holdout.txt"), mt)
	for _, e := range errs {
		t.Log(e)
	}
	t.Logf("labelled brands the knowledge base lacks: %v", keys(missing))
	t.Logf("held-out brand: precision %.3f (%d/%d) recall %.3f (%d/%d); non-mentions left alone %d/%d",
		brand.precision(), brand.tpP, brand.nP, brand.recall(), brand.tpR, brand.nR, nm[0], nm[1])
	if brand.precision() < 0.8 || brand.recall() < 0.8 {
		t.Errorf("held-out brand precision/recall %.3f/%.3f, want ≥ 0.8", brand.precision(), brand.recall())
	}
}

// realMatcher compares mentions with labels through the project knowledge
// base: a label's brand is resolved to its company, and a mention matches
// when it names that company or a company whose corporate path leads to it
// (RapidHIT → IntegenX → acquired by Thermo Fisher). missing collects the
// labelled brands the knowledge base does not hold.
func realMatcher(k *kb.KB) (mt matcher, missing map[string]bool) {
	companyOf := func(name string) string {
		if c, ok := k.FindCompany(name); ok {
			return c.Name
		}
		return ""
	}
	missing = map[string]bool{}
	mt = matcher{
		known: func(l label) bool {
			if companyOf(l.brand) == "" {
				missing[l.brand] = true
				return false
			}
			return true
		},
		same: func(m enduse.Mention, l label) bool {
			if (l.op == '=') != (m.Kind == enduse.MentionCompany) {
				return false
			}
			if m.Brand == l.brand && l.op == '+' {
				return true
			}
			want := companyOf(l.brand)
			if want == "" {
				return false
			}
			if m.Company == want {
				return true
			}
			for _, hop := range m.USLinkPath {
				if strings.Contains(hop, want) {
					return true
				}
			}
			// The mention's company may be linked to the labelled one
			// beyond the first US company (RapidHIT → IntegenX (US) →
			// acquired by Thermo Fisher).
			if c, ok := k.FindCompany(m.Company); ok {
				for _, p := range k.CompanyPath(c.ID) {
					if strings.Contains(p, "→") && strings.Contains(p, want) {
						return true
					}
				}
			}
			return false
		},
		line: func(l label) (string, bool) {
			b, ok := k.FindBrand(l.brand)
			if !ok {
				return "", false
			}
			pl := k.Resolve(b.ID, l.line).ProductLine
			return pl, pl != ""
		},
	}
	return mt, missing
}

// TestRealKBNegatives checks that the project knowledge base does not fire
// on ordinary words that hold a brand alias, nor on codes, dates, amounts
// and phone numbers, while the real models beside them still resolve.
func TestRealKBNegatives(t *testing.T) {
	r, _ := realKB(t)
	for _, text := range []string{
		"font-family:'微软雅黑'", "北华大学网络空间安全项目", "清华大学附属中学", "120t/h生物质锅炉热电联产烟气脱硝",
		"宁波大榭热电有限公司热电项目", "超高清智能交互型机顶盒（大众版）", "全国大众创业万众创新活动周", "航道通航条件影响论证",
		"双阳区山河街道通信管线排迁工程", "其中兴山县", "6超微量磁珠法DNA提取试剂盒", "景阳岗站门外停车场", "中国电子口岸数据中心",
		"近3年内未发生重大金融案件", "高德地图导航服务", "比亚迪三期南侧边坡治理工程", "日产量500吨", "掀起学习浪潮", "三星堆博物馆", "麒麟区人民医院",
		"项目编号：GC2025JC05664", "项目编号：NBZFCG-2025-001", "安全生产许可证：鄂建安B2019000123", "E6地块安置房",
		"CX04-01-03-01", "职称证,EX101300617", "编号SL2025-001", "D5栋", "S5701", "联系电话：0571-88888888",
		"手机13912345678", "2025-03-15", "金额￥1,500,000.00元", "ZJ-ZFCG-2025-0012", "HZCG2025-G-001",
		"YCA010199-202501-01", "TS2025001", "TS3837", "MD202501", "RD202501", "PD001", "EX2025-01", "MX2025-003",
		"QFX2025", "批次号：RD985", "IC-2025001", "NX-2025", "FAS2025", "AS2025G2", "DM2025", "E6", "D5", "CX04",
	} {
		if ms := r.Find(text); len(ms) != 0 {
			t.Errorf("Find(%q) = %+v, want nothing", text, ms)
		}
	}
	for _, tt := range []struct{ text, brand string }{
		{"交换机S5720-28X-SI-AC", "Huawei"}, {"Juniper EX4300-48T", "Juniper"}, {"IBM TS4500磁带库", "IBM"},
		{"FLIR E8-XT热像仪", "FLIR"}, {"尼康D850相机", "Nikon"}, {"奥林巴斯CX43显微镜", "Olympus"},
		{"浪潮NF5280M6服务器", "Inspur"}, {"西门子S7-1200 PLC", "Siemens"}, {"飞利浦监护仪", "Philips"},
		{"美敦力起搏器", "Medtronic"}, {"柯尼卡美能达bizhub C300i", "Konica Minolta"}, {"大金VRV室外机", "Daikin"},
		{"人大金仓数据库管理系统", "KingbaseES"}, {"金山WPS 365", "Kingsoft"}, {"Windows 11 Pro", "Microsoft"},
	} {
		ms := r.Find(tt.text)
		if len(ms) == 0 || ms[0].Brand != tt.brand {
			t.Errorf("Find(%q) = %+v, want a %s mention", tt.text, ms, tt.brand)
		}
	}
}

// TestDFAFindsWhatNFAFinds: the recogniser starts on its NFA and moves to
// the DFA in a long run (dfaAfter); both must find the same mentions, in
// the same order, on the real corpus.
func TestDFAFindsWhatNFAFinds(t *testing.T) {
	k, err := realOnce()
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(k) // its own: the shared one may have moved to its DFA
	if err != nil {
		t.Fatal(err)
	}
	text := benchCorpus(t)
	if len(text) > dfaAfter {
		text = text[:dfaAfter-1]
		for !utf8.ValidString(text) {
			text = text[:len(text)-1]
		}
	}
	nfa := fmt.Sprint(r.Find(text))
	r.ac.Store(r.buildDFA())
	if dfa := fmt.Sprint(r.Find(text)); dfa != nfa {
		t.Errorf("the DFA finds other mentions than the NFA on %d bytes", len(text))
	}
	if len(nfa) < 1000 {
		t.Errorf("only %d bytes of mentions found: the corpus did not load", len(nfa))
	}
}
