package kb

import (
	"strings"

	"github.com/enduse/enduse"
)

// AsOf re-evaluates a resolution made as of today (what the recogniser
// gives) at a notice's date: the product line's owner of that date, the
// links and shares of that date, and a note saying so. A resolution the
// knowledge base cannot trace back to a brand or company is returned with
// only AsOf set.
func (k *KB) AsOf(r enduse.Resolution, date string) enduse.Resolution {
	if b, ok := k.FindBrand(r.Brand); ok && r.Brand != "" {
		if r.ProductLine != "" {
			if _, has := k.productLine(b, r.ProductLine); !has {
				// The recogniser resolved a line with dated owners to its
				// owner of today (System x → Lenovo); the line lives under
				// the brand that defines it.
				if home, ok := k.lineHome(b.ID, r.ProductLine); ok {
					b = home
				}
			}
		}
		out := k.ResolveAsOf(b.ID, r.ProductLine, date)
		if out.Brand == r.Brand && r.Category != "" {
			out.Category = r.Category // a pattern's category is the more specific
		}
		if r.ProductLine != "" && out.ProductLine == "" {
			out.ProductLine = r.ProductLine
		}
		out.Route = r.Route
		return out
	}
	if c, ok := k.FindCompany(r.Company); ok && r.Company != "" {
		out := r
		out.AsOf = date
		out.USLinked, out.USLinkPath, out.USLinkNote = k.USLinkAsOf(c.ID, date)
		return out
	}
	r.AsOf = date
	return r
}

// lineHome finds the brand that defines a product line named line and
// lists owner among the line's dated owners.
func (k *KB) lineHome(owner, line string) (enduse.Brand, bool) {
	for _, b := range k.brands {
		pl, ok := k.productLine(b, line)
		if !ok {
			continue
		}
		for _, o := range pl.Owners {
			if o.Brand == owner {
				return b, true
			}
		}
	}
	return enduse.Brand{}, false
}

// ownerOf reports whether a link type makes To an owner of From.
func ownerOf(t enduse.LinkType) bool {
	return ownership(t) || t == enduse.LinkFormerlyKnownAs
}

// ownersAt returns every company that owns id at date through a chain of
// ownership (or former-name) links, each with the shortest chain from id;
// id itself maps to an empty chain.
func (k *KB) ownersAt(id, date string) map[string][]enduse.Link {
	out := map[string][]enduse.Link{id: nil}
	queue := []string{id}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		for _, li := range k.linksFrom[cur] {
			lk := k.links[li]
			if !ownerOf(lk.Type) || !k.activeAt(lk, date) {
				continue
			}
			if _, seen := out[lk.To]; seen {
				continue
			}
			out[lk.To] = append(append([]enduse.Link(nil), out[cur]...), lk)
			queue = append(queue, lk.To)
		}
	}
	return out
}

// pathwayOf is the pathway an ownership chain stands for: its first link
// that is not a former name. A chain of renames only is direct.
func pathwayOf(chain []enduse.Link) enduse.Pathway {
	for _, lk := range chain {
		switch lk.Type {
		case enduse.LinkSubsidiaryOf:
			return enduse.PathwaySubsidiary
		case enduse.LinkJointVentureOf:
			return enduse.PathwayJointVenture
		case enduse.LinkAcquiredBy:
			return enduse.PathwayAcquired
		}
	}
	return enduse.PathwayDirect
}

// rank orders pathways by how much they say: a known ownership beats a
// distribution right, which beats an unknown third party.
func rank(p enduse.Pathway) int {
	for i, q := range enduse.Pathways() {
		if p == q {
			return i
		}
	}
	return len(enduse.Pathways())
}

// BetterRoute reports whether route a says more than b (see rank): used to
// pick one route among a notice's several suppliers.
func BetterRoute(a, b *enduse.Route) bool {
	if b == nil {
		return a != nil
	}
	return a != nil && rank(a.Pathway) < rank(b.Pathway)
}

// resolutionCompany returns the knowledge-base id of a resolution's
// company: its brand's company, else the company by name.
func (k *KB) resolutionCompany(r enduse.Resolution) (string, bool) {
	if r.Brand != "" {
		if b, ok := k.FindBrand(r.Brand); ok {
			return b.Company, true
		}
	}
	if r.Company != "" {
		if c, ok := k.FindCompany(r.Company); ok {
			return c.ID, true
		}
	}
	return "", false
}

// Route classifies how a product reached a buyer from one supplier, as of
// date: the supplier is the brand's company (direct — or, when that
// company is a joint venture, subsidiary or acquisition of its owner,
// that pathway), its subsidiary or owner, a sister company under the same
// owner (subsidiary), the acquirer of the brand's company (acquired), a
// distributor or agent of it (from the knowledge base or from stated, the
// rights a notice or exhibitor record states), or an unknown third party.
// Path is the evidence: supplier to brand company to owner, hop by hop,
// with the shares and dates of date. It returns nil when the resolution
// names no company the knowledge base knows or supplier is empty.
func (k *KB) Route(supplier string, r enduse.Resolution, date string, stated []enduse.StatedLink) *enduse.Route {
	b, ok := k.resolutionCompany(r)
	if !ok || supplier == "" {
		return nil
	}
	rt := &enduse.Route{Supplier: supplier, AsOf: date, Basis: enduse.BasisKB}
	s, sok := k.FindCompany(supplier)
	head := supplier + " (supplier, not in the knowledge base)"
	if sok {
		head = k.label(s.ID)
	}
	ancB := k.ownersAt(b, date)
	var chain []enduse.Link // supplier → … → brand company
	switch {
	case sok && s.ID == b:
		rt.Pathway = enduse.PathwayDirect
	case sok && k.ownersAt(s.ID, date)[b] != nil:
		chain = k.ownersAt(s.ID, date)[b]
		rt.Pathway = pathwayOf(chain)
	case sok && ancB[s.ID] != nil:
		// The supplier owns the brand's company: CGAG, Enstrom's acquirer.
		rt.Pathway = pathwayOf(ancB[s.ID])
		rt.Path = append([]string{head}, k.ownedVia(b, ancB[s.ID], date)...)
		return rt
	default:
		if sok {
			if o, c := k.commonOwner(s.ID, ancB, date); o != "" {
				// Sister companies under one owner: a subsidiary route,
				// or an acquisition when the owner acquired the brand's
				// company (a CGAG subsidiary maintaining an Enstrom).
				rt.Pathway = enduse.PathwaySubsidiary
				if pathwayOf(ancB[o]) == enduse.PathwayAcquired {
					rt.Pathway = enduse.PathwayAcquired
				}
				rt.Path = []string{head}
				for _, lk := range c {
					rt.Path = append(rt.Path, k.hopAt(lk, date))
				}
				rt.Path = append(rt.Path, k.ownedVia(b, ancB[o], date)...)
				return rt
			}
		}
		if c, basis, ok := k.distribution(s.ID, sok, supplier, b, ancB, date, stated); ok {
			chain = c
			rt.Pathway = enduse.PathwayDistributor
			rt.Basis = basis
			break
		}
		rt.Pathway = enduse.PathwayUnknownThirdParty
		rt.Path = append([]string{head, "no known link to " + k.label(b)}, k.ownerChain(b, date, "")...)
		return rt
	}
	rt.Path = []string{head}
	for _, lk := range chain {
		rt.Path = append(rt.Path, k.hopAt(lk, date))
	}
	up := k.ownerChain(b, date, "")
	if rt.Pathway == enduse.PathwayDirect && len(up) > 0 {
		// The supplier is the brand's company: what links that company to
		// its owner is the pathway (H3C, a joint venture of HPE).
		// Only a chain to a US owner changes the pathway: Hikvision, a
		// subsidiary of the Chinese CETC, selling its own cameras is direct.
		if c := k.usChain(b, func(lk enduse.Link) bool { return k.activeAt(lk, date) }); c != nil {
			rt.Pathway = pathwayOf(c)
		}
	}
	rt.Path = append(rt.Path, up...)
	return rt
}

// ownedVia renders "owner of <brand company>" and the brand company's
// chain up to its owner, for routes whose supplier sits above the brand.
func (k *KB) ownedVia(b string, up []enduse.Link, date string) []string {
	out := []string{"owner of " + k.label(b)}
	for _, lk := range up {
		out = append(out, k.label(lk.From)+" "+k.hopAt(lk, date))
	}
	return out
}

// commonOwner finds an owner shared by the supplier and the brand's
// company (two subsidiaries of Thermo Fisher) and the chain supplier →
// owner, then owner-to-brand-company rendered as the brand company's link.
func (k *KB) commonOwner(s string, ancB map[string][]enduse.Link, date string) (string, []enduse.Link) {
	ancS := k.ownersAt(s, date)
	best := ""
	for o := range ancS {
		if o == s || ancB[o] == nil {
			continue
		}
		if best == "" || len(ancS[o]) < len(ancS[best]) || (len(ancS[o]) == len(ancS[best]) && o < best) {
			best = o
		}
	}
	if best == "" {
		return "", nil
	}
	return best, ancS[best]
}

// distribution finds a distribution or agency chain from the supplier to
// the brand's company or one of its owners or subsidiaries, at most two
// distribution hops deep (Beijing Ryan Wende → agent of Ryan
// Technologies → distributor of REI). Stated rights count as links of the
// supplier named by the notice.
func (k *KB) distribution(s string, sok bool, supplier, b string, ancB map[string][]enduse.Link,
	date string, stated []enduse.StatedLink) ([]enduse.Link, string, bool) {
	reaches := func(to string) ([]enduse.Link, bool) {
		if _, ok := ancB[to]; ok {
			return nil, true // the brand's company or one of its owners
		}
		if c := k.ownersAt(to, date)[b]; c != nil {
			return c, true // a subsidiary of the brand's company
		}
		return nil, false
	}
	var first []enduse.Link
	for _, st := range stated {
		if Normalize(StripLegalForm(st.Org)) != Normalize(StripLegalForm(supplier)) {
			continue
		}
		if tail, ok := reaches(st.Link.To); ok {
			return append([]enduse.Link{st.Link}, tail...), st.Link.Basis, true
		}
	}
	if !sok {
		return nil, "", false
	}
	for _, li := range k.linksFrom[s] {
		lk := k.links[li]
		if (lk.Type == enduse.LinkDistributorOf || lk.Type == enduse.LinkAgentOf) && k.activeAt(lk, date) {
			if tail, ok := reaches(lk.To); ok {
				return append([]enduse.Link{lk}, tail...), basisOf(lk), true
			}
			first = append(first, lk)
		}
	}
	for _, lk := range first {
		for _, li := range k.linksFrom[lk.To] {
			l2 := k.links[li]
			if (l2.Type == enduse.LinkDistributorOf || l2.Type == enduse.LinkAgentOf) && k.activeAt(l2, date) {
				if tail, ok := reaches(l2.To); ok {
					return append([]enduse.Link{lk, l2}, tail...), basisOf(lk), true
				}
			}
		}
	}
	return nil, "", false
}

func basisOf(lk enduse.Link) string {
	if lk.Basis != "" {
		return lk.Basis
	}
	return enduse.BasisKB
}

// topOwner follows the largest active ownership share upward from id to
// the company that owns it last.
func (k *KB) topOwner(id, date string) string {
	seen := map[string]bool{id: true}
	for {
		next := ""
		best := -1.0
		for _, li := range k.linksFrom[id] {
			lk := k.links[li]
			if !ownership(lk.Type) || !k.activeAt(lk, date) || seen[lk.To] {
				continue
			}
			if sh, _, _ := shareAt(lk, date); sh > best {
				best, next = sh, lk.To
			}
		}
		if next == "" {
			return id
		}
		seen[next] = true
		id = next
	}
}

// ownerChain renders the brand company's links to its owner as of date:
// the chain to a US company when there is one (H3C → HPE 49%), else the
// chain to its top owner; stop, when set, ends the walk early.
func (k *KB) ownerChain(b, date, stop string) []string {
	chain := k.usChain(b, func(lk enduse.Link) bool { return k.activeAt(lk, date) })
	if chain == nil {
		chain = k.ownersAt(b, date)[k.topOwner(b, date)]
	}
	var out []string
	for _, lk := range chain {
		if lk.From == stop {
			break
		}
		out = append(out, k.hopAt(lk, date))
	}
	return out
}

// KnownLinks renders what the knowledge base knows of an organisation by
// any of its names, for supplier profiles: its own links ("agent of Ryan
// Technologies (US), since 2008") and the links of others to it ("Xinjiang
// Kehua Hechang (CN) is distributor of it, since 2020"), as of today, with
// ended links shown with their end. An organisation the knowledge base
// does not know gives nil.
func (k *KB) KnownLinks(names ...string) []string {
	var c enduse.Company
	found := false
	for _, n := range names {
		if c, found = k.FindCompany(n); found {
			break
		}
	}
	if !found {
		return nil
	}
	var out []string
	for _, li := range k.linksFrom[c.ID] {
		out = append(out, k.hop(k.links[li]))
	}
	for _, lk := range k.links {
		if lk.To == c.ID {
			tail := strings.TrimPrefix(k.hop(lk), linkVerb(lk.Type)+" "+k.label(lk.To))
			out = append(out, k.label(lk.From)+" is "+linkVerb(lk.Type)+" it"+tail)
		}
	}
	return out
}

// CompanyID returns the knowledge-base id of a resolution's company (its
// brand's company, else its company by name), for callers that record
// links to it.
func (k *KB) CompanyID(r enduse.Resolution) (string, bool) { return k.resolutionCompany(r) }

// USPathway says how a company is linked to the United States at date:
// direct for a US company, else the pathway of the first hop of its chain
// to a US company that is not a former name (subsidiary, joint venture,
// acquired), or distributor when the chain runs through agency or
// distribution only. It reports false when no chain holds at that date.
func (k *KB) USPathway(companyID, date string) (enduse.Pathway, bool) {
	c, ok := k.Company(companyID)
	if !ok {
		return "", false
	}
	if c.Country == "US" {
		return enduse.PathwayDirect, true
	}
	chain := k.usChain(companyID, func(lk enduse.Link) bool { return k.activeAt(lk, date) })
	if chain == nil {
		return "", false
	}
	for _, lk := range chain {
		switch lk.Type {
		case enduse.LinkDistributorOf, enduse.LinkAgentOf:
			return enduse.PathwayDistributor, true
		case enduse.LinkFormerlyKnownAs:
			continue
		}
		return pathwayOf([]enduse.Link{lk}), true
	}
	return enduse.PathwayDirect, true
}
