package recognize

import "github.com/enduse/enduse"

// yieldToNamingAlias drops a model-number candidate that lies strictly
// inside a longer alias of the same brand and product line ("480B" inside
// "恩斯特龙480B"): the alias names the product with its brand, so it is the
// better mention. Without this the model wins the overlap, drops the alias,
// and is then itself dropped as a short code with no brand on the line, and
// the notice loses the mention altogether.
func yieldToNamingAlias(cs []cand) {
	for i := range cs {
		m := &cs[i]
		if m.kind != enduse.MentionModel || m.drop != "" {
			continue
		}
		for j := range cs {
			a := &cs[j]
			if a.kind == enduse.MentionModel || a.drop != "" || a.brand != m.brand || a.line != m.line {
				continue
			}
			if a.bs <= m.bs && m.be <= a.be && a.be-a.bs > m.be-m.bs {
				m.drop = "inside alias " + a.matched
				break
			}
		}
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
