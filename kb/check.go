package kb

import (
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"

	"github.com/enduse/enduse"
)

// Check validates the knowledge base: every record sourced (at least one
// source URL or citation), ids unique, brands point to companies, links
// point to existing companies and have valid types, no cycles in ownership
// links, categories exist, patterns compile, no alias claimed by two brands
// (or two companies) unless a shared_alias rule with a reason allows it,
// country codes valid ISO 3166-1 alpha-2. It returns the findings sorted by
// file and record; none means the data is sound.
func (k *KB) Check() []Problem {
	c := checker{k: k, countries: isoCountries()}
	c.problems = append(c.problems, k.loadProblems...)
	c.categories()
	c.companies()
	c.brands()
	c.links()
	c.linkDates()
	c.shareSums()
	c.cycles()
	c.rules()
	c.ordinaryWords()
	c.aliases()
	sort.SliceStable(c.problems, func(i, j int) bool {
		a, b := c.problems[i], c.problems[j]
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Record < b.Record
	})
	return c.problems
}

type checker struct {
	k         *KB
	countries map[string]bool
	problems  []Problem
}

func (c *checker) add(key, format string, args ...any) {
	c.problems = append(c.problems, Problem{File: c.k.origin[key], Record: key,
		Message: fmt.Sprintf(format, args...)})
}

// idOK reports whether id is a lower-case slug: a-z, 0-9, "-", "_", ".".
func idOK(id string) bool {
	if id == "" {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return false
		}
	}
	return true
}

// sources checks that a record has at least one source and that each is an
// absolute http(s) URL or a citation of some substance.
func (c *checker) sources(key string, sources []string) {
	if len(sources) == 0 {
		c.add(key, "no source: every record needs a source URL or citation")
		return
	}
	for _, s := range sources {
		s = strings.TrimSpace(s)
		if strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") {
			u, err := url.Parse(s)
			if err != nil || u.Host == "" {
				c.add(key, "source %q is not a valid URL", s)
			}
			continue
		}
		if len([]rune(s)) < 8 {
			c.add(key, "source %q is neither a URL nor a citation", s)
		}
	}
}

func (c *checker) category(key, id string) {
	if id == "" {
		return
	}
	if _, ok := c.k.Category(id); !ok {
		c.add(key, "unknown category %q", id)
	}
}

func (c *checker) categories() {
	for _, cat := range c.k.categories {
		key := "category:" + cat.ID
		if !idOK(cat.ID) {
			c.add(key, "id %q is not a lower-case slug", cat.ID)
		}
		if cat.Name == "" {
			c.add(key, "missing name")
		}
		if cat.NameZH == "" {
			c.add(key, "missing name_zh")
		}
		if i := strings.LastIndexByte(cat.ID, '.'); i > 0 {
			if _, ok := c.k.Category(cat.ID[:i]); !ok {
				c.add(key, "parent category %q does not exist", cat.ID[:i])
			}
		}
	}
}

func (c *checker) companies() {
	for _, co := range c.k.companies {
		key := "company:" + co.ID
		if !idOK(co.ID) {
			c.add(key, "id %q is not a lower-case slug", co.ID)
		}
		if !c.countries[co.Country] {
			c.add(key, "country %q is not an ISO 3166-1 alpha-2 code", co.Country)
		}
		c.category(key, co.Category)
		c.sources(key, co.Sources)
	}
}

func (c *checker) brands() {
	for _, b := range c.k.brands {
		key := "brand:" + b.ID
		if !idOK(b.ID) {
			c.add(key, "id %q is not a lower-case slug", b.ID)
		}
		if _, ok := c.k.Company(b.Company); !ok {
			c.add(key, "company %q does not exist", b.Company)
		}
		if b.Category == "" {
			c.add(key, "missing category")
		}
		c.category(key, b.Category)
		c.sources(key, b.Sources)
		lines := map[string]bool{}
		for _, pl := range b.ProductLines {
			if lines[Normalize(pl.Name)] {
				c.add(key, "product line %q defined twice", pl.Name)
			}
			lines[Normalize(pl.Name)] = true
			c.category(key, pl.Category)
			for _, expr := range pl.Patterns {
				re, err := regexp.Compile("(?i)" + expr)
				if err != nil {
					continue // reported at load
				}
				if re.MatchString("") {
					c.add(key, "product line %s: pattern %q matches the empty string", pl.Name, expr)
				}
				for _, probe := range []string{"2021", "20210315", "2021-03-15", "123456"} {
					if loc := re.FindStringIndex(probe); loc != nil && loc[0] == 0 && loc[1] == len(probe) {
						c.add(key, "product line %s: pattern %q matches a bare number or date %q", pl.Name, expr, probe)
						break
					}
				}
			}
		}
	}
}

func validLinkType(t enduse.LinkType) bool {
	switch t {
	case enduse.LinkSubsidiaryOf, enduse.LinkJointVentureOf, enduse.LinkAcquiredBy,
		enduse.LinkDistributorOf, enduse.LinkAgentOf, enduse.LinkFormerlyKnownAs,
		enduse.LinkSpunOffFrom, enduse.LinkSoldBy, enduse.LinkPartnerOf:
		return true
	}
	return false
}

// dateOK reports whether d is YYYY, YYYY-MM or YYYY-MM-DD.
func dateOK(d string) bool {
	if len(d) != 4 && len(d) != 7 && len(d) != 10 {
		return false
	}
	for i, r := range d {
		if i == 4 || i == 7 {
			if r != '-' {
				return false
			}
		} else if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func (c *checker) links() {
	for _, lk := range c.k.links {
		key := linkKey(lk)
		if !validLinkType(lk.Type) {
			c.add(key, "invalid link type %q", lk.Type)
		}
		for _, id := range []string{lk.From, lk.To} {
			if _, ok := c.k.Company(id); !ok {
				c.add(key, "company %q does not exist", id)
			}
		}
		if lk.From == lk.To {
			c.add(key, "links a company to itself")
		}
		if lk.Share < 0 || lk.Share > 100 {
			c.add(key, "share %v is not a percentage", lk.Share)
		}
		for _, d := range []string{lk.Since, lk.Until} {
			if d != "" && !dateOK(d) {
				c.add(key, "date %q is not YYYY, YYYY-MM or YYYY-MM-DD", d)
			}
		}
		if lk.Since != "" && lk.Until != "" && lk.Until < lk.Since {
			c.add(key, "until %s is before since %s", lk.Until, lk.Since)
		}
		c.sources(key, lk.Sources)
	}
}

// ownership reports whether a link type means one company owns another.
func ownership(t enduse.LinkType) bool {
	return t == enduse.LinkSubsidiaryOf || t == enduse.LinkJointVentureOf || t == enduse.LinkAcquiredBy
}

// cycles finds cycles among current ownership links (a company cannot,
// through subsidiaries, own itself).
func (c *checker) cycles() {
	const (
		white = iota
		grey
		black
	)
	color := map[string]int{}
	var stack []enduse.Link
	var visit func(id string)
	visit = func(id string) {
		color[id] = grey
		for _, li := range c.k.linksFrom[id] {
			lk := c.k.links[li]
			if !ownership(lk.Type) || lk.Until != "" {
				continue
			}
			switch color[lk.To] {
			case grey:
				names := []string{lk.To}
				for i := len(stack) - 1; i >= 0 && stack[i].To != lk.To; i-- {
					names = append(names, stack[i].From)
					if stack[i].From == lk.To {
						break
					}
				}
				var chain []string
				for i := len(names) - 1; i >= 0; i-- {
					chain = append(chain, names[i])
				}
				c.add(linkKey(lk), "ownership cycle: %s → %s", strings.Join(chain, " → "), lk.To)
			case white:
				stack = append(stack, lk)
				visit(lk.To)
				stack = stack[:len(stack)-1]
			}
		}
		color[id] = black
	}
	for _, co := range c.k.companies {
		if color[co.ID] == white {
			visit(co.ID)
		}
	}
}

func (c *checker) rules() {
	for _, r := range c.k.rules {
		key := "rule:" + Normalize(r.Alias)
		if strings.TrimSpace(r.Reason) == "" {
			c.add(key, "shared_alias %q has no reason", r.Alias)
		}
		for _, b := range r.Brands {
			if _, ok := c.k.Brand(b); !ok {
				if _, ok := c.k.Company(b); !ok {
					c.add(key, "shared_alias %q names unknown brand or company %q", r.Alias, b)
				}
			}
		}
		if len(c.k.byKey[Normalize(r.Alias)]) == 0 {
			c.add(key, "shared_alias %q is not an alias of any record", r.Alias)
		}
	}
}

// aliases reports names claimed by two brands, or by two companies, that no
// rule allows.
func (c *checker) aliases() {
	allowed := map[string]bool{}
	for _, r := range c.k.rules {
		if strings.TrimSpace(r.Reason) != "" {
			allowed[Normalize(r.Alias)] = true
		}
	}
	for _, a := range c.k.aliases {
		switch strings.Trim(a.Key, ".,") {
		case "inc", "ltd", "llc", "co", "corp", "limited", "plc", "gmbh", "ag", "公司", "有限公司":
			rec := "company:" + a.Company
			if a.Brand != "" {
				rec = "brand:" + a.Brand
			}
			c.add(rec, "alias %q is only a legal form (a comma inside an unquoted YAML list?)", a.Text)
		}
	}
	for _, key := range sortedKeys(c.k.byKey) {
		idx := c.k.byKey[key]
		if len(idx) < 2 || allowed[key] {
			continue
		}
		brands := map[string]bool{}
		companies := map[string]bool{}
		for _, i := range idx {
			a := c.k.aliases[i]
			if a.Brand != "" {
				brands[a.Brand] = true
			}
			companies[a.Company] = true
		}
		var who []string
		var rec string
		switch {
		case len(brands) > 1:
			who = sortedKeys(brands)
			rec = "brand:" + who[0]
		case len(companies) > 1:
			who = sortedKeys(companies)
			rec = "company:" + who[0]
		default:
			continue
		}
		c.add(rec, "alias %q is claimed by %s; add a shared_alias rule with a reason or remove it",
			c.k.aliases[idx[0]].Text, strings.Join(who, ", "))
	}
}

// ordinaryWords checks that every ordinary word has a reason, is not itself
// a name of the knowledge base and holds some alias (else it blocks
// nothing and is dead data).
func (c *checker) ordinaryWords() {
	for _, w := range c.k.ordinary {
		key := Normalize(w.Text)
		rec := "ordinary:" + key
		if strings.TrimSpace(w.Reason) == "" {
			c.add(rec, "ordinary word %q has no reason", w.Text)
		}
		if len(c.k.byKey[key]) > 0 {
			c.add(rec, "ordinary word %q is itself an alias; remove one of them", w.Text)
			continue
		}
		holds := false
		for _, a := range c.k.aliases {
			if strings.Contains(key, a.Key) {
				holds = true
				break
			}
		}
		if !holds {
			c.add(rec, "ordinary word %q holds no alias: it blocks nothing", w.Text)
		}
	}
}
