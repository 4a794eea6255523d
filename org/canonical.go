package org

import (
	"regexp"
	"strings"
)

// Sub-bureaus of a city public security bureau are written two ways: the
// district's own bureau (吐鲁番市高昌区公安分局) and the city bureau's
// sub-bureau (吐鲁番市公安局高昌区分局, 北京市公安局东城分局). Both are one
// body; keys use the second form with the district's full name.
var (
	districtBureau = regexp.MustCompile(`^(.+?(?:市|州|盟|地区))(.+?(?:区|县|旗))公安分局(.*)$`)
	cityBureauSub  = regexp.MustCompile(`^(.+?(?:市|州|盟|地区))公安局(.+?)分局(.*)$`)
)

// Canonical returns the key under which spellings of the same body
// collapse: full-width and half-width forms and brackets, spaces, 人民政府
// and 政府, short and official place names (新疆 and 新疆维吾尔自治区, 巴州
// and 巴音郭楞蒙古自治州), and trailing 本级 or 机关 all give one key.
func (a *Analyzer) Canonical(name string) string {
	norm := normalize(name)
	return a.canonical(norm, a.tokenize(norm))
}

func (a *Analyzer) canonical(norm string, toks []token) string {
	var b strings.Builder
	for _, t := range toks {
		switch {
		case t.kind == tokPlace && t.place.Short && t.place.Code != "":
			b.WriteString(t.place.Name)
		case t.kind == tokTerm && t.text == "人民政府":
			b.WriteString("政府")
		default:
			b.WriteString(t.text)
		}
	}
	s := b.String()
	for {
		trimmed := s
		for _, suf := range []string{"(本级)", "(机关)", "本级", "机关"} {
			trimmed = strings.TrimSuffix(trimmed, suf)
		}
		if trimmed == s || trimmed == "" {
			break
		}
		s = trimmed
	}
	return strings.ToLower(a.subBureauKey(s))
}

// subBureauKey rewrites a district public security bureau's name into the
// city bureau's sub-bureau form, completing a short district stem
// (东城分局 → 东城区分局) when the region table knows the district.
func (a *Analyzer) subBureauKey(s string) string {
	if m := districtBureau.FindStringSubmatch(s); m != nil {
		s = m[1] + "公安局" + m[2] + "分局" + m[3]
	}
	m := cityBureauSub.FindStringSubmatch(s)
	if m == nil || strings.HasSuffix(m[2], "区") || strings.HasSuffix(m[2], "县") || strings.HasSuffix(m[2], "旗") || strings.HasSuffix(m[2], "市") {
		return s
	}
	city, ok := a.regions.Resolve(m[1])
	if !ok {
		return s
	}
	for _, suf := range []string{"区", "县", "旗", "市"} {
		if r, ok := a.regions.Resolve(m[2]+suf, city.Code); ok && r.Code != city.Code && a.regions.IsWithin(r.Code, city.Code) {
			return m[1] + "公安局" + m[2] + suf + "分局" + m[3]
		}
	}
	return s
}
