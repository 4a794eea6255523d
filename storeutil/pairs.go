package storeutil

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text search indexes titles and texts by the character pairs made here
// (on PostgreSQL, also by pg_trgm's trigrams, which find the terms of
// three or more characters there). A term of two pair characters is in a
// column exactly when the column's pairs hold it; a term of one is when a
// pair starts with it or it ends a run (the single-character tokens), so
// neither needs the text read again. A longer term is in a column only if
// the column holds all its pairs (PairTokens), so on SQLite the notices
// holding them are the candidates whose texts are read for it. Pairs are
// folded to lower case (Fold), as PostgreSQL's ILIKE folds, and they
// never hold ASCII punctuation or a space: SQLite's ascii tokenizer,
// which reads them, would split there.

// Pairs returns the distinct pair tokens of cols, joined by spaces in the
// order they first occur: each two adjacent pair characters of a column,
// and each pair character that ends a run of them. Columns are paired
// apart, so no pair spans the end of one and the start of the next.
func Pairs(cols ...string) string {
	n := 0
	for _, c := range cols {
		n += len(c)
	}
	// Keys pack the two runes; a lone character has ^0 as its second.
	const lone = 0xFFFFFFFF
	seen := make(map[uint64]struct{}, n/6)
	var b strings.Builder
	b.Grow(n)
	add := func(first, second rune, k uint64) {
		had := len(seen)
		seen[k] = struct{}{}
		if len(seen) == had {
			return
		}
		if had > 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(first)
		if second >= 0 {
			b.WriteRune(second)
		}
	}
	for _, c := range cols {
		prev := rune(-1)
		for _, r := range c {
			if !pairRune(r) {
				if prev >= 0 {
					add(prev, -1, uint64(prev)<<32|lone)
				}
				prev = -1
				continue
			}
			r = foldRune(r)
			if prev >= 0 {
				add(prev, r, uint64(prev)<<32|uint64(r))
			}
			prev = r
		}
		if prev >= 0 {
			add(prev, -1, uint64(prev)<<32|lone)
		}
	}
	return b.String()
}

// PairTerm returns a search term of one or two characters as the pairs
// index holds it, and whether the index can answer it: every character
// must be a pair character.
func PairTerm(t string) (string, bool) {
	n := utf8.RuneCountInString(t)
	if n < 1 || n > 2 {
		return "", false
	}
	var b strings.Builder
	for _, r := range t {
		if !pairRune(r) {
			return "", false
		}
		b.WriteRune(foldRune(r))
	}
	return b.String(), true
}

// PairTokens returns the pair tokens every column holding term holds
// (folded, as Pairs makes them): each two adjacent pair characters of the
// term, and each pair character standing alone between characters pairs
// never hold, which a column holds as the first character of a token. A
// column holds all of them when it holds the term, so they find a
// superset of the term's columns; exact reports that they find exactly
// those (a term of one or two pair characters). A term without pair
// characters has no tokens.
func PairTokens(term string) (tokens []string, exact bool) {
	if pt, ok := PairTerm(term); ok {
		return []string{pt}, true
	}
	seen := map[string]bool{}
	add := func(tok string) {
		if !seen[tok] {
			seen[tok] = true
			tokens = append(tokens, tok)
		}
	}
	prev, alone := rune(-1), false
	for _, r := range term {
		if !pairRune(r) {
			if alone {
				add(string(prev))
			}
			prev, alone = -1, false
			continue
		}
		r = foldRune(r)
		if prev >= 0 {
			add(string([]rune{prev, r}))
			alone = false
		} else {
			alone = true
		}
		prev = r
	}
	if alone {
		add(string(prev))
	}
	return tokens, false
}

// Fold is s as text search compares it: in lower case, as Pairs folds.
func Fold(s string) string { return strings.Map(foldRune, s) }

// Contains reports whether text holds term, already folded (Fold), as
// text search matches: whatever the case of either.
func Contains(text, term string) bool { return strings.Contains(Fold(text), term) }

// ASCIICase reports that the only characters of term with a case are
// ASCII letters, so a match folding ASCII case alone (SQL's LIKE) finds
// what Contains finds. (Apart from U+212A KELVIN SIGN and U+0130, which
// fold onto the ASCII k and i: no Chinese notice spells K or i with them.)
func ASCIICase(term string) bool {
	for _, r := range term {
		if r >= utf8.RuneSelf && !han(r) && (unicode.IsUpper(r) || unicode.IsLower(r) || unicode.IsTitle(r)) {
			return false
		}
	}
	return true
}

// pairRune reports whether r is a character pairs are made of: an ASCII
// letter or digit, or any character beyond ASCII but a space.
func pairRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	if han(r) {
		return true
	}
	return r != utf8.RuneError && !unicode.IsSpace(r)
}

// foldRune is r in lower case; the CJK ideographs, most of the text,
// have no case and skip the table.
func foldRune(r rune) rune {
	switch {
	case 'A' <= r && r <= 'Z':
		return r + 'a' - 'A'
	case r < utf8.RuneSelf, han(r):
		return r
	}
	return unicode.ToLower(r)
}

// han reports the CJK ideographs (extension A and the unified block),
// most of the text: they have no case, so pairRune, foldRune and
// ASCIICase decide them before Unicode's tables.
func han(r rune) bool { return 0x3400 <= r && r <= 0x9FFF }

// PairCodes are the tokens of pairs (a string Pairs made) as 32-bit
// codes, for PostgreSQL, which keeps them as an int4[] under a GIN index
// (a third of the room text would take): a pair has its first character
// in the high half and its second in the low; each distinct character
// has a code of its own, the character in the high half and zero below
// (no pair ends in NUL), so one-character terms are found too. Every
// character of a column is the first of a token (a run's last is a lone
// token), so the tokens' first characters are all of them. A token with
// a character beyond the Basic Multilingual Plane has no code: its terms
// are answered by reading the texts.
func PairCodes(pairs string) []int32 {
	codes := make([]int32, 0, strings.Count(pairs, " ")+1)
	chars := map[rune]bool{}
	for tok := range strings.SplitSeq(pairs, " ") {
		a, n := utf8.DecodeRuneInString(tok)
		if n == 0 || a > 0xFFFF {
			continue
		}
		if !chars[a] {
			chars[a] = true
			codes = append(codes, int32(uint32(a)<<16))
		}
		if c, ok := pairCode(tok); ok {
			codes = append(codes, c)
		}
	}
	return codes
}

// PairCode is the code of a search term of one or two pair characters,
// and whether it has one (see PairCodes).
func PairCode(term string) (int32, bool) {
	pt, ok := PairTerm(term)
	if !ok {
		return 0, false
	}
	if a, n := utf8.DecodeRuneInString(pt); n == len(pt) {
		return int32(uint32(a) << 16), a <= 0xFFFF
	}
	return pairCode(pt)
}

// pairCode is the code of a two-character token.
func pairCode(tok string) (int32, bool) {
	a, n := utf8.DecodeRuneInString(tok)
	b, m := utf8.DecodeRuneInString(tok[n:])
	if n+m != len(tok) || m == 0 || a > 0xFFFF || b > 0xFFFF {
		return 0, false
	}
	return int32(uint32(a)<<16 | uint32(b)), true
}
