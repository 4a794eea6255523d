package screen

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mozillazg/go-pinyin"
)

// form is an organisation name read as place(s) + institution + sub-units
// (for government bodies) and as trade name + business words (for
// companies). Chinese and English names read into the same form, so a
// Chinese buyer and an English list entry compare part by part.
type form struct {
	places   []placeRef // broad → specific
	inst     string     // institution class from the glossary ("ps", "court", …); "" when none
	instText string     // the institution as written
	psunit   bool       // the institution is a body run by a public-security bureau (看守所, 派出所)
	units    string     // what follows the institution, as written
	zh       bool       // read from a Chinese name
	company  bool
	trade    string   // distinctive trade name (Han, or Latin key)
	tradePY  string   // pinyin of a Han trade name
	concepts []string // business-word concepts, sorted
	enEnd    int      // token index where the leading places of an English name end
}

// placeRef is one place of a name with the codes it may stand for.
type placeRef struct {
	text  string
	codes []string // GB/T 2260 codes, or "X" (XPCC) and "X01"… (its divisions)
	end   int      // rune offset past the place in the parsed Chinese text
}

// spot returns the most specific place of f.
func (f form) spot() (placeRef, bool) {
	if len(f.places) == 0 {
		return placeRef{}, false
	}
	return f.places[len(f.places)-1], true
}

var divisionZH = regexp.MustCompile(`^第([一二三四五六七八九十]{1,3})师`)

// chineseNumber reads 一 … 九十九.
func chineseNumber(s string) int {
	digits := func(r rune) int { return strings.IndexRune("一二三四五六七八九", r)/3 + 1 }
	rs := []rune(s)
	switch {
	case len(rs) == 1 && rs[0] == '十':
		return 10
	case len(rs) == 1:
		return digits(rs[0])
	case len(rs) == 2 && rs[0] == '十':
		return 10 + digits(rs[1])
	case len(rs) == 2 && rs[1] == '十':
		return digits(rs[0]) * 10
	case len(rs) == 3 && rs[1] == '十':
		return digits(rs[0])*10 + digits(rs[2])
	}
	return 0
}

func xpccDivision(n int) string { return "X" + twoDigits(n) }

func twoDigits(n int) string {
	s := strconv.Itoa(n)
	if len(s) < 2 {
		s = "0" + s
	}
	return s
}

// parseZH reads a Chinese organisation name.
func (s *Screener) parseZH(name string) form {
	return s.parseHan(s.g.hanText(name))
}

// parseHan reads a Chinese name already folded, simplified and stripped
// of punctuation (glossary.hanText).
func (s *Screener) parseHan(t string) form {
	g := s.g
	rs := []rune(t)
	f := form{zh: true}
	places := s.gaz.zhPlaces(t)
	pos := 0
	for pos < len(rs) {
		rest := string(rs[pos:])
		if c := prefixOf(rest, g.corpsZH); c != "" {
			f.places = append(f.places, placeRef{text: c, codes: []string{"X"}})
			pos += utf8.RuneCountInString(c)
			if m := divisionZH.FindStringSubmatch(string(rs[pos:])); m != nil {
				if n := chineseNumber(m[1]); n > 0 {
					f.places = append(f.places, placeRef{text: m[0], codes: []string{xpccDivision(n)}})
				}
				pos += utf8.RuneCountInString(m[0])
			}
			continue
		}
		if strings.HasPrefix(rest, "中共") && pos == 0 {
			pos += 2
			continue
		}
		p, ok := places[pos]
		if !ok {
			break
		}
		f.places = append(f.places, p)
		pos = p.end
	}
	rest := string(rs[pos:])
	if tk, ok := prefixTerm(rest, g.instZH); ok {
		f.inst, f.instText = tk.key, tk.term
		rest = strings.TrimPrefix(rest, tk.term)
		if f.inst == "government" && strings.HasPrefix(rest, "公安") {
			// 人民政府公安厅 and similar: the bureau of the government.
			if tk2, ok := prefixTerm(rest, g.instZH); ok {
				f.inst, f.instText = tk2.key, tk2.term
				rest = strings.TrimPrefix(rest, tk2.term)
			}
		}
	} else if u := prefixOf(rest, g.psunitZH); u != "" && len(f.places) > 0 {
		f.inst, f.instText, f.psunit = "ps", u, true
	}
	f.units = rest
	s.companyParts(&f, t, pos)
	return f
}

// companyParts fills the company reading of a Chinese name: legal form
// stripped, leading places skipped, trailing business words collected.
func (s *Screener) companyParts(f *form, t string, placeEnd int) {
	g := s.g
	stripped := g.stripLegalZH(t)
	f.company = stripped != t
	rs := []rune(stripped)
	if placeEnd > len(rs) {
		return
	}
	core := string(rs[placeEnd:])
	var concepts []string
	for changed := true; changed; {
		changed = false
		for _, b := range g.bizZH {
			if strings.HasSuffix(core, b.term) && utf8.RuneCountInString(core) > utf8.RuneCountInString(b.term)+1 {
				core = strings.TrimSuffix(core, b.term)
				concepts = append(concepts, b.key)
				changed = true
				break
			}
		}
	}
	if len(concepts) > 0 {
		f.company = true
	}
	if !f.company || f.inst != "" {
		return
	}
	if s.genericTrade(core) {
		return
	}
	f.trade = core
	f.concepts = sortedSet(concepts)
	if utf8.RuneCountInString(core) >= 2 && allHan(core) {
		f.tradePY = strings.Join(pinyin.LazyPinyin(core, g.py), "")
	}
}

// parseEN reads an English organisation name.
func (s *Screener) parseEN(name string) form {
	g := s.g
	base := name
	for _, p := range parenParts(name) {
		base = strings.Replace(fold(base), "("+p+")", " ", 1)
	}
	toks := enTokens(base)
	var kept []string
	for _, t := range toks {
		if !g.stop[t] {
			kept = append(kept, t)
		}
	}
	toks = kept
	f := form{}
	// Legal-form tokens at the end make it a company.
	for len(toks) > 1 && g.legalEN[toks[len(toks)-1]] {
		toks = toks[:len(toks)-1]
		f.company = true
	}
	pos := s.enPlaces(toks, 0, &f)
	// "Public Security Department of Xinjiang …": institution first, place after.
	if ph, ok := phraseAt(toks, pos, g.instEN); ok {
		f.inst, f.instText = ph.key, strings.Join(toks[pos:pos+len(ph.toks)], " ")
		pos += len(ph.toks)
		if len(f.places) == 0 {
			pos = s.enPlaces(toks, pos, &f)
		}
		if f.inst == "government" {
			if ph2, ok := phraseAt(toks, pos, g.instEN); ok {
				f.inst, f.instText = ph2.key, strings.Join(toks[pos:pos+len(ph2.toks)], " ")
				pos += len(ph2.toks)
			}
		}
	}
	f.units = strings.Join(toks[min(pos, len(toks)):], " ")
	// Company reading.
	var core []string
	var concepts []string
	for i := f.enEnd; i < len(toks); {
		if ph, ok := phraseAt(toks, i, g.bizEN); ok {
			concepts = append(concepts, ph.key)
			i += len(ph.toks)
			continue
		}
		if g.legalEN[toks[i]] {
			f.company = true
			i++
			continue
		}
		core = append(core, toks[i])
		i++
	}
	if len(concepts) > 0 && f.inst == "" {
		f.company = true
	}
	if f.company && f.inst == "" && len(core) > 0 && len(core) <= 3 && !s.genericTrade(strings.Join(core, " ")) {
		f.trade = strings.Join(core, "")
		f.concepts = sortedSet(concepts)
	}
	return f
}

// enPlaces reads places (and XPCC) from toks starting at pos, with the
// level and ethnic words that follow them; it returns the new position.
func (s *Screener) enPlaces(toks []string, pos int, f *form) int {
	g := s.g
	for pos < len(toks) {
		if ph, ok := phraseAt(toks, pos, g.corpsEN); ok {
			f.places = append(f.places, placeRef{text: strings.Join(toks[pos:pos+len(ph.toks)], " "), codes: []string{"X"}})
			pos += len(ph.toks)
			if n, k := enDivision(toks, pos); n > 0 {
				f.places = append(f.places, placeRef{text: strings.Join(toks[pos:pos+k], " "), codes: []string{xpccDivision(n)}})
				pos += k
			}
			f.enEnd = pos
			continue
		}
		codes, k := s.gaz.enPlace(toks, pos, f.places)
		if k == 0 {
			break
		}
		text := strings.Join(toks[pos:pos+k], " ")
		pos += k
		var level []string
		for pos < len(toks) && g.enLevel[toks[pos]] {
			level = append(level, toks[pos])
			pos++
		}
		f.places = append(f.places, placeRef{text: text, codes: s.gaz.byLevel(codes, level)})
		f.enEnd = pos
	}
	return pos
}

// ordinal reads the English ordinal words of XPCC division numbers.
func ordinal(w string) (int, bool) {
	for i, o := range [...]string{"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
		"tenth", "eleventh", "twelfth", "thirteenth", "fourteenth"} {
		if w == o {
			return i + 1, true
		}
	}
	return 0, false
}

var ordinalNum = regexp.MustCompile(`^(\d{1,2})(st|nd|rd|th)?$`)

// enDivision reads "First Division" / "1st Division" / "Division 1".
func enDivision(toks []string, pos int) (int, int) {
	if pos+1 < len(toks) && toks[pos+1] == "division" {
		if n, ok := ordinal(toks[pos]); ok {
			return n, 2
		}
		if m := ordinalNum.FindStringSubmatch(toks[pos]); m != nil {
			n, _ := strconv.Atoi(m[1])
			return n, 2
		}
	}
	if pos+1 < len(toks) && toks[pos] == "division" {
		if n, err := strconv.Atoi(toks[pos+1]); err == nil {
			return n, 2
		}
	}
	return 0, 0
}

// phraseAt returns the longest phrase of ps that starts at toks[pos].
func phraseAt(toks []string, pos int, ps []phrase) (phrase, bool) {
	for _, p := range ps {
		if pos+len(p.toks) > len(toks) {
			continue
		}
		ok := true
		for i, t := range p.toks {
			if toks[pos+i] != t {
				ok = false
				break
			}
		}
		if ok {
			return p, true
		}
	}
	return phrase{}, false
}

// prefixOf returns the longest term of terms that s starts with.
func prefixOf(s string, terms []string) string {
	for _, t := range terms {
		if strings.HasPrefix(s, t) {
			return t
		}
	}
	return ""
}

func prefixTerm(s string, terms []termKey) (termKey, bool) {
	for _, t := range terms {
		if strings.HasPrefix(s, t.term) {
			return t, true
		}
	}
	return termKey{}, false
}

func sortedSet(ss []string) []string {
	if len(ss) == 0 {
		return nil
	}
	m := map[string]bool{}
	var out []string
	for _, s := range ss {
		if !m[s] {
			m[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

func allHan(s string) bool {
	for _, r := range s {
		if !hasHan(string(r)) {
			return false
		}
	}
	return s != ""
}

// genericTrade reports a would-be trade name that is only generic words or
// a business word (中国, 航空, "China Mobile" keeps "mobile" and is fine).
func (s *Screener) genericTrade(core string) bool {
	g := s.g
	if g.generic[core] {
		return true
	}
	for _, b := range g.bizZH {
		if core == b.term {
			return true
		}
	}
	rest := core
	for _, w := range []string{"中国", "中华", "国家", "全国"} {
		rest = strings.TrimPrefix(rest, w)
	}
	if rest == "" || utf8.RuneCountInString(rest) < 2 && hasHan(rest) {
		return true
	}
	toks := strings.Fields(core)
	all := len(toks) > 0
	for _, t := range toks {
		if !g.generic[t] {
			all = false
		}
	}
	return all
}
