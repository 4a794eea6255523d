package lineitem

import (
	"strings"
	"unicode"
)

// splitBrandModel splits a combined 品牌型号 cell into brand and model when
// the split is clear:
//
//	"品牌:希捷 型号:ST4000VX013" → 希捷, ST4000VX013
//	"希捷/ST4000VX013", "希捷 ST4000VX013" → 希捷, ST4000VX013
//	"海康威视DS-2CD3T46WD-I3" → 海康威视, DS-2CD3T46WD-I3
//	"ST8000VX004" → "", ST8000VX004 (a bare model number)
//
// Anything else is returned whole as the brand, as written.
func splitBrandModel(v string) (brand, model string) {
	v = strings.TrimSpace(v)
	if b, m, ok := labelledBrandModel(v); ok {
		return b, m
	}
	if isModelToken(v) {
		return "", v
	}
	// separator between a brand and a model-number part
	for _, sep := range []string{"/", "／", "、", ":", " ", "|", ";", ","} {
		i := strings.Index(v, sep)
		if i <= 0 {
			continue
		}
		b := strings.TrimSpace(v[:i])
		m := strings.TrimSpace(v[i+len(sep):])
		if b != "" && m != "" && (!hasDigit(b) || len([]rune(b)) <= 4) && hasDigit(m) && len([]rune(b)) <= 20 {
			return b, m
		}
		// model first: "ST4000VN008/希捷" under a 规格型号及品牌 header
		if b != "" && m != "" && isModelToken(b) && !hasDigit(m) && len([]rune(m)) <= 20 {
			return m, b
		}
	}
	// a Han brand followed directly by a Latin/digit model: 海康威视DS-2CD…
	rs := []rune(v)
	i := 0
	for i < len(rs) && unicode.Is(unicode.Han, rs[i]) {
		i++
	}
	if i >= 2 && i < len(rs) {
		rest := strings.TrimSpace(string(rs[i:]))
		if isModelToken(rest) {
			return string(rs[:i]), rest
		}
	}
	return v, ""
}

// labelPunct is what separates the labels and values of a "品牌：X；型号：Y"
// cell, in half- and full-width forms.
const labelPunct = " :;,、/：；，／\u3000"

// labelledBrandModel reads "品牌:X 型号:Y" written inside one cell.
func labelledBrandModel(v string) (string, string, bool) {
	bi := strings.Index(v, "品牌")
	mi := -1
	mlen := 0
	for _, l := range []string{"规格型号", "型号"} {
		if j := strings.Index(v, l); j >= 0 {
			mi, mlen = j, len(l)
			break
		}
	}
	if bi < 0 || mi < 0 || mi < bi {
		return "", "", false
	}
	b := strings.Trim(v[bi+len("品牌"):mi], labelPunct)
	m := strings.Trim(v[mi+mlen:], labelPunct)
	if b == "" && m == "" {
		return "", "", false
	}
	return b, m, true
}

// isModelToken reports whether s looks like a model number: Latin letters,
// digits and - _ . / + ( ) only, with at least one digit, no spaces inside
// beyond a few ("ThinkCentre M820z" allowed).
func isModelToken(s string) bool {
	if s == "" || !hasDigit(s) || len(s) > 60 {
		return false
	}
	spaces := 0
	for _, r := range s {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
		case strings.ContainsRune("-_./+()#", r):
		case r == ' ':
			spaces++
		default:
			return false
		}
	}
	return spaces <= 2
}

func hasDigit(s string) bool {
	for _, r := range s {
		if r >= '0' && r <= '9' {
			return true
		}
	}
	return false
}
