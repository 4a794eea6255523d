package notice

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/enduse/enduse"
)

// textDoc builds a decoded document from text laid out as the document
// stage does (one block per line, table cells separated by tabs).
func textDoc(title, text string) *enduse.Document {
	return &enduse.Document{Source: "test.txt", SHA256: "00", Title: title, Text: text}
}

func TestExtract(t *testing.T) {
	type want struct {
		typ                enduse.NoticeType
		buyer, agency      string
		code, name, pub    string
		suppliers          string // "name/role/rank/amount/lot; …"
		budget, award      float64
		lots               int
		region, regionCode string
		currency, error    string
	}
	for _, tc := range []struct {
		name string
		doc  *enduse.Document
		want want
	}{
		{"prose buyer and agency", textDoc("北仑纳凉绿岛夏日宣传项目采购公告",
			"一、采购条件\n本项目北仑纳凉绿岛夏日宣传项目已具备采购条件，现对该项目进行询比采购。项目采购人为宁波市北仑文化旅游投资有限公司，采购代理人为宁波中基国际招标有限公司。\n2.2采购预算（最高限价）：25.00万元"),
			want{typ: enduse.TypeTender, buyer: "宁波市北仑文化旅游投资有限公司", agency: "宁波中基国际招标有限公司",
				name: "北仑纳凉绿岛夏日宣传项目", budget: 250000, currency: "CNY"}},
		{"people are never organisations", textDoc("某项目中标结果公告",
			"采购人：张三\n联系人：李四 13912345678\n中标人：王五\n项目负责人：赵六\n中标价：120000元"),
			want{typ: enduse.TypeAward, award: 120000, currency: "CNY"}},
		{"rate is not an amount", textDoc("某工程设计中标结果公告",
			"招标人：宜昌市某投资有限公司\n中标人：湖北某设计院有限公司\n中标价(报价承诺)：按收费标准的59.5%计取"),
			want{typ: enduse.TypeAward, buyer: "宜昌市某投资有限公司", suppliers: "湖北某设计院有限公司/winner/0/0/"}},
		{"wan yuan and address", textDoc("某项目中标（成交）结果公告",
			"一、项目编号：XJHT-2022-0158（招标文件编号：XJHT-2022-0158）\n二、项目名称：视频存储设备采购项目\n三、中标（成交）信息\n供应商名称：新疆天网信息技术有限公司\n供应商地址：乌鲁木齐市高新区长春南路88号\n中标（成交）金额：123.4（万元）\n九、凡对本次公告内容提出询问，请按以下方式联系。\n1.采购人信息\n名 称：乌鲁木齐市公安局\n地址：乌鲁木齐市天山区南湖路1号\n联系方式：0991-4567890\n2.采购代理机构信息\n名 称：新疆华宇招标代理有限公司"),
			want{typ: enduse.TypeAward, buyer: "乌鲁木齐市公安局", agency: "新疆华宇招标代理有限公司", code: "XJHT-2022-0158",
				name: "视频存储设备采购项目", suppliers: "新疆天网信息技术有限公司/winner/0/1234000/", award: 1234000, currency: "CNY"}},
		{"capital amount", textDoc("某单位办公家具采购成交公告",
			"成交供应商：湖南某家具有限公司\n成交金额：人民币壹拾贰万叁仟肆佰元整"),
			want{typ: enduse.TypeAward, suppliers: "湖南某家具有限公司/winner/0/123400/", award: 123400, currency: "CNY"}},
		{"ranked candidates", textDoc("某道路工程施工中标候选人公示",
			"第一中标候选人：湖北华赢路桥工程有限公司\n投标报价：3078610.00元\n第二中标候选人：湖北省清江路桥建筑有限公司\n投标报价：3096089.00元"),
			want{typ: enduse.TypeCandidates, currency: "CNY",
				suppliers: "湖北华赢路桥工程有限公司/candidate/1/3078610/; 湖北省清江路桥建筑有限公司/candidate/2/3096089/"}},
		{"transposed candidates table", textDoc("某工程中标候选人公示",
			"中标候选人名称\tA建设有限公司\tB建设有限公司\n投标报价(元)\t100.00\t200.00\n名 次\t第二名\t第一名"),
			want{typ: enduse.TypeCandidates, currency: "CNY", suppliers: "B建设有限公司/candidate/1/200/; A建设有限公司/candidate/2/100/"}},
		{"lots with per-lot amounts", textDoc("某设备采购项目中标公告",
			"包1\n中标人：甲科技有限公司\n中标金额：10万元\n包2\n中标人：乙科技有限公司\n中标金额：20万元"),
			want{typ: enduse.TypeAward, currency: "CNY", lots: 2, award: 300000,
				suppliers: "甲科技有限公司/winner/0/100000/1; 乙科技有限公司/winner/0/200000/2"}},
		{"winners table", textDoc("某设备采购项目中标公告",
			"三、中标（成交）信息\n序号\t包号\t供应商名称\t中标（成交）金额（万元）\n1\t1\t甲科技有限公司\t12.5\n2\t2\t乙科技有限公司\t7.5"),
			want{typ: enduse.TypeAward, currency: "CNY", lots: 2, award: 200000,
				suppliers: "甲科技有限公司/winner/0/125000/1; 乙科技有限公司/winner/0/75000/2"}},
		{"buyer and agency not confused", textDoc("某项目招标公告",
			"采购代理机构：新疆正信招标有限公司\n采购人：和田县公安局\n项目编号：HTZC-2022-017"),
			want{typ: enduse.TypeTender, buyer: "和田县公安局", agency: "新疆正信招标有限公司", code: "HTZC-2022-017"}},
		{"single source supplier", textDoc("某局DNA测序仪维保服务单一来源采购公示",
			"采购人：阿克苏地区公安局\n二、拟定供应商信息\n名称：赛默飞世尔科技（中国）有限公司\n地址：上海市浦东新区新金桥路27号"),
			want{typ: enduse.TypeSingleSource, buyer: "阿克苏地区公安局", suppliers: "赛默飞世尔科技（中国）有限公司/single_source/0/0/"}},
		{"type from URL channel", &enduse.Document{Source: "x", URL: "http://www.ccgp.gov.cn/cggg/dfgg/dylygg/202206/t1.htm", Text: "采购人：某某大学"},
			want{typ: enduse.TypeSingleSource, buyer: "某某大学"}},
		{"type from body heading", textDoc("", "中标候选人公示\n标段（包）编号：YDA010005-202501-01"),
			want{typ: enduse.TypeCandidates, code: "YDA010005-202501-01"}},
		{"region line", textDoc("某项目采购公告", "行政区域：新疆维吾尔自治区\n采购人：某某研究院"),
			want{typ: enduse.TypeTender, buyer: "某某研究院", region: "新疆维吾尔自治区"}},
		{"record meta", &enduse.Document{Source: "x", Title: "某工程招标公告", Text: "招标人：某某置业有限公司",
			Meta: map[string]string{"prjNo": "GC2025JC04802", "xiaquname": "五峰土家族自治县", "xiaqucode": "420529"}},
			want{typ: enduse.TypeTender, buyer: "某某置业有限公司", code: "GC2025JC04802", region: "五峰土家族自治县", regionCode: "420529"}},
		{"published from a label", textDoc("某项目中标公告", "公告发布日期：2025-03-21\n中标人：甲有限公司"),
			want{typ: enduse.TypeAward, pub: "2025-03-21", suppliers: "甲有限公司/winner/0/0/"}},
		{"joint buyers: the first leads", textDoc("某项目采购公告", "采购人：宁波开投置业有限公司、宁波江东开发投资有限公司"),
			want{typ: enduse.TypeTender, buyer: "宁波开投置业有限公司"}},
		{"two winners, one line", textDoc("某项目成交公告", "成交供应商：甲有限公司、乙有限公司"),
			want{typ: enduse.TypeAward, suppliers: "甲有限公司/winner/0/0/; 乙有限公司/winner/0/0/"}},
		{"consortium is one supplier per member", textDoc("某项目中标结果公告", "中标人：甲建设有限公司、乙设计院有限公司联合体"),
			want{typ: enduse.TypeAward, suppliers: "甲建设有限公司/winner/0/0/; 乙设计院有限公司/winner/0/0/"}},
		{"budget per lot, no total", textDoc("某检测采购公告",
			"2.4招标控制价：Ⅰ标段：2616175元（含税）；Ⅱ标段：2951257元（含税）。"),
			want{typ: enduse.TypeTender, budget: 5567432, lots: 2, currency: "CNY"}},
		{"budget in a sentence", textDoc("某营销活动类采购公告",
			"2.2 本次招标范围：项目营销各类活动执行工作。本次招标控制价235万元。"),
			want{typ: enduse.TypeTender, budget: 2350000, currency: "CNY"}},
		{"budget per year is not a total", textDoc("某物业管理服务采购项目招标公告", "招标控制价：1247144.00元/年。"),
			want{typ: enduse.TypeTender}},
		{"budget table", textDoc("某项目招标公告", "标段号\t服务内容\t服务期限\t最高限价\n一\t土地报批服务\t一年\t1671540元，其中复垦方案编制最高投标限价为1700元/亩。"),
			want{typ: enduse.TypeTender, budget: 1671540, currency: "CNY"}},
		{"contract notice", textDoc("克拉玛依市公安局警用无人机采购项目合同公告",
			"一、合同编号：KLMY-HT-2022-08\n三、项目编号：KLMYZC2022-015\n五、合同主体\n采购人（甲方）：克拉玛依市公安局\n地址：克拉玛依市准噶尔路1号\n供应商（乙方）：深圳市大疆创新科技有限公司\n地址：深圳市南山区仙元路55号\n六、合同主要信息\n主要标的名称：警用无人机\n合同金额：￥1,980,000.00元"),
			want{typ: enduse.TypeContract, buyer: "克拉玛依市公安局", code: "KLMYZC2022-015", award: 1980000, currency: "CNY",
				suppliers: "深圳市大疆创新科技有限公司/winner/0/1980000/"}},
		{"award table amount first", textDoc("某设备采购中标公告",
			"三、中标（成交）信息\n序号\t中标（成交）金额(元)\t中标供应商名称\t中标供应商地址\n1\t最终报价:365000(元)\t新疆某科技有限公司\t乌鲁木齐市某路1号"),
			want{typ: enduse.TypeAward, award: 365000, currency: "CNY", suppliers: "新疆某科技有限公司/winner/0/365000/"}},
		{"code in prose brackets, date from the signature", textDoc("某公安局视频监控存储设备采购项目中标公告",
			"新疆某招标代理有限公司受采购人委托，就视频监控存储设备采购项目（项目编号：XJHX-2022-952）已按规定程序完成采购，现将结果公告如下：\n中标供应商：新疆天网信息科技有限公司\n合同履行期限：2022年3月1日前\n新疆维吾尔自治区公安厅\n2022年1月11日"),
			want{typ: enduse.TypeAward, buyer: "某公安局", code: "XJHX-2022-952", pub: "2022-01-11", suppliers: "新疆天网信息科技有限公司/winner/0/0/"}},
		{"buyer from the title", textDoc("乌鲁木齐市公安局天山区分局视频监控存储设备采购项目中标公告",
			"乌鲁木齐市公安局天山区分局视频监控存储设备采购项目中标公告\n中标供应商：新疆天网信息科技有限公司"),
			want{typ: enduse.TypeAward, buyer: "乌鲁木齐市公安局天山区分局", suppliers: "新疆天网信息科技有限公司/winner/0/0/"}},
		{"a labelled date line is not a signature", textDoc("某项目中标公告",
			"中标供应商：新疆天网信息科技有限公司\n交货时间：\n2022年3月1日"),
			want{typ: enduse.TypeAward, suppliers: "新疆天网信息科技有限公司/winner/0/0/"}},
		{"a bare date under the title is the publication date", textDoc("某项目中标公告",
			"2022年01月05日 10:30\n中标供应商：新疆天网信息科技有限公司"),
			want{typ: enduse.TypeAward, pub: "2022-01-05", suppliers: "新疆天网信息科技有限公司/winner/0/0/"}},
		{"empty document", textDoc("", ""), want{typ: enduse.TypeOther}},
		{"nil document", nil, want{error: "no document"}},
		{"malformed blocks ignored", &enduse.Document{Source: "x", Text: "采购人：某某医院",
			Blocks: []enduse.Block{{Kind: enduse.BlockRow, Start: 5, End: 999}}},
			want{typ: enduse.TypeOther, buyer: "某某医院"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := Extract(tc.doc)
			got := want{typ: n.Type, buyer: orgName(n.Buyer), agency: orgName(n.Agency), code: n.ProjectCode,
				name: n.ProjectName, pub: n.Published, budget: n.Budget, award: n.AwardAmount, lots: len(n.Lots),
				currency: n.Currency, error: n.Error}
			var ss []string
			for _, s := range n.Suppliers {
				ss = append(ss, strings.Join([]string{s.Name, string(s.Role), strconv.Itoa(s.Rank), ftoa(s.Amount), s.Lot}, "/"))
			}
			got.suppliers = strings.Join(ss, "; ")
			if n.Region != nil {
				got.region, got.regionCode = n.Region.Name, n.Region.Code
			}
			if got != tc.want {
				g, _ := json.Marshal(n)
				t.Errorf("got  %+v\nwant %+v\nnotice %s", got, tc.want, g)
			}
			if tc.doc == nil {
				return
			}
			rs := []rune(tc.doc.Text)
			for k, e := range n.Evidence {
				if e.Start < 0 || e.End > len(rs) || string(rs[e.Start:e.End]) != e.Text {
					t.Errorf("evidence %s = %+v does not quote the text", k, e)
				}
			}
			if n.Buyer != nil && n.Buyer.From != "title" && n.Evidence["buyer"].Text == "" {
				t.Errorf("buyer %q has no evidence", n.Buyer.Name)
			}
			checkNoPersonalData(t, tc.name, n)
		})
	}
}

func ftoa(v float64) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// FuzzExtract runs the extractor on arbitrary text and blocks, seeded from
// the golden notices: it must never panic, and every evidence span must
// quote the text.
func FuzzExtract(f *testing.F) {
	for _, c := range loadGolden(f) {
		text := c.doc.Text
		if len(text) > 4000 {
			text = text[:4000]
		}
		f.Add(c.doc.Title, text, 0, 0)
	}
	f.Add("某项目中标候选人公示", "中标候选人名称\tA有限公司\tB有限公司\n投标报价\t1\t2", 0, 3)
	f.Add("某法院成交公告", `采购编号：\t\t湘财采计[2018]1号\t\t成交供应商：某某有限公司\n采购人：某法院\n`, 0, 0)
	f.Add("", "采购人名称：A局代理机构名称：B有限公司电话：1地址：X路1号地址：Y路2号", 0, 0)
	f.Fuzz(func(t *testing.T, title, text string, bstart, bend int) {
		d := &enduse.Document{Source: "fuzz", Title: title, Text: text,
			Blocks: []enduse.Block{{Kind: enduse.BlockRow, Table: 1, Start: bstart, End: bend}}}
		n := Extract(d)
		if n == nil {
			t.Fatal("nil notice")
		}
		rs := []rune(text)
		for k, e := range n.Evidence {
			if e.Start < 0 || e.End > len(rs) || e.Start >= e.End || string(rs[e.Start:e.End]) != e.Text {
				t.Fatalf("evidence %s = %+v outside or not quoting the text", k, e)
			}
		}
		for _, s := range n.Suppliers {
			if s.Name == "" || s.Amount < 0 {
				t.Fatalf("bad supplier %+v", s)
			}
		}
	})
}

// BenchmarkExtract measures extraction throughput over the golden set.
func BenchmarkExtract(b *testing.B) {
	cases := loadGolden(b)
	var size int64
	for _, c := range cases {
		size += int64(len(c.doc.Text))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, c := range cases {
			Extract(c.doc)
		}
	}
}
