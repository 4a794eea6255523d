package notice

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// field is what a label introduces.
type field int

// Fields a label can introduce. fIgnore labels (people, phones, dates of
// other events) are recognised only so they end the value before them.
const (
	fNone field = iota
	fIgnore
	fBuyer
	fAgency
	fWinner
	fCandidate // a ranked candidate; the rank comes from the label
	fCandList  // a row label over a list of candidates (transposed tables)
	fSingle    // the proposed supplier of a single-source notice
	fBidder
	fSupplierName // 供应商名称: role from context
	fOrgName      // 名称 / 单位名称: org of the current section
	fAward
	fBid // a bidder's or candidate's quoted price
	fBudget
	fBudgetCap // 最高限价 / 控制价: a budget of lower priority
	fCode
	fCodeLow // 采购计划编号 and the like: project code of last resort
	fLotCode
	fLotName
	fName
	fAddress
	fBuyerAddress
	fAgencyAddress
	fSupplierAddress
	fPublished
	fRegion
	fRank
	fProseName // a project name read from the opening sentence
	fCorrDate  // 更正日期 / 本次变更日期: the date of a correction
)

// labelFields maps a label, compacted and stripped of parenthesised parts
// ("中标（成交）金额（元）" → "中标金额"), to its field.
var labelFields = buildLabels(map[field][]string{
	fBuyer: {"招标人", "采购人", "采购单位", "建设单位", "招标单位", "采购人名称", "招标人名称", "采购单位名称",
		"建设单位名称", "业主", "业主单位", "业主名称", "项目单位", "招标采购单位", "采购方", "需求单位", "比选人",
		"询比人", "发包人", "项目业主", "采购人单位", "采购主体"},
	fAgency: {"招标代理机构", "招标代理", "招标机构", "代理机构", "采购代理机构", "采购代理", "采购代理人",
		"招标代理人", "集中采购机构", "采购代理机构名称", "代理机构名称", "招标代理机构名称",
		"代理单位", "招标代理单位", "招标代理人名称", "采购代理人名称", "代理人名称",
		"采购代理公司", "招标代理公司", "代理公司", "代理人", "采购代理单位", "委托代理机构", "招标机构名称", "采购机构名称", "集中采购机构名称", "组织机构", "采购组织机构", "比选代理机构"},
	fWinner: {"中标人", "中标单位", "中标供应商", "成交供应商", "中标人名称", "中标单位名称", "中标供应商名称",
		"成交供应商名称", "成交人", "成交单位", "中标方", "成交方", "中选人", "中选单位", "中选供应商", "中标成交供应商",
		"中标机构", "中标候选人及中标人", "成交人名称", "中标成交供应商名称", "中标公司", "成交公司"},
	fCandList: {"中标候选人名称", "中标候选人", "候选人名称", "成交候选人", "成交候选人名称", "中标候选人单位名称",
		"候选人"},
	fSingle:       {"拟定供应商", "拟定的唯一供应商", "唯一供应商", "拟定供应商名称", "拟采购供应商", "单一来源供应商", "拟定唯一供应商名称", "拟定的唯一供应商名称"},
	fBidder:       {"投标人名称", "投标单位名称", "投标人", "投标单位", "投标供应商", "投标供应商名称", "响应供应商", "参与供应商"},
	fSupplierName: {"供应商名称", "供应商", "单位名称供应商"},
	fOrgName:      {"名称", "单位名称", "名 称"},
	fAward: {"中标价", "中标金额", "成交金额", "中标价格", "成交价格", "成交价", "中标总价", "成交总价", "中标总金额",
		"成交总金额", "总中标金额", "中标成交金额", "中标报价", "成交报价", "合同金额", "合同总金额", "合同价",
		"合同总价", "中选金额", "中选价", "中标额", "成交额", "中标费率金额", "签约合同价", "中标价款", "中标成交价格"},
	fBid: {"投标报价", "报价", "最终报价", "投标价", "投标总价", "投标金额", "响应报价", "磋商报价", "谈判报价",
		"评标价", "最后报价", "投标报价金额"},
	fBudget: {"预算金额", "采购预算", "项目预算", "预算", "采购预算金额", "项目预算金额", "预算价", "采购金额",
		"招标预算", "预算资金", "财政预算", "项目总预算", "预算总金额", "采购项目预算", "预算金额总计", "招标金额", "预估采购金额", "预估金额", "估算金额", "采购估算金额",
		"采购预估金额", "项目估算金额", "预算价格", "年度预算", "采购预算价", "招标预算价", "整体预算", "总预算"},
	fBudgetCap: {"最高限价", "招标控制价", "控制价", "最高投标限价", "采购控制价", "总价最高限价", "最高报价限价",
		"拦标价", "采购最高限价", "项目最高限价", "本项目最高限价", "最高限额", "控制价总价", "最高限价总价", "最高含税限价", "含税最高限价", "含税限价", "最高投标限价总价", "投标限价", "最高含税总价限价",
		"最高总价限价", "总价限价"},
	fCode: {"项目编号", "采购项目编号", "招标编号", "采购编号", "招标项目编号", "政府采购编号", "项目代码",
		"采购文件编号", "招标文件编号", "项目号", "工程编号", "交易编号", "采购项目代码", "项目编码", "比选编号",
		"询价编号", "磋商编号", "谈判编号", "招标项目代码", "采购计划编号项目编号", "公告编号"},
	fCodeLow: {"采购计划编号", "委托代理编号", "计划编号", "备案编号", "标段编号", "标段包编号", "包编号", "标包编号"},
	fLotCode: {"包号", "标段号", "标包号", "分包号", "包件号", "标项"},
	fLotName: {"标段名称", "标段包名称", "包名称", "分包名称", "标包名称", "标项名称"},
	fName: {"项目名称", "采购项目名称", "招标项目名称", "工程名称", "项目名", "采购项目", "招标项目", "采购名称",
		"工程项目名称", "比选项目名称", "原公告项目名称"},
	fAddress:         {"地址", "详细地址", "联系地址", "通讯地址", "单位地址", "办公地址", "地点"},
	fBuyerAddress:    {"采购人地址", "招标人地址", "采购单位地址", "建设单位地址", "业主地址"},
	fAgencyAddress:   {"代理机构地址", "采购代理机构地址", "招标代理机构地址", "代理单位地址"},
	fSupplierAddress: {"供应商地址", "中标人地址", "成交供应商地址", "中标供应商地址", "中标单位地址"},
	fPublished: {"公告发布日期", "发布日期", "发布时间", "公告日期", "公告时间", "信息发布时间", "公告发布时间",
		"发布于", "公示日期", "公示时间", "合同公告日期"},
	fCorrDate: {"更正日期", "本次变更日期", "变更日期", "本次更正日期", "更正公告日期", "澄清日期", "变更公告日期", "更正发布日期"},
	fRegion:   {"行政区域", "所属地区", "所属区域", "行政区划", "项目所在地区", "所属行政区划"},
	fRank:     {"名次", "排名", "排序", "推荐排名", "中标候选人排序", "候选人排序", "推荐顺序", "排名顺序"},
	fIgnore: {"联系人", "项目联系人", "联系电话", "电话", "联系方式", "传真", "邮编", "邮政编码", "电子邮件", "电子邮箱",
		"邮箱", "手机", "网址", "开户银行", "开户行", "账号", "户名", "项目负责人", "技术负责人", "项目经理",
		"安全员", "总监理工程师", "设计负责人", "施工负责人", "法定代表人", "负责人", "姓名", "身份证号",
		"评审专家", "评标委员会成员", "评审委员会成员", "专家姓名", "职称", "证书编号", "注册证书编号", "建设地点",
		"履约期限", "工期", "服务期限", "交货期", "质量目标", "质量标准", "资质证书名称及编号", "备注",
		"采购内容", "采购需求", "中标范围和内容", "招标范围", "项目概况", "服务内容", "投诉电话", "监督电话",
		"开标时间", "开标地点", "投标截止时间", "截止时间", "获取时间", "公示期", "公示期限", "资金来源",
		"采购方式", "招标方式", "评标办法", "评审得分", "得分", "评审结果", "监督部门", "行业主管部门",
		"异议受理联系人", "首次公告日期", "原公告地址", "品目", "采购品目",
		"规格型号", "数量", "单价", "单位", "品牌", "服务地点", "交货地点", "项目地点", "合同履行期限",
		"安全生产许可证名称及编号", "项目联系电话", "代理机构联系人", "采购人联系人", "采购代理机构联系人",
		"联系人及电话", "邮件", "QQ", "E-mail", "Email", "招标人代表", "监督人", "代理机构工作人员", "专业",
		"评审专家名单", "其他", "邮箱地址", "电子邮箱地址", "电子邮件地址", "邮件地址", "网站地址", "网页地址", "网络地址", "IP地址", "公告地址", "下载地址", "委托代理人", "授权代表", "被授权人", "时间", "日期", "金额单位", "币种", "注", "说明"},
})

// buildLabels turns the field → labels table into a label → field map.
func buildLabels(m map[field][]string) map[string]field {
	out := make(map[string]field)
	for f, labels := range m {
		for _, l := range labels {
			out[stripLabel(compact(l))] = f
		}
	}
	return out
}

// numberingRe matches list numbering before a label: "2.1", "一、", "（三）", "1)", "第二条".
var numberingRe = regexp.MustCompile(`^(?:[(\[]?(?:\d{1,2}(?:\.\d{1,2})*|[一二三四五六七八九十]{1,3})[)\]]?[、.．)]?|[①②③④⑤⑥⑦⑧⑨⑩]|[*★▲●■◆·•-])+`)

// parenRe matches a parenthesised part of a label (units, 成交, 包).
var parenRe = regexp.MustCompile(`\([^()]{0,16}\)|\[[^\[\]]{0,16}\]|<[^<>]{0,16}>`)

// stripLabel removes numbering, parenthesised parts and trailing colons
// from a compacted label.
func stripLabel(l string) string {
	l = strings.TrimRight(l, ":")
	if l == "" {
		return l
	}
	if r, _ := utf8.DecodeRuneInString(l); strings.ContainsRune("([0123456789一二三四五六七八九十①②③④⑤⑥⑦⑧⑨⑩*★▲●■◆·•-", r) {
		l = numberingRe.ReplaceAllString(l, "")
	}
	return strings.Trim(withoutParens(l), ":/、.-_")
}

// withoutParens removes the parenthesised parts parenRe matches from s,
// without running the regexp on text that has no bracket.
func withoutParens(s string) string {
	if !strings.ContainsAny(s, "([<") {
		return s
	}
	return parenRe.ReplaceAllString(s, "")
}

// labelUnit reads a money unit from a label's parenthesised parts:
// "中标价(元)" → "元", "预算金额（万元）" → "万元". A label that declares a
// rate and no money unit ("中标价(%)", "下浮率", "费率") gives "%": its
// values are never sums of money.
func labelUnit(label string) string {
	c := compact(label)
	switch {
	case strings.ContainsAny(c, "%％率比扣数") && (percentUnitRe.MatchString(c) || rateLabelRe.MatchString(withoutParens(c))) && !strings.Contains(c, "元") && !strings.Contains(c, "金额"):
		return "%"
	case strings.Contains(c, "万元") || strings.Contains(c, "(万)"):
		return "万元"
	case strings.Contains(c, "元"):
		return "元"
	}
	return ""
}

// percentUnitRe marks a percent sign used as a unit ("中标价(%)"), not one
// in a note about tax ("招标控制价（含9%增值税）").
var percentUnitRe = regexp.MustCompile(`(?:^|[^0-9.])[%％]`)

// rateLabelRe marks labels of rates rather than sums: 下浮率, 费率, 折扣率.
var rateLabelRe = regexp.MustCompile(`率|百分比|折扣|系数`)

// fieldOf looks a compacted label up, trying each part of a label written
// as alternatives ("采购预算/最高限价").
func fieldOf(c string) (field, bool) {
	st := stripLabel(c)
	if f, ok := labelFields[st]; ok {
		return f, true
	}
	if strings.Contains(st, "/") {
		for _, part := range strings.Split(st, "/") {
			if f, ok := labelFields[stripLabel(part)]; ok {
				return f, true
			}
		}
	}
	return fNone, false
}

// lookupLabel returns the field of the label that ends s (the text before
// a colon), accepting a trailing 为/是 and parenthesised parts ("中标（成交）
// 金额（元）"); the longest label wins. start is the rune index in s where
// the label begins.
func lookupLabel(s string) (f field, start int) { return lookupLabelRunes([]rune(s)) }

// lookupLabelRunes is lookupLabel of the runes rs.
func lookupLabelRunes(rs []rune) (f field, start int) {
	// The compact form without parenthesised parts, mapped back to rs. A
	// bracket left open ("X（招标文件编号") keeps the text after it.
	cr := make([]rune, 0, len(rs))
	idx := make([]int, 0, len(rs))
	var pr []rune // inside an open bracket
	var pi []int
	depth := 0
	for i, r := range rs {
		r = normRune(r)
		switch {
		case r == ' ' || r == '\t':
			continue
		case r == '(' || r == '[':
			depth++
			pr, pi = pr[:0], pi[:0]
			continue
		case (r == ')' || r == ']') && depth > 0:
			depth--
			pr, pi = pr[:0], pi[:0]
			continue
		case depth > 0:
			pr, pi = append(pr, r), append(pi, i)
			if len(pr) > 16 { // not a short parenthesised part
				cr, idx = append(cr, pr...), append(idx, pi...)
				pr, pi, depth = pr[:0], pi[:0], 0
			}
			continue
		}
		cr = append(cr, r)
		idx = append(idx, i)
	}
	cr, idx = append(cr, pr...), append(idx, pi...)
	end := len(cr)
	for end > 0 && (cr[end-1] == '为' || cr[end-1] == '是') {
		end--
	}
	// The candidates cr[k:end] as one UTF-8 string, so each lookup is a
	// substring of it rather than a conversion of runes.
	from := max(0, end-24)
	tail := make([]byte, 0, 4*(end-from))
	at := make([]int, 0, end-from)
	for _, r := range cr[from:end] {
		at = append(at, len(tail))
		tail = utf8.AppendRune(tail, r)
	}
	for k := from; k < end; k++ {
		if f, ok := labelFields[string(tail[at[k-from]:])]; ok {
			return f, labelStart(rs, cr, idx, k)
		}
	}
	return fNone, 0
}

// rolePrefixes are the party words a label may be written after
// ("采购单位联系方式", "采购代理机构联系人"), longest first.
var rolePrefixes = [][]rune{[]rune("采购代理机构"), []rune("招标代理机构"), []rune("代理机构"), []rune("采购单位"),
	[]rune("建设单位"), []rune("招标单位"), []rune("采购人"), []rune("招标人"), []rune("供应商"), []rune("中标人")}

// labelStart returns where a label found at cr[k:] begins in the original
// runes rs: a party word written before it, from a separator or white
// space on ("南宁市鲁班路81号 采购单位联系方式"), belongs to the label, not
// to the value before.
func labelStart(rs, cr []rune, idx []int, k int) int {
	for _, p := range rolePrefixes {
		b := k - len(p)
		if b < 0 || !slices.Equal(cr[b:k], p) {
			continue
		}
		if i := idx[b]; i == 0 || isSpace(rs[i-1]) || strings.ContainsRune(",，;；。、)）", rs[i-1]) {
			return i
		}
	}
	return idx[k]
}
