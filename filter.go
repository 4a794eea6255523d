package enduse

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Paging limits of a Filter, the same for the command line, the API, the
// web pages and the stores.
const (
	FilterDefaultLimit = 100   // rows when Limit is 0
	FilterMaxLimit     = 10000 // the largest Limit accepted
)

// FilterSectors, FilterLevels and FilterReasons are the values a Filter's
// Sector, Level and Reason accept.
var (
	FilterSectors = []Sector{SectorPublicSecurity, SectorProcuratorate, SectorCourt, SectorPrisonJustice, SectorXPCC,
		SectorArmedPolice, SectorStateSecurity, SectorOtherGovernment, SectorEducation, SectorHealth, SectorEnterprise,
		SectorUnknown}
	FilterLevels = []Level{LevelMinistry, LevelProvince, LevelPrefecture, LevelCounty, LevelDistrict, LevelStation,
		LevelUnit, LevelUnknown}
	FilterReasons = []ReasonClass{ReasonImported, ReasonOutperforms, ReasonCompatibility, ReasonSoleService,
		ReasonPatent, ReasonUrgent, ReasonOther}
)

// Validate checks a filter and returns it with defaults applied (Limit 0
// becomes FilterDefaultLimit; Lists implies Listed), text fields trimmed
// and Country upper-cased. It is the one check every entry point (CLI flags, API
// parameters, web forms, reports, stores) applies, so a filter means the
// same everywhere. It returns ErrInvalid naming the bad field.
func (f Filter) Validate() (Filter, error) {
	bad := func(field, msg string, v any) error {
		return fmt.Errorf("filter %s %q: %s: %w", field, fmt.Sprint(v), msg, ErrInvalid)
	}
	for _, t := range f.Types {
		if !slices.Contains(NoticeTypes, t) {
			return f, bad("type", "unknown notice type (want one of "+joinValues(NoticeTypes)+")", t)
		}
	}
	for _, d := range []struct{ name, v string }{{"from", f.From}, {"to", f.To}} {
		if d.v == "" {
			continue
		}
		if _, err := time.Parse(time.DateOnly, d.v); err != nil || len(d.v) != 10 {
			return f, bad(d.name, "want a YYYY-MM-DD date", d.v)
		}
	}
	if f.From != "" && f.To != "" && f.From > f.To {
		return f, bad("from", "is after to "+f.To, f.From)
	}
	if f.Sector != "" && !slices.Contains(FilterSectors, f.Sector) {
		return f, bad("sector", "unknown sector (want one of "+joinValues(FilterSectors)+")", f.Sector)
	}
	if f.Level != "" && !slices.Contains(FilterLevels, f.Level) {
		return f, bad("level", "unknown level (want one of "+joinValues(FilterLevels)+")", f.Level)
	}
	if f.Reason != "" && !slices.Contains(FilterReasons, f.Reason) {
		return f, bad("reason", "unknown single-source reason (want one of "+joinValues(FilterReasons)+")", f.Reason)
	}
	if f.Method != "" && !methodForm(f.Method) {
		return f, bad("method", "want a procurement method id such as open_tender", f.Method)
	}
	if f.Pathway != "" && !ValidPathway(f.Pathway) {
		return f, bad("pathway", "unknown pathway (want direct, subsidiary, joint_venture, acquired, distributor or unknown_third_party)", f.Pathway)
	}
	if f.Limit < 0 || f.Limit > FilterMaxLimit {
		return f, bad("limit", fmt.Sprintf("want 0..%d", FilterMaxLimit), f.Limit)
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
		f.Limit = FilterDefaultLimit
	}
	for _, p := range []*string{&f.Brand, &f.Company, &f.Country, &f.Category, &f.ProductLine, &f.Buyer, &f.Supplier,
		&f.Region, &f.Text} {
		*p = strings.TrimSpace(*p)
	}
	// ISO country codes are upper case however they were typed.
	f.Country = strings.ToUpper(f.Country)
	if len(f.Lists) > 0 {
		f.Listed = true
	}
	return f, nil
}

// joinValues is vals separated by ", ", for messages.
func joinValues[T ~string](vals []T) string {
	s := make([]string, len(vals))
	for i, v := range vals {
		s[i] = string(v)
	}
	return strings.Join(s, ", ")
}

// methodForm reports whether s has the form of a procurement method id
// (lower-case letters and underscores, notice/data/methods.tsv); which ids
// exist is the notice package's to say (notice.CheckMethod).
func methodForm(s string) bool {
	if s == "" || len(s) > 40 || s[0] == '_' {
		return false
	}
	for _, r := range s {
		if (r < 'a' || r > 'z') && r != '_' {
			return false
		}
	}
	return true
}

// Criterion is one way a filter narrows the notices, told the two ways
// people are shown it: as the command-line flag that sets it (a watch's
// listing) and in words (a report's criteria).
type Criterion struct {
	Field string // the Filter field it reads ("ProductLine")
	Flag  string // as flags: "--product-line SkyHawk", "--type award,contract", "--us-linked"
	Words string // in words: "product line: SkyHawk", "types: award, contract", "US-linked: yes"
}

// filterField is how one Filter field is described: a yes/no field by
// on and yes, a valued one by values; a field with neither (paging) says
// how many notices are shown, not which, and is no criterion.
type filterField struct {
	name   string                // the Go field
	flag   string                // its command-line flag, without "--"
	words  string                // its name in a sentence
	yes    string                // how a sentence says a yes/no field is set
	on     func(Filter) bool     // whether a yes/no field narrows the filter
	values func(Filter) []string // a valued field's values, none when unset
}

// filterFields is every field of Filter, in the order descriptions list
// them: what is bought (the brand and its company first), from whom, when,
// then the finer criteria. filter_test.go fails on a Filter field missing
// here, so a new field cannot go undescribed. It is never changed.
var filterFields = []filterField{
	{name: "Brand", flag: "brand", words: "brand", values: func(f Filter) []string { return oneValue(f.Brand) }},
	{name: "Company", flag: "company", words: "company", values: func(f Filter) []string { return oneValue(f.Company) }},
	{name: "Country", flag: "country", words: "country", values: func(f Filter) []string { return oneValue(f.Country) }},
	{name: "USLinked", flag: "us-linked", words: "US-linked", yes: "yes", on: func(f Filter) bool { return f.USLinked }},
	{name: "Category", flag: "category", words: "category", values: func(f Filter) []string { return oneValue(f.Category) }},
	{name: "ProductLine", flag: "product-line", words: "product line", values: func(f Filter) []string { return oneValue(f.ProductLine) }},
	{name: "Buyer", flag: "buyer", words: "buyer", values: func(f Filter) []string { return oneValue(f.Buyer) }},
	{name: "Supplier", flag: "supplier", words: "supplier", values: func(f Filter) []string { return oneValue(f.Supplier) }},
	{name: "Sector", flag: "sector", words: "sector", values: func(f Filter) []string { return oneValue(string(f.Sector)) }},
	{name: "Level", flag: "level", words: "level", values: func(f Filter) []string { return oneValue(string(f.Level)) }},
	{name: "Region", flag: "region", words: "region", values: func(f Filter) []string { return oneValue(f.Region) }},
	{name: "Types", flag: "type", words: "types", values: func(f Filter) []string { return stringValues(f.Types) }},
	{name: "From", flag: "from", words: "from", values: func(f Filter) []string { return oneValue(f.From) }},
	{name: "To", flag: "to", words: "to", values: func(f Filter) []string { return oneValue(f.To) }},
	// Lists implies Listed (Validate), so a filter with lists is told by
	// its lists alone.
	{name: "Listed", flag: "listed", words: "buyer on a screening list", yes: "yes",
		on: func(f Filter) bool { return f.Listed && len(f.Lists) == 0 }},
	{name: "Lists", flag: "lists", words: "buyer on a screening list", values: func(f Filter) []string { return f.Lists }},
	{name: "Text", flag: "text", words: "text", values: func(f Filter) []string { return oneValue(f.Text) }},
	{name: "Reason", flag: "reason", words: "single-source reason", values: func(f Filter) []string { return oneValue(string(f.Reason)) }},
	{name: "Method", flag: "method", words: "procurement method", values: func(f Filter) []string { return oneValue(f.Method) }},
	{name: "Pathway", flag: "pathway", words: "pathway", values: func(f Filter) []string { return oneValue(string(f.Pathway)) }},
	{name: "IncludeSpec", flag: "include-spec", words: "brands named only as specifications", yes: "counted",
		on: func(f Filter) bool { return f.IncludeSpec }},
	{name: "Limit"},
	{name: "Offset"},
}

// Criteria describes the filter: one Criterion for each field that
// narrows it, in a fixed order, none for a filter that matches every
// notice. Paging (Limit, Offset) is not described. The command line's
// watch listing and the report's criteria both print these, so a filter
// reads the same in both and a new field appears in both.
func (f Filter) Criteria() []Criterion {
	var out []Criterion
	for _, d := range filterFields {
		switch {
		case d.on != nil:
			if d.on(f) {
				out = append(out, Criterion{Field: d.name, Flag: "--" + d.flag, Words: d.words + ": " + d.yes})
			}
		case d.values != nil:
			// Flag values are comma-separated as the flags take them.
			if v := d.values(f); len(v) > 0 {
				out = append(out, Criterion{Field: d.name, Flag: "--" + d.flag + " " + strings.Join(v, ","),
					Words: d.words + ": " + strings.Join(v, ", ")})
			}
		}
	}
	return out
}

// oneValue is s as a field's values: none when s is empty.
func oneValue(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

// stringValues is vals as strings.
func stringValues[T ~string](vals []T) []string {
	var out []string
	for _, v := range vals {
		out = append(out, string(v))
	}
	return out
}
