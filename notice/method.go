package notice

import (
	_ "embed"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/linelist"
)

//go:embed data/methods.tsv
var methodData string

// methodWord is one way notices write a procurement method.
type methodWord struct{ words, id string }

var loadMethods = sync.OnceValue(func() []methodWord {
	var out []methodWord
	for _, r := range linelist.MustRows("notice/data/methods.tsv", methodData, 2) {
		out = append(out, methodWord{r.Fields[0], r.Fields[1]})
	}
	// Longest words first, so the longer of two words at one place wins.
	sort.SliceStable(out, func(i, j int) bool {
		return utf8.RuneCountInString(out[i].words) > utf8.RuneCountInString(out[j].words)
	})
	return out
})

// MethodIDs is the sorted list of procurement method ids notices are read
// into (Notice.Method), for validating filters.
func MethodIDs() []string {
	var out []string
	for _, m := range loadMethods() {
		if !slices.Contains(out, m.id) {
			out = append(out, m.id)
		}
	}
	sort.Strings(out)
	return out
}

// methodIn returns the method whose words s contains first (leftmost, then
// longest), or "".
func methodIn(s string) (id string, at int, n int) {
	at = -1
	for _, m := range loadMethods() {
		if i := strings.Index(s, m.words); i >= 0 && (at < 0 || i < at) {
			id, at, n = m.id, i, len(m.words)
		}
	}
	return id, at, n
}

// method reads the procurement method: the 采购方式 label first (its value
// is the method as the buyer stated it), else the title's method words
// ("…竞争性谈判成交公告").
func (x *extractor) method(title string, ev map[string]enduse.Evidence) string {
	// Only the lines holding the words are read, found in one search of
	// the text per word instead of a search per line.
	for _, li := range x.linesHolding("采购方式", "招标方式") {
		l := x.lines[li]
		line := x.str(span{l.s, l.e})
		i := strings.Index(line, "采购方式")
		if i < 0 {
			i = strings.Index(line, "招标方式")
		}
		rest := line[i+len("采购方式"):]
		rest = strings.TrimLeft(rest, " \t:：")
		// Only the label's own value: a sentence that mentions 采购方式 later
		// ("采用单一来源采购方式") is read from the title instead.
		if id, at, n := methodIn(rest); id != "" && at <= 3 {
			s := l.s + utf8.RuneCountInString(line[:len(line)-len(rest)+at])
			x.evidence(ev, "method", span{s, s + utf8.RuneCountInString(rest[at:at+n])})
			return id
		}
	}
	if id, _, _ := methodIn(title); id != "" {
		return id
	}
	// A sentence of the opening paragraph: "（项目编号：…）以询价方式进行采购",
	// "采用竞争性磋商方式". Only "以/采用/通过 … 方式" counts, so a method
	// named otherwise in the body (a clause on 单一来源 rules) does not.
	// Every phrase ends so; most lines have none.
	for _, li := range x.linesHolding("方式") {
		l := x.lines[li]
		line := x.str(span{l.s, l.e})
		for _, ph := range loadMethodPhrases() {
			if i := strings.Index(line, ph.text); i >= 0 {
				s := l.s + utf8.RuneCountInString(line[:i+ph.lead])
				x.evidence(ev, "method", span{s, s + utf8.RuneCountInString(ph.words)})
				return ph.id
			}
		}
	}
	return ""
}

// methodPhrase is a method as a sentence puts it: a lead, the method's
// words and 方式 or 采购方式 ("以询价方式").
type methodPhrase struct {
	text, words, id string
	lead            int // bytes of the lead
}

// loadMethodPhrases lists the phrases in the order they are tried: by
// method (longest words first), then lead, then tail.
var loadMethodPhrases = sync.OnceValue(func() []methodPhrase {
	var out []methodPhrase
	for _, m := range loadMethods() {
		for _, p := range methodLeads {
			for _, tail := range [...]string{"方式", "采购方式"} {
				out = append(out, methodPhrase{text: p + m.words + tail, words: m.words, id: m.id, lead: len(p)})
			}
		}
	}
	return out
})

// methodLeads are the words that put a method into a sentence ("以询价方式").
var methodLeads = [...]string{"以", "采用", "通过", "按照", "采取"}

// CheckMethod returns an error (enduse.ErrInvalid) naming the known ids
// when id is not empty and not a procurement method id; the CLI and the API
// check --method / ?method= with it, after Filter.Validate.
func CheckMethod(id string) error {
	if id == "" || slices.Contains(MethodIDs(), id) {
		return nil
	}
	return fmt.Errorf("filter method %q: unknown procurement method (want one of %s): %w",
		id, strings.Join(MethodIDs(), ", "), enduse.ErrInvalid)
}
