package notice

import (
	_ "embed"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/enduse/enduse/linelist"
)

//go:embed data/title-buyer.txt
var titleBuyerData string

//go:embed data/title-stops.txt
var titleStopData string

// titleLexicon is the parsed vocabulary of BuyerFromTitle, built once.
type titleLexicon struct {
	suffixes []string // institution suffixes, longest first
	false    []string // words that end in a suffix but name no body (大厅)
	stops    []string // words that begin a procurement's subject
}

var loadTitleLexicon = sync.OnceValue(func() titleLexicon {
	var lex titleLexicon
	for _, w := range dataLines(titleBuyerData) {
		if f, ok := strings.CutPrefix(w, "!"); ok {
			lex.false = append(lex.false, f)
		} else {
			lex.suffixes = append(lex.suffixes, w)
		}
	}
	lex.stops = dataLines(titleStopData)
	return lex
})

// dataLines reads a one-word-per-line data file, longest words first so
// the longest match is tried first.
func dataLines(s string) []string {
	return linelist.LongestFirst(linelist.Entries(s))
}

// titleTagRe is a site tag or a year at the head of a title
// ("【新疆政府采购网】", "2022年").
var titleTagRe = regexp.MustCompile(`^(\s*[【\[][^】\]]{0,30}[】\]])+\s*`)

// BuyerFromTitle reads the buyer's name from the head of a notice title,
// for records whose body names none (crawler listings, title-only data):
// "乌鲁木齐市公安局天山区分局视频监控存储设备采购项目中标公告" → "乌鲁木齐市公安局天山区分局".
// The name is the longest head of the title that ends in an institution
// suffix (公安局, 分局, 检察院, 医院, 大学 …) before the procurement's
// subject begins (项目, 采购, 设备 …). It reports the rune offset of the name
// in title and false when the title does not start with such a name:
// companies are never taken, since a company at the head of a title is as
// often the agency as the buyer.
func BuyerFromTitle(title string) (name string, start int, ok bool) {
	lex := loadTitleLexicon()
	start = 0
	if loc := titleTagRe.FindStringIndex(title); loc != nil {
		start = utf8.RuneCountInString(title[:loc[1]])
		title = title[loc[1]:]
	}
	// The subject begins at the first stop word that is not part of an
	// institution's name (建设 in 住房和城乡建设局 is not a subject).
	inSuffix := func(i int) bool {
		for _, suf := range lex.suffixes {
			for from := max(0, i-len(suf)+1); from <= i && from < len(title); from++ {
				if strings.HasPrefix(title[from:], suf) && from+len(suf) > i {
					return true
				}
			}
		}
		return false
	}
	limit := len(title)
	for _, w := range lex.stops {
		for off := 0; off < limit; {
			i := strings.Index(title[off:], w)
			if i < 0 || off+i >= limit {
				break
			}
			if !inSuffix(off + i) {
				limit = off + i
				break
			}
			off += i + len(w)
		}
	}
	head := title[:limit]
	// Every place where an institution suffix ends is a candidate end;
	// the longest candidate that reads as one body's name wins.
	var ends []int
	alias := false
	for i := 0; i < len(head) && !alias; {
		for _, suf := range lex.suffixes {
			if strings.HasPrefix(head[i:], suf) {
				end := i + len(suf)
				// A bracketed alias right after the name belongs to it:
				// 中共山东省委党校（山东行政学院）.
				if rest := head[end:]; strings.HasPrefix(rest, "（") || strings.HasPrefix(rest, "(") {
					if j := strings.IndexAny(rest, "）)"); j > 0 {
						_, w := utf8.DecodeRuneInString(rest[j:])
						// Nothing after an alias extends the name.
						ends, alias = append(ends, end, end+j+w), true
						break
					}
				}
				ends = append(ends, end)
				break
			}
		}
		_, w := utf8.DecodeRuneInString(head[i:])
		i += w
	}
	for k := len(ends) - 1; k >= 0; k-- {
		if n, ok := titleName(lex, title, ends[k]); ok {
			return n, start, true
		}
	}
	return "", 0, false
}

// yearRe is a year inside a title ("2022年"): a name that holds one has run
// into the procurement's subject.
var yearRe = regexp.MustCompile(`\d{4}`)

// titleName checks that title[:end] reads as one body's name and returns it,
// with a name its title writes twice ("A+A", "AA") said once.
func titleName(lex titleLexicon, title string, end int) (string, bool) {
	name := strings.TrimSpace(title[:end])
	rest := title[end:]
	for _, f := range lex.false {
		if strings.HasSuffix(name, f) {
			return "", false
		}
	}
	// A company: 研究院 in 研究院有限公司 is no public body.
	for _, c := range []string{"有限", "股份", "集团", "公司"} {
		if strings.HasPrefix(rest, c) {
			return "", false
		}
	}
	if strings.ContainsAny(name, " ：:，,。、；;") || yearRe.MatchString(name) ||
		strings.Count(name, "（")+strings.Count(name, "(") != strings.Count(name, "）")+strings.Count(name, ")") {
		return "", false
	}
	if a, b, ok := strings.Cut(name, "+"); ok {
		if a != b {
			return "", false
		}
		name = a
	}
	// A name or its tail written twice: 中国劳动关系学院中国劳动关系学院,
	// 黑龙江省民族博物馆民族博物馆.
	rs := []rune(name)
	for l := len(rs) / 2; l >= 2; l-- {
		if string(rs[len(rs)-2*l:len(rs)-l]) == string(rs[len(rs)-l:]) {
			name = string(rs[:len(rs)-l])
			break
		}
	}
	if n := utf8.RuneCountInString(name); n < 4 || n > 40 {
		return "", false
	}
	return name, true
}
