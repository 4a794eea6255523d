package document

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// words lays out rows of cells as pdftotext words: one word per cell text
// (space-separated parts become words 4pt apart), cells at the given x.
func words(rows [][]string, xs []float64, y0 float64) []pdfWord {
	var ws []pdfWord
	for i, row := range rows {
		y := y0 + float64(i)*20
		for c, cell := range row {
			x := xs[c]
			for _, part := range strings.Fields(cell) {
				w := float64(len([]rune(part))) * 8
				ws = append(ws, pdfWord{x0: x, y0: y, x1: x + w, y1: y + 12, text: part})
				x += w + 3
			}
		}
	}
	return ws
}

func TestGeometryToText(t *testing.T) {
	xs := []float64{50, 90, 200, 260, 400}
	cases := []struct {
		name string
		ws   []pdfWord
		want string
	}{
		{"table with narrow column gaps",
			words([][]string{{"序号", "名称", "品牌", "型号", "数量"}, {"1", "监控硬盘", "希捷", "ST8000VX004", "80"}, {"2", "服务器", "戴尔", "PowerEdge R740", "2"}}, xs, 100),
			"序号\t名称\t品牌\t型号\t数量\n1\t监控硬盘\t希捷\tST8000VX004\t80\n2\t服务器\t戴尔\tPowerEdge R740\t2"},
		{"two columns are not a table",
			words([][]string{{"采购人：", "某局"}, {"地址：", "某路"}}, xs, 100),
			"采购人：某局\n地址：某路"},
		{"paragraph wrapped at the margin is joined",
			append(words([][]string{{"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"}}, xs, 100),
				pdfWord{x0: 50, y0: 115, x1: 82, y1: 127, text: "续行"}),
			"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十续行"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			text, blocks, _ := geometryToText([][]pdfWord{c.ws})
			if text != c.want {
				t.Errorf("text\n%q\nwant\n%q", text, c.want)
			}
			checkOffsets(t, c.name, text, blocks)
		})
	}
}

// TestWrappedCells: a row whose cells wrap over lines above and below its
// anchor line (vertically centred cells) is read back as one row.
func TestWrappedCells(t *testing.T) {
	w := func(x, y float64, s string) pdfWord {
		return pdfWord{x0: x, y0: y, x1: x + float64(len([]rune(s)))*10, y1: y + 10, text: s}
	}
	ws := []pdfWord{
		w(10, 0, "品目"), w(60, 0, "货物名称"), w(160, 0, "品牌"), w(260, 0, "数量"),
		w(160, 14, "宝德或清华同"),
		w(10, 26, "一"), w(60, 26, "鲲鹏920服务器"), w(260, 26, "1批"),
		w(160, 38, "方或昆仑"),
		w(60, 52, "磁带库（机架式）设"),
		w(10, 64, "六"), w(160, 64, "IBM或为昆腾"), w(260, 64, "2台"),
		w(60, 76, "备"),
	}
	text, _, _ := geometryToText([][]pdfWord{ws})
	want := "品目\t货物名称\t品牌\t数量\n一\t鲲鹏920服务器\t宝德或清华同方或昆仑\t1批\n六\t磁带库（机架式）设备\tIBM或为昆腾\t2台"
	if text != want {
		t.Errorf("text\n%s\nwant\n%s", text, want)
	}
}

func TestGarbled(t *testing.T) {
	for s, want := range map[string]bool{
		"宁波银行股份有限公司采购服务器及存储设备，项目编号NBGODOZB223211-231。":     false,
		"ＮＢＧＯＤＯＺＢ２２３２１１－２３１　宁波银行２０２５年":                     false,
		"࿫㭲᭾ჸǂƴǂǗ⒐̸ΐ䂳⤖䲵䋜ኟΎ㩜⠊໌ሜЃ䋣Ե㌟㐓㎦Ե㌟᝸⮊":                  true,
		"Äþ²¨ÒøÐÐ¹É·ÝÓÐÏÞ¹«Ë¾²É¹ºÄþ²¨ÒøÐÐ¹É·ÝÓÐÏÞ¹«Ë¾²É¹º": true, // GBK read as Latin-1
		"": false,
	} {
		if got := garbled(s); got != want {
			t.Errorf("garbled(%q) = %v, want %v", s, got, want)
		}
	}
}

func FuzzGeometry(f *testing.F) {
	seed, err := os.ReadFile("testdata/formats/equip.bbox.xhtml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte(`<doc><page><word xMin="1" yMin="1" xMax="9" yMax="9">采购</word></page></doc>`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		pages, err := readBBox(bytes.NewReader(raw))
		if err != nil {
			return
		}
		text, blocks, starts := geometryToText(pages)
		if len(starts) != len(pages) {
			t.Fatalf("%d page starts for %d pages", len(starts), len(pages))
		}
		checkOffsets(t, "fuzz", text, blocks)
	})
}

func FuzzTesseractTSV(f *testing.F) {
	f.Add([]byte("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n" +
		"5\t1\t1\t1\t1\t1\t10\t10\t40\t20\t91\t监控硬盘\n5\t1\t1\t1\t1\t2\t90\t10\t30\t20\t88\t希捷|\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		ws := parseTSV(raw)
		for _, w := range ws {
			if w.x1 <= w.x0 || w.y1 <= w.y0 || w.text == "" {
				t.Fatalf("bad word %+v", w)
			}
		}
		text, blocks, _ := geometryToText([][]pdfWord{ws})
		checkOffsets(t, "tsv", text, blocks)
	})
}

// FuzzPDF runs the real pdftotext on mutated PDFs: whatever the bytes, the
// reader returns a document or an error, within the timeout (5 s here, so
// the fuzzer never takes a slow input for a hang), and never panics.
func FuzzPDF(f *testing.F) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		f.Skip("pdftotext not installed")
	}
	for _, name := range []string{"equip.pdf", "nb-gbk-euc-h.pdf", "nb-garbled-identity.pdf"} {
		b, err := os.ReadFile("testdata/formats/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add(makePDF([]string{"采购人：某局"}))
	f.Fuzz(func(t *testing.T, raw []byte) {
		d, err := ParseContext(context.Background(), append([]byte("%PDF-1.4\n"), raw...), "f.pdf", Options{Tesseract: "/nonexistent", Timeout: 5 * time.Second})
		if err != nil {
			if !strings.Contains(err.Error(), "f.pdf") {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		checkOffsets(t, "pdf", d.Text, d.Blocks)
	})
}

// TestHostilePDFs: a page tree that loops and a truncated file end in a
// clear error naming the file (or, for the truncated file, what poppler
// could still read), within the converter timeout.
func TestHostilePDFs(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	loop, err := os.ReadFile("testdata/formats/loop-pages.pdf")
	if err != nil {
		t.Fatal(err)
	}
	whole, err := os.ReadFile("testdata/formats/equip.pdf")
	if err != nil {
		t.Fatal(err)
	}
	opt := Options{Timeout: 20 * time.Second, Tesseract: "/nonexistent/tesseract"}
	if _, err := Parse(loop, "loop.pdf", opt); err == nil || !strings.Contains(err.Error(), "loop.pdf") || !strings.Contains(err.Error(), "no text layer") {
		t.Errorf("loop: err = %v, want a no-text error naming the file", err)
	}
	d, err := Parse(whole[:len(whole)/2], "cut.pdf", opt)
	if err != nil {
		if !strings.Contains(err.Error(), "cut.pdf") {
			t.Errorf("truncated: err %v does not name the file", err)
		}
		return
	}
	checkOffsets(t, "cut.pdf", d.Text, d.Blocks)
}
