package kb

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/enduse/enduse"
)

// walks reports whether a link type is followed when deciding whether a
// company is US-linked: ownership, acquisition, agency and former identity.
func walks(t enduse.LinkType) bool {
	switch t {
	case enduse.LinkSubsidiaryOf, enduse.LinkJointVentureOf, enduse.LinkAcquiredBy,
		enduse.LinkDistributorOf, enduse.LinkAgentOf, enduse.LinkFormerlyKnownAs:
		return true
	}
	return false
}

// linkVerb renders a link type in words for explanation paths.
func linkVerb(t enduse.LinkType) string {
	switch t {
	case enduse.LinkSubsidiaryOf:
		return "subsidiary of"
	case enduse.LinkJointVentureOf:
		return "joint venture of"
	case enduse.LinkAcquiredBy:
		return "acquired by"
	case enduse.LinkDistributorOf:
		return "distributor of"
	case enduse.LinkAgentOf:
		return "agent of"
	case enduse.LinkFormerlyKnownAs:
		return "formerly known as"
	}
	return string(t)
}

// Resolve returns what the KB says about a brand (and optionally one of its
// product lines by name or alias): canonical brand, company name, country,
// product line, category (the line's, else the brand's), and USLinked with
// USLinkPath, found by walking current links from the brand's company to a
// company headquartered in the US. A US company is US-linked itself.
//
// brandID is a brand id; when no brand has that id it is looked up as a
// brand alias, then as a company id or name, so that a supplier such as
// 英潍捷基（上海）贸易有限公司 resolves to its company and corporate path
// without a brand. An unknown name gives the zero Resolution.
func (k *KB) Resolve(brandID, productLine string) enduse.Resolution {
	b, ok := k.Brand(brandID)
	if !ok {
		b, ok = k.FindBrand(brandID)
	}
	if !ok {
		c, ok := k.Company(brandID)
		if !ok {
			c, ok = k.FindCompany(brandID)
		}
		if !ok {
			return enduse.Resolution{}
		}
		r := enduse.Resolution{Company: c.Name, Country: c.Country, Category: c.Category}
		r.USLinked, r.USLinkPath = k.USLink(c.ID)
		return r
	}
	r := enduse.Resolution{Brand: b.Name, Category: b.Category}
	if c, ok := k.Company(b.Company); ok {
		r.Company = c.Name
		r.Country = c.Country
		r.USLinked, r.USLinkPath = k.USLink(c.ID)
	}
	if productLine != "" {
		if pl, ok := k.productLine(b, productLine); ok {
			r.ProductLine = pl.Name
			if pl.Category != "" {
				r.Category = pl.Category
			}
		}
	}
	return r
}

// ResolveModel resolves a bare model number with no brand word: the first
// product-line pattern that matches the whole of model (after trimming
// space) gives brand, line and category. It reports false when no pattern
// matches all of it.
func (k *KB) ResolveModel(model string) (enduse.Resolution, bool) {
	m := strings.TrimSpace(model)
	for _, p := range k.patterns {
		loc := p.Re.FindStringIndex(m)
		if loc == nil || loc[0] != 0 || loc[1] != len(m) {
			continue
		}
		return k.Resolve(p.Brand, p.ProductLine), true
	}
	return enduse.Resolution{}, false
}

// productLine finds a line of b by name or alias (normalised comparison).
func (k *KB) productLine(b enduse.Brand, name string) (enduse.ProductLine, bool) {
	key := Normalize(name)
	for _, pl := range b.ProductLines {
		if Normalize(pl.Name) == key {
			return pl, true
		}
		for _, a := range pl.Aliases {
			if Normalize(a) == key {
				return pl, true
			}
		}
	}
	return enduse.ProductLine{}, false
}

// USLink reports whether a company (by id) is US-linked and why: a US
// company is linked by itself ("Seagate Technology (US)"); otherwise the
// shortest chain of current ownership, agency, distribution or former-name
// links to a US company, hop by hop ("New H3C Technologies (CN)", "joint
// venture of Hewlett Packard Enterprise (US), 49% since 2016"). Callers use
// it to show a supplier's US link without a brand. An unknown id or a
// company with no such chain gives false and nil.
func (k *KB) USLink(companyID string) (bool, []string) {
	start, ok := k.Company(companyID)
	if !ok {
		return false, nil
	}
	if start.Country == "US" {
		return true, []string{k.label(start.ID)}
	}
	type step struct {
		id   string
		prev int
		link int // index into k.links, -1 for the start
	}
	queue := []step{{id: companyID, prev: -1, link: -1}}
	seen := map[string]bool{companyID: true}
	for i := 0; i < len(queue); i++ {
		for _, li := range k.linksFrom[queue[i].id] {
			lk := k.links[li]
			if !walks(lk.Type) || seen[lk.To] || ended(lk) {
				continue
			}
			to, ok := k.Company(lk.To)
			if !ok {
				continue
			}
			seen[lk.To] = true
			queue = append(queue, step{id: lk.To, prev: i, link: li})
			if to.Country != "US" {
				continue
			}
			var hops []string
			for j := len(queue) - 1; queue[j].link >= 0; j = queue[j].prev {
				hops = append(hops, k.hop(k.links[queue[j].link]))
			}
			path := []string{k.label(companyID)}
			for j := len(hops) - 1; j >= 0; j-- {
				path = append(path, hops[j])
			}
			return true, path
		}
	}
	return false, nil
}

// ended reports whether a link has ended (has an Until date). A former name
// is not an ended relationship: formerly_known_as links are always walked.
func ended(lk enduse.Link) bool {
	return lk.Until != "" && lk.Type != enduse.LinkFormerlyKnownAs
}

// label renders a company as "Name (CC)".
func (k *KB) label(id string) string {
	c, ok := k.Company(id)
	if !ok {
		return id + " (unknown company)"
	}
	return fmt.Sprintf("%s (%s)", c.Name, c.Country)
}

// hop renders one link in words, e.g. "joint venture of Hewlett Packard
// Enterprise (US), 49% since 2016".
func (k *KB) hop(lk enduse.Link) string {
	s := linkVerb(lk.Type) + " " + k.label(lk.To)
	var extra []string
	if lk.Share > 0 {
		extra = append(extra, strconv.FormatFloat(lk.Share, 'f', -1, 64)+"%")
	}
	switch {
	case lk.Type == enduse.LinkAcquiredBy && lk.Since != "":
		extra = append(extra, "in "+lk.Since)
	case lk.Since != "":
		extra = append(extra, "since "+lk.Since)
	}
	if lk.Until != "" {
		extra = append(extra, "until "+lk.Until)
	}
	if len(extra) > 0 {
		s += ", " + strings.Join(extra, " ")
	}
	return s
}

// CompanyPath explains how a company is linked to others (for `enduse kb
// explain`): every outgoing link chain, one line per chain, each hop in
// words, e.g. "H3C (CN) → joint venture of Hewlett Packard Enterprise (US),
// 49% since 2016". Ended links are shown with their end date. A company
// with no links gives a single line naming it; an unknown id gives nil.
func (k *KB) CompanyPath(companyID string) []string {
	if _, ok := k.Company(companyID); !ok {
		return nil
	}
	var out []string
	var walk func(id string, prefix string, onPath map[string]bool)
	walk = func(id string, prefix string, onPath map[string]bool) {
		extended := false
		for _, li := range k.linksFrom[id] {
			lk := k.links[li]
			if onPath[lk.To] {
				continue
			}
			extended = true
			onPath[lk.To] = true
			walk(lk.To, prefix+" → "+k.hop(lk), onPath)
			delete(onPath, lk.To)
		}
		if !extended {
			out = append(out, prefix)
		}
	}
	walk(companyID, k.label(companyID), map[string]bool{companyID: true})
	return out
}

// EnglishName returns the English name of an enterprise written in Chinese,
// for rendering suppliers: a brand word gives the brand's name (海康威视 →
// Hikvision); a company's name or legal name, with or without its legal
// form, gives the company's official English legal name when the data
// lists one for that Chinese name (杭州海康威视数字技术股份有限公司 →
// Hangzhou Hikvision Digital Technology Co., Ltd.), else the company's
// English name. Ambiguous aliases (长城, 大华) never match, since a
// company named after an ordinary word is not thereby that brand; nor does
// a name claimed by several companies. It reports false when the name is
// not known.
func (k *KB) EnglishName(zhName string) (string, bool) {
	full := Normalize(zhName)
	if full == "" {
		return "", false
	}
	if en, ok := k.legalEN[full]; ok {
		return en, true
	}
	stripped := Normalize(StripLegalForm(zhName))
	if en, ok := k.legalEN[stripped]; ok {
		return en, true
	}
	for _, try := range []struct {
		index map[string][]int
		key   string
	}{{k.byKey, full}, {k.byKey, stripped}, {k.byStripped, stripped}} {
		var idx []int
		for _, i := range try.index[try.key] {
			if !k.aliases[i].Ambiguous {
				idx = append(idx, i)
			}
		}
		id, n := k.companyFor(idx)
		if n > 1 {
			return "", false
		}
		if n == 0 {
			continue
		}
		// A brand word names the brand; a company's own name names the
		// company.
		brand := ""
		for _, i := range idx {
			a := k.aliases[i]
			if a.Company != id {
				continue
			}
			if a.Brand == "" {
				brand = ""
				break
			}
			if brand == "" {
				brand = a.Brand
			}
		}
		if b, ok := k.Brand(brand); ok {
			return b.Name, true
		}
		c, ok := k.Company(id)
		return c.Name, ok
	}
	return "", false
}
