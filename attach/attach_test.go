package attach

import (
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/enduse/enduse"
)

// doc makes a document whose sha256 is its source, for readable results.
func doc(src, media, text string) *enduse.Document {
	return &enduse.Document{SHA256: src, Source: src, MediaType: media, Text: text, Raw: []byte(text)}
}

func page(src, text string) *enduse.Document { return doc(src, "text/html", text) }
func pdf(src string) *enduse.Document        { return doc(src, "application/pdf", "设备清单") }

// layout renders Group's output as "notice[child,child]" lines.
func layout(t *testing.T, in []*enduse.Document, errs ...error) []string {
	t.Helper()
	src := func(fn func(*enduse.Document, error) error) error {
		for _, d := range in {
			if err := fn(d, nil); err != nil {
				return err
			}
		}
		for _, e := range errs {
			if err := fn(nil, e); err != nil {
				return err
			}
		}
		return nil
	}
	var out []string
	err := Group(src)(func(d *enduse.Document, err error) error {
		if err != nil {
			out = append(out, "error: "+err.Error())
			return nil
		}
		var kids []string
		for _, c := range d.Children {
			if c.Parent != d.SHA256 {
				t.Errorf("child %s has parent %q, want %q", c.Source, c.Parent, d.SHA256)
			}
			kids = append(kids, c.Source)
		}
		s := d.Source
		if len(kids) > 0 {
			s += "[" + strings.Join(kids, ",") + "]"
		}
		out = append(out, s)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

func TestGroup(t *testing.T) {
	rec := func(src, id, text string) *enduse.Document {
		d := page(src, text)
		d.RecordID = id
		return d
	}
	cases := []struct {
		name string
		in   []*enduse.Document
		want []string
	}{
		{"zip of one notice",
			[]*enduse.Document{page("a.zip!公告.html", "采购公告"), pdf("a.zip!招标文件.pdf"), pdf("a.zip!清单.xlsx")},
			[]string{"a.zip!公告.html[a.zip!招标文件.pdf,a.zip!清单.xlsx]"}},
		{"page names its attachment among several pages",
			[]*enduse.Document{page("d/1.html", "附件：设备清单.pdf"), page("d/2.html", "另一公告"), pdf("d/设备清单.pdf"), pdf("d/other.pdf")},
			[]string{"d/1.html[d/设备清单.pdf]", "d/2.html", "d/other.pdf"}},
		{"name without extension",
			[]*enduse.Document{page("d/1.html", "详见附件分项报价表"), page("d/2.html", "x"), pdf("d/分项报价表.xls")},
			[]string{"d/1.html[d/分项报价表.xls]", "d/2.html"}},
		{"record id folder",
			[]*enduse.Document{pdf("exp/42/清单.pdf"), pdf("exp/43/清单.pdf"), rec("exp/r.jsonl#1", "42", "公告一"), rec("exp/r.jsonl#2", "43", "公告二")},
			[]string{"exp/r.jsonl#1[exp/42/清单.pdf]", "exp/r.jsonl#2[exp/43/清单.pdf]"}},
		{"nested archive of attachments",
			[]*enduse.Document{page("n.zip!公告.html", "公告"), pdf("n.zip!附件.rar!a.pdf"), pdf("n.zip!附件.rar!b.doc")},
			[]string{"n.zip!公告.html[n.zip!附件.rar!a.pdf,n.zip!附件.rar!b.doc]"}},
		{"subfolder of downloads",
			[]*enduse.Document{page("p/notice.html", "公告"), pdf("p/files/a.pdf"), pdf("p/zz.pdf")},
			[]string{"p/notice.html[p/zz.pdf,p/files/a.pdf]"}},
		{"no page: each file is its own notice",
			[]*enduse.Document{pdf("x/a.pdf"), pdf("x/b.pdf")},
			[]string{"x/a.pdf", "x/b.pdf"}},
		{"two pages, unnamed file stays alone",
			[]*enduse.Document{page("y/1.html", "a"), page("y/2.html", "b"), pdf("y/c.pdf")},
			[]string{"y/1.html", "y/2.html", "y/c.pdf"}},
		{"folders do not mix",
			[]*enduse.Document{page("m/a/1.html", "a"), pdf("m/b/c.pdf")},
			[]string{"m/a/1.html", "m/b/c.pdf"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := layout(t, c.in); !reflect.DeepEqual(got, c.want) {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
		})
	}
}

// TestGroupErrorsPassThrough: unreadable inputs still reach the caller.
func TestGroupErrorsPassThrough(t *testing.T) {
	got := layout(t, []*enduse.Document{pdf("a/x.pdf")}, errors.New("walk a/y.doc: truncated"))
	want := []string{"a/x.pdf", "error: walk a/y.doc: truncated"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestGroupBounded: a folder of many notices is read in batches, so memory
// stays bounded, and no "only page" rule fires across batches.
func TestGroupBounded(t *testing.T) {
	var in []*enduse.Document
	for i := 0; i < MaxScopeDocs*3; i++ {
		in = append(in, page(fmt.Sprintf("big/%05d.html", i), "公告"))
	}
	in = append(in, pdf("big/z.pdf"))
	got := layout(t, in)
	if len(got) != len(in) {
		t.Fatalf("%d outputs, want %d", len(got), len(in))
	}
	for _, g := range got {
		if strings.Contains(g, "[") {
			t.Errorf("unexpected grouping %s", g)
		}
	}
}

func TestDirOf(t *testing.T) {
	for in, want := range map[string]string{
		"a/b/c.html": "a/b", "c.html": "", "a.zip!x/y.pdf": "a.zip!x", "a.zip!y.pdf": "a.zip",
		"exp/r.jsonl#12": "exp", "https://x.cn/a/b.pdf": "https://x.cn/a",
	} {
		if got := DirOf(in); got != want {
			t.Errorf("DirOf(%q) = %q, want %q", in, got, want)
		}
	}
}
