package pipeline

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/document"
	"github.com/enduse/enduse/redact"
	"github.com/enduse/enduse/sample"
)

// sampleDocs decodes the bundled sample of real notices.
func sampleDocs(t testing.TB) []*enduse.Document {
	t.Helper()
	var docs []*enduse.Document
	err := sample.Read(func(d *enduse.Document, err error) error {
		if err != nil {
			t.Errorf("sample: %v", err)
			return nil
		}
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

func newPipeline(t testing.TB) *Pipeline {
	t.Helper()
	p, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

var mobile = regexp.MustCompile(`(^|[^0-9A-Za-z])1[3-9][0-9]{9}([^0-9A-Za-z]|$)`)

// TestNoPersonalDataInOutput runs every sample notice through the pipeline
// and checks that nothing redact finds in the original text reaches the
// notice output or the redacted text, and that no mobile number survives.
func TestNoPersonalDataInOutput(t *testing.T) {
	p := newPipeline(t)
	docs := sampleDocs(t)
	if len(docs) < 400 {
		t.Fatalf("sample has %d documents, want the bundled 432", len(docs))
	}
	leaks := 0
	for _, d := range docs {
		res := p.Process(d)
		if utf8.RuneCountInString(res.Redacted) != utf8.RuneCountInString(d.Text) {
			t.Errorf("%s: redacted text has %d runes, text %d: offsets would break", d.Source,
				utf8.RuneCountInString(res.Redacted), utf8.RuneCountInString(d.Text))
		}
		out, err := json.Marshal(res.Notice)
		if err != nil {
			t.Fatal(err)
		}
		js := string(out)
		for _, sp := range redact.Find(d.Text) {
			personal := string([]rune(d.Text)[sp.Start:sp.End])
			if utf8.RuneCountInString(personal) < 2 {
				continue
			}
			if strings.Contains(js, personal) && !strings.Contains(d.Title, personal) {
				leaks++
				if leaks < 10 {
					t.Errorf("%s: %s %q from the text appears in the notice output", d.Source, sp.Kind, personal)
				}
			}
			if strings.Contains(res.Redacted, personal) && !strings.Contains(d.Title, personal) && sp.Kind != "person" {
				t.Errorf("%s: %s %q survives in the redacted text", d.Source, sp.Kind, personal)
			}
		}
		if m := mobile.FindString(res.Redacted); m != "" {
			t.Errorf("%s: a mobile number %q survives redaction", d.Source, m)
		}
		if m := mobile.FindString(js); m != "" {
			t.Errorf("%s: a mobile number %q is in the notice output", d.Source, m)
		}
	}
	t.Logf("%d sample notices checked; %d personal-data leaks", len(docs), leaks)
}

// TestEvidenceMatchesText checks that every evidence span of every sample
// notice quotes the redacted text at its offsets.
func TestEvidenceMatchesText(t *testing.T) {
	p := newPipeline(t)
	for _, d := range sampleDocs(t) {
		res := p.Process(d)
		runes := []rune(res.Redacted)
		check := func(what string, ev enduse.Evidence) {
			if ev.Start < 0 || ev.End > len(runes) || ev.Start > ev.End {
				t.Errorf("%s: %s evidence [%d,%d) outside text of %d runes", d.Source, what, ev.Start, ev.End, len(runes))
				return
			}
			if got := string(runes[ev.Start:ev.End]); got != ev.Text {
				t.Errorf("%s: %s evidence text %q, text at offsets %q", d.Source, what, ev.Text, got)
			}
		}
		for k, ev := range res.Notice.Evidence {
			check(k, ev)
		}
		for _, it := range res.Notice.Items {
			if it.Evidence != nil {
				check("item", *it.Evidence)
			}
		}
		orig := []rune(d.Text)
		for _, m := range res.Notice.Mentions {
			if m.Start < 0 || m.End > len(orig) || string(orig[m.Start:m.End]) != m.Text {
				t.Errorf("%s: mention %q at [%d,%d) does not match the text", d.Source, m.Text, m.Start, m.End)
			}
		}
	}
}

func BenchmarkProcess(b *testing.B) {
	p := newPipeline(b)
	docs := sampleDocs(b)
	var size int64
	for _, d := range docs {
		size += int64(len(d.Raw))
	}
	b.SetBytes(size)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			c := *d
			p.Process(&c)
		}
	}
	b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "notices/s")
}

// TestConstructedAward runs a small constructed award notice through every
// stage: buyer classified, supplier named in English by the knowledge base
// and screened, item resolved to its brand and product line.
func TestConstructedAward(t *testing.T) {
	p := newPipeline(t)
	html := `<html><head><title>乌鲁木齐市公安局天山区分局监控设备采购项目中标公告</title></head><body>
<p>采购人：乌鲁木齐市公安局天山区分局</p><p>中标供应商：杭州海康威视数字技术股份有限公司</p>
<table><tr><td>名称</td><td>品牌</td><td>规格型号</td><td>数量</td></tr>
<tr><td>硬盘</td><td>希捷</td><td>ST4000VX013</td><td>20</td></tr></table></body></html>`
	d, err := document.Parse([]byte(html), "constructed.html", document.Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := p.Process(d).Notice
	if n.Buyer == nil || n.Buyer.Sector != enduse.SectorPublicSecurity || n.Buyer.Region == nil || n.Buyer.Region.Code[:2] != "65" {
		t.Errorf("buyer %+v", n.Buyer)
	}
	if len(n.Suppliers) != 1 || n.Suppliers[0].NameEN != "Hangzhou Hikvision Digital Technology Co., Ltd." {
		t.Errorf("suppliers %+v", n.Suppliers)
	}
	roles := map[string]bool{}
	for _, h := range n.Hits {
		roles[h.Org] = true
	}
	if !roles["buyer"] || !roles["supplier"] {
		t.Errorf("hits by role %v; want the buyer (subordinate of a listed PSB) and the supplier (Hikvision)", roles)
	}
	if len(n.Items) != 1 || n.Items[0].Resolved == nil || n.Items[0].Resolved.Brand != "Seagate" || n.Items[0].Resolved.ProductLine != "SkyHawk" || n.Items[0].Quantity != 20 {
		t.Errorf("items %+v", n.Items)
	}
}
