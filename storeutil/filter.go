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
