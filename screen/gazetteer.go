package screen

import (
	"strings"
	"unicode/utf8"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/ordered"
	"github.com/enduse/enduse/region"
	"github.com/mozillazg/go-pinyin"
)

// gazetteer finds administrative places in Chinese names (through the
// GB/T 2260 table) and in English names (through an English index built
// from the same table: pinyin of each division's name stem, and the
// official English rendering when an English renderer is given).
type gazetteer struct {
	tab *region.Table            // nil: no places are read
	en  map[string][]string      // English key (letters of 1–3 words) → codes
	zh  map[string]enduse.Region // code → division, for explanations
}

// newGazetteer indexes every division of tab. english renders a Chinese
// place name in English (e.g. 乌鲁木齐市 → "Urumqi City"); it may be nil.
func newGazetteer(tab *region.Table, g *glossary, english func(string) string) *gazetteer {
	gz := &gazetteer{tab: tab, en: map[string][]string{}, zh: divisionsByCode(tab)}
	if tab == nil {
		return gz
	}
	// Each division's keys are read alone (pinyin and the English
	// rendering are most of the build), so they are read on every core;
	// the index is then filled in division order, as one pass would.
	divs := tab.Divisions()
	keys := make([][]string, len(divs))
	ordered.Each(0, len(divs), func(i int) { keys[i] = divisionKeys(divs[i].Name, g, english) })
	for i, r := range divs {
		for _, k := range keys[i] {
			gz.add(k, r.Code)
		}
	}
	// Variant spellings: each names the divisions whose stem is the Chinese place.
	// (In division order, so that a snapshot of the index is the same
	// from one build to the next.)
	byStem := map[string][]string{}
	for _, r := range divs {
		st := stemZH(r.Name, g)
		byStem[st] = append(byStem[st], r.Code)
	}
	for key, stems := range g.exonyms {
		for _, st := range stems {
			for _, code := range byStem[st] {
				gz.add(key, code)
			}
		}
	}
	return gz
}

// divisionsByCode indexes the divisions of tab (nil: none) by code.
func divisionsByCode(tab *region.Table) map[string]enduse.Region {
	out := map[string]enduse.Region{}
	if tab == nil {
		return out
	}
	for _, r := range tab.Divisions() {
		out[r.Code] = r
	}
	return out
}

// divisionKeys returns the English keys of the division named name: the
// pinyin of its stem, then its English rendering without level words and
// stop words, when it has one to three words left.
func divisionKeys(name string, g *glossary, english func(string) string) []string {
	var keys []string
	stem := stemZH(name, g)
	if utf8.RuneCountInString(stem) >= 2 && allHan(stem) {
		keys = append(keys, strings.Join(pinyin.LazyPinyin(stem, g.py), ""))
	}
	if english != nil {
		var keep []string
		for _, t := range enTokens(english(name)) {
			if !g.enLevel[t] && !g.stop[t] {
				keep = append(keep, t)
			}
		}
		if len(keep) > 0 && len(keep) <= 3 {
			keys = append(keys, strings.Join(keep, ""))
		}
	}
	return keys
}

func (gz *gazetteer) add(key, code string) {
	if len(key) < 3 {
		return
	}
	for _, c := range gz.en[key] {
		if c == code {
			return
		}
	}
	gz.en[key] = append(gz.en[key], code)
}

// stemZH strips the level suffix and nationality names from a division's
// name (新疆维吾尔自治区 → 新疆, 巴音郭楞蒙古自治州 → 巴音郭楞).
func stemZH(name string, g *glossary) string {
	s := name
	for _, l := range g.levelZH {
		if strings.HasSuffix(s, l) && utf8.RuneCountInString(s) > utf8.RuneCountInString(l)+1 {
			s = strings.TrimSuffix(s, l)
			break
		}
	}
	for changed := true; changed; {
		changed = false
		for _, e := range g.ethnicZH {
			if strings.HasSuffix(s, e) && utf8.RuneCountInString(s) >= utf8.RuneCountInString(e)+2 {
				s = strings.TrimSuffix(s, e)
				changed = true
				break
			}
		}
	}
	return s
}

// zhPlaces returns the places of a Chinese text keyed by their start
// offset (runes).
func (gz *gazetteer) zhPlaces(t string) map[int]placeRef {
	out := map[int]placeRef{}
	if gz.tab == nil {
		return out
	}
	for _, p := range gz.tab.Places(t) {
		codes := p.Candidates
		if p.Code != "" {
			codes = []string{p.Code}
		}
		if len(codes) == 0 {
			continue
		}
		out[p.Start] = placeRef{text: p.Text, codes: codes, end: p.End}
	}
	return out
}

// enPlace reads a place of one to three words at toks[pos]; prev are the
// places already read, whose last one must enclose the new one.
func (gz *gazetteer) enPlace(toks []string, pos int, prev []placeRef) ([]string, int) {
	for k := min(3, len(toks)-pos); k >= 1; k-- {
		codes, ok := gz.en[strings.Join(toks[pos:pos+k], "")]
		if !ok {
			continue
		}
		if len(prev) > 0 {
			var in []string
			for _, c := range codes {
				for _, o := range prev[len(prev)-1].codes {
					if gz.within(c, o) {
						in = append(in, c)
						break
					}
				}
			}
			if len(in) == 0 {
				continue
			}
			codes = in
		}
		return codes, k
	}
	return nil, 0
}

// byLevel narrows ambiguous codes by the level words written after the
// place ("Altay Municipality" → the city, not the prefecture).
func (gz *gazetteer) byLevel(codes, words []string) []string {
	if len(codes) <= 1 {
		return codes
	}
	if len(words) == 0 {
		return gz.highest(codes)
	}
	want := func(c string) bool {
		name := gz.zh[c].Name
		lvl := gz.level(c)
		for _, w := range words {
			switch w {
			case "municipal", "municipality", "city":
				return strings.HasSuffix(name, "市")
			case "prefecture", "prefectural":
				return lvl == enduse.LevelPrefecture && !strings.HasSuffix(name, "市")
			case "county":
				return strings.HasSuffix(name, "县") || strings.HasSuffix(name, "旗")
			case "province", "provincial", "region", "regional":
				return lvl == enduse.LevelProvince
			case "district":
				return strings.HasSuffix(name, "区")
			}
		}
		return true
	}
	var out []string
	for _, c := range codes {
		if want(c) {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return gz.highest(codes)
	}
	return gz.highest(out)
}

// highest keeps the candidates of the highest administrative level: an
// English name that names a place without a level word means the province
// or prefecture rather than a county of the same pinyin (Xinjiang, not
// 新绛县).
func (gz *gazetteer) highest(codes []string) []string {
	rank := func(c string) int {
		switch gz.level(c) {
		case enduse.LevelProvince:
			return 0
		case enduse.LevelPrefecture:
			return 1
		}
		return 2
	}
	best := 3
	for _, c := range codes {
		best = min(best, rank(c))
	}
	var out []string
	for _, c := range codes {
		if rank(c) == best {
			out = append(out, c)
		}
	}
	return out
}

func (gz *gazetteer) level(code string) enduse.Level {
	if gz.tab == nil {
		return enduse.LevelUnknown
	}
	return gz.tab.Level(code)
}

// within reports whether code lies strictly inside anc. "X" (XPCC)
// encloses its divisions "X01"….
func (gz *gazetteer) within(code, anc string) bool {
	if code == anc {
		return false
	}
	if strings.HasPrefix(anc, "X") || strings.HasPrefix(code, "X") {
		return strings.HasPrefix(code, anc) && strings.HasPrefix(anc, "X")
	}
	return gz.tab != nil && gz.tab.IsWithin(code, anc)
}

// depth counts the levels between code and an enclosing anc (1 = child).
func (gz *gazetteer) depth(code, anc string) int {
	if strings.HasPrefix(code, "X") {
		return 1
	}
	d := 0
	for c := code; c != anc && c != "" && d < 5; d++ {
		p, ok := gz.tab.Parent(c)
		if !ok {
			return d + 1
		}
		c = p
	}
	return d
}

// describe names a place reference for an explanation: "乌鲁木齐市 (650100)".
func (gz *gazetteer) describe(p placeRef) string {
	var parts []string
	for _, c := range p.codes {
		switch {
		case c == "X":
			parts = append(parts, "新疆生产建设兵团 (XPCC)")
		case strings.HasPrefix(c, "X"):
			parts = append(parts, "XPCC division "+strings.TrimLeft(c[1:], "0"))
		default:
			parts = append(parts, gz.zh[c].Name+" ("+c+")")
		}
	}
	return strings.Join(parts, " or ")
}
