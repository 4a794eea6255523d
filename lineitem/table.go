package lineitem

import (
	"regexp"
	"strings"

	"github.com/enduse/enduse"
)

// gcell is a cell placed on the grid of its table. carried is true when
// the cell belongs to an earlier row and reaches down by rowspan.
type gcell struct {
	text       string
	start, end int
	carried    bool
	spanCopy   bool // a column a colspan cell reaches into, not the cell's own
}

// row is one table row laid out on the grid (colspans expanded, rowspans
// carried down).
type row struct {
	start, end int // rune span of the row in Document.Text
	cells      []gcell
	own        int // cells the row itself holds (not carried, not colspan copies)
}

// tables groups the table rows of d by table, laid out on grids. It reads
// d.Blocks when they hold rows and otherwise the tab-separated lines of d.Text.
func tables(d *enduse.Document, runes []rune) [][]row {
	var out [][]row
	cur := -1
	var carry []carried
	hasRows := false
	for _, b := range d.Blocks {
		if b.Kind != enduse.BlockRow {
			continue
		}
		hasRows = true
		if b.Table != cur || len(out) == 0 {
			out = append(out, nil)
			cur = b.Table
			carry = nil
		}
		var r row
		r.start, r.end = clampSpan(b.Start, b.End, len(runes))
		r.cells, carry = place(b.Cells, carry, len(runes))
		r.own = len(b.Cells)
		out[len(out)-1] = append(out[len(out)-1], r)
	}
	if hasRows {
		return out
	}
	return textTables(runes)
}

// carried is a cell reaching into later rows by rowspan.
type carried struct {
	cell gcell
	left int // rows still to fill
}

// place lays the cells of one row onto the grid, filling columns still
// covered by rowspans of earlier rows, and returns the new carry list.
func place(cells []enduse.Cell, carry []carried, n int) ([]gcell, []carried) {
	var out []gcell
	var next []carried
	col := 0
	take := func() {
		for col < len(carry) && carry[col].left > 0 {
			c := carry[col].cell
			c.carried = true
			out = append(out, c)
			setCarry(&next, col, carry[col].cell, carry[col].left-1)
			col++
		}
	}
	for _, c := range cells {
		take()
		s, e := clampSpan(c.Start, c.End, n)
		g := gcell{text: strings.TrimSpace(c.Text), start: s, end: e}
		span := c.ColSpan
		if span < 1 {
			span = 1
		}
		if span > 64 {
			span = 64
		}
		for k := 0; k < span; k++ {
			cc := g
			if k > 0 {
				cc.spanCopy = true
			}
			out = append(out, cc)
			if c.RowSpan > 1 {
				setCarry(&next, col, g, min(c.RowSpan, 1000)-1)
			}
			col++
		}
	}
	take()
	return out, next
}

func setCarry(list *[]carried, col int, c gcell, left int) {
	for len(*list) <= col {
		*list = append(*list, carried{})
	}
	(*list)[col] = carried{cell: c, left: left}
}

func clampSpan(s, e, n int) (int, int) {
	if s < 0 {
		s = 0
	}
	if e > n {
		e = n
	}
	if s > e {
		s = e
	}
	return s, e
}

// textTables reads runs of tab-separated lines of the text as tables,
// for documents that come without blocks.
func textTables(runes []rune) [][]row {
	var out [][]row
	inTable := false
	lineStart := 0
	for i := 0; i <= len(runes); i++ {
		if i < len(runes) && runes[i] != '\n' {
			continue
		}
		line := runes[lineStart:i]
		if containsTab(line) || inTable && bridge(runes, lineStart, i) {
			if !inTable {
				out = append(out, nil)
				inTable = true
			}
			r := row{start: lineStart, end: i}
			cs := lineStart
			for j := lineStart; j <= i; j++ {
				if j == i || runes[j] == '\t' {
					r.cells = append(r.cells, gcell{text: strings.TrimSpace(string(runes[cs:j])), start: cs, end: j})
					cs = j + 1
				}
			}
			r.own = len(r.cells)
			out[len(out)-1] = append(out[len(out)-1], r)
		} else {
			inTable = false
		}
		lineStart = i + 1
	}
	return out
}

// bridge reports whether the tab-less line [s,e) sits between table rows
// and is short enough to be a one-cell row of the table (a section title
// spanning all columns), not a paragraph after the table.
func bridge(runes []rune, s, e int) bool {
	if e-s == 0 || e-s > 30 || e >= len(runes) {
		return false
	}
	n := e + 1
	for n < len(runes) && runes[n] != '\n' {
		if runes[n] == '\t' {
			return true
		}
		n++
	}
	return false
}

func containsTab(rs []rune) bool {
	for _, r := range rs {
		if r == '\t' {
			return true
		}
	}
	return false
}

// subtotal matches the first cell of 合计/小计/总计 rows.
var subtotal = regexp.MustCompile(`^(合计|小计|总计|共计|总价|合\s*计|总\s*计|价格合计|投标总价|大写|人民币大写|金额合计)`)

// sectionTitle matches rows that head a group of items ("一、智能系统",
// "第一包", "包1：…").
var sectionTitle = regexp.MustCompile(`^([一二三四五六七八九十]+[、.．]|第[一二三四五六七八九十\d]+(包|标段|部分|批|项)|(包|标段)\s*\d+)`)

// tableItems reads the items of one table: every header row switches the
// layout; data rows below it become items.
func tableItems(rows []row, runes []rune) []enduse.Item {
	var items []enduse.Item
	var lay layout
	have := false
	for _, r := range rows {
		texts := make([]string, len(r.cells))
		for i, c := range r.cells {
			texts[i] = c.text
		}
		if l, ok := readHeader(texts); ok {
			lay, have = l, true
			continue
		}
		if !have {
			continue
		}
		if it, ok := readRow(lay, r, runes); ok {
			items = append(items, it)
		}
	}
	return items
}

// readRow turns one data row into an item, or reports false for blank,
// subtotal, title and repeated-header rows.
func readRow(lay layout, r row, runes []rune) (enduse.Item, bool) {
	get := func(i int) (gcell, bool) {
		if i < 0 || i >= len(r.cells) {
			return gcell{}, false
		}
		return r.cells[i], true
	}
	nameCell, _ := get(lay.name)
	name := cleanValue(nameCell.text)
	if name == "" {
		return enduse.Item{}, false
	}
	if placeholder(name) {
		return enduse.Item{}, false // "详见采购需求": the item is not named here
	}
	seen := 0
	for _, c := range r.cells {
		t := cleanLabel(c.text)
		if t == "" || c.spanCopy {
			continue
		}
		if subtotal.MatchString(t) {
			return enduse.Item{}, false
		}
		if seen++; seen == 2 {
			break // "4 | 合计 | 5211763": the total may follow a row number
		}
	}
	if classify(name).field != fieldNone {
		return enduse.Item{}, false // a second header line
	}
	it := enduse.Item{Name: name}
	attrs := 0
	var qtyUnit string
	for i, col := range lay.cols {
		c, ok := get(i)
		if !ok || c.text == "" || c.spanCopy || i == lay.name {
			continue
		}
		v := cleanValue(c.text)
		if v == "" {
			continue
		}
		switch col.field {
		case fieldSupplier:
			if it.Supplier == "" && !placeholder(v) {
				it.Supplier = v
			}
		case fieldLot:
			if it.Lot == "" && !placeholder(v) && len([]rune(v)) <= 8 {
				it.Lot = v // as written; the pipeline reads it into a lot code
			}
		case fieldScope:
			if !placeholder(v) {
				attrs++
			}
		case fieldBrand:
			if it.Brand == "" && !placeholder(v) {
				it.Brand = v
				attrs++
			}
		case fieldModel:
			if it.Model == "" && !placeholder(v) {
				it.Model = trimModel(v)
				attrs++
			}
		case fieldBrandModel:
			if !placeholder(v) {
				b, m := splitBrandModel(v)
				if it.Brand == "" {
					it.Brand = b
				}
				if it.Model == "" && m != "" {
					it.Model = trimModel(m)
				}
				attrs++
			}
		case fieldQuantity:
			if c.carried {
				continue
			}
			q, u := quantity(v)
			if q > 0 {
				it.Quantity = q
				qtyUnit = u
				if qtyUnit == "" {
					qtyUnit = col.unit
				}
				attrs++
			}
		case fieldUnit:
			if isHanString(v) && len([]rune(v)) <= 3 {
				it.Unit = v
				attrs++
			}
		case fieldUnitPrice:
			if c.carried {
				continue
			}
			if a := amount(v, col.wan); a > 0 {
				it.UnitPrice = a
				attrs++
			}
		case fieldTotal:
			if c.carried {
				continue
			}
			if a := amount(v, col.wan); a > 0 {
				it.Total = a
				attrs++
			}
		}
	}
	if it.Unit == "" {
		it.Unit = qtyUnit
	}
	if it.Brand == "" && it.Model == "" {
		// "品牌：希捷 型号：ST8000VX004" written in a specification cell
		if b, m := cellLabels(runes, r.start, r.end); b != "" || m != "" {
			it.Brand, it.Model = b, m
			attrs++
		}
	}
	if attrs == 0 {
		// a lone name: a section title or a row whose figures are elsewhere
		if sectionTitle.MatchString(name) || r.own <= 2 {
			return enduse.Item{}, false
		}
	}
	if sectionTitle.MatchString(name) && it.Quantity == 0 && it.Total == 0 && it.UnitPrice == 0 && it.Brand == "" && it.Model == "" {
		return enduse.Item{}, false
	}
	it.Evidence = evidence(runes, r.start, r.end)
	return it, true
}

// evidence builds the Evidence of a rune span.
func evidence(runes []rune, s, e int) *enduse.Evidence {
	s, e = clampSpan(s, e, len(runes))
	return &enduse.Evidence{Start: s, End: e, Text: string(runes[s:e])}
}

// cleanValue trims a cell's text and collapses its inner whitespace
// (ideographic spaces included); the text is otherwise kept as written.
func cleanValue(s string) string {
	s = strings.TrimSpace(s)
	s = strings.Join(strings.Fields(s), " ")
	return strings.Trim(s, "/-—_ ／")
}

// placeholder reports cell values that state nothing: 不限, 无, /, 详见….
func placeholder(v string) bool {
	switch v {
	case "", "无", "不限", "/", "-", "—", "——", "N/A", "n/a", "暂无", "自定", "自报", "见附件", "待定", "空":
		return true
	}
	return strings.HasPrefix(v, "详见") || strings.HasPrefix(v, "见") && len([]rune(v)) <= 8 ||
		strings.HasPrefix(v, "投标人自") || strings.HasPrefix(v, "供应商自") || strings.HasPrefix(v, "由投标人")
}

// capacityTail matches a capacity written after a model number, " 8TB".
var capacityTail = regexp.MustCompile(`\s+\d+(\.\d+)?\s*(TB|GB|T|G|TiB|GiB)$`)

// trimModel keeps the model of a 规格型号 cell that continues with a long
// specification ("ThinkCentre M820z-D027/型号：… 主板：…").
func trimModel(v string) string {
	v = strings.TrimSpace(fold(v))
	v = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(v, "型号:"), "规格型号:"))
	if m := capacityTail.FindStringIndex(v); m != nil && isModelToken(v[:m[0]]) {
		v = v[:m[0]] // "STGX1000400 1TB": the capacity is not part of the model number
	}
	rs := []rune(v)
	if len(rs) <= 40 {
		return v
	}
	for i, r := range rs {
		if i >= 2 && i <= 40 && strings.ContainsRune("/;,。，；", r) {
			return strings.TrimSpace(string(rs[:i]))
		}
	}
	return v
}
