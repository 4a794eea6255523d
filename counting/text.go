// Package counting holds enduse's counting rules, the same for every
// store: which notices are re-publications of one announcement
// (normalised titles, simhash, lots), which announcements are one
// purchase, how quantities and amounts sum (each purchase once, from the
// account with the most item detail and the most final award), which
// roles count as suppliers, and how answers and profiles are assembled
// from loaded notices with the notices behind every figure.
package counting

import (
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
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf: // ASCII: width and case in one step
			switch {
			case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
				b.WriteByte(byte(r))
			case 'A' <= r && r <= 'Z':
				b.WriteByte(byte(r) + 'a' - 'A')
			}
			continue
		case 0x4E00 <= r && r <= 0x9FFF: // CJK ideographs: no width or case to fold
			b.WriteRune(r)
			continue
		}
		// width.Fold, rune by rune as its transformer folds.
		if f := width.LookupRune(r).Folded(); f != 0 {
			r = f
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// spreadBits[v] has byte j set to bit j of v: adding it counts eight bits
// at once.
var spreadBits = func() (t [256]uint64) {
	for v := range t {
		for j := 0; j < 8; j++ {
			if v&(1<<j) != 0 {
				t[v] |= 1 << (8 * j)
			}
		}
	}
	return t
}()

// Simhash is the 64-bit SimHash of a normalised text over its rune
// trigrams: near-identical texts have hashes a few bits apart. Bit b is
// set when more than half of the trigram hashes have it. The votes are
// counted eight bits at a time in byte-wide lanes (spreadBits), not bit by
// bit: a notice's text has tens of thousands of trigrams.
func Simhash(norm string) uint64 {
	rs := []rune(norm)
	if len(rs) < 3 {
		return 0
	}
	var ones [64]int
	var lanes [8]uint64 // lanes[k] byte j counts the hashes with bit 8k+j set
	flush := func() {
		for k, l := range lanes {
			for j := 0; j < 8; j++ {
				ones[8*k+j] += int(byte(l >> (8 * j)))
			}
			lanes[k] = 0
		}
	}
	var buf [12]byte
	total, pending := 0, 0
	for i := 0; i+3 <= len(rs); i++ {
		n := 0
		for _, r := range rs[i : i+3] {
			n += utf8.EncodeRune(buf[n:], r)
		}
		// FNV-1a of the trigram's UTF-8 bytes (hash/fnv's New64a, without
		// its interface calls; stored hashes must not change).
		x := uint64(fnvOffset64)
		for _, c := range buf[:n] {
			x ^= uint64(c)
			x *= fnvPrime64
		}
		for k := range lanes {
			lanes[k] += spreadBits[byte(x>>(8*k))]
		}
		total++
		if pending++; pending == 255 { // a lane byte holds at most 255
			flush()
			pending = 0
		}
	}
	flush()
	var out uint64
	for b, c := range ones {
		if 2*c > total {
			out |= 1 << b
		}
	}
	return out
}

// The FNV-1a constants (hash/fnv).
const (
	fnvOffset64 = 14695981039346656037
	fnvPrime64  = 1099511628211
)

// Hamming is the number of bits in which a and b differ.
func Hamming(a, b uint64) int {
	return bits.OnesCount64(a ^ b)
}
