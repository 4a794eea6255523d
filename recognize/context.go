package recognize

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/enduse/enduse"
)

// lineBounds returns the folded byte span of the line holding [bs, be).
// Lines end at line breaks and table-cell boundaries (both fold to '\n').
func lineBounds(s string, bs, be int) (int, int) {
	// A "line" of a whole document (text without line breaks) is read
	// as the stretch of maxLineBytes around the candidate: context that
	// far away says nothing about it, and looking through all of it for
	// every candidate was quadratic.
	lo := max(bs-maxLineBytes, 0)
	ls := strings.LastIndexByte(s[lo:bs], '\n') + 1 + lo
	if ls == lo && lo > 0 {
		for ls < bs && !utf8.RuneStart(s[ls]) {
			ls++
		}
	}
	hi := min(be+maxLineBytes, len(s))
	le := strings.IndexByte(s[be:hi], '\n')
	if le < 0 {
		for hi > be && hi < len(s) && !utf8.RuneStart(s[hi]) {
			hi--
		}
		return ls, hi
	}
	return ls, be + le
}

// maxClauseBytes bounds a clause or sentence read around a candidate
// (about 170 Chinese characters), for the same reason.
const maxClauseBytes = 512

// runeFloor moves i back to the start of the rune holding it.
func runeFloor(s string, i int) int {
	for i > 0 && i < len(s) && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}

// maxLineBytes bounds how far lineBounds looks for a line's ends.
const maxLineBytes = 1024

// within returns the index range [a, b) of the candidates of cs (sorted
// by start) that start in [lo, hi): the loops that look for support on a
// line visit only those.
func within(cs []cand, lo, hi int) (int, int) {
	a := sort.Search(len(cs), func(i int) bool { return cs[i].bs >= lo })
	b := a + sort.Search(len(cs)-a, func(i int) bool { return cs[a+i].bs >= hi })
	return a, b
}

// nearBytes is how far (in folded bytes, about 30 Chinese characters) a
// model number or alias of the same brand may stand from an ambiguous
// alias and still vouch for it.
const nearBytes = 90

// sentenceDelims end a sentence; clauseDelims also end a clause.
const (
	sentenceDelims = "。；;！？!?"
	clauseDelims   = sentenceDelims + "，,"
)

// backTo returns the start of the stretch before i (not before ls) that
// holds none of delims.
func backTo(s string, ls, i int, delims string) int {
	ls = runeFloor(s, max(ls, i-maxClauseBytes))
	j := strings.LastIndexAny(s[ls:i], delims)
	if j < 0 {
		return ls
	}
	_, size := utf8.DecodeRuneInString(s[ls+j:])
	return ls + j + size
}

// forwardTo returns the end of the stretch after i (not after le) that
// holds none of delims.
func forwardTo(s string, i, le int, delims string) int {
	le = runeFloor(s, min(le, i+maxClauseBytes))
	j := strings.IndexAny(s[i:le], delims)
	if j < 0 {
		return le
	}
	return i + j
}

// productAfter reports the product word s starts with, allowing up to two
// modifiers before it ("激光打印机", "液晶显示器", "网络高清摄像机").
func (r *Recognizer) productAfter(s string) (string, bool) {
	for n := 0; n <= 2; n++ {
		if w, ok := hasAnyPrefix(s, r.lex.productNouns); ok {
			return w, true
		}
		m, ok := hasAnyPrefix(s, r.lex.modifiers)
		if !ok {
			return "", false
		}
		s = s[len(m):]
	}
	return "", false
}

// firstRunes returns the prefix of s holding at most n runes.
func firstRunes(s string, n int) string {
	i := 0
	for ; n > 0 && i < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i]
}

// lastRunes returns the suffix of s holding at most n runes.
func lastRunes(s string, n int) string {
	i := len(s)
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}

// judgeAlias applies the organisation, place and ambiguity rules to the
// alias candidate cs[i], setting its drop reason or notes.
func (r *Recognizer) judgeAlias(s string, cs []cand, i int, md mode) {
	c := &cs[i]
	lx := r.lex
	after := s[c.be:]
	if w, ok := r.latinLegalAfter(after); ok && isAlnum(s[c.be-1]) {
		c.kind = enduse.MentionCompany
		c.brand, c.line = "", ""
		c.why = append(c.why, "followed by the legal form "+w+": the company itself")
		return
	}
	if c.kind == enduse.MentionCompany {
		if r.legalName(s[c.bs:c.be]) {
			c.why = append(c.why, "company name listed in the knowledge base")
			return
		}
		// A company's short name without a legal form ("日立", "施耐德")
		// is used like a brand: the same rules apply.
		c.kind = enduse.MentionAlias
		c.why = append(c.why, "company name used as a brand")
	}
	_, lastSize := utf8.DecodeLastRuneInString(s[c.bs:c.be])
	lastStart := c.be - lastSize
	cjkEnd := lastSize > 1
	if cjkEnd {
		if w, ok := hasAnyPrefix(s[lastStart:], lx.overlapWords); ok && len(w) > lastSize {
			c.drop = "its last character starts the word " + w + ": part of another name"
			return
		}
	}
	if md != modeBrandCell && r.personName(s, c.bs, c.be) {
		c.drop = "reads as a person's name"
		return
	}
	if md != modeBrandCell {
		if _, isNoun := hasAnyPrefix(after, lx.productNouns); !isNoun && cjkEnd {
			if w, ok := hasAnyPrefix(after, lx.places); ok {
				c.drop = "followed by " + w + ": part of a place or address"
				return
			}
		}
		if w, ok := r.orgSuffix(s, c.be); ok {
			if r.ownCompany(s, c.bs, c.be) {
				c.kind = enduse.MentionCompany
				c.brand, c.line = "", ""
				c.why = append(c.why, "the brand's own company ("+s[c.bs:c.be]+w+")")
				return
			}
			c.drop = "inside an organisation name ending in " + w
			return
		}
	}

	if c.line != "" {
		if o := prevKept(cs, i); o != nil && o.brand != "" && o.brand != c.brand &&
			o.kind != enduse.MentionCompany && c.bs-o.be <= 1 && strings.TrimSpace(s[o.be:c.bs]) == "" {
			c.drop = "names a product of " + o.matched + " written right before it"
			return
		}
	}
	if len(c.shared) > 0 {
		r.pickShared(s, cs, i)
	}
	if !c.ambig {
		return
	}
	if md == modeBrandCell {
		c.why = append(c.why, "ambiguous alias accepted in a brand cell")
		return
	}
	if why, ok := r.ambiguityContext(s, cs, i); ok {
		c.why = append(c.why, "ambiguous alias with context: "+why)
		return
	}
	c.drop = "ambiguous alias without a brand label, product word, model number or brand list"
}

// orgSuffix reports whether the name token starting at i ends in an
// organisation suffix ("商贸有限公司") before any function word or product
// word: a brand there is part of a company's name.
func (r *Recognizer) orgSuffix(s string, i int) (string, bool) {
	lx := r.lex
	if w, ok := hasAnyPrefix(s[i:], lx.orgWeak); ok {
		return w, true
	}
	for n := 0; n < 16 && i < len(s); n++ {
		rest := s[i:]
		if w, ok := hasAnyPrefix(rest, lx.orgStrong); ok {
			return w, true
		}
		if _, ok := hasAnyPrefix(rest, lx.stops); ok {
			return "", false
		}
		c, size := utf8.DecodeRuneInString(rest)
		if !(c >= 0x2E80 || c == '(' || c == ')' || isLetter(byte(c)) && c < utf8.RuneSelf) {
			return "", false
		}
		i += size
	}
	return "", false
}

// ambiguityContext finds the context that makes an ambiguous alias a
// brand: a label before it, a product word or model token right after it,
// support from the same brand on the same line, or a line listing brands.
func (r *Recognizer) ambiguityContext(s string, cs []cand, i int) (string, bool) {
	c := &cs[i]
	lx := r.lex
	ls, le := lineBounds(s, c.bs, c.be)
	if w, ok := containsAny(lastRunes(s[ls:c.bs], 16), lx.labels); ok {
		return "label " + w + " before it", true
	}
	before := strings.TrimSuffix(s[ls:c.bs], " ")
	if strings.HasSuffix(before, ":") {
		if w, ok := containsAny(lastRunes(before, 10), lx.productNouns); ok {
			return "after the item label " + w + ":", true
		}
	}
	after := strings.TrimPrefix(s[c.be:le], " ")
	if w, ok := r.productAfter(after); ok {
		return "product word " + w + " after it", true
	}
	if tok := modelToken(after); tok != "" {
		return "model token " + tok + " after it", true
	}
	if tok := latinToken(after); tok != "" && len(tok) <= 8 {
		if w, ok := hasAnyPrefix(strings.TrimPrefix(after[len(tok):], " "), lx.productNouns); ok {
			return "product word " + tok + w + " after it", true
		}
	}
	a, b := within(cs, ls, le)
	for j := a; j < b; j++ {
		o := &cs[j]
		if j == i || o.drop != "" || o.brand != c.brand || o.bs < ls || o.be > le ||
			o.bs > c.be+nearBytes || c.bs > o.be+nearBytes {
			continue
		}
		if o.kind == enduse.MentionModel {
			return "model number " + s[o.bs:o.be] + " of the same brand on the line", true
		}
		if !o.ambig {
			return "unambiguous alias " + s[o.bs:o.be] + " on the line", true
		}
	}
	if strings.TrimSpace(s[ls:le]) == s[c.bs:c.be] && ls > 0 {
		prev := strings.TrimSpace(s[strings.LastIndexByte(s[:ls-1], '\n')+1 : ls-1])
		if w, ok := hasAnySuffix(prev, lx.productNouns); ok {
			return "a cell of its own after the item " + w, true
		}
	}
	if r.brandList(s, cs, ls, le) {
		return "a line listing brands", true
	}
	return "", false
}

// latinToken returns the run of ASCII letters and digits at the start of s.
func latinToken(s string) string {
	j := 0
	for j < len(s) && isAlnum(s[j]) {
		j++
	}
	return s[:j]
}

// modelToken returns the Latin token at the start of s when it looks like
// a model number (letters and digits mixed, at least three characters).
func modelToken(s string) string {
	j := 0
	letters, digits := 0, 0
	for j < len(s) && (isAlnum(s[j]) || s[j] == '-') {
		if isLetter(s[j]) {
			letters++
		} else if isDigit(s[j]) {
			digits++
		}
		j++
	}
	if j >= 3 && letters > 0 && digits > 0 {
		return s[:j]
	}
	return ""
}

// brandList reports whether the line [ls, le) is a short list of names
// joined by connectors ("联想或清华同方", "宝德或清华同方或昆仑", "IBM或为昆腾")
// of which at least two are brand candidates: such a line is a brand cell.
func (r *Recognizer) brandList(s string, cs []cand, ls, le int) bool {
	starts := map[int]int{} // candidate start → end
	a, b := within(cs, ls, le)
	for j := a; j < b; j++ {
		o := &cs[j]
		if o.bs < ls || o.be > le || o.kind == enduse.MentionModel {
			continue
		}
		if o.drop != "" && !strings.HasPrefix(o.drop, "ambiguous") {
			continue
		}
		starts[o.bs] = o.be
	}
	brands, segs := 0, 0
	segStart := ls
	flush := func(end int) bool {
		seg := strings.TrimSpace(s[segStart:end])
		if seg == "" {
			return true
		}
		segs++
		if utf8.RuneCountInString(seg) > 8 {
			return false
		}
		off := segStart + strings.Index(s[segStart:end], seg)
		if e, ok := starts[off]; ok && e == off+len(seg) {
			brands++
		}
		return true
	}
	for i := ls; i < le; {
		if w, ok := hasAnyPrefix(s[i:le], r.lex.connectors); ok {
			if !flush(i) {
				return false
			}
			i += len(w)
			segStart = i
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	if !flush(le) {
		return false
	}
	return brands >= 2 && segs <= 8
}

// onlyConnectors reports whether gap holds only spaces and connectors.
func (r *Recognizer) onlyConnectors(gap string) bool {
	for gap != "" {
		if gap[0] == ' ' {
			gap = gap[1:]
			continue
		}
		w, ok := hasAnyPrefix(gap, r.lex.connectors)
		if !ok {
			return false
		}
		gap = gap[len(w):]
	}
	return true
}

// pickShared chooses among brands sharing an alias the one with a model
// number or unambiguous alias on the same line; without such support the
// knowledge base's first claim stays.
func (r *Recognizer) pickShared(s string, cs []cand, i int) {
	c := &cs[i]
	ls, le := lineBounds(s, c.bs, c.be)
	a, b := within(cs, ls, le)
	for j := a; j < b; j++ {
		o := &cs[j]
		if j == i || o.drop != "" || o.brand == "" || o.bs < ls || o.be > le {
			continue
		}
		if o.brand == c.brand {
			return
		}
		for _, sh := range c.shared {
			if sh.brand == o.brand {
				c.why = append(c.why, "shared alias resolved to "+sh.brand+" by "+s[o.bs:o.be]+" on the line")
				c.brand, c.company, c.line, c.ambig = sh.brand, sh.company, sh.line, sh.ambiguous
				return
			}
		}
	}
	c.why = append(c.why, "shared alias: first claim kept")
}

// judgeSpec marks a mention that names a brand as a specification.
func (r *Recognizer) judgeSpec(s string, c *cand) {
	if c.kind == enduse.MentionCompany {
		return
	}
	lx := r.lex
	ls, le := lineBounds(s, c.bs, c.be)
	if w, ok := containsAny(s[backTo(s, ls, c.bs, clauseDelims):c.bs], lx.specBefore); ok {
		c.spec = true
		c.why = append(c.why, "specification: "+w+" before it")
		return
	}
	if w, ok := containsAny(s[backTo(s, ls, c.bs, sentenceDelims):c.bs], lx.specList); ok {
		c.spec = true
		c.why = append(c.why, "specification: listed after "+w)
		return
	}
	if w, ok := containsAny(s[c.be:forwardTo(s, c.be, le, clauseDelims)], lx.specAfter); ok {
		c.spec = true
		c.why = append(c.why, "specification: "+w+" after it")
	}
}

// merge joins a brand word, product-line alias and model number of the
// same brand that stand close together on one line ("希捷酷鹰 ST4000VX013")
// into one mention with the most specific product line. It returns cs with
// the absorbed candidates dropped.
func (r *Recognizer) merge(s string, cs []cand) []cand {
	prev := -1
	for i := range cs {
		c := &cs[i]
		if c.drop != "" {
			continue
		}
		if prev >= 0 {
			p := &cs[prev]
			if p.brand != "" && p.brand == c.brand && p.kind != enduse.MentionCompany &&
				c.kind != enduse.MentionCompany && c.bs >= p.be && mergeable(s[p.be:c.bs], c, p) {
				if c.kind == enduse.MentionModel || p.line == "" {
					if c.line != "" {
						p.line = c.line
					}
				}
				if c.kind == enduse.MentionModel {
					p.kind = enduse.MentionModel
				}
				p.be = c.be
				p.spec = p.spec || c.spec
				p.matched += " + " + c.matched
				p.why = append(p.why, "merged with "+s[c.bs:c.be])
				c.drop = "merged into the preceding mention of the same brand"
				continue
			}
		}
		prev = i
	}
	return cs
}

// mergeable reports whether gap may separate two parts of one mention:
// only separators; or, before a model number or product-line alias, at
// most 16 runes without a list or clause break ("希捷 8TB 监控级 ST8000VX010").
func mergeable(gap string, c, p *cand) bool {
	if strings.Trim(gap, " -:·()") == "" {
		return true
	}
	if c.kind != enduse.MentionModel && (c.line == "" || c.line == p.line) {
		return false
	}
	if utf8.RuneCountInString(gap) > 16 {
		return false
	}
	// What may not stand between two parts of one mention: a line,
	// clause or list break.
	return !strings.ContainsAny(gap, "\n。；;，,、/|+或和及与")
}

// prevKept returns the last kept candidate before cs[i] that ends at or
// before its start, or nil.
func prevKept(cs []cand, i int) *cand {
	for j := i - 1; j >= 0; j-- {
		if cs[j].drop == "" && cs[j].be <= cs[i].bs {
			return &cs[j]
		}
	}
	return nil
}

// legalName reports whether a folded name ends in a legal form or
// organisation suffix ("…有限公司", "… inc").
func (r *Recognizer) legalName(name string) bool {
	if _, ok := hasAnySuffix(name, r.lex.orgStrong); ok {
		return true
	}
	i := strings.LastIndexAny(name, " ,")
	if i < 0 {
		return false
	}
	last := strings.Trim(name[i+1:], ".")
	for _, w := range r.lex.latinLegal {
		if last == w {
			return true
		}
	}
	return false
}

// latinLegalAfter reports the Latin legal form that follows a name
// (" LLC", ", Inc.", " Co., Ltd.").
func (r *Recognizer) latinLegalAfter(after string) (string, bool) {
	rest := strings.TrimLeft(after, " ,")
	if len(rest) == len(after) {
		return "", false // a legal form is separated by a space or comma
	}
	w := latinToken(rest)
	if w == "" {
		return "", false
	}
	for _, l := range r.lex.latinLegal {
		if w == l {
			return w, true
		}
	}
	return "", false
}

// judgeModel drops model-number matches that are other codes: a
// certificate, licence or plot number, part of a URL, or a short code
// (under five characters, "E6", "D5") with no alias of its brand on the
// same line.
func (r *Recognizer) judgeModel(s string, cs []cand, i int) {
	c := &cs[i]
	lx := r.lex
	ls, le := lineBounds(s, c.bs, c.be)
	if w, ok := containsAny(lastRunes(s[ls:c.bs], 16), lx.idLabels); ok {
		c.drop = "a code after " + w + ": a certificate, licence or reference number"
		return
	}
	if w, ok := hasAnyPrefix(strings.TrimPrefix(s[c.be:le], " "), lx.plotWords); ok {
		c.drop = "a code before " + w + ": a plot, building or lot"
		return
	}
	if c.bs > 0 && c.be-c.bs < 8 && (s[c.bs-1] == '%' || s[c.bs-1] == '=') {
		c.drop = "part of a URL"
		return
	}
	if yearCode(s[c.bs:c.be]) {
		c.drop = "letters and a year (EX2025, SL2025-001): a project or document code"
		return
	}
	if c.be-c.bs >= 5 {
		return
	}
	a, b := within(cs, ls, le)
	for j := a; j < b; j++ {
		o := &cs[j]
		if j != i && o.kind != enduse.MentionModel && o.drop == "" && (o.brand == c.brand || claimsBrand(o, c.brand)) && o.bs >= ls && o.be <= le {
			c.why = append(c.why, "short model code with its brand "+o.matched+" on the line")
			return
		}
	}
	c.drop = "short code without its brand on the line"
}

// ownCompany reports whether the alias at [bs, be) followed by a company
// suffix names the brand's own company ("美国赛默飞世尔公司", "惠普（中国）
// 有限公司", "由华为公司提供") rather than a reseller named after it
// ("新疆希捷商贸有限公司", "北京惠普科技有限公司"): the suffix follows at
// once (or after a parenthesis) and nothing of a longer name precedes it.
func (r *Recognizer) ownCompany(s string, bs, be int) bool {
	rest := s[be:]
	if strings.HasPrefix(rest, "(") {
		j := strings.IndexByte(rest, ')')
		if j < 0 || utf8.RuneCountInString(rest[:j]) > 8 {
			return false
		}
		rest = rest[j+1:]
	}
	if _, ok := hasAnyPrefix(rest, r.lex.orgOwn); !ok {
		return false
	}
	before, size := utf8.DecodeLastRuneInString(s[:bs])
	if size < 2 || before < 0x2E80 {
		return true // start of text, or a non-CJK character
	}
	_, ok := hasAnySuffix(s[:bs], r.lex.ownCompany)
	return ok
}

// personName reports whether a two-character alias at [bs, be) reads as a
// person's given name: right after a common surname that itself follows a
// separator, and followed by a separator ("、陈麒麟\n", "李英杰,").
func (r *Recognizer) personName(s string, bs, be int) bool {
	if be-bs < 6 || utf8.RuneCountInString(s[bs:be]) != 2 {
		return false
	}
	sur, size := utf8.DecodeLastRuneInString(s[:bs])
	if size < 2 || !strings.ContainsRune(r.lex.surnames, sur) {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(s[:bs-size])
	after, _ := utf8.DecodeRuneInString(s[be:])
	sep := func(c rune) bool {
		return c == utf8.RuneError || c < 0x2E80 || strings.ContainsRune("，、。；：（）", c)
	}
	if !sep(after) {
		return false
	}
	if sep(before) {
		return true
	}
	_, ok := hasAnySuffix(s[:bs-size], r.lex.personLabels)
	return ok
}

// yearCode reports whether a folded model match is letters (and a hyphen)
// followed by a first digit run that is a recent year, 2011–2039
// ("ex2025", "sl2025-001", "as2025g2"): project, batch and document codes
// are built that way, model numbers of the knowledge base are not (round
// thousands such as "nexion 2000" stay outside the range).
func yearCode(m string) bool {
	i := 0
	for i < len(m) && (isLetter(m[i]) || m[i] == '-') {
		i++
	}
	// Codes have a short letter prefix; a product name before a year
	// ("windows server 2025") is no code.
	if i == 0 || i > 6 {
		return false
	}
	j := i
	for j < len(m) && isDigit(m[j]) {
		j++
	}
	if j-i != 4 {
		return false
	}
	y := (int(m[i]-'0')*10+int(m[i+1]-'0'))*100 + int(m[i+2]-'0')*10 + int(m[i+3]-'0')
	return y >= 2011 && y <= 2039
}
