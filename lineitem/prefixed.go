package lineitem

import (
	"regexp"
	"slices"
	"strings"
)

// prefixed is a regular expression every match of which starts with one of
// a few literal words (a label and what may follow it). Go's regexp scans
// such an alternation at about 15 MB/s over Chinese text and it ran over
// every notice's whole text; here the words are found with strings.Index
// (one SIMD pass per word: 110 MB/s for the eight list labels, where an
// overlapping Aho-Corasick iteration managed 14–32) and the expression is
// tried, anchored, only where one occurs.
type prefixed struct {
	words    []string
	anchored *regexp.Regexp
}

// newPrefixed compiles expr, whose every match must start with one of
// words (the caller's expr begins with their alternation).
func newPrefixed(words []string, expr string) *prefixed {
	return &prefixed{words: words, anchored: regexp.MustCompile(`^(?:` + expr + `)`)}
}

// findAll returns what regexp.FindAllStringSubmatchIndex(s, -1) returns
// for the unanchored expression: the leftmost match starts at the first
// word occurrence where the anchored expression matches, and the next
// search starts where that match ends.
func (p *prefixed) findAll(s string) [][]int {
	var starts []int
	for _, w := range p.words {
		for i := 0; ; {
			j := strings.Index(s[i:], w)
			if j < 0 {
				break
			}
			starts = append(starts, i+j)
			i += j + 1
		}
	}
	slices.Sort(starts)
	starts = slices.Compact(starts) // two words may start at one place
	var out [][]int
	end := 0
	for _, at := range starts {
		if at < end {
			continue
		}
		m := p.anchored.FindStringSubmatchIndex(s[at:])
		if m == nil {
			continue
		}
		for j := range m {
			if m[j] >= 0 {
				m[j] += at
			}
		}
		out = append(out, m)
		end = max(m[1], at+1)
	}
	return out
}
