// Package justify reads the stated justification of single-source (单一来源)
// procurement notices and classifies it.
//
// A single-source award skips competition, so the law asks the buyer to
// say why: the product is imported, foreign products outperform domestic
// ones, the purchase must match equipment already installed, only the
// maker's authorised agent may service it, it is patented, or it is urgent.
// For end-use research those reasons are evidence in their own right ("must
// be compatible with the Seagate drives already in service"), so the
// package returns the reason with the exact span of text it was read from.
package justify

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/enduse/enduse"
)

// maxSection caps the runes of a reason section, so a notice whose
// headings cannot be told apart does not return its whole text.
const maxSection = 3000

// headingRe matches the headings of reason sections: 采用单一来源采购方式的
// 原因及相关说明, 单源采购的依据及相关说明, 单一来源采购理由, 申请理由 ….
var headingRe = regexp.MustCompile(`(单一来源|单源|单一)(采购)?(方式)?的?(原因|理由|依据|事由|论证理由)|` +
	`(采用|申请|适用|选择|拟采用)(单一来源|单源)[^\n:：。]{0,12}(原因|理由|事由|依据)|` +
	`申请(理由|事由)|采购理由|(原因|理由)(及|和|与)(相关)?说明|需求理由`)

// headingKeys are words every reason heading holds; lines without any
// are not tried against headingRe.
var headingKeys = []string{"理由", "原因", "依据", "事由"}

// opinionRe matches the heading of the experts' opinion, which often
// carries the reasoning when no reason section is given.
var opinionRe = regexp.MustCompile(`^(专家|专业人员)?(论证|评审)?意见`)

// numberingRe reads the numbering that starts a heading line, so the
// section can end at the next heading of the same style.
var numberingRe = regexp.MustCompile(`^\s*(第[一二三四五六七八九十]+[章节部分条]|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|\d+[、.．]|[（(]\d+[)）])`)

// singleSourceRe tells a single-source notice by its title or opening.
var singleSourceRe = regexp.MustCompile(`(单一来源|单源)(采购)?(方式)?[^\n]{0,6}(公示|公告|论证|征求意见|采购)|单一来源采购`)

// Reason finds the stated justification of a single-source notice
// (sections like 采用单一来源采购方式的原因及说明 / 单一来源采购理由 /
// 申请理由) and classifies it: imported (进口产品), outperforms (国外产品性能
// 优于国内), compatibility (与原有设备/系统兼容、配套, 与上级/兄弟单位保持
// 一致), sole_service (唯一授权维保/售后, 原厂服务), patent (专利/专有技术/
// 独家), urgent (紧急), other. Several classes may apply. Evidence is the
// rune span of the reason text in d.Text. It returns nil when the document
// states no reason.
func Reason(d *enduse.Document) *enduse.Reason {
	if d == nil || d.Text == "" {
		return nil
	}
	runes := []rune(d.Text)
	lines := splitLines(runes)
	if s, e, ok := section(runes, lines, headingRe, true); ok {
		return reason(runes, s, e)
	}
	if !singleSource(d, runes) {
		return nil
	}
	if s, e, ok := section(runes, lines, opinionRe, false); ok && len(classify(string(runes[s:e]))) > 0 && classify(string(runes[s:e]))[0] != enduse.ReasonOther {
		return reason(runes, s, e)
	}
	if s, e, ok := sentences(runes); ok {
		return reason(runes, s, e)
	}
	return nil
}

// reason builds the Reason for the span [s,e).
func reason(runes []rune, s, e int) *enduse.Reason {
	text := string(runes[s:e])
	return &enduse.Reason{
		Classes:  classify(text),
		Text:     text,
		Evidence: enduse.Evidence{Start: s, End: e, Text: text},
	}
}

// line is the rune span of one line of the text.
type line struct{ start, end int }

func splitLines(runes []rune) []line {
	var out []line
	s := 0
	for i := 0; i <= len(runes); i++ {
		if i == len(runes) || runes[i] == '\n' {
			out = append(out, line{s, i})
			s = i + 1
		}
	}
	return out
}

// section finds the first heading line matching re and returns the span
// of its content: the rest of the heading line after its colon, and the
// lines below it up to the next heading of the same numbering style (or
// any numbered top-level heading), trimmed. heading requires the match to
// start the line (after its numbering) and the heading to be short, so
// sentences that merely mention 单一来源 and 理由 are not taken.
func section(runes []rune, lines []line, re *regexp.Regexp, heading bool) (int, int, bool) {
	for li, l := range lines {
		text := string(runes[l.start:l.end])
		num := numbering(text)
		rest := strings.TrimLeftFunc(text[len(num):], unicode.IsSpace)
		lead := len([]rune(text)) - len([]rune(rest)) // runes before the heading words
		if heading && !containsAny(rest, headingKeys) {
			continue
		}
		loc := re.FindStringIndex(rest)
		if loc == nil {
			continue
		}
		if heading && len([]rune(rest[:loc[0]])) > 6 {
			continue // the words are inside a sentence
		}
		// the heading ends at its colon, or is the whole line
		headEnd := loc[1]
		if i := strings.IndexAny(rest[loc[1]:], ":："); i >= 0 && utf8.RuneCountInString(rest[loc[1]:loc[1]+i]) <= 16 {
			_, size := utf8.DecodeRuneInString(rest[loc[1]+i:])
			headEnd = loc[1] + i + size
		} else if j := strings.IndexAny(rest[loc[1]:], "。，,"); j < 0 && utf8.RuneCountInString(rest[loc[1]:]) <= 16 {
			headEnd = len(rest) // "…的原因及说明" with a short tail and no colon
		}
		if heading && len([]rune(rest[:headEnd])) > 40 {
			continue
		}
		s := l.start + lead + len([]rune(rest[:headEnd]))
		e := l.end
		style := numberStyle(num)
		for _, next := range lines[li+1:] {
			nt := string(runes[next.start:next.end])
			if n := numbering(nt); n != "" {
				ns := numberStyle(n)
				// a heading of the same style ends the section only when it
				// counts on from ours: "二、…说明" then "一、技术配套" is a
				// sub-list written with the wrong numbering, "三、" is next
				if level(ns) < level(style) || ns == style && numeral(n) > numeral(num) ||
					ns == style && numeral(n) == 0 || level(ns) <= 1 && style == "" {
					break
				}
			} else if isNextHeading(nt) {
				break
			}
			if next.end-s > maxSection {
				break
			}
			e = next.end
		}
		s, e = trim(runes, s, e)
		if e > s {
			return s, e, true
		}
	}
	return 0, 0, false
}

// numbering returns the heading numbering that starts s ("三、", "（二）",
// "2、"), or "". "2.5万元" is a figure, not a numbering.
func numbering(s string) string {
	n := numberingRe.FindString(s)
	if n == "" {
		return ""
	}
	if r, _ := utf8.DecodeRuneInString(s[len(n):]); unicode.IsDigit(r) {
		return ""
	}
	return n
}

// numeral is the value of a numbering ("三、" → 3, "（12）" → 12), 0 when
// it has none.
func numeral(num string) int {
	v, cur := 0, 0
	digits := false
	for _, r := range num {
		switch {
		case r >= '0' && r <= '9':
			v = v*10 + int(r-'0')
			digits = true
		case r == '十':
			if cur == 0 {
				cur = 1
			}
			v += cur * 10
			cur = 0
		default:
			if i := strings.IndexRune("一二三四五六七八九", r); i >= 0 {
				cur = i/3 + 1 // the numerals are 3 bytes each
			}
		}
	}
	if digits {
		return v
	}
	return v + cur
}

// numberStyle names the numbering style of a heading: "cn" (一、),
// "chapter" (第一章), "paren" (（一）), "digit" (1、), "parendigit" ((1)).
func numberStyle(num string) string {
	num = strings.TrimSpace(num)
	switch {
	case num == "":
		return ""
	case strings.HasPrefix(num, "第"):
		return "chapter"
	case strings.HasPrefix(num, "(") || strings.HasPrefix(num, "（"):
		r := []rune(num)
		if len(r) > 1 && r[1] >= '0' && r[1] <= '9' {
			return "parendigit"
		}
		return "paren"
	case num[0] >= '0' && num[0] <= '9':
		return "digit"
	}
	return "cn"
}

// level ranks numbering styles, outermost first; an unnumbered heading
// ends at the next top-level (一、) or chapter heading.
func level(style string) int {
	switch style {
	case "chapter":
		return 0
	case "cn", "":
		return 1
	case "paren":
		return 2
	case "digit":
		return 3
	}
	return 4
}

// nextHeadings start the sections that follow a reason in unnumbered
// notices.
var nextHeadings = []string{"拟定的唯一供应商", "拟定供应商", "供应商名称", "拟采购", "专家论证意见", "专业人员论证意见", "论证专家",
	"公示期限", "其他补充事宜", "联系方式", "采购人名称", "采购人信息", "附件"}

func isNextHeading(s string) bool {
	s = strings.TrimSpace(s)
	for _, h := range nextHeadings {
		if strings.HasPrefix(s, h) {
			return true
		}
	}
	return false
}

// trim shrinks [s,e) past white space.
func trim(runes []rune, s, e int) (int, int) {
	for s < e && unicode.IsSpace(runes[s]) {
		s++
	}
	for e > s && unicode.IsSpace(runes[e-1]) {
		e--
	}
	return s, e
}

// singleSource reports whether the document is a single-source notice (its
// title or opening lines say so); boilerplate such as 除单一来源采购项目外
// deep in a tender does not count.
func singleSource(d *enduse.Document, runes []rune) bool {
	if singleSourceRe.MatchString(d.Title) {
		return true
	}
	head := string(runes[:min(len(runes), 200)])
	return singleSourceRe.MatchString(head) && !strings.Contains(head, "除单一来源")
}

// cueRe marks sentences that give a reason in notices without a reason
// section: "因…只能从唯一供应商处采购", "由于…原厂…".
var cueRe = regexp.MustCompile(`只能从唯一供应商|(因|由于|鉴于|考虑到)[^。；\n]{0,80}(唯一|原厂|独家|专利|专有|兼容|配套|一致|进口|紧急|授权)`)

// sentences finds the first run of reason sentences by cue words and
// returns its span.
func sentences(runes []rune) (int, int, bool) {
	text := string(runes)
	loc := cueRe.FindStringIndex(text)
	if loc == nil {
		return 0, 0, false
	}
	at := len([]rune(text[:loc[0]]))
	s := at
	for s > 0 && !strings.ContainsRune("。；;\n", runes[s-1]) {
		s--
	}
	e := at
	for e < len(runes) && !strings.ContainsRune("。；;\n", runes[e]) {
		e++
	}
	if e < len(runes) && runes[e] != '\n' {
		e++ // keep the full stop
	}
	s, e = trim(runes, s, e)
	return s, e, e > s
}

func containsAny(s string, keys []string) bool {
	for _, k := range keys {
		if strings.Contains(s, k) {
			return true
		}
	}
	return false
}
