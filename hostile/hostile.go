// Package hostile generates the hostile-input corpus that enduse must
// survive: table grids that explode by their spans, spreadsheets whose used
// range dwarfs their size, archive, DOCX, XLSX, PDF, MHT and RTF bombs,
// records and fields beyond any real notice, text that drives quadratic
// code paths. The inputs are generated, not committed: some are tens of
// megabytes and some expand to gigabytes. Tests write the corpus to a
// temporary folder and ingest every input followed by a good notice;
// scripts/hostile measures time and peak memory per input with the real
// binary.
package hostile

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Input is one hostile file of the corpus.
type Input struct {
	// Name is the file name written (its extension routes it).
	Name string
	// What describes the input and the failure it once caused.
	What string
	// Limit is the budget key whose error the input must end with, or
	// "" when it must give a bounded result (stored or failed with a
	// reason) instead.
	Limit string
	// Write writes the input to path.
	Write func(path string) error
}

// Corpus returns the inputs at full size (scale 1) or scaled down (scale
// 0.01 makes every count a hundredth, for fast tests run under a budget
// scaled alike).
func Corpus(scale float64) []Input {
	n := func(full int) int { return max(int(float64(full)*scale), 1) }
	return []Input{
		{Name: "span-grid.html", What: "154 KB HTML table of rowspan=65534 colspan=1000 cells (8.4 GB RSS, 148 s)", Limit: "max_cells",
			Write: text(func(w *bufio.Writer) {
				w.WriteString("<html><body><table>\n")
				for i := 0; i < n(3900); i++ {
					w.WriteString(`<tr><td rowspan="65534" colspan="1000">x</td></tr>` + "\n")
				}
				w.WriteString("</table></body></html>\n")
			})},
		{Name: "xfd-column.xlsx", What: "XLSX of 20k rows each with one cell in column XFD (fatal out of memory at 7.8 GB)", Limit: "max_cells",
			Write: func(path string) error {
				return writeXLSX(path, n(20000), func(w io.Writer, row int) {
					fmt.Fprintf(w, `<row r="%d"><c r="XFD%d"><v>%d</v></c></row>`, row, row, row)
				})
			}},
		{Name: "million-rows.xlsx", What: "XLSX of 1M×10 cells (fatal out of memory)", Limit: "max_expanded",
			Write: func(path string) error {
				return writeXLSX(path, n(1000000), func(w io.Writer, row int) {
					fmt.Fprintf(w, `<row r="%d">`, row)
					for c := 'A'; c <= 'J'; c++ {
						fmt.Fprintf(w, `<c r="%c%d"><v>%d</v></c>`, c, row, row)
					}
					io.WriteString(w, "</row>")
				})
			}},
		{Name: "zeros-declared.zip", What: "ZIP holding a 10 GB .jsonl of zeros, sizes declared (23 GB RSS, OOM-killed)", Limit: "max_expanded",
			Write: func(path string) error {
				return writeBombZip(path, "zeros.jsonl", make([]byte, 1<<20), n(10240), true)
			}},
		{Name: "zeros-lying.zip", What: "the same ZIP declaring its member 1 KB: bytes must be counted, not trusted", Limit: "",
			Write: func(path string) error {
				return writeBombZip(path, "zeros.jsonl", make([]byte, 1<<20), n(10240), false)
			}},
		{Name: "endless-record.zip", What: "ZIP holding a 100 MB .jsonl that is one record (record files in ZIPs had no real size limit)", Limit: "max_record_bytes",
			Write: func(path string) error {
				return writeBombZipPrefix(path, "export.jsonl", []byte(`{"title":"t","html":"`), bytes.Repeat([]byte("0"), 1<<20), n(100))
			}},
		{Name: "nested.zip", What: "ZIP of ZIPs, each level holding ten copies of the level below (42.zip)", Limit: "max_expanded",
			Write: func(path string) error { return writeNestedZip(path, 5, 10, n(8<<20)) }},
		{Name: "multiline.jsonl", What: "1 MB multi-line JSON object ({, \"a\":[, 1, …): > 250 s, quadratic re-validation", Limit: "",
			Write: text(func(w *bufio.Writer) {
				w.WriteString("{\n\"title\":\"t\",\n\"a\":[\n")
				for i := 0; i < n(500000); i++ {
					w.WriteString("1,\n")
				}
				w.WriteString("1]\n}\n")
			})},
		{Name: "big-field.jsonl", What: "JSONL record with a 200 MB field (~7 GB RSS, run aborted)", Limit: "max_record_bytes",
			Write: text(func(w *bufio.Writer) {
				w.WriteString(`{"title":"t","html":"`)
				writeRepeat(w, "<p>字</p>", n(200<<20)/len("<p>字</p>"))
				w.WriteString("\"}\n")
			})},
		{Name: "huge-element.json", What: "JSON array whose one element is 100 MB (the decoder held whole elements unbounded)", Limit: "max_record_bytes",
			Write: text(func(w *bufio.Writer) {
				w.WriteString(`[{"title":"t","html":"`)
				writeRepeat(w, "<p>字</p>", n(100<<20)/len("<p>字</p>"))
				w.WriteString("\"}]\n")
			})},
		{Name: "wide-field.jsonl", What: "JSONL record whose html field (20 MB) is over the field budget but the record under the record budget", Limit: "max_field_bytes",
			Write: text(func(w *bufio.Writer) {
				w.WriteString(`{"title":"t","html":"`)
				writeRepeat(w, "<p>字</p>", n(20<<20)/len("<p>字</p>"))
				w.WriteString("\"}\n")
			})},
		{Name: "brands.html", What: "text of 80k brand mentions (40k → 9.8 s, 80k → 40.7 s: quadratic overlap resolution)", Limit: "max_mentions",
			Write: text(func(w *bufio.Writer) {
				w.WriteString("<html><body><p>")
				writeRepeat(w, "希捷ST8000VX004海康威视 ", n(80000)/2)
				w.WriteString("</p></body></html>\n")
			})},
		{Name: "xml-bomb.docx", What: "0.9 MB DOCX with 250 MB of XML (~7 GB RSS, out of memory)", Limit: "max_nodes",
			Write: func(path string) error { return writeDOCX(path, n(250<<20)) }},
		{Name: "big.html", What: "63 MB HTML (3.1 GB RSS)", Limit: "max_nodes",
			Write: text(func(w *bufio.Writer) {
				w.WriteString("<html><body>\n")
				writeRepeat(w, "<p>采购需求 <b>监控</b></p>\n", n(63<<20)/len("<p>采购需求 <b>监控</b></p>\n"))
				w.WriteString("</body></html>\n")
			})},
		{Name: "big.mht", What: "56 MB MHT (3.4 GB RSS)", Limit: "max_nodes",
			Write: text(func(w *bufio.Writer) {
				w.WriteString("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"B\"\r\n\r\n--B\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body>\r\n")
				writeRepeat(w, "<p>采购需求 <b>监控</b></p>\r\n", n(56<<20)/len("<p>采购需求 <b>监控</b></p>\r\n"))
				w.WriteString("</body></html>\r\n--B--\r\n")
			})},
		{Name: "long-text.txt", What: "16 MB of plain text: the later stages take ~80× a text's size in passing", Limit: "max_text_bytes",
			Write: text(func(w *bufio.Writer) {
				writeRepeat(w, "本项目采购监控硬盘二十块，预算金额五十万元。\n", n(16<<20)/len("本项目采购监控硬盘二十块，预算金额五十万元。\n"))
			})},
		{Name: "rows-2m.html", What: "HTML table of 2M rows (2.05 GB RSS)", Limit: "max_nodes",
			Write: text(func(w *bufio.Writer) {
				w.WriteString("<html><body><table>\n")
				for i := 0; i < n(2000000); i++ {
					w.WriteString("<tr><td>1</td></tr>\n")
				}
				w.WriteString("</table></body></html>\n")
			})},
		{Name: "cells.rtf", What: "RTF table row of 2M cells", Limit: "max_cells",
			Write: text(func(w *bufio.Writer) {
				w.WriteString(`{\rtf1\ansi\ansicpg936 {\trowd\intbl `)
				writeRepeat(w, `x\cell `, n(2000000))
				w.WriteString(`\row}}`)
			})},
		{Name: "deep.rtf", What: "RTF nesting a million groups", Limit: "",
			Write: text(func(w *bufio.Writer) {
				w.WriteString(`{\rtf1\ansi `)
				writeRepeat(w, "{", n(1000000))
				writeRepeat(w, "}", n(1000000))
				w.WriteString("}")
			})},
		{Name: "pages.pdf", What: "PDF of 100k pages", Limit: "",
			Write: func(path string) error { return writePDF(path, n(100000)) }},
	}
}

// text returns a Write that buffers fn's output into the file.
func text(fn func(w *bufio.Writer)) func(string) error {
	return func(path string) error {
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		w := bufio.NewWriterSize(f, 1<<20)
		fn(w)
		if err := w.Flush(); err != nil {
			f.Close()
			return fmt.Errorf("write %s: %w", path, err)
		}
		return f.Close()
	}
}

// writeRepeat writes s n times.
func writeRepeat(w io.Writer, s string, n int) {
	const chunk = 4096
	block := strings.Repeat(s, min(n, chunk))
	for n > 0 {
		k := min(n, chunk)
		if k == chunk {
			io.WriteString(w, block)
		} else {
			io.WriteString(w, block[:k*len(s)])
		}
		n -= k
	}
}

// writeXLSX writes a minimal workbook of one sheet whose rows row(w, r)
// writes, r from 1 to rows.
func writeXLSX(path string, rows int, row func(w io.Writer, r int)) error {
	return writeZip(path, func(zw *zip.Writer) error {
		parts := []struct{ name, body string }{
			{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`},
			{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
			{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`},
			{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
		}
		for _, p := range parts {
			w, err := zw.Create(p.name)
			if err != nil {
				return err
			}
			io.WriteString(w, p.body)
		}
		w, err := zw.Create("xl/worksheets/sheet1.xml")
		if err != nil {
			return err
		}
		bw := bufio.NewWriterSize(w, 1<<20)
		bw.WriteString(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/><sheetData>`)
		for r := 1; r <= rows; r++ {
			row(bw, r)
		}
		bw.WriteString(`</sheetData></worksheet>`)
		return bw.Flush()
	})
}

// writeDOCX writes a DOCX whose word/document.xml is about xmlBytes of
// one-character paragraphs.
func writeDOCX(path string, xmlBytes int) error {
	const para = `<w:p><w:r><w:t>x</w:t></w:r></w:p>`
	return writeZip(path, func(zw *zip.Writer) error {
		w, err := zw.Create("[Content_Types].xml")
		if err != nil {
			return err
		}
		io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`)
		head := []byte(`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
		tail := []byte(`</w:body></w:document>`)
		unit := []byte(strings.Repeat(para, (1<<20)/len(para)))
		return rawMember(zw, "word/document.xml", head, unit, max(xmlBytes/len(unit), 1), tail, true)
	})
}

// writeBombZip writes an archive whose one member is unit repeated n
// times, its sizes declared truthfully or as 1 KB.
func writeBombZip(path, member string, unit []byte, n int, honest bool) error {
	return writeZip(path, func(zw *zip.Writer) error {
		return rawMember(zw, member, nil, unit, n, nil, honest)
	})
}

// writeBombZipPrefix is writeBombZip with a prefix before the repeats.
func writeBombZipPrefix(path, member string, prefix, unit []byte, n int) error {
	return writeZip(path, func(zw *zip.Writer) error {
		return rawMember(zw, member, prefix, unit, n, nil, true)
	})
}

// writeNestedZip writes levels of archives, each holding copies of the
// level below; the innermost holds a text member of inner bytes of zeros
// (as text, so it would be parsed).
func writeNestedZip(path string, levels, copies, inner int) error {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	unit := bytes.Repeat([]byte("0"), 64<<10)
	if err := rawMember(zw, "zeros.txt", nil, unit, max(inner/len(unit), 1), nil, true); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	for l := 1; l < levels; l++ {
		var next bytes.Buffer
		zw := zip.NewWriter(&next)
		for c := 0; c < copies; c++ {
			w, err := zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("level%d-%d.zip", l, c), Method: zip.Deflate})
			if err != nil {
				return err
			}
			w.Write(buf.Bytes())
		}
		if err := zw.Close(); err != nil {
			return err
		}
		buf = next
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// writeZip creates path and lets fill add members.
func writeZip(path string, fill func(zw *zip.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	zw := zip.NewWriter(f)
	if err := fill(zw); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", filepath.Base(path), err)
	}
	if err := zw.Close(); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", filepath.Base(path), err)
	}
	return f.Close()
}

// rawMember adds a deflated member of head, unit repeated n times, and
// tail, compressing unit only once: a deflate block that refers to
// nothing before itself can be repeated as it is, which is how a few
// megabytes hold gigabytes.
func rawMember(zw *zip.Writer, name string, head, unit []byte, n int, tail []byte, honest bool) error {
	compress := func(b []byte) []byte {
		var buf bytes.Buffer
		fw, _ := flate.NewWriter(&buf, flate.BestCompression)
		fw.Write(b)
		fw.Flush() // byte-aligned end without a final block
		return buf.Bytes()
	}
	// Each piece compressed alone refers to nothing before itself.
	ch, cu, ct := compress(head), compress(unit), compress(tail)
	crc := crc32.Update(0, crc32.IEEETable, head)
	for i := 0; i < n; i++ {
		crc = crc32.Update(crc, crc32.IEEETable, unit)
	}
	crc = crc32.Update(crc, crc32.IEEETable, tail)
	final := []byte{0x03, 0x00} // an empty final fixed-Huffman block
	size := uint64(len(head)) + uint64(len(unit))*uint64(n) + uint64(len(tail))
	fh := &zip.FileHeader{
		Name: name, Method: zip.Deflate, CRC32: crc,
		CompressedSize64:   uint64(len(ch)) + uint64(len(cu))*uint64(n) + uint64(len(ct)) + uint64(len(final)),
		UncompressedSize64: size,
	}
	if !honest {
		fh.UncompressedSize64 = 1024
	}
	w, err := zw.CreateRaw(fh)
	if err != nil {
		return err
	}
	w.Write(ch)
	for i := 0; i < n; i++ {
		if _, err := w.Write(cu); err != nil {
			return err
		}
	}
	w.Write(ct)
	_, err = w.Write(final)
	return err
}

// writePDF writes a PDF of the given number of pages, all sharing one
// content stream.
func writePDF(path string, pages int) error {
	var b bytes.Buffer
	var offs []int
	obj := func(s string) {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offs), s)
	}
	b.WriteString("%PDF-1.4\n")
	content := "BT /F1 12 Tf 72 720 Td (hostile page) Tj ET"
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	var kids strings.Builder
	for i := 0; i < pages; i++ {
		fmt.Fprintf(&kids, "%d 0 R ", 5+i)
	}
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids.String(), pages))
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	obj(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content))
	for i := 0; i < pages; i++ {
		obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>")
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, xref)
	return os.WriteFile(path, b.Bytes(), 0o644)
}
