package lineitem

import "testing"

func TestAmount(t *testing.T) {
	tests := []struct {
		name string
		cell string
		wan  bool
		want float64
	}{
		{"plain", "13,000.00", false, 13000},
		{"currency sign", "￥27000", false, 27000},
		{"yuan suffix", "147390元", false, 147390},
		{"wan in cell", "17.31 万元", false, 173100},
		{"wan in header", "2330.20", true, 23302000},
		{"yuan in cell under a wan header", "13000元", true, 13000},
		{"renminbi prefix", "人民币386395元", false, 386395},
		{"about", "约28.00万元", false, 280000},
		{"full-width digits", "１２００", false, 1200},
		{"no figure", "详见附件", false, 0},
		{"empty", "", false, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := amount(tc.cell, tc.wan); got != tc.want {
				t.Errorf("amount(%q, %v) = %v, want %v", tc.cell, tc.wan, got, tc.want)
			}
		})
	}
}

func TestQuantity(t *testing.T) {
	tests := []struct {
		name, cell string
		want       float64
		unit       string
	}{
		{"bare", "20", 20, ""},
		{"with unit", "20块", 20, "块"},
		{"spaced unit", "30 台", 30, "台"},
		{"about", "约50只", 50, "只"},
		{"unit then note", "2000个（第一批次约500个）", 2000, "个"},
		{"spec is no unit", "200人份/盒", 200, "人份"},
		{"long word is no unit", "1项目组成员", 1, ""},
		{"words", "一批", 0, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q, u := quantity(tc.cell)
			if q != tc.want || u != tc.unit {
				t.Errorf("quantity(%q) = %v %q, want %v %q", tc.cell, q, u, tc.want, tc.unit)
			}
		})
	}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		label string
		want  field
		wan   bool
	}{
		{"货物名称", fieldName, false},
		{"品牌型号", fieldBrandModel, false},
		{"规格型号/技术指标", fieldModel, false},
		{"★品 牌", fieldBrand, false},
		{"年使用数量", fieldQuantity, false},
		{"单价最高限价（元/件）", fieldUnitPrice, false},
		{"最高含税总价限价（万元）", fieldTotal, true},
		{"成交金额(元)", fieldTotal, false},
		{"合计约（元）", fieldTotal, false},
		{"交货地点", fieldNone, false},
		{"采购单位", fieldNone, false},
		{"工作单位", fieldNone, false},
	}
	for _, tc := range tests {
		t.Run(tc.label, func(t *testing.T) {
			c := classify(tc.label)
			if c.field != tc.want || c.wan != tc.wan {
				t.Errorf("classify(%q) = %+v, want field %v wan %v", tc.label, c, tc.want, tc.wan)
			}
		})
	}
}
