package document

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/safetext"
)

// needTool skips the test when an external converter is absent.
func needTool(t *testing.T, name, pkg string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("%s not installed (apt-get install %s)", name, pkg)
	}
}

// makeDOCX writes a minimal WordprocessingML package: a bold heading, a
// paragraph with a line break, and a 2×3 table with a merged cell.
func makeDOCX(t testing.TB) []byte {
	t.Helper()
	const doc = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>采购需求</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">采购人：  某市公安局</w:t></w:r><w:r><w:br/><w:t>预算：12万元</w:t></w:r></w:p>
<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>一、货物清单</w:t></w:r></w:p>
<w:tbl>
<w:tr><w:tc><w:p><w:r><w:t>品牌</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>型号</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>数量</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:p><w:r><w:t>希捷</w:t></w:r></w:p><w:p><w:r><w:t>Seagate</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>ST8000VX004</w:t></w:r><w:r><w:tab/><w:t>4块</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>合计</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc></w:tr>
</w:tbl>
<w:p><w:r><w:t>其他</w:t></w:r></w:p>
</w:body></w:document>`
	const core = `<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>硬盘采购</dc:title></cp:coreProperties>`
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range map[string]string{"[Content_Types].xml": `<Types/>`, "word/document.xml": doc, "docProps/core.xml": core} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// makeXLSX writes a two-sheet workbook with excelize.
func makeXLSX(t testing.TB) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "货物清单")
	rows := [][]any{{"序号", "名称", "品牌", "型号", "数量"}, {1, "硬盘", "希捷", "ST8000VX004", 4}, {}, {2, "交换机", "思科", "C9300-48P", 2}}
	for i, r := range rows {
		if err := f.SetSheetRow("货物清单", fmt.Sprintf("A%d", i+1), &r); err != nil {
			t.Fatal(err)
		}
	}
	f.SetSheetRow("货物清单", "A6", &[]any{"合计", nil, nil, nil, 6})
	f.MergeCell("货物清单", "A6", "D6")
	f.NewSheet("说明")
	f.SetCellValue("说明", "A1", "以上为参考品牌")
	b, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// makePDF writes a one-page PDF with the given lines of ASCII text, with
// a correct cross-reference table.
func makePDF(lines []string) []byte {
	var content strings.Builder
	content.WriteString("BT /F1 11 Tf 72 740 Td 14 TL\n")
	for _, l := range lines {
		fmt.Fprintf(&content, "(%s) Tj T*\n", strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(l))
	}
	content.WriteString("ET")
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", content.Len()+1, content.String()),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

func TestParseFormats(t *testing.T) {
	gbkHTML, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>某市公安局硬盘采购</title></head><body><p>采购人：某市公安局</p><table><tr><td>品牌</td><td>希捷</td></tr></table></body></html>`))
	gbkText, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte("采购人：某市公安局\r\n\r\n  预算：12万元\n"))
	tests := []struct {
		name      string
		raw       func(t *testing.T) []byte
		source    string
		tool      string // external converter needed, with its package
		pkg       string
		media     string
		charset   string
		title     string
		wantLines []string // lines that Text must hold
	}{
		{name: "gbk html", raw: func(*testing.T) []byte { return gbkHTML }, source: "a.htm",
			media: MediaHTML, charset: "gb18030", title: "某市公安局硬盘采购",
			wantLines: []string{"采购人：某市公安局", "品牌\t希捷"}},
		{name: "html without extension", raw: func(*testing.T) []byte { return []byte("\n  <div>中标人：甲公司</div>") }, source: "noext",
			media: MediaHTML, charset: "utf-8", wantLines: []string{"中标人：甲公司"}},
		{name: "gbk plain text", raw: func(*testing.T) []byte { return gbkText }, source: "a.txt",
			media: MediaText, charset: "gb18030", wantLines: []string{"采购人：某市公安局", "预算：12万元"}},
		{name: "utf-8 plain text", raw: func(*testing.T) []byte { return []byte("第一行\n\t第二行  末尾\n") }, source: "a.txt",
			media: MediaText, charset: "utf-8", wantLines: []string{"第一行", "第二行 末尾"}},
		{name: "docx", raw: func(t *testing.T) []byte { return makeDOCX(t) }, source: "a.docx",
			media: MediaDOCX, charset: "utf-8", title: "硬盘采购",
			wantLines: []string{"采购需求", "采购人： 某市公安局", "预算：12万元", "一、货物清单", "品牌\t型号\t数量", "希捷 Seagate\tST8000VX004 4块", "其他"}},
		{name: "xlsx", raw: func(t *testing.T) []byte { return makeXLSX(t) }, source: "a.xlsx",
			media: MediaXLSX, charset: "utf-8",
			wantLines: []string{"货物清单", "序号\t名称\t品牌\t型号\t数量", "1\t硬盘\t希捷\tST8000VX004\t4", "2\t交换机\t思科\tC9300-48P\t2", "合计\t6", "说明", "以上为参考品牌"}},
		{name: "pdf", raw: func(*testing.T) []byte {
			return makePDF([]string{"Procurement of hard disks", "Brand     Model          Qty", "Seagate   ST8000VX004    4"})
		}, source: "a.pdf", tool: "pdftotext", pkg: "poppler-utils", media: MediaPDF, charset: "utf-8",
			wantLines: []string{"Procurement of hard disks", "Brand\tModel\tQty", "Seagate\tST8000VX004\t4"}},
		{name: "doc", raw: func(t *testing.T) []byte { return readFile(t, "testdata/mscfb-novpapplan.doc") }, source: "plan.doc",
			tool: "antiword", pkg: "antiword", media: MediaDOC, charset: "utf-8",
			wantLines: []string{"AIM: This research will offer some wider insights into the character of British imperialism during this period."}},
		{name: "xls", raw: func(t *testing.T) []byte { return readFile(t, "testdata/mscfb-test.xls") }, source: "t.xls",
			tool: "xls2csv", pkg: "catdoc", media: MediaXLS, charset: "utf-8",
			wantLines: []string{"Test1\tLorem\tIpsum", "Avocado\t1\t2", "\t3\t5", "Test2"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.tool != "" {
				needTool(t, tc.tool, tc.pkg)
			}
			raw := tc.raw(t)
			doc, err := Parse(raw, tc.source, Options{})
			if err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(raw)
			if doc.SHA256 != hex.EncodeToString(sum[:]) || !bytes.Equal(doc.Raw, raw) || doc.Source != tc.source {
				t.Errorf("identity wrong: sha %s source %s", doc.SHA256, doc.Source)
			}
			if doc.MediaType != tc.media || doc.Charset != tc.charset || doc.Title != tc.title {
				t.Errorf("media %q charset %q title %q, want %q %q %q", doc.MediaType, doc.Charset, doc.Title, tc.media, tc.charset, tc.title)
			}
			checkOffsets(t, tc.name, doc.Text, doc.Blocks)
			lines := strings.Split(doc.Text, "\n")
			for _, w := range tc.wantLines {
				found := false
				for _, l := range lines {
					if l == w {
						found = true
					}
				}
				if !found {
					t.Errorf("text lacks line %q; text:\n%s", w, doc.Text)
				}
			}
		})
	}
}

func readFile(t testing.TB, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseDOCXStructure(t *testing.T) {
	doc, err := Parse(makeDOCX(t), "a.docx", Options{})
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, b := range doc.Blocks {
		kinds = append(kinds, string(b.Kind))
	}
	if got, want := strings.Join(kinds, ","), "h,p,p,h,tr,tr,tr,tr,p"; got != want {
		t.Errorf("block kinds %s, want %s", got, want)
	}
	row := doc.Blocks[5]
	if row.Table != 1 || row.Row != 1 || len(row.Cells) != 2 || row.Cells[1].ColSpan != 2 {
		t.Errorf("row block %+v", row)
	}
	if got := gridText(Grid(doc.Blocks, 1)); got != "品牌|型号|数量\n希捷 Seagate|ST8000VX004 4块|ST8000VX004 4块\n合计|a|1\n合计|b|2" {
		t.Errorf("grid:\n%s", got)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name   string
		raw    []byte
		opt    Options
		want   string
		target error
	}{
		{"too large", []byte("<p>abc</p>"), Options{MaxBytes: 4}, "exceeds the limit", nil},
		{"binary", []byte{0x89, 'P', 'N', 'G', 0, 0, 0, 0, 1, 2, 3}, Options{}, "unsupported format", ErrUnsupported},
		{"zip archive", zipOf(t, map[string]string{"a.html": "<p>x</p>"}), Options{}, "read archives with Walk", ErrUnsupported},
		{"broken docx", append([]byte("PK\x03\x04"), make([]byte, 40)...), Options{}, "unsupported", ErrUnsupported},
		{"missing tool", makePDF([]string{"x"}), Options{PDFToText: "/nonexistent/pdftotext"}, "pdftotext", nil},
		{"corrupt pdf", []byte("%PDF-1.4\ngarbage"), Options{}, "bad.pdf", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.name == "corrupt pdf" {
				needTool(t, "pdftotext", "poppler-utils")
			}
			_, err := Parse(tc.raw, "bad.pdf", tc.opt)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "bad.pdf") {
				t.Errorf("error %q lacks %q or the file name", err, tc.want)
			}
			if tc.target != nil && !errors.Is(err, tc.target) {
				t.Errorf("error %v is not %v", err, tc.target)
			}
		})
	}
}

func TestToolMissingNamesPackage(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := Parse(makePDF([]string{"x"}), "a.pdf", Options{})
	if !errors.Is(err, ErrToolMissing) || !strings.Contains(err.Error(), "install the poppler-utils package") {
		t.Errorf("error %v", err)
	}
}

func TestToolTimeout(t *testing.T) {
	dir := t.TempDir()
	slow := dir + "/pdftotext"
	if err := os.WriteFile(slow, []byte("#!/bin/sh\nexec sleep 10\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err := ParseContext(context.Background(), makePDF([]string{"x"}), "a.pdf", Options{PDFToText: slow, Timeout: 200 * time.Millisecond})
	if err == nil || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %v, want deadline exceeded", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Errorf("timeout not enforced: %v", time.Since(start))
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		file string
		want string
	}{
		{"pdf", []byte("%PDF-1.7 ..."), "x", MediaPDF},
		{"html doctype", []byte("\xef\xbb\xbf <!DOCTYPE html><p>"), "x", MediaHTML},
		{"html fragment", []byte("<p class=MsoNormal>x</p>"), "x.txt", MediaHTML},
		{"html late tag", []byte("公告正文\n<br>下一行"), "x", MediaHTML},
		{"text", []byte("公告正文"), "x", MediaText},
		{"ole by name", append(append([]byte(nil), oleMagic...), make([]byte, 100)...), "x.xls", MediaXLS},
		{"ole word stream", append(append([]byte(nil), oleMagic...), utf16le("WordDocument")...), "x", MediaDOC},
		{"docx", makeDOCX(t), "x", MediaDOCX},
		{"xlsx", makeXLSX(t), "x", MediaXLSX},
		{"zip", zipOf(t, map[string]string{"a.txt": "x"}), "x", MediaZIP},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Sniff(tc.raw, tc.file); got != tc.want {
				t.Errorf("Sniff = %q, want %q", got, tc.want)
			}
		})
	}
}

// zipOf builds a ZIP archive of name → content, in sorted name order.
func zipOf(t testing.TB, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range sortedKeys(files) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(files[name]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func sortedKeys(m map[string]string) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	for i := range ks {
		for j := i + 1; j < len(ks); j++ {
			if ks[j] < ks[i] {
				ks[i], ks[j] = ks[j], ks[i]
			}
		}
	}
	return ks
}

func TestParseXLSXMerge(t *testing.T) {
	doc, err := Parse(makeXLSX(t), "a.xlsx", Options{})
	if err != nil {
		t.Fatal(err)
	}
	g := Grid(doc.Blocks, 1)
	if len(g) != 4 {
		t.Fatalf("grid has %d rows:\n%s", len(g), gridText(g))
	}
	if got := gridText(g[3:]); got != "合计|合计|合计|合计|6" {
		t.Errorf("merged row %q", got)
	}
}

func TestLayoutToText(t *testing.T) {
	in := "        采购需求\n序号   名称        数量\n1      硬盘        4\n\n\f宁  波  市  阳  光  采  购\n采购人：某局     电话：1\n"
	text, blocks := layoutToText(in)
	checkOffsets(t, "layout", text, blocks)
	want := "采购需求\n序号\t名称\t数量\n1\t硬盘\t4\n宁波市阳光采购\n采购人：某局 电话：1"
	if text != want {
		t.Errorf("text %q, want %q", text, want)
	}
	if blocks[1].Kind != enduse.BlockRow || blocks[2].Row != 1 || blocks[4].Kind != enduse.BlockPara {
		t.Errorf("blocks %+v", blocks)
	}
}

func TestParseRTF(t *testing.T) {
	// GBK bytes as \'hh, a \u escape with its fallback, an ignored font
	// table and field instruction, and a two-row table.
	gbk := func(s string) string {
		b, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
		var out strings.Builder
		for _, c := range b {
			fmt.Fprintf(&out, `\'%02x`, c)
		}
		return out.String()
	}
	rtf := `{\rtf1\ansi\ansicpg936\deff0{\fonttbl{\f0\fnil\fcharset134 ` + gbk("宋体") + `;}}` +
		`{\*\generator Msftedit;}\pard ` + gbk("采购人：某市公安局") + `\par` + "\r\n" +
		`\u24076?\u25463? ST8000VX004 {\field{\*\fldinst HYPERLINK "http://x"}{\fldrslt ` + gbk("链接") + `}}\par` +
		`\trowd\cellx1000\cellx2000\intbl ` + gbk("品牌") + `\cell ` + gbk("数量") + `\cell\row` +
		`\trowd\cellx1000\cellx2000\intbl ` + gbk("希捷") + `\cell 4\cell\row` +
		`\pard ` + gbk("其他") + `\par}`
	doc, err := Parse([]byte(rtf), "a.doc", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.MediaType != MediaRTF {
		t.Errorf("media %q", doc.MediaType)
	}
	checkOffsets(t, "rtf", doc.Text, doc.Blocks)
	want := "采购人：某市公安局\n希捷 ST8000VX004 链接\n品牌\t数量\n希捷\t4\n其他"
	if doc.Text != want {
		t.Errorf("text %q, want %q", doc.Text, want)
	}
}

func FuzzParse(f *testing.F) {
	f.Add(makeDOCX(f), "a.docx")
	f.Add(makeXLSX(f), "a.xlsx")
	f.Add([]byte(`{\rtf1\ansicpg936 {\fonttbl x}\'b2\'c9\u36141?\par\trowd\intbl a\cell b\cell\row}`), "a.rtf")
	f.Add([]byte("<meta charset=gbk><p>\xb2\xc9\xb9\xba</p>"), "a.html")
	f.Add([]byte("plain\r\ntext"), "a.txt")
	f.Add([]byte("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=b\r\n\r\n--b\r\nContent-Type: text/html; charset=gbk\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<p>=B2=C9</p>\r\n--b--\r\n"), "a.mht")
	f.Fuzz(func(t *testing.T, raw []byte, name string) {
		switch media := Sniff(raw, name); {
		case media == MediaPDF, media == MediaDOC, media == MediaXLS, media == MediaTIFF, strings.HasPrefix(media, MediaImage):
			return // external converters are tested separately (FuzzPDF, FuzzGeometry)
		}
		// A small budget, so budget errors are reached as often as
		// results.
		b := Budget{MaxExpanded: 1 << 20, MaxTextBytes: 16 << 10, MaxCells: 512, MaxNodes: 1024}
		doc, err := Parse(raw, name, Options{Budget: b})
		if err != nil {
			if !strings.Contains(err.Error(), safetext.Escape(name)) {
				t.Fatalf("error %q does not name the source", err)
			}
			return
		}
		if len(doc.Text) > 16<<10 {
			t.Fatalf("text of %d bytes over the budget", len(doc.Text))
		}
		checkOffsets(t, name, doc.Text, doc.Blocks)
	})
}

func TestParseHTMLPageMeta(t *testing.T) {
	page := `<html><head><title>关于某局采购项目的公告 - 某省政府采购网</title>
<meta name="ArticleTitle" content="关于某局采购项目的公告">
<meta name="PubDate" content="2022-06-10 10:21">
<meta name="ContentSource" content="某省财政厅">
<meta name="Url" content="http://www.example.gov.cn/a.htm"></head><body><p>正文</p></body></html>`
	doc, err := Parse([]byte(page), "a.htm", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "关于某局采购项目的公告" || doc.Published != "2022-06-10" || doc.URL != "http://www.example.gov.cn/a.htm" || doc.Meta["contentsource"] != "某省财政厅" || doc.Text != "正文" {
		t.Errorf("doc title %q published %q url %q meta %v text %q", doc.Title, doc.Published, doc.URL, doc.Meta, doc.Text)
	}
}

func TestToolNoisyStderr(t *testing.T) {
	dir := t.TempDir()
	noisy := dir + "/pdftotext"
	script := "#!/bin/sh\ni=0\nwhile [ $i -lt 2000 ]; do echo 'Syntax Warning: noise' >&2; i=$((i+1)); done\necho '<doc><page width=\"595\" height=\"842\"><word xMin=\"10\" yMin=\"10\" xMax=\"100\" yMax=\"22\">采购人：某局</word></page></doc>'\n"
	if err := os.WriteFile(noisy, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	doc, err := Parse(makePDF([]string{"x"}), "a.pdf", Options{PDFToText: noisy})
	if err != nil || doc.Text != "采购人：某局" {
		t.Fatalf("doc %v err %v", doc, err)
	}
}

func TestParseMHT(t *testing.T) {
	gbk, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte("<html><body><p>采购人：某市公安局</p><table><tr><td>品牌</td><td>希捷</td></tr></table></body></html>"))
	var qp strings.Builder
	for _, c := range gbk {
		if c >= 0x80 || c == '=' {
			fmt.Fprintf(&qp, "=%02X", c)
		} else {
			qp.WriteByte(c)
		}
	}
	mht := "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"----=_NextPart_01\"\r\n\r\n" +
		"This document is a Single File Web Page.\r\n\r\n------=_NextPart_01\r\n" +
		"Content-Location: file:///C:/x.htm\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Type: text/html; charset=\"gb2312\"\r\n\r\n" +
		qp.String() + "\r\n\r\n------=_NextPart_01\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n\r\n------=_NextPart_01--\r\n"
	doc, err := Parse([]byte(mht), "a.mht", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.MediaType != MediaMHT || doc.Charset != "gb18030" || doc.Text != "采购人：某市公安局\n品牌\t希捷" {
		t.Errorf("media %q charset %q text %q", doc.MediaType, doc.Charset, doc.Text)
	}
	if _, err := Parse([]byte("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n\r\n--x\r\nContent-Type: image/png\r\n\r\nabc\r\n--x--\r\n"), "b.mht", Options{}); err == nil || !strings.Contains(err.Error(), "no text/html part") {
		t.Errorf("err %v", err)
	}
}
