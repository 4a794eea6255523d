package org

import "strings"

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
	return strings.ToLower(s)
}
