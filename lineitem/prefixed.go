package lineitem

import (
	"regexp"
	"slices"

	ahocorasick "github.com/petar-dambovaliev/aho-corasick"
)

// prefixed is a regular expression every match of which starts with one of
// a few literal words (a label and what may follow it). Go's regexp scans
// such an alternation at about 15 MB/s over Chinese text and it ran over
// every notice's whole text; here one automaton pass finds where the words
// occur and the expression is tried, anchored, only there.
type prefixed struct {
	words    ahocorasick.AhoCorasick
	anchored *regexp.Regexp
}

// newPrefixed compiles expr, whose every match must start with one of
// words (the caller's expr begins with their alternation).
func newPrefixed(words []string, expr string) *prefixed {
	b := ahocorasick.NewAhoCorasickBuilder(ahocorasick.Opts{MatchKind: ahocorasick.StandardMatch})
	return &prefixed{words: b.Build(words), anchored: regexp.MustCompile(`^(?:` + expr + `)`)}
}

// findAll returns what regexp.FindAllStringSubmatchIndex(s, -1) returns
// for the unanchored expression: the leftmost match starts at the first
// word occurrence where the anchored expression matches, and the next
// search starts where that match ends.
func (p *prefixed) findAll(s string) [][]int {
	var starts []int
	it := p.words.IterOverlapping(s)
	for m := it.Next(); m != nil; m = it.Next() {
		starts = append(starts, m.Start())
	}
	slices.Sort(starts)
	var out [][]int
	end := 0
	for i, at := range starts {
		if at < end || i > 0 && at == starts[i-1] {
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
