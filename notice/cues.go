package notice

// cueSet tells, in one pass over a text's runes, which of several groups of
// words the text holds: the prefilter that decides which patterns are
// worth running on it, instead of one substring search per word.
type cueSet struct {
	first [1 << 16 / 64]uint64 // first runes of the words, by their low 16 bits
	words map[rune][]cueWord   // the words, by first rune
}

// cueWord is one word of a cueSet and the groups it belongs to.
type cueWord struct {
	rs     []rune
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
		rs := []rune(w)
		c.first[uint16(rs[0])/64] |= 1 << (uint16(rs[0]) % 64)
		c.words[rs[0]] = append(c.words[rs[0]], cueWord{rs, bits[w]})
	}
	return c
}

// find returns the groups (bit i for groups[i]) with a word in nr, as
// strings.Contains of each word in string(nr) would tell.
func (c *cueSet) find(nr []rune) uint64 {
	var got uint64
	for i, r := range nr {
		if c.first[uint16(r)/64]&(1<<(uint16(r)%64)) == 0 {
			continue
		}
		for _, w := range c.words[r] {
			if got&w.groups != w.groups && hasRunePrefix(nr[i:], w.rs) {
				got |= w.groups
			}
		}
	}
	return got
}

// hasRunePrefix reports whether rs begins with p.
func hasRunePrefix(rs, p []rune) bool {
	if len(rs) < len(p) {
		return false
	}
	for i, r := range p {
		if rs[i] != r {
			return false
		}
	}
	return true
}
