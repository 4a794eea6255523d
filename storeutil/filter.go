package storeutil

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/enduse/enduse"
)

// methodID is the form of a procurement method id (notice/data/methods.tsv).
var methodID = regexp.MustCompile(`^[a-z][a-z_]{0,39}$`)

// Paging limits of Query and Orgs.
const (
	DefaultLimit = 100
	MaxLimit     = 10000
)

// ValidateFilter checks a filter and returns it with defaults applied and
// text fields trimmed. It returns ErrInvalid naming the bad field.
func ValidateFilter(f enduse.Filter) (enduse.Filter, error) {
	bad := func(field, msg string, v any) error {
		return fmt.Errorf("filter %s %q: %s: %w", field, fmt.Sprint(v), msg, enduse.ErrInvalid)
	}
	for _, t := range f.Types {
		if !ValidType(t) {
			return f, bad("type", "unknown notice type", t)
		}
	}
	if f.From != "" && !ValidDate(f.From) {
		return f, bad("from", "want YYYY-MM-DD", f.From)
	}
	if f.To != "" && !ValidDate(f.To) {
		return f, bad("to", "want YYYY-MM-DD", f.To)
	}
	if f.From != "" && f.To != "" && f.From > f.To {
		return f, bad("from", "is after to "+f.To, f.From)
	}
	if f.Sector != "" && !knownSector(f.Sector) {
		return f, bad("sector", "unknown sector", f.Sector)
	}
	if f.Level != "" && !knownLevel(f.Level) {
		return f, bad("level", "unknown level", f.Level)
	}
	if f.Reason != "" && !knownReason(f.Reason) {
		return f, bad("reason", "unknown reason class", f.Reason)
	}
	if f.Method != "" && !methodID.MatchString(f.Method) {
		return f, bad("method", "want a method id such as open_tender", f.Method)
	}
	if f.Limit < 0 || f.Limit > MaxLimit {
		return f, bad("limit", fmt.Sprintf("want 0..%d", MaxLimit), f.Limit)
	}
	if f.Offset < 0 {
		return f, bad("offset", "must not be negative", f.Offset)
	}
	for _, s := range []struct{ name, v string }{{"brand", f.Brand}, {"company", f.Company}, {"country", f.Country},
		{"category", f.Category}, {"product_line", f.ProductLine}, {"buyer", f.Buyer}, {"supplier", f.Supplier},
		{"region", f.Region}, {"text", f.Text}} {
		if !utf8.ValidString(s.v) {
			return f, bad(s.name, "not valid UTF-8", s.v)
		}
		if len(s.v) > 1000 {
			return f, bad(s.name, "longer than 1000 bytes", s.v[:20]+"…")
		}
		if strings.ContainsRune(s.v, 0) {
			return f, bad(s.name, "contains a NUL character", s.v)
		}
	}
	for _, l := range f.Lists {
		if !utf8.ValidString(l) || strings.ContainsRune(l, 0) {
			return f, bad("lists", "not valid UTF-8 text", l)
		}
	}
	if f.Limit == 0 {
		f.Limit = DefaultLimit
	}
	f.Brand = strings.TrimSpace(f.Brand)
	f.Company = strings.TrimSpace(f.Company)
	f.Country = strings.TrimSpace(f.Country)
	f.Category = strings.TrimSpace(f.Category)
	f.ProductLine = strings.TrimSpace(f.ProductLine)
	f.Buyer = strings.TrimSpace(f.Buyer)
	f.Supplier = strings.TrimSpace(f.Supplier)
	f.Region = strings.TrimSpace(f.Region)
	f.Text = strings.TrimSpace(f.Text)
	if len(f.Lists) > 0 {
		f.Listed = true
	}
	return f, nil
}

func knownSector(s enduse.Sector) bool {
	switch s {
	case enduse.SectorPublicSecurity, enduse.SectorProcuratorate, enduse.SectorCourt, enduse.SectorPrisonJustice,
		enduse.SectorXPCC, enduse.SectorArmedPolice, enduse.SectorStateSecurity, enduse.SectorOtherGovernment,
		enduse.SectorEducation, enduse.SectorHealth, enduse.SectorEnterprise, enduse.SectorUnknown:
		return true
	}
	return false
}

func knownLevel(l enduse.Level) bool {
	switch l {
	case enduse.LevelMinistry, enduse.LevelProvince, enduse.LevelPrefecture, enduse.LevelCounty,
		enduse.LevelDistrict, enduse.LevelStation, enduse.LevelUnit, enduse.LevelUnknown:
		return true
	}
	return false
}

func knownReason(r enduse.ReasonClass) bool {
	switch r {
	case enduse.ReasonImported, enduse.ReasonOutperforms, enduse.ReasonCompatibility, enduse.ReasonSoleService,
		enduse.ReasonPatent, enduse.ReasonUrgent, enduse.ReasonOther:
		return true
	}
	return false
}

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
