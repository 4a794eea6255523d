package recognize

import (
	"sort"

	"github.com/enduse/enduse"
)

// yieldToNamingAlias drops a model-number candidate that lies strictly
// inside a longer alias of the same brand and product line ("480B" inside
// "恩斯特龙480B"): the alias names the product with its brand, so it is the
// better mention. Without this the model wins the overlap, drops the alias,
// and is then itself dropped as a short code with no brand on the line, and
// the notice loses the mention altogether.
//
// Aliases are grouped by brand and line and sorted by start, with the
// furthest end reached so far kept for each prefix, so each model needs one
// binary search (a line of tens of thousands of codes stays linear).
func yieldToNamingAlias(cs []cand) {
	type key struct{ brand, line string }
	type span struct{ bs, be, at int } // at: the alias in cs
	groups := map[key][]span{}
	for i := range cs {
		a := &cs[i]
		if a.kind != enduse.MentionModel && a.drop == "" {
			k := key{a.brand, a.line}
			groups[k] = append(groups[k], span{a.bs, a.be, i})
		}
	}
	if len(groups) == 0 {
		return
	}
	// reach[k][i] is the alias of spans[:i+1] that ends furthest.
	reach := map[key][]int{}
	for k, sp := range groups {
		sort.Slice(sp, func(i, j int) bool { return sp[i].bs < sp[j].bs || sp[i].bs == sp[j].bs && sp[i].be > sp[j].be })
		r := make([]int, len(sp))
		for i := range sp {
			r[i] = i
			if i > 0 && sp[r[i-1]].be >= sp[i].be {
				r[i] = r[i-1]
			}
		}
		reach[k] = r
	}
	for i := range cs {
		m := &cs[i]
		if m.kind != enduse.MentionModel || m.drop != "" {
			continue
		}
		k := key{m.brand, m.line}
		sp := groups[k]
		// Aliases starting at or before the model: sp[:n].
		n := sort.Search(len(sp), func(j int) bool { return sp[j].bs > m.bs })
		if n == 0 {
			continue
		}
		best := sp[reach[k][n-1]]
		if best.be < m.be || best.be-best.bs <= m.be-m.bs {
			continue // no alias of this brand and line holds the model, longer
		}
		m.drop = "inside alias " + cs[best.at].matched
	}
}

// claimsBrand reports whether a shared alias candidate (徕卡: Leica Camera
// and Leica Microsystems) may also name brand, so that a short model code
// of the second claimant on the line (FSC, a Leica Microsystems comparison
// microscope) is not dropped for want of its brand before the shared alias
// is resolved by that very code.
func claimsBrand(c *cand, brand string) bool {
	for _, sh := range c.shared {
		if sh.brand == brand {
			return true
		}
	}
	return false
}
