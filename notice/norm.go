package notice

import "strings"

// normRune folds one rune to the form the extractor matches on: full-width
// ASCII to half-width, ideographic and no-break spaces to a space, and the
// common look-alike punctuation to one spelling. It maps one rune to one
// rune, so offsets in a normalised copy equal offsets in the original.
func normRune(r rune) rune {
	switch {
	case r >= '！' && r <= '～':
		r = r - '！' + '!'
	case r == '\u3000' || r == '\u00a0' || r == '\u2002' || r == '\u2003' || r == '\u2009' || r == '\u200b' || r == '\ufeff':
		return ' '
	case r == '〇':
		return '〇'
	}
	switch r {
	case '（':
		return '('
	case '）':
		return ')'
	case '：':
		return ':'
	case '【', '〔', '［':
		return '['
	case '】', '〕', '］':
		return ']'
	case '﹒', '．':
		return '.'
	case '，':
		return ','
	case '；':
		return ';'
	case '￥':
		return '¥'
	}
	return r
}

// normRunes returns the normalised copy of rs (same length).
func normRunes(rs []rune) []rune {
	out := make([]rune, len(rs))
	for i, r := range rs {
		out[i] = normRune(r)
	}
	return out
}

// norm returns the normalised form of s (same rune count).
func norm(s string) string {
	return string(normRunes([]rune(s)))
}

// compact normalises s and removes all white space, for comparing labels
// written with spacing ("招 标 人").
func compact(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r = normRune(r); !isCompactSpace(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// compactRunes is compact of runes already normalised.
func compactRunes(nr []rune) string {
	var b strings.Builder
	for _, r := range nr {
		if !isCompactSpace(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isCompactSpace reports whether compact removes the normalised rune r.
func isCompactSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }

// isSpace reports whether r is white space after normalisation.
func isSpace(r rune) bool {
	r = normRune(r)
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f'
}
