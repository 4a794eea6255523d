// Package notice is the extraction stage of enduse: it reads the fields of
// a procurement notice — type, title, dates, project code and name, buyer,
// agency, suppliers with their roles, lots, budget and award amounts — from
// a decoded enduse.Document, and records for each field the span of text it
// was read from.
//
// It reads the three shapes Chinese notices come in: label/value tables
// (招标人 | X), prose ("项目采购人为X，采购代理人为Y") and the numbered
// sections of ccgp.gov.cn templates ("1.采购人信息 名称：X 地址：Y").
// A field the notice does not state is left empty, never guessed; people
// (contacts, project managers) are recognised only to be skipped.
package notice

import (
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/enduse/enduse"
)

// extractor holds one document while its fields are read.
type extractor struct {
	d     *enduse.Document
	view  // the text
	lines []line
	kvs   []kv
	sups  []supplierAt
	typ   enduse.NoticeType
	// supIndex maps a supplier's compact name to its places in sups while
	// suppliers are being read.
	supIndex map[string][]int
	// addrOf maps a party pair (index into kvs) to the address of its
	// contact block (see linkAddresses).
	addrOf map[int]span
	// ignored holds the rune offsets of the labels read only to end the
	// value before them (联系人, 电话, unknown labels), in text order; they
	// mark where one contact block ends and another begins.
	ignored []int
	// unranked is set when the notice says its candidates are listed in no
	// order (排名不分先后).
	unranked bool
}

// supplierAt is a supplier with the spans it was read from.
type supplierAt struct {
	enduse.Supplier
	name   span
	amount span
	line   int
}

// amountAt is a sum read from the text.
type amountAt struct {
	v     float64
	sp    span
	lot   string
	line  int
	total bool // the label says it is a total
}

// Extract reads the notice fields of a decoded document (DESIGN §4,
// schema 1). It sets Schema, Source, SHA256, ID, URL, Type, Title,
// Published, ProjectCode, ProjectName, Region (name only, from an explicit
// region line or record meta), Buyer, Agency, Suppliers, Lots, Budget,
// AwardAmount, Currency and Evidence (field → rune span of the value in
// d.Text). It never sets Items, Mentions, Hits, Reason, or the sector,
// level, region or English name of an organisation: later stages do.
func Extract(d *enduse.Document) *enduse.Notice {
	if d == nil {
		return &enduse.Notice{Schema: enduse.SchemaVersion, Error: "no document"}
	}
	n := &enduse.Notice{Schema: enduse.SchemaVersion, Source: d.Source, SHA256: d.SHA256, ID: d.RecordID, URL: d.URL}
	x := &extractor{d: d, view: newView(d.Text)}
	x.lines = splitLines(x.rs, validBlocks(d.Blocks, len(x.rs)))
	ev := map[string]enduse.Evidence{}
	x.collect()
	x.linkAddresses()
	x.unranked = unranked(x.ns)

	n.Title = strings.TrimSpace(d.Title)
	if n.Title == "" {
		if sp, ok := x.titleLine(); ok {
			n.Title = x.own(sp)
			x.evidence(ev, "title", sp)
		}
	}
	n.Type = x.noticeType(n.Title)
	x.typ = n.Type
	n.Published = x.published(ev)
	n.ProjectCode = x.projectCode(ev)
	n.ProjectName = x.projectName(ev)
	n.Method = x.method(n.Title, ev)
	n.Region = x.region(ev)
	n.Buyer = x.org(fBuyer, ev, "buyer")
	if n.Buyer == nil {
		n.Buyer = x.titleBuyer(n.Title, ev)
	}
	n.Agency = x.org(fAgency, ev, "agency")
	x.suppliers(n)
	x.amounts(n, ev)
	// Winners first, then single-source suppliers, ranked candidates, bidders.
	sort.SliceStable(x.sups, func(i, j int) bool {
		a, b := x.sups[i], x.sups[j]
		if pa, pb := rolePriority(a.Role), rolePriority(b.Role); pa != pb {
			return pa > pb
		}
		if a.Rank != b.Rank {
			return a.Rank != 0 && (b.Rank == 0 || a.Rank < b.Rank)
		}
		return false
	})
	for i, s := range x.sups {
		n.Suppliers = append(n.Suppliers, s.Supplier)
		key := "suppliers[" + strconv.Itoa(i) + "]"
		x.evidence(ev, key, s.name)
		if s.Amount > 0 && s.amount.e > s.amount.s {
			x.evidence(ev, key+".amount", s.amount)
		}
	}
	if n.Budget > 0 || n.AwardAmount > 0 || len(n.Lots) > 0 || hasSupplierAmount(n.Suppliers) {
		n.Currency = x.currency()
	}
	if len(ev) > 0 {
		n.Evidence = ev
	}
	return n
}

// titleBuyer reads the buyer from the title when the body names none,
// marked as taken from the title; its evidence is the name in the title
// line when the text has one.
func (x *extractor) titleBuyer(title string, ev map[string]enduse.Evidence) *enduse.Org {
	name, _, ok := BuyerFromTitle(title)
	if !ok {
		return nil
	}
	nr := []rune(name)
	for i, l := range x.lines {
		if i > 4 {
			break
		}
		for s := l.s; s+len(nr) <= l.e; s++ {
			if string(x.rs[s:s+len(nr)]) == name {
				x.evidence(ev, "buyer", span{s, s + len(nr)})
				return &enduse.Org{Name: name, From: "title"}
			}
		}
	}
	return &enduse.Org{Name: name, From: "title"}
}

// validBlocks drops blocks whose offsets fall outside the text, so a
// malformed document cannot make the extractor index out of range.
func validBlocks(bs []enduse.Block, n int) []enduse.Block {
	for _, b := range bs {
		if b.Start < 0 || b.End > n || b.Start > b.End {
			return nil
		}
	}
	return bs
}

func hasSupplierAmount(ss []enduse.Supplier) bool {
	for _, s := range ss {
		if s.Amount > 0 {
			return true
		}
	}
	return false
}

// evidence records the span sp as the evidence of field key.
func (x *extractor) evidence(ev map[string]enduse.Evidence, key string, sp span) {
	if sp.s < 0 || sp.e > len(x.rs) || sp.s >= sp.e {
		return
	}
	ev[key] = enduse.Evidence{Start: sp.s, End: sp.e, Text: x.own(sp)}
}

// text returns the text of a span, a substring of the document's text.
func (x *extractor) text(sp span) string { return x.str(sp) }

// own returns the text of a span as a copy, for the values a notice
// keeps: a substring would hold the whole text alive with it.
func (x *extractor) own(sp span) string { return strings.Clone(x.str(sp)) }

// collect reads every label/value pair of the document in order, with the
// section role and lot in force at each.
func (x *extractor) collect() {
	ctx, lot := fNone, ""
	listTables := map[int]bool{} // tables with a row of candidate names
	listRows := map[int]bool{}   // those rows
	for li, l := range x.lines {
		if l.isRow() && x.isListRow(l) {
			listTables[l.table], listRows[li] = true, true
		}
	}
	add := func(k kv) {
		if k.ctx == fNone {
			k.ctx = ctx
		}
		if k.lot == "" {
			k.lot = lot
		}
		switch {
		case k.prose:
			// A sentence names parties but opens no contact block.
		case k.f == fBuyer || k.f == fAgency || k.f == fWinner || k.f == fSingle:
			ctx = k.f
		case k.f == fCandidate || k.f == fCandList:
			ctx = fCandList
		case k.f == fLotCode:
			// Lots are output: copies, not substrings of the text.
			if l := lotOf(x.compactStr(k.v)); l != "" {
				lot = strings.Clone(l)
				k.lot = lot
			} else {
				lot = strings.Clone(x.compactStr(k.v))
				k.lot = lot
			}
		}
		x.kvs = append(x.kvs, k)
	}
	for li, l := range x.lines {
		if l.e <= l.s {
			continue
		}
		whole := x.compactStr(span{l.s, l.e})
		if r, ok := headingRole(whole); ok && len(l.cells) == 1 {
			ctx = r
		}
		if lt := lotOf(whole); lt != "" {
			lot = strings.Clone(lt)
		}
		if listRows[li] || l.isRow() && listTables[l.table] && x.isValueRow(l) {
			continue
		}
		var pending *colonLabel
		skip := -1
		for ci, c := range l.cells {
			if ci == skip {
				continue
			}
			c = trim(x.rs, c)
			if c.s >= c.e {
				continue
			}
			if pending != nil {
				// The next cell is the pending label's value unless it is a
				// label itself, bare (中标人) or with its own value (成交供应商：X).
				if _, _, isLabel := x.labelCell(c); !isLabel && !x.opensWithLabel(c) {
					add(kv{f: pending.f, rank: pending.rank, label: pending.label, unit: pending.unit, v: c, line: li})
					pending = nil
					continue
				}
				pending = nil
			}
			if len(l.cells) > 1 {
				if f, unit, ok := x.labelCell(c); ok {
					// The value is the next cell with text (runs of empty
					// cells are layout).
					nx := ci + 1
					for nx < len(l.cells) && nx-ci <= 16 {
						if t := trim(x.rs, l.cells[nx]); t.e > t.s {
							break
						}
						nx++
					}
					if nx < len(l.cells) {
						next := trim(x.rs, l.cells[nx])
						if _, _, isLabel := x.labelCell(next); !isLabel && !x.opensWithLabel(next) && next.s < next.e {
							label := x.text(c)
							k := kv{f: f, label: label, unit: unit, v: next, line: li}
							if f == fCandidate || f == fCandList {
								k.rank = candidateRank(label)
								if k.rank > 0 {
									k.f = fCandidate
								}
							}
							if f != fIgnore && f != fNone {
								add(k)
							} else {
								x.ignored = append(x.ignored, c.s)
							}
							skip = nx
						}
					}
					continue
				}
			}
			kvs, pend := x.scanSegment(c, li)
			for _, k := range kvs {
				add(k)
			}
			pending = pend
			if !l.isRow() || len(l.cells) == 1 {
				for _, k := range x.scanProse(c, li) {
					add(k)
				}
			}
		}
	}
	sort.SliceStable(x.kvs, func(i, j int) bool { return x.kvs[i].v.s < x.kvs[j].v.s })
	sort.Ints(x.ignored)
}

// titleLine finds a title in the text when the record has none: an early
// short line that names a kind of notice.
func (x *extractor) titleLine() (span, bool) {
	for i, l := range x.lines {
		if i > 8 {
			break
		}
		sp := trim(x.rs, span{l.s, l.e})
		n := sp.e - sp.s
		if n < 6 || n > 120 || l.isRow() {
			continue
		}
		if TypeFromTitle(x.text(sp)) != enduse.TypeOther {
			return sp, true
		}
	}
	return span{}, false
}

// noticeType decides the type: title first, then the URL channel, then
// cues in the body's early headings.
func (x *extractor) noticeType(title string) enduse.NoticeType {
	if t := TypeFromTitle(title); t != enduse.TypeOther {
		return t
	}
	for _, u := range []string{x.d.URL, x.d.Source} {
		if t, ok := TypeFromURL(u); ok {
			return t
		}
	}
	for i, l := range x.lines {
		if i > 15 {
			break
		}
		if l.isRow() || l.e-l.s > 60 {
			continue
		}
		if t := TypeFromTitle(x.text(span{l.s, l.e})); t != enduse.TypeOther {
			return t
		}
	}
	// A notice that states the date of its change is a correction.
	for _, k := range x.kvs {
		if k.f == fCorrDate && !k.prose {
			if _, ok := ParseDate(x.text(k.v)); ok {
				return enduse.TypeCorrection
			}
		}
	}
	return enduse.TypeOther
}

// first returns the first pair of one of the fields whose value passes ok.
func (x *extractor) first(ok func(kv) (span, bool), fs ...field) (kv, span, bool) {
	for _, f := range fs {
		for _, k := range x.kvs {
			if k.f != f {
				continue
			}
			if sp, good := ok(k); good {
				return k, sp, true
			}
		}
	}
	return kv{}, span{}, false
}

// published is the record's date, else a 发布日期-style line.
func (x *extractor) published(ev map[string]enduse.Evidence) string {
	if p, ok := ParseDate(x.d.Published); ok {
		return p
	}
	var date string
	if _, sp, ok := x.first(func(k kv) (span, bool) {
		d, ok := ParseDate(x.text(k.v))
		date = d
		return k.v, ok
	}, fPublished); ok {
		x.evidence(ev, "published", sp)
		return date
	}
	// A page header line: "2022年06月13日 10:15 来源：…", or a bare date
	// under the title before any labelled line (not the value of 交货时间：).
	labelled := false
	for i, l := range x.lines {
		if i > 4 {
			break
		}
		sp := trim(x.rs, span{l.s, l.e})
		t := x.text(sp)
		bare := !labelled && headerDateOnlyRe.MatchString(t)
		labelled = labelled || strings.ContainsAny(t, ":：")
		if l.isRow() || sp.e-sp.s > 60 || !headerDateRe.MatchString(t) && !bare {
			continue
		}
		if d, ok := ParseDate(t); ok {
			x.evidence(ev, "published", sp)
			return d
		}
	}
	// A correction that states no other date is published on the day of
	// its change (本次变更日期 / 更正日期).
	if _, sp, ok := x.first(func(k kv) (span, bool) {
		d, ok := ParseDate(x.text(k.v))
		date = d
		return k.v, ok
	}, fCorrDate); ok {
		x.evidence(ev, "published", sp)
		return date
	}
	if sp, d, ok := x.signatureDate(); ok {
		x.evidence(ev, "published", sp)
		return d
	}
	return ""
}

// signatureDateRe is a line that is only a date, as a notice's closing
// signature writes it ("2022年1月11日", "2022-01-11").
var signatureDateRe = regexp.MustCompile(`^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$|^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$`)

// signatureDate reads the date of a notice's closing signature — the
// issuer's name on one line, the date alone on the next, at the end of the
// text ("新疆维吾尔自治区公安厅\n2022年1月11日") — for notices with no
// publication label. Only the last few lines are looked at, so dates in the
// body (deadlines, signing dates) are never taken for it.
func (x *extractor) signatureDate() (span, string, bool) {
	seen := 0
	for i := len(x.lines) - 1; i > 0 && seen < 4; i-- {
		l := x.lines[i]
		sp := trim(x.rs, span{l.s, l.e})
		if sp.e <= sp.s {
			continue
		}
		seen++
		if l.isRow() || !signatureDateRe.MatchString(x.text(sp)) {
			continue
		}
		// The line before is the signer: short text, no label.
		for j := i - 1; j >= 0; j-- {
			prev := trim(x.rs, span{x.lines[j].s, x.lines[j].e})
			if prev.e <= prev.s {
				continue
			}
			t := x.text(prev)
			if x.lines[j].isRow() || prev.e-prev.s > 40 || strings.ContainsAny(t, ":：") {
				return span{}, "", false
			}
			break
		}
		if d, ok := ParseDate(x.text(sp)); ok {
			return sp, d, true
		}
	}
	return span{}, "", false
}

// headerDateRe marks a page-header line that carries the publication date.
var headerDateRe = regexp.MustCompile(`发布|来源|时间|日期`)

// headerDateOnlyRe is a header line that is only a date and time, as the
// ccgp page writes it under the title ("2022年01月05日 10:30").
var headerDateOnlyRe = regexp.MustCompile(`^(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})(\s*\d{1,2}:\d{2}(:\d{2})?)?$`)

// codeRe is a project code: letters, digits and the punctuation codes use,
// possibly with Chinese (湘财采计[2018]012509号).
var codeRe = regexp.MustCompile(`^[\p{Han}A-Za-z0-9\-_/.()\[\]〔〕【】（）#＃·]{3,60}`)

// bracketCodeRe finds a code in brackets after words: "以系统生成为准（X-1）".
var bracketCodeRe = regexp.MustCompile(`^\p{Han}{3,}[(\[]([A-Za-z0-9][A-Za-z0-9\-_/.]{2,40})[)\]]$`)

// projectCode reads 项目编号 and its synonyms, then record meta.
func (x *extractor) projectCode(ev map[string]enduse.Evidence) string {
	valid := func(k kv) (span, bool) {
		sp := k.v
		// The code ends at white space or a separator, or at a closing
		// bracket it did not open: "（项目编号：XJHX-2022-952）已按规定程序…".
		depth := 0
		for i := sp.s; i < sp.e; i++ {
			r := x.nr[i]
			switch r {
			case '(', '[', '〔', '【':
				depth++
			case ')', ']', '〕', '】':
				depth--
			}
			if r == ' ' || r == ',' || r == ';' || r == '。' || r == '、' || r == '\t' || depth < 0 {
				sp.e = i
				break
			}
		}
		sp = trim(x.rs, sp)
		// Drop a closing bracket the code was quoted in: "（项目编号：X）".
		for sp.e > sp.s {
			v := x.normStr(sp)
			last := v[len(v)-1]
			if (last == ')' && strings.Count(v, "(") < strings.Count(v, ")")) ||
				(last == ']' && strings.Count(v, "[") < strings.Count(v, "]")) || last == '.' {
				sp.e--
				continue
			}
			break
		}
		// "以系统生成为准（ZGZB2025-563）": the code is the bracketed part.
		if m := bracketCodeRe.FindStringSubmatchIndex(x.normStr(sp)); m != nil {
			t := x.normStr(sp)
			sp = span{sp.s + utf8.RuneCountInString(t[:m[2]]), sp.s + utf8.RuneCountInString(t[:m[3]])}
		}
		v := x.normStr(sp)
		m := codeRe.FindString(v)
		if m == "" || len([]rune(m)) != len([]rune(v)) {
			return sp, false
		}
		if !strings.ContainsAny(v, "0123456789") {
			return sp, false
		}
		if strings.Contains(v, "详见") || strings.Contains(v, "年") && strings.Contains(v, "月") {
			return sp, false
		}
		return sp, true
	}
	if _, sp, ok := x.first(valid, fCode, fCodeLow); ok {
		x.evidence(ev, "project_code", sp)
		return x.own(sp)
	}
	for _, key := range []string{"project_code", "projectCode", "prjNo", "项目编号", "code"} {
		if v := strings.TrimSpace(x.d.Meta[key]); v != "" && len([]rune(v)) <= 60 {
			return v
		}
	}
	return ""
}

// projectName reads 项目名称 and its synonyms.
func (x *extractor) projectName(ev map[string]enduse.Evidence) string {
	valid := func(k kv) (span, bool) {
		sp := k.v
		if k.prose && k.line > 12 {
			return sp, false // only the opening sentence names the project
		}
		for i := sp.s; i < sp.e; i++ {
			if x.nr[i] == '\t' || x.nr[i] == ';' || x.nr[i] == ',' || x.nr[i] == '。' {
				sp.e = i
				break
			}
		}
		if k.prose && badNameStartRe.MatchString(x.text(sp)) {
			return sp, false
		}
		sp = trim(x.rs, sp)
		for sp.e > sp.s && strings.ContainsRune("。.", x.rs[sp.e-1]) {
			sp.e--
		}
		v := x.compactStr(sp)
		n := len([]rune(v))
		if n < 2 || n > 150 || v == "/" || strings.HasPrefix(v, "详见") {
			return sp, false
		}
		return sp, true
	}
	if _, sp, ok := x.first(valid, fName, fLotName, fProseName); ok {
		x.evidence(ev, "project_name", sp)
		return x.own(sp)
	}
	return ""
}

// badNameStartRe marks prose captures that are a clause, not a name.
var badNameStartRe = regexp.MustCompile(`^(?:该|此|其|上述|以上|下述|下列|前述|包括|采用|为|已|在|由|是|的|不|须|应|将|拟|对|共|分|按|经|通过|现|受)`)

// placeRe is a place name as a region line states it.
var placeRe = regexp.MustCompile(`^[\p{Han}]{2,20}(?:省|市|县|区|旗|州|盟|自治区|特别行政区)$`)

// region reads an explicit region line or the record's region meta. The
// code stays empty unless the record gives one; another stage resolves it.
func (x *extractor) region(ev map[string]enduse.Evidence) *enduse.Region {
	if _, sp, ok := x.first(func(k kv) (span, bool) {
		sp := trim(x.rs, k.v)
		return sp, placeRe.MatchString(x.compactStr(sp))
	}, fRegion); ok {
		x.evidence(ev, "region", sp)
		return &enduse.Region{Name: strings.Clone(x.compactStr(sp))}
	}
	m := x.d.Meta
	for _, key := range []string{"region", "region_name", "xiaquname", "regionName", "area", "district"} {
		v := strings.TrimSpace(m[key])
		if v == "" || !placeRe.MatchString(v) {
			continue
		}
		r := &enduse.Region{Name: v}
		for _, ck := range []string{"region_code", "xiaqucode", "regionCode", "area_code"} {
			if c := strings.TrimSpace(m[ck]); len(c) == 6 && strings.Trim(c, "0123456789") == "" {
				r.Code = c
			}
		}
		return r
	}
	return nil
}

// org reads the buyer (fBuyer) or agency (fAgency): the first valid name
// after its label, or after 名称 in its section.
func (x *extractor) org(f field, ev map[string]enduse.Evidence, key string) *enduse.Org {
	var name, addr span
	found := false
	// A label of the role itself (招标人：X) outranks a sentence (受招标人X
	// 的委托), which outranks a label of a related role (建设单位, 业主).
	for tier := 0; tier < 3 && !found; tier++ {
		for _, k := range x.kvs {
			if found {
				break
			}
			if k.f != f && !(k.f == fOrgName && k.ctx == f) {
				continue
			}
			if t := 2; k.prose {
				if tier != 1 {
					continue
				}
			} else if primaryRoleRe.MatchString(k.label) || k.f == fAgency || k.f == fOrgName {
				if tier != 0 {
					continue
				}
			} else if tier != t {
				continue
			}
			// Several buyers ("A公司、B公司"): the first one named leads.
			sp, ok := cleanOrg(&x.view, splitOrgs(&x.view, k.v)[0])
			if !ok {
				continue
			}
			name, found = sp, true
		}
	}
	if !found {
		return nil
	}
	// The address is the party's own address label (采购人地址), else the
	// 地址 of a contact block opened by this name (see linkAddresses).
	want := compactName(x.text(name))
	addr = x.ownAddress(f)
	for i, k := range x.kvs {
		if addr.e > addr.s {
			break
		}
		a, ok := x.addrOf[i]
		if !ok || k.prose || (k.f != f && k.f != fOrgName) {
			continue
		}
		if sp, ok := cleanOrg(&x.view, splitOrgs(&x.view, k.v)[0]); ok && compactName(x.text(sp)) == want {
			addr = a
		}
	}
	o := &enduse.Org{Name: compactName(x.text(name))}
	x.evidence(ev, key, name)
	if addr.e > addr.s {
		o.Address = x.own(addr)
		x.evidence(ev, key+".address", addr)
	}
	return o
}

// primaryRoleRe marks the labels that name the buyer's role in the
// procurement itself, not a related one (建设单位, 项目业主).
var primaryRoleRe = regexp.MustCompile(`招标人|采购人|采购单位|招标单位|比选人|询比人|采购方|采购主体|需求单位`)

// compactName removes white space inside a name ("宜昌市公安局 执法办案管理中心" stays
// readable as one name) and normalises its parentheses' width to the text's own.
func compactName(s string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		if isSpace(r) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// ownAddress finds the buyer's (fBuyer) or agency's (fAgency) own address
// label: 采购人地址, 代理机构地址.
func (x *extractor) ownAddress(f field) span {
	own := map[field]field{fBuyer: fBuyerAddress, fAgency: fAgencyAddress}[f]
	if own == fNone {
		return span{}
	}
	for _, k := range x.kvs {
		if k.f == own {
			return addressSpan(x, k.v)
		}
	}
	return span{}
}

// addressSpan trims an address value to the address itself.
func addressSpan(x *extractor, sp span) span {
	for i := sp.s; i < sp.e; i++ {
		if x.nr[i] == '\t' || x.nr[i] == ';' {
			sp.e = i
			break
		}
	}
	sp = trim(x.rs, sp)
	for sp.e > sp.s && strings.ContainsRune("。.", x.rs[sp.e-1]) {
		sp.e--
	}
	v := x.compactStr(sp)
	if n := len([]rune(v)); n < 4 || n > 100 || v == "/" || strings.Contains(v, "详见") {
		return span{}
	}
	// An address never holds a contact person or a phone number; a value
	// that does was read from the wrong place and must not be output.
	if phoneRe.MatchString(v) || strings.ContainsAny(v, "@") || strings.Contains(v, "联系人") || strings.Contains(v, "电话") ||
		strings.Contains(v, "http") || strings.Contains(v, "www.") {
		return span{}
	}
	return sp
}

// currency is CNY unless the amounts are written in another currency.
func (x *extractor) currency() string {
	t := x.ns
	switch {
	case strings.Contains(t, "美元") && !strings.Contains(t, "人民币"):
		return "USD"
	case strings.Contains(t, "欧元") && !strings.Contains(t, "人民币"):
		return "EUR"
	}
	return "CNY"
}

// opensWithLabel reports whether a cell starts with a known label and a
// colon ("成交供应商：X").
func (x *extractor) opensWithLabel(c span) bool {
	for p := c.s; p < c.e && p-c.s <= 30; p++ {
		if x.nr[p] == ':' {
			_, ok := fieldOf(x.compactStr(span{c.s, p}))
			return ok
		}
	}
	return false
}

// isValueRow reports whether a row is a price or rank label over the
// values of several columns ("投标报价 | 100 | 200"). In a table with a
// row of candidate names it is that row's sibling, read with it, not as a
// pair.
func (x *extractor) isValueRow(l line) bool {
	if len(l.cells) < 3 {
		return false
	}
	f, _, ok := x.labelCell(trim(x.rs, l.cells[0]))
	if !ok || (f != fBid && f != fAward && f != fRank) {
		return false
	}
	for _, c := range l.cells[1:] {
		if _, _, isLabel := x.labelCell(trim(x.rs, c)); isLabel || x.opensWithLabel(c) {
			return false
		}
	}
	return true
}

// linesHolding returns, in order, the indexes of the lines whose text holds
// one of the words, from one search of the whole text per word.
func (x *extractor) linesHolding(words ...string) []int {
	var out []int
	for _, w := range words {
		n := utf8.RuneCountInString(w)
		for from := 0; ; {
			i := strings.Index(x.ts[from:], w)
			if i < 0 {
				break
			}
			from += i
			r := x.runeAt(from)
			from += len(w)
			// The line holding rune r: the last one starting at or before it.
			li := sort.Search(len(x.lines), func(j int) bool { return x.lines[j].s > r }) - 1
			if li >= 0 && r+n <= x.lines[li].e {
				out = append(out, li)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
