package redact

import (
	"sort"
	"strings"
)

// personLabels are the labels whose value is one or more persons, as
// literals over folded text. Role words match through their last part
// ("设计分项负责人", "工程总承包项目经理", "专职安全员", "专家名单"), so the
// list holds endings; a label only counts when a colon, space or tab
// follows it (see labelTail).
var personLabelWords = []string{"负责人", "联系人", "联 系 人", "项目经理", "总监", "安全员", "经办人", "法定代表人", "法人代表",
	"委托代理人", "代理人", "授权代表", "代表", "被授权人", "名单", "姓名", "姓 名", "评委", "成员", "组员", "专家", "人员", "员",
	"监理", "主管", "团队", "工程师", "建造师", "总工", "签收人", "收件人", "收货人", "验收人", "审核人", "复核人", "记录人", "监督人",
	"联络人", "对接人", "联系方式",
	// field names of crawler exports printed into the text ("projectContactPerson : 黄某某")
	"ContactPerson", "contactPerson", "ContactName", "contactName", "linkman", "Linkman", "LinkMan"}

// stopWords start tokens that are no longer about the person: the
// organisation's address, codes and dates that follow in the same line.
var stopWords = []string{"地址", "邮编", "邮政编码", "网址", "开户", "账号", "帐号", "项目", "日期", "时间", "金额", "报价",
	"单位名称", "采购人", "代理机构", "供应商", "中标", "成交", "预算", "备注", "注:", "说明"}

// orgSuffixes end organisation names, which are never persons.
var orgSuffixes = []string{"公司", "局", "院", "所", "中心", "学校", "大学", "学院", "集团", "厂", "部", "处", "委员会", "银行", "医院", "政府", "站", "队", "社", "会"}

// personLabels finds "label：value" pairs in prose and in label/value
// table rows and redacts the persons in the value. One pass over the runes
// finds every label (see labelIndex); the labels are then read word by
// word in personLabelWords order, as a search per word would find them.
func (f *finder) personLabels() {
	for _, end := range personLabels.ends(f.rs) {
		f.personLabelAt(end)
	}
}

// labelIndex holds the person labels as runes, indexed by their last rune,
// so one scan of the text finds them all.
type labelIndex struct {
	words  [][]rune
	byLast map[rune][]int // last rune → indexes into words
	// last marks the last runes of the Basic Multilingual Plane, a bit
	// each, so most runes are passed over without a map lookup (which was
	// most of the scan's time).
	last [0x10000 / 64]uint64
}

// personLabels is the package's label index: built once, only read.
var personLabels = newLabelIndex(personLabelWords)

// ends returns the rune offset just after every occurrence of every word
// in rs, word by word in the index's order and by position within a word:
// the order a search per word finds them in, from one scan of rs.
func (ix *labelIndex) ends(rs []rune) []int {
	type hit struct{ word, end int }
	var hits []hit
	for i, r := range rs {
		if r < 0x10000 && ix.last[r>>6]&(1<<(r&63)) == 0 {
			continue
		}
		for _, w := range ix.byLast[r] {
			wr := ix.words[w]
			if s := i + 1 - len(wr); s >= 0 && runesAt(rs, s, wr) {
				hits = append(hits, hit{w, i + 1})
			}
		}
	}
	sort.SliceStable(hits, func(a, b int) bool { return hits[a].word < hits[b].word })
	out := make([]int, len(hits))
	for i, h := range hits {
		out[i] = h.end
	}
	return out
}

func newLabelIndex(words []string) labelIndex {
	ix := labelIndex{byLast: map[rune][]int{}}
	for i, w := range words {
		wr := []rune(w)
		ix.words = append(ix.words, wr)
		last := wr[len(wr)-1]
		ix.byLast[last] = append(ix.byLast[last], i)
		if last < 0x10000 {
			ix.last[last>>6] |= 1 << (last & 63)
		}
	}
	return ix
}

// runesAt reports whether rs[i:] starts with w.
func runesAt(rs []rune, i int, w []rune) bool {
	if i < 0 || i+len(w) > len(rs) {
		return false
	}
	for k, r := range w {
		if rs[i+k] != r {
			return false
		}
	}
	return true
}

// maxLaterCells caps the cells read after a label cell ("项目负责人\t无\t
// 张三,…\t李四,…"): rows list a few persons, and the cap keeps Find linear.
const maxLaterCells = 8

// personLabelAt reads the value of a person label ending at rune p.
func (f *finder) personLabelAt(p int) {
	p, sep := labelTail(f.rs, p)
	if !strings.ContainsAny(sep, ": \t") {
		return // "安全员、施工员", "建造师·公路工程": a word, not a label
	}
	e := f.cellEnd(p)
	if p == e && strings.Contains(sep, ":") && e < len(f.rs) && f.rs[e] == '\n' {
		// "论证专家名单：" with the names on the next line
		p = e + 1
		e = f.cellEnd(p)
	}
	f.personValue(p, e)
	if strings.Contains(sep, "\t") {
		// a label cell: every later cell of the row may hold another person
		for cells := 0; cells < maxLaterCells && e < len(f.rs) && f.rs[e] == '\t'; cells++ {
			p = e + 1
			e = f.cellEnd(p)
			f.personValue(p, e)
		}
	}
}

// labelTail skips what may follow a label before its value: a number
// (监理员2), a parenthesised note, 名单 or 及电话, then colons, spaces and
// tabs. It returns the value start and the separator runes skipped last.
func labelTail(rs []rune, p int) (int, string) {
	for k := 0; k < 2 && p < len(rs) && isDigit(rs[p]); k++ {
		p++
	}
	if p < len(rs) && rs[p] == '(' {
		q := p + 1
		for q < len(rs) && q-p <= 20 && rs[q] != ')' && rs[q] != '(' && rs[q] != '\n' {
			q++
		}
		if q < len(rs) && rs[q] == ')' {
			p = q + 1
		}
	}
	for _, w := range []string{"名单", "及联系电话", "及联系方式", "及电话", "及方式"} {
		if hasPrefixAt(rs, p, w) {
			p += len([]rune(w))
			break
		}
	}
	s := p
	for p < len(rs) && (rs[p] == ' ' || rs[p] == ':' || rs[p] == '\t') {
		p++
	}
	return p, string(rs[s:p])
}

// personRecords redacts cells written as personnel records, "姓名,证书名称,
// 证书编号" (Yichang and other public-resource platforms list staff this
// way), whatever their row label says: a cell that starts with a name
// directly followed by a comma and holds another comma.
func (f *finder) personRecords() {
	for p := 0; p < len(f.rs); {
		end := f.lineEnd(p)
		for _, c := range splitCells(f.rs, p, end) {
			s := c[0]
			for s < c[1] && f.rs[s] == ' ' {
				s++
			}
			n := f.names.nameAt(f.rs, s)
			if n == 0 || s+n >= c[1] || f.rs[s+n] != ',' {
				continue
			}
			if strings.ContainsRune(string(f.rs[s+n+1:c[1]]), ',') {
				f.personValue(s, c[1])
				f.recordNames(s+n+1, c[1])
			}
		}
		p = end + 1
	}
}

// recordNames redacts every further record of a personnel-record cell:
// a name after '、' directly followed by a comma ("…、何钦,注册土木工程师、
// 其他,AY2022…、李长森,其他,***"), wherever personValue stopped.
func (f *finder) recordNames(s, e int) {
	for i := s; i < e; i++ {
		if f.rs[i] != '、' {
			continue
		}
		if n := f.names.nameAt(f.rs, i+1); n > 0 && i+1+n < e && f.rs[i+1+n] == ',' {
			f.add(i+1, i+1+n, KindPerson)
		}
	}
}

// personHeader reports whether a whole header cell names a person column
// (专家姓名, 项目负责人, 评委); titles such as 高级工程师 or 职称 do not.
func personHeader(label string) bool {
	if len([]rune(label)) > 8 {
		return false
	}
	for _, s := range []string{"姓名", "名单", "负责人", "联系人", "项目经理", "法定代表人", "成员", "评委", "专家", "经办人"} {
		if strings.HasSuffix(label, s) {
			return true
		}
	}
	return false
}

// splitCells returns the [start,end) of each tab-separated cell of a line.
func splitCells(rs []rune, s, e int) [][2]int {
	var out [][2]int
	cs := s
	for i := s; i <= e; i++ {
		if i == e || rs[i] == '\t' {
			out = append(out, [2]int{cs, i})
			cs = i + 1
		}
	}
	return out
}

// personValue walks the value of a person label, [s,e): it must start
// with a name; names, certificate numbers and certificate types of those
// persons follow, separated by 、，,; or spaces. Names and numbers are
// redacted; the walk stops at anything else.
func (f *finder) personValue(s, e int) {
	rs := f.rs
	p := s
	first := true
	for tokens := 0; p < e && tokens < 24; tokens++ {
		for p < e && strings.ContainsRune(" ,;、/()[]:", rs[p]) {
			p++
		}
		if p >= e {
			return
		}
		if n := f.names.spacedNameAt(rs, p); n > 0 && p+n <= e {
			f.add(p, p+n, KindPerson)
			first = false
			p += n
			continue
		}
		q := p
		for q < e && !strings.ContainsRune(" ,;、/", rs[q]) {
			q++
		}
		if !first && newLabel(rs[p:q]) {
			return // "项目联系电话：…": the next field of the line
		}
		if n := f.names.nameAt(rs, p); n > 0 && p+n <= q && (first || p+n == q || listBoundary(rs[p+n])) {
			f.add(p, p+n, KindPerson)
			f.codes(p+n, q)
			first = false
			p = q
			continue
		}
		if (!first || q < e && rs[q] == '、' || blankTo(rs, q, e)) && q-p == 4 && f.names.single[rs[p]] && allHan(rs[p:q]) && !orgName(string(rs[p:q])) && !labelWord(string(rs[p:q])) {
			// a name of a list with a three-character given name
			// (联系人：季金恋子、柯宁)
			f.add(p, q, KindPerson)
			p = q
			continue
		}
		if first {
			return
		}
		tok := string(rs[p:q])
		for _, w := range stopWords {
			if strings.HasPrefix(tok, w) {
				return
			}
		}
		if looksDate(rs[p:q]) {
			return
		}
		if f.codes(p, q) {
			p = q
			continue
		}
		if len([]rune(tok)) > 24 || orgName(tok) {
			return
		}
		p = q // a certificate type or title: 职称证, 注册一级建造师·建筑工程
	}
}

// codes redacts the certificate and registration numbers in [s,e): runs
// of letters, digits and code punctuation with at least four digits,
// widened left over a province abbreviation and 建安 (鄂建安B…). It
// reports whether any was found.
func (f *finder) codes(s, e int) bool {
	rs := f.rs
	found := false
	for i := s; i < e; {
		if !codeRune(rs[i]) {
			i++
			continue
		}
		j := i
		digits := 0
		for j < e && codeRune(rs[j]) {
			if isDigit(rs[j]) {
				digits++
			}
			j++
		}
		if digits >= 4 {
			a := i
			if a-2 >= s && hasPrefixAt(rs, a-2, "建安") {
				a -= 2
			}
			if a-1 >= s && strings.ContainsRune(provinces, rs[a-1]) {
				a--
			}
			a, b := trimSpan(rs, a, j)
			f.add(a, b, KindCert)
			found = true
		}
		i = j
	}
	return found
}

// provinces are the one-character province abbreviations that prefix
// registration numbers (鄂242141…, 粤建安C3…).
const provinces = "京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤琼川蜀贵黔云滇陕秦甘陇青蒙桂藏宁新港澳台"

func codeRune(r rune) bool {
	return isASCIIAlnum(r) || strings.ContainsRune("*-_.#()[]【】〔〕", r)
}

// newLabel reports whether a token starts another "label:" field that is
// not a certificate or ID number of the person ("证书编号:", "证件号码:"
// continue the person's record).
func newLabel(tok []rune) bool {
	for i, r := range tok {
		if r == ':' {
			if i == 0 || i > 10 {
				return false
			}
			l := string(tok[:i])
			return !strings.Contains(l, "号") && !strings.Contains(l, "证") && !strings.Contains(l, "编码")
		}
		if !isHan(r) {
			return false
		}
	}
	return false
}

// listBoundary reports runes that may follow a name inside a list of
// persons ("李四,职称证", "李四(组长)"); a name glued to other brackets
// ("武职任〔2023〕336号") is a document number.
func listBoundary(r rune) bool {
	return strings.ContainsRune(",、;/ ():", r) || isHan(r)
}

// looksDate reports tokens such as 2023-05-01 or 2023年5月.
func looksDate(rs []rune) bool {
	d := 0
	for i, r := range rs {
		if isDigit(r) {
			d++
			continue
		}
		if d == 4 && (r == '年' || r == '-' || r == '.' || r == '/') && i+1 < len(rs) && isDigit(rs[i+1]) {
			return true
		}
		d = 0
	}
	return false
}

// orgName reports tokens that end like an organisation name.
func orgName(tok string) bool {
	for _, s := range orgSuffixes {
		if strings.HasSuffix(tok, s) && len([]rune(tok)) > len([]rune(s))+1 {
			return true
		}
	}
	return false
}

// personColumns redacts the cells of table columns whose header is a
// person label ("专家姓名", "项目负责人"), down to the end of the table.
func (f *finder) personColumns() {
	var cols []int
	width := 0 // cells of the header row
	for p := 0; p < len(f.rs); {
		end := f.lineEnd(p)
		cells := splitCells(f.rs, p, end)
		if len(cells) < 2 {
			cols = nil
			p = end + 1
			continue
		}
		var header []int
		for i, c := range cells {
			if c[1]-c[0] > 12 {
				continue
			}
			label := strings.ReplaceAll(string(f.rs[c[0]:c[1]]), " ", "")
			if label != "" && personHeader(label) {
				header = append(header, i)
			}
		}
		if len(header) > 0 {
			cols, width = header, len(cells)
		} else {
			// A row with fewer cells than its header continues cells
			// spanned from the rows above (rowspan, usually on the left:
			// a company with several track-record rows), so its person
			// cell is also looked for counted from the right.
			short := width - len(cells)
			for _, i := range cols {
				if i < len(cells) {
					f.personValue(cells[i][0], cells[i][1])
				}
				if j := i - short; short > 0 && j >= 0 && j < len(cells) {
					f.personValue(cells[j][0], cells[j][1])
				}
			}
		}
		p = end + 1
	}
}

// contactPhrases finds names in running text that asks the reader to get
// in touch with a person: "请与张老师联系", "与李工联系".
func (f *finder) contactPhrases() {
	rs := f.rs
	for i := 0; i+3 < len(rs); i++ {
		if rs[i] != '与' {
			continue
		}
		n := surnames.nameAt(rs, i+1)
		if n == 0 {
			continue
		}
		if e := i + 1 + n; e+2 <= len(rs) && rs[e] == '联' && rs[e+1] == '系' {
			f.add(i+1, e, KindPerson)
		}
	}
	// A surname with an honorific directly before a phone number is a
	// contact, even glued to the organisation's name:
	// "北仑区发展和改革局李老师0574…". Digits are rarer than surname
	// characters, so the search starts from the first digit of a number.
	for e := 1; e < len(rs); e++ {
		if !isDigit(rs[e]) || isDigit(rs[e-1]) {
			continue
		}
		for _, hr := range honorificRunes {
			i := e - 1 - len(hr)
			if len(hr) >= 2 && i >= 0 && surnames.single[rs[i]] && runesAt(rs, i+1, hr) {
				f.add(i, e, KindPerson)
			}
		}
	}
}

func allHan(rs []rune) bool {
	for _, r := range rs {
		if !isHan(r) {
			return false
		}
	}
	return true
}

// blankTo reports whether rs[i:e] is only spaces: the token before i is
// the whole rest of a value.
func blankTo(rs []rune, i, e int) bool {
	for ; i < e; i++ {
		if rs[i] != ' ' && rs[i] != '\u3000' && rs[i] != '\t' {
			return false
		}
	}
	return true
}

// labelWord reports whether tok ends with a person label ("项目总工"): a
// row label, not a name.
func labelWord(tok string) bool {
	for _, w := range personLabelWords {
		if strings.HasSuffix(tok, w) {
			return true
		}
	}
	return false
}
