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
	case enduse.LinkSpunOffFrom:
		return "spun off from"
	case enduse.LinkSoldBy:
		return "sold by"
	case enduse.LinkPartnerOf:
		return "partner of"
	}
	return string(t)
}

// Resolve returns what the KB says about a brand (and optionally one of its
// product lines by name or alias) as of today: canonical brand, company
// name, country, product line, category (the line's, else the brand's), and
// USLinked with USLinkPath, found by walking current links from the brand's
// company to a company headquartered in the US. A US company is US-linked
// itself. ResolveAsOf does the same as of a notice's date.
//
// brandID is a brand id; when no brand has that id it is looked up as a
// brand alias, then as a company id or name, so that a supplier such as
// 英潍捷基（上海）贸易有限公司 resolves to its company and corporate path
// without a brand. An unknown name gives the zero Resolution.
func (k *KB) Resolve(brandID, productLine string) enduse.Resolution {
	return k.ResolveAsOf(brandID, productLine, "")
}

// ResolveAsOf is Resolve with the corporate links, share steps and product
// line owners evaluated as of date (YYYY, YYYY-MM or YYYY-MM-DD; empty
// means today), so that a System x server of 2016 is Lenovo's and an H3C
// switch of 2025 shows HPE's stake of 2025. The result's AsOf is date and
// USLinkNote explains the dates in words.
func (k *KB) ResolveAsOf(brandID, productLine, date string) enduse.Resolution {
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
		r := enduse.Resolution{Company: c.Name, Country: c.Country, Category: c.Category, AsOf: date}
		k.usLinkInto(&r, c.ID, date)
		return r
	}
	r := enduse.Resolution{Brand: b.Name, Category: b.Category, AsOf: date}
	var ownerNote string
	if productLine != "" {
		if pl, ok := k.productLine(b, productLine); ok {
			r.ProductLine = pl.Name
			if pl.Category != "" {
				r.Category = pl.Category
			}
			if ob, note, ok := k.lineOwner(b, pl, date); ok {
				b, ownerNote = ob, note
				r.Brand = b.Name
			}
		}
	}
	if c, ok := k.Company(b.Company); ok {
		r.Company = c.Name
		r.Country = c.Country
		k.usLinkInto(&r, c.ID, date)
	}
	if ownerNote != "" {
		r.USLinkNote = joinNote(ownerNote, r.USLinkNote)
	}
	return r
}

// lineOwner returns the brand a line with dated owners belonged to at date
// and a note saying so, when that brand is not b.
func (k *KB) lineOwner(b enduse.Brand, pl enduse.ProductLine, date string) (enduse.Brand, string, bool) {
	if len(pl.Owners) == 0 {
		return b, "", false
	}
	var spans []string
	owner := ""
	for _, o := range pl.Owners {
		name := o.Brand
		if ob, ok := k.Brand(o.Brand); ok {
			name = ob.Name
		}
		spans = append(spans, name+"'s "+period(o.Since, o.Until))
		if enduse.DateActive(date, o.Since, o.Until) {
			owner = o.Brand
		}
	}
	ob, ok := k.Brand(owner)
	if !ok || ob.ID == b.ID {
		return b, "", false
	}
	return ob, pl.Name + ": " + strings.Join(spans, ", ") + dated(date), true
}

// usLinkInto fills r's US link, path and note for a company as of date.
func (k *KB) usLinkInto(r *enduse.Resolution, companyID, date string) {
	r.USLinked, r.USLinkPath, r.USLinkNote = k.USLinkAsOf(companyID, date)
}

func joinNote(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "; " + b
}

// dated renders "; this notice is dated D" (or "; as of today").
func dated(date string) string {
	if date == "" {
		return "; as of today"
	}
	return "; this notice is dated " + date
}

// period renders a date range in words: "from 2016-05 to 2024-09",
// "since 2024-09", "until 2014-10", or "" with no bounds.
func period(since, until string) string {
	switch {
	case since != "" && until != "":
		return "from " + since + " to " + until
	case since != "":
		return "since " + since
	case until != "":
		return "until " + until
	}
	return "(undated)"
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

// USLink reports whether a company (by id) is US-linked today and why: a
// US company is linked by itself ("Seagate Technology (US)"); otherwise the
// shortest chain of current ownership, agency, distribution or former-name
// links to a US company, hop by hop ("New H3C Technologies (CN)", "joint
// venture of Hewlett Packard Enterprise (US), 49% since 2016"). Callers use
// it to show a supplier's US link without a brand. An unknown id or a
// company with no such chain gives false and nil.
func (k *KB) USLink(companyID string) (bool, []string) {
	ok, path, _ := k.USLinkAsOf(companyID, "")
	return ok, path
}

// USLinkAsOf is USLink as of date (empty: today): only links active at
// that date are walked, each hop shows the share of that date and its
// period, and note explains it ("New H3C Technologies: joint venture of
// Hewlett Packard Enterprise 49% from 2016-05 to 2024-09; this notice is
// dated 2023-04"). When no chain holds at the date but one held at another
// time, note says so, so that a reader sees why a known US link is absent.
func (k *KB) USLinkAsOf(companyID, date string) (bool, []string, string) {
	start, ok := k.Company(companyID)
	if !ok {
		return false, nil, ""
	}
	if start.Country == "US" {
		return true, []string{k.label(start.ID)}, ""
	}
	links := k.usChain(companyID, func(lk enduse.Link) bool { return k.activeAt(lk, date) })
	if links == nil {
		// A chain at some other time explains the absence.
		if other := k.usChain(companyID, func(enduse.Link) bool { return true }); other != nil {
			return false, nil, "no US link at this date: " + k.chainNote(other, date) + dated(date)
		}
		return false, nil, ""
	}
	path := []string{k.label(companyID)}
	for _, lk := range links {
		path = append(path, k.hopAt(lk, date))
	}
	return true, path, k.chainNote(links, date) + dated(date)
}

// usChain is the shortest chain of walkable links accepted by ok from a
// company to a US company, or nil.
func (k *KB) usChain(companyID string, ok func(enduse.Link) bool) []enduse.Link {
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
			if !walks(lk.Type) || seen[lk.To] || !ok(lk) {
				continue
			}
			to, found := k.Company(lk.To)
			if !found {
				continue
			}
			seen[lk.To] = true
			queue = append(queue, step{id: lk.To, prev: i, link: li})
			if to.Country != "US" {
				continue
			}
			var out []enduse.Link
			for j := len(queue) - 1; queue[j].link >= 0; j = queue[j].prev {
				out = append(out, k.links[queue[j].link])
			}
			for a, b := 0, len(out)-1; a < b; a, b = a+1, b-1 {
				out[a], out[b] = out[b], out[a]
			}
			return out
		}
	}
	return nil
}

// chainNote renders the dated facts of a chain: "New H3C Technologies:
// joint venture of Hewlett Packard Enterprise 49% from 2016-05 to
// 2024-09".
func (k *KB) chainNote(links []enduse.Link, date string) string {
	var parts []string
	for _, lk := range links {
		from, to := lk.From, lk.To
		if c, ok := k.Company(from); ok {
			from = c.Name
		}
		if c, ok := k.Company(to); ok {
			to = c.Name
		}
		s := from + ": " + linkVerb(lk.Type) + " " + to
		if steps := lk.Shares; len(steps) > 0 {
			var ss []string
			for i, st := range steps {
				until := lk.Until
				if i+1 < len(steps) {
					until = steps[i+1].Since
				}
				ss = append(ss, fmtShare(st.Share)+" "+period(st.Since, until))
			}
			s += " " + strings.Join(ss, ", ")
		} else {
			if lk.Share > 0 {
				s += " " + fmtShare(lk.Share)
			}
			s += " " + period(lk.Since, lk.Until)
		}
		if lk.Unverified {
			s += " (unverified)"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

func fmtShare(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) + "%" }

// activeAt reports whether a link holds at date (empty: today). A former
// name is not an ended relationship: a formerly_known_as link is always
// walked, since before the rename the company was its former self and the
// former company's own dated links say what held then.
func (k *KB) activeAt(lk enduse.Link, date string) bool {
	if lk.Type == enduse.LinkFormerlyKnownAs {
		return true
	}
	since := lk.Since
	if since == "" && len(lk.Shares) > 0 {
		since = lk.Shares[0].Since
	}
	return enduse.DateActive(date, since, lk.Until)
}

// shareAt returns the share a link gives at date with the period of that
// share: the step in force, else the link's own share and dates.
func shareAt(lk enduse.Link, date string) (float64, string, string) {
	if len(lk.Shares) == 0 {
		return lk.Share, lk.Since, lk.Until
	}
	i := len(lk.Shares) - 1
	if date != "" {
		for j, st := range lk.Shares {
			if st.Since == "" || enduse.DateActive(date, st.Since, "") {
				i = j
			}
		}
	}
	until := lk.Until
	if i+1 < len(lk.Shares) {
		until = lk.Shares[i+1].Since
	}
	return lk.Shares[i].Share, lk.Shares[i].Since, until
}

// label renders a company as "Name (CC)".
func (k *KB) label(id string) string {
	c, ok := k.Company(id)
	if !ok {
		return id + " (unknown company)"
	}
	return fmt.Sprintf("%s (%s)", c.Name, c.Country)
}

// hop renders one link as of today, e.g. "joint venture of Hewlett
// Packard Enterprise (US), 49% since 2016".
func (k *KB) hop(lk enduse.Link) string { return k.hopAt(lk, "") }

// hopAt renders one link with the share and period in force at date, e.g.
// "joint venture of Hewlett Packard Enterprise (US), 19% since 2024-09".
func (k *KB) hopAt(lk enduse.Link, date string) string {
	s := linkVerb(lk.Type) + " " + k.label(lk.To)
	share, since, until := shareAt(lk, date)
	var extra []string
	if share > 0 {
		extra = append(extra, fmtShare(share))
	}
	switch {
	case lk.Type == enduse.LinkAcquiredBy && since != "":
		extra = append(extra, "in "+since)
	case since != "" && until != "" && len(lk.Shares) > 0:
		extra = append(extra, "from "+since+" to "+until)
	case since != "":
		extra = append(extra, "since "+since)
	}
	if until != "" && !(since != "" && len(lk.Shares) > 0) {
		extra = append(extra, "until "+until)
	}
	if lk.Unverified {
		extra = append(extra, "(unverified)")
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
