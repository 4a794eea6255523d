package kb

import (
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// Normalize returns the key under which names are compared: full-width
// forms folded to half-width (（ → (, ＨＰ → HP), letters lower-cased, white
// space and trademark signs removed. It does not convert traditional to
// simplified Chinese; the data lists traditional aliases explicitly.
func Normalize(s string) string {
	s = width.Fold.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case unicode.IsSpace(r), r == '®', r == '™', r == '©', r == '\u200b', r == '\ufeff':
			continue
		case r == '【' || r == '〔' || r == '[':
			r = '('
		case r == '】' || r == '〕' || r == ']':
			r = ')'
		case r == '・' || r == '•' || r == '‧':
			r = '·'
		case r == '－' || r == '‐' || r == '–' || r == '—':
			r = '-'
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// legalForms are suffixes naming a legal form rather than the company,
// lower-case, longest first within each script.
func legalForms() []string {
	return []string{
		"股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "责任公司", "公司",
		"co., ltd.", "co., ltd", "co.,ltd.", "co.,ltd", "co. ltd.", "co. ltd", "co ltd", "company limited",
		"corporation", "incorporated", "limited", "company", "corp.", "corp", "inc.", "inc", "llc", "l.l.c.",
		"plc", "ltd.", "ltd", "gmbh", "ag", "s.a.", "sa", "s.p.a.", "spa", "b.v.", "bv", "n.v.", "nv", "a/s",
		"ab", "oy", "k.k.", "co.", "co", "se", "asa",
	}
}

// StripLegalForm removes trailing legal-form words (有限公司, Co., Ltd.,
// Inc., GmbH…) and the punctuation before them from a name, so that
// "Seagate Technology LLC" and "Seagate Technology" compare equal. The name
// is width-folded and lower-cased; Latin suffixes are removed only after a
// space or punctuation ("ag" does not eat the end of "Haag"). A name that is
// nothing but a legal form is returned folded but otherwise unchanged.
func StripLegalForm(name string) string {
	s := strings.ToLower(width.Fold.String(strings.TrimSpace(name)))
	orig := s
	for changed := true; changed; {
		changed = false
		for _, f := range legalForms() {
			if len(s) <= len(f) || !strings.HasSuffix(s, f) {
				continue
			}
			rest := s[:len(s)-len(f)]
			if isASCIIWord(f) && !endsInSeparator(rest) {
				continue
			}
			rest = strings.TrimRight(rest, ",.&-  ")
			if rest == "" {
				continue
			}
			s = rest
			changed = true
			break
		}
	}
	if s == "" {
		return orig
	}
	return s
}

func isASCIIWord(s string) bool {
	for _, r := range s {
		if r > unicode.MaxASCII {
			return false
		}
	}
	return true
}

// endsInSeparator reports whether s ends in a space, punctuation or a
// non-Latin character, after which a Latin legal form is a separate word.
func endsInSeparator(s string) bool {
	if s == "" {
		return false
	}
	r := rune(s[len(s)-1])
	if r >= unicode.MaxASCII {
		return true
	}
	return !(unicode.IsLetter(r) || unicode.IsDigit(r))
}
