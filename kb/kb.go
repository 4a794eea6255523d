// Package kb is enduse's knowledge base: the companies, brands, aliases,
// product lines with model-number patterns, corporate links, countries of
// headquarters and the technology taxonomy that turn a brand word or a bare
// model number in a notice into "which company, from which country, linked
// to the United States how".
//
// The facts live in reviewable YAML files under data/ (one record per
// company, brand or link, each with a source), embedded in the binary and
// extended by user directories (`--kb DIR`). Load reads and merges them;
// Check validates them; the KB answers lookups and explains corporate paths.
package kb

import (
	"regexp"
	"sort"

	"github.com/enduse/enduse"
)

// KB is a loaded, validated knowledge base. Immutable after Load; safe for
// concurrent use.
type KB struct {
	companies  []enduse.Company
	brands     []enduse.Brand
	links      []enduse.Link
	categories []enduse.Category
	rules      []SharedAlias
	ordinary   []OrdinaryWord

	companyByID  map[string]int
	brandByID    map[string]int
	categoryByID map[string]int
	linksFrom    map[string][]int

	// origin maps "company:id", "brand:id", "link:from/type/to",
	// "category:id" and "rule:alias" to the file that supplied the record.
	origin map[string]string
	// aliases are every alias, brand and line alias and company name with
	// its flags, in load order.
	aliases []Alias
	// byKey maps a normalised name to the indexes of aliases claiming it.
	byKey map[string][]int
	// byStripped maps Normalize(StripLegalForm(alias)) to the aliases
	// whose legal-form-free key differs from their key.
	byStripped map[string][]int
	// legalEN maps a normalised Chinese legal name (and its legal-form-free
	// core) to the company's official English legal name (english_names
	// in the data).
	legalEN map[string]string
	// patterns are the compiled model-number patterns, in load order.
	patterns []Pattern
	// loadProblems are findings made while merging files (duplicate ids
	// within one layer, patterns that do not compile), reported by Check.
	loadProblems []Problem
}

// Problem is one validation finding of Check.
type Problem struct {
	File    string `json:"file"`
	Record  string `json:"record"`
	Message string `json:"message"`
}

// String renders the problem as "file: record: message" for terminals.
func (p Problem) String() string {
	return p.File + ": " + p.Record + ": " + p.Message
}

// Alias is one name the recogniser can match, with what it names and how
// carefully it must be matched. Company aliases have an empty Brand.
type Alias struct {
	Text        string `json:"text"`                   // the alias as written in the data
	Key         string `json:"key"`                    // Normalize(Text)
	Brand       string `json:"brand,omitempty"`        // Brand.ID, empty for a company name
	Company     string `json:"company"`                // Company.ID
	ProductLine string `json:"product_line,omitempty"` // the line this alias names, if any
	// Ambiguous marks an alias that is also an ordinary word or another
	// organisation's name (联想, 大华): match it only with context such as
	// a model number or a 品牌 label.
	Ambiguous bool `json:"ambiguous,omitempty"`
	// Boundary marks an alias that must stand between token boundaries
	// (HP, WD, 3M). Every short all-Latin alias gets it automatically.
	Boundary bool   `json:"boundary,omitempty"`
	Note     string `json:"note,omitempty"`
}

// Pattern is a compiled model-number pattern of a product line. Re matches
// case-insensitively; the recogniser anchors it on token boundaries.
type Pattern struct {
	Brand       string         `json:"brand"` // Brand.ID
	ProductLine string         `json:"product_line"`
	Category    string         `json:"category"`
	Expr        string         `json:"expr"` // the expression as written in the data
	Re          *regexp.Regexp `json:"-"`
}

// SharedAlias is a rule allowing two or more brands or companies to claim
// the same alias, with the reason a reviewer accepted it.
type SharedAlias struct {
	Alias   string   `json:"alias" yaml:"shared_alias"`
	Brands  []string `json:"brands,omitempty" yaml:"brands,omitempty"`
	Reason  string   `json:"reason" yaml:"reason"`
	Sources []string `json:"sources,omitempty" yaml:"sources,omitempty"`
}

// OrdinaryWord is a word that holds a brand alias but names no brand: 微软雅黑
// is a font, 清华大学 a university, 高德地图 a map service, 人大金仓 another
// company. The recogniser matches such words as wholes, so the alias
// inside them does not fire; unlike an Ambiguous flag, no context brings
// the alias back.
type OrdinaryWord struct {
	Text    string   `json:"text" yaml:"text"`
	Reason  string   `json:"reason" yaml:"reason"`
	Sources []string `json:"sources,omitempty" yaml:"sources,omitempty"`
}

// Companies returns every company, sorted by id.
func (k *KB) Companies() []enduse.Company { return append([]enduse.Company(nil), k.companies...) }

// Brands returns every brand, sorted by id.
func (k *KB) Brands() []enduse.Brand { return append([]enduse.Brand(nil), k.brands...) }

// Links returns every corporate link, sorted by from, type and to.
func (k *KB) Links() []enduse.Link { return append([]enduse.Link(nil), k.links...) }

// Categories returns the technology taxonomy, sorted by id.
func (k *KB) Categories() []enduse.Category {
	return append([]enduse.Category(nil), k.categories...)
}

// SharedAliases returns the rules that let several brands share an alias.
func (k *KB) SharedAliases() []SharedAlias { return append([]SharedAlias(nil), k.rules...) }

// OrdinaryWords returns the words that hold an alias but name no brand,
// sorted by their normalised text.
func (k *KB) OrdinaryWords() []OrdinaryWord { return append([]OrdinaryWord(nil), k.ordinary...) }

// Aliases returns every matchable name: brand names and aliases, product
// line aliases and company names and aliases, with their flags. The
// recogniser builds its automaton from these.
func (k *KB) Aliases() []Alias { return append([]Alias(nil), k.aliases...) }

// Patterns returns every compiled model-number pattern.
func (k *KB) Patterns() []Pattern { return append([]Pattern(nil), k.patterns...) }

// Company returns the company with this id.
func (k *KB) Company(id string) (enduse.Company, bool) {
	i, ok := k.companyByID[id]
	if !ok {
		return enduse.Company{}, false
	}
	return k.companies[i], true
}

// Brand returns the brand with this id.
func (k *KB) Brand(id string) (enduse.Brand, bool) {
	i, ok := k.brandByID[id]
	if !ok {
		return enduse.Brand{}, false
	}
	return k.brands[i], true
}

// Category returns the category with this id.
func (k *KB) Category(id string) (enduse.Category, bool) {
	i, ok := k.categoryByID[id]
	if !ok {
		return enduse.Category{}, false
	}
	return k.categories[i], true
}

// LinksFrom returns the links whose From is this company, in data order.
func (k *KB) LinksFrom(companyID string) []enduse.Link {
	var out []enduse.Link
	for _, i := range k.linksFrom[companyID] {
		out = append(out, k.links[i])
	}
	return out
}

// LookupAlias returns every alias whose normalised form equals
// Normalize(name): usually one, several for a shared alias.
func (k *KB) LookupAlias(name string) []Alias {
	var out []Alias
	for _, i := range k.byKey[Normalize(name)] {
		out = append(out, k.aliases[i])
	}
	return out
}

// FindBrand finds a brand by id, canonical name or any of its aliases or
// its product lines' aliases (case/width-insensitive exact match). A name
// shared by several brands finds none.
func (k *KB) FindBrand(name string) (enduse.Brand, bool) {
	if b, ok := k.Brand(name); ok {
		return b, true
	}
	var found string
	for _, a := range k.LookupAlias(name) {
		if a.Brand == "" {
			continue
		}
		if found != "" && found != a.Brand {
			return enduse.Brand{}, false
		}
		found = a.Brand
	}
	if found == "" {
		return enduse.Brand{}, false
	}
	return k.Brand(found)
}

// FindCompany finds a company or brand by any name or alias (case/width-
// insensitive exact match), e.g. "新华三" or "英潍捷基（上海）贸易有限公司",
// and returns the company record. When the exact name is unknown it tries
// again with legal-form suffixes (有限公司, Co., Ltd., Inc.) removed. A name
// claimed by several companies finds none.
func (k *KB) FindCompany(name string) (enduse.Company, bool) {
	if c, ok := k.Company(name); ok {
		return c, true
	}
	stripped := Normalize(StripLegalForm(name))
	for _, try := range []struct {
		index map[string][]int
		key   string
	}{{k.byKey, Normalize(name)}, {k.byKey, stripped}, {k.byStripped, stripped}} {
		if try.key == "" {
			continue
		}
		id, n := k.companyFor(try.index[try.key])
		if n == 1 {
			return k.Company(id)
		}
		if n > 1 {
			return enduse.Company{}, false
		}
	}
	return enduse.Company{}, false
}

// companyFor returns the single company the aliases idx claim (directly or
// through a brand) and the number of distinct companies they claim.
func (k *KB) companyFor(idx []int) (string, int) {
	seen := map[string]bool{}
	var id string
	for _, i := range idx {
		c := k.aliases[i].Company
		if !seen[c] {
			seen[c] = true
			id = c
		}
	}
	if len(seen) == 1 {
		return id, 1
	}
	if len(seen) == 0 {
		return "", 0
	}
	// A company-level claim beats brand claims of other companies: a
	// legal name is more specific than a brand word.
	var direct []string
	for _, i := range idx {
		if k.aliases[i].Brand == "" {
			direct = append(direct, k.aliases[i].Company)
		}
	}
	sort.Strings(direct)
	direct = compactStrings(direct)
	if len(direct) == 1 {
		return direct[0], 1
	}
	return "", len(seen)
}

func compactStrings(s []string) []string {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}
