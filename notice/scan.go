package notice

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// kv is one label and its value as read from the text.
type kv struct {
	f     field
	rank  int    // candidate rank from the label (第一中标候选人 → 1)
	label string // the label as written
	unit  string // money unit declared by the label
	v     span   // the value, trimmed
	line  int    // index of the line in extractor.lines
	prose bool   // read from a sentence, not a label
	ctx   field  // section role in force when the value was read
	lot   string // lot in force when the value was read
}

// rankRe reads an ordinal before a candidate label.
var rankRe = regexp.MustCompile(`第([一二三四五六七八九十1-9])(?:名|中标|成交|中选|候选|推荐)`)

// ordinal reads 一..十, Ⅰ..Ⅹ or 1..9 as a number.
func ordinal(s string) int {
	if d, ok := cnSmall(s); ok {
		return d
	}
	if rs := []rune(s); len(rs) == 1 && rs[0] >= 'Ⅰ' && rs[0] <= 'Ⅹ' {
		return int(rs[0]-'Ⅰ') + 1
	}
	if len(s) == 1 && s[0] >= '1' && s[0] <= '9' {
		return int(s[0] - '0')
	}
	return 0
}

// candidateRank reads the rank of a candidate from a label or cell
// ("第一中标候选人", "第二名", "1").
func candidateRank(s string) int {
	c := compact(s)
	if m := rankRe.FindStringSubmatch(c); m != nil {
		return ordinal(m[1])
	}
	c = strings.TrimSuffix(strings.TrimPrefix(c, "第"), "名")
	if n := ordinal(c); n > 0 {
		return n
	}
	return 0
}

// labelCell reports the field of a cell that holds only a label ("中标人:",
// "中标价(元)"), and the label's unit.
func (x *extractor) labelCell(sp span) (field, string, bool) {
	t := x.compactStr(sp)
	if t == "" || utf8.RuneCountInString(t) > 30 {
		return fNone, "", false
	}
	// A colon inside brackets ("（人民币：元）") does not start a value.
	if strings.IndexByte(t, ':') >= 0 {
		if u := withoutParens(t); strings.IndexByte(u, ':') >= 0 && strings.IndexByte(u, ':') < len(u)-1 {
			return fNone, "", false
		}
	}
	f, ok := fieldOf(t)
	if !ok {
		if rankRe.MatchString(t) && strings.Contains(t, "候选") {
			return fCandidate, "", true
		}
		return fNone, "", false
	}
	return f, labelUnit(t), true
}

// colonLabel is a label found before a colon inside a segment.
type colonLabel struct {
	f          field
	start      int // rune offset where the label begins
	colon      int // rune offset of the colon
	label      string
	unit       string
	rank       int
	knownLabel bool
}

// scanSegment reads "label：value" pairs inside one cell or paragraph.
// Returns the pairs and whether the segment ended with a label whose value
// is in the next cell.
func (x *extractor) scanSegment(sp span, li int) (out []kv, pending *colonLabel) {
	var labels []colonLabel
	prev := sp.s
	for p := sp.s; p < sp.e; p++ {
		if x.nr[p] != ':' {
			continue
		}
		// Times (9:00) and URLs (http://) are not labels.
		if p > sp.s && p+1 < sp.e && isDigit(x.nr[p-1]) && isDigit(x.nr[p+1]) {
			continue
		}
		if p+1 < sp.e && x.nr[p+1] == '/' {
			continue
		}
		f, k := lookupLabelRunes(x.rs[prev:p])
		cl := colonLabel{f: f, colon: p}
		if f != fNone {
			cl.start = prev + k
			cl.knownLabel = true
		} else {
			// An unknown label: the short run after the last separator.
			st := p
			for st > prev && !isSpace(x.rs[st-1]) && !strings.ContainsRune(",，;；。、)）", x.rs[st-1]) && p-st < 14 {
				st--
			}
			if st == p || (st > prev && !isSpace(x.rs[st-1]) && !strings.ContainsRune(",，;；。、)）", x.rs[st-1])) {
				continue // no plausible label boundary: the colon is part of a value
			}
			if lotOf(x.compactStr(span{st, p})) != "" {
				continue // "标段1：399520元" belongs to the value before it
			}
			cl.start = st
			cl.f = fIgnore
		}
		cl.label = x.str(span{cl.start, p})
		cl.unit = labelUnit(cl.label)
		if cl.f == fNone || cl.f == fIgnore {
			c := compact(cl.label)
			if strings.Contains(c, "候选") && rankRe.MatchString(c) {
				cl.f = fCandidate
			}
		}
		if cl.f == fCandidate || cl.f == fCandList {
			// The ordinal may precede the label found: 第一|中标候选人.
			from := cl.start - 3
			if from < prev {
				from = prev
			}
			cl.rank = candidateRank(x.str(span{from, p}))
			if cl.rank > 0 {
				cl.f = fCandidate
			}
		}
		labels = append(labels, cl)
		prev = p + 1
	}
	for i, cl := range labels {
		end := sp.e
		if i+1 < len(labels) {
			end = labels[i+1].start
		}
		v := trim(x.rs, span{cl.colon + 1, end})
		if v.s >= v.e {
			if i == len(labels)-1 {
				c := cl
				pending = &c
			}
			continue
		}
		if cl.f == fIgnore {
			x.ignored = append(x.ignored, cl.start)
			continue
		}
		out = append(out, kv{f: cl.f, rank: cl.rank, label: cl.label, unit: cl.unit, v: v, line: li})
	}
	return out, pending
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// proseRe reads "采购人为X，" sentences.
var proseRe = regexp.MustCompile(`(招标人|采购人|采购单位|建设单位|业主单位|项目业主|招标代理机构|采购代理机构|代理机构|采购代理人|招标代理人|采购代理单位|招标代理单位)(?:为|是|系)([^,;。:\t()]{4,70})`)

// roleWordRe matches a role word written before a name in prose
// ("受招标人X的委托", "受采购单位X委托").
var roleWordRe = regexp.MustCompile(`^(?:招标人|采购人|采购单位|建设单位|业主单位|项目业主|业主|发包人|招标单位|比选人|(?:招标|采购)?代理(?:机构|单位|人))\s*`)

// proseNameRe reads the project name of the standard tender opening
// "本招标项目X已由…批准" / "本项目X已具备采购条件".
var proseNameRe = regexp.MustCompile(`^本(?:招标|采购|询比|比选|磋商|谈判)?项目(?:名称为|为)?([^,;。:\t]{4,80}?)(?:,|已由|已具备|已经|\((?:项目)?编号|(?:建设单位|招标人|采购人|项目业主|业主|发包人)(?:为|是))`)

// proseEntrustRe reads "X受Y(的)委托" (X the agency, Y the buyer).
var proseEntrustRe = regexp.MustCompile(`^([^,;。:\t受]{4,60})受([^,;。:\t]{4,60}?)(?:的)?委托`)

// proseEntrustedRe reads "受Y委托，X就…" (Y the buyer, X the agency).
var proseEntrustedRe = regexp.MustCompile(`^受([^,;。:\t]{4,60}?)(?:的)?委托,\s*([^,;。:\t]{4,60}?)(?:就|对|拟|现)`)

// proseJiuRe reads the project of "…现就X进行公开招标" / "现对X进行询比采购".
var proseJiuRe = regexp.MustCompile(`(?:现|,)(?:就|对)([^,;。:\t]{4,100}?)(?:进行|组织|实施)`)

// proseNameDateRe reads the project name of a results notice's opening
// "X于2025年05月20日在…发布招标公告".
var proseNameDateRe = regexp.MustCompile(`^([^,;。:\t]{4,100}?)于\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:在|通过)[^,;。]{0,40}(?:发布|进行|公开)`)

// proseBudgetRe reads "最高限价为238369元" sentences.
var proseBudgetRe = regexp.MustCompile(`(预算金额|采购预算|项目预算|总预算|最高限价|招标控制价|采购控制价|最高投标限价|控制价)(?:总价|总额)?(?:\([^)]{0,10}\))?(?:为|是)?\s*((?:人民币|含税价|含税)?\s*¥?\s*[0-9][0-9,.]*\s*(?:万元|元|万))`)

// The groups of proseCues: the words each sentence pattern of scanProse
// needs in a paragraph before it is run there.
const (
	cueAny     = iota // some pattern may match
	cueOrgs           // proseRe: 采购人为…
	cueBudget         // proseBudgetRe
	cueIs             // 为, 是: proseBudgetRe without one is checked first
	cueEntrust        // proseEntrustRe, proseEntrustedRe
	cueJiu            // proseJiuRe
	cueYu             // proseNameDateRe, with cueYear
	cueYear
	nProseCues
)

var proseCues = newCueSet((&[nProseCues][]string{
	cueAny:     {"为", "是", "系", "委托", "就", "对", "于", "预算", "限价", "控制价"},
	cueOrgs:    {"人为", "人是", "人系", "单位为", "单位是", "业主为", "业主是", "机构为", "机构是"},
	cueBudget:  {"预算", "限价", "控制价"},
	cueIs:      {"为", "是"},
	cueEntrust: {"委托"},
	cueJiu:     {"就", "对"},
	cueYu:      {"于"},
	cueYear:    {"年"},
})[:]...)

// scanProse reads the sentence forms of a paragraph.
func (x *extractor) scanProse(sp span, li int) []kv {
	var out []kv
	s := x.normStr(sp)
	cues := proseCues.find(s)
	has := func(g int) bool { return cues&(1<<g) != 0 }
	if !has(cueAny) {
		return nil
	}
	// off maps a byte offset of s to a rune offset of the text.
	off := func(b int) int { return x.normRuneAt(int(x.nb[sp.s]) + b) }
	// Each pattern runs only on text holding the words it needs.
	orgs := has(cueOrgs)
	budget := has(cueBudget)
	if budget && !has(cueIs) {
		budget = proseBudgetRe.MatchString(s)
	}
	entrust := has(cueEntrust)
	jiu := has(cueJiu)
	named := strings.HasPrefix(s, "本")
	dated := has(cueYu) && has(cueYear)
	if !orgs && !budget && !entrust && !jiu && !named && !dated {
		return nil
	}
	for _, m := range findAll(proseRe, s, orgs) {
		f, _ := lookupLabel(s[m[2]:m[3]])
		if f != fBuyer && f != fAgency {
			continue
		}
		out = append(out, kv{f: f, label: s[m[2]:m[3]], v: span{off(m[4]), off(m[5])}, line: li, prose: true})
	}
	// "受招标人X的委托": the role word before X is not part of the name.
	role := func(b, e int) span {
		if m := roleWordRe.FindStringIndex(s[b:e]); m != nil && e-(b+m[1]) >= 4 {
			b += m[1]
		}
		return span{off(b), off(e)}
	}
	for _, m := range findN(proseEntrustRe, s, entrust, 1) {
		out = append(out, kv{f: fAgency, label: "受…委托", v: role(m[2], m[3]), line: li, prose: true},
			kv{f: fBuyer, label: "受…委托", v: role(m[4], m[5]), line: li, prose: true})
	}
	for _, m := range findN(proseEntrustedRe, s, entrust, 1) {
		out = append(out, kv{f: fBuyer, label: "受…委托", v: role(m[2], m[3]), line: li, prose: true},
			kv{f: fAgency, label: "受…委托", v: role(m[4], m[5]), line: li, prose: true})
	}
	for _, m := range findN(proseJiuRe, s, jiu, 1) {
		out = append(out, kv{f: fProseName, label: "就…进行", v: span{off(m[2]), off(m[3])}, line: li, prose: true})
	}
	for _, m := range findN(proseNameRe, s, named, 1) {
		out = append(out, kv{f: fProseName, label: "本项目", v: span{off(m[2]), off(m[3])}, line: li, prose: true})
	}
	for _, m := range findN(proseNameDateRe, s, dated, 1) {
		out = append(out, kv{f: fProseName, label: "于…发布", v: span{off(m[2]), off(m[3])}, line: li, prose: true})
	}
	for _, m := range findAll(proseBudgetRe, s, budget) {
		f, _ := lookupLabel(s[m[2]:m[3]])
		out = append(out, kv{f: f, label: s[m[2]:m[3]], v: span{off(m[4]), off(m[5])}, line: li})
	}
	return out
}

// findAll returns the submatch indexes of re in s when run is true.
func findAll(re *regexp.Regexp, s string, run bool) [][]int { return findN(re, s, run, -1) }

// findN returns at most n submatch indexes of re in s when run is true.
func findN(re *regexp.Regexp, s string, run bool, n int) [][]int {
	if !run {
		return nil
	}
	return re.FindAllStringSubmatchIndex(s, n)
}

// The groups of headingCues: the words that give a heading its role.
const (
	headBuyer = iota
	headAgency
	headSingle
	headCandidate
	headWinner
	headOther // sections about another party or subject
	nHeadingCues
)

var headingCues = newCueSet((&[nHeadingCues][]string{
	headBuyer:     {"采购人", "招标人", "采购单位", "建设单位"},
	headAgency:    {"代理"},
	headSingle:    {"唯一供应商", "拟定供应商", "拟定的供应商", "单一来源供应商"},
	headCandidate: {"候选"},
	headWinner:    {"中标", "成交", "中选"},
	headOther:     {"监督", "投诉", "主管部门", "联系方式", "专家", "财政部门", "标的"},
})[:]...)

// headingRole is the role a short heading line puts in force for the generic
// labels after it (名称, 地址, 供应商名称).
func headingRole(c string) (field, bool) {
	if len([]rune(c)) > 40 {
		return fNone, false
	}
	if i := strings.Index(c, ":"); i >= 0 && i < len(c)-1 {
		return fNone, false
	}
	cues := headingCues.find(c)
	has := func(g int) bool { return cues&(1<<g) != 0 }
	buyer, agency := has(headBuyer), has(headAgency)
	switch {
	case has(headSingle):
		return fSingle, true
	case has(headCandidate):
		return fCandList, true
	case has(headWinner) && !buyer && !agency:
		return fWinner, true
	case buyer && agency:
		return fIgnore, true
	case agency:
		return fAgency, true
	case buyer:
		return fBuyer, true
	case has(headOther):
		return fIgnore, true
	case sectionRe.MatchString(c):
		return fIgnore, true // a new numbered section about something else
	}
	return fNone, false
}

// sectionRe matches a numbered section heading: "四、主要标的信息".
var sectionRe = regexp.MustCompile(`^(?:[一二三四五六七八九十]{1,3}[、.]|\d{1,2}[、.])`)

// lotRe reads a lot heading: 标段1, 包2, 第三包, 标项一, (包1).
var lotRe = regexp.MustCompile(`^[(\[]?(?:第?([一二三四五六七八九十\dⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]{1,3})(?:包|标段|标项|分标|标包|合同包|子包)|(?:标段|包|标项|标包|分包|合同包|包组|子包)\s*([一二三四五六七八九十\dⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]{1,3}|[A-Z]))[)\]]?(?:[:,\s、.-]|$)`)

// lotFirstRunes are the runes a match of lotRe can begin with: a bracket,
// 第, a numeral, or the first rune of one of its words. A line that starts
// otherwise is no lot heading, and lotRe is not run on it.
const lotFirstRunes = "([第一二三四五六七八九十0123456789ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ标包分合子"

// lotOf reads the lot a line announces, "" when none.
func lotOf(c string) string {
	if r, _ := utf8.DecodeRuneInString(c); !strings.ContainsRune(lotFirstRunes, r) {
		return ""
	}
	m := lotRe.FindStringSubmatch(c)
	if m == nil {
		return ""
	}
	v := m[1] + m[2]
	if n := ordinal(v); n > 0 {
		return strconv.Itoa(n)
	}
	if n, err := strconv.Atoi(v); err == nil {
		return strconv.Itoa(n)
	}
	return v
}
