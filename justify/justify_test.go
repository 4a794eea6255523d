package justify

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/enduse/enduse"
)

var update = flag.Bool("update", false, "rewrite golden files")

// doc builds a Document whose first line is the title.
func doc(text string) *enduse.Document {
	title, _, _ := strings.Cut(text, "\n")
	return &enduse.Document{Title: title, Text: text}
}

func TestReason(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		classes []enduse.ReasonClass // nil: no reason expected
		starts  string               // the reason text starts with this
	}{
		{
			name:    "numbered section with colon",
			text:    "某项目单一来源采购公示\n二、拟采购项目的说明：硬盘\n三、采用单一来源采购方式的原因及相关说明：\n原有存储系统为希捷产品，扩容硬盘须与原有设备兼容。\n四、拟定的唯一供应商名称、地址：某公司",
			classes: []enduse.ReasonClass{enduse.ReasonCompatibility},
			starts:  "原有存储系统",
		},
		{
			name:    "inline content after the heading",
			text:    "某项目单源论证公示\n六、单源采购的依据及相关说明：该产品为进口产品，国内无同类产品可以替代。\n七、公示期限：3日",
			classes: []enduse.ReasonClass{enduse.ReasonImported, enduse.ReasonOutperforms},
			starts:  "该产品为进口产品",
		},
		{
			name:    "subsections stay inside the section",
			text:    "单一来源采购公示\n三、采用单一来源采购方式的原因及说明\n（一）核心技术为其专利。\n（二）原厂提供维保服务。\n四、公示期限",
			classes: []enduse.ReasonClass{enduse.ReasonSoleService, enduse.ReasonPatent},
			starts:  "（一）核心技术",
		},
		{
			name:    "urgent",
			text:    "抢修项目单一来源采购公告\n单一来源采购理由：因突发事件需紧急采购。\n拟定供应商：某公司",
			classes: []enduse.ReasonClass{enduse.ReasonUrgent},
			starts:  "因突发事件",
		},
		{
			name:    "negated class is not counted",
			text:    "单一来源公示\n申请理由：本项目为物业服务续签，不涉及专利，由原物业公司继续提供服务更为经济。\n",
			classes: []enduse.ReasonClass{enduse.ReasonOther},
			starts:  "本项目为物业服务续签",
		},
		{
			name: "boilerplate in a tender is no reason",
			text: "某公开招标公告\n除单一来源采购项目外，为采购项目提供整体设计的供应商不得参加。\n本项目潜在供应商对拟采用单源采购方式及其理由有异议的可提出。",
		},
		{
			name: "single-source notice without a reason",
			text: "某物业服务单一来源采购公示\n一、采购人：某局\n二、拟定供应商：某公司",
		},
		{
			name:    "cue sentence without a section",
			text:    "某设备单一来源采购公示\n采购人：某局\n由于该系统由原厂开发，后续维护只能由原厂提供，只能从唯一供应商处采购。\n公示期限：5日",
			classes: []enduse.ReasonClass{enduse.ReasonSoleService},
			starts:  "由于该系统",
		},
		{
			name:    "reason in a label/value table row",
			text:    "某设备单一来源采购公示\n项目名称\t指纹系统升级\n采用单一来源采购方式的原因\t原系统为某公司专有技术，升级须与公安部指纹库保持一致。\n拟定供应商\t某公司",
			classes: []enduse.ReasonClass{enduse.ReasonCompatibility, enduse.ReasonPatent},
			starts:  "原系统为某公司",
		},
		{name: "empty", text: ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := doc(tc.text)
			r := Reason(d)
			if tc.classes == nil {
				if r != nil {
					t.Fatalf("got reason %+v, want none", r)
				}
				return
			}
			if r == nil {
				t.Fatal("got no reason")
			}
			checkEvidence(t, d.Text, r)
			if !slices.Equal(r.Classes, tc.classes) {
				t.Errorf("classes = %v, want %v", r.Classes, tc.classes)
			}
			if !strings.HasPrefix(r.Text, tc.starts) {
				t.Errorf("text = %q, want it to start with %q", r.Text, tc.starts)
			}
		})
	}
}

func checkEvidence(t *testing.T, text string, r *enduse.Reason) {
	t.Helper()
	rs := []rune(text)
	e := r.Evidence
	if e.Start < 0 || e.End > len(rs) || e.Start >= e.End || string(rs[e.Start:e.End]) != e.Text || e.Text != r.Text {
		t.Fatalf("evidence %d-%d %q does not match the text", e.Start, e.End, e.Text)
	}
}

func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			d := doc(string(raw))
			r := Reason(d)
			if r != nil {
				checkEvidence(t, d.Text, r)
			}
			got, err := json.MarshalIndent(r, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := strings.TrimSuffix(f, ".txt") + ".golden"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("read golden (run with -update): %v", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs:\n got %s\nwant %s", golden, got, want)
			}
		})
	}
}

func FuzzReason(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.txt"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	f.Add("三、采用单一来源采购方式的原因及说明：\n（一）")
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		r := Reason(doc(text))
		if r == nil {
			return
		}
		rs := []rune(text)
		e := r.Evidence
		if e.Start < 0 || e.End > len(rs) || e.Start > e.End || string(rs[e.Start:e.End]) != e.Text {
			t.Fatalf("bad evidence %+v", e)
		}
		if len(r.Classes) == 0 {
			t.Fatal("reason without classes")
		}
	})
}

func BenchmarkReason(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.txt"))
	var docs []*enduse.Document
	size := 0
	for _, p := range files {
		raw, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, doc(string(raw)))
		size += len(raw)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			Reason(d)
		}
	}
}
