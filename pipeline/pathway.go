package pipeline

import (
	"github.com/enduse/enduse"
	"github.com/enduse/enduse/kb"
)

// date is the date a notice's corporate links are evaluated at: its
// publication date, else the record's own date; empty (today) when it has
// neither.
func date(n *enduse.Notice, d *enduse.Document) string {
	if n.Published != "" {
		return n.Published
	}
	return d.Published
}

// routeSuppliers are the suppliers a purchase went through: the winners
// and the proposed single-source supplier (candidates and bidders did not
// supply anything).
func routeSuppliers(n *enduse.Notice) []string {
	var out []string
	for _, s := range n.Suppliers {
		if (s.Role == enduse.RoleWinner || s.Role == enduse.RoleSingleSource) && s.Name != "" {
			out = append(out, s.Name)
		}
	}
	return out
}

// asOf re-evaluates every mention's and item's resolution at the notice's
// date (the recogniser resolves as of today) and attaches the pathway each
// product took from the notice's suppliers: the best-known route among
// them, with the rights the notice itself states counted as links.
func (p *Pipeline) asOf(n *enduse.Notice, d *enduse.Document) {
	when := date(n, d)
	sups := routeSuppliers(n)
	route := func(r enduse.Resolution) *enduse.Route {
		var best *enduse.Route
		for _, s := range sups {
			if rt := p.KB.Route(s, r, when, n.Rights); kb.BetterRoute(rt, best) {
				best = rt
			}
		}
		return best
	}
	for i := range n.Mentions {
		m := &n.Mentions[i]
		if m.Brand == "" && m.Company == "" {
			continue
		}
		m.Resolution = p.KB.AsOf(m.Resolution, when)
		if m.Kind != enduse.MentionCompany {
			// A company's own name is an organisation, not a product:
			// it took no pathway.
			m.Route = route(m.Resolution)
		}
	}
	for i := range n.Items {
		it := &n.Items[i]
		if it.Resolved == nil {
			continue
		}
		r := p.KB.AsOf(*it.Resolved, when)
		r.Route = route(r)
		it.Resolved = &r
	}
}
