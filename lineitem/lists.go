package lineitem

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/enduse/enduse"
)

// listLabel matches, in folded text, the labels of the parallel numbered
// lists of ccgp contract notices (六、合同主要信息):
//
//	主要标的名称：1.不间断电源 2.酷鱼台式机硬盘
//	规格型号（或服务要求）：1.山特 C3KS 2.Seagate ST2000DM008
//	主要标的数量：1.6台 2.4个
//	主要标的单价：1.4800元/台 2.420元/个
//
// The n-th entries of the lists describe the n-th item.
var listLabel = newPrefixed(listLabels, `(`+strings.Join(listLabels, "|")+`)(?:\([^()]{0,12}\))?[ \t]*:`)

// listLabels are the labels of the lists.
var listLabels = []string{"主要标的名称", "标的名称", "主要标的数量", "标的数量", "主要标的单价", "标的单价", "主要标的金额", "规格型号"}

// listKind maps a list label to the field its entries hold.
func listKind(label string) field {
	switch {
	case strings.HasSuffix(label, "名称"):
		return fieldName
	case strings.HasSuffix(label, "型号"):
		return fieldBrandModel
	case strings.HasSuffix(label, "数量"):
		return fieldQuantity
	case strings.HasSuffix(label, "单价"):
		return fieldUnitPrice
	}
	return fieldTotal
}

// nextLabel matches the start of any "标签：" field after a list value
// ("合同金额：", "履约期限、地点等简要信息："), which ends the value.
var nextLabel = regexp.MustCompile(`^[ \t;]*[\p{Han}、()]{2,16}:`)

// listField is one labelled list of a block.
type listField struct {
	kind       field
	start      int // rune offset of the label
	valueStart int
	valueEnd   int
}

// listItems reads the items of parallel numbered lists in runes, skipping
// labels inside spans already read (covered). It returns the items and
// the spans of the blocks they came from.
func listItems(runes []rune, f *folded, covered func(int) bool) ([]enduse.Item, [][2]int) {
	folded, s, runeAt := f.runes, f.s, f.runeAt
	var fields []listField
	for _, m := range listLabel.findAll(s) {
		start := runeAt[m[0]]
		if covered(start) {
			continue
		}
		// 项目名称, 供应商名称 are not list labels: the label must not be glued
		// to a Han character before it (主要标的名称 is matched whole)
		if start > 0 && unicode.Is(unicode.Han, folded[start-1]) {
			continue
		}
		fields = append(fields, listField{kind: listKind(s[m[2]:m[3]]), start: start, valueStart: runeAt[m[1]]})
	}
	var items []enduse.Item
	var spans [][2]int
	for i := 0; i < len(fields); i++ {
		if fields[i].kind != fieldName {
			continue
		}
		block := []listField{fields[i]}
		seen := map[field]bool{fieldName: true}
		j := i + 1
		for ; j < len(fields) && !seen[fields[j].kind] && fields[j].start-fields[j-1].valueStart < 2000; j++ {
			seen[fields[j].kind] = true
			block = append(block, fields[j])
		}
		if len(block) < 2 {
			continue
		}
		for k := range block {
			limit := len(folded)
			if i+k+1 < len(fields) {
				limit = fields[i+k+1].start
			}
			block[k].valueEnd = listValueEnd(folded, block[k].valueStart, limit)
		}
		its := blockItems(block, runes, folded)
		if len(its) > 0 {
			span := [2]int{block[0].start, block[len(block)-1].valueEnd}
			for n := range its {
				its[n].Evidence = evidence(runes, span[0], span[1])
			}
			items = append(items, its...)
			spans = append(spans, span)
		}
		i = j - 1
	}
	return items, spans
}

// blockItems joins the entries of a block's lists by position.
func blockItems(block []listField, runes, folded []rune) []enduse.Item {
	// the name list decides whether the lists are numbered: with names
	// not numbered, "1.5万元" stays a figure rather than entry 1
	names, isNumbered := numbered(folded[block[0].valueStart:block[0].valueEnd], runes[block[0].valueStart:block[0].valueEnd], true)
	n := len(names)
	entries := [][]string{names}
	for _, f := range block[1:] {
		e, _ := numbered(folded[f.valueStart:f.valueEnd], runes[f.valueStart:f.valueEnd], isNumbered)
		entries = append(entries, e)
	}
	items := make([]enduse.Item, 0, n)
	for k := 0; k < n; k++ {
		var it enduse.Item
		var priceUnit string
		for b, f := range block {
			if k >= len(entries[b]) {
				continue
			}
			v := cleanValue(entries[b][k])
			if placeholder(v) {
				continue
			}
			switch f.kind {
			case fieldName:
				it.Name = v
			case fieldBrandModel:
				br, m := splitBrandModel(v)
				if m != "" {
					it.Brand, it.Model = br, trimModel(m)
				} else if utf8.RuneCountInString(br) <= 6 && !strings.ContainsAny(br, " ") {
					it.Brand = br // a brand with no model: "山特"
				}
				// otherwise a service requirement ("提供三年原厂质保"), not a brand
			case fieldQuantity:
				it.Quantity, it.Unit = quantity(v)
			case fieldUnitPrice:
				it.UnitPrice = amount(v, false)
				priceUnit = perUnit(v)
			case fieldTotal:
				it.Total = amount(v, false)
			}
		}
		if it.Unit == "" {
			it.Unit = priceUnit
		}
		// a name whose figures are elsewhere ("详见合同清单") is no item here
		if it.Name != "" && (it.Brand != "" || it.Model != "" || it.Quantity > 0 || it.UnitPrice > 0 || it.Total > 0) {
			items = append(items, it)
		}
	}
	return items
}

// perUnit reads the unit of a price written per unit: "420元/个" → 个.
func perUnit(v string) string {
	v = fold(v)
	i := strings.Index(v, "元/")
	if i < 0 {
		return ""
	}
	u := strings.TrimSpace(v[i+len("元/"):])
	if isHanString(u) && utf8.RuneCountInString(u) <= 2 {
		return u
	}
	return ""
}

// listValueEnd returns where a list value starting at s ends, before
// limit: at a line break not followed by a numbered entry, or at the next
// "标签：" field on the same line.
func listValueEnd(folded []rune, s, limit int) int {
	for p := s; p < limit; p++ {
		switch folded[p] {
		case '\n':
			q := p + 1
			for q < limit && (folded[q] == ' ' || folded[q] == '\t') {
				q++
			}
			if q > s && q < limit && p > s && hasContent(folded[s:p]) {
				if _, ok := marker(folded, q, 0); !ok {
					return p
				}
			}
		case ' ', '\t', ';', '。':
			if p > s && hasContent(folded[s:p]) && nextLabel.MatchString(string(folded[p:min(limit, p+24)])) {
				return p
			}
		}
	}
	return limit
}

// hasContent reports whether rs holds anything but spaces and breaks.
func hasContent(rs []rune) bool {
	for _, r := range rs {
		if !unicode.IsSpace(r) {
			return true
		}
	}
	return false
}

// numbered splits a list value into its entries — "1.A 2.B", "(1)A (2)B",
// "1、A；2、B", "1.A" on lines of their own — and reports whether it was
// numbered. Unless split, the value is one entry as written. folded and
// raw are the same span, folded and as written.
func numbered(folded, raw []rune, split bool) ([]string, bool) {
	whole := func() []string {
		v := strings.TrimRight(strings.TrimSpace(string(raw)), ";；,，。. ")
		if v == "" {
			return nil
		}
		return []string{v}
	}
	if !split {
		return whole(), false
	}
	p := 0
	for p < len(folded) && unicode.IsSpace(folded[p]) {
		p++
	}
	end, ok := marker(folded, p, 1)
	if !ok {
		return whole(), false
	}
	var out []string
	for k := 2; ; k++ {
		next, nend := -1, -1
		for q := end; q < len(folded); q++ {
			if !isListSep(folded[q-1]) {
				continue
			}
			if e, ok := marker(folded, q, k); ok {
				next, nend = q, e
				break
			}
		}
		stop := next
		if stop < 0 {
			stop = len(folded)
		}
		out = append(out, strings.TrimRight(strings.TrimSpace(string(raw[end:stop])), ";；,，。、 "))
		if next < 0 {
			return out, true
		}
		end = nend
	}
}

func isListSep(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune(";,，；、。", r)
}

// marker reads an entry number at folded[p] — "k." "k、" "(k)" "k)" — and
// returns where the entry text starts. k == 0 accepts any number.
func marker(folded []rune, p, k int) (int, bool) {
	q := p
	paren := q < len(folded) && folded[q] == '('
	if paren {
		q++
	}
	ds := q
	for q < len(folded) && isASCIIDigit(folded[q]) && q-ds < 3 {
		q++
	}
	if q == ds || q >= len(folded) {
		return 0, false
	}
	if n, _ := strconv.Atoi(string(folded[ds:q])); k != 0 && n != k {
		return 0, false
	}
	switch {
	case paren && folded[q] == ')':
		return q + 1, true
	case !paren && (folded[q] == '.' || folded[q] == '、' || folded[q] == ')'):
		// "1.5" is a figure, not an entry "1." followed by 5 — unless the
		// list is numbered that way ("1.6台"): accept, the entry count decides
		return q + 1, true
	}
	return 0, false
}

// byteToRune maps the byte offsets of s at rune starts (and one past the
// end) to rune offsets.
func byteToRune(s string) []int {
	out := make([]int, len(s)+1)
	r := 0
	for i := range s {
		out[i] = r
		r++
	}
	out[len(s)] = r
	return out
}
