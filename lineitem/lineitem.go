// Package lineitem reads the equipment and service lists of procurement
// notices — 货物/设备清单 tables and "品牌：… 型号：… 数量：…" runs in prose —
// into enduse.Items, each with the span of text it was read from.
//
// Items are what make a notice answerable: which brands and models a buyer
// bought, how many and at what price. The package reads only what the
// notice states: a quantity or price that is not written is left zero, a
// combined 品牌型号 cell is split only where the split is clear, and header,
// subtotal and section-title rows never become items.
package lineitem

import (
	"sort"
	"strings"

	"github.com/enduse/enduse"
)

// Items reads the line items of a decoded document: tables whose header
// row names an item column (货物名称/产品名称/设备名称/名称/采购内容/品目)
// plus any of 品牌/品牌型号/规格型号/型号/数量/单位/单价/金额/总价/小计, and,
// for notices without such tables, "品牌：… 型号：… 数量：…" runs in prose.
// Each Item carries Evidence: the rune span of its row or run in d.Text.
// Amounts are in yuan (万元 converted when the header or cell says so).
// Items are returned in text order; nil when the document lists none.
func Items(d *enduse.Document) []enduse.Item {
	if d == nil || d.Text == "" {
		return nil
	}
	runes := []rune(d.Text)
	var items []enduse.Item
	var spans [][2]int
	for _, t := range tables(d, runes) {
		for _, it := range tableItems(t, runes) {
			items = append(items, it)
			spans = append(spans, [2]int{it.Evidence.Start, it.Evidence.End})
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i][0] < spans[j][0] })
	covered := func(pos int) bool {
		// the last span starting at or before pos (spans do not overlap)
		i := sort.Search(len(spans), func(i int) bool { return spans[i][0] > pos }) - 1
		return i >= 0 && pos < spans[i][1]
	}
	// the contract lists and prose enumerations of a notice that also has
	// an item table often restate its rows: a restated item is read once
	f := foldAll(runes)
	listed, blocks := listItems(runes, f, covered)
	items = appendNew(items, listed)
	spans = append(spans, blocks...)
	sort.Slice(spans, func(i, j int) bool { return spans[i][0] < spans[j][0] })
	enumerated, blocks := enumItems(runes, f, covered)
	items = appendNew(items, enumerated)
	spans = append(spans, blocks...)
	sort.Slice(spans, func(i, j int) bool { return spans[i][0] < spans[j][0] })
	items = append(items, proseItems(runes, f.runes, covered)...)
	sort.SliceStable(items, func(i, j int) bool { return items[i].Evidence.Start < items[j].Evidence.Start })
	return items
}

// folded is a notice's text as the list, enumeration and prose readers
// read it (foldRune: full-width forms and colons folded): as runes, and as
// a string with the rune offset of each byte offset. It is built once per
// notice for all three.
type folded struct {
	runes  []rune
	s      string
	runeAt []int
}

func foldAll(runes []rune) *folded {
	f := &folded{runes: make([]rune, len(runes))}
	for i, r := range runes {
		f.runes[i] = foldRune(r)
	}
	f.s = string(f.runes)
	f.runeAt = byteToRune(f.s)
	return f
}

// appendNew appends to items those of more that do not restate one of
// items: the same model number, or the same name and quantity.
func appendNew(items, more []enduse.Item) []enduse.Item {
	n := len(items)
	for _, m := range more {
		dup := false
		for _, it := range items[:n] {
			if m.Model != "" && strings.EqualFold(m.Model, it.Model) ||
				m.Model == "" && m.Name == it.Name && m.Quantity == it.Quantity {
				dup = true
				break
			}
		}
		if !dup {
			items = append(items, m)
		}
	}
	return items
}
