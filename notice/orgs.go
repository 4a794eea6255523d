package notice

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// orgSuffixes are the endings of organisation names: legal forms, public
// bodies, institutions and consortia. A supplier, buyer or agency name must
// end with one of them; people and sentence fragments do not.
var orgSuffixes = []string{
	"公司", "集团", "中心", "研究所", "研究院", "设计院", "院", "所", "厂", "事务所", "合作社", "联合体", "联社",
	"局", "分局", "委员会", "委", "办公室", "办事处", "办", "处", "站", "队", "大队", "支队", "总队", "中队",
	"学校", "小学", "中学", "大学", "学院", "幼儿园", "医院", "卫生院", "馆", "社", "部", "厅", "会", "署",
	"场", "园", "行", "店", "政府", "法院", "检察院", "监狱", "看守所", "拘留所", "戒毒所", "银行", "协会",
	"基金会", "台", "团", "校", "科", "室", "组", "库", "段", "所(站)", "商行", "经营部", "工作室", "合伙)",
	"公司)", "分公司", "支行", "分行", "营业部", "集团)", "管委会", "街道", "镇", "乡", "村", "社区",
	"公寓", "宾馆", "酒店", "电视台", "报社", "出版社", "研究中心", "实验室", "馆)", "中心)", "总站",
	"企业", "工作站", "监理部", "项目部", "指挥部", "营", "旅", "师", "军分区", "消防救援支队", "宫", "公司)",
	"中心)", "办公室)", "所)", "院)", "局)", "港", "码头", "矿", "电厂", "水库", "管理处", "水厂", "农场", "林场",
}

// orgPlaceholders are whole values that stand for no name; a value of
// dashes only is one too.
var orgPlaceholders = []string{"/", "无", "暂无", "详见", "见附件", "同上", "待定", "略", "不适用", "空"}

// orgRejectWords mark values that are not names: references to other
// text, sentences.
var orgRejectWords = newCueSet([]string{"详见", "附件", "公告", "本项目", "本次", "如下", "以下", "请于", "进行", "负责",
	"联系人", "联系电话", "电话", "招标文件", "采购文件", "投标文件", "已具备", "报名", "不得", "须", "应当", "应在"})

// orgRejected reports whether v is not a name: a placeholder, or a value
// holding one of orgRejectWords.
func orgRejected(v string) bool {
	return slices.Contains(orgPlaceholders, v) || v != "" && strings.Trim(v, "-") == "" || orgRejectWords.any(v)
}

// orgNoteWords mark a parenthesised note after a name that is not part of it.
var orgNoteWords = newCueSet([]string{"简称", "盖章", "签章", "公章", "牵头", "成员", "主办", "代理", "采购人", "招标人", "下同", "委托"})

// personTitles are the forms of address that end a person's name, not an
// organisation's.
var personTitles = []string{"先生", "女士", "老师", "经理", "主任", "工", "警官"}

// isPersonTitled reports whether v ends with one of personTitles.
func isPersonTitled(v string) bool {
	return slices.ContainsFunc(personTitles, func(t string) bool { return strings.HasSuffix(v, t) })
}

// cleanOrg trims a value read after an organisation label to the name it
// starts with, and reports whether that is an organisation name. It drops
// trailing notes ("（盖章）", "（以下简称…）") and text after the name.
func cleanOrg(v *view, sp span) (span, bool) {
	out, ok := cleanOrgWhole(v, sp)
	if ok {
		return out, true
	}
	rs := v.rs
	// A run-on line ("成交供应商：A公司 品目名称 数量 …"): the name is the
	// longest start of the value, ending at a space, that is a name. Only
	// the first maxOrgScan runes are tried, so the cost stays linear.
	t := trim(rs, sp)
	lim := min(t.e, t.s+maxOrgScan)
	for i := lim - 1; i > t.s; i-- {
		if !isSpace(rs[i]) || isSpace(rs[i-1]) || !orgLastRunes[normRune(rs[i-1])] {
			continue
		}
		if p, ok := cleanOrgWhole(v, span{t.s, i}); ok {
			return p, true
		}
	}
	return out, false
}

// orgLastRunes holds the last rune of every organisation suffix: a cheap
// test before a prefix of a run-on value is tried as a name.
var orgLastRunes = func() map[rune]bool {
	m := map[rune]bool{}
	for _, s := range orgSuffixes {
		r, _ := utf8.DecodeLastRuneInString(s)
		m[r] = true
	}
	return m
}()

// maxOrgScan bounds how far into a run-on value a name is looked for.
const maxOrgScan = 80

// cleanOrgWhole is cleanOrg without the run-on fallback.
func cleanOrgWhole(w *view, sp span) (span, bool) {
	rs := w.rs
	sp = trim(rs, sp)
	// Cut at the first separator that cannot be inside a name.
	for i := sp.s; i < sp.e; i++ {
		r := w.nr[i]
		if r == '\t' || r == ';' || r == ',' || r == '。' || r == '，' || r == '|' {
			sp.e = i
			break
		}
		if r == ' ' && i+1 < sp.e && w.nr[i+1] == ' ' {
			sp.e = i
			break
		}
	}
	sp = trim(rs, sp)
	// Drop a trailing parenthesised note that is not part of the name.
	for {
		v := w.normStr(sp)
		if !strings.HasSuffix(v, ")") {
			break
		}
		open := strings.LastIndex(v, "(")
		if open < 0 {
			break
		}
		inner := v[open:]
		if !orgNoteWords.any(inner) {
			break
		}
		sp.e = sp.s + len([]rune(v[:open]))
		sp = trim(rs, sp)
	}
	v := w.compactStr(sp)
	n := utf8.RuneCountInString(v)
	if n < 4 || n > 70 || orgRejected(v) || isPersonTitled(v) {
		return sp, false
	}
	if strings.ContainsAny(v, ":@") || strings.Contains(outsideParens(v), "、") && !strings.HasSuffix(v, "联合体") {
		return sp, false
	}
	digits := 0
	for _, r := range v {
		if unicode.IsDigit(r) {
			digits++
		}
	}
	if digits > 6 {
		return sp, false // phone numbers, codes, licences
	}
	// A trailing parenthesis may hold the body's other names:
	// 宁波市工人文化宫（宁波市劳模工匠学院、…）.
	base := norm(v)
	if strings.HasSuffix(base, ")") {
		if i := strings.LastIndex(base, "("); i > 0 {
			base = base[:i]
		}
	}
	for _, suf := range orgSuffixes {
		if strings.HasSuffix(v, suf) || strings.HasSuffix(base, suf) {
			return sp, true
		}
	}
	return sp, false
}

// outsideParens returns s without its parenthesised parts.
func outsideParens(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range norm(s) {
		switch r {
		case '(':
			depth++
		case ')':
			if depth > 0 {
				depth--
			}
		default:
			if depth == 0 {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// splitOrgs splits a value naming several organisations ("A公司、B公司")
// into their spans. A consortium ("A、B联合体") is one organisation, and a
// value that is not a list comes back whole.
func splitOrgs(w *view, sp span) []span {
	rs := w.rs
	sp = trim(rs, sp)
	v := w.normStr(sp)
	if strings.HasSuffix(strings.TrimSpace(v), "联合体") {
		return []span{sp}
	}
	if !strings.Contains(outsideParens(v), "、") {
		return splitJoined(w, sp)
	}
	var out []span
	depth, start := 0, sp.s
	for i := sp.s; i <= sp.e; i++ {
		if i < sp.e {
			switch normRune(rs[i]) {
			case '(':
				depth++
				continue
			case ')':
				if depth > 0 {
					depth--
				}
				continue
			case '、':
				if depth > 0 {
					continue
				}
			default:
				continue
			}
		}
		part := trim(rs, span{start, i})
		if _, ok := cleanOrg(w, part); !ok {
			return []span{sp} // not a list of names
		}
		out = append(out, part)
		start = i + 1
	}
	return out
}

// phoneRe matches phone numbers and ID numbers, which must never be output.
var phoneRe = regexp.MustCompile(`1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|\d{17}[\dXx]`)

// legalFormRe matches the legal form that ends a company name.
var legalFormRe = regexp.MustCompile(`有限责任公司|股份有限公司|有限公司`)

// branchRe matches the name of a unit of the company before it.
var branchRe = regexp.MustCompile(`(?:分公司|分行|支行|分部|项目部|办事处|分院|分所|营业部)$`)

// splitJoined splits names written one after another without a separator
// ("A有限公司B有限公司", from cells whose line breaks were lost). A company
// followed by its own branch ("A有限公司上海分公司") stays whole.
func splitJoined(w *view, sp span) []span {
	v := w.str(sp)
	locs := legalFormRe.FindAllStringIndex(v, -1)
	if len(locs) < 2 {
		return []span{sp}
	}
	var out []span
	start := 0
	for _, l := range locs {
		end := utf8.RuneCountInString(v[:l[1]])
		part := span{sp.s + start, sp.s + end}
		if _, ok := cleanOrg(w, part); !ok {
			return []span{sp}
		}
		out = append(out, part)
		start = end
	}
	if sp.s+start != sp.e {
		return []span{sp} // text after the last legal form: a branch or a note
	}
	for _, p := range out[1:] {
		if branchRe.MatchString(w.str(p)) {
			return []span{sp}
		}
	}
	return out
}

// consortiumRe matches the end of a consortium's name: "A、B联合体",
// "A与B组成的联合体", "A和B（联合体）".
var consortiumRe = regexp.MustCompile(`\s*(?:组成的|组成)?\s*[(]?\s*联合体\s*[)]?$`)

// consortiumMembers splits a consortium's name ("A、B联合体", "A与B组成的
// 联合体") into the spans of its members. It reports false unless the name
// ends with 联合体 and every part before it is an organisation name.
func consortiumMembers(w *view, sp span) ([]span, bool) {
	rs := w.rs
	v := w.normStr(sp)
	loc := consortiumRe.FindStringIndex(v)
	if loc == nil {
		return nil, false
	}
	inner := span{sp.s, sp.s + utf8.RuneCountInString(v[:loc[0]])}
	var out []span
	depth, start := 0, inner.s
	for i := inner.s; i <= inner.e; i++ {
		if i < inner.e {
			r := normRune(rs[i])
			switch {
			case r == '(':
				depth++
				continue
			case r == ')':
				if depth > 0 {
					depth--
				}
				continue
			case depth > 0 || (r != '、' && r != '与' && r != '和' && r != '及' && r != '/' && r != '+'):
				continue
			}
		}
		part, ok := cleanOrg(w, span{start, i})
		if !ok {
			// "与" or "和" inside a name ("科技与信息有限公司"): keep reading.
			if i < inner.e && normRune(rs[i]) != '、' {
				continue
			}
			return nil, false
		}
		out = append(out, part)
		start = i + 1
	}
	return out, len(out) > 1
}

// leadNoteRe marks a member note of a consortium written member by member:
// "A（牵头人）、B（成员）".
var leadNoteRe = regexp.MustCompile(`[(](?:联合体)?(?:牵头人|牵头方|牵头单位|主办方|成员|成员单位|成员方)[)]`)

// cutValue trims a value to its first clause (up to a tab, comma,
// semicolon or full stop) and reports whether anything is left.
func cutValue(rs []rune, sp span) (span, bool) {
	sp = trim(rs, sp)
	for i := sp.s; i < sp.e; i++ {
		if r := normRune(rs[i]); r == '\t' || r == ';' || r == ',' || r == '。' {
			sp.e = i
			break
		}
	}
	sp = trim(rs, sp)
	return sp, sp.e > sp.s
}
