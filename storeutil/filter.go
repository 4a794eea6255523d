package storeutil

import (
	"strings"

	"github.com/enduse/enduse"
)

// Paging limits of Query and Orgs (enduse.Filter's).
const (
	DefaultLimit = enduse.FilterDefaultLimit
	MaxLimit     = enduse.FilterMaxLimit
)

// ValidateFilter is f.Validate: the one filter check, applied by the
// stores too so that a filter from any caller is checked.
func ValidateFilter(f enduse.Filter) (enduse.Filter, error) { return f.Validate() }

// LikeArg is s as a LIKE pattern (escape character '\') matching any text
// containing it.
func LikeArg(s string) string {
	return "%" + LikeEscape(s) + "%"
}

// LikeEscape escapes LIKE's wildcards and the escape character '\' in s.
func LikeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// IsDigits reports whether s is a non-empty run of ASCII digits.
func IsDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// SplitTerms splits a text query into terms: whitespace separates terms,
// double quotes keep a phrase with spaces together. Empty terms are dropped.
func SplitTerms(q string) []string {
	var terms []string
	var b strings.Builder
	quoted := false
	flush := func() {
		if t := strings.TrimSpace(b.String()); t != "" {
			terms = append(terms, t)
		}
		b.Reset()
	}
	for _, r := range q {
		switch {
		case r == '"':
			flush()
			quoted = !quoted
		case !quoted && (r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u3000'):
			flush()
		default:
			b.WriteRune(r)
		}
	}
	flush()
	return terms
}

// AppendFold appends s to list unless it is there up to case.
func AppendFold(list []string, s string) []string {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return list
		}
	}
	return append(list, s)
}

// Marks is what a filter asks of brand marks (mentions and items): the
// validated filter and the canonical brands its Brand resolves to.
type Marks struct {
	F      enduse.Filter
	Brands []string // canonical brands the Brand filter resolves to (Brand itself included)
}

// Active reports whether the filter constrains brands or products at all.
func (p *Marks) Active() bool {
	f := p.F
	return f.Brand != "" || f.Company != "" || f.Country != "" || f.USLinked || f.Category != "" || f.ProductLine != ""
}

// Match reports whether a loaded mark meets the filter's brand and product
// fields (the SQL each backend runs selects the same notices).
func (p *Marks) Match(m *Mark) bool {
	f := p.F
	if m.Spec && !f.IncludeSpec {
		return false
	}
	if f.Brand != "" {
		ok := strings.EqualFold(m.Text, f.Brand)
		for _, b := range p.Brands {
			ok = ok || strings.EqualFold(m.Brand, b)
		}
		if !ok {
			return false
		}
	}
	if f.Company != "" && !strings.Contains(strings.ToLower(m.Company), strings.ToLower(f.Company)) {
		return false
	}
	if f.Country != "" && !strings.EqualFold(m.Country, f.Country) {
		return false
	}
	if f.USLinked && !m.USLinked {
		return false
	}
	if f.Category != "" && m.Category != f.Category && !strings.HasPrefix(m.Category, f.Category+".") {
		return false
	}
	if f.ProductLine != "" && !strings.EqualFold(m.ProductLine, f.ProductLine) {
		return false
	}
	return true
}
