package org

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mozillazg/go-pinyin"
	"golang.org/x/text/width"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/linelist"
	"github.com/enduse/enduse/memo"
	"github.com/enduse/enduse/region"
)

//go:embed data/glossary.tsv data/words.tsv data/places-en.tsv data/places-minority.tsv data/pinyin-overrides.tsv
var dataFS embed.FS

// Data returns the analyser's embedded data files, for fingerprints of
// what is built from them (see screen.Fingerprint).
func Data() fs.FS { return dataFS }

// role is what a glossary term does in a name.
type role uint8

const (
	roleWord        role = iota // a descriptive word: 刑事侦查, 交通警察
	roleInst                    // a body: 公安局, 人民法院, 有限公司
	roleUnit                    // a sub-unit: 分局, 支队, 大队
	roleStation                 // a grassroots post: 派出所, 警务站, 中队
	roleSuffix                  // a place-level word: 市, 县, 自治州
	roleEthnic                  // a nationality in an autonomous area's name
	roleOrdinalUnit             // a unit word after 第N: 师, 团
)

// term is one glossary entry.
type term struct {
	text    string
	english string
	role    role
	sector  enduse.Sector // "" when the term says nothing of the sector
	level   enduse.Level  // "" when the term fixes no level
}

// Analyzer analyses organisation names. It is built once by NewAnalyzer and
// is safe for concurrent use.
type Analyzer struct {
	regions  *region.Table
	terms    map[string]*term
	maxTerm  int
	suffixes []*term // place-level words, longest first
	ethnics  []*term // nationalities, longest first
	placesEN map[string]string
	py       map[string][]string // pinyin overrides
	maxPy    int
	pyArgs   pinyin.Args
	// memo holds the analyses of recently read names with their hints:
	// Analyze is a pure function of them, and notices name the same
	// bodies again and again.
	memo *memo.Memo[enduse.Org]
}

// Place is an administrative place found in a name (see region.Place).
type Place = region.Place

// Parts is an organisation name split into its administrative place(s), the
// institution, and the sub-units below it, e.g. 新疆维吾尔自治区 | 公安厅 |
// 刑事侦查总队, or 喀什地区 | 公安局 | 疏附县公安局.
type Parts struct {
	Places      []Place  // the places the name starts with (offsets are runes into the normalised name)
	Institution string   // the head body after the places, e.g. "公安局", "滨海公安局", "梨园监狱"
	Units       []string // sub-units in order, e.g. ["天山区分局"], ["刑事侦查支队"]
	Parent      string   // the name up to the last unit: the body the last unit belongs to
	Normalized  string   // the name after width folding and space removal, which offsets refer to
}

// tokKind is the kind of a token of a name.
type tokKind uint8

const (
	tokOther   tokKind = iota // unknown text: rendered in pinyin
	tokPlace                  // an administrative place
	tokTerm                   // a glossary term
	tokOrdinal                // 第 + numeral (第三, 第十四)
	tokPunct                  // brackets and punctuation
	tokLatin                  // Latin letters and digits, kept as written
)

// token is a piece of a normalised name.
type token struct {
	kind       tokKind
	text       string
	start, end int // rune offsets
	place      *Place
	term       *term
	n          int // ordinal value
}

// NewAnalyzer builds an analyzer over a region table and the embedded
// glossary data.
func NewAnalyzer(t *region.Table) (*Analyzer, error) {
	if t == nil {
		return nil, fmt.Errorf("org: new analyzer: nil region table")
	}
	return newAnalyzer(t, dataFS, "data")
}

func newAnalyzer(t *region.Table, fsys fs.FS, dir string) (*Analyzer, error) {
	a := &Analyzer{regions: t, terms: map[string]*term{}, placesEN: map[string]string{}, py: map[string][]string{}, pyArgs: pinyin.NewArgs(),
		memo: memo.New(memoOrgs, cloneOrg)}
	a.pyArgs.Fallback = func(r rune, _ pinyin.Args) []string { return []string{string(r)} }
	rows, err := readTSV(fsys, dir+"/glossary.tsv", 5)
	if err != nil {
		return nil, err
	}
	roles := map[string]role{"word": roleWord, "inst": roleInst, "unit": roleUnit, "station": roleStation,
		"suffix": roleSuffix, "ethnic": roleEthnic, "ordinal-unit": roleOrdinalUnit}
	sectors := map[string]bool{}
	for _, s := range []enduse.Sector{enduse.SectorPublicSecurity, enduse.SectorProcuratorate, enduse.SectorCourt,
		enduse.SectorPrisonJustice, enduse.SectorXPCC, enduse.SectorArmedPolice, enduse.SectorStateSecurity,
		enduse.SectorOtherGovernment, enduse.SectorEducation, enduse.SectorHealth, enduse.SectorEnterprise} {
		sectors[string(s)] = true
	}
	levels := map[string]bool{}
	for _, l := range []enduse.Level{enduse.LevelMinistry, enduse.LevelProvince, enduse.LevelPrefecture,
		enduse.LevelCounty, enduse.LevelDistrict, enduse.LevelStation, enduse.LevelUnit} {
		levels[string(l)] = true
	}
	for _, r := range rows {
		tm := &term{text: r.Fields[0], english: r.Fields[1]}
		ro, ok := roles[r.Fields[2]]
		if !ok {
			return nil, fmt.Errorf("org: glossary.tsv line %d: unknown role %q", r.Line, r.Fields[2])
		}
		tm.role = ro
		if r.Fields[3] != "-" {
			if !sectors[r.Fields[3]] {
				return nil, fmt.Errorf("org: glossary.tsv line %d: unknown sector %q", r.Line, r.Fields[3])
			}
			tm.sector = enduse.Sector(r.Fields[3])
		}
		if r.Fields[4] != "-" {
			if !levels[r.Fields[4]] {
				return nil, fmt.Errorf("org: glossary.tsv line %d: unknown level %q", r.Line, r.Fields[4])
			}
			tm.level = enduse.Level(r.Fields[4])
		}
		if tm.english == "" {
			return nil, fmt.Errorf("org: glossary.tsv line %d: %s has no English", r.Line, tm.text)
		}
		switch ro {
		case roleSuffix:
			a.suffixes = append(a.suffixes, tm)
			if tm.text != "镇" && tm.text != "乡" && tm.text != "街道" {
				continue // level words are read only inside place names
			}
		case roleEthnic:
			a.ethnics = append(a.ethnics, tm)
			if !strings.HasSuffix(tm.text, "族") || utf8.RuneCountInString(tm.text) < 3 {
				continue
			}
			// 蒙古族, 回族 also stand alone in township names (裕隆回族乡).
			tm = &term{text: tm.text, english: tm.english, role: roleWord}
		}
		if _, dup := a.terms[tm.text]; dup {
			return nil, fmt.Errorf("org: glossary.tsv line %d: duplicate term %s", r.Line, tm.text)
		}
		a.terms[tm.text] = tm
		if n := utf8.RuneCountInString(tm.text); n > a.maxTerm {
			a.maxTerm = n
		}
	}
	byLen := func(s []*term) {
		for i := 1; i < len(s); i++ {
			for j := i; j > 0 && len(s[j].text) > len(s[j-1].text); j-- {
				s[j], s[j-1] = s[j-1], s[j]
			}
		}
	}
	byLen(a.suffixes)
	byLen(a.ethnics)
	// Common words are terms of their own file: one concept, one place, so
	// a word may not repeat a glossary term.
	rows, err = readTSV(fsys, dir+"/words.tsv", 2)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		if err := a.addWord(r.Fields[0], r.Fields[1]); err != nil {
			return nil, fmt.Errorf("org: words.tsv line %d: %w", r.Line, err)
		}
	}
	for _, file := range []string{"places-en.tsv", "places-minority.tsv"} {
		rows, err = readTSV(fsys, dir+"/"+file, 3)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			if _, dup := a.placesEN[r.Fields[0]]; dup {
				return nil, fmt.Errorf("org: %s line %d: %s already has an English form", file, r.Line, r.Fields[0])
			}
			if r.Fields[1] == "" {
				return nil, fmt.Errorf("org: %s line %d: %s has no English", file, r.Line, r.Fields[0])
			}
			a.placesEN[r.Fields[0]] = r.Fields[1]
		}
	}
	rows, err = readTSV(fsys, dir+"/pinyin-overrides.tsv", 3)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		syl := strings.Fields(r.Fields[1])
		if len(syl) != utf8.RuneCountInString(r.Fields[0]) {
			return nil, fmt.Errorf("org: pinyin-overrides.tsv line %d: %s has %d syllables for %d characters",
				r.Line, r.Fields[0], len(syl), utf8.RuneCountInString(r.Fields[0]))
		}
		a.py[r.Fields[0]] = syl
		if n := len(syl); n > a.maxPy {
			a.maxPy = n
		}
	}
	return a, nil
}

// addWord adds a descriptive word rendered as given; it fails on a word
// that is already a term.
func (a *Analyzer) addWord(text, english string) error {
	if english == "" {
		return fmt.Errorf("%s has no English", text)
	}
	if _, dup := a.terms[text]; dup {
		return fmt.Errorf("duplicate term %s", text)
	}
	a.terms[text] = &term{text: text, english: english, role: roleWord}
	if n := utf8.RuneCountInString(text); n > a.maxTerm {
		a.maxTerm = n
	}
	return nil
}

// Regions returns the region table the analyser reads places with.
func (a *Analyzer) Regions() *region.Table { return a.regions }

// WithNames returns a copy of the analyzer that also knows the given
// Chinese names of companies and brands (海康威视 → Hikvision) as words, so
// that a name containing one renders it in its English form instead of
// pinyin. Names that are already terms or without English are skipped
// (the glossary wins), and so are names of fewer than three runes: two
// characters (凯杰, 博通, 泰特) are as often an unrelated company's trade
// name, and a wrong identity is worse than pinyin. The receiver is not
// changed.
func (a *Analyzer) WithNames(names map[string]string) *Analyzer {
	b := *a
	b.memo = memo.New(memoOrgs, cloneOrg) // b renders names differently: it remembers its own
	b.terms = make(map[string]*term, len(a.terms)+len(names))
	for k, v := range a.terms {
		b.terms[k] = v
	}
	keys := make([]string, 0, len(names))
	for k := range names {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, zh := range keys {
		zh2 := normalize(zh)
		if utf8.RuneCountInString(zh2) < 3 || names[zh] == "" {
			continue
		}
		_ = b.addWord(zh2, names[zh]) // an existing term keeps its English
	}
	return &b
}

// readTSV reads a tab-separated line list whose rows have n fields
// (extra fields allowed).
func readTSV(fsys fs.FS, name string, n int) ([]linelist.Row, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("org: open %s: %w", name, err)
	}
	rows, err := linelist.Rows(name, string(b), n)
	if err != nil {
		return nil, fmt.Errorf("org: %w", err)
	}
	return rows, nil
}

// normalize folds full-width forms to half-width, maps ideographic
// brackets to ASCII and drops whitespace, so that offsets and matching work
// on one spelling.
func normalize(s string) string {
	s = width.Fold.String(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r), r == '\u00a0', r == '\u200b', r == '\ufeff':
			continue
		case r == '【' || r == '〔' || r == '［':
			r = '('
		case r == '】' || r == '〕' || r == '］':
			r = ')'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// tokenize splits a normalised name into places, glossary terms, ordinals,
// punctuation and unknown runs.
func (a *Analyzer) tokenize(s string) []token {
	rs := []rune(s)
	places := a.subBureauPlaces(rs, a.regions.Places(s))
	off := make([]int, 0, len(rs)+1)
	for b := range s {
		off = append(off, b)
	}
	off = append(off, len(s))
	placeAt := make(map[int]bool, len(places))
	for _, p := range places {
		placeAt[p.Start] = true
	}
	m := matcher{s: s, rs: rs, off: off, placeAt: placeAt}
	var toks []token
	pi := 0
	other := -1 // start of the current unknown run
	flush := func(end int) {
		if other >= 0 && end > other {
			toks = append(toks, token{kind: tokOther, text: string(rs[other:end]), start: other, end: end})
		}
		other = -1
	}
	for i := 0; i < len(rs); {
		for pi < len(places) && places[pi].Start < i {
			pi++
		}
		if pi < len(places) && places[pi].Start == i {
			flush(i)
			p := places[pi]
			toks = append(toks, token{kind: tokPlace, text: p.Text, start: p.Start, end: p.End, place: &places[pi]})
			i = p.End
			continue
		}
		if rs[i] == '第' {
			if n, l := parseNumeral(rs[i+1:]); l > 0 {
				flush(i)
				toks = append(toks, token{kind: tokOrdinal, text: string(rs[i : i+1+l]), start: i, end: i + 1 + l, n: n})
				i += 1 + l
				if i < len(rs) {
					// 第二师 is the Second Division, but 第二师范学院 the
					// Second Normal College: a longer term at 师 wins.
					if tm := a.terms[string(rs[i])]; tm != nil && tm.role == roleOrdinalUnit && !a.longerTermAt(&m, i) {
						toks = append(toks, token{kind: tokTerm, text: tm.text, start: i, end: i + 1, term: tm})
						i++
					}
				}
				continue
			}
		}
		m.runStart = i
		if other >= 0 {
			m.runStart = other
		}
		if tm, l := a.longestTerm(&m, i); tm != nil {
			flush(i)
			toks = append(toks, token{kind: tokTerm, text: tm.text, start: i, end: i + l, term: tm})
			i += l
			continue
		}
		r := rs[i]
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) || r == '-' || r == '.' || r == '&' {
			flush(i)
			j := i
			for j < len(rs) && rs[j] < 128 && (unicode.IsLetter(rs[j]) || unicode.IsDigit(rs[j]) || rs[j] == '-' || rs[j] == '.' || rs[j] == '&') {
				j++
			}
			toks = append(toks, token{kind: tokLatin, text: string(rs[i:j]), start: i, end: j})
			i = j
			continue
		}
		if !unicode.Is(unicode.Han, r) && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			flush(i)
			toks = append(toks, token{kind: tokPunct, text: string(r), start: i, end: i + 1})
			i++
			continue
		}
		if other < 0 {
			other = i
		}
		i++
	}
	flush(len(rs))
	return toks
}

// matcher holds a name being tokenised: its runes, the byte offset of each
// rune (so candidate terms are slices, not new strings) and where places start.
type matcher struct {
	s        string
	rs       []rune
	off      []int
	placeAt  map[int]bool
	runStart int // where the text since the last token starts
}

func (m *matcher) sub(i, l int) string { return m.s[m.off[i]:m.off[i+l]] }

// longestTerm finds the longest glossary term at rune i.
func (a *Analyzer) longestTerm(m *matcher, i int) (*term, int) {
	rs := m.rs
	max := a.maxTerm
	if len(rs)-i < max {
		max = len(rs) - i
	}
	for l := max; l >= 1; l-- {
		if tm := a.terms[m.sub(i, l)]; tm != nil {
			if tm.role == roleOrdinalUnit || l == 1 && (i == 0 || !a.endsBody(m, i) && !township(tm, rs, i, m.runStart)) {
				continue // a one-rune term (局, 处, 站) only ends a body
			}
			return tm, l
		}
	}
	return nil, 0
}

// longerTermAt reports whether a glossary term of two or more runes
// starts at rune i.
func (a *Analyzer) longerTermAt(m *matcher, i int) bool {
	for l := 2; l <= a.maxTerm && i+l <= len(m.rs); l++ {
		if a.terms[m.sub(i, l)] != nil {
			return true
		}
	}
	return false
}

// endsBody reports whether a one-rune term at i can end a body's name: it
// must be followed by the end of the name, a bracket, or a term or place
// (住房和城乡建设局 | 天山区分局).
func (a *Analyzer) endsBody(m *matcher, i int) bool {
	rs := m.rs
	if i == len(rs)-1 {
		return true
	}
	next := rs[i+1]
	if next == '(' || next == ')' || next == '第' || m.placeAt[i+1] {
		return true
	}
	for l := 2; l <= a.maxTerm && i+1+l <= len(rs); l++ {
		if tm := a.terms[m.sub(i+1, l)]; tm != nil && tm.role != roleOrdinalUnit {
			return true
		}
	}
	return false
}

// township reports whether 镇 or 乡 at i ends a town name: it follows at
// least two Chinese characters of the town's own name (龙舟坪镇, 五龙乡),
// counted from runStart, where the text since the last place or term
// starts, so 沙镇溪镇 is one town and not 沙镇 + 溪镇.
func township(tm *term, rs []rune, i, runStart int) bool {
	return (tm.text == "镇" || tm.text == "乡") && i >= 2 && i-runStart >= 2 && rs[i-1] != '城' && (i+1 >= len(rs) || rs[i+1] != '村') && unicode.Is(unicode.Han, rs[i-1]) && unicode.Is(unicode.Han, rs[i-2])
}

// numeral is the value of a Chinese digit (十 = 10).
func numeral(r rune) (int, bool) {
	i := strings.IndexRune("一二三四五六七八九十", r)
	if i < 0 {
		return 0, false
	}
	return i/len("一") + 1, true
}

// parseNumeral reads a Chinese numeral of 1–99 (一, 十四, 二十三) or ASCII
// digits at the start of rs and returns its value and rune length.
func parseNumeral(rs []rune) (int, int) {
	if len(rs) > 0 && rs[0] >= '0' && rs[0] <= '9' {
		n, l := 0, 0
		for l < len(rs) && l < 3 && rs[l] >= '0' && rs[l] <= '9' {
			n = n*10 + int(rs[l]-'0')
			l++
		}
		return n, l
	}
	n, l, tens := 0, 0, false
	for l < len(rs) && l < 3 {
		v, ok := numeral(rs[l])
		if !ok {
			break
		}
		if v == 10 {
			if tens {
				break
			}
			tens = true
			if n == 0 {
				n = 1
			}
			n *= 10
		} else {
			if n%10 != 0 || (n > 0 && !tens) {
				break
			}
			n += v
		}
		l++
	}
	return n, l
}

// Parse splits an organisation name into place(s), institution and
// sub-units. It never fails: a name with no known institution is returned
// whole as Institution.
func (a *Analyzer) Parse(name string) Parts {
	norm := normalize(name)
	toks := a.tokenize(norm)
	return a.parts(norm, toks)
}

// segment is a piece of a name ending at a body or unit term.
type segment struct {
	from, to int // token indexes [from, to)
}

func (a *Analyzer) segments(toks []token) (lead int, segs []segment) {
	for lead < len(toks) && toks[lead].kind == tokPlace {
		lead++
	}
	from := lead
	bracket := 0
	for i, t := range toks {
		if i < lead {
			continue
		}
		if t.kind == tokPunct {
			switch t.text {
			case "(":
				bracket++
			case ")":
				if bracket > 0 {
					bracket--
				}
			}
		}
		if bracket > 0 || t.kind != tokTerm {
			continue
		}
		switch t.term.role {
		case roleInst, roleUnit, roleStation:
			// A body word right before another body word belongs with it (公安局看守所 is two;
			// 人民检察院 is one term already).
			end := i + 1
			for end < len(toks) && toks[end].kind == tokPunct && toks[end].text == ")" {
				end++
			}
			segs = append(segs, segment{from, end})
			from = end
		}
	}
	if from < len(toks) {
		if len(segs) > 0 && (onlyPunct(toks[from:]) || toks[from].kind == tokPunct && toks[from].text == "(") {
			segs[len(segs)-1].to = len(toks)
		} else {
			segs = append(segs, segment{from, len(toks)})
		}
	}
	return lead, segs
}

func onlyPunct(toks []token) bool {
	for _, t := range toks {
		if t.kind != tokPunct {
			return false
		}
	}
	return true
}

func (a *Analyzer) parts(norm string, toks []token) Parts {
	p := Parts{Normalized: norm}
	lead, segs := a.segments(toks)
	for _, t := range toks[:lead] {
		p.Places = append(p.Places, *t.place)
	}
	text := func(s segment) string {
		var b strings.Builder
		for _, t := range toks[s.from:s.to] {
			b.WriteString(t.text)
		}
		return b.String()
	}
	if len(segs) == 0 {
		return p
	}
	p.Institution = text(segs[0])
	for _, s := range segs[1:] {
		p.Units = append(p.Units, text(s))
	}
	if len(p.Units) > 0 {
		last := segs[len(segs)-1]
		var b strings.Builder
		for _, t := range toks[:last.from] {
			b.WriteString(t.text)
		}
		p.Parent = b.String()
	}
	return p
}

// Analyze derives what enduse knows about an organisation from its name:
// English rendering, canonical key, sector, level, region and the parent
// body the name states. Hints (the buyer's address, the notice's region
// line, a region code) give the region when the name names no place, and
// resolve ambiguous place names.
func (a *Analyzer) Analyze(name string, hints ...string) enduse.Org {
	key := name
	for _, h := range hints {
		key += "\x00" + h
	}
	return a.memo.Do(key, func() enduse.Org { return a.analyze(name, hints) })
}

// memoOrgs bounds how many analyses an Analyzer remembers.
const memoOrgs = 1 << 15

// cloneOrg copies o and its region.
func cloneOrg(o enduse.Org) enduse.Org {
	if o.Region != nil {
		r := *o.Region
		o.Region = &r
	}
	return o
}

// analyze is Analyze, computed.
func (a *Analyzer) analyze(name string, hints []string) enduse.Org {
	o := enduse.Org{Name: name, Sector: enduse.SectorUnknown, Level: enduse.LevelUnknown}
	norm := normalize(name)
	if norm == "" {
		return o
	}
	toks := a.tokenize(norm)
	parts := a.parts(norm, toks)
	o.Key = a.canonical(norm, toks)
	o.NameEN = a.english(toks)
	o.Sector = a.sector(norm, toks)
	o.Level = a.level(o.Sector, toks)
	if o.Level == "" {
		o.Level = enduse.LevelUnknown
	}
	// A company's legal form is not a unit of a body: 某某研究院有限公司 is
	// not part of 某某研究院, but 某某集团有限公司某某分公司 is part of its group.
	if o.Sector != enduse.SectorEnterprise || strings.Contains(parts.Parent, "公司") || strings.Contains(parts.Parent, "集团") {
		o.Parent = parts.Parent
	}
	if r, ok := a.region(norm, toks, hints); ok {
		o.Region = &r
	}
	return o
}

// region resolves the most specific region of the name, also reading the
// place a city bureau's sub-bureau is named after (北京市公安局东城分局 →
// 东城区).
func (a *Analyzer) region(norm string, toks []token, hints []string) (enduse.Region, bool) {
	r, ok := a.regions.Resolve(norm, hints...)
	if !ok {
		return r, false
	}
	// 东城分局 of 北京市公安局: the sub-bureau's stem names a district or
	// county of the city (subBureauPlaces made it a place token).
	for _, t := range toks {
		if t.kind == tokPlace && t.place != nil && t.place.Code != "" && t.place.Code != r.Code && a.regions.IsWithin(t.place.Code, r.Code) {
			if rr, ok := a.regions.ByCode(t.place.Code); ok {
				r = rr
			}
		}
	}
	for i, t := range toks {
		if t.kind != tokTerm || (t.term.text != "分局" && t.term.text != "公安分局") || i == 0 || toks[i-1].kind != tokOther {
			continue
		}
		stem := toks[i-1].text
		for _, suf := range []string{"区", "县", "市", "旗"} {
			rr, ok := a.regions.Resolve(stem+suf, r.Code)
			if ok && rr.Code != r.Code && a.regions.IsWithin(rr.Code, r.Code) {
				r = rr
				break
			}
		}
	}
	return r, true
}

// xpcc reports whether the name is of the Xinjiang Production and
// Construction Corps.
func xpcc(toks []token) bool {
	for _, t := range toks {
		if strings.Contains(t.text, "兵团") {
			return true
		}
		if t.kind == tokPlace && strings.HasSuffix(t.text, "师") && strings.HasPrefix(t.place.Code, "65") {
			return true
		}
	}
	return false
}

// specialised sectors outrank the generic ones: a prison hospital is a
// prison body, a public-security college is public security.
func specialised(s enduse.Sector) bool {
	switch s {
	case enduse.SectorPublicSecurity, enduse.SectorProcuratorate, enduse.SectorCourt, enduse.SectorPrisonJustice,
		enduse.SectorStateSecurity, enduse.SectorArmedPolice:
		return true
	}
	return false
}

// sector decides the kind of body. Armed-police words win; then the first
// specialised term (public security, courts, procuratorates, prisons, state
// security); then a company's legal form; then the last generic body word
// outside brackets (the school of a subdistrict office is a school). XPCC
// bodies with no other sector are xpcc.
func (a *Analyzer) sector(norm string, toks []token) enduse.Sector {
	var first enduse.Sector
	var generic enduse.Sector
	enterprise := false
	bracket := 0
	for _, t := range toks {
		if t.kind == tokPunct {
			if t.text == "(" {
				bracket++
			} else if t.text == ")" && bracket > 0 {
				bracket--
			}
		}
		if t.kind != tokTerm {
			continue
		}
		s := t.term.sector
		if t.term.text == "强制隔离戒毒所" {
			s = a.rehabSector(norm, toks)
		}
		switch {
		case s == "":
		case s == enduse.SectorArmedPolice:
			return s
		case specialised(s):
			if first == "" {
				first = s
			}
		case s == enduse.SectorEnterprise:
			if bracket == 0 {
				enterprise = true
			}
		default:
			if bracket == 0 {
				generic = s
			}
		}
	}
	switch {
	case first != "":
		return first
	case enterprise:
		return enduse.SectorEnterprise
	case xpcc(toks) && (generic == "" || generic == enduse.SectorOtherGovernment):
		return enduse.SectorXPCC
	case generic != "":
		return generic
	}
	return enduse.SectorUnknown
}

// rehabSector decides who runs a 强制隔离戒毒所: the name says 司法 or 公安
// when it can; otherwise province-level centres belong to the justice
// department's drug-rehabilitation bureau and city or county ones to public
// security.
func (a *Analyzer) rehabSector(norm string, toks []token) enduse.Sector {
	switch {
	case strings.Contains(norm, "司法"):
		return enduse.SectorPrisonJustice
	case strings.Contains(norm, "公安"):
		return enduse.SectorPublicSecurity
	}
	for _, t := range toks {
		if t.kind == tokPlace && t.place.Code != "" && a.regions.Level(t.place.Code) != enduse.LevelProvince && !t.place.Short {
			return enduse.SectorPublicSecurity
		}
	}
	return enduse.SectorPrisonJustice
}

// level decides the administrative level (see doc.go for the rules).
func (a *Analyzer) level(sector enduse.Sector, toks []token) enduse.Level {
	if sector == enduse.SectorEnterprise {
		return enduse.LevelUnknown
	}
	lead, segs := a.segments(toks)
	if len(segs) == 0 {
		if lead > 0 {
			return a.placeLevel(toks[:lead], toks)
		}
		return enduse.LevelUnknown
	}
	return a.segLevel(toks, lead, segs, len(segs)-1)
}

// segLevel is the level of the body that segment k ends.
func (a *Analyzer) segLevel(toks []token, lead int, segs []segment, k int) enduse.Level {
	s := segs[k]
	end := lastTerm(toks[s.from:s.to])
	if k > 0 {
		// A sub-unit: its own place, a station, a sub-bureau, a body in its
		// own right at its parent's level, or a unit.
		if end != nil && end.role == roleStation {
			return enduse.LevelStation
		}
		if pl := placesIn(toks[s.from:s.to]); len(pl) > 0 {
			return a.placeLevel(pl, toks[s.from:s.to])
		}
		if pe := lastTerm(toks[segs[k-1].from:segs[k-1].to]); pe != nil && (pe.text == "行政公署" || pe.text == "人民政府" || pe.text == "政府") {
			return a.segLevel(toks, lead, segs, k-1) // a department of a government: 大兴安岭地区行政公署公安局
		}
		if end != nil {
			switch {
			case end.role == roleStation:
				return enduse.LevelStation
			case end.level == enduse.LevelDistrict:
				return enduse.LevelDistrict
			case end.role == roleInst && (strings.HasSuffix(end.text, "局") || strings.HasSuffix(end.text, "中心")):
				return enduse.LevelUnit // 交通管理局 of a 公安厅, 指挥中心 of a 公安局: internal units
			case end.role == roleInst && end.level == "":
				if isTownship(toks[s.from:s.to]) {
					return enduse.LevelStation
				}
				return a.segLevel(toks, lead, segs, k-1)
			case end.level != "" && end.level != enduse.LevelUnit:
				return end.level
			}
		}
		return enduse.LevelUnit
	}
	if end != nil {
		switch {
		case end.level != "":
			return end.level
		case prison(end.text):
			return enduse.LevelProvince // prisons are run by the provincial prison administration
		case end.text == "强制隔离戒毒所" && a.rehabSector(string(joinText(toks)), toks) == enduse.SectorPrisonJustice && firstPlaceProvince(a, toks):
			return enduse.LevelProvince // a provincial justice department's centre, like a prison
		}
	}
	if isTownship(toks[:s.to]) {
		return enduse.LevelStation
	}
	if pl := placesIn(toks[:s.to]); len(pl) > 0 {
		return a.placeLevel(pl, toks[:s.to])
	}
	for _, t := range toks[:s.to] {
		if t.kind == tokTerm && (t.text == "中国" || t.text == "中华人民共和国" || t.text == "国家") {
			return enduse.LevelMinistry
		}
	}
	if xpcc(toks[:s.to]) {
		return enduse.LevelProvince
	}
	if end != nil && end.role == roleStation {
		return enduse.LevelStation
	}
	return enduse.LevelUnknown
}

func joinText(toks []token) string {
	var b strings.Builder
	for _, t := range toks {
		b.WriteString(t.text)
	}
	return b.String()
}

// firstPlaceProvince reports whether the first place of the name is a
// province-level division.
func firstPlaceProvince(a *Analyzer, toks []token) bool {
	for _, t := range toks {
		if t.kind == tokPlace && t.place.Code != "" {
			return a.regions.Level(t.place.Code) == enduse.LevelProvince
		}
	}
	return false
}

// forestry reports whether a county-level name is a forestry district or
// special district (神农架林区, 六枝特区) rather than a city district (碑林区).
func forestry(name string) bool {
	for _, suf := range []string{"林区", "特区"} {
		if strings.HasSuffix(name, suf) && utf8.RuneCountInString(name) >= 4 {
			return true
		}
	}
	return false
}

func prison(s string) bool {
	return strings.HasSuffix(s, "监狱") || s == "未成年犯管教所" || s == "监狱管理局" || s == "戒毒管理局"
}

// isTownship reports whether the body is named after a town, township or
// subdistrict (镇, 乡, 街道) below its last administrative place.
func isTownship(toks []token) bool {
	seenPlace := false
	for _, t := range toks {
		if t.kind == tokPlace {
			seenPlace = true
		}
		if seenPlace && t.kind == tokTerm && (t.text == "镇" || t.text == "乡" || t.text == "街道" || t.text == "街道办事处" || t.term.level == enduse.LevelStation && t.term.role == roleInst) {
			return true
		}
	}
	return false
}

func lastTerm(toks []token) *term {
	for i := len(toks) - 1; i >= 0; i-- {
		if toks[i].kind == tokTerm {
			return toks[i].term
		}
	}
	return nil
}

func placesIn(toks []token) []token {
	var out []token
	for _, t := range toks {
		if t.kind == tokPlace && (t.place.Code != "" || len(t.place.Candidates) > 0) {
			out = append(out, t)
		}
	}
	return out
}

// placeLevel is the level of a body named after its deepest place: 兵团
// divisions are prefecture-level, regiments county-level; districts (区)
// are district level.
func (a *Analyzer) placeLevel(places []token, all []token) enduse.Level {
	p := places[len(places)-1].place
	if strings.HasSuffix(p.Text, "师") && strings.HasPrefix(p.Code, "65") {
		return enduse.LevelPrefecture
	}
	if p.Text == "新疆生产建设兵团" || p.Text == "兵团" || p.Text == "新疆兵团" {
		return enduse.LevelProvince
	}
	code := p.Code
	if code == "" && len(p.Candidates) > 0 {
		code = p.Candidates[0] // all candidates of an ambiguous name share its level
	}
	switch lv := a.regions.Level(code); lv {
	case enduse.LevelCounty:
		if r, ok := a.regions.ByCode(code); ok && strings.HasSuffix(r.Name, "区") && !forestry(r.Name) {
			return enduse.LevelDistrict
		}
		return enduse.LevelCounty
	default:
		return lv
	}
}

// subBureauPlaces adds the district a city bureau's sub-bureau is named
// after (南宁市公安局西乡塘分局: 西乡塘 is 西乡塘区) to the places found in
// the name. District names have no short forms in the region table, so
// without this the stem would be read word by word (西·乡·塘).
func (a *Analyzer) subBureauPlaces(rs []rune, places []region.Place) []region.Place {
	s := string(rs)
	idx := strings.Index(s, "公安局")
	if idx < 0 || len(places) == 0 {
		return places
	}
	start := utf8.RuneCountInString(s[:idx]) + 3
	rest := rs[start:]
	end := -1
	for i := 2; i <= 5 && i+1 < len(rest); i++ {
		if rest[i] == '分' && rest[i+1] == '局' {
			end = i
			break
		}
	}
	if end < 0 {
		return places
	}
	stem := string(rest[:end])
	var city region.Place
	for _, p := range places {
		if p.End <= start && p.Code != "" {
			city = p
		}
		if p.Start >= start && p.Start < start+end {
			return places // the stem already holds a known place
		}
	}
	if city.Code == "" {
		return places
	}
	for _, suf := range []string{"区", "县", "市", "旗"} {
		r, ok := a.regions.Resolve(stem+suf, city.Code)
		if !ok || r.Code == city.Code || !a.regions.IsWithin(r.Code, city.Code) {
			continue
		}
		p := region.Place{Text: stem, Start: start, End: start + end, Code: r.Code, Name: r.Name,
			Level: a.regions.Level(r.Code), Short: true}
		out := append([]region.Place(nil), places...)
		out = append(out, p)
		sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
		return out
	}
	return places
}
