package casestudy

import (
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/enduse/enduse"
	"golang.org/x/text/encoding/simplifiedchinese"
)

var generate = flag.Bool("generate", false, "rewrite corpus/*.html and truth.json from spec_test.go")

// caseFilter is the case-study query.
var caseFilter = enduse.Filter{Brand: "Seagate", Sector: enduse.SectorPublicSecurity, Region: "65",
	Types: []enduse.NoticeType{enduse.TypeAward, enduse.TypeContract}, From: "2022-01-01", To: "2022-05-12"}

// TestGenerate writes the corpus and its truth with -generate, and
// otherwise checks that the files on disk are what the construction says.
func TestGenerate(t *testing.T) {
	all := specs()
	byFile := map[string]spec{}
	for _, s := range all {
		byFile[s.file] = s
	}
	want := map[string]string{}
	index := map[string]int{}
	for i, s := range all {
		index[s.file] = i
	}
	for _, s := range all {
		src := s
		if s.copyOf != "" {
			orig, ok := byFile[s.copyOf]
			if !ok {
				t.Fatalf("%s: copy of unknown %s", s.file, s.copyOf)
			}
			src = orig
		}
		page := render(src, s.site, index[src.file])
		if src.charset == "gbk" {
			enc, err := simplifiedchinese.GBK.NewEncoder().String(page)
			if err != nil {
				t.Fatalf("%s: encode gbk: %v", s.file, err)
			}
			page = enc
		}
		want["corpus/"+s.file+".html"] = page
	}
	tr := deriveTruth(all)
	b, err := json.MarshalIndent(tr, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	want["truth.json"] = string(b) + "\n"
	if *generate {
		old, _ := filepath.Glob("corpus/*.html")
		for _, f := range old {
			os.Remove(f)
		}
		for name, body := range want {
			if err := os.WriteFile(name, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	onDisk, _ := filepath.Glob("corpus/*.html")
	if len(onDisk) != len(all) {
		t.Errorf("corpus has %d files, construction %d; run go test ./casestudy -run TestGenerate -generate", len(onDisk), len(all))
	}
	for name, body := range want {
		got, err := os.ReadFile(name)
		if err != nil || string(got) != body {
			t.Errorf("%s differs from its construction; run go test ./casestudy -run TestGenerate -generate", name)
		}
	}
}

// deriveTruth states the answer of caseFilter from the construction alone.
func deriveTruth(all []spec) *Truth {
	byFile := map[string]spec{}
	for _, s := range all {
		byFile[s.file] = s
	}
	tr := &Truth{Constructed: true, Filter: caseFilter,
		Note:          "constructed: true. Expected answer of the case-study filter, derived from spec_test.go (the corpus's construction), never from enduse output.",
		ByProductLine: map[string]Count{}, ByType: map[string]Count{}, CoMentions: map[string]Count{}, Personal: personal}
	groups := map[string][]string{} // announcement → files
	var order []string
	buyers := map[string]bool{}
	purchases := map[string]bool{}
	for _, s := range all {
		orig := s
		if s.copyOf != "" {
			orig = byFile[s.copyOf]
		}
		if !inScope(orig) {
			continue
		}
		tr.Documents++
		tr.Files = append(tr.Files, s.file+".html")
		if _, ok := groups[orig.file]; !ok {
			order = append(order, orig.file)
		}
		groups[orig.file] = append(groups[orig.file], s.file+".html")
	}
	for _, g := range order {
		s := byFile[g]
		tr.Notices++
		buyers[s.buyer] = true // the body, however the notice spells it
		tc := tr.ByType[string(s.typ)]
		tc.Notices++
		tr.ByType[string(s.typ)] = tc
		// One purchase per buyer and project (award and contract share it);
		// a notice without a project code is its own purchase.
		purchase := s.buyer + "|" + s.code
		if s.code == "" {
			purchase = s.file
		}
		first := !purchases[purchase]
		purchases[purchase] = true
		lines, brands := map[string]float64{}, map[string]bool{}
		for _, it := range s.items {
			if it.isBrand == seagate {
				lines[it.line] += it.qty
				if first {
					tr.Quantity += it.qty
				}
			} else if it.isBrand != "" {
				brands[it.isBrand] = true
			}
		}
		for l, q := range lines {
			c := tr.ByProductLine[l]
			c.Notices++
			if first {
				c.Quantity += q
			}
			tr.ByProductLine[l] = c
		}
		for b := range brands {
			c := tr.CoMentions[b]
			c.Notices++
			tr.CoMentions[b] = c
		}
		if len(groups[g]) > 1 {
			tr.Groups = append(tr.Groups, groups[g])
		}
	}
	tr.Buyers = len(buyers)
	for b := range buyers {
		tr.BuyerNames = append(tr.BuyerNames, b)
	}
	sort.Strings(tr.BuyerNames)
	sort.Strings(tr.Files)
	return tr
}

// inScope reports whether a constructed notice meets caseFilter.
func inScope(s spec) bool {
	if s.sector != caseFilter.Sector || !strings.HasPrefix(s.region, "65") || !slices.Contains(caseFilter.Types, s.typ) {
		return false
	}
	if s.date < caseFilter.From || s.date > caseFilter.To {
		return false
	}
	for _, it := range s.items {
		if it.isBrand == seagate {
			return true
		}
	}
	return false
}

// ---- rendering ----

// site is a publishing site's wrapper around a notice body.
type site struct {
	name, host, footer string
}

var sites = map[string]site{
	"ccgp": {"中国政府采购网", "www.ccgp.gov.cn", "主办单位：中华人民共和国财政部　中国政府采购网 版权所有"},
	"xj":   {"新疆维吾尔自治区政府采购网", "www.ccgp-xinjiang.gov.cn", "新疆维吾尔自治区财政厅 主办　政府采购监督管理处 承办"},
	"bt":   {"新疆生产建设兵团政府采购网", "www.ccgp-bingtuan.gov.cn", "新疆生产建设兵团财政局 主办"},
	"gs":   {"甘肃政府采购网", "www.ccgp-gansu.gov.cn", "甘肃省财政厅 主办"},
}

// agencies by site.
var agencies = map[string]string{
	"ccgp": "新疆正信招标代理有限公司",
	"xj":   "新疆正信招标代理有限公司",
	"bt":   "兵团公共资源交易中心",
	"gs":   "甘肃中鼎招标代理有限公司",
}

// titleOf is the announcement title a site shows for s.
func titleOf(s spec) string {
	p := s.project
	if !strings.HasPrefix(p, s.buyer) {
		p = s.buyer + p
	}
	switch s.typ {
	case enduse.TypeAward:
		if s.code == "" {
			return p + "成交结果公告"
		}
		return p + "中标（成交）结果公告"
	case enduse.TypeContract:
		return p + "合同公告"
	case enduse.TypeTender:
		return p + "公开招标公告"
	case enduse.TypeCorrection:
		return p + "更正公告"
	case enduse.TypeCandidates:
		return p + "中标候选人公示"
	case enduse.TypeSingleSource:
		return p + "单一来源采购公示"
	case enduse.TypeTermination:
		return p + "废标公告"
	}
	return p + "公告"
}

// cnDate writes 2022-01-10 as 2022年01月10日.
func cnDate(d string) string { return d[:4] + "年" + d[5:7] + "月" + d[8:10] + "日" }

// total is the sum of the items' amounts.
func total(items []item) float64 {
	t := 0.0
	for _, it := range items {
		t += it.qty * it.price
	}
	return t
}

func money(v float64) string {
	s := fmt.Sprintf("%.2f", v)
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String() + "." + frac
}

// render writes s as published on siteKey; n varies personal data.
func render(s spec, siteKey string, n int) string {
	st := sites[siteKey]
	if s.buyerAs != "" {
		s.buyer = s.buyerAs
	}
	e := html.EscapeString
	title := titleOf(s)
	contact := personal[n%3]
	phone := personal[6+n%2]
	office := personal[8+n%2]
	var body strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&body, format+"\n", args...) }
	p := func(text string) { w("<p>%s</p>", e(text)) }
	code := s.code
	switch s.typ {
	case enduse.TypeAward, enduse.TypeCandidates:
		if code != "" {
			p("一、项目编号：" + code)
		} else {
			p("一、项目编号：无")
		}
		p("二、项目名称：" + s.project)
		if s.typ == enduse.TypeCandidates {
			p("三、中标候选人信息")
			p("第一中标候选人：" + s.supplier)
			p("投标报价：" + money(total(s.items)) + "元")
		} else {
			p("三、中标（成交）信息")
			p("供应商名称：" + s.supplier)
			p("供应商地址：新疆维吾尔自治区乌鲁木齐经济技术开发区")
			p("中标（成交）金额：" + money(total(s.items)) + "（元）")
		}
		p("四、主要标的信息")
		writeItems(&body, s, "award")
		p("五、评审专家（单一来源采购人员）名单：")
		p(personal[3] + "、" + personal[4] + "、" + personal[5])
		p("六、代理服务收费标准及金额：")
		p("代理服务收费标准：按国家有关规定执行；代理服务收费金额：1,500.00元")
		p("七、公告期限")
		p("自本公告发布之日起1个工作日。")
		p("八、其他补充事宜")
		p(orNone(s.extra))
	case enduse.TypeContract:
		p("一、合同编号：HT-" + code)
		p("二、合同名称：" + s.project + "采购合同")
		p("三、项目编号：" + code)
		p("四、项目名称：" + s.project)
		p("五、合同主体")
		p("采购人（甲方）：" + s.buyer)
		p("地址：" + s.addr)
		p("联系方式：" + office)
		p("供应商（乙方）：" + s.supplier)
		p("六、合同主要信息")
		var names []string
		for _, it := range s.items {
			names = append(names, it.name)
		}
		p("主要标的名称：" + strings.Join(names, "、"))
		p("规格型号（或服务要求）：详见合同清单")
		p("主要标的数量：详见合同清单")
		p("合同金额：" + money(total(s.items)) + "元")
		p("履约期限、地点等简要信息：合同签订后30日内交货至采购人指定地点")
		p("采购方式：公开招标")
		p("七、合同签订日期：" + s.date)
		p("八、合同公告日期：" + s.date)
		p("九、其他补充事宜：" + orNone(s.extra))
		p("合同清单")
		writeItems(&body, s, "contract")
	case enduse.TypeTender:
		p("项目概况")
		p(s.project + "的潜在投标人应在" + sites[siteKey].name + "获取招标文件，并于2022年03月25日10点00分（北京时间）前递交投标文件。")
		p("一、项目基本情况")
		p("项目编号：" + code)
		p("项目名称：" + s.project)
		p("预算金额：15.0000000 万元（人民币）")
		p("采购需求：")
		if len(s.items) > 0 {
			writeItems(&body, s, "tender")
		}
		if s.extra != "" {
			p(s.extra)
		}
		p("合同履行期限：合同签订后30日内")
		p("本项目不接受联合体投标。")
		p("二、申请人的资格要求：")
		p("1.满足《中华人民共和国政府采购法》第二十二条规定；")
		p("三、获取招标文件")
		p("时间：2022年02月01日至2022年02月10日，每天上午10:00至13:30，下午15:30至19:30（北京时间，法定节假日除外）")
		p("四、提交投标文件截止时间、开标时间和地点")
		p("五、公告期限")
		p("自本公告发布之日起5个工作日。")
	case enduse.TypeCorrection:
		p("一、项目基本情况")
		p("原公告的采购项目编号：" + code)
		p("原公告的采购项目名称：" + s.project)
		p("首次公告日期：2022年01月05日")
		p("二、更正信息")
		p("更正事项：采购文件")
		p("更正内容：" + s.extra)
		p("更正日期：" + cnDate(s.date))
		p("三、其他补充事宜")
		p("无")
	case enduse.TypeSingleSource:
		p("一、采购人名称：" + s.buyer)
		p("二、采购项目名称：" + s.project)
		p("项目编号：" + code)
		p("三、拟采购的货物或服务的说明：" + s.extra)
		p("四、拟采购的货物或服务的预算金额：2.9万元")
		p("五、采用单一来源采购方式的原因及说明：现有设备兼容性要求，只能从原供应商处采购。")
		p("六、拟定的唯一供应商名称、地址：" + s.supplier)
		p("七、公示期限：2022年04月02日至2022年04月08日")
	case enduse.TypeTermination:
		p("一、项目基本情况")
		p("采购项目编号：" + code)
		p("采购项目名称：" + s.project)
		p("二、项目废标的原因")
		p(s.extra)
		p("三、其他补充事宜")
		p("无")
	}
	p("九、凡对本次公告内容提出询问，请按以下方式联系。")
	p("1.采购人信息")
	p("名 称：" + s.buyer)
	p("地 址：" + s.addr)
	p("联系方式：" + contact + " " + office)
	p("2.采购代理机构信息")
	p("名 称：" + agencies[siteKey])
	p("地 址：乌鲁木齐市新市区北京南路")
	p("联系方式：" + phone)
	p("3.项目联系方式")
	p("项目联系人：" + contact)
	p("电 话：" + phone)
	w(`<p style="text-align:right">%s</p>`, e(agencies[siteKey]))
	w(`<p style="text-align:right">%s</p>`, e(cnDate(s.date)))

	var out strings.Builder
	o := func(format string, args ...any) { fmt.Fprintf(&out, format+"\n", args...) }
	o("<!DOCTYPE html>")
	o("<!-- constructed: true — enduse case-study corpus (casestudy/spec_test.go); an invented notice, not a real one. -->")
	if s.charset == "gbk" {
		o(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><meta name="constructed" content="true">`)
	} else {
		o(`<html><head><meta charset="utf-8"><meta name="constructed" content="true">`)
	}
	switch siteKey {
	case "ccgp":
		o("<title>%s_中国政府采购网</title></head><body>", e(title))
		o(`<div class="v_news_header"><span>中国政府采购网</span> 财政部唯一指定政府采购信息网络发布媒体 国家级</div>`)
		o(`<div class="vF_deail_currentloc"><p>当前位置：<a href="/">首页</a> » 政采公告 » 地方公告 » %s</p></div>`, e(channel(s.typ)))
		o(`<div class="vT_detail_header"><h2 class="tc">%s</h2>`, e(title))
		o(`<p class="tc"><span id="pubTime">%s 10:30</span> 来源：<span id="sourceName">新疆维吾尔自治区政府采购网</span></p></div>`, e(cnDate(s.date)))
		o(`<div class="table"><table><tr><td colspan="4"><b>公告概要：</b></td></tr>`)
		o(`<tr><td class="title">采购项目名称</td><td colspan="3">%s</td></tr>`, e(s.project))
		o(`<tr><td class="title">品目</td><td colspan="3">货物/设备/信息化设备/存储设备</td></tr>`)
		o(`<tr><td class="title">采购单位</td><td>%s</td><td class="title">行政区域</td><td>%s</td></tr>`, e(s.buyer), e(regionName(s.region)))
		o(`<tr><td class="title">公告时间</td><td colspan="3">%s 10:30</td></tr>`, e(cnDate(s.date)))
		o(`<tr><td class="title">项目联系人</td><td>%s</td><td class="title">项目联系电话</td><td>%s</td></tr>`, e(contact), e(phone))
		o(`</table></div>`)
		o(`<div class="vF_detail_content">`)
	default:
		o("<title>%s</title></head><body>", e(title))
		o(`<div class="header"><a href="/">%s</a>　首页 | 采购公告 | 结果公告 | 合同公告 | 政策法规</div>`, e(st.name))
		o(`<div class="crumbs">当前位置：首页 &gt; %s</div>`, e(channel(s.typ)))
		o(`<div class="article"><h1>%s</h1>`, e(title))
		o(`<div class="info">发布时间：%s　浏览次数：%d</div>`, s.date, 100+n*7)
		o(`<div class="content">`)
	}
	out.WriteString(body.String())
	o("</div>")
	o(`<div class="footer">%s　网站标识码 %s</div>`, e(st.footer), e(st.host))
	o("</body></html>")
	return out.String()
}

func orNone(s string) string {
	if s == "" {
		return "无"
	}
	return s
}

// channel is the site channel of a notice type.
func channel(t enduse.NoticeType) string {
	switch t {
	case enduse.TypeAward:
		return "中标公告"
	case enduse.TypeContract:
		return "合同公告"
	case enduse.TypeCorrection:
		return "更正公告"
	case enduse.TypeCandidates:
		return "中标候选人公示"
	case enduse.TypeSingleSource:
		return "单一来源公示"
	case enduse.TypeTermination:
		return "废标公告"
	}
	return "招标公告"
}

// regionName is the 行政区域 a ccgp summary shows for a code.
func regionName(code string) string {
	if strings.HasPrefix(code, "62") {
		return "甘肃省"
	}
	return "新疆维吾尔自治区"
}

// writeItems writes the item list as a table or as label runs.
func writeItems(b *strings.Builder, s spec, kind string) {
	e := html.EscapeString
	brandCell := func(it item) string {
		if it.brand == "" {
			return "/"
		}
		return it.brand
	}
	if s.itemsAs == "brandmodel" {
		b.WriteString(`<table border="1" cellspacing="0">` + "\n")
		b.WriteString("<tr><th>序号</th><th>货物名称</th><th>品牌型号</th><th>数量（块）</th><th>单价（元）</th></tr>\n")
		for i, it := range s.items {
			fmt.Fprintf(b, "<tr><td>%d</td><td>%s</td><td>%s %s</td><td>%s</td><td>%s</td></tr>\n",
				i+1, e(it.name), e(it.brand), e(it.model), num(it.qty), money(it.price))
		}
		b.WriteString("</table>\n")
		return
	}
	if s.itemsAs == "prose" {
		b.WriteString("<p>货物类</p>\n")
		for _, it := range s.items {
			fmt.Fprintf(b, "<p>名称：%s</p>\n<p>品牌（如有）：%s</p>\n<p>规格型号：%s</p>\n<p>数量：%s%s</p>\n<p>单价：%s</p>\n",
				e(it.name), e(brandCell(it)), e(it.model), num(it.qty), e(it.unit), money(it.price))
		}
		return
	}
	b.WriteString(`<table border="1" cellspacing="0">` + "\n")
	switch kind {
	case "tender":
		b.WriteString("<tr><th>序号</th><th>货物名称</th><th>品牌</th><th>规格型号</th><th>数量</th><th>单位</th></tr>\n")
		for i, it := range s.items {
			fmt.Fprintf(b, "<tr><td>%d</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
				i+1, e(it.name), e(brandCell(it)), e(it.model), num(it.qty), e(it.unit))
		}
	case "contract":
		b.WriteString("<tr><th>序号</th><th>货物名称</th><th>品牌</th><th>规格型号</th><th>数量</th><th>单位</th><th>单价（元）</th><th>金额（元）</th></tr>\n")
		for i, it := range s.items {
			fmt.Fprintf(b, "<tr><td>%d</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
				i+1, e(it.name), e(brandCell(it)), e(it.model), num(it.qty), e(it.unit), money(it.price), money(it.qty*it.price))
		}
	default:
		b.WriteString("<tr><th>序号</th><th>供应商名称</th><th>名称</th><th>品牌（如有）</th><th>规格型号</th><th>数量</th><th>单价（元）</th></tr>\n")
		for i, it := range s.items {
			fmt.Fprintf(b, "<tr><td>%d</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s%s</td><td>%s</td></tr>\n",
				i+1, e(s.supplier), e(it.name), e(brandCell(it)), e(it.model), num(it.qty), e(it.unit), money(it.price))
		}
	}
	b.WriteString("</table>\n")
}

func num(v float64) string { return fmt.Sprintf("%g", v) }
