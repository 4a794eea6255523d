package lineitem

import (
	"embed"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/linelist"
)

//go:embed data/units.txt data/content-labels.txt
var dataFS embed.FS

// enumVocab is the vocabulary of prose enumerations, read from data/.
type enumVocab struct {
	label *prefixed      // a content label and its ：/为
	qty   *regexp.Regexp // a quantity: figure and counting unit
}

// vocab is built once from the embedded data files; it is never changed.
var vocab = loadVocab()

// quoteAll quotes each word for a regexp alternation.
func quoteAll(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = regexp.QuoteMeta(w)
	}
	return out
}

// dataLines reads the non-blank, non-comment lines of an embedded file.
func dataLines(name string) []string {
	b, err := dataFS.ReadFile(name)
	if err != nil {
		panic("lineitem: embedded " + name + ": " + err.Error()) // a build defect, not bad input
	}
	return linelist.Entries(string(b))
}

func loadVocab() enumVocab {
	labels := dataLines("data/content-labels.txt")
	units := dataLines("data/units.txt")
	return enumVocab{
		label: newPrefixed(labels, `(?:`+strings.Join(quoteAll(labels), "|")+`)(?:\([^()]{0,8}\))?[ ]*(?::|为)`),
		// "×20块", "共计32块", "3 块", "1项"; not "16TB", not "2022年"
		qty: regexp.MustCompile(`(?:[×xX*]\s*)?(?:共计|共|计|数量)?\s*(\d+(?:\.\d+)?)\s*(` + strings.Join(quoteAll(units), "|") + `)`),
	}
}

// unitPriceRe and totalRe read the prices of an enumeration entry.
var (
	unitPriceRe = regexp.MustCompile(`单价(?:为)?[:]?\s*(?:人民币)?[¥￥]?\s*(\d[\d,]*(?:\.\d+)?)\s*(万?元)?`)
	totalRe     = regexp.MustCompile(`(?:合计|小计|金额|总价|计)(?:为)?[:]?\s*(?:人民币)?[¥￥]?\s*(\d[\d,]*(?:\.\d+)?)\s*(万?元)`)
	modelRe     = regexp.MustCompile(`[A-Za-z0-9][A-Za-z0-9\-_./+]*[A-Za-z0-9]`)
	markerRe    = regexp.MustCompile(`^\s*(?:\(\d{1,2}\)|\d{1,2}[、.)]|[①-⑳])\s*`)
)

// enumItems reads the items of prose enumerations introduced by a content
// label (data/content-labels.txt) outside spans already read. Every entry
// with a quantity becomes an item: its model number, the brand written
// before it, the name before that, quantity, unit price and total. It
// returns the items and the spans of the enumerations.
func enumItems(runes []rune, f *folded, covered func(int) bool) ([]enduse.Item, [][2]int) {
	folded, s, runeAt := f.runes, f.s, f.runeAt
	var items []enduse.Item
	var spans [][2]int
	last := -1
	for _, m := range vocab.label.findAll(s) {
		start, vs := runeAt[m[0]], runeAt[m[1]]
		if start < last || covered(start) {
			continue
		}
		end := enumEnd(folded, vs)
		var got []enduse.Item
		for _, e := range entries(folded, vs, end) {
			if it, ok := readEntry(runes, folded, e[0], e[1]); ok {
				got = append(got, it)
			}
		}
		if len(got) > 0 {
			items = append(items, got...)
			spans = append(spans, [2]int{start, end})
		}
		last = end
	}
	return items, spans
}

// enumEnd is the end of the enumeration starting at s: the end of its
// line, then of each following line that starts with an entry marker.
func enumEnd(folded []rune, s int) int {
	p := s
	for p < len(folded) && folded[p] != '\n' {
		p++
	}
	if first := strings.TrimSpace(string(folded[s:p])); first != "" && !markerRe.MatchString(first) {
		// "1、采购内容：财产一切险。\n2、本项目为…": the label's own line holds
		// the content; the numbered lines after it are the notice's sections
		return p
	}
	p = s
	for {
		for p < len(folded) && folded[p] != '\n' {
			p++
		}
		if p >= len(folded) {
			return p
		}
		next := p + 1
		q := next
		for q < len(folded) && folded[q] != '\n' {
			q++
		}
		if p == s || strings.TrimSpace(string(folded[s:p])) == "" || markerRe.MatchString(string(folded[next:q])) {
			p = q
			continue
		}
		return p
	}
}

// entries splits [s,e) into its entries: at entry markers ("（1）", "1、",
// "2."), line breaks and semicolons; an entry naming several model numbers
// ("A ST… 32块及东芝MG… 16块") is split at the connective between them.
func entries(folded []rune, s, e int) [][2]int {
	var parts [][2]int
	cs := s
	cut := func(p int) {
		if p > cs {
			parts = append(parts, [2]int{cs, p})
		}
		cs = p
	}
	// markers count up from the first: "2,560.00" holds no entry "560."
	next := 0
	for p := s; p < e; p++ {
		switch r := folded[p]; {
		case r == '\n' || r == ';' || r == '；':
			cut(p)
			cs = p + 1
		case (r == '(' || isASCIIDigit(r)) && (p == s || isListSep(folded[p-1])):
			if next == 0 {
				for k := 1; k <= 3 && next == 0; k++ {
					if _, ok := marker(folded, p, k); ok {
						next = k + 1
					}
				}
				continue
			}
			if _, ok := marker(folded, p, next); ok {
				cut(p)
				next++
			}
		}
	}
	cut(e)
	var out [][2]int
	for _, pt := range parts {
		out = append(out, splitModels(folded, pt[0], pt[1])...)
	}
	return out
}

// quantityAt finds the first quantity of text whose unit ends a word:
// "4块，", "20块；", "32块及"; not "1.5个月", "34台电梯", "207台VRV".
func quantityAt(text string) []int {
	off := 0
	for {
		q := vocab.qty.FindStringSubmatchIndex(text[off:])
		if q == nil {
			return nil
		}
		for i := range q {
			if q[i] >= 0 {
				q[i] += off
			}
		}
		next, _ := utf8.DecodeRuneInString(text[q[1]:])
		if q[1] == len(text) || !(unicode.Is(unicode.Han, next) || next < 128 && unicode.IsLetter(next)) || strings.ContainsRune("及和与", next) {
			return q
		}
		off = q[1]
	}
}

// splitModels splits an entry holding two quantities of two model numbers
// at the connective (及, 和, 以及, 、, ，) between the first quantity and the
// second model.
func splitModels(folded []rune, s, e int) [][2]int {
	text := string(folded[s:e])
	qs := vocab.qty.FindAllStringIndex(text, -1)
	if len(qs) < 2 {
		return [][2]int{{s, e}}
	}
	runeAt := byteToRune(text)
	q1 := runeAt[qs[0][1]]
	for p := q1; p < e-s; p++ {
		r := folded[s+p]
		if r == '及' || r == '和' || r == '、' || r == ',' {
			rest := splitModels(folded, s+p+1, e)
			return append([][2]int{{s, s + p}}, rest...)
		}
		if unicode.Is(unicode.Han, r) || isASCIIDigit(r) || unicode.IsLetter(r) {
			break
		}
	}
	return [][2]int{{s, e}}
}

// readEntry reads one enumeration entry [s,e); it needs a quantity.
func readEntry(runes, folded []rune, s, e int) (enduse.Item, bool) {
	text := string(folded[s:e])
	m := markerRe.FindString(text)
	if m != "" {
		s += len([]rune(m))
		text = string(folded[s:e])
	}
	numberedEntry := m != ""
	runeAt := byteToRune(text)
	raw := func(a, b int) string { return strings.TrimSpace(string(runes[s+runeAt[a] : s+runeAt[b]])) }
	q := quantityAt(text)
	if q == nil {
		return enduse.Item{}, false
	}
	var it enduse.Item
	it.Quantity, _ = quantity(text[q[2]:q[3]])
	it.Unit = text[q[4]:q[5]]
	if m := unitPriceRe.FindStringSubmatch(text); m != nil {
		it.UnitPrice = amount(m[1]+m[2], false)
	}
	if m := totalRe.FindStringSubmatch(text); m != nil {
		it.Total = amount(m[1]+m[2], false)
	}
	// the model: the first Latin/digit token with a letter and a digit,
	// before the quantity
	mi := []int(nil)
	for _, c := range modelRe.FindAllStringIndex(text[:q[0]], -1) {
		tok := text[c[0]:c[1]]
		if len(tok) >= 4 && hasDigit(tok) && strings.IndexFunc(tok, unicode.IsLetter) >= 0 {
			mi = c
			break
		}
	}
	if mi == nil {
		// a service or an unbranded item: "安装调试服务1项", "（4）安装调试服务：
		// 1项"; not a labelled figure outside a numbered list ("标段数量：1个")
		name := cleanValue(strings.TrimRight(raw(0, q[0]), "×xX* "))
		if numberedEntry {
			name = strings.TrimRight(name, ":： ")
		}
		if name == "" || utf8Len(name) > 20 || !startsHan(name) || strings.ContainsAny(name, ":：") {
			return enduse.Item{}, false
		}
		it.Name = name
		it.Evidence = evidence(runes, s, e)
		return it, true
	}
	it.Model = text[mi[0]:mi[1]]
	pre := text[:mi[0]]
	switch {
	case strings.ContainsAny(pre, ":"):
		// 网络存储硬盘：SEAGATE ST4000NE001
		i := strings.LastIndex(pre, ":")
		it.Name, it.Brand = raw(0, i), raw(i+1, len(pre))
	case strings.Count(pre, "(") > strings.Count(pre, ")"):
		// 监控硬盘（希捷SkyHawk ST8000VX004）
		i := strings.LastIndex(pre, "(")
		it.Name, it.Brand = raw(0, i), raw(i+1, len(pre))
	case strings.Contains(strings.TrimSpace(pre), " "):
		// 监控硬盘 希捷 ST4000VX013
		f := strings.Fields(pre)
		i := strings.Index(pre, f[0]) + len(f[0])
		j := strings.LastIndex(pre, f[len(f)-1])
		it.Name = raw(0, i)
		if len(f) > 1 {
			it.Brand = raw(j, len(pre))
		}
	default:
		// glued: "东芝MG08ACA16TE硬盘16块" (the name after the model) or
		// "希捷（Seagate）企业级硬盘ST16000NM001G" (brand（Latin）name)
		after := strings.TrimSpace(text[mi[1]:q[0]])
		after = strings.TrimFunc(after, func(r rune) bool { return !unicode.Is(unicode.Han, r) })
		for _, p := range []string{"共计", "共", "计", "数量"} {
			after = strings.TrimSuffix(after, p)
		}
		if i := strings.LastIndex(pre, ")"); i >= 0 && i+1 < len(pre) {
			it.Brand, it.Name = raw(0, i+1), raw(i+1, len(pre))
		} else if after != "" && isHanString(after) {
			it.Brand, it.Name = raw(0, len(pre)), after
		} else {
			it.Name = raw(0, len(pre)) // brand and name glued: the pipeline's KB pass splits them
		}
	}
	it.Brand = seriesTrim(cleanValue(it.Brand))
	it.Name = cleanValue(strings.TrimLeft(it.Name, "为:"))
	if it.Name == "" && it.Brand == "" {
		return enduse.Item{}, false
	}
	it.Evidence = evidence(runes, s, e)
	return it, true
}

// seriesTrim drops a Latin series name written after a Han brand:
// "希捷SkyHawk" → 希捷. "希捷（Seagate）" and "SEAGATE" stay as written.
func seriesTrim(b string) string {
	rs := []rune(b)
	i := 0
	for i < len(rs) && unicode.Is(unicode.Han, rs[i]) {
		i++
	}
	if i >= 2 && i < len(rs) && rs[i] < 128 && unicode.IsLetter(rs[i]) {
		return string(rs[:i])
	}
	return b
}

func utf8Len(s string) int { return len([]rune(s)) }

func startsHan(s string) bool {
	for _, r := range s {
		return unicode.Is(unicode.Han, r)
	}
	return false
}
