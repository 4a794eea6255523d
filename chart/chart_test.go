package chart

import (
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, rewriting it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden (run with -update to create): %v", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from golden file; run go test ./chart -update and review the diff\ngot:\n%s", name, got)
	}
}

// wellFormed parses s as XML and fails the test when it is not.
func wellFormed(t testing.TB, s string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(s))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, s)
		}
	}
}

func TestGolden(t *testing.T) {
	cases := []struct {
		name string
		svg  string
	}{
		{"bars-brands.svg", string(Bars("Notices by brand", []Bar{
			{Label: "Seagate", Value: 18, Href: "#by-brand-seagate"},
			{Label: "Hikvision", Value: 5, Href: "#by-brand-hikvision"},
			{Label: "Western Digital", Value: 2, Href: "#by-brand-western-digital"},
			{Label: "Uniview", Value: 0.5},
		}))},
		{"bars-cjk-long.svg", string(Bars("按采购人 <buyers> & \"quotes\"", []Bar{
			{Label: "新疆生产建设兵团第一师阿拉尔市公安局交通警察支队直属大队车辆管理所", Value: 1234.5, Href: "report.html#n-1"},
			{Label: "乌鲁木齐市公安局天山区分局", Value: 3, Href: "javascript:alert(1)"},
		}))},
		{"bars-empty.svg", string(Bars("Nothing", nil))},
		{"timeline-gaps.svg", string(Timeline("Notices per month", []Point{
			{Month: "2022-01", Value: 4, Href: "#m-2022-01"},
			{Month: "2022-04", Value: 2, Href: "#m-2022-04"},
			{Month: "2021-11", Value: 1, Href: "#m-2021-11"},
			{Month: "unknown", Value: 3},
		}))},
		{"timeline-empty.svg", string(Timeline("Notices per month", nil))},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			wellFormed(t, c.svg)
			golden(t, c.name, c.svg)
		})
	}
}

func TestBarsEscapesAndLinks(t *testing.T) {
	cases := []struct {
		name        string
		bars        []Bar
		want, never []string
	}{
		{"markup in label", []Bar{{Label: "<script>alert(1)</script>", Value: 1}},
			[]string{"&lt;script&gt;"}, []string{"<script"}},
		{"javascript href dropped", []Bar{{Label: "x", Value: 1, Href: "javascript:alert(1)"}},
			[]string{"<g>"}, []string{"javascript:", "<a "}},
		{"data href dropped", []Bar{{Label: "x", Value: 1, Href: "data:text/html,hi"}},
			nil, []string{"data:", "<a "}},
		{"fragment href kept", []Bar{{Label: "x", Value: 1, Href: "#n-abc"}},
			[]string{`<a href="#n-abc">`}, nil},
		{"quote in href escaped", []Bar{{Label: "x", Value: 1, Href: `#a"onmouseover="x`}},
			[]string{"&#34;"}, []string{`"onmouseover="`}},
		{"control characters removed", []Bar{{Label: "a\x00b\x1bc", Value: 1}},
			[]string{">abc<"}, []string{"\x00", "\x1b"}},
		{"invalid utf-8 replaced", []Bar{{Label: "a\xffb", Value: 1}},
			[]string{"a\uFFFDb"}, nil},
		{"negative and NaN drawn as zero", []Bar{{Label: "neg", Value: -5}, {Label: "nan", Value: math.NaN()}, {Label: "inf", Value: math.Inf(1)}},
			[]string{`width="0"`, "neg: 0", "nan: 0"}, []string{"NaN", "Inf"}},
		{"thousands separated", []Bar{{Label: "big", Value: 1234567}},
			[]string{"1,234,567"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := string(Bars("t", c.bars))
			wellFormed(t, got)
			for _, w := range c.want {
				if !strings.Contains(got, w) {
					t.Errorf("missing %q in\n%s", w, got)
				}
			}
			for _, n := range c.never {
				if strings.Contains(got, n) {
					t.Errorf("unexpected %q in\n%s", n, got)
				}
			}
		})
	}
}

func TestBarsAccessible(t *testing.T) {
	got := string(Bars("Drives by product line", []Bar{{Label: "SkyHawk", Value: 28}}))
	for _, w := range []string{`role="img"`, `aria-label="Drives by product line"`, `<title>Drives by product line</title>`, `<desc>SkyHawk: 28</desc>`} {
		if !strings.Contains(got, w) {
			t.Errorf("missing %q", w)
		}
	}
}

func TestBarsScale(t *testing.T) {
	got := string(Bars("t", []Bar{{Label: "a", Value: 10}, {Label: "b", Value: 5}}))
	// The longest bar fills the plot; the other is half as long.
	a := attr(t, got, "rect", 0, "width")
	b := attr(t, got, "rect", 1, "width")
	if a != 2*b {
		t.Errorf("bar widths %v and %v, want 2:1", a, b)
	}
}

func TestTimelineFillsGaps(t *testing.T) {
	cases := []struct {
		name   string
		points []Point
		months []string // every month label the chart must have, in order
		rects  int
	}{
		{"gap of two months", []Point{{Month: "2022-01", Value: 1}, {Month: "2022-04", Value: 1}},
			[]string{"2022-01: 1", "2022-02: 0", "2022-03: 0", "2022-04: 1"}, 4},
		{"year boundary", []Point{{Month: "2022-01", Value: 2}, {Month: "2021-12", Value: 1}},
			[]string{"2021-12: 1", "2022-01: 2"}, 2},
		{"repeated month summed", []Point{{Month: "2022-03", Value: 2}, {Month: "2022-03", Value: 3}},
			[]string{"2022-03: 5"}, 1},
		{"bad months skipped", []Point{{Month: "2022-13", Value: 1}, {Month: "22-01", Value: 1}, {Month: "2022-02", Value: 1}},
			[]string{"2022-02: 1", "2 without a usable date not shown"}, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := string(Timeline("t", c.points))
			wellFormed(t, got)
			last := -1
			for _, m := range c.months {
				i := strings.Index(got, m)
				if i < 0 {
					t.Fatalf("missing %q in\n%s", m, got)
				}
				if i < last {
					t.Errorf("%q out of order", m)
				}
				last = i
			}
			if n := strings.Count(got, "<rect"); n != c.rects {
				t.Errorf("%d columns, want %d", n, c.rects)
			}
		})
	}
}

func TestTimelineHugeRangeIsCut(t *testing.T) {
	got := string(Timeline("t", []Point{{Month: "1000-01", Value: 1}, {Month: "9999-12", Value: 1}}))
	wellFormed(t, got)
	if n := strings.Count(got, "<rect"); n != maxMonths {
		t.Errorf("%d columns, want the cap %d", n, maxMonths)
	}
}

func TestSafeHref(t *testing.T) {
	cases := []struct {
		href string
		ok   bool
	}{
		{"#n-1", true}, {"notices/abc", true}, {"https://www.ccgp.gov.cn/x.htm", true}, {"HTTP://a", true},
		{"javascript:alert(1)", false}, {" JavaScript:x", false}, {"data:text/html,x", false},
		{"vbscript:x", false}, {"", false}, {"#a\nb", false}, {"mailto:x@y", false},
	}
	for _, c := range cases {
		if _, ok := SafeHref(c.href); ok != c.ok {
			t.Errorf("SafeHref(%q) = %v, want %v", c.href, ok, c.ok)
		}
	}
}

// attr reads a numeric attribute of the i-th element named el.
func attr(t *testing.T, s, el string, i int, name string) float64 {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(s))
	n := 0
	for {
		tok, err := d.Token()
		if err != nil {
			t.Fatalf("no %s #%d", el, i)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == el {
			if n == i {
				for _, a := range se.Attr {
					if a.Name.Local == name {
						var v float64
						if _, err := fmt.Sscan(a.Value, &v); err != nil {
							t.Fatal(err)
						}
						return v
					}
				}
				t.Fatalf("%s #%d has no %s", el, i, name)
			}
			n++
		}
	}
}

// checkHrefs fails when any link of s is not a safe href.
func checkHrefs(t *testing.T, s string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(s))
	for {
		tok, err := d.Token()
		if err != nil {
			return
		}
		if se, ok := tok.(xml.StartElement); ok {
			for _, a := range se.Attr {
				if a.Name.Local == "href" {
					if _, ok := SafeHref(a.Value); !ok {
						t.Fatalf("unsafe href %q passed through", a.Value)
					}
				}
			}
		}
	}
}

func FuzzBars(f *testing.F) {
	f.Add("Seagate", 18.0, "#by-brand-seagate", "新疆 <x> & \"y\"", "2022-01")
	f.Add("\x00\xff", math.NaN(), "javascript:x", "", "unknown")
	f.Add("", -1.0, "", "&amp;", "9999-12")
	f.Fuzz(func(t *testing.T, label string, value float64, href, title, month string) {
		s := string(Bars(title, []Bar{{Label: label, Value: value, Href: href}, {Label: href, Value: value * 2}}))
		wellFormed(t, s)
		checkHrefs(t, s)
		tl := string(Timeline(title, []Point{{Month: month, Value: value, Href: href}, {Month: "2022-01", Value: 1}}))
		wellFormed(t, tl)
		checkHrefs(t, tl)
	})
}

func BenchmarkBars(b *testing.B) {
	bars := make([]Bar, 50)
	for i := range bars {
		bars[i] = Bar{Label: "新疆维吾尔自治区公安厅下属单位", Value: float64(i), Href: "#x"}
	}
	for b.Loop() {
		Bars("bench", bars)
	}
}

func BenchmarkTimeline(b *testing.B) {
	pts := make([]Point, 60)
	for i := range pts {
		pts[i] = Point{Month: monthLabel(2018*12 + i), Value: float64(i), Href: "#m"}
	}
	for b.Loop() {
		Timeline("bench", pts)
	}
}
