package recognize

import (
	"strings"
	"sync"
	"testing"

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

// TestRealKBLabels scores the labelled set against the project's knowledge
// base. Labels of brands the knowledge base does not (yet) hold are left out
// of recall and listed; precision counts every mention found.
func TestRealKBLabels(t *testing.T) {
	r, k := realKB(t)
	mt, missing := realMatcher(k)
	brand, line, nm, errs := scoreCases(r, readLabels(t, "testdata/labels.txt"), mt)
	for _, e := range errs {
		t.Log(e)
	}
	t.Logf("knowledge base: %d brands; labelled brands it lacks: %v", len(k.Brands()), keys(missing))
	t.Logf("brand: precision %.3f (%d/%d) recall %.3f (%d/%d)", brand.precision(), brand.tpP, brand.nP, brand.recall(), brand.tpR, brand.nR)
	t.Logf("product line: precision %.3f (%d/%d) recall %.3f (%d/%d)", line.precision(), line.tpP, line.nP, line.recall(), line.tpR, line.nR)
	t.Logf("non-mentions left alone: %d/%d", nm[0], nm[1])
	if brand.precision() < 0.95 {
		t.Errorf("brand precision %.3f with the project knowledge base, want ≥ 0.95", brand.precision())
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
