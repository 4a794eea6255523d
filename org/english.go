package org

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mozillazg/go-pinyin"

	"github.com/enduse/enduse"
)

// English renders a Chinese organisation name in analysts' convention:
// glossary English for institutions and units (公安局 Public Security
// Bureau, 支队 Zhidui), official English for places where it differs from
// pinyin (乌鲁木齐 Urumqi, 喀什 Kashgar) and pinyin otherwise, with level
// words (市 City, 县 County, 地区 Prefecture). Words it does not know are
// rendered in pinyin, never dropped:
//
//	乌鲁木齐市公安局刑事侦查支队 → Urumqi City Public Security Bureau Criminal Investigation Zhidui
func (a *Analyzer) English(name string) string {
	return a.english(a.tokenize(normalize(name)))
}

func (a *Analyzer) english(toks []token) string {
	company := false
	for _, t := range toks {
		if t.kind == tokTerm && t.term.role == roleInst && t.term.sector == enduse.SectorEnterprise {
			company = true
		}
	}
	var words []string
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		var w string
		// A word before 路 or 街 names a street (航空路派出所, 建设路):
		// the street's name is read, not translated.
		if t.kind == tokTerm && t.term.role == roleWord && i+1 < len(toks) && toks[i+1].kind == tokOther && street(toks[i+1].text) {
			words = append(words, a.pinyinWord(t.text+toks[i+1].text))
			i++
			continue
		}
		switch t.kind {
		case tokPlace:
			w = a.placeEnglish(t)
			if company {
				// Companies are named after the city, not the city
				// government: 宁波市…有限公司 is "Ningbo …", as their own
				// English names write it.
				// 浙江省电力有限公司 likewise is "Zhejiang Electric Power".
				for _, level := range []string{" City", " Municipal", " Province"} {
					w = strings.TrimSuffix(w, level)
				}
			}
		case tokTerm:
			w = t.term.english
			if t.term.role == roleOrdinalUnit && i > 0 && toks[i-1].kind == tokOrdinal {
				w = t.term.english
			}
		case tokOrdinal:
			w = ordinal(t.n)
		case tokLatin:
			w = t.text
		case tokPunct:
			w = punctEnglish(t.text)
		default:
			w = a.otherEnglish(t.text, company)
		}
		if w != "" {
			words = append(words, w)
		}
	}
	return joinWords(words)
}

// joinWords joins rendered words with spaces, without spaces inside brackets.
func joinWords(words []string) string {
	var b strings.Builder
	for i, w := range words {
		if i > 0 && w != ")" && w != "," && !strings.HasSuffix(words[i-1], "(") && words[i-1] != "-" && w != "-" {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return b.String()
}

func punctEnglish(p string) string {
	switch p {
	case "(", ")", "-", ",":
		return p
	case "、", "，", ";", "；":
		return ","
	case "·", "•":
		return ""
	}
	return p
}

// placeEnglish renders a place: official English where the data has it,
// otherwise pinyin of the stem with the nationality and level words
// (长阳土家族自治县 → Changyang Tujia Autonomous County).
func (a *Analyzer) placeEnglish(t token) string {
	text := t.text
	if en, ok := a.placesEN[text]; ok {
		return en
	}
	// A level word standing for the place (自治区公安厅: the autonomous
	// region the notice is in) is rendered as the level.
	for _, s := range a.suffixes {
		if s.text == text {
			return s.english
		}
	}
	// A new area is named after its city: 兰州新区 is Lanzhou New Area,
	// not a district called 兰州新.
	if stem := strings.TrimSuffix(text, "新区"); stem != text && utf8.RuneCountInString(stem) >= 2 {
		name, ok := a.placesEN[stem]
		if !ok {
			name = a.pinyinWord(stem)
		}
		return name + " New Area"
	}
	if strings.HasPrefix(text, "第") || strings.HasPrefix(text, "农") {
		rs := []rune(text)
		if n, l := parseNumeral(rs[1:]); l > 0 && 1+l < len(rs) {
			prefix := ""
			if rs[0] == '农' {
				prefix = "Agricultural "
			}
			unit := string(rs[1+l:])
			if tm := a.terms[unit]; tm != nil {
				unit = tm.english
			} else {
				unit = a.pinyinWords(unit)
			}
			return ordinal(n) + " " + prefix + unit
		}
	}
	// Zones listed as divisions (呼和浩特经济技术开发区, 达孜工业园区) end in
	// a zone word of two or more runes, not in a level word.
	if rs := []rune(text); len(rs) > 3 {
		for i := 1; i < len(rs)-1; i++ {
			if tm := a.terms[string(rs[i:])]; tm != nil && tm.role != roleSuffix {
				prefix := string(rs[:i])
				name, ok := a.placesEN[prefix]
				if !ok {
					// The prefix is shorter than the place, so this ends.
					name = a.english(a.tokenize(prefix))
				}
				return name + " " + tm.english
			}
		}
	}
	stem, level := text, ""
	official := ""
	if t.place != nil {
		official = t.place.Name
	}
	for _, s := range a.suffixes {
		n, ns := utf8.RuneCountInString(stem), utf8.RuneCountInString(s.text)
		if !strings.HasSuffix(stem, s.text) || n <= ns || ns >= 2 && n-ns < 2 {
			continue // 碑林区 is 碑林 + 区, not 碑 + 林区
		}
		// A level word only when the division really has it: 钦州 is
		// 钦州市, not a 州; 昌吉州 is short for 昌吉回族自治州.
		if official != "" && !strings.HasSuffix(official, s.text) && !(s.text == "州" && strings.HasSuffix(official, "自治州")) {
			continue
		}
		stem, level = strings.TrimSuffix(stem, s.text), s.english
		break
	}
	var ethnic []string
	for changed := true; changed; {
		changed = false
		for _, e := range a.ethnics {
			if strings.HasSuffix(stem, e.text) && utf8.RuneCountInString(stem)-utf8.RuneCountInString(e.text) >= 2 {
				stem = strings.TrimSuffix(stem, e.text)
				ethnic = append([]string{e.english}, ethnic...)
				changed = true
				break
			}
		}
	}
	name, ok := a.placesEN[stem]
	if !ok {
		name = a.stemEnglish(stem)
	}
	out := []string{name}
	out = append(out, ethnic...)
	if level != "" {
		out = append(out, level)
	}
	return strings.Join(out, " ")
}

// street reports whether unknown text is a street word (路, 街, 大街,
// 大道) that turns the word before it into a street name.
func street(s string) bool {
	switch s {
	case "路", "街", "大街", "大道":
		return true
	}
	return false
}

// otherEnglish renders text that is no place or term: a conjunction
// between two terms in English (教育和体育 → Education and Sports), a
// village by its name and "Village" (蛟龙寺村 → Jiaolongsi Village) except
// in a company's name, where 村 is part of the trade name (创美强村 →
// Chuangmei Qiangcun), the rest in pinyin.
func (a *Analyzer) otherEnglish(s string, company bool) string {
	switch s {
	case "和", "与", "及":
		return "and"
	}
	if rs := []rune(s); !company && len(rs) >= 2 && rs[len(rs)-1] == '村' {
		return a.pinyinWords(string(rs[:len(rs)-1])) + " Village"
	}
	return a.pinyinWords(s)
}

// stemEnglish renders the stem of a place that has no English form of its
// own: a nationality by its English (鄂温克族自治旗 → Evenki Autonomous
// Banner); a long stem made of known words by those words; otherwise one
// pinyin word.
func (a *Analyzer) stemEnglish(stem string) string {
	for _, e := range a.ethnics {
		if e.text == stem || e.text+"族" == stem {
			return e.english
		}
	}
	// Only a word of two or more runes makes the stem a compound: a place
	// name that merely starts like another place (普兰店 is not 普兰 + 店,
	// 公安县 not the word 公安) stays one word.
	if n := utf8.RuneCountInString(stem); n >= 4 {
		toks := a.tokenize(stem)
		for _, t := range toks {
			if t.kind == tokTerm && t.end-t.start >= 2 && t.end-t.start < n {
				return a.english(toks)
			}
		}
	}
	return a.pinyinWord(stem)
}

// pinyinWords renders unknown text: one capitalised word for up to three
// characters (Tianshan, Xiaoxita), two-character words beyond, as a
// four-character trade name is written (聚鑫家美 → Juxin Jiamei).
func (a *Analyzer) pinyinWords(s string) string {
	rs := []rune(s)
	if len(rs) <= 3 {
		return a.pinyinWord(s)
	}
	var words []string
	for i := 0; i < len(rs); i += 2 {
		j := i + 2
		if j > len(rs) || len(rs)-j == 1 {
			j = len(rs)
		}
		words = append(words, a.pinyinWord(string(rs[i:j])))
		if j == len(rs) {
			break
		}
	}
	return strings.Join(words, " ")
}

// pinyinWord renders text as one capitalised pinyin word, using the
// reading overrides, with an apostrophe before a syllable that starts with
// a vowel (Xi'an).
func (a *Analyzer) pinyinWord(s string) string {
	syl := a.syllables(s)
	var b strings.Builder
	for i, x := range syl {
		if i > 0 && x != "" && strings.ContainsRune("aoe", rune(x[0])) {
			b.WriteByte('\'')
		}
		b.WriteString(x)
	}
	// go-pinyin writes ü as v (lv); English renderings write ü (Lü).
	w := strings.ReplaceAll(b.String(), "v", "ü")
	if w == "" {
		return ""
	}
	r, n := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + w[n:]
}

// syllables returns the pinyin syllables of s, preferring the longest
// override at each position.
func (a *Analyzer) syllables(s string) []string {
	rs := []rune(s)
	var out []string
	for i := 0; i < len(rs); {
		done := false
		for l := min(a.maxPy, len(rs)-i); l >= 1; l-- {
			if syl, ok := a.py[string(rs[i:i+l])]; ok {
				out = append(out, syl...)
				i += l
				done = true
				break
			}
		}
		if done {
			continue
		}
		p := pinyin.LazyPinyin(string(rs[i]), a.pyArgs)
		if len(p) == 0 {
			out = append(out, string(rs[i]))
		} else {
			out = append(out, p[0])
		}
		i++
	}
	return out
}

// ordinal renders 1–99 as an English ordinal word (Fourteenth, Twenty-First).
func ordinal(n int) string {
	small := []string{"Zeroth", "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth",
		"Eleventh", "Twelfth", "Thirteenth", "Fourteenth", "Fifteenth", "Sixteenth", "Seventeenth", "Eighteenth", "Nineteenth"}
	if n >= 0 && n < len(small) {
		return small[n]
	}
	tens := []string{"", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety"}
	tensOrd := []string{"", "", "Twentieth", "Thirtieth", "Fortieth", "Fiftieth", "Sixtieth", "Seventieth", "Eightieth", "Ninetieth"}
	if n < 100 {
		if n%10 == 0 {
			return tensOrd[n/10]
		}
		return tens[n/10] + "-" + small[n%10]
	}
	return "No. " + itoa(n)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}
