package lineitem

import (
	"strings"
)

// field is what a column of an item table holds.
type field int

const (
	fieldNone field = iota
	fieldIndex
	fieldName
	fieldBrand
	fieldBrandModel
	fieldModel
	fieldQuantity
	fieldUnit
	fieldUnitPrice
	fieldTotal
	fieldSupplier // 供应商名称: the row's supplier
	fieldScope    // 服务范围/施工范围/服务时间…: describes a service or works item
	fieldLot      // 包号/子包号/标段: the lot the row belongs to
)

// column is one classified header cell.
type column struct {
	field field
	rank  int    // for names: lower is a better item-name column
	wan   bool   // the header states 万元
	unit  string // a unit stated in the header, e.g. 数量（台）
}

// nameLabels are the item-name headers, best first. Later entries are
// used only when no earlier one is present in the same header row.
var nameLabels = [...]string{
	"货物名称", "产品名称", "设备名称", "标的名称", "标的物名称", "物资名称", "材料名称", "服务名称",
	"名称", "商品名称", "品目名称", "货物", "采购内容", "招标内容", "采购标的", "采购品目", "品目",
}

// cleanLabel normalises a header cell: full-width forms folded, spaces,
// list markers and required-item marks (★▲*) removed.
func cleanLabel(s string) string {
	s = fold(s)
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\n', '\r', '★', '▲', '*', '※', '\u00a0':
			return -1
		}
		return r
	}, s)
	return s
}

// splitParen separates "单价(万元)" into "单价" and "万元".
func splitParen(s string) (base, paren string) {
	i := strings.IndexAny(s, "(（[【")
	if i <= 0 {
		return s, ""
	}
	base = s[:i]
	rest := s[i:]
	_, size := firstRune(rest)
	rest = rest[size:]
	if j := strings.IndexAny(rest, ")）]】"); j >= 0 {
		rest = rest[:j]
	}
	return base, rest
}

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}

// classify reads one header cell. It returns fieldNone for headers that
// are not item attributes (交货地点, 备注 …).
func classify(cell string) column {
	full := cleanLabel(cell)
	if full == "" || len([]rune(full)) > 16 {
		return column{}
	}
	base, paren := splitParen(full)
	wan := strings.Contains(full, "万元")
	if c := classifyBase(base, paren, wan); c.field != fieldNone {
		return c
	}
	// 货物品牌, 货物型号, 产品型号, 设备数量: an attribute named with the item's kind
	for _, p := range itemPrefixes {
		if rest, ok := strings.CutPrefix(base, p); ok && rest != "" {
			if c := classifyBase(rest, paren, wan); c.field != fieldNone && c.field != fieldName {
				return c
			}
		}
	}
	return column{}
}

// itemPrefixes name the kind of item in front of an attribute header
// (货物品牌 is 品牌 of a 货物).
var itemPrefixes = [...]string{"货物", "产品", "设备", "商品", "标的", "物资", "服务", "工程"}

// classifyBase classifies a header with its parenthesis removed.
func classifyBase(base, paren string, wan bool) column {
	switch base {
	case "供应商名称", "供应商", "中标供应商", "中标供应商名称", "成交供应商", "成交供应商名称", "中标人", "成交人",
		"中标单位", "成交单位", "中标(成交)供应商名称", "中标人名称":
		return column{field: fieldSupplier}
	case "服务范围", "服务要求", "服务时间", "服务标准", "施工范围", "施工工期":
		// the columns of the ccgp 服务类 and 工程类 tables; 服务期限 or 服务内容
		// alone head the summary tables of tenders, whose rows are lots
		return column{field: fieldScope}
	case "包号", "子包号", "分包号", "标包号", "标段号", "包件号", "标项号", "包组号", "合同包号":
		return column{field: fieldLot}
	case "序号", "编号", "标项", "标包", "NO.", "No.", "no.":
		return column{field: fieldIndex}
	}
	for i, l := range nameLabels {
		if base == l {
			return column{field: fieldName, rank: i}
		}
	}
	switch {
	case base == "品牌型号" || base == "品牌及型号" || base == "品牌/型号" || base == "品牌、型号" ||
		base == "品牌规格型号" || base == "品牌及规格型号" || base == "品牌、规格型号" || base == "品牌/规格型号" ||
		base == "品牌及规格" || base == "品牌规格" || base == "规格型号及品牌" || base == "型号及品牌" ||
		base == "规格及品牌" || base == "型号品牌" || base == "规格型号品牌" || base == "规格型号/品牌" ||
		base == "型号/品牌" || base == "品牌型号规格" || base == "品牌、型号及规格" || base == "品牌及型号规格":
		return column{field: fieldBrandModel}
	case base == "品牌" || base == "品牌名称" || base == "制造商" || base == "生产厂家" || base == "生产厂商" ||
		base == "制造商名称" || base == "厂家" || base == "厂商" || base == "品牌(产地)" || base == "生产商" ||
		base == "品牌/产地" || base == "品牌/厂家" || base == "品牌及产地":
		return column{field: fieldBrand}
	case base == "规格型号" || base == "型号" || base == "型号规格" || base == "规格" || base == "型号及规格" ||
		base == "规格及型号" || base == "规格、型号" || base == "规格/型号" || base == "型号/规格" ||
		strings.HasPrefix(base, "规格型号/") || strings.HasPrefix(base, "型号/") || base == "规格型号及参数" ||
		base == "产品型号" || base == "设备型号":
		return column{field: fieldModel}
	case strings.HasSuffix(base, "数量") && len([]rune(base)) <= 6 || base == "采购数量" || base == "中标数量" || base == "成交数量" || base == "数量及单位" ||
		base == "数量/单位" || base == "数量(单位)" || base == "供货数量" || base == "需求数量":
		c := column{field: fieldQuantity}
		if isHanString(paren) && len([]rune(paren)) <= 2 {
			c.unit = paren
		}
		return c
	case base == "单位" || base == "计量单位":
		return column{field: fieldUnit}
	case strings.HasSuffix(base, "单价") || strings.HasPrefix(base, "单价") || base == "单价/元":
		return column{field: fieldUnitPrice, wan: wan}
	case base == "金额" || base == "总价" || base == "小计" || base == "合价" || base == "总金额" ||
		strings.HasSuffix(base, "总价") || strings.HasSuffix(base, "金额") || base == "投标报价" ||
		base == "报价" || base == "总报价" || strings.HasSuffix(base, "限价") || base == "预算" ||
		strings.HasPrefix(base, "投标报价") || base == "价格" || strings.HasPrefix(base, "合计") || strings.HasSuffix(base, "控制价") ||
		base == "预算价" || base == "中标价" || base == "成交价":
		return column{field: fieldTotal, wan: wan}
	}
	return column{}
}

// layout maps the columns of a header row to fields.
type layout struct {
	cols []column
	name int // column of the item name
}

// readHeader decides whether cells form an item-table header: an item
// name column plus at least one of brand, model, quantity, unit or price.
func readHeader(cells []string) (layout, bool) {
	l := layout{cols: make([]column, len(cells)), name: -1}
	attrs := 0
	seen := map[field]bool{}
	for i, c := range cells {
		col := classify(c)
		if col.field == fieldName {
			if l.name < 0 || col.rank < l.cols[l.name].rank {
				l.name = i
			}
		}
		if seen[col.field] && col.field != fieldName && col.field != fieldNone {
			// the first column of a kind wins ("金额 … 金额(大写)")
			col.field = fieldNone
		}
		seen[col.field] = true
		switch col.field {
		case fieldBrand, fieldBrandModel, fieldModel, fieldQuantity, fieldUnit, fieldUnitPrice, fieldTotal, fieldScope:
			attrs++
		}
		l.cols[i] = col
	}
	for i := range l.cols {
		if l.cols[i].field == fieldName && i != l.name {
			l.cols[i].field = fieldNone
		}
	}
	return l, l.name >= 0 && attrs > 0
}
