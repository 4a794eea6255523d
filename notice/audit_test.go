package notice

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/enduse/enduse"
)

// TestAuditCauses holds one minimal input for each cause of error the
// accuracy audit of unseen notices found (two-column contact blocks,
// unranked candidates, escaped and run-on text, 名称 blocks, consortia,
// rates, several sums in one price, 受X委托, label prefixes left in
// addresses, correction dates). Each case checks a few fields with a
// compact rendering: "buyer|buyer address|agency|agency address" or the
// suppliers as "name/role/rank/amount/consortium; …".
func TestAuditCauses(t *testing.T) {
	orgs := func(n *enduse.Notice) string {
		f := func(o *enduse.Org) string {
			if o == nil {
				return "|"
			}
			return o.Name + "|" + o.Address
		}
		return f(n.Buyer) + "|" + f(n.Agency)
	}
	sups := func(n *enduse.Notice) string {
		var ss []string
		for _, s := range n.Suppliers {
			ss = append(ss, strings.Join([]string{s.Name, string(s.Role), strconv.Itoa(s.Rank), ftoa(s.Amount), s.Consortium}, "/"))
		}
		return strings.Join(ss, "; ")
	}
	amounts := func(n *enduse.Notice) string {
		return "award=" + ftoa(n.AwardAmount) + " " + sups(n)
	}
	meta := func(n *enduse.Notice) string { return string(n.Type) + " " + n.Published }
	for _, tc := range []struct {
		name  string
		title string
		text  string
		get   func(*enduse.Notice) string
		want  string
	}{
		// 1. Two-column and run-on contact blocks.
		{"two-column contact table", "某项目招标公告",
			"项目编号：X1\n招标人：甲乙丙有限公司\t招标代理人：丁戊己咨询有限公司\n地 址：宁波市甲路1号\t地 址：宁波市乙路2号\n联系人：张三\t联系人：李四",
			orgs, "甲乙丙有限公司|宁波市甲路1号|丁戊己咨询有限公司|宁波市乙路2号"},
		{"two blocks side by side in one paragraph", "某项目招标公告",
			"招标人: 甲乙丙有限公司 招标代理机构:丁戊己咨询有限公司\n地址: 宁波市甲路1号 地址:慈溪市乙路2号",
			orgs, "甲乙丙有限公司|宁波市甲路1号|丁戊己咨询有限公司|慈溪市乙路2号"},
		{"run-on labels: the Nth address to the Nth party", "某项目成交公告",
			"采购人名称：长沙市某某局采购代理机构名称：湖南某某咨询有限公司电话：0731-1234567电话：0731-7654321地址：解放西路140号地址：长沙市东二环一段1139号",
			orgs, "长沙市某某局|解放西路140号|湖南某某咨询有限公司|长沙市东二环一段1139号"},
		{"one address after two parties closes the last block", "某项目招标公告",
			"招标人：甲乙丙有限公司\n招标代理人：丁戊己咨询有限公司\n地址：宁波市海曙区某路89号\n联系人：某某",
			orgs, "甲乙丙有限公司||丁戊己咨询有限公司|宁波市海曙区某路89号"},
		{"blocks one after another", "某项目招标公告",
			"采购人：甲乙丙有限公司\n地址：宁波市甲路1号\n代理机构：丁戊己咨询有限公司\n地址：宁波市乙路2号",
			orgs, "甲乙丙有限公司|宁波市甲路1号|丁戊己咨询有限公司|宁波市乙路2号"},
		// 4. Blocks opened by 名称 / 招标机构名称.
		{"名称 and 招标机构名称 blocks", "某项目招标公告",
			"受甲乙丙传媒科技有限公司委托，丁戊己招标有限公司就某项目进行公开招标。\n名 称：甲乙丙传媒科技有限公司\n地 址：宁波市高新区某路5号\n招标机构名称：丁戊己招标有限公司\n地址：宁波市江北区某中心1号楼",
			orgs, "甲乙丙传媒科技有限公司|宁波市高新区某路5号|丁戊己招标有限公司|宁波市江北区某中心1号楼"},
		// 9. A label's party prefix is not part of the address before it.
		{"label prefix not left in address", "某项目更正公告",
			"采购单位名称：某市公安局某某分局 采购单位地址：某市鲁班路81号 采购单位联系方式：某某 采购代理机构名称：某某招标中心 采购代理机构地址：某市纬武路165号 采购代理机构联系方式：某某",
			orgs, "某市公安局某某分局|某市鲁班路81号|某某招标中心|某市纬武路165号"},
		{"an address never carries a contact", "某项目成交公告",
			"成交供应商：某某数码科技有限公司\t地址：\t\t联系人：张三电话：07385318515",
			sups, "某某数码科技有限公司/winner/0/0/"},
		// 2. Ranks.
		{"排名不分先后 leaves ranks empty", "某工程中标候选人公示",
			"中标候选人名称\t甲建设有限公司\t乙建设有限公司\n投标报价(元)\t100.00\t200.00\n推荐2名中标候选人（排名不分先后）。",
			sups, "甲建设有限公司/candidate/0/100/; 乙建设有限公司/candidate/0/200/"},
		{"不标明排序 leaves ranks empty", "某工程中标候选人公示",
			"第一中标候选人：甲建设有限公司\n第二中标候选人：乙建设有限公司\n中标候选人不标明排序。",
			sups, "甲建设有限公司/candidate/0/0/; 乙建设有限公司/candidate/0/0/"},
		{"column order is no rank", "某工程中标候选人公示",
			"中标候选人名称\t甲建设有限公司\t乙建设有限公司\n投标报价(元)\t100.00\t200.00",
			sups, "甲建设有限公司/candidate/0/100/; 乙建设有限公司/candidate/0/200/"},
		{"a rank row gives ranks", "某工程中标候选人公示",
			"中标候选人名称\t甲建设有限公司\t乙建设有限公司\n排序\t2\t1",
			sups, "乙建设有限公司/candidate/1/0/; 甲建设有限公司/candidate/2/0/"},
		// 3. Escaped separators and run-on lines.
		{"literal backslash-t separators", "某法院采购项目成交公告",
			`一、采购编号：\t\t\t\t湘财采计[2018]012509号\t\t\t\t二、成交结果：\t\t\t \t\t成交供应商：常德某某文化有限责任公司\t\t\t品目类别\t\t数量\t\t采购人：某某区人民法院\t\t`,
			func(n *enduse.Notice) string { return n.ProjectCode + " " + orgName(n.Buyer) + " " + sups(n) },
			"湘财采计[2018]012509号 某某区人民法院 常德某某文化有限责任公司/winner/0/0/"},
		{"label inside a run-on line", "某采购项目成交公告",
			"某法院采购项目成交公告 二、成交结果： 成交供应商：常德某某文化有限责任公司 品目名称 数量 成交金额(元) A4纸 480 12,000.00 采购人：某某区人民法院",
			func(n *enduse.Notice) string { return orgName(n.Buyer) + " " + sups(n) },
			"某某区人民法院 常德某某文化有限责任公司/winner/0/0/"},
		{"a name with a space stays whole", "某项目中标结果公告",
			"中标人：宜昌市公安局 执法办案管理中心",
			sups, "宜昌市公安局执法办案管理中心/winner/0/0/"},
		// 5. Consortia.
		{"A、B联合体", "某项目中标结果公告",
			"中标人:\t甲建设有限公司、乙咨询有限公司联合体\n中标价(元):\t1000.00",
			amounts, "award=1000 甲建设有限公司/winner/0/1000/甲建设有限公司、乙咨询有限公司联合体; 乙咨询有限公司/winner/0/1000/甲建设有限公司、乙咨询有限公司联合体"},
		{"A与B组成的联合体", "某项目中标结果公告",
			"中标人：甲建设有限公司与乙咨询有限公司组成的联合体",
			sups, "甲建设有限公司/winner/0/0/甲建设有限公司与乙咨询有限公司组成的联合体; 乙咨询有限公司/winner/0/0/甲建设有限公司与乙咨询有限公司组成的联合体"},
		{"A（牵头人）、B（成员）", "某项目中标结果公告",
			"中标人：甲建设有限公司（牵头人）、乙咨询有限公司（成员）",
			sups, "甲建设有限公司/winner/0/0/甲建设有限公司（牵头人）、乙咨询有限公司（成员）; 乙咨询有限公司/winner/0/0/甲建设有限公司（牵头人）、乙咨询有限公司（成员）"},
		{"several winners are no consortium", "某项目中标结果公告",
			"中标人：甲建设有限公司、乙咨询有限公司",
			sups, "甲建设有限公司/winner/0/0/; 乙咨询有限公司/winner/0/0/"},
		{"consortium price counted once in the award", "某项目中标结果公告",
			"序号\t中标人\t中标金额(元)\n1\t甲建设有限公司、乙咨询有限公司联合体\t5000",
			amounts, "award=5000 甲建设有限公司/winner/0/5000/甲建设有限公司、乙咨询有限公司联合体; 乙咨询有限公司/winner/0/5000/甲建设有限公司、乙咨询有限公司联合体"},
		// 6. Rates.
		{"中标价(%) is a rate", "某项目中标结果公告",
			"中标人:\t甲乙建设有限公司\n中标价(%):\t98.67",
			amounts, "award=0 甲乙建设有限公司/winner/0/0/"},
		{"下浮率 is a rate", "某项目中标结果公告",
			"中标人：甲乙建设有限公司\n中标价：下浮率25.00%",
			amounts, "award=0 甲乙建设有限公司/winner/0/0/"},
		{"(元/%) label with a sum", "某工程中标候选人公示",
			"中标候选人名称\t甲建设有限公司\t乙建设有限公司\n投标报价(元/%)\t100.00\t9.5%",
			sups, "甲建设有限公司/candidate/0/100/; 乙建设有限公司/candidate/0/0/"},
		// 7. Several sums in one price cell.
		{"labelled parts are summed", "某工程中标候选人公示",
			"中标候选人名称\t甲建设有限公司\t乙建设有限公司\n投标报价(元/%)\t建安工程费：15601182.63元、设计费：694400.00元\t建安工程费：100元、设计费：20元",
			sups, "甲建设有限公司/candidate/0/16295582.63/; 乙建设有限公司/candidate/0/120/"},
		{"a stated total wins", "某工程中标候选人公示",
			"中标候选人名称\t甲建设有限公司\t乙建设有限公司\n投标报价\t建安工程费：100元、设计费：20元，合计：120元\t合计120元（其中暂列金10元）",
			sups, "甲建设有限公司/candidate/0/120/; 乙建设有限公司/candidate/0/120/"},
		{"unlabelled sums stay empty", "某工程中标候选人公示",
			"中标候选人名称\t甲建设有限公司\t乙建设有限公司\n投标报价\t100元、20元\t100元或120元",
			sups, "甲建设有限公司/candidate/0/0/; 乙建设有限公司/candidate/0/0/"},
		// 8. 受招标人X的委托, and labels outrank prose.
		{"role word dropped from 受招标人X的委托", "某项目招标公告",
			"受招标人甲乙丙投资有限公司的委托，丁戊咨询有限公司就某项目进行公开招标。",
			orgs, "甲乙丙投资有限公司||丁戊咨询有限公司|"},
		{"招标人 line outranks prose", "某项目招标公告",
			"受甲乙丙投资公司的委托，丁戊咨询有限公司就某项目进行公开招标。\n招标人：甲乙丙投资有限公司",
			orgs, "甲乙丙投资有限公司||丁戊咨询有限公司|"},
		// 10. Correction dates.
		{"本次变更日期 is the publication date", "",
			"项目名称：某设备采购 项目编号：HCA1 二、原公告名称及地址时间等： 首次公告日期：2017年07月11日 本次变更日期：2017年07月26日",
			meta, "correction 2017-07-26"},
		{"a stated publication date wins", "某项目更正公告",
			"发布日期：2017年07月27日\n更正日期：2017年07月26日",
			meta, "correction 2017-07-27"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := Extract(textDoc(tc.title, tc.text))
			if got := tc.get(n); got != tc.want {
				b, _ := json.Marshal(n)
				t.Errorf("got  %s\nwant %s\nnotice %s", got, tc.want, b)
			}
			rs := []rune(tc.text)
			for k, e := range n.Evidence {
				if e.Start < 0 || e.End > len(rs) || string(rs[e.Start:e.End]) != e.Text {
					t.Errorf("evidence %s = %+v does not quote the text", k, e)
				}
			}
			checkNoPersonalData(t, tc.name, n)
		})
	}
}

func TestLabelUnit(t *testing.T) {
	for _, tc := range []struct{ label, want string }{
		{"中标价(%)", "%"},
		{"中标价（%）", "%"},
		{"下浮率", "%"},
		{"投标报价(元/%)", "元"},
		{"招标控制价（含9%增值税）", ""},
		{"预算金额（万元）", "万元"},
		{"中标费率金额", ""},
		{"招标控制价（含税，税率6%）", ""},
	} {
		t.Run(tc.label, func(t *testing.T) {
			if got := labelUnit(tc.label); got != tc.want {
				t.Errorf("labelUnit(%q) = %q, want %q", tc.label, got, tc.want)
			}
		})
	}
}

// runOnText is one long line of labelled contact blocks, with escaped
// separators, repeated n times.
func runOnText(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(`采购人名称：某某市公安局\t\t代理机构名称：某某咨询有限公司 电话：0731-1234567 地址：解放西路140号 地址：东二环一段1139号\t成交供应商：某某科技有限公司 品目名称 数量 成交金额(元) A4纸 480 12,000.00 `)
	}
	return b.String()
}

// TestRunOnLinear checks that a long one-line text costs time linear in
// its length: four times the text may take at most about four times as
// long (with slack for noise).
func TestRunOnLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	measure := func(n int) float64 {
		d := textDoc("某项目成交公告", runOnText(n))
		best := 0.0
		for i := 0; i < 3; i++ {
			r := testing.Benchmark(func(b *testing.B) {
				for b.Loop() {
					Extract(d)
				}
			})
			if ns := float64(r.NsPerOp()); best == 0 || ns < best {
				best = ns
			}
		}
		return best
	}
	small, large := measure(200), measure(800)
	t.Logf("4× the text took %.1f× as long", large/small)
	if large > 8*small {
		t.Errorf("4× the text took %.1f× as long: extraction is not linear", large/small)
	}
}

// BenchmarkRunOn measures extraction of a long one-line escaped text.
func BenchmarkRunOn(b *testing.B) {
	d := textDoc("某项目成交公告", runOnText(500))
	b.SetBytes(int64(len(d.Text)))
	b.ReportAllocs()
	for b.Loop() {
		Extract(d)
	}
}
