// Package rights reads the distribution rights a notice states: single-
// source notices and bid documents say that a company is a brand's sole
// authorised agent (唯一授权代理商), its China general agent (中国区总代理),
// an authorised dealer (授权经销商) or holds the manufacturer's
// authorisation (原厂授权). Each statement becomes a distributor_of link
// from that company to the brand's company with the notice as its source,
// so that the pathway of the purchase is known from the notice itself and
// the knowledge base can grow from the data.
package rights

import (
	_ "embed"
	"regexp"
	"strings"

	ahocorasick "github.com/petar-dambovaliev/aho-corasick"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/kb"
	"github.com/enduse/enduse/linelist"
)

var (
	//go:embed data/phrases.txt
	phrasesData string
	//go:embed data/requirements.txt
	requirementsData string
	//go:embed data/self.txt
	selfData string
)

// companyRe finds an organisation name ending in a company form inside a
// sentence: the distributor a statement names.
var companyRe = regexp.MustCompile(`[\p{Han}A-Za-z0-9（）()·&]{2,40}?(?:股份有限公司|有限责任公司|有限公司|集团公司|公司)`)

// Reader finds stated rights. It is immutable and safe for concurrent use.
type Reader struct {
	kb           *kb.KB
	phrases      []string
	requirements []string
	self         []string
	// any finds the phrases in a whole text in one pass: most notices
	// state no right, and they are passed over without being split into
	// sentences.
	any ahocorasick.AhoCorasick
}

// New builds a reader over the knowledge base (to resolve the brand and
// the named company to their ids).
func New(k *kb.KB) *Reader {
	r := &Reader{kb: k, phrases: lines(phrasesData), requirements: lines(requirementsData), self: lines(selfData)}
	b := ahocorasick.NewAhoCorasickBuilder(ahocorasick.Opts{MatchKind: ahocorasick.LeftMostFirstMatch})
	r.any = b.Build(r.phrases)
	return r
}

// lines reads a one-entry-a-line data file, longest first so that
// 唯一授权代理商 wins over 总代理.
func lines(s string) []string {
	return linelist.LongestFirst(linelist.Entries(s))
}

// sentence is a sentence of the text with its rune span.
type sentence struct {
	text       string
	start, end int // rune offsets
}

// sentences splits text at sentence and line ends, keeping rune offsets.
func sentences(text string) []sentence {
	var out []sentence
	start, i := 0, 0
	var b strings.Builder
	flush := func(end int) {
		if s := b.String(); strings.TrimSpace(s) != "" {
			out = append(out, sentence{text: s, start: start, end: end})
		}
		b.Reset()
		start = end + 1
	}
	for _, r := range text {
		switch r {
		case '。', '；', ';', '\n', '！', '!', '？', '?':
			flush(i)
		default:
			b.WriteRune(r)
		}
		i++
	}
	flush(i)
	return out
}

// Find returns the rights stated in a notice's text: for each sentence
// holding a rights phrase and a recognised brand (among n.Mentions), the
// company the sentence names (a supplier of the notice, else a company
// name before the phrase, else — in a single-source notice that says 该公司
// or 我公司 — its one proposed supplier). Sentences that only require
// bidders to hold a right name no company and give nothing. source names
// the document for the link's source ("notice <sha256> (<path>)").
func (r *Reader) Find(text string, n *enduse.Notice, source string) []enduse.StatedLink {
	if n == nil || !hasBrand(n.Mentions) || r.any.Iter(text).Next() == nil {
		return nil
	}
	var out []enduse.StatedLink
	seen := map[string]bool{}
	for _, s := range sentences(text) {
		phrase, at := r.phrase(s.text)
		if phrase == "" {
			continue
		}
		m, ok := r.brandIn(n.Mentions, s)
		if !ok {
			continue
		}
		to, ok := r.kbCompany(m)
		if !ok {
			continue
		}
		org := r.orgIn(s.text, at, n)
		if org == "" {
			continue
		}
		from := org
		if c, ok := r.kb.FindCompany(org); ok {
			if c.ID == to {
				continue // the maker authorising itself states no intermediary
			}
			from = c.ID
		}
		key := from + "|" + to
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, enduse.StatedLink{
			Org: org, Brand: m.Brand, Phrase: phrase,
			Link: enduse.Link{From: from, Type: enduse.LinkDistributorOf, To: to, Since: n.Published,
				Basis: enduse.BasisNotice, Note: "stated by the notice: " + phrase,
				Sources: []string{"notice " + n.SHA256 + " (" + source + ")"}},
			Evidence: enduse.Evidence{Start: s.start, End: s.end, Text: s.text},
		})
	}
	return out
}

// phrase returns the first rights phrase in s and its byte offset.
func (r *Reader) phrase(s string) (string, int) {
	best, at := "", -1
	for _, p := range r.phrases {
		if i := strings.Index(s, p); i >= 0 && (at < 0 || i < at) {
			best, at = p, i
		}
	}
	return best, at
}

// hasBrand reports whether ms holds a mention brandIn would keep.
func hasBrand(ms []enduse.Mention) bool {
	for _, m := range ms {
		if m.Company != "" && m.Kind != enduse.MentionCompany {
			return true
		}
	}
	return false
}

// brandIn returns the first kept brand mention inside the sentence.
func (r *Reader) brandIn(ms []enduse.Mention, s sentence) (enduse.Mention, bool) {
	for _, m := range ms {
		if m.Start >= s.start && m.End <= s.end && m.Company != "" && m.Kind != enduse.MentionCompany {
			return m, true
		}
	}
	return enduse.Mention{}, false
}

// kbCompany returns the knowledge-base id of a mention's company.
func (r *Reader) kbCompany(m enduse.Mention) (string, bool) {
	if b, ok := r.kb.FindBrand(m.Brand); ok && m.Brand != "" {
		return b.Company, true
	}
	if c, ok := r.kb.FindCompany(m.Company); ok {
		return c.ID, true
	}
	return "", false
}

// orgIn finds the company a rights sentence names: a supplier of the
// notice written in it, else the last company name before the phrase
// (unless the sentence is a requirement on bidders), else the single
// proposed supplier when the sentence refers to it as 该公司/我公司.
func (r *Reader) orgIn(s string, at int, n *enduse.Notice) string {
	for _, sup := range n.Suppliers {
		if sup.Name != "" && strings.Contains(s, sup.Name) {
			return sup.Name
		}
	}
	head := s[:at]
	for _, w := range r.requirements {
		if strings.Contains(head, w) {
			return ""
		}
	}
	if ms := companyRe.FindAllString(head, -1); len(ms) > 0 {
		return strings.TrimLeft(ms[len(ms)-1], "由及和与为是")
	}
	if n.Type == enduse.TypeSingleSource && len(n.Suppliers) == 1 {
		for _, w := range r.self {
			if strings.Contains(s, w) {
				return n.Suppliers[0].Name
			}
		}
	}
	return ""
}
