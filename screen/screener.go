package screen

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/memo"
	"github.com/enduse/enduse/ordered"
	"github.com/enduse/enduse/region"
)

// Screener matches organisation names against loaded lists. It is built
// once (indexes over every entry name, alias and Chinese name) and is safe
// for concurrent use.
type Screener struct {
	l       *Lists
	g       *glossary
	gaz     *gazetteer
	aliases func(string) []string // known aliases of a name (knowledge base); may be nil
	canon   func(string) string   // canonical key of a Chinese name; may be nil
	err     error                 // why the screener runs without place data, if it does

	exact      map[string][]nameRef // normalised name → entries
	forms      map[string][]formRef // institution class → government forms
	tradeHan   map[string][]formRef // Chinese trade name → company forms
	tradeLatin map[string][]formRef // Latin trade key → company forms
	ident      []entryIdentity      // ident[i] names the listed entity of entry i

	// memo holds the hits of recently screened names (default options
	// only): Screen is a pure function of the name and the lists.
	memo *memo.Memo[[]enduse.Hit]
}

// nameKind says which name of an entry a key came from.
type nameKind int

const (
	kindPrimary nameKind = iota
	kindZH               // the entry's Chinese name
	kindAlias            // an alias in the list
	kindKB               // an alias the knowledge base knows for the entry
)

// String names the kind of name in explanations.
func (k nameKind) String() string {
	return [...]string{"name", "Chinese name", "alias", "knowledge-base alias"}[k]
}

type nameRef struct {
	entry int
	kind  nameKind
	text  string
}

type formRef struct {
	nameRef
	f form
}

// Options narrow a Screen call.
type Options struct {
	Lists    []string // only entries of these lists (list or file-set names, case-insensitive); empty = all
	MinScore float64  // drop hits scoring below this
}

// newScreener builds the indexes. tab may be nil (no place comparison);
// english renders Chinese place names in English and may be nil.
func newScreener(l *Lists, tab *region.Table, english, canon func(string) string, aliases func(string) []string) (*Screener, error) {
	s, read, err := buildScreener(l, tab, english, canon, aliases)
	if err != nil {
		return nil, err
	}
	s.fill(read)
	return s, nil
}

// bareScreener returns a Screener over l with empty lookup maps: what
// building from the lists and loading a snapshot have in common.
func bareScreener(l *Lists, g *glossary, canon func(string) string, aliases func(string) []string) *Screener {
	if l == nil {
		l = &Lists{}
	}
	return &Screener{l: l, g: g, aliases: aliases, canon: canon, memo: memo.New(memoNames, cloneHits),
		exact: map[string][]nameRef{}, forms: map[string][]formRef{},
		tradeHan: map[string][]formRef{}, tradeLatin: map[string][]formRef{}}
}

// buildScreener reads what the indexes are filled from: the place keys,
// each entry's identity, and each entry's names, keys and forms. This is
// the expensive part of a build, and what a snapshot stores.
func buildScreener(l *Lists, tab *region.Table, english, canon func(string) string, aliases func(string) []string) (*Screener, []entryNames, error) {
	g, err := newGlossary()
	if err != nil {
		return nil, nil, err
	}
	s := bareScreener(l, g, canon, aliases)
	s.gaz = newGazetteer(tab, g, english)
	fams, err := loadListFamilies()
	if err != nil {
		return nil, nil, err
	}
	s.ident = make([]entryIdentity, len(s.l.entries))
	for i, e := range s.l.entries {
		s.ident[i] = identityOf(fams, e)
	}
	// Reading the entries' names is most of the build and each entry is
	// read alone, so the entries are read on every core; the indexes are
	// then filled in entry order, as one pass would.
	read := make([]entryNames, len(s.l.entries))
	ordered.Each(0, len(s.l.entries), func(i int) { read[i] = s.readNames(i, s.l.entries[i], aliases) })
	return s, read, nil
}

// fill fills the lookup maps from the entries' names, in entry order.
func (s *Screener) fill(read []entryNames) {
	for _, en := range read {
		for j, n := range en.names {
			for _, k := range en.keys[j] {
				s.exact[k] = appendRef(s.exact[k], n)
			}
			if en.forms == nil {
				continue
			}
			f := en.forms[j]
			fr := formRef{n, f}
			switch {
			case f.inst != "" && len(f.places) > 0:
				s.forms[f.inst] = append(s.forms[f.inst], fr)
			case f.inst == "" && isCorps(f) && f.units == "":
				s.forms["corps"] = append(s.forms["corps"], fr)
			}
			if f.trade != "" && (f.zh && utf8.RuneCountInString(f.trade) >= 2 || !f.zh && len(f.trade) >= 4) {
				if f.zh {
					s.tradeHan[f.trade] = append(s.tradeHan[f.trade], fr)
				} else if !s.isPlaceKey(f.trade) {
					s.tradeLatin[f.trade] = append(s.tradeLatin[f.trade], fr)
				}
			}
		}
	}
}

// entryNames is one list entry's names read for the indexes: each name,
// its exact keys and, for an organisation, its parsed form.
type entryNames struct {
	names []nameRef
	keys  [][]string
	forms []form // nil for a person or a non-organisation
}

// readNames reads the names of entry i (e) for the indexes; it only reads
// s, so entries are read in parallel.
func (s *Screener) readNames(i int, e enduse.ListEntry, aliases func(string) []string) entryNames {
	person := isPerson(e)
	names := []nameRef{{i, kindPrimary, e.Name}}
	if e.NameZH != "" {
		names = append(names, nameRef{i, kindZH, e.NameZH})
	}
	for _, a := range e.Aliases {
		names = append(names, nameRef{i, kindAlias, a})
	}
	if aliases != nil && !person {
		seen := map[string]bool{}
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			for _, a := range aliases(n) {
				if !seen[a] {
					seen[a] = true
					names = append(names, nameRef{i, kindKB, a})
				}
			}
		}
	}
	en := entryNames{names: names, keys: make([][]string, len(names))}
	org := !person && organisationType(e)
	if org {
		en.forms = make([]form, len(names))
	}
	for j, n := range names {
		en.keys[j] = s.keys(n.text)
		if org {
			en.forms[j] = s.parse(n.text)
		}
	}
	return en
}

func appendRef(refs []nameRef, n nameRef) []nameRef {
	for _, r := range refs {
		if r.entry == n.entry {
			return refs
		}
	}
	return append(refs, n)
}

// isPerson reports entries for individuals, which are matched only by
// their exact full name.
func isPerson(e enduse.ListEntry) bool {
	switch strings.ToLower(e.Type) {
	case "individual", "person":
		return true
	}
	return false
}

// organisationType reports entries that may be matched by structure and
// trade name: typed as an organisation, or untyped with a name that says it
// is one (a legal form or an institution word).
func organisationType(e enduse.ListEntry) bool {
	if e.Type != "" {
		return true
	}
	n := " " + strings.ToLower(e.Name) + " "
	for _, w := range []string{" co ", " co.", " ltd", " limited", " inc", " corp", " company", " group", " gmbh", " llc",
		" s.a.", " technology", " trading", " industr", " bureau", " institute", " university", " academy", "公司", "局", "院"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

func isCorps(f form) bool {
	return len(f.places) > 0 && f.places[0].codes[0] == "X" && len(f.places) == 1
}

func (s *Screener) isPlaceKey(k string) bool {
	_, ok := s.gaz.en[k]
	return ok
}

// parse reads a name in either script.
func (s *Screener) parse(name string) form {
	if hasHan(name) {
		return s.parseZH(name)
	}
	return s.parseEN(name)
}

// keys returns the normalised exact-match keys of a name: Chinese names
// folded, simplified and without legal form (and their canonical form);
// Latin names as lower-case letters and digits without legal form.
func (s *Screener) keys(name string) []string {
	if hasHan(name) {
		return s.hanKeys(name, s.g.hanText(name))
	}
	return s.latinKeys(name)
}

// hanKeys returns the keys of a Chinese name whose hanText is t.
func (s *Screener) hanKeys(name, t string) []string {
	var out []string
	{
		k := s.g.stripLegalZH(t)
		if utf8.RuneCountInString(k) >= 2 {
			out = append(out, "z:"+k)
		}
		if s.canon != nil {
			if c := s.g.stripLegalZH(s.g.hanText(s.canon(name))); c != k && utf8.RuneCountInString(c) >= 2 {
				out = append(out, "z:"+c)
			}
		}
	}
	return out
}

func (s *Screener) latinKeys(name string) []string {
	if k := s.latinKey(name); len(k) >= 2 {
		return []string{"l:" + k}
	}
	return nil
}

func (s *Screener) latinKey(name string) string {
	base := fold(name)
	for _, p := range parenParts(name) {
		if b := strings.Replace(base, "("+p+")", " ", 1); strings.TrimSpace(b) != "" {
			base = b
		}
	}
	return strings.Join(s.g.stripLegalEN(enTokens(base)), "")
}

// Screen matches one organisation name against the lists and returns its
// hits, best first: at most one per entry. Individuals on the lists are
// matched only by their exact full name.
func (s *Screener) Screen(name string, opt Options) []enduse.Hit {
	name = strings.TrimSpace(name)
	if name == "" || s == nil || s.g == nil {
		return nil
	}
	if rs := []rune(name); len(rs) > maxName {
		name = string(rs[:maxName]) // no organisation name is longer; bounds the work on bad input
	}
	plain := len(opt.Lists) == 0 && opt.MinScore == 0
	if plain {
		if hits, ok := s.memo.Get(name); ok {
			return hits
		}
	}
	hits := s.screen(name, opt)
	if plain {
		s.memo.Put(name, hits)
	}
	return hits
}

// screen screens one trimmed, bounded name (see Screen).
func (s *Screener) screen(name string, opt Options) []enduse.Hit {
	c := &collector{s: s, opt: opt, best: map[int]enduse.Hit{}, name: name}
	var q form
	if hasHan(name) {
		t := s.g.hanText(name)
		s.screenKeys(c, s.hanKeys(name, t), "")
		s.screenPrefixHan(c, t)
		q = s.parseHan(t)
	} else {
		s.screenKeys(c, s.latinKeys(name), "")
		s.screenPrefixLatin(c, name)
		q = s.parseEN(name)
	}
	s.screenForms(c, q)
	s.screenTrade(c, q, "")
	if s.aliases != nil {
		for _, a := range s.aliases(name) {
			if strings.TrimSpace(a) == "" || a == name {
				continue
			}
			via := "knowledge-base alias " + a + " of " + name + "; "
			s.screenExact(c, a, via)
			s.screenTrade(c, s.parse(a), via)
		}
	}
	return c.hits()
}

// memoNames bounds how many screened names a Screener remembers: a few
// tens of thousands cover an archive's recurring organisations in a few
// megabytes.
const memoNames = 1 << 15

// cloneHits copies hits and their listings, so no caller shares them.
func cloneHits(hits []enduse.Hit) []enduse.Hit {
	out := slices.Clone(hits)
	for i := range out {
		out[i].Listings = slices.Clone(out[i].Listings)
	}
	return out
}

// maxName is the longest name (in runes) that Screen reads.
const maxName = 200

// collector keeps the best hit per entry.
type collector struct {
	s    *Screener
	opt  Options
	name string
	best map[int]enduse.Hit
}

func (c *collector) add(entry int, rel enduse.HitRelation, score float64, why string) {
	l := c.s.l
	e := l.entries[entry]
	if len(c.opt.Lists) > 0 {
		info := l.infoOf(entry)
		ok := false
		for _, n := range c.opt.Lists {
			if strings.EqualFold(n, e.List) || strings.EqualFold(n, info.Name) {
				ok = true
			}
		}
		if !ok {
			return
		}
	}
	if entry < len(l.ended) && l.ended[entry] != "" {
		score *= 0.8
		why += "; the entry left its list on " + l.ended[entry]
	}
	if score < c.opt.MinScore {
		return
	}
	if old, ok := c.best[entry]; ok && old.Score >= score {
		return
	}
	c.best[entry] = enduse.Hit{Name: c.name, List: e.List, EntryID: e.ID, Entry: e.Name, Relation: rel,
		Score: round2(score), Why: why}
}

func round2(f float64) float64 { return float64(int(f*100+0.5)) / 100 }

func (c *collector) hits() []enduse.Hit {
	entries := make([]int, 0, len(c.best))
	for e := range c.best {
		entries = append(entries, e)
	}
	sort.Slice(entries, func(i, j int) bool {
		a, b := c.best[entries[i]], c.best[entries[j]]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		if a.List != b.List {
			return a.List < b.List
		}
		if a.EntryID != b.EntryID {
			return a.EntryID < b.EntryID
		}
		return entries[i] < entries[j]
	})
	if len(entries) == 0 {
		return nil
	}
	out := make([]enduse.Hit, len(entries))
	for i, e := range entries {
		out[i] = c.best[e]
	}
	// One answer per listed entity, however many lists name it.
	return c.s.mergeSameEntity(out, entries)
}

// cite describes an entry for an explanation: "entry EL2019-17 Urumqi
// Municipal Public Security Bureau (BIS Entity List, 84 FR 54002)".
func (s *Screener) cite(i int) string {
	e := s.l.entries[i]
	b := "entry " + e.ID + " " + e.Name + " (" + e.List
	if e.Citation != "" {
		b += ", " + e.Citation
	}
	if e.Date != "" {
		b += ", listed " + e.Date
	}
	return b + ")"
}

func (s *Screener) screenExact(c *collector, name, via string) {
	s.screenKeys(c, s.keys(name), via)
}

func (s *Screener) screenKeys(c *collector, keys []string, via string) {
	for _, k := range keys {
		for _, r := range s.exact[k] {
			rel, score := enduse.RelationListed, 1.0
			switch r.kind {
			case kindZH:
				score = 0.97
			case kindAlias:
				rel, score = enduse.RelationAlias, 0.95
			case kindKB:
				rel, score = enduse.RelationAlias, 0.9
			}
			if via != "" {
				rel, score = enduse.RelationAlias, score*0.92
			}
			c.add(r.entry, rel, score, fmt.Sprintf("%sname equals the %s %q of %s", via, r.kind, r.text, s.cite(r.entry)))
		}
	}
}

// screenPrefix finds entries whose whole name begins the screened name,
// the rest naming a sub-unit (哈尔滨工业大学深圳研究院 under 哈尔滨工业大学).
func (s *Screener) screenPrefixHan(c *collector, t string) {
	{
		k := s.g.stripLegalZH(t)
		rs := []rune(k)
		for n := len(rs) - 2; n >= 4; n-- {
			refs := s.exact["z:"+string(rs[:n])]
			if len(refs) == 0 {
				continue
			}
			rest := string(rs[n:])
			if s.onlyForm(rest) {
				continue
			}
			for _, r := range refs {
				if isPerson(s.l.entries[r.entry]) || s.placeOnly(r.text) {
					continue
				}
				c.add(r.entry, enduse.RelationSubordinate, 0.82, fmt.Sprintf("name begins with %q, the %s of %s; %q is %s of it",
					string(rs[:n]), r.kind, s.cite(r.entry), rest, s.unitKind(rest)))
			}
			return
		}
	}
}

// screenPrefixLatin is screenPrefixHan for names in Latin script.
func (s *Screener) screenPrefixLatin(c *collector, name string) {
	toks := s.g.stripLegalEN(enTokens(name))
	for n := len(toks) - 1; n >= 2; n-- {
		refs := s.exact["l:"+strings.Join(toks[:n], "")]
		if len(refs) == 0 {
			continue
		}
		rest := strings.Join(toks[n:], " ")
		for _, r := range refs {
			if isPerson(s.l.entries[r.entry]) || s.placeOnly(r.text) {
				continue
			}
			c.add(r.entry, enduse.RelationSubordinate, 0.8, fmt.Sprintf("name begins with the %s %q of %s; %q is a sub-unit of it",
				r.kind, r.text, s.cite(r.entry), rest))
		}
		return
	}
}

// onlyForm reports a remainder that adds only legal-form or business words
// (the same company written longer), not a sub-unit.
func (s *Screener) onlyForm(rest string) bool {
	for _, b := range s.g.bizZH {
		rest = strings.ReplaceAll(rest, b.term, "")
	}
	return utf8.RuneCountInString(s.g.stripLegalZH(rest+"公司x")) <= 3
}

// placeOnly reports a name that is nothing but places (an alias "新疆").
func (s *Screener) placeOnly(name string) bool {
	f := s.parse(name)
	return len(f.places) > 0 && f.inst == "" && strings.TrimSpace(f.units) == "" && f.trade == ""
}

// unitKind names the kind of a sub-unit from its suffix.
func (s *Screener) unitKind(u string) string {
	for _, t := range s.g.unitZH {
		if strings.HasSuffix(u, t.term) {
			if strings.ContainsRune("aeio", rune(t.key[0])) {
				return "an " + t.key
			}
			return "a " + t.key
		}
	}
	return "a sub-unit"
}

// titleCase capitalises each word of lower-cased English text for
// explanations ("urumqi" → "Urumqi").
func titleCase(s string) string {
	if hasHan(s) {
		return s
	}
	words := strings.Fields(s)
	for i, w := range words {
		r, n := utf8.DecodeRuneInString(w)
		words[i] = string(unicode.ToUpper(r)) + w[n:]
	}
	return strings.Join(words, " ")
}

// territorial says which institution classes lead the same body one level
// down (a prefecture bureau leads the county bureaus within it); courts do
// not.
func territorial(inst string) bool {
	switch inst {
	case "ps", "procuratorate", "state_security", "justice", "prison_admin", "government", "party":
		return true
	}
	return false
}

func (s *Screener) screenForms(c *collector, q form) {
	qs, ok := q.spot()
	if !ok {
		return
	}
	if q.inst != "" {
		for _, r := range s.forms[q.inst] {
			s.compareGov(c, q, qs, r)
		}
	}
	hasCorps := false
	for _, p := range q.places {
		if strings.HasPrefix(p.codes[0], "X") {
			hasCorps = true
		}
	}
	if hasCorps {
		for _, r := range s.forms["corps"] {
			if q.inst == "" && len(q.places) == 1 && strings.TrimSpace(q.units) == "" {
				c.add(r.entry, enduse.RelationListed, 0.92, fmt.Sprintf("%s = %s (XPCC); %s", qs.text, r.text, s.cite(r.entry)))
				continue
			}
			c.add(r.entry, enduse.RelationSubordinate, 0.8, fmt.Sprintf("%s is a body of %s (XPCC); %s", joinPlaces(q), r.text, s.cite(r.entry)))
		}
	}
}

func joinPlaces(f form) string {
	var b []string
	for _, p := range f.places {
		b = append(b, p.text)
	}
	return strings.Join(b, "")
}

// compareGov compares a screened government name with an entry's form:
// same place and institution → listed; sub-units after it → subordinate;
// a place inside the entry's place with the same institution class →
// subordinate (territorial leadership).
func (s *Screener) compareGov(c *collector, q form, qs placeRef, r formRef) {
	e := r.f
	es, ok := e.spot()
	if !ok {
		return
	}
	placeWhy := fmt.Sprintf("place %s = %s", s.gaz.describe(es), titleCase(es.text))
	instWhy := fmt.Sprintf("institution %s = %s", q.instText, titleCase(e.instText))
	if !q.zh {
		placeWhy = fmt.Sprintf("place %s = %s", titleCase(qs.text), s.gaz.describe(es))
		instWhy = fmt.Sprintf("institution %s = %s", titleCase(q.instText), e.instText)
	}
	if q.zh == e.zh {
		placeWhy = "place " + s.gaz.describe(es)
		instWhy = "institution " + e.instText
	}
	// An ambiguous place (自治区 alone, a district name several cities
	// share) makes the match only as likely as its share of the candidates.
	factor := 1 / float64(len(qs.codes)*len(es.codes))
	if factor < 1 {
		placeWhy += fmt.Sprintf(" (ambiguous: %d candidate places)", len(qs.codes)*len(es.codes))
	}
	if intersects(qs.codes, es.codes) {
		qUnits := strings.TrimSpace(q.units)
		eUnits := strings.TrimSpace(e.units)
		switch {
		case eUnits == "" && qUnits == "" && !q.psunit:
			c.add(r.entry, enduse.RelationListed, 0.92*factor, fmt.Sprintf("%s; %s; %s", placeWhy, instWhy, s.cite(r.entry)))
		case eUnits == "":
			c.add(r.entry, enduse.RelationSubordinate, 0.85*factor, fmt.Sprintf("%s %q of listed %s: %s; %s; %s",
				strings.TrimPrefix(strings.TrimPrefix(s.unitKind(qUnits), "a "), "an "), qUnits, r.text, placeWhy, instWhy, s.cite(r.entry)))
		case q.zh == e.zh && s.g.hanText(qUnits) == s.g.hanText(eUnits):
			c.add(r.entry, enduse.RelationListed, 0.9*factor, fmt.Sprintf("%s; %s; unit %s; %s", placeWhy, instWhy, eUnits, s.cite(r.entry)))
		}
		return
	}
	if strings.TrimSpace(e.units) != "" || !territorial(q.inst) {
		return
	}
	// Any place of the name's chain may lie within the entry's place
	// (新疆生产建设兵团第一师阿拉尔市公安局: 第一师 within the XPCC).
	var chain []string
	for i := len(q.places) - 1; i >= 0; i-- {
		chain = append(chain, q.places[i].codes...)
	}
	for _, qc := range chain {
		for _, ec := range es.codes {
			if !s.gaz.within(qc, ec) {
				continue
			}
			d := s.gaz.depth(qc, ec)
			score := (0.8 - 0.05*float64(d-1)) * factor
			c.add(r.entry, enduse.RelationSubordinate, score, fmt.Sprintf(
				"%s: %s lies within %s; a %s there is led by listed %s; %s",
				c.name, s.gaz.describe(placeRef{codes: []string{qc}}), s.gaz.describe(placeRef{codes: []string{ec}}),
				q.instText, r.text, s.cite(r.entry)))
			return
		}
	}
}

func intersects(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// screenTrade matches companies by trade name: the same Chinese trade
// name, or a Chinese trade name whose pinyin is an entry's Latin trade name
// (华为 = Huawei). Places must agree when both names state one, and the
// business words must overlap when both have some.
func (s *Screener) screenTrade(c *collector, q form, via string) {
	if q.trade == "" {
		return
	}
	check := func(r formRef) bool {
		e := r.f
		qs, qok := q.spot()
		es, eok := e.spot()
		if qok && eok && !intersects(qs.codes, es.codes) && !s.anyWithin(qs.codes, es.codes) && !s.anyWithin(es.codes, qs.codes) {
			return false
		}
		if len(q.concepts) > 0 && len(e.concepts) > 0 && !intersects(q.concepts, e.concepts) {
			return false
		}
		return true
	}
	if q.zh {
		if utf8.RuneCountInString(q.trade) >= 2 {
			for _, r := range s.tradeHan[q.trade] {
				if !check(r) {
					continue
				}
				if equalSets(q.concepts, r.f.concepts) {
					c.add(r.entry, enduse.RelationListed, 0.85*viaFactor(via), fmt.Sprintf("%ssame trade name %s and business words as the %s %q of %s",
						via, q.trade, r.kind, r.text, s.cite(r.entry)))
				} else {
					c.add(r.entry, enduse.RelationSubordinate, 0.6*viaFactor(via), fmt.Sprintf("%sshares the trade name %s with the %s %q of %s; a different legal entity, possibly an affiliate",
						via, q.trade, r.kind, r.text, s.cite(r.entry)))
				}
			}
		}
		if len(q.tradePY) >= 4 {
			for _, r := range s.tradeLatin[q.tradePY] {
				if !check(r) {
					continue
				}
				score, note := 0.8, ""
				if !equalSets(q.concepts, r.f.concepts) {
					score, note = 0.7, "; business words differ, may be a related company"
				}
				c.add(r.entry, enduse.RelationAlias, score*viaFactor(via), fmt.Sprintf("%strade name %s reads %s = %q of %s%s",
					via, q.trade, q.tradePY, r.text, s.cite(r.entry), note))
			}
		}
		return
	}
	if len(q.trade) < 4 {
		return
	}
	for _, r := range s.tradeLatin[q.trade] {
		if !check(r) {
			continue
		}
		if equalSets(q.concepts, r.f.concepts) {
			c.add(r.entry, enduse.RelationListed, 0.85*viaFactor(via), fmt.Sprintf("%ssame trade name %q and business words as %q of %s", via, q.trade, r.text, s.cite(r.entry)))
		} else {
			c.add(r.entry, enduse.RelationSubordinate, 0.6*viaFactor(via), fmt.Sprintf("%sshares the trade name %q with %q of %s; possibly an affiliate", via, q.trade, r.text, s.cite(r.entry)))
		}
	}
}

func viaFactor(via string) float64 {
	if via != "" {
		return 0.92
	}
	return 1
}

func (s *Screener) anyWithin(in, out []string) bool {
	for _, a := range in {
		for _, b := range out {
			if s.gaz.within(a, b) {
				return true
			}
		}
	}
	return false
}

func equalSets(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
