package counting

import "strings"

// The answer to a filter on one province (two-digit GB/T 2260 code, the
// Region filter's broadest form) is kept in the summary tables like the
// unfiltered one: each purchase contributes, per province its notices are
// in, what Contributions gives over those notices alone, under dimensions
// RegionDim(province, dim).

// RegionDim is the summary dimension of breakdown dim (Dims' names or
// "all") of the answer restricted to province (two digits).
func RegionDim(province, dim string) string { return scopeDim("r", province, dim) }

// RegionDims is the range [lo, hi) of every dimension of province's
// answer, in byte order; ok is false for what is not a two-digit code.
func RegionDims(province string) (lo, hi string, ok bool) {
	if len(province) != 2 || !IsDigits(province) {
		return "", "", false
	}
	return scopeDim("r", province, ""), scopeEnd("r", province), true
}

// ProvinceOf is the two-digit province of a division code, "" when the
// code is not one (the notices' province column).
func ProvinceOf(code string) string {
	if len(code) < 2 || !IsDigits(code) {
		return ""
	}
	return code[:2]
}

// RegionContributions is the purchase's contributions to the answers of
// the provinces its notices are in, marks attached with Match set (as an
// unfiltered Marks does). It reorders recs.
func RegionContributions(recs []*Rec) ([]Contribution, error) {
	var provinces []string
	by := map[string][]*Rec{}
	for _, r := range recs {
		p := ProvinceOf(r.RegionCode)
		if p == "" {
			continue
		}
		if by[p] == nil {
			provinces = append(provinces, p)
		}
		by[p] = append(by[p], r)
	}
	var out []Contribution
	for _, p := range provinces {
		cs, err := Contributions(by[p], false)
		if err != nil {
			return nil, err
		}
		for i := range cs {
			cs[i].Dim = RegionDim(p, cs[i].Dim)
		}
		out = append(out, cs...)
	}
	return out, nil
}

// Region is the part of s that holds province's answer, under the
// unfiltered answer's dimensions (so that Result gives it).
func (s Summary) Region(province string) Summary {
	out := Summary{}
	prefix := scopeDim("r", province, "")
	for k, t := range s {
		if dim, ok := strings.CutPrefix(k.Dim, prefix); ok {
			out[SummaryKey{Dim: dim, Key: k.Key}] = t
		}
	}
	return out
}
