// Package counting holds enduse's counting rules, the same for every
// store: which notices are re-publications of one announcement
// (normalised titles, simhash, lots), which announcements are one
// purchase, how quantities and amounts sum (each purchase once, from the
// account with the most item detail and the most final award), which
// roles count as suppliers, and how answers and profiles are assembled
// from loaded notices with the notices behind every figure.
package counting

import (
	"hash/fnv"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// MinSimhashRunes is the normalised length under which a text is too short
// for its simhash to tell re-publications from different notices.
const MinSimhashRunes = 50

// Normalize folds width and case and keeps only letters and digits, so
// that spellings differing in punctuation, spacing or full-width forms
// compare equal.
func Normalize(s string) string {
	s = width.Fold.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// Simhash is the 64-bit SimHash of a normalised text over its rune
// trigrams: near-identical texts have hashes a few bits apart.
func Simhash(norm string) uint64 {
	rs := []rune(norm)
	if len(rs) < 3 {
		return 0
	}
	var v [64]int
	h := fnv.New64a()
	var buf [12]byte
	for i := 0; i+3 <= len(rs); i++ {
		n := 0
		for _, r := range rs[i : i+3] {
			n += utf8.EncodeRune(buf[n:], r)
		}
		h.Reset()
		h.Write(buf[:n])
		x := h.Sum64()
		for b := 0; b < 64; b++ {
			if x&(1<<b) != 0 {
				v[b]++
			} else {
				v[b]--
			}
		}
	}
	var out uint64
	for b := 0; b < 64; b++ {
		if v[b] > 0 {
			out |= 1 << b
		}
	}
	return out
}

// Hamming is the number of bits in which a and b differ.
func Hamming(a, b uint64) int {
	return bits.OnesCount64(a ^ b)
}
