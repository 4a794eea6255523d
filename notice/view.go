package notice

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// view is the text of a document seen the ways the extractor reads it:
// runes for the rune offsets spans and evidence are given in, and strings
// for the substrings, regexps and label lookups. Each is built once per
// document, so a span's text is a substring (no copy) instead of a
// conversion of a rune slice on every lookup.
type view struct {
	rs []rune  // the text
	nr []rune  // its normalised copy (normRune), rune for rune
	ts string  // rs as a string
	ns string  // nr as a string
	tb []int32 // tb[i] is the byte offset of rune i in ts; len(rs)+1 entries
	nb []int32 // the same for ns
}

// newView builds the view of s. Its runes are those of []rune(s): an
// invalid byte reads as U+FFFD, and ts then spells the replacement.
func newView(s string) view {
	n := utf8.RuneCountInString(s)
	v := view{rs: make([]rune, 0, n), nr: make([]rune, 0, n), tb: make([]int32, 0, n+1), nb: make([]int32, 0, n+1)}
	var nb strings.Builder
	nb.Grow(len(s))
	for i, r := range s {
		nr := normRune(r)
		v.rs = append(v.rs, r)
		v.nr = append(v.nr, nr)
		v.tb = append(v.tb, int32(i))
		v.nb = append(v.nb, int32(nb.Len()))
		nb.WriteRune(nr)
	}
	v.tb = append(v.tb, int32(len(s)))
	v.nb = append(v.nb, int32(nb.Len()))
	v.ns = nb.String()
	v.ts = s
	if !utf8.ValidString(s) {
		// Byte offsets of s no longer match its runes' encodings.
		v.ts = string(v.rs)
		b := int32(0)
		for i, r := range v.rs {
			v.tb[i] = b
			b += int32(utf8.RuneLen(r))
		}
		v.tb[len(v.rs)] = b
	}
	return v
}

// str returns the text of sp: string(rs[sp.s:sp.e]).
func (v *view) str(sp span) string { return v.ts[v.tb[sp.s]:v.tb[sp.e]] }

// normStr returns the normalised text of sp: string(nr[sp.s:sp.e]), which
// is norm(v.str(sp)).
func (v *view) normStr(sp span) string { return v.ns[v.nb[sp.s]:v.nb[sp.e]] }

// compactStr returns compact(v.str(sp)), a substring of ns when the span
// holds no white space to remove.
func (v *view) compactStr(sp span) string {
	for _, r := range v.nr[sp.s:sp.e] {
		if isCompactSpace(r) {
			return compactRunes(v.nr[sp.s:sp.e])
		}
	}
	return v.normStr(sp)
}

// normRuneAt returns the rune offset of byte offset b of ns (b at a rune
// boundary), mapping a regexp's byte index back to a span.
func (v *view) normRuneAt(b int) int {
	i, _ := slices.BinarySearch(v.nb, int32(b))
	return i
}

// runeAt returns the rune offset of byte offset b of ts (b at a rune
// boundary).
func (v *view) runeAt(b int) int {
	i, _ := slices.BinarySearch(v.tb, int32(b))
	return i
}
