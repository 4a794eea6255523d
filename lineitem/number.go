package lineitem

import (
	"strconv"
	"strings"
	"unicode"
)

// foldRune maps full-width ASCII variants (０-９, Ａ-Ｚ, ：, ，, ．…) and the
// ideographic space to their ASCII forms, so one rune stays one rune.
func foldRune(r rune) rune {
	switch {
	case r == '\u3000':
		return ' '
	case r >= '！' && r <= '～':
		return r - '！' + '!'
	case r == '。':
		return '.'
	}
	return r
}

// fold applies foldRune to every rune of s.
func fold(s string) string {
	return strings.Map(foldRune, s)
}

// number is a figure read from a cell: its value, the text after it (a
// unit such as 台 or 万元) and whether any digits were found.
type number struct {
	value  float64
	suffix string
	ok     bool
}

// parseNumber reads the first decimal figure of s ("1,200.00", "￥27000",
// "30 台", "17.31 万元"), returning the value, the trimmed text after it and
// ok=false when s holds no figure or the figure is not the cell's subject
// (text before it that is not a currency sign).
func parseNumber(s string) number {
	s = strings.TrimSpace(fold(s))
	s = strings.TrimLeft(s, "¥￥$ ")
	s = strings.TrimPrefix(s, "RMB")
	s = strings.TrimPrefix(s, "人民币")
	s = strings.TrimLeft(s, "¥￥: ")
	for _, p := range []string{"约", "共计", "共", "计", "暂定", "预计"} {
		s = strings.TrimPrefix(s, p)
	}
	var b strings.Builder
	i := 0
	for i < len(s) {
		c := s[i]
		if c >= '0' && c <= '9' || c == '.' {
			b.WriteByte(c)
		} else if c == ',' && b.Len() > 0 && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' {
			// thousands separator
		} else {
			break
		}
		i++
	}
	if b.Len() == 0 {
		return number{}
	}
	v, err := strconv.ParseFloat(strings.TrimRight(b.String(), "."), 64)
	if err != nil {
		return number{}
	}
	return number{value: v, suffix: strings.TrimSpace(s[i:]), ok: true}
}

// amount converts a price cell to yuan. headerWan is true when the column
// header says the figures are in 万元; a 万 in the cell itself wins too.
func amount(cell string, headerWan bool) float64 {
	n := parseNumber(cell)
	if !n.ok {
		return 0
	}
	v := n.value
	switch {
	case strings.HasPrefix(n.suffix, "万"):
		v *= 10000
	case strings.HasPrefix(n.suffix, "元"):
		// the cell's own unit wins over a 万元 header
	case headerWan:
		v *= 10000
	}
	return roundCents(v)
}

// roundCents removes binary noise from ×10000 conversions.
func roundCents(v float64) float64 {
	return float64(int64(v*100+0.5)) / 100
}

// quantity reads a quantity cell such as "20", "30 台" or "15盒",
// returning the count and, when the cell carries one, its unit.
func quantity(cell string) (float64, string) {
	n := parseNumber(cell)
	if !n.ok {
		return 0, ""
	}
	// the unit is the Han word right after the figure: "20块", "2000个（第一批…）",
	// or in a parenthesis: "2（台）"
	suffix := n.suffix
	if rest, ok := strings.CutPrefix(suffix, "("); ok {
		if j := strings.IndexByte(rest, ')'); j > 0 && isHanString(rest[:j]) && len([]rune(rest[:j])) <= 3 {
			suffix = rest[:j]
		}
	}
	u := []rune(suffix)
	k := 0
	for k < len(u) && k < 4 && unicode.Is(unicode.Han, u[k]) {
		k++
	}
	if k == 0 || k > 3 || k < len(u) && unicode.Is(unicode.Han, u[k]) {
		return n.value, ""
	}
	return n.value, string(u[:k])
}

// isHanString reports whether s is made only of Han characters.
func isHanString(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}
