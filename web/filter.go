package web

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/notice"
)

// Paging limits of list endpoints: a filter's default page is the
// command line's (enduse.FilterDefaultLimit); the organisation listing is
// capped at maxLimit.
const (
	defaultLimit = enduse.FilterDefaultLimit
	maxLimit     = 1000
)

// sectors and levels are the values a filter accepts (enduse.Filter's).
func sectors() []enduse.Sector { return enduse.FilterSectors }

func levels() []enduse.Level { return enduse.FilterLevels }

// parseFilter reads a Filter from query parameters named as in the JSON
// form of enduse.Filter (brand, us_linked, type, …). Unknown enumerations,
// malformed dates, booleans and numbers are ErrInvalid with the parameter
// named. limit defaults to defaultLimit; above enduse.FilterMaxLimit it is
// ErrInvalid, as on the command line.
func parseFilter(q url.Values) (enduse.Filter, error) {
	var f enduse.Filter
	str := func(name string) string { return strings.TrimSpace(q.Get(name)) }
	f.Brand, f.Company, f.Country = str("brand"), str("company"), strings.ToUpper(str("country"))
	f.Category, f.ProductLine = str("category"), str("product_line")
	f.Pathway = enduse.Pathway(str("pathway"))
	f.Buyer, f.Supplier, f.Region = str("buyer"), str("supplier"), str("region")
	f.From, f.To, f.Text = str("from"), str("to"), str("text")
	f.Sector, f.Level, f.Reason = enduse.Sector(str("sector")), enduse.Level(str("level")), enduse.ReasonClass(str("reason"))
	f.Method = str("method")
	var err error
	for _, b := range []struct {
		name string
		dst  *bool
	}{{"us_linked", &f.USLinked}, {"listed", &f.Listed}, {"include_spec", &f.IncludeSpec}} {
		if *b.dst, err = parseBool(b.name, str(b.name)); err != nil {
			return f, err
		}
	}
	for _, v := range q["type"] {
		for _, t := range strings.Split(v, ",") {
			if t = strings.TrimSpace(t); t != "" {
				f.Types = append(f.Types, enduse.NoticeType(t))
			}
		}
	}
	for _, v := range q["lists"] {
		for _, l := range strings.Split(v, ",") {
			if l = strings.TrimSpace(l); l != "" {
				f.Lists = append(f.Lists, l)
			}
		}
	}
	if f.Limit, err = parseInt("limit", str("limit"), defaultLimit); err != nil {
		return f, err
	}
	if f.Offset, err = parseInt("offset", str("offset"), 0); err != nil {
		return f, err
	}
	return f, validateFilter(f)
}

func parseBool(name, v string) (bool, error) {
	switch strings.ToLower(v) {
	case "", "0", "false", "no", "off":
		return false, nil
	case "1", "true", "yes", "on":
		return true, nil
	}
	return false, fmt.Errorf("parameter %s=%q is not a boolean (use true or false): %w", name, v, enduse.ErrInvalid)
}

func parseInt(name, v string, def int) (int, error) {
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("parameter %s=%q is not a non-negative integer: %w", name, v, enduse.ErrInvalid)
	}
	return n, nil
}

// validateFilter checks enumerations, dates and limits so that a typo
// answers with a clear message instead of an empty result: the one check
// of enduse.Filter.Validate, which the command line applies too.
func validateFilter(f enduse.Filter) error {
	// The known methods first: their message lists them.
	if err := notice.CheckMethod(f.Method); err != nil {
		return err
	}
	_, err := f.Validate()
	return err
}

// filterValues is the inverse of parseFilter (without paging): the query
// parameters that select f, for links.
func filterValues(f enduse.Filter) url.Values {
	q := url.Values{}
	set := func(k, v string) {
		if v != "" {
			q.Set(k, v)
		}
	}
	set("brand", f.Brand)
	set("company", f.Company)
	set("country", f.Country)
	set("category", f.Category)
	set("product_line", f.ProductLine)
	set("pathway", string(f.Pathway))
	set("buyer", f.Buyer)
	set("supplier", f.Supplier)
	set("sector", string(f.Sector))
	set("level", string(f.Level))
	set("region", f.Region)
	set("from", f.From)
	set("to", f.To)
	set("text", f.Text)
	set("reason", string(f.Reason))
	set("method", f.Method)
	for _, b := range []struct {
		k string
		v bool
	}{{"us_linked", f.USLinked}, {"listed", f.Listed}, {"include_spec", f.IncludeSpec}} {
		if b.v {
			q.Set(b.k, "true")
		}
	}
	if len(f.Types) > 0 {
		ts := make([]string, len(f.Types))
		for i, t := range f.Types {
			ts[i] = string(t)
		}
		q.Set("type", strings.Join(ts, ","))
	}
	if len(f.Lists) > 0 {
		q.Set("lists", strings.Join(f.Lists, ","))
	}
	return q
}

// isEmptyFilter reports whether f selects everything.
func isEmptyFilter(f enduse.Filter) bool {
	f.Limit, f.Offset = 0, 0
	return len(filterValues(f)) == 0
}

// monthRange returns the first and last day of a YYYY-MM month.
func monthRange(m string) (string, string, bool) {
	t, err := time.Parse("2006-01", m)
	if err != nil {
		return "", "", false
	}
	return t.Format("2006-01-02"), t.AddDate(0, 1, -1).Format("2006-01-02"), true
}

// maxIDsInLink bounds a /notices?ids= link; larger figures link to the
// search page with the equivalent filter.
const maxIDsInLink = 200

// idPrefix is how many hex digits of a sha256 id a list link carries
// (the store accepts unique prefixes of 8 or more).
const idPrefix = 16

// figureHref returns the link to the notices behind a figure: the search
// page with base narrowed by the figure's dimension when the dimension is a
// filter, else the list of its notice ids.
func figureHref(base enduse.Filter, dim, key string, fig enduse.Figure) string {
	f := base
	f.Limit, f.Offset = 0, 0
	narrowed := true
	switch dim {
	case "":
	case "brand":
		f.Brand = key
	case "category":
		f.Category = key
	case "product_line":
		f.ProductLine = key
	case "pathway":
		f.Pathway = enduse.Pathway(key)
	case "sector":
		f.Sector = enduse.Sector(key)
	case "level":
		f.Level = enduse.Level(key)
	case "type":
		f.Types = []enduse.NoticeType{enduse.NoticeType(key)}
	case "region":
		narrowed = len(key) == 6 && strings.Trim(key, "0123456789") == ""
		if narrowed {
			f.Region = regionPrefix(key)
		}
	case "month":
		from, to, ok := monthRange(key)
		narrowed = ok
		if ok {
			f.From, f.To = maxStr(f.From, from), minStr(f.To, to)
		}
	default:
		narrowed = false
	}
	if dim != "" && !narrowed && len(fig.IDs) > maxIDsInLink {
		// Too many ids for one link: narrow by name where a filter can.
		switch dim {
		case "buyer":
			f.Buyer, narrowed = key, true
		case "supplier":
			f.Supplier, narrowed = key, true
		}
	}
	if narrowed || dim == "" {
		return "/?" + filterValues(f).Encode()
	}
	return idsHref(fig.IDs)
}

// idsHref links to the list page of the given notices.
// At most maxIDsInLink ids are carried; the list page says so.
func idsHref(ids []string) string {
	if len(ids) > maxIDsInLink {
		ids = ids[:maxIDsInLink]
	}
	short := make([]string, 0, len(ids))
	for _, id := range ids {
		if len(id) > idPrefix {
			id = id[:idPrefix]
		}
		short = append(short, id)
	}
	return "/notices?ids=" + url.QueryEscape(strings.Join(short, ","))
}

func maxStr(a, b string) string {
	if a > b {
		return a
	}
	return b
}

func minStr(a, b string) string {
	if a == "" || (b != "" && b < a) {
		return b
	}
	return a
}

// parseIDs reads a comma-separated list of notice ids (enduse.NoticeID),
// at most maxIDsInLink.
func parseIDs(v string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	for _, given := range strings.Split(v, ",") {
		if strings.TrimSpace(given) == "" {
			continue
		}
		id, err := enduse.NoticeID(given)
		if err != nil {
			return nil, fmt.Errorf("notice %w", err)
		}
		if seen[id] {
			continue
		}
		seen[id] = true
		out = append(out, id)
	}
	if len(out) > maxIDsInLink {
		return nil, fmt.Errorf("%d ids given; at most %d per list: %w", len(out), maxIDsInLink, enduse.ErrInvalid)
	}
	return out, nil
}

// regionPrefix shortens a six-digit GB/T 2260 code to the prefix that
// selects the division and everything under it ("650000" → "65",
// "650100" → "6501").
func regionPrefix(code string) string {
	switch {
	case strings.HasSuffix(code, "0000"):
		return code[:2]
	case strings.HasSuffix(code, "00"):
		return code[:4]
	}
	return code
}
