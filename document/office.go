package document

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/enduse/enduse"
)

// utf16le returns s encoded as UTF-16LE bytes (ASCII only), the form OLE2
// directory entries store stream names in.
func utf16le(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
}

// sniffOLE tells a Word from an Excel OLE2 file by its stream names,
// falling back to the file name's extension.
func sniffOLE(raw []byte, name string) string {
	switch {
	case bytes.Contains(raw, utf16le("WordDocument")):
		return MediaDOC
	case bytes.Contains(raw, utf16le("Workbook")), bytes.Contains(raw, utf16le("Book\x00")):
		return MediaXLS
	}
	switch ext(name) {
	case "xls", "et":
		return MediaXLS
	case "doc", "wps", "dot":
		return MediaDOC
	}
	return "application/x-ole-storage"
}

// sniffZip tells DOCX and XLSX from other ZIP archives by their members.
func sniffZip(raw []byte) string {
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		return MediaZIP
	}
	for _, f := range zr.File {
		switch f.Name {
		case "word/document.xml":
			return MediaDOCX
		case "xl/workbook.xml":
			return MediaXLSX
		}
	}
	return MediaZIP
}

// textBuilder writes the text layout from lines and rows, keeping rune
// offsets incrementally.
type textBuilder struct {
	out    strings.Builder
	runes  int
	blocks []enduse.Block
	tables int
	inRow  bool // the last block was a row of the current table
	row    int
	// m meters the rows' cells when set; err is the first budget error,
	// after which nothing more is written.
	m   *meter
	err error
}

// para writes one paragraph line (whitespace collapsed; empty lines are
// skipped) and ends any table in progress.
func (t *textBuilder) para(s string, kind enduse.BlockKind) {
	s = despace(collapseSpace(s))
	t.inRow = false
	if s == "" {
		return
	}
	t.write(enduse.Block{Kind: kind}, s, nil)
}

// endTable ends the current table, so the next row starts a new one.
func (t *textBuilder) endTable() { t.inRow = false }

// rowLine writes one table row; cells are cleaned like HTML cells. Rows
// whose cells are all empty are skipped.
func (t *textBuilder) rowLine(cells []string, spans []enduse.Cell) {
	cs := make([]enduse.Cell, len(cells))
	empty := true
	var line strings.Builder
	for i, c := range cells {
		c = despace(collapseSpace(c))
		if c != "" {
			empty = false
		}
		if i > 0 {
			line.WriteByte('\t')
		}
		line.WriteString(c)
		cs[i].Text = c
		if i < len(spans) {
			cs[i].ColSpan, cs[i].RowSpan = spans[i].ColSpan, spans[i].RowSpan
		}
	}
	if empty || t.err != nil {
		return
	}
	if t.m != nil {
		if t.err = t.m.addCells(gridCost(cs, 1)); t.err != nil {
			return
		}
	}
	if !t.inRow {
		t.tables++
		t.row = 0
		t.inRow = true
	}
	t.write(enduse.Block{Kind: enduse.BlockRow, Table: t.tables, Row: t.row}, line.String(), cs)
	t.row++
}

func (t *textBuilder) write(b enduse.Block, s string, cells []enduse.Cell) {
	if t.m != nil && int64(t.out.Len()+len(s)) > t.m.b.MaxTextBytes {
		// Stop building as soon as the text is over budget.
		t.err = overBudget("max_text_bytes", int64(t.out.Len()+len(s)), t.m.b.MaxTextBytes)
		return
	}
	if t.out.Len() > 0 {
		t.out.WriteByte('\n')
		t.runes++
	}
	b.Start = t.runes
	t.out.WriteString(s)
	t.runes += utf8.RuneCountInString(s)
	b.End = t.runes
	if cells != nil {
		off := b.Start
		for i := range cells {
			n := utf8.RuneCountInString(cells[i].Text)
			cells[i].Start, cells[i].End = off, off+n
			off += n + 1
		}
		b.Cells = cells
	}
	t.blocks = append(t.blocks, b)
}

// openZipMember opens the named member for streaming; reading more than
// max decompressed bytes from it fails with a BudgetError (zip bombs).
func openZipMember(zr *zip.Reader, name string, max int64) (io.ReadCloser, error) {
	for _, f := range zr.File {
		if f.Name != name {
			continue
		}
		if f.UncompressedSize64 > uint64(max) {
			return nil, fmt.Errorf("%s: %w", name, overBudget("max_expanded", int64(min(f.UncompressedSize64, 1<<62)), max))
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("open %s: %w", name, err)
		}
		var n int64
		return struct {
			io.Reader
			io.Closer
		}{&limitedReader{r: rc, count: &n, max: max, limit: "max_expanded"}, rc}, nil
	}
	return nil, fmt.Errorf("member %s not found", name)
}

// readZipMember returns the bytes of the named member, at most max.
func readZipMember(zr *zip.Reader, name string, max int64) ([]byte, error) {
	rc, err := openZipMember(zr, name, max)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return b, nil
}

// fillDOCX reads word/document.xml: paragraphs become lines (headings by
// their Heading/标题 style or an all-bold run), tables become rows. A
// table nested in a cell is flattened into the cell's text.
func fillDOCX(m *meter, doc *enduse.Document, raw []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		return fmt.Errorf("docx: %w", err)
	}
	// The body is streamed from the archive: its XML may be far larger
	// than the text it holds.
	body, err := openZipMember(zr, "word/document.xml", m.b.MaxExpanded)
	if err != nil {
		return fmt.Errorf("docx: %w", err)
	}
	defer body.Close()
	t := textBuilder{m: m}
	if err := docxBody(body, &t); err != nil {
		return fmt.Errorf("docx: %w", err)
	}
	doc.Charset = charsetUTF8
	doc.Text, doc.Blocks = t.out.String(), t.blocks
	if title, err := readZipMember(zr, "docProps/core.xml", 1<<20); err == nil {
		doc.Title = coreTitle(title)
	}
	return nil
}

// coreTitle returns dc:title of a docProps/core.xml, or "".
func coreTitle(b []byte) string {
	var core struct {
		Title string `xml:"title"`
	}
	if xml.Unmarshal(b, &core) != nil {
		return ""
	}
	return collapseSpace(core.Title)
}

// docxBody streams the WordprocessingML body into t, stopping at t's
// first budget error or when t's meter's context ends.
func docxBody(body io.Reader, t *textBuilder) error {
	if t.m == nil {
		t.m = newMeter(nil, Budget{})
	}
	dec := xml.NewDecoder(body)
	dec.Strict = false
	var (
		depth     int // table nesting depth
		para      strings.Builder
		paraRunes int
		boldRunes int
		runBold   bool
		heading   bool
		inText    bool
		cells     []string
		spans     []enduse.Cell
		cell      strings.Builder
		span      enduse.Cell
		// Vertical merges: vmerge is the state of the current cell
		// ("", "restart" or "continue"); col its grid column; restarts
		// the columns of this row's restart cells by cell index; origin
		// maps a grid column to the block and cell that a merge started.
		vmerge   string
		col      int
		restarts map[int]int
		origin   = map[int][2]int{}
	)
	endPara := func() {
		s := para.String()
		para.Reset()
		if depth > 0 {
			if cell.Len() > 0 {
				cell.WriteByte(' ')
			}
			cell.WriteString(s)
		} else {
			kind := enduse.BlockPara
			n := utf8.RuneCountInString(strings.TrimSpace(s))
			if heading || (n > 0 && boldRunes >= paraRunes && n <= headingMaxRunes && !labelValue(s)) {
				kind = enduse.BlockHeading
			}
			t.para(s, kind)
		}
		paraRunes, boldRunes, heading = 0, 0, false
	}
	for {
		if t.err != nil {
			return t.err
		}
		if err := t.m.tick(); err != nil {
			return err
		}
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			var be *BudgetError
			if errors.As(err, &be) {
				return fmt.Errorf("document.xml: %w", be)
			}
			return fmt.Errorf("document.xml: %w", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			if err := t.m.addNodes(1); err != nil {
				return fmt.Errorf("document.xml: %w", err)
			}
			switch e.Name.Local {
			case "tbl":
				if depth == 0 && para.Len() > 0 {
					endPara()
				}
				depth++
				if depth == 1 {
					t.endTable()
				}
			case "tr":
				if depth == 1 {
					cells, spans = cells[:0], spans[:0]
					col = 0
					restarts = map[int]int{}
				}
			case "tc":
				if depth == 1 {
					cell.Reset()
					span = enduse.Cell{}
					vmerge = ""
				}
			case "gridSpan":
				if depth == 1 {
					if v, err := strconv.Atoi(attr(e, "val")); err == nil && v > 1 {
						span.ColSpan = v
					}
				}
			case "vMerge":
				if depth == 1 {
					if attr(e, "val") == "restart" {
						vmerge = "restart"
					} else {
						vmerge = "continue"
					}
				}
			case "pStyle":
				v := strings.ToLower(attr(e, "val"))
				if strings.HasPrefix(v, "heading") || strings.HasPrefix(v, "title") || strings.Contains(v, "标题") {
					heading = true
				}
			case "r":
				runBold = false
			case "b":
				if v := attr(e, "val"); v == "" || v == "1" || v == "true" || v == "on" {
					runBold = true
				}
			case "t":
				inText = true
			case "tab":
				para.WriteByte(' ')
			case "br", "cr":
				if depth == 0 {
					endPara()
				} else {
					para.WriteByte(' ')
				}
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "t":
				inText = false
			case "p":
				endPara()
			case "tc":
				if depth == 1 {
					width := max(span.ColSpan, 1)
					if vmerge == "continue" {
						// covered by the cell above: no cell of its own,
						// as in HTML; the origin's rowspan grows
						if o, ok := origin[col]; ok && o[0] < len(t.blocks) && o[1] < len(t.blocks[o[0]].Cells) {
							c := &t.blocks[o[0]].Cells[o[1]]
							c.RowSpan = max(c.RowSpan, 1) + 1
						}
					} else {
						if vmerge == "restart" {
							restarts[len(cells)] = col
						} else {
							delete(origin, col)
						}
						cells = append(cells, cell.String())
						spans = append(spans, span)
					}
					col += width
				} else if depth > 1 {
					cell.WriteByte(' ')
				}
			case "tr":
				if depth == 1 {
					n := len(t.blocks)
					t.rowLine(cells, spans)
					if len(t.blocks) > n {
						for i, c := range restarts {
							origin[c] = [2]int{n, i}
						}
					}
				}
			case "tbl":
				depth--
				if depth == 0 {
					t.endTable()
					clear(origin)
				}
			}
		case xml.CharData:
			if inText {
				if int64(para.Len()+len(e)) > t.m.b.MaxTextBytes {
					return fmt.Errorf("document.xml: %w", overBudget("max_text_bytes", int64(para.Len()+len(e)), t.m.b.MaxTextBytes))
				}
				n := utf8.RuneCount(e)
				para.Write(e)
				paraRunes += n
				if runBold {
					boldRunes += n
				}
			}
		}
	}
	if para.Len() > 0 {
		endPara()
	}
	return t.err
}

// attr returns the value of the attribute with the given local name.
func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// xlsxMerges reads a sheet's merged ranges: the spans of each range's
// top-left cell and the set of cells the ranges cover, by 0-based
// (row, column). The ranges are read by streaming the sheet's XML, not
// through excelize's GetMergeCells, which loads the whole worksheet and
// pads every row to its last column (the allocation a sheet with one
// cell in column XFD per row turns into gigabytes). path is the sheet's
// part in the package; "" means the sheet has no merges to read.
func xlsxMerges(m *meter, zr *zip.Reader, path, sheet string) (map[[2]int]enduse.Cell, map[[2]int]bool, error) {
	spans := map[[2]int]enduse.Cell{}
	covered := map[[2]int]bool{}
	if path == "" {
		return spans, covered, nil
	}
	rc, err := openZipMember(zr, path, m.b.MaxExpanded)
	if err != nil {
		return nil, nil, fmt.Errorf("xlsx sheet %q merged cells: %w", sheet, err)
	}
	defer rc.Close()
	dec := xml.NewDecoder(rc)
	dec.Strict = false
	for {
		if err := m.tick(); err != nil {
			return nil, nil, err
		}
		tok, err := dec.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("xlsx sheet %q merged cells: %w", sheet, err)
		}
		e, ok := tok.(xml.StartElement)
		if !ok || e.Name.Local != "mergeCell" {
			continue
		}
		from, to, _ := strings.Cut(attr(e, "ref"), ":")
		c1, r1, err1 := excelize.CellNameToCoordinates(from)
		c2, r2, err2 := excelize.CellNameToCoordinates(to)
		if err1 != nil || err2 != nil || c2 < c1 || r2 < r1 || (c2-c1+1)*(r2-r1+1) > 1<<16 {
			continue
		}
		// The covered set holds every position of every range.
		if err := m.addCells(int64((c2 - c1 + 1) * (r2 - r1 + 1))); err != nil {
			return nil, nil, fmt.Errorf("xlsx sheet %q merged cells: %w", sheet, err)
		}
		var c enduse.Cell
		if c2 > c1 {
			c.ColSpan = c2 - c1 + 1
		}
		if r2 > r1 {
			c.RowSpan = r2 - r1 + 1
		}
		spans[[2]int{r1 - 1, c1 - 1}] = c
		for r := r1; r <= r2; r++ {
			for col := c1; col <= c2; col++ {
				if r != r1 || col != c1 {
					covered[[2]int{r - 1, col - 1}] = true
				}
			}
		}
	}
	return spans, covered, nil
}

// xlsxSheetParts maps each sheet name of a workbook to its part in the
// package (xl/worksheets/sheet1.xml), from xl/workbook.xml and its
// relationships; sheets it cannot place are left out.
func xlsxSheetParts(zr *zip.Reader) map[string]string {
	parts := map[string]string{}
	wb, err := readZipMember(zr, "xl/workbook.xml", 16<<20)
	if err != nil {
		return parts
	}
	rels, err := readZipMember(zr, "xl/_rels/workbook.xml.rels", 16<<20)
	if err != nil {
		return parts
	}
	var r struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	var w struct {
		Sheets []struct {
			Name string     `xml:"name,attr"`
			Attr []xml.Attr `xml:",any,attr"`
		} `xml:"sheets>sheet"`
	}
	if xml.Unmarshal(rels, &r) != nil || xml.Unmarshal(wb, &w) != nil {
		return parts
	}
	targets := map[string]string{}
	for _, x := range r.Rel {
		t := x.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = "xl/" + t
		}
		targets[x.ID] = t
	}
	for _, sh := range w.Sheets {
		for _, a := range sh.Attr {
			if a.Name.Local == "id" {
				if t, ok := targets[a.Value]; ok {
					parts[sh.Name] = t
				}
			}
		}
	}
	return parts
}

// defaultSheetName matches the names spreadsheet programs give new
// sheets, which say nothing and are left out of the text.
var defaultSheetName = regexp.MustCompile(`^(?i:sheet|工作表)\s*\d*$`)

// fillXLSX reads every sheet of a workbook: each sheet's non-empty rows
// become BlockRow lines of one table per sheet, preceded by the sheet name
// as a heading. Rows are streamed, never the sheet's declared dimension
// allocated, and each row's used width counts against Budget.MaxCells, so
// a sheet of a million rows or one cell in column XFD per row ends with a
// budget error instead of exhausting memory.
func fillXLSX(m *meter, doc *enduse.Document, raw []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	// The declared sizes are checked here, to name the budget; excelize
	// enforces the same limit on the bytes it inflates.
	var declared uint64
	for _, zf := range zr.File {
		declared += zf.UncompressedSize64
	}
	if declared > uint64(m.b.MaxExpanded) {
		return fmt.Errorf("xlsx: %w", overBudget("max_expanded", int64(min(declared, 1<<62)), m.b.MaxExpanded))
	}
	f, err := excelize.OpenReader(bytes.NewReader(raw), excelize.Options{UnzipSizeLimit: m.b.MaxExpanded})
	if err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	defer f.Close()
	var t textBuilder // rows are counted by their used width in xlsxSheet
	parts := xlsxSheetParts(zr)
	for _, sheet := range f.GetSheetList() {
		if !defaultSheetName.MatchString(sheet) {
			t.para(sheet, enduse.BlockHeading)
		}
		spans, covered, err := xlsxMerges(m, zr, parts[sheet], sheet)
		if err != nil {
			return err
		}
		if err := xlsxSheet(m, f, sheet, spans, covered, &t); err != nil {
			return err
		}
		t.endTable()
	}
	if len(t.blocks) == 0 {
		return errors.New("xlsx: no sheets")
	}
	doc.Charset = charsetUTF8
	doc.Text, doc.Blocks = t.out.String(), t.blocks
	if p, err := f.GetDocProps(); err == nil && p != nil {
		doc.Title = collapseSpace(p.Title)
	}
	return nil
}

// xlsxSheet streams the rows of one sheet into t; spans and covered are
// the sheet's merged ranges (see xlsxMerges).
func xlsxSheet(m *meter, f *excelize.File, sheet string, spans map[[2]int]enduse.Cell, covered map[[2]int]bool, t *textBuilder) (err error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return fmt.Errorf("xlsx sheet %q: %w", sheet, err)
	}
	defer func() {
		if cerr := rows.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("xlsx sheet %q: %w", sheet, cerr)
		}
	}()
	for ri := 0; rows.Next(); ri++ {
		r, err := rows.Columns()
		if err != nil {
			return fmt.Errorf("xlsx sheet %q row %d: %w", sheet, ri+1, err)
		}
		// The row's used width, empty cells before its last one
		// included, is what it costs to hold.
		if err := m.addCells(int64(len(r))); err != nil {
			return fmt.Errorf("xlsx sheet %q row %d: %w", sheet, ri+1, err)
		}
		if len(spans) == 0 {
			t.rowLine(r, nil)
			continue
		}
		// Merged ranges: the top-left cell carries the spans, the
		// cells it covers are left out, as in HTML.
		var cells []string
		var cs []enduse.Cell
		for ci, v := range r {
			p := [2]int{ri, ci}
			if covered[p] {
				continue
			}
			cells = append(cells, v)
			cs = append(cs, spans[p])
		}
		t.rowLine(cells, cs)
	}
	if err := rows.Error(); err != nil {
		return fmt.Errorf("xlsx sheet %q: %w", sheet, err)
	}
	return nil
}
