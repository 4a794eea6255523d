// Package recognize finds brands, product lines and model numbers in notice
// text and item cells and resolves them through the knowledge base to a
// company, its country, its corporate links to the United States, a product
// line and a technology category.
//
// Text is folded once (see Normalize) with a map back to the original, so
// every mention carries exact rune offsets and the original text. One
// Aho-Corasick automaton holds every alias of the knowledge base (brands,
// product lines, company names); model-number patterns run only at token
// starts whose first byte, literal prefix and digit/letter content can
// match them. Context rules then decide what a raw match is:
//
//   - Latin and digit aliases (HP, WD, 3M, IBM) must stand on token
//     boundaries: no Latin letter or digit before them, no letter after
//     (a digit may follow a letter: "HP1020", "IBM3650"), and not inside a
//     domain or e-mail address. A short alias led by a digit (3M) also needs
//     context, as it reads as a measure ("3m宽").
//   - A brand word inside another organisation's name ("新疆希捷商贸有限公司",
//     "北京惠普科技有限公司", "吾思科技"), a place ("松下街", "三星路",
//     "鲲鹏生态产业园") or a person's name ("联系人张浪潮") is dropped.
//   - Company mentions have Kind enduse.MentionCompany: a legal name the
//     knowledge base lists (希捷科技（苏州）有限公司), a brand's own company
//     ("美国赛默飞世尔公司", "惠普（中国）有限公司") and a name followed by a
//     Latin legal form ("Seagate Technology LLC"). They link a notice to a
//     company but are not product mentions. A company's short name without
//     a legal form ("日立") is treated as a brand word.
//   - Ambiguous aliases (kb's Ambiguous flag: 联想, 大华, 长城) are kept only
//     with context: a 品牌/型号 label or an item label before them, a
//     product word or model token right after, a model number or
//     unambiguous alias of the same brand nearby on the line, a line that
//     is a short list of brands, a cell of its own after an item name, or
//     an item's brand cell (ResolveItem).
//   - Model-number matches that are other codes are dropped: certificate
//     and licence numbers, plot numbers ("E6地块"), and short codes (under
//     five characters) with no alias of their brand on the line.
//   - A mention in a specification phrase ("希捷或同等档次", "参考品牌：…",
//     "不低于…", "相当于…") has Spec set.
//   - A bare model number (ST4000VX013) resolves to its brand and product
//     line. A brand word, product-line alias and model number of the same
//     brand written together ("希捷酷鹰 ST4000VX013", "希捷 8TB 监控级
//     ST8000VX010") merge into one mention carrying the most specific
//     product line, so per-notice counts do not double; its Text spans all
//     parts. Parts separated by a clause or list break stay separate.
package recognize

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	ahocorasick "github.com/petar-dambovaliev/aho-corasick"

	"github.com/enduse/enduse"
)

// claim is one knowledge-base name an alias key stands for.
type claim struct {
	text      string // the alias as written in the knowledge base
	brand     string // Brand.ID; empty for a company's own name
	company   string // Company.ID
	line      string // product line the alias names, if any
	ambiguous bool
}

// modelPattern is a compiled model-number pattern of a product line.
type modelPattern struct {
	brand, line, category, expr string
	re                          *regexp.Regexp // anchored, case-insensitive
	prefix                      string         // folded literal prefix every match starts with
	first                       []byte         // the token bytes a match can start with; nil = unknown
	digit                       bool           // every match holds an ASCII digit
	letter                      bool           // every match holds an ASCII letter
}

// source is what the recogniser needs from a knowledge base; New adapts a
// *kb.KB to it and tests build it directly.
type source struct {
	claims   []claim
	patterns []modelPattern
	// resolve resolves a brand (and optional product line); brand may be
	// empty with company set for a company-name mention.
	resolve func(brand, company, line string) enduse.Resolution
	// companyOf returns a brand's company id; path explains a company's
	// corporate links. Both are optional (used by Explain).
	companyOf func(brand string) string
	path      func(companyID string) []string
	// ordinary are words that hold an alias but name no brand (微软雅黑,
	// 清华大学): matched as wholes by the automaton, they hide the alias
	// inside them.
	ordinary []string
}

// dfaAfter is how many bytes a Recognizer scans with its NFA before it
// builds its DFA: about a hundred notices, where the build starts to pay.
const dfaAfter = 2 << 20

// Recognizer finds mentions with one Aho-Corasick automaton over all
// aliases (leftmost-longest) plus compiled model-number patterns. Built
// once, safe for concurrent use.
type Recognizer struct {
	// ac is the automaton: first an NFA, built in milliseconds; once
	// dfaAfter bytes were scanned (a long run), the DFA — twice as fast to
	// run, a second of CPU to build — is built in the background and
	// replaces it. A one-file run never pays for the DFA. Both find the
	// same matches.
	ac       atomic.Pointer[ahocorasick.AhoCorasick]
	scanned  atomic.Int64 // bytes scanned so far
	dfa      sync.Once    // starts the DFA build
	buildDFA func() *ahocorasick.AhoCorasick
	keys     []string  // folded key per automaton pattern
	claims   [][]claim // claims per automaton pattern
	pats     []modelPattern
	byFirst  [256][]int32    // model patterns by the token bytes they can start with
	noPrefix []int32         // model patterns whose first byte is unknown
	cjkAt    map[int][]int32 // automaton key → model patterns with that CJK literal prefix ("鲲鹏\s?9[12]0")
	resolve  func(brand, company, line string) enduse.Resolution
	src      source
	lex      *lexicon
	pool     sync.Pool // *normText scratch buffers
	// ordinary maps an alias key to the ordinary words that hold it
	// (华大 → 清华大学 at byte 3), which hide it.
	ordinary map[string][]ordHit
}

// ordHit is an ordinary word holding an alias key at byte offset off.
type ordHit struct {
	word string
	off  int
}

// build compiles a recogniser from claims and patterns.
func build(src source) (*Recognizer, error) {
	r := &Recognizer{resolve: src.resolve, src: src, lex: newLexicon()}
	if r.resolve == nil {
		r.resolve = func(brand, company, line string) enduse.Resolution {
			return enduse.Resolution{Brand: brand, Company: company, ProductLine: line}
		}
	}
	r.pool.New = func() any { return new(normText) }
	idx := map[string]int{}
	for _, c := range src.claims {
		k := key(c.text)
		if k == "" {
			continue
		}
		i, ok := idx[k]
		if !ok {
			i = len(r.keys)
			idx[k] = i
			r.keys = append(r.keys, k)
			r.claims = append(r.claims, nil)
		}
		dup := false
		for _, o := range r.claims[i] {
			if o.brand == c.brand && o.company == c.company && o.line == c.line {
				dup = true
				break
			}
		}
		if !dup {
			r.claims[i] = append(r.claims[i], c)
		}
	}
	if len(r.keys) == 0 {
		return nil, fmt.Errorf("build recognizer: knowledge base has no aliases")
	}
	// Ordinary words hide the aliases inside them: for every alias key an
	// ordinary word holds, remember the word and where the alias sits in
	// it, so a candidate is checked in place without another pass.
	for _, w := range src.ordinary {
		wk := key(w)
		if wk == "" {
			continue
		}
		for _, k := range r.keys {
			for off := strings.Index(wk, k); off >= 0 && len(k) < len(wk); {
				if r.ordinary == nil {
					r.ordinary = map[string][]ordHit{}
				}
				r.ordinary[k] = append(r.ordinary[k], ordHit{word: wk, off: off})
				next := strings.Index(wk[off+1:], k)
				if next < 0 {
					break
				}
				off += 1 + next
			}
		}
	}
	// Model patterns with a CJK literal prefix are found through the
	// automaton too: their prefix is one more key, marked in cjkAt.
	for _, p := range src.patterns {
		mp, err := compilePattern(p)
		if err != nil {
			return nil, fmt.Errorf("build recognizer: %w", err)
		}
		i := int32(len(r.pats))
		r.pats = append(r.pats, mp)
		switch {
		case mp.prefix != "" && mp.prefix[0] >= utf8.RuneSelf:
			k, ok := idx[mp.prefix]
			if !ok {
				k = len(r.keys)
				idx[mp.prefix] = k
				r.keys = append(r.keys, mp.prefix)
				r.claims = append(r.claims, nil)
			}
			if r.cjkAt == nil {
				r.cjkAt = map[int][]int32{}
			}
			r.cjkAt[k] = append(r.cjkAt[k], i)
		case mp.prefix != "":
			r.byFirst[mp.prefix[0]] = append(r.byFirst[mp.prefix[0]], i)
		case mp.first != nil:
			for _, c := range mp.first {
				r.byFirst[c] = append(r.byFirst[c], i)
			}
		default:
			r.noPrefix = append(r.noPrefix, i)
		}
	}
	automaton := func(dfa bool) *ahocorasick.AhoCorasick {
		b := ahocorasick.NewAhoCorasickBuilder(ahocorasick.Opts{
			MatchKind: ahocorasick.LeftMostLongestMatch,
			DFA:       dfa,
		})
		ac := b.Build(r.keys)
		return &ac
	}
	r.ac.Store(automaton(false))
	r.buildDFA = func() *ahocorasick.AhoCorasick { return automaton(true) }
	return r, nil
}

// compilePattern anchors a model pattern at the token start, makes it
// case-insensitive and finds its literal prefix for the token prefilter.
func compilePattern(p modelPattern) (modelPattern, error) {
	if strings.TrimSpace(p.expr) == "" {
		return p, fmt.Errorf("model pattern of %s/%s is empty", p.brand, p.line)
	}
	re, err := regexp.Compile(`^(?i:` + p.expr + `)`)
	if err != nil {
		return p, fmt.Errorf("model pattern %q of %s/%s: %w", p.expr, p.brand, p.line, err)
	}
	p.re = re
	p.prefix = ""
	p.first = nil
	if t, err := syntax.Parse(p.expr, syntax.Perl|syntax.FoldCase); err == nil {
		t = t.Simplify()
		p.prefix = key(literalPrefix(t))
		var set [256]bool
		if _, ok := firstBytes(t, &set); ok {
			for c := range set {
				if set[c] && isAlnum(byte(c)) {
					p.first = append(p.first, byte(c))
				}
			}
		}
	}
	p.digit, p.letter = false, false
	if t, err := syntax.Parse(p.expr, syntax.Perl|syntax.FoldCase); err == nil {
		t = t.Simplify()
		p.digit = needs(t, '0', '9')
		p.letter = needs(t, 'a', 'z')
	}
	// A prefix starting with a symbol is of no use to the token scanner;
	// one starting with a CJK character ("鲲鹏") is searched for directly.
	if p.prefix != "" && !isAlnum(p.prefix[0]) && p.prefix[0] < utf8.RuneSelf {
		p.prefix = ""
	}
	return p, nil
}

// needs reports whether every match of re holds a character of the ASCII
// range [lo, hi] (digits, or lower-case letters matched case-insensitively).
func needs(re *syntax.Regexp, lo, hi rune) bool {
	in := func(r rune) bool {
		if r < utf8.RuneSelf {
			r = rune(asciiFold[r])
		}
		return r >= lo && r <= hi
	}
	switch re.Op {
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			if in(r) {
				return true
			}
		}
	case syntax.OpCharClass:
		if len(re.Rune) == 0 {
			return false
		}
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if !in(r) {
					return false
				}
				if r-re.Rune[i] > 64 {
					return false // a wide class is not all letters or digits
				}
			}
		}
		return true
	case syntax.OpCapture, syntax.OpPlus:
		return needs(re.Sub[0], lo, hi)
	case syntax.OpRepeat:
		return re.Min >= 1 && needs(re.Sub[0], lo, hi)
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			if needs(sub, lo, hi) {
				return true
			}
		}
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			if !needs(sub, lo, hi) {
				return false
			}
		}
		return len(re.Sub) > 0
	}
	return false
}

// firstBytes adds to set the folded ASCII bytes a match of re can start
// with. It reports whether re can match the empty string (so what follows
// it may start the match too) and false for ok when the set is unknown.
func firstBytes(re *syntax.Regexp, set *[256]bool) (nullable, ok bool) {
	addRune := func(r rune) {
		if r < utf8.RuneSelf {
			set[asciiFold[r]] = true
		}
	}
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return true, true
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return true, true
		}
		addRune(re.Rune[0])
		if re.Flags&syntax.FoldCase != 0 && re.Rune[0] < utf8.RuneSelf {
			addRune(unicode.SimpleFold(re.Rune[0]))
		}
		return false, true
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1] && r < utf8.RuneSelf; r++ {
				addRune(r)
			}
		}
		return false, true
	case syntax.OpCapture, syntax.OpPlus:
		return firstBytes(re.Sub[0], set)
	case syntax.OpStar, syntax.OpQuest:
		_, ok := firstBytes(re.Sub[0], set)
		return true, ok
	case syntax.OpRepeat:
		n, ok := firstBytes(re.Sub[0], set)
		return n || re.Min == 0, ok
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			n, ok := firstBytes(sub, set)
			if !ok {
				return false, false
			}
			if !n {
				return false, true
			}
		}
		return true, true
	case syntax.OpAlternate:
		nullable := false
		for _, sub := range re.Sub {
			n, ok := firstBytes(sub, set)
			if !ok {
				return false, false
			}
			nullable = nullable || n
		}
		return nullable, true
	}
	return false, false // any character, or an operator not handled
}

// literalPrefix returns the literal text every match of re begins with.
func literalPrefix(re *syntax.Regexp) string {
	switch re.Op {
	case syntax.OpLiteral:
		return string(re.Rune)
	case syntax.OpCapture:
		return literalPrefix(re.Sub[0])
	case syntax.OpConcat:
		var b strings.Builder
		for _, s := range re.Sub {
			if s.Op == syntax.OpBeginText || s.Op == syntax.OpBeginLine || s.Op == syntax.OpWordBoundary {
				continue
			}
			p := literalPrefix(s)
			b.WriteString(p)
			if s.Op != syntax.OpLiteral || p == "" {
				break
			}
		}
		return b.String()
	case syntax.OpPlus:
		return literalPrefix(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return literalPrefix(re.Sub[0])
		}
	}
	return ""
}

func isAlnum(c byte) bool  { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }
func isLetter(c byte) bool { return c >= 'a' && c <= 'z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }

// Find returns the mentions in text, sorted by Start; Start/End are rune
// offsets into the original text and Text is the original text between
// them.
func (r *Recognizer) Find(text string) []enduse.Mention {
	n := r.pool.Get().(*normText)
	defer r.pool.Put(n)
	return r.mentions(n, r.scan(n, text, modeText))
}

// mentions converts the kept candidates to mentions.
func (r *Recognizer) mentions(n *normText, cs []cand) []enduse.Mention {
	var out []enduse.Mention
	for i := range cs {
		c := &cs[i]
		if c.drop != "" {
			continue
		}
		out = append(out, r.mention(n, c))
	}
	return out
}

func (r *Recognizer) mention(n *normText, c *cand) enduse.Mention {
	start, end, s := n.span(c.bs, c.be)
	m := enduse.Mention{Text: s, Start: start, End: end, Kind: c.kind, Spec: c.spec}
	if c.kind != enduse.MentionCompany && c.brand == "" {
		// A company's short name used as a brand: resolve it like a
		// brand word, so a brand of the same id gives its name.
		m.Resolution = r.resolve(c.company, "", c.line)
	} else {
		m.Resolution = r.resolve(c.brand, c.company, c.line)
	}
	return m
}

// span maps a folded byte span back to rune offsets and text of the
// original.
func (n *normText) span(bs, be int) (int, int, string) {
	startByte := n.origStart(bs)
	last := n.origStart(be - 1)
	_, size := utf8.DecodeRuneInString(n.src[last:])
	start := n.runeOffset(startByte)
	end := n.runeOffset(last + size)
	return start, end, n.src[startByte : last+size]
}

// mode says what kind of text is scanned.
type mode int

const (
	modeText      mode = iota // running notice text
	modeBrandCell             // an item's brand cell: the cell itself is a 品牌 label
)

// cand is a candidate mention in folded text.
type cand struct {
	bs, be  int // folded byte span
	kind    enduse.MentionKind
	brand   string
	company string
	line    string
	matched string // the alias as written or the pattern expression
	ambig   bool
	shared  []claim // other brands claiming the same alias
	spec    bool
	drop    string   // why the candidate is not a mention; empty if it is
	why     []string // notes for Explain
}

// scan folds text into n and returns every candidate, kept or dropped,
// sorted by start.
func (r *Recognizer) scan(n *normText, text string, md mode) []cand {
	n.fold(text, true)
	b := n.b
	s := string(b) // one copy for the string-based rules
	var cs []cand
	r.scanModels(s, &cs)
	var models modelSpans
	for i := range cs {
		models.add(cs[i].bs, cs[i].be)
	}
	if r.scanned.Add(int64(len(b))) > dfaAfter {
		r.dfa.Do(func() { go func() { r.ac.Store(r.buildDFA()) }() })
	}
	it := r.ac.Load().IterByte(b)
	for m := it.Next(); m != nil; m = it.Next() {
		bs, be, p := m.Start(), m.End(), m.Pattern()
		for _, pi := range r.cjkAt[p] {
			if e := r.tryPattern(s, bs, pi); e > 0 && !models.covers(bs, e) {
				cs = append(cs, r.modelCand(pi, bs, e))
				models.add(bs, e)
				break
			}
		}
		if len(r.claims[p]) == 0 {
			continue
		}
		k := r.keys[p]
		if reason := r.boundaryProblem(b, bs, be, k); reason != "" {
			c := r.aliasCand(p, bs, be)
			c.drop = reason
			cs = append(cs, c)
			continue
		}
		cs = append(cs, r.aliasCand(p, bs, be))
	}
	r.dropOrdinary(b, cs)
	yieldToNamingAlias(cs)
	resolveOverlaps(cs)
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].bs != cs[j].bs {
			return cs[i].bs < cs[j].bs
		}
		return cs[i].be > cs[j].be
	})
	for i := range cs {
		if cs[i].drop == "" && cs[i].kind == enduse.MentionModel {
			r.judgeModel(s, cs, i)
		}
	}
	for i := range cs {
		if cs[i].drop == "" && cs[i].kind != enduse.MentionModel {
			r.judgeAlias(s, cs, i, md)
		}
	}
	for i := range cs {
		if cs[i].drop == "" {
			r.judgeSpec(s, &cs[i])
		}
	}
	return r.merge(s, cs)
}

// dropOrdinary drops alias candidates that lie inside an ordinary word
// (华大 in 清华大学, 微软 in 微软雅黑).
func (r *Recognizer) dropOrdinary(b []byte, cs []cand) {
	if len(r.ordinary) == 0 {
		return
	}
	for i := range cs {
		c := &cs[i]
		if c.drop != "" || c.kind == enduse.MentionModel {
			continue
		}
		for _, h := range r.ordinary[string(b[c.bs:c.be])] {
			if ws := c.bs - h.off; ws >= 0 && ws+len(h.word) <= len(b) && string(b[ws:ws+len(h.word)]) == h.word {
				c.drop = "part of the ordinary word " + h.word
				break
			}
		}
	}
}

// aliasCand makes the candidate of an automaton match from its claims.
func (r *Recognizer) aliasCand(p, bs, be int) cand {
	cl := r.claims[p]
	c := cand{bs: bs, be: be, kind: enduse.MentionAlias}
	// Brand claims beat company-name claims; the first brand claim in
	// knowledge-base order is the default, the rest may win by context.
	first := -1
	for i, x := range cl {
		if x.brand != "" {
			first = i
			break
		}
	}
	if first < 0 {
		x := cl[0]
		c.kind = enduse.MentionCompany
		c.company, c.matched, c.ambig = x.company, x.text, x.ambiguous
		return c
	}
	x := cl[first]
	c.brand, c.company, c.line, c.matched = x.brand, x.company, x.line, x.text
	// A short alias led by a digit (3M) reads as a measure ("3M宽") unless
	// context says otherwise.
	c.ambig = x.ambiguous || (isDigit(r.keys[p][0]) && len(r.keys[p]) <= 3)
	for i, y := range cl {
		if i != first && y.brand != "" && y.brand != x.brand {
			c.shared = append(c.shared, y)
		}
	}
	return c
}

// boundaryProblem says why an alias match with Latin or digit edges does
// not stand on token boundaries, or "" if it does.
func (r *Recognizer) boundaryProblem(b []byte, bs, be int, k string) string {
	if isAlnum(k[0]) && bs > 0 {
		c := b[bs-1]
		if isAlnum(c) || c == '_' {
			return "inside a longer Latin token"
		}
		if (c == '.' || c == '@') && bs > 1 && isAlnum(b[bs-2]) {
			return "inside a domain or e-mail address"
		}
	}
	last := k[len(k)-1]
	if isAlnum(last) && be < len(b) {
		c := b[be]
		switch {
		case isLetter(c) || c == '_':
			return "followed by a Latin letter"
		case isDigit(c) && isDigit(last):
			return "followed by a digit"
		case (c == '.' || c == '@') && be+1 < len(b) && isAlnum(b[be+1]) && !isDigit(b[be+1]):
			return "inside a domain or e-mail address"
		}
	}
	return ""
}

// scanModels finds model numbers: at every token start (an ASCII letter or
// digit not preceded by one) it tries the patterns that can start with
// that byte and whose literal prefix the text starts with, keeping the
// longest match that ends on a token boundary. (Patterns with a CJK literal
// prefix are tried where the automaton finds that prefix.)
func (r *Recognizer) scanModels(s string, cs *[]cand) {
	if len(r.pats) == 0 {
		return
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isAlnum(c) || (i > 0 && isAlnum(s[i-1])) {
			continue
		}
		list := r.byFirst[c]
		if len(list) == 0 && len(r.noPrefix) == 0 {
			continue
		}
		// Most patterns need a digit and a letter: Latin words without
		// digits and numbers without letters (the common tokens of a
		// notice) are skipped without running them.
		run := asciiRun(s[i:min(len(s), i+32)])
		digit := strings.IndexAny(run, "0123456789") >= 0
		letter := strings.IndexFunc(run, func(c rune) bool { return c >= 'a' && c <= 'z' }) >= 0
		best, bestEnd := int32(-1), 0
		for _, pi := range list {
			if p := &r.pats[pi]; !digit && p.digit || !letter && p.letter {
				continue
			}
			if e := r.tryPattern(s, i, pi); e > bestEnd {
				best, bestEnd = pi, e
			}
		}
		for _, pi := range r.noPrefix {
			if e := r.tryPattern(s, i, pi); e > bestEnd {
				best, bestEnd = pi, e
			}
		}
		if best >= 0 {
			*cs = append(*cs, r.modelCand(best, i, bestEnd))
			i = bestEnd - 1
		}
	}
}

// asciiRun returns the prefix of s before its first non-ASCII byte.
func asciiRun(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return s[:i]
		}
	}
	return s
}

// modelSpans holds the spans of model candidates found so far. They never
// overlap (a model is only added where none is), and they arrive mostly
// in text order: while they do, overlap is a binary search; a span out
// of order turns on the linear check, which stays correct.
type modelSpans struct {
	spans    [][2]int
	unsorted bool
}

func (m *modelSpans) add(bs, be int) {
	if n := len(m.spans); n > 0 && bs < m.spans[n-1][0] {
		m.unsorted = true
	}
	m.spans = append(m.spans, [2]int{bs, be})
}

// covers reports whether [bs, be) overlaps a model span.
func (m *modelSpans) covers(bs, be int) bool {
	if m.unsorted {
		for _, s := range m.spans {
			if bs < s[1] && s[0] < be {
				return true
			}
		}
		return false
	}
	// the last span starting before be is the only one that can overlap:
	// the spans are disjoint and sorted, so their ends are sorted too
	k := sort.Search(len(m.spans), func(i int) bool { return m.spans[i][0] >= be })
	return k > 0 && m.spans[k-1][1] > bs
}

func (r *Recognizer) modelCand(pi int32, bs, be int) cand {
	p := &r.pats[pi]
	return cand{bs: bs, be: be, kind: enduse.MentionModel, brand: p.brand, line: p.line, matched: p.expr}
}

// tryPattern matches pattern pi at byte i of s and returns the end of the
// match, or 0 when it does not match on token boundaries. A short suffix
// the pattern does not spell out (ST16000NM001G, bizhub C300i) still
// belongs to the model; a longer run means the pattern matched the start
// of some other token.
func (r *Recognizer) tryPattern(s string, i int, pi int32) int {
	p := &r.pats[pi]
	if !strings.HasPrefix(s[i:], p.prefix) {
		return 0
	}
	lim := min(len(s), i+96)
	loc := p.re.FindStringIndex(s[i:lim])
	if loc == nil {
		return 0
	}
	e := i + loc[1]
	for e > i && s[e-1] == ' ' {
		e--
	}
	if e == i {
		return 0
	}
	tail := len(latinToken(s[e:]))
	if tail > 4 {
		return 0
	}
	// A digit run that goes on past the pattern is some longer number
	// (TS2025001, MD202501), not this model.
	if tail > 0 && isDigit(s[e-1]) && isDigit(s[e]) {
		return 0
	}
	e += tail
	// One more short hyphenated group ("ThinkCentre M820z-D027") belongs
	// to the model; a chain of them is some other code ("CX04-01-03-01").
	if e+1 < len(s) && s[e] == '-' {
		if g := len(latinToken(s[e+1:])); g > 0 && g <= 5 {
			if f := e + 1 + g; f+1 < len(s) && s[f] == '-' && isAlnum(s[f+1]) {
				return 0
			}
			if tail > 0 || isLetter(s[e+1]) {
				e += 1 + g
			}
		}
	}
	return e
}

// resolveOverlaps drops candidates that overlap a longer or earlier one:
// candidates are taken in priority order (model numbers, then kept ones,
// then longer, then earlier) and one overlapping an already kept
// candidate is dropped, naming the first kept one it overlaps. Kept
// candidates never overlap each other, so each stretch of text between
// two candidate boundaries has at most one owner: recording owners on
// those stretches makes the check cost the candidate's own extent, not
// the number kept (comparing with every kept candidate was quadratic:
// 80k mentions took 40 s).
func resolveOverlaps(cs []cand) {
	order := make([]int, len(cs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(x, y int) bool {
		a, b := &cs[order[x]], &cs[order[y]]
		if am, bm := a.kind == enduse.MentionModel, b.kind == enduse.MentionModel; am != bm {
			return am
		}
		if (a.drop == "") != (b.drop == "") {
			return a.drop == ""
		}
		if la, lb := a.be-a.bs, b.be-b.bs; la != lb {
			return la > lb
		}
		return a.bs < b.bs
	})
	// pts are the distinct boundaries; stretch k is [pts[k], pts[k+1]).
	pts := make([]int, 0, 2*len(cs))
	for i := range cs {
		pts = append(pts, cs[i].bs, cs[i].be)
	}
	sort.Ints(pts)
	pts = slices.Compact(pts)
	idx := func(p int) int { k, _ := slices.BinarySearch(pts, p); return k }
	owner := make([]int32, len(pts)) // rank+1 in kept order of the owner; 0 = none
	var kept []int
	for _, i := range order {
		c := &cs[i]
		if c.drop != "" || c.be <= c.bs {
			continue
		}
		lo, hi := idx(c.bs), idx(c.be)
		first := int32(0)
		for k := lo; k < hi; k++ {
			if o := owner[k]; o > 0 && (first == 0 || o < first) {
				first = o
			}
		}
		if first > 0 {
			o := &cs[kept[first-1]]
			if o.kind == enduse.MentionModel {
				c.drop = "inside model number " + o.matched
			} else {
				c.drop = "overlaps longer match " + o.matched
			}
			continue
		}
		kept = append(kept, i)
		for k := lo; k < hi; k++ {
			owner[k] = int32(len(kept))
		}
	}
}
