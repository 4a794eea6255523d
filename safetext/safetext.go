// Package safetext makes untrusted text safe for the two places enduse
// writes it verbatim: a terminal (file and ZIP member names, error
// messages) and a spreadsheet (CSV exports). Notices, attachments and
// archive member names come from the open web, so a name may carry an
// ANSI escape that recolours or rewrites the terminal, a newline that forges
// a log line, or a bidi override that reverses "exe.pdf"; a CSV title may be
// a spreadsheet formula (=HYPERLINK(…)).
package safetext

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Escape returns s with every unsafe rune written as a Go escape (\x1b, \n,
// \u202e) and invalid UTF-8 bytes as \xNN; everything else, including
// Chinese text and backslashes, is kept as is so paths stay readable.
// Unsafe means C0 and C1 control characters, DEL, the Unicode line and
// paragraph separators, and the bidirectional formatting characters.
// Backslashes are not doubled (Windows paths stay legible), so Escape is
// idempotent and applying it twice on the way to a terminal is harmless.
func Escape(s string) string {
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unsafeRune(r, n) {
			break
		}
		i += n
	}
	if i == len(s) {
		return s // the common case: nothing to escape, no allocation
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteString(`\x`)
			b.WriteString(strconv.FormatUint(uint64(s[i])>>4, 16))
			b.WriteString(strconv.FormatUint(uint64(s[i])&0xf, 16))
		case unsafeRune(r, n):
			q := strconv.QuoteRuneToASCII(r) // '\x1b', '\n', '\u202e'
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// unsafeRune reports whether r (decoded from n bytes) must not reach a
// terminal raw.
func unsafeRune(r rune, n int) bool {
	switch {
	case r == utf8.RuneError && n == 1: // an invalid byte
		return true
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f: // C0, DEL, C1
		return true
	case r == 0x2028, r == 0x2029: // line and paragraph separators
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, // ALM, LRM, RLM
		r >= 0x202a && r <= 0x202e, // LRE, RLE, PDF, LRO, RLO
		r >= 0x2066 && r <= 0x2069: // LRI, RLI, FSI, PDI
		return true
	}
	return false
}

// CSVCell neutralises a cell that a spreadsheet would run as a formula: a
// cell starting with =, +, -, @, tab or carriage return gets a leading
// single quote (the OWASP convention). A plain decimal number ("-12.5",
// "+3", "1e-3") is left alone, so negative amounts in numeric columns stay
// numbers; a number cannot carry a formula.
func CSVCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		if isPlainNumber(s) {
			return s
		}
		return "'" + s
	}
	return s
}

// CSVRecord applies CSVCell to every cell of a record, in place, and
// returns it.
func CSVRecord(cells []string) []string {
	for i, c := range cells {
		cells[i] = CSVCell(c)
	}
	return cells
}

// isPlainNumber reports whether s is [+-]digits[.digits][e[+-]digits] and
// nothing else (no Inf, NaN, hex or underscores, which ParseFloat accepts).
func isPlainNumber(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := func() int {
		j := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return i - j
	}
	if digits() == 0 {
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

// Clip shortens s to at most n runes, marking a cut with "…", for quoting
// long input in a message.
func Clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
