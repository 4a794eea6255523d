// Package redact finds and masks personal data in notice text: names of
// contact persons, project managers, safety officers and evaluation
// experts; phone and fax numbers; national ID numbers; personal e-mail
// addresses; and personal certificate numbers.
//
// enduse tracks organisations, not people. Every text that is indexed,
// displayed or exported goes through Apply(Find(text)) first. Masking
// keeps the rune length of the text, so evidence offsets into the
// original hold for the redacted text. Precision matters as much as
// recall: organisation names, addresses, project codes, amounts and dates
// are evidence and must survive, so names are only looked for after
// person labels and must end at a word boundary.
package redact

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// Span is a rune range [Start,End) of personal data with its kind
// ("person", "phone", "id_number", "email", "cert").
type Span struct {
	Start, End int
	Kind       string
}

// Kinds of personal data.
const (
	KindPerson   = "person"
	KindPhone    = "phone"
	KindIDNumber = "id_number"
	KindEmail    = "email"
	KindCert     = "cert"
)

// Mask is the rune that replaces personal data.
const Mask = '＊'

// Find locates personal data in text: names after person labels
// (联系人, 项目负责人, 技术负责人, 项目经理, 安全员, 经办人, 负责人,
// 法定代表人, 评标委员会成员/专家名单 …, including 张先生/李女士/王工
// forms and lists of names separated by 、), names in table columns headed
// by such labels, personnel records written "姓名,证书名称,证书编号", mobile and landline phone numbers (area codes,
// extensions, full-width digits), fax numbers, 18-digit and partially
// masked ID numbers, certificate numbers of named persons (鄂建安B…) and
// personal e-mail addresses. Spans are sorted and do not overlap.
func Find(text string) []Span {
	if text == "" {
		return nil
	}
	f := newFinder(text)
	f.patterns()
	f.phoneLists()
	f.personLabels()
	f.personColumns()
	f.personRecords()
	f.contactPhrases()
	return merge(f.spans)
}

// Apply returns text with every span replaced by the same number of '＊'
// runes, so rune offsets into the original hold for the redacted text.
// Line breaks and tabs inside a span are kept, so the layout survives.
// Spans outside the text are clipped.
func Apply(text string, spans []Span) string {
	if len(spans) == 0 {
		return text
	}
	if !utf8.ValidString(text) {
		return applyRunes(text, spans) // invalid bytes become U+FFFD, as ever
	}
	ss := slices.Clone(spans)
	slices.SortFunc(ss, func(a, b Span) int { return a.Start - b.Start })
	// One pass over the bytes: the text between spans is copied whole,
	// the runes inside them are masked one by one.
	var b strings.Builder
	b.Grow(len(text))
	k, ri := 0, 0 // the next span; the rune offset of byte bi
	for bi := 0; bi < len(text); {
		for k < len(ss) && ss[k].End <= ri {
			k++
		}
		if k == len(ss) {
			b.WriteString(text[bi:])
			break
		}
		if start := max(ss[k].Start, 0); ri < start {
			j := bi
			for ; j < len(text) && ri < start; ri++ {
				_, w := utf8.DecodeRuneInString(text[j:])
				j += w
			}
			b.WriteString(text[bi:j])
			bi = j
			continue
		}
		r, w := utf8.DecodeRuneInString(text[bi:])
		if r == '\n' || r == '\t' {
			b.WriteString(text[bi : bi+w])
		} else {
			b.WriteRune(Mask)
		}
		bi += w
		ri++
	}
	return b.String()
}

// applyRunes is Apply over the text's runes.
func applyRunes(text string, spans []Span) string {
	rs := []rune(text)
	for _, s := range spans {
		a, b := max(s.Start, 0), min(s.End, len(rs))
		for i := a; i < b; i++ {
			if rs[i] != '\n' && rs[i] != '\t' {
				rs[i] = Mask
			}
		}
	}
	return string(rs)
}

// merge sorts spans and joins overlapping ones; the kind of the longer
// span wins.
func merge(spans []Span) []Span {
	if len(spans) == 0 {
		return nil
	}
	sort.Slice(spans, func(i, j int) bool {
		if spans[i].Start != spans[j].Start {
			return spans[i].Start < spans[j].Start
		}
		return spans[i].End > spans[j].End
	})
	out := []Span{spans[0]}
	for _, s := range spans[1:] {
		last := &out[len(out)-1]
		if s.Start < last.End {
			if s.End > last.End {
				if s.End-s.Start > last.End-last.Start {
					last.Kind = s.Kind
				}
				last.End = s.End
			}
			continue
		}
		out = append(out, s)
	}
	return out
}

// finder holds the text being searched, folded to ASCII digits, letters
// and punctuation rune for rune, and the spans found so far.
type finder struct {
	rs []rune // folded runes, same length as the text
	// lineEnds[i] and cellEnds[i] are the next '\n' (and '\t') at or
	// after i, so label values are cut in constant time.
	lineEnds, cellEnds []int
	names              *nameChecker
	spans              []Span
}

func newFinder(text string) *finder {
	rs := []rune(text)
	for i, r := range rs {
		rs[i] = foldRune(r)
	}
	f := &finder{rs: rs, names: surnames,
		lineEnds: make([]int, len(rs)+1), cellEnds: make([]int, len(rs)+1)}
	f.lineEnds[len(rs)], f.cellEnds[len(rs)] = len(rs), len(rs)
	for i := len(rs) - 1; i >= 0; i-- {
		f.lineEnds[i], f.cellEnds[i] = f.lineEnds[i+1], f.cellEnds[i+1]
		switch rs[i] {
		case '\n':
			f.lineEnds[i], f.cellEnds[i] = i, i
		case '\t':
			f.cellEnds[i] = i
		}
	}
	return f
}

func (f *finder) add(s, e int, kind string) {
	if e > s {
		f.spans = append(f.spans, Span{Start: s, End: e, Kind: kind})
	}
}

// foldRune maps full-width ASCII variants and the ideographic space to
// ASCII, one rune for one rune.
func foldRune(r rune) rune {
	switch {
	case r == '\u3000':
		return ' '
	case r >= '！' && r <= '～':
		return r - '！' + '!'
	case r == '－' || r == '—' || r == '–':
		return '-'
	}
	return r
}

// hasPrefixAt reports whether rs[i:] starts with s.
func hasPrefixAt(rs []rune, i int, s string) bool {
	for _, r := range s {
		if i >= len(rs) || rs[i] != r {
			return false
		}
		i++
	}
	return true
}

// lineEnd returns the index of the next '\n' at or after i (or the text length).
func (f *finder) lineEnd(i int) int { return f.lineEnds[min(max(i, 0), len(f.rs))] }

// cellEnd returns the index of the next '\t' or '\n' at or after i.
func (f *finder) cellEnd(i int) int { return f.cellEnds[min(max(i, 0), len(f.rs))] }

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func isASCIIAlnum(r rune) bool {
	return isDigit(r) || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}

// trimSpan shrinks [s,e) past spaces and separators at both ends.
func trimSpan(rs []rune, s, e int) (int, int) {
	for s < e && strings.ContainsRune(" ,;:、/()[]-.", rs[s]) {
		s++
	}
	for e > s && strings.ContainsRune(" ,;:、/([-.", rs[e-1]) {
		e--
	}
	return s, e
}
