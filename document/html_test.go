package document

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/enduse/enduse"
)

var update = flag.Bool("update", false, "rewrite golden files")

// renderLayout renders text and blocks in the reviewable golden form: one
// line per block, "kind[table.row] text" with cells separated by " | ".
func renderLayout(text string, blocks []enduse.Block, title string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "title: %s\n", title)
	for _, bl := range blocks {
		switch bl.Kind {
		case enduse.BlockRow:
			fmt.Fprintf(&b, "tr[%d.%d]", bl.Table, bl.Row)
			for _, c := range bl.Cells {
				b.WriteString(" | ")
				b.WriteString(c.Text)
				if c.ColSpan > 0 || c.RowSpan > 0 {
					fmt.Fprintf(&b, " {%d,%d}", c.ColSpan, c.RowSpan)
				}
			}
			b.WriteString("\n")
		default:
			fmt.Fprintf(&b, "%s %s\n", bl.Kind, substr(text, bl.Start, bl.End))
		}
	}
	return b.String()
}

// substr returns runes [start,end) of s.
func substr(s string, start, end int) string {
	r := []rune(s)
	if start < 0 || end > len(r) || start > end {
		return fmt.Sprintf("<bad offsets %d:%d of %d>", start, end, len(r))
	}
	return string(r[start:end])
}

// checkOffsets verifies that every block and cell offset points at its
// text, and that blocks tile the text line by line.
func checkOffsets(t *testing.T, name, text string, blocks []enduse.Block) {
	t.Helper()
	r := []rune(text)
	lines := strings.Split(text, "\n")
	if text == "" {
		lines = nil
	}
	if len(lines) != len(blocks) {
		t.Fatalf("%s: %d lines but %d blocks", name, len(lines), len(blocks))
	}
	prev := -1
	for i, b := range blocks {
		if b.Start <= prev || b.End < b.Start || b.End > len(r) {
			t.Fatalf("%s: block %d has bad offsets %d:%d (prev end %d, len %d)", name, i, b.Start, b.End, prev, len(r))
		}
		if got := string(r[b.Start:b.End]); got != lines[i] {
			t.Fatalf("%s: block %d text %q, line %q", name, i, got, lines[i])
		}
		if strings.TrimSpace(lines[i]) == "" {
			t.Fatalf("%s: block %d is empty", name, i)
		}
		if b.Kind == enduse.BlockRow {
			var parts []string
			for j, c := range b.Cells {
				if got := string(r[c.Start:c.End]); got != c.Text {
					t.Fatalf("%s: block %d cell %d offsets give %q, text %q", name, i, j, got, c.Text)
				}
				if strings.ContainsAny(c.Text, "\t\n") {
					t.Fatalf("%s: block %d cell %d holds tab/newline: %q", name, i, j, c.Text)
				}
				parts = append(parts, c.Text)
			}
			if strings.Join(parts, "\t") != lines[i] {
				t.Fatalf("%s: block %d cells do not join to the line", name, i)
			}
		} else if strings.Contains(lines[i], "\t") {
			t.Fatalf("%s: paragraph %d holds a tab", name, i)
		}
		prev = b.End
	}
	if !utf8.ValidString(text) {
		t.Fatalf("%s: invalid UTF-8 output", name)
	}
}

func TestHTMLToTextGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/golden/*.html")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden inputs: %v", err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".html")
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			text, blocks, title := HTMLToText(string(raw))
			checkOffsets(t, name, text, blocks)
			got := renderLayout(text, blocks, title)
			golden := strings.TrimSuffix(f, ".html") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if got != string(want) {
				t.Errorf("layout differs from %s (run go test -update and review):\n%s", golden, firstDiff(string(want), got))
			}
		})
	}
}

// firstDiff describes the first differing line of two texts.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\nwant %q\ngot  %q", i+1, wl, gl)
		}
	}
	return "identical"
}

func TestHTMLToTextCases(t *testing.T) {
	tests := []struct {
		name  string
		html  string
		want  string // rendered layout without the title line
		title string
	}{
		{
			name: "br runs and nbsp",
			html: "<p>采购人：某某局<br><br><br>&nbsp;&nbsp;地址：\u3000\u3000宁波市</p>",
			want: "p 采购人：某某局\np 地址： 宁波市\n",
		},
		{
			name: "script style head dropped",
			html: "<html><head><title> 某 公告 </title><style>p{}</style><script>var a='x'</script></head><body><script>alert(1)</script><p>正文</p><noscript>请启用</noscript></body></html>",
			want: "p 正文\n", title: "某 公告",
		},
		{
			name: "h1 is the title when title is empty",
			html: "<title></title><h1>某某项目 中标公告</h1><p>x</p>",
			want: "h 某某项目 中标公告\np x\n", title: "某某项目 中标公告",
		},
		{
			name: "label value table",
			html: "<table><tr><td> 招标人:</td><td>宜昌金猇置业\n有限公司</td><td>建设地点</td><td>宜昌市\t猇亭区</td></tr><tr><td>中标价(元):</td><td colspan=3>180014035.01</td></tr></table>",
			want: "tr[1.0] | 招标人: | 宜昌金猇置业 有限公司 | 建设地点 | 宜昌市 猇亭区\ntr[1.1] | 中标价(元): | 180014035.01 {3,0}\n",
		},
		{
			name: "paragraphs inside cells collapse",
			html: "<table><tr><td><p>品牌</p></td><td><p>希捷</p><p>ST8000VX004</p></td></tr></table>",
			want: "tr[1.0] | 品牌 | 希捷 ST8000VX004\n",
		},
		{
			name: "layout wrapper table",
			html: "<table><tr><td><p>一、项目概况</p><table><tr><td>序号</td><td>名称</td></tr><tr><td>1</td><td>硬盘</td></tr></table><p>二、其他</p></td></tr></table>",
			want: "p 一、项目概况\ntr[1.0] | 序号 | 名称\ntr[1.1] | 1 | 硬盘\np 二、其他\n",
		},
		{
			name: "nested table in data cell is flattened",
			html: "<table><tr><td>参数</td><td><table><tr><td>容量</td><td>8TB</td></tr></table></td></tr></table>",
			want: "tr[1.0] | 参数 | 容量 8TB\n",
		},
		{
			name: "empty rows and cells",
			html: "<table><tr><td></td><td>&nbsp;</td></tr><tr><td>a</td><td></td><td>c</td></tr></table>",
			want: "tr[1.0] | a |  | c\n",
		},
		{
			name: "rowspan recorded",
			html: "<table><tr><td rowspan=2>1</td><td>a</td></tr><tr><td>b</td></tr></table>",
			want: "tr[1.0] | 1 {0,2} | a\ntr[1.1] | b\n",
		},
		{
			name: "table inside p (Word export)",
			html: "<p>前文<table><tr><td>x</td><td>y</td></tr></table>后文</p>",
			want: "p 前文\ntr[1.0] | x | y\np 后文\n",
		},
		{
			name: "two tables numbered",
			html: "<table><tr><td>a</td></tr></table><p>mid</p><table><tr><td>b</td></tr></table>",
			want: "tr[1.0] | a\np mid\ntr[2.0] | b\n",
		},
		{
			name: "hidden elements dropped",
			html: "<style>.jf{display:none}</style><div class='jf'>隐藏</div><div style='display: none'>也隐藏</div><p hidden>藏</p><p>显示</p>",
			want: "p 显示\n",
		},
		{
			name: "bold line is a heading, bold label value is not",
			html: "<p><b>一、采购需求：</b></p><p><strong>电话：0574-1</strong></p><p><b>很长</b>的混排</p>",
			want: "h 一、采购需求：\np 电话：0574-1\np 很长的混排\n",
		},
		{
			name: "word markup",
			html: "<p class=MsoNormal><span lang=EN-US style='font-size:12pt'>ST8000<o:p></o:p></span><span>VX004</span></p><spanyes';font-family:宋体>采购</spanyes';font-family:宋体>",
			want: "p ST8000VX004\np 采购\n",
		},
		{
			name: "pre keeps lines",
			html: "<pre>第一行\n  第二行\n\n</pre>",
			want: "p 第一行\np 第二行\n",
		},
		{
			name: "list items and headings",
			html: "<h2>标题</h2><ul><li>一</li><li>二</li></ul>",
			want: "h 标题\np 一\np 二\n",
		},
		{
			name: "zero width and control characters dropped",
			html: "<p>\u200b采\ufeff购\x01</p>",
			want: "p 采购\n",
		},
		{
			name: "letter-spaced Chinese closed up, word spaces kept",
			html: "<p>联 系 人：某单位</p><p>甲公司 乙公司</p><p>宁 波 市 阳 光</p><p>第一名 湖北</p><p>ST8000 VX004 硬 盘</p><table><tr><td>名 次</td><td>地 址： 宁波</td></tr></table>",
			want: "p 联系人：某单位\np 甲公司 乙公司\np 宁波市阳光\np 第一名 湖北\np ST8000 VX004 硬盘\ntr[1.0] | 名次 | 地址： 宁波\n",
		},
		{
			name: "table-based page: navigation beside content",
			html: "<table><tr><td><a>首页</a><br><a>通知公告</a></td><td><h3>某局采购公告</h3><p>一、项目概况</p><table><tr><td>品目</td><td>数量</td></tr><tr><td>硬盘</td><td>4</td></tr></table><p>二、联系方式</p></td></tr></table>",
			want: "p 首页\np 通知公告\nh 某局采购公告\np 一、项目概况\ntr[1.0] | 品目 | 数量\ntr[1.1] | 硬盘 | 4\np 二、联系方式\n",
		},
		{
			name: "single-row layout with long content column",
			html: "<table><tr><td>栏目</td><td><p>第一段</p><p>第二段</p><p>第三段</p></td></tr></table>",
			want: "p 栏目\np 第一段\np 第二段\np 第三段\n",
		},
		{
			name: "line item with multi-line spec and small nested table stays a row",
			html: "<table><tr><th>名称</th><th>参数</th><th>数量</th></tr><tr><td>硬盘</td><td>容量8TB<br>转速7200<br>缓存256MB<br>接口SATA</td><td><table><tr><td>4</td><td>块</td></tr></table></td></tr></table>",
			want: "tr[1.0] | 名称 | 参数 | 数量\ntr[1.1] | 硬盘 | 容量8TB 转速7200 缓存256MB 接口SATA | 4 块\n",
		},
		{
			name: "empty input",
			html: "",
			want: "",
		},
		{
			name: "thead tbody tfoot order",
			html: "<table><thead><tr><th>名称</th><th>数量</th></tr></thead><tbody><tr><td>硬盘</td><td>4</td></tr></tbody></table>",
			want: "tr[1.0] | 名称 | 数量\ntr[1.1] | 硬盘 | 4\n",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text, blocks, title := HTMLToText(tc.html)
			checkOffsets(t, tc.name, text, blocks)
			got := strings.TrimPrefix(renderLayout(text, blocks, title), "title: "+title+"\n")
			if got != tc.want {
				t.Errorf("layout:\n%s\nwant:\n%s", got, tc.want)
			}
			if title != tc.title {
				t.Errorf("title %q, want %q", title, tc.title)
			}
		})
	}
}

func TestHTMLToTextDeepNesting(t *testing.T) {
	const depth = 200000
	src := strings.Repeat("<div><span>", depth) + "深" + strings.Repeat("<br>层", 3) + strings.Repeat("</span></div>", depth)
	text, blocks, _ := HTMLToText(src)
	checkOffsets(t, "deep", text, blocks)
	if text != "深\n层\n层\n层" {
		t.Errorf("text %.200q", text)
	}
}

func TestYichangRowsAreLabelValue(t *testing.T) {
	raw, err := os.ReadFile("testdata/golden/yichang-award.html")
	if err != nil {
		t.Fatal(err)
	}
	text, _, _ := HTMLToText(string(raw))
	for _, want := range []string{
		"招标人:\t兴山县疾病预防控制中心\t建设地点\t兴山县疾病预防控制中心",
		"中标价(元):\t534000.00\t履约期限(天):\t合同签订之日起30个日历天。",
	} {
		if !strings.Contains(text, want+"\n") {
			t.Errorf("text lacks line %q", want)
		}
	}
}

func FuzzHTMLToText(f *testing.F) {
	files, _ := filepath.Glob("testdata/golden/*.html")
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err == nil {
			f.Add(string(b))
		}
	}
	f.Add("<table><tr><td rowspan=99999999999>a<table><tr><td>b</td></tr></table></td></tr></table>")
	f.Add("<p>\u3000<b>x</b>：<br>y</p><pre>\n\n</pre>")
	f.Fuzz(func(t *testing.T, s string) {
		text, blocks, _ := HTMLToText(s)
		checkOffsets(t, "fuzz", text, blocks)
		tables := 0
		for _, b := range blocks {
			tables = max(tables, b.Table)
		}
		for n := 1; n <= tables; n++ {
			g := Grid(blocks, n)
			for _, row := range g {
				if len(row) != len(g[0]) {
					t.Fatalf("table %d: ragged grid", n)
				}
			}
		}
	})
}

func BenchmarkHTMLToText(b *testing.B) {
	files, _ := filepath.Glob("testdata/golden/*.html")
	var docs []string
	total := 0
	for _, p := range files {
		raw, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, string(raw))
		total += len(raw)
	}
	b.SetBytes(int64(total))
	b.ResetTimer()
	for range b.N {
		for _, d := range docs {
			HTMLToText(d)
		}
	}
}

func TestStripSiteName(t *testing.T) {
	tests := []struct{ in, site, want string }{
		{"克拉玛依市公安局硬盘采购项目成交结果公告_中国政府采购网", "", "克拉玛依市公安局硬盘采购项目成交结果公告"},
		{"宜昌市某项目中标结果公告 - 宜昌市公共资源交易中心", "", "宜昌市某项目中标结果公告"},
		{"某某项目招标公告|浙江政府采购网", "", "某某项目招标公告"},
		{"某某项目招标公告_阳光采购", "阳光采购", "某某项目招标公告"},
		// Hyphens inside a title are not site separators.
		{"宜昌市公安局2022-2023年度监控运维服务采购项目", "", "宜昌市公安局2022-2023年度监控运维服务采购项目"},
		{"ST4000VX013-希捷硬盘采购", "", "ST4000VX013-希捷硬盘采购"},
		{"短_中国政府采购网", "", "短_中国政府采购网"},
	}
	for _, tt := range tests {
		if got := stripSiteName(tt.in, tt.site); got != tt.want {
			t.Errorf("stripSiteName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// collapseSpaceRef is collapseSpace as its rules read, rune by rune: the
// reference for the ASCII fast path.
func collapseSpaceRef(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if isSpace(r) || unicode.IsSpace(r) {
			space = true
			continue
		}
		if isInvisible(r) || r < 0x20 || r == 0x7F {
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

func TestCollapseSpaceFastPath(t *testing.T) {
	for _, s := range []string{"", "  a  b ", "\x00\x00a\x01\x7fb", "采购 \u3000 人：\t某局\r\n", "a\xffb \xe4\xb8", " \u200b x\u00a0y\u0085z ",
		strings.Repeat("\x00", 100) + "监控", "ST8000VX004  希捷\v\f硬盘"} {
		if got, want := collapseSpace(s), collapseSpaceRef(s); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	}
}
