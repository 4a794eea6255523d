package lineitem

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/enduse/enduse"
)

// proseLabels are the labels of "名称：硬盘 品牌：希捷 规格型号：ST8000VX004
// 数量：10 单价：1200" runs, longest first so 货物名称 wins over 名称. A label
// is followed by an optional parenthesis (品牌（如有）, 单价（万元）) and a
// colon.
var proseLabels = []string{"品牌规格型号", "品牌及规格型号", "品牌及型号", "品牌型号", "货物名称", "产品名称", "设备名称", "标的名称", "商品名称", "品目名称", "品牌名称", "规格型号", "生产厂家",
	"采购数量", "计量单位", "制造商", "名称", "品牌", "型号", "数量", "单位", "单价", "总价", "金额"}

// proseField is one label: value pair of a run.
type proseField struct {
	kind       field
	wan        bool
	start      int // rune offset of the label
	valueStart int
	valueEnd   int
	value      string
	joinsNext  bool // nothing but separators up to the next label
}

func proseKind(label string) field {
	switch {
	case strings.HasPrefix(label, "品牌") && strings.HasSuffix(label, "型号"):
		return fieldBrandModel
	case strings.HasSuffix(label, "名称") && !strings.HasPrefix(label, "品牌"):
		return fieldName
	case strings.HasPrefix(label, "品牌") || label == "生产厂家" || label == "制造商":
		return fieldBrand
	case strings.HasSuffix(label, "型号"):
		return fieldModel
	case strings.HasSuffix(label, "数量"):
		return fieldQuantity
	case strings.HasSuffix(label, "单位"):
		return fieldUnit
	case label == "单价":
		return fieldUnitPrice
	}
	return fieldTotal
}

// proseItems reads label runs from the text outside item-table rows
// (covered reports whether a rune offset lies in such a row); folded is
// runes folded (see folded).
func proseItems(runes, folded []rune, covered func(int) bool) []enduse.Item {
	var fields []proseField
	for c, r := range folded {
		if r != ':' {
			continue
		}
		f, ok := labelBefore(folded, c)
		if !ok || covered(f.start) {
			continue
		}
		fields = append(fields, f)
	}
	if len(fields) == 0 {
		return nil
	}
	for i := range fields {
		limit := len(folded)
		if i+1 < len(fields) {
			limit = fields[i+1].start
		}
		end := valueEnd(folded, fields[i].valueStart, limit)
		fields[i].valueEnd = end
		fields[i].value = cleanValue(string(runes[fields[i].valueStart:end]))
		if i+1 < len(fields) {
			fields[i].joinsNext = onlySeparators(folded[end:limit])
		}
	}
	var items []enduse.Item
	var run []proseField
	flush := func() {
		items = append(items, runItems(run, runes)...)
		run = run[:0]
	}
	for i, f := range fields {
		run = append(run, f)
		if !f.joinsNext || i == len(fields)-1 {
			flush()
		}
	}
	return items
}

// valueEnd returns where the value starting at folded[s] ends, before
// limit: at a line or cell break, a full stop, a comma that is not a
// thousands separator, or an unmatched closing parenthesis.
func valueEnd(folded []rune, s, limit int) int {
	end := s
	depth := 0
	for ; end < limit; end++ {
		switch folded[end] {
		case ',':
			if end > 0 && end+1 < limit && isASCIIDigit(folded[end-1]) && isASCIIDigit(folded[end+1]) {
				continue // a thousands separator: 1,200
			}
			return end
		case '\n', '\t', ';', '。', '、':
			return end
		case '(':
			depth++
		case ')':
			if depth == 0 {
				return end
			}
			depth--
		}
	}
	return end
}

// cellLabels reads "品牌：希捷 型号：ST8000VX004" written inside the cells of
// a table row [s,e) whose table has no brand or model column.
func cellLabels(runes []rune, s, e int) (brand, model string) {
	folded := make([]rune, e-s)
	for i, r := range runes[s:e] {
		folded[i] = foldRune(r)
	}
	var fields []proseField
	for c, r := range folded {
		if r == ':' {
			if f, ok := labelBefore(folded, c); ok {
				fields = append(fields, f)
			}
		}
	}
	for i, f := range fields {
		limit := len(folded)
		if i+1 < len(fields) {
			limit = fields[i+1].start
		}
		v := cleanValue(string(runes[s+f.valueStart : s+valueEnd(folded, f.valueStart, limit)]))
		if placeholder(v) || utf8.RuneCountInString(v) > 40 {
			continue
		}
		switch f.kind {
		case fieldBrand:
			if brand == "" {
				brand = v
			}
		case fieldModel:
			if model == "" {
				model = fold(v)
			}
		case fieldBrandModel:
			if brand == "" && model == "" {
				b, m := splitBrandModel(v)
				brand, model = b, fold(m)
			}
		}
	}
	return brand, model
}

// onlySeparators reports whether rs holds nothing but spaces, line breaks,
// punctuation and list markers ("1." "(2)") between two fields.
func onlySeparators(rs []rune) bool {
	breaks := 0
	for _, r := range rs {
		switch {
		case r == '\n':
			breaks++
		case unicode.IsSpace(r), unicode.IsPunct(r), unicode.IsDigit(r):
		default:
			return false
		}
	}
	return breaks <= 1
}

// runItems splits a run of fields into items (a repeated label starts the
// next item) and keeps those that name a brand or model.
func runItems(run []proseField, runes []rune) []enduse.Item {
	var out []enduse.Item
	var it enduse.Item
	seen := map[field]bool{}
	start, end := -1, -1
	var qtyUnit string
	emit := func() {
		if (it.Brand != "" || it.Model != "") && (it.Name != "" || it.Quantity > 0 || it.UnitPrice > 0 || it.Total > 0 || it.Brand != "" && it.Model != "") {
			if it.Unit == "" {
				it.Unit = qtyUnit
			}
			it.Evidence = evidence(runes, start, end)
			out = append(out, it)
		}
		it = enduse.Item{}
		seen = map[field]bool{}
		start, end, qtyUnit = -1, -1, ""
	}
	for _, f := range run {
		if seen[f.kind] {
			emit()
		}
		seen[f.kind] = true
		if start < 0 {
			start = f.start
		}
		end = f.valueEnd
		v := f.value
		n := utf8.RuneCountInString(v)
		switch f.kind {
		case fieldName:
			if n <= 40 {
				it.Name = v
			}
		case fieldBrand:
			if n <= 30 && !placeholder(v) {
				it.Brand = v
			}
		case fieldModel:
			if n <= 60 && !placeholder(v) {
				it.Model = fold(v)
			}
		case fieldBrandModel:
			if n <= 60 && !placeholder(v) {
				b, m := splitBrandModel(v)
				it.Brand = b
				if m != "" {
					it.Model = fold(m)
				}
			}
		case fieldQuantity:
			it.Quantity, qtyUnit = quantity(v)
		case fieldUnit:
			if isHanString(v) && n <= 3 {
				it.Unit = v
			}
		case fieldUnitPrice:
			it.UnitPrice = amount(v, f.wan)
		case fieldTotal:
			it.Total = amount(v, f.wan)
		}
	}
	emit()
	return out
}

// labelBefore reads the label that ends at the colon folded[c]: spaces, an
// optional parenthesis of up to 8 runes, then one of proseLabels not glued
// to a Han character before it (项目名称, 供应商名称, 采购单位 are not item
// labels).
func labelBefore(folded []rune, c int) (proseField, bool) {
	j := c - 1
	for j >= 0 && folded[j] == ' ' {
		j--
	}
	paren := ""
	if j >= 0 && folded[j] == ')' {
		k := j - 1
		for k >= 0 && j-k <= 9 && folded[k] != '(' && folded[k] != ')' {
			k--
		}
		if k < 0 || folded[k] != '(' {
			return proseField{}, false
		}
		paren = string(folded[k+1 : j])
		j = k - 1
		for j >= 0 && folded[j] == ' ' {
			j--
		}
	}
	for _, l := range proseLabels {
		s, ok := endsWith(folded, j, l)
		if !ok {
			continue
		}
		if s > 0 && unicode.Is(unicode.Han, folded[s-1]) {
			return proseField{}, false
		}
		return proseField{kind: proseKind(l), start: s, valueStart: c + 1, wan: strings.Contains(paren, "万")}, true
	}
	return proseField{}, false
}

// endsWith reports whether rs[:j+1] ends with label, and where the match
// starts, comparing rune by rune from the end so that trying every label
// at every colon neither counts the label's runes nor builds a string of
// rs. Labels are valid UTF-8 without U+FFFD, so rune equality is exactly
// the equality of the encoded strings.
func endsWith(rs []rune, j int, label string) (int, bool) {
	for len(label) > 0 {
		r, size := utf8.DecodeLastRuneInString(label)
		if j < 0 || rs[j] != r {
			return 0, false
		}
		label = label[:len(label)-size]
		j--
	}
	return j + 1, true
}

func isASCIIDigit(r rune) bool { return r >= '0' && r <= '9' }
