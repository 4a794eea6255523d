package notice

import (
	"strings"
	"unicode/utf8"
)

// cueSet tells, in one pass over a text's runes, which of several groups of
// words the text holds: the prefilter that decides which patterns are
// worth running on it, instead of one substring search per word.
type cueSet struct {
	first [1 << 16 / 64]uint64 // first runes of the words, by their low 16 bits
	words map[rune][]cueWord   // the words, by first rune
}

// cueWord is one word of a cueSet and the groups it belongs to.
type cueWord struct {
	s      string
	groups uint64
}

// newCueSet builds the set of groups[i] (at most 64 groups); a word may be
// in several.
func newCueSet(groups ...[]string) *cueSet {
	c := &cueSet{words: map[rune][]cueWord{}}
	bits := map[string]uint64{}
	var order []string
	for g, ws := range groups {
		for _, w := range ws {
			if _, ok := bits[w]; !ok {
				order = append(order, w)
			}
			bits[w] |= 1 << g
		}
	}
	for _, w := range order {
		r, _ := utf8.DecodeRuneInString(w)
		c.first[uint16(r)/64] |= 1 << (uint16(r) % 64)
		c.words[r] = append(c.words[r], cueWord{w, bits[w]})
	}
	return c
}

// find returns the groups (bit i for groups[i]) with a word in s, as
// strings.Contains of each word would tell.
func (c *cueSet) find(s string) uint64 {
	var got uint64
	for i, r := range s {
		if c.first[uint16(r)/64]&(1<<(uint16(r)%64)) == 0 {
			continue
		}
		for _, w := range c.words[r] {
			if got&w.groups != w.groups && strings.HasPrefix(s[i:], w.s) {
				got |= w.groups
			}
		}
	}
	return got
}

// any reports whether s holds a word of the set.
func (c *cueSet) any(s string) bool { return c.find(s) != 0 }
