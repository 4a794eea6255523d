package web

import (
	"strconv"
	"strings"

	"github.com/enduse/enduse"
)

// formatInt writes n with thousands separators.
func formatInt(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// formatQty writes a quantity without needless decimals.
func formatQty(v float64) string {
	if v == float64(int64(v)) && v < 1e15 && v > -1e15 {
		return formatInt(int(v))
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

// formatItems writes a summed item quantity as a count of items ("1,234
// items") when it is one; a fractional sum adds metres or tonnes to sets
// and is not shown as a number of items (see enduse.CountedQuantity).
func formatItems(v float64) string {
	if v == 0 {
		return ""
	}
	if n, ok := enduse.CountedQuantity(v); ok && n < 1<<53 {
		return formatInt(int(n)) + " items"
	}
	return "item quantities in mixed units"
}

// formatYuan writes an amount in yuan the way analysts read it: ¥ with
// 万 (10⁴) or 亿 (10⁸) and the English million in brackets.
func formatYuan(v float64) string {
	switch {
	case v == 0:
		return ""
	case v >= 1e8:
		return "¥" + strconv.FormatFloat(v/1e8, 'f', 2, 64) + "亿 (" + strconv.FormatFloat(v/1e6, 'f', 1, 64) + "M)"
	case v >= 1e4:
		return "¥" + strconv.FormatFloat(v/1e4, 'f', 1, 64) + "万 (" + strconv.FormatFloat(v/1e6, 'f', 2, 64) + "M)"
	}
	return "¥" + strconv.FormatFloat(v, 'f', 2, 64)
}

// sectorLabel is the English label of a sector.
func sectorLabel(s enduse.Sector) string {
	switch s {
	case enduse.SectorPublicSecurity:
		return "Public security"
	case enduse.SectorProcuratorate:
		return "Procuratorate"
	case enduse.SectorCourt:
		return "Court"
	case enduse.SectorPrisonJustice:
		return "Prison / justice"
	case enduse.SectorXPCC:
		return "XPCC"
	case enduse.SectorArmedPolice:
		return "Armed police"
	case enduse.SectorStateSecurity:
		return "State security"
	case enduse.SectorOtherGovernment:
		return "Other government"
	case enduse.SectorEducation:
		return "Education"
	case enduse.SectorHealth:
		return "Health"
	case enduse.SectorEnterprise:
		return "Enterprise"
	case enduse.SectorUnknown, "":
		return "Unknown"
	}
	return string(s)
}

// sectorZH is the Chinese label of a sector.
func sectorZH(s enduse.Sector) string {
	switch s {
	case enduse.SectorPublicSecurity:
		return "公安"
	case enduse.SectorProcuratorate:
		return "检察院"
	case enduse.SectorCourt:
		return "法院"
	case enduse.SectorPrisonJustice:
		return "监狱·司法"
	case enduse.SectorXPCC:
		return "兵团"
	case enduse.SectorArmedPolice:
		return "武警"
	case enduse.SectorStateSecurity:
		return "国家安全"
	case enduse.SectorOtherGovernment:
		return "其他政府机关"
	case enduse.SectorEducation:
		return "教育"
	case enduse.SectorHealth:
		return "卫生"
	case enduse.SectorEnterprise:
		return "企业"
	}
	return ""
}

// levelLabel is the English label of an administrative level.
func levelLabel(l enduse.Level) string {
	if l == "" {
		return "Unknown"
	}
	s := string(l)
	return strings.ToUpper(s[:1]) + s[1:]
}

// typeLabel is the English label of a notice type.
func typeLabel(t enduse.NoticeType) string {
	switch t {
	case enduse.TypeTender:
		return "Tender"
	case enduse.TypeCandidates:
		return "Candidates"
	case enduse.TypeAward:
		return "Award"
	case enduse.TypeContract:
		return "Contract"
	case enduse.TypeSingleSource:
		return "Single source"
	case enduse.TypeCorrection:
		return "Correction"
	case enduse.TypeTermination:
		return "Termination"
	}
	return "Other"
}

// typeZH is the Chinese label of a notice type.
func typeZH(t enduse.NoticeType) string {
	switch t {
	case enduse.TypeTender:
		return "招标/采购"
	case enduse.TypeCandidates:
		return "中标候选人"
	case enduse.TypeAward:
		return "中标/成交"
	case enduse.TypeContract:
		return "合同"
	case enduse.TypeSingleSource:
		return "单一来源"
	case enduse.TypeCorrection:
		return "更正"
	case enduse.TypeTermination:
		return "废标/终止"
	}
	return "其他"
}

// provinceEN is the English name of a province-level division by code.
func provinceEN(code string) string {
	if len(code) < 2 {
		return ""
	}
	switch code[:2] {
	case "11":
		return "Beijing"
	case "12":
		return "Tianjin"
	case "13":
		return "Hebei"
	case "14":
		return "Shanxi"
	case "15":
		return "Inner Mongolia"
	case "21":
		return "Liaoning"
	case "22":
		return "Jilin"
	case "23":
		return "Heilongjiang"
	case "31":
		return "Shanghai"
	case "32":
		return "Jiangsu"
	case "33":
		return "Zhejiang"
	case "34":
		return "Anhui"
	case "35":
		return "Fujian"
	case "36":
		return "Jiangxi"
	case "37":
		return "Shandong"
	case "41":
		return "Henan"
	case "42":
		return "Hubei"
	case "43":
		return "Hunan"
	case "44":
		return "Guangdong"
	case "45":
		return "Guangxi"
	case "46":
		return "Hainan"
	case "50":
		return "Chongqing"
	case "51":
		return "Sichuan"
	case "52":
		return "Guizhou"
	case "53":
		return "Yunnan"
	case "54":
		return "Tibet"
	case "61":
		return "Shaanxi"
	case "62":
		return "Gansu"
	case "63":
		return "Qinghai"
	case "64":
		return "Ningxia"
	case "65":
		return "Xinjiang"
	case "66":
		return "XPCC"
	case "71":
		return "Taiwan"
	case "81":
		return "Hong Kong"
	case "82":
		return "Macao"
	}
	return ""
}
