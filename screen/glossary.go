package screen

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
	"github.com/mozillazg/go-pinyin"
	"golang.org/x/text/unicode/norm"

	"github.com/enduse/enduse/linelist"
)

//go:embed data/glossary.tsv
var glossaryTSV string

// glossary holds the words that name the form of an organisation (legal
// forms, business words, institutions, sub-units) in both scripts, read
// from data/glossary.tsv. Built once by newGlossary; read-only after.
type glossary struct {
	legalZH  []string            // longest first
	legalEN  map[string]bool     // tokens
	bizZH    []termKey           // longest first
	bizEN    []phrase            // longest first
	instZH   []termKey           // longest first
	instEN   []phrase            // longest first
	psunitZH []string            // longest first
	unitZH   []termKey           // suffix → English label, longest first
	enLevel  map[string]bool     // words that may follow an English place name
	stop     map[string]bool     // English stop words
	corpsZH  []string            // XPCC names, longest first
	corpsEN  []phrase            // XPCC names
	generic  map[string]bool     // words too common to be a trade name on their own (中国, China)
	exonyms  map[string][]string // English place spelling → Chinese stems (Turfan → 吐鲁番)
	ethnicZH []string            // nationality names in autonomous areas' names, longest first
	levelZH  []string            // level suffixes of division names, longest first
	t2s      *opencc.OpenCC      // traditional → simplified
	py       pinyin.Args         // pinyin without tones
	conceptZ map[string][]string // concept → Chinese forms (for explanations)
}

// termKey is a Chinese term with the key (class or concept) it stands for.
type termKey struct{ term, key string }

// phrase is an English token sequence with its key.
type phrase struct {
	toks []string
	key  string
}

func newGlossary() (*glossary, error) {
	g := &glossary{legalEN: map[string]bool{}, enLevel: map[string]bool{}, stop: map[string]bool{}, conceptZ: map[string][]string{}, generic: map[string]bool{}, exonyms: map[string][]string{}}
	rows, err := linelist.Rows("data/glossary.tsv", glossaryTSV, 4)
	if err != nil {
		return nil, fmt.Errorf("load glossary: %w", err)
	}
	for _, r := range rows {
		f := r.Fields
		if len(f) != 4 {
			return nil, fmt.Errorf("load glossary: %w", r.Errorf("%d columns, want 4", len(f)))
		}
		kind, key := f[0], f[1]
		zh := splitAlt(f[2])
		en := splitAlt(f[3])
		switch kind {
		case "legal":
			g.legalZH = append(g.legalZH, zh...)
			for _, e := range en {
				g.legalEN[e] = true
				g.legalEN[strings.TrimSuffix(e, ".")] = true
			}
		case "biz":
			for _, z := range zh {
				g.bizZH = append(g.bizZH, termKey{z, key})
			}
			g.conceptZ[key] = zh
			for _, e := range en {
				g.bizEN = append(g.bizEN, phrase{enTokens(e), key})
			}
		case "inst":
			for _, z := range zh {
				g.instZH = append(g.instZH, termKey{z, key})
			}
			for _, e := range en {
				g.instEN = append(g.instEN, phrase{enTokens(e), key})
			}
		case "psunit":
			g.psunitZH = append(g.psunitZH, zh...)
		case "unit":
			for _, z := range zh {
				g.unitZH = append(g.unitZH, termKey{z, key})
			}
		case "enlevel":
			for _, e := range en {
				g.enLevel[strings.Trim(e, "()")] = true
			}
		case "stop":
			for _, e := range en {
				g.stop[e] = true
			}
		case "corps":
			g.corpsZH = append(g.corpsZH, zh...)
			for _, e := range en {
				g.corpsEN = append(g.corpsEN, phrase{enTokens(e), key})
			}
		case "generic":
			for _, w := range append(zh, en...) {
				g.generic[w] = true
			}
		case "exonym":
			for _, e := range en {
				k := strings.Join(enTokens(e), "")
				g.exonyms[k] = append(g.exonyms[k], zh...)
			}
		case "ethnic":
			g.ethnicZH = append(g.ethnicZH, zh...)
		case "zhlevel":
			g.levelZH = append(g.levelZH, zh...)
		default:
			return nil, fmt.Errorf("load glossary: %w", r.Errorf("unknown kind %q", kind))
		}
	}
	byLenT := func(s []termKey) {
		sort.SliceStable(s, func(i, j int) bool {
			return utf8.RuneCountInString(s[i].term) > utf8.RuneCountInString(s[j].term)
		})
	}
	for _, ps := range [][]phrase{g.bizEN, g.instEN, g.corpsEN} {
		for i := range ps {
			var keep []string
			for _, t := range ps[i].toks {
				if !g.stop[t] {
					keep = append(keep, t)
				}
			}
			ps[i].toks = keep
		}
	}
	byLenP := func(s []phrase) { sort.SliceStable(s, func(i, j int) bool { return len(s[i].toks) > len(s[j].toks) }) }
	linelist.LongestFirst(g.legalZH)
	linelist.LongestFirst(g.psunitZH)
	linelist.LongestFirst(g.corpsZH)
	linelist.LongestFirst(g.ethnicZH)
	linelist.LongestFirst(g.levelZH)
	byLenT(g.bizZH)
	byLenT(g.instZH)
	byLenT(g.unitZH)
	byLenP(g.bizEN)
	byLenP(g.instEN)
	byLenP(g.corpsEN)
	cc, err := opencc.New("t2s")
	if err != nil {
		return nil, fmt.Errorf("load traditional-simplified table: %w", err)
	}
	g.t2s = cc
	g.py = pinyin.NewArgs()
	return g, nil
}

func splitAlt(s string) []string {
	if s == "-" || s == "" {
		return nil
	}
	var out []string
	for _, p := range strings.Split(s, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// fold applies compatibility normalisation (full-width → half-width),
// lower-cases and unifies apostrophes.
func fold(s string) string {
	if isASCII(s) {
		// ASCII is its own NFKC form and has one apostrophe variant: most
		// list names (OFAC's) take this path, which allocates at most once.
		return strings.ReplaceAll(strings.ToLower(s), "`", "'")
	}
	s = norm.NFKC.String(s)
	s = strings.ToLower(s)
	return strings.Map(func(r rune) rune {
		switch r {
		case '’', '‘', '`':
			return '\''
		}
		return r
	}, s)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// simplified converts traditional Chinese characters to simplified ones;
// text without Han characters is returned as is.
func (g *glossary) simplified(s string) string {
	if !hasHan(s) {
		return s
	}
	out, err := g.t2s.Convert(s)
	if err != nil {
		return s
	}
	return out
}

// enTokens splits folded English text into word tokens; apostrophes are
// dropped inside words ("people's" → "peoples").
func enTokens(s string) []string {
	s = fold(s)
	s = strings.ReplaceAll(s, "'", "")
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '&')
	})
}

// hanText keeps the letters and digits of a folded, simplified name,
// dropping spaces, punctuation and parenthesised parts (which hold
// abbreviations or former names, screened separately).
func (g *glossary) hanText(s string) string {
	s = g.simplified(fold(s))
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(' || r == '[' || r == '【' || r == '〔':
			depth++
		case r == ')' || r == ']' || r == '】' || r == '〕':
			if depth > 0 {
				depth--
			}
		case depth > 0:
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// parenParts returns the parenthesised parts of a name ("中共山东省委党校（山东
// 行政学院）" → ["山东行政学院"]; "Beijing University of Posts and
// Telecommunications (BUPT)" → ["BUPT"]).
func parenParts(s string) []string {
	s = fold(s)
	var out []string
	for {
		i := strings.IndexAny(s, "([")
		if i < 0 {
			return out
		}
		j := strings.IndexAny(s[i:], ")]")
		if j < 0 {
			return out
		}
		if p := strings.TrimSpace(s[i+1 : i+j]); p != "" {
			out = append(out, p)
		}
		s = s[i+j+1:]
	}
}

// stripLegalZH removes legal-form suffixes from a Chinese name.
func (g *glossary) stripLegalZH(s string) string {
	for changed := true; changed; {
		changed = false
		for _, l := range g.legalZH {
			if strings.HasSuffix(s, l) && utf8.RuneCountInString(s) > utf8.RuneCountInString(l)+1 {
				s = strings.TrimSuffix(s, l)
				changed = true
				break
			}
		}
	}
	return s
}

// stripLegalEN removes legal-form tokens from the end of English tokens
// and stop words everywhere.
func (g *glossary) stripLegalEN(toks []string) []string {
	var out []string
	for _, t := range toks {
		if !g.stop[t] {
			out = append(out, t)
		}
	}
	for len(out) > 1 && g.legalEN[out[len(out)-1]] {
		out = out[:len(out)-1]
	}
	return out
}

// pinyinOf returns the toneless pinyin of the Han characters of s, one
// syllable per character.
func (g *glossary) pinyinOf(s string) []string {
	return pinyin.LazyPinyin(s, g.py)
}

// isLatin reports whether s is written without Han characters.
func isLatin(s string) bool { return !hasHan(s) }
