// Command gen writes a CONSTRUCTED corpus of Xinjiang public-security procurement
// notices (notices/*.html) and the truth computed from what it wrote (truth.json).
// Standard library only; deterministic (fixed seed). Run from the xinjiang2 folder:
//
//	go run gen/main.go
package main

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

type Model struct {
	Brand, Line, Model, Kind, Cap string
	Price                         float64
}

var seagate = []Model{
	{"Seagate", "SkyHawk", "ST1000VX005", "drive", "1TB", 380},
	{"Seagate", "SkyHawk", "ST2000VX008", "drive", "2TB", 460},
	{"Seagate", "SkyHawk", "ST4000VX013", "drive", "4TB", 780},
	{"Seagate", "SkyHawk", "ST4000VX016", "drive", "4TB", 820},
	{"Seagate", "SkyHawk", "ST6000VX001", "drive", "6TB", 1150},
	{"Seagate", "SkyHawk", "ST8000VX004", "drive", "8TB", 1580},
	{"Seagate", "SV35", "ST1000VX000", "drive", "1TB", 360},
	{"Seagate", "SV35", "ST2000VX000", "drive", "2TB", 450},
	{"Seagate", "SV35", "ST3000VX000", "drive", "3TB", 590},
	{"Seagate", "IronWolf", "ST4000VN008", "drive", "4TB", 860},
	{"Seagate", "IronWolf", "ST8000VN004", "drive", "8TB", 1680},
	{"Seagate", "Exos", "ST8000NM000A", "drive", "8TB", 1300},
	{"Seagate", "Exos", "ST16000NM001G", "drive", "16TB", 2650},
	{"Seagate", "BarraCuda", "ST2000DM008", "drive", "2TB", 420},
	{"Seagate", "BarraCuda", "ST1000DM010", "drive", "1TB", 310},
}
var otherDrives = []Model{
	{"Western Digital", "WD Purple", "WD10PURX", "drive", "1TB", 350},
	{"Western Digital", "WD Purple", "WD40PURZ", "drive", "4TB", 760},
	{"Western Digital", "WD Purple", "WD60PURZ", "drive", "6TB", 1120},
	{"Western Digital", "WD Purple", "WD80PURZ", "drive", "8TB", 1420},
	{"Western Digital", "WD Gold", "WD8003FRYZ", "drive", "8TB", 1880},
	{"Western Digital", "WD Gold", "WD4003FRYZ", "drive", "4TB", 1100},
	{"Toshiba", "Toshiba MG", "MG08ACA16TE", "drive", "16TB", 2980},
	{"Toshiba", "Toshiba MG", "MG07ACA14TE", "drive", "14TB", 2700},
}
var cameras = []Model{
	{"Hikvision", "", "DS-2CD3T46WDV3-I3", "camera", "", 580},
	{"Hikvision", "", "DS-2CD3326WDV3-I", "camera", "", 398},
	{"Hikvision", "", "DS-7932N-R4", "nvr", "", 8800},
	{"Dahua", "", "DH-IPC-HFW2433M-I1", "camera", "", 635},
	{"Dahua", "", "DH-NVR4832-4KS2", "nvr", "", 4350},
	{"Uniview", "", "IPC2124LB-SF40KM-G", "camera", "", 1850},
	{"Uniview", "", "NVR302-16E2", "nvr", "", 3200},
}
var written = map[string][]string{
	"Seagate":         {"希捷", "Seagate", "SEAGATE", "希捷（SEAGATE）", "希捷"},
	"Western Digital": {"西部数据", "WD", "西部数据/WD", "西部数据"},
	"Toshiba":         {"东芝", "TOSHIBA"},
	"Hikvision":       {"海康威视", "HIKVISION", "海康威视"},
	"Dahua":           {"大华", "dahua", "大华"},
	"Uniview":         {"宇视", "UNV", "宇视"},
}
var kindName = map[string][]string{
	"drive":  {"监控硬盘", "监控专用硬盘", "存储硬盘", "视频存储硬盘"},
	"camera": {"网络摄像机", "枪型网络摄像机", "半球网络摄像机"},
	"nvr":    {"网络硬盘录像机", "硬盘录像机"},
}
var kindUnit = map[string]string{"drive": "块", "camera": "台", "nvr": "台"}

var suppliers = []string{"新疆天网信息科技有限公司", "新疆博远网络工程有限公司", "喀什智安电子科技有限公司", "新疆恒宇数据系统集成有限公司",
	"乌鲁木齐捷讯数码科技有限公司", "伊犁鑫盾安防科技有限公司", "阿克苏天眼智能科技有限公司", "新疆金钥匙网络科技有限公司",
	"新疆瀚海云联科技有限公司", "新疆丝路视界安防工程有限公司", "昌吉市鼎盛电子有限公司", "和田安泰电子工程有限公司"}
var agencies = map[string]string{"XJHX": "新疆华信项目管理有限公司", "TSZB": "新疆天山招标有限公司", "XJZX": "新疆正信招标代理有限公司",
	"GSZB": "甘肃陇原招标有限公司", "QHZB": "青海昆仑招标咨询有限公司"}

type Item struct {
	Name         string  `json:"name"`
	Brand        string  `json:"brand,omitempty"`
	BrandWritten string  `json:"brand_written,omitempty"`
	Model        string  `json:"model,omitempty"`
	ProductLine  string  `json:"product_line,omitempty"`
	Quantity     *int    `json:"quantity"`
	Unit         string  `json:"unit,omitempty"`
	UnitPrice    float64 `json:"unit_price,omitempty"`
	Supplier     string  `json:"supplier,omitempty"`
	Lot          string  `json:"lot,omitempty"`
	cap          string
	kind         string
}

type Spec struct {
	Shape, Variant, Type, Buyer, Region, Code, Project, Date, Mode string
	Copies                                                         []string
	Distractor                                                     string
}

type Ann struct {
	Spec
	Agency, Method string
	Items          []Item
	Suppliers      []string
	Files          []string
	Titles         []string
}

// Mode: items = Seagate items with quantities; prose = Seagate named without quantities;
// none = no Seagate at all; spec = Seagate only as 参考品牌 in a requirement line.
var specs = []Spec{
	// ---- in scope (region 65, public security, award/contract, in date range, Seagate) ----
	{"ccgp-award", "a", "award", "乌鲁木齐市公安局天山区分局", "65", "XJHX-2022-118", "视频监控存储扩容项目", "2022-01-05", "items", []string{"", "prefix"}, ""},
	{"ccgp-award", "b", "award", "喀什地区公安局", "65", "XJZX-2022-015", "2022年技侦存储设备采购项目", "2022-01-19", "items", []string{""}, ""},
	{"ccgp-award", "c", "award", "新疆维吾尔自治区公安厅", "65", "TSZB-2022-0041", "视频图像解析平台存储扩容项目", "2022-02-22", "items", []string{"", "suffix", "space"}, ""},
	{"ccgp-award", "a", "award", "伊犁哈萨克自治州公安局", "65", "XJHX-2022-164", "视频图像存储设备采购项目", "2022-03-09", "items", []string{""}, ""},
	{"ccgp-award", "b", "award", "乌鲁木齐市公安局", "65", "TSZB-2022-0066", "社会面监控硬盘更换项目", "2022-04-01", "items", []string{""}, ""},
	{"ccgp-award", "c", "award", "阿克苏地区公安局", "65", "XJHX-2022-233", "卡口监控设备更新项目", "2022-05-12", "items", []string{"", "prefix"}, ""},
	{"ccgp-contract", "br", "contract", "和田地区公安局", "65", "XJZX-2022-015", "看守所监控系统改造设备采购项目", "2022-01-27", "items", []string{""}, ""},
	{"ccgp-contract", "semi", "contract", "吐鲁番市公安局", "65", "XJHX-2022-141", "社会面视频监控补点设备采购项目", "2022-02-15", "items", []string{"", "suffix"}, ""},
	{"ccgp-contract", "space", "contract", "哈密市公安局伊州区分局", "65", "TSZB-2022-0052", "数据存储设备采购项目", "2022-03-02", "items", []string{""}, ""},
	{"ccgp-contract", "single", "contract", "博尔塔拉蒙古自治州公安局", "65", "XJHX-2022-187", "监控硬盘采购项目", "2022-03-21", "items", []string{""}, ""},
	{"ccgp-award", "a", "award", "乌鲁木齐市公安局", "65", "TSZB-2022-0066", "指挥中心服务器存储采购项目", "2022-04-11", "items", []string{""}, ""},
	{"ccgp-contract", "semi", "contract", "巴音郭楞蒙古自治州公安局", "65", "XJZX-2022-071", "视频云存储扩容项目", "2022-04-26", "items", []string{"", "prefix"}, ""},
	{"prose", "paren", "award", "乌鲁木齐市公安局水磨沟区分局", "65", "XJHX-2022-019", "网络存储设备采购项目", "2022-01-01", "items", []string{""}, ""},
	{"prose", "lines", "award", "阿勒泰地区公安局", "65", "XJZX-2022-033", "边境派出所监控设备采购项目", "2022-02-09", "items", []string{"", "space"}, ""},
	{"prose", "sentence", "award", "石河子市公安局", "65", "TSZB-2022-0079", "视频图像存储扩容采购项目", "2022-03-16", "items", []string{""}, ""},
	{"prose", "mention", "award", "克孜勒苏柯尔克孜自治州公安局", "65", "XJHX-2022-205", "治安卡口补盲设备采购项目", "2022-03-30", "prose", []string{""}, ""},
	{"prose", "mention", "contract", "塔城地区公安局", "65", "XJZX-2022-090", "派出所视频监控设备采购项目", "2022-05-06", "prose", []string{"", "suffix"}, ""},
	{"table", "onecell", "award", "乌鲁木齐市公安局米东区分局", "65", "XJHX-2022-126", "监控存储设备采购项目", "2022-01-12", "items", []string{""}, ""},
	{"table", "bare", "award", "阿克苏市公安局", "65", "XJZX-2022-047", "存储硬盘采购项目", "2022-02-03", "items", []string{""}, ""},
	{"table", "rowspan", "award", "喀什市公安局", "65", "XJZX-2022-052", "派出所视频监控设备采购项目", "2022-02-28", "items", []string{""}, ""},
	{"table", "perlot", "award", "新疆维吾尔自治区公安厅", "65", "TSZB-2022-0088", "视频存储及前端设备采购项目", "2022-03-25", "items", []string{""}, ""},
	{"table", "subtotal", "award", "奎屯市公安局", "65", "XJHX-2022-178", "指挥中心视频监控改造项目", "2022-04-07", "items", []string{"", "prefix"}, ""},
	{"table", "twoheader", "award", "库尔勒市公安局", "65", "XJZX-2022-063", "NAS存储设备采购项目", "2022-04-19", "items", []string{""}, ""},
	{"table", "bare", "contract", "昌吉回族自治州公安局", "65", "XJHX-2022-219", "执法记录仪数据存储设备采购项目", "2022-05-10", "items", []string{""}, ""},
	// ---- distractors ----
	{"ccgp-award", "a", "award", "伊宁市公安局", "65", "XJHX-2021-402", "社区警务室监控设备采购项目", "2021-12-31", "items", []string{""}, "out_of_range_before"},
	{"table", "onecell", "award", "哈密市公安局", "65", "XJZX-2022-101", "执法办案中心存储设备采购项目", "2022-05-13", "items", []string{""}, "out_of_range_after"},
	{"ccgp-contract", "semi", "contract", "克拉玛依市公安局", "65", "TSZB-2022-0131", "视频监控存储设备采购项目", "2022-06-20", "items", []string{""}, "out_of_range_after"},
	{"ccgp-award", "b", "award", "乌鲁木齐市教育局", "65", "XJHX-2022-150", "中小学校园监控设备采购项目", "2022-03-11", "items", []string{""}, "non_public_security_buyer"},
	{"prose", "paren", "award", "乌鲁木齐市卫生健康委员会", "65", "TSZB-2022-0094", "数据中心存储设备采购项目", "2022-04-13", "items", []string{""}, "non_public_security_buyer"},
	{"ccgp-award", "c", "award", "甘肃省公安厅", "62", "GSZB-2022-0027", "视频图像存储设备采购项目", "2022-02-17", "items", []string{""}, "other_province"},
	{"table", "onecell", "contract", "西宁市公安局", "63", "QHZB-2022-0113", "监控存储设备采购项目", "2022-03-28", "items", []string{""}, "other_province"},
	{"tender", "req", "tender", "喀什地区公安局", "65", "XJZX-2022-118", "视频监控存储设备采购项目", "2022-04-15", "items", []string{""}, "tender_notice"},
	{"tender", "req", "tender", "新疆维吾尔自治区公安厅", "65", "TSZB-2022-0120", "大数据中心存储扩容项目", "2022-05-05", "items", []string{""}, "tender_notice"},
	{"ccgp-award", "spec", "award", "和田地区公安局", "65", "XJZX-2022-077", "派出所监控硬盘更换项目", "2022-04-22", "spec", []string{""}, "seagate_reference_brand_only"},
	{"ccgp-award", "a", "award", "阿克苏地区公安局", "65", "XJHX-2022-198", "交警支队电子警察设备采购项目", "2022-03-14", "none", []string{""}, "no_seagate"},
	{"table", "rowspan", "award", "伊犁哈萨克自治州公安局", "65", "XJHX-2022-211", "边境管控视频设备采购项目", "2022-04-28", "none", []string{""}, "no_seagate"},
	{"ccgp-contract", "br", "contract", "昌吉回族自治州公安局", "65", "XJHX-2022-089", "派出所网络摄像机采购项目", "2022-02-24", "none", []string{""}, "no_seagate"},
}

var rng = rand.New(rand.NewSource(20220512))

func pick[T any](xs []T) T { return xs[rng.Intn(len(xs))] }
func ip(n int) *int        { return &n }

func mkItem(m Model, q int, bare bool) Item {
	it := Item{Name: pick(kindName[m.Kind]), Brand: m.Brand, Model: m.Model, ProductLine: m.Line, Unit: kindUnit[m.Kind], UnitPrice: m.Price, cap: m.Cap, kind: m.Kind}
	if !bare {
		it.BrandWritten = pick(written[m.Brand])
	}
	if q > 0 {
		it.Quantity = ip(q)
	}
	return it
}

func drivesQty() int {
	return []int{4, 6, 8, 10, 12, 16, 20, 24, 30, 32, 40, 48, 60, 64, 80, 96, 120}[rng.Intn(17)]
}
func camQty() int { return []int{6, 10, 12, 15, 20, 30, 40, 60, 87, 120}[rng.Intn(10)] }

func genItems(a *Ann) {
	bare := a.Variant == "bare"
	two := a.Variant == "rowspan" || a.Variant == "perlot"
	switch a.Mode {
	case "prose":
		s := Item{Name: "监控硬盘", Brand: "Seagate", BrandWritten: pick([]string{"希捷", "希捷（Seagate）"}), kind: "drive"}
		c := pick(cameras[:1+rng.Intn(len(cameras))])
		ci := Item{Name: "网络摄像机", Brand: c.Brand, BrandWritten: written[c.Brand][0], kind: "camera"}
		a.Items = []Item{s, ci}
		return
	case "items":
		n := 1 + rng.Intn(2)
		perm := rng.Perm(len(seagate))
		for i := 0; i < n; i++ {
			a.Items = append(a.Items, mkItem(seagate[perm[i]], drivesQty(), bare))
		}
	}
	if a.Mode != "items" || rng.Intn(2) == 0 {
		a.Items = append(a.Items, mkItem(pick(otherDrives), drivesQty(), bare))
	}
	if two || rng.Intn(10) < 7 {
		c := cameras[rng.Intn(len(cameras))]
		if c.Kind == "nvr" {
			a.Items = append(a.Items, mkItem(cameras[0], camQty(), bare))
		}
		q := camQty()
		if c.Kind == "nvr" {
			q = 1 + rng.Intn(6)
		}
		a.Items = append(a.Items, mkItem(c, q, bare))
	}
	if a.Shape != "tender" && !bare && rng.Intn(10) < 3 {
		a.Items = append(a.Items, Item{Name: "安装调试服务", Quantity: ip(1), Unit: "项", UnitPrice: float64(2000 + 500*rng.Intn(20)), kind: "service"})
	}
	if a.Variant == "single" {
		a.Items = a.Items[:1]
	}
}

func money(x float64) string {
	s := fmt.Sprintf("%.2f", x)
	ip, fp := s[:len(s)-3], s[len(s)-3:]
	var b []byte
	for i, c := range []byte(ip) {
		if i > 0 && (len(ip)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, c)
	}
	return string(b) + fp
}
func qty(it Item) int {
	if it.Quantity == nil {
		return 0
	}
	return *it.Quantity
}
func sumItems(items []Item) float64 {
	t := 0.0
	for _, it := range items {
		t += float64(qty(it)) * it.UnitPrice
	}
	return t
}
func bm(it Item) string { // brand+model as one string
	if it.BrandWritten == "" {
		return it.Model
	}
	return it.BrandWritten + " " + it.Model
}
func orSlash(s string) string {
	if s == "" {
		return "/"
	}
	return s
}
func cn(d string) string {
	t, _ := time.Parse("2006-01-02", d)
	return fmt.Sprintf("%d年%02d月%02d日", t.Year(), int(t.Month()), t.Day())
}
func addDays(d string, n int) string {
	t, _ := time.Parse("2006-01-02", d)
	return t.AddDate(0, 0, n).Format("2006-01-02")
}

func title(a *Ann) string {
	switch a.Type {
	case "contract":
		return a.Buyer + a.Project + "合同公告"
	case "tender":
		return a.Buyer + a.Project + "公开招标公告"
	}
	switch a.Shape {
	case "ccgp-award":
		return a.Buyer + a.Project + pick([]string{"中标（成交）结果公告", "中标公告", "成交公告"})
	case "prose":
		return a.Buyer + a.Project + pick([]string{"成交结果公告", "中标结果公告"})
	}
	return a.Buyer + a.Project + pick([]string{"中标公告", "中标（成交）结果公告", "成交结果公告"})
}

func contacts(a *Ann) string {
	return fmt.Sprintf(`<p>九、凡对本次公告内容提出询问，请按以下方式联系。</p>
<p>1.采购人信息</p><p>名&nbsp;&nbsp;&nbsp;&nbsp;称：%s</p><p>地&nbsp;&nbsp;&nbsp;&nbsp;址：某某市某某路1号</p><p>联系方式：李警官，0991-0000000</p>
<p>2.采购代理机构信息</p><p>名&nbsp;&nbsp;&nbsp;&nbsp;称：%s</p><p>地&nbsp;&nbsp;&nbsp;&nbsp;址：某某市某某大厦</p><p>联系方式：张工，0991-0000001</p>
<p>3.项目联系方式</p><p>项目联系人：张工</p><p>电&nbsp;&nbsp;&nbsp;&nbsp;话：13800000000</p>`, a.Buyer, a.Agency)
}

func goodsTable(a *Ann, qstyle int) string {
	var b strings.Builder
	b.WriteString(`<table border="1" cellspacing="0"><tr><td colspan="7">货物类</td></tr>` + "\n" +
		`<tr><td>序号</td><td>供应商名称</td><td>货物名称</td><td>货物品牌</td><td>货物型号</td><td>货物数量</td><td>货物单价(元)</td></tr>` + "\n")
	for i, it := range a.Items {
		q, p := "", ""
		switch qstyle {
		case 0:
			q, p = fmt.Sprintf("%d.00", qty(it)), money(it.UnitPrice)
			if it.kind == "service" {
				q = "1.00"
			}
		case 1:
			q, p = fmt.Sprintf("%d（%s）", qty(it), it.Unit), fmt.Sprintf("%g元/%s", it.UnitPrice, it.Unit)
		default:
			q, p = fmt.Sprintf("%d%s", qty(it), it.Unit), "￥"+money(it.UnitPrice)
		}
		fmt.Fprintf(&b, "<tr><td>%d</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n", i+1, it.Supplier, it.Name, orSlash(it.BrandWritten), orSlash(it.Model), q, p)
	}
	b.WriteString("</table>")
	return b.String()
}

func renderCcgpAward(a *Ann, t string) string {
	amt := sumItems(a.Items)
	qs := map[string]int{"a": 0, "b": 1, "c": 2, "spec": 0}[a.Variant]
	head := ""
	if a.Variant == "c" {
		head = fmt.Sprintf(`<table border="1"><tr><td colspan="2">公告概要：</td></tr><tr><td>采购项目名称</td><td>%s</td></tr><tr><td>采购单位</td><td>%s</td></tr><tr><td>总中标金额</td><td>￥%.6f 万元（人民币）</td></tr><tr><td>代理机构名称</td><td>%s</td></tr></table>`, a.Buyer+a.Project, a.Buyer, amt/10000, a.Agency)
	}
	extra := "无"
	if a.Mode == "spec" {
		extra = "本项目采购需求技术参数：监控级硬盘，容量≥4TB，7200转，参考品牌：希捷或同等档次及以上产品。"
	}
	if a.Method != "" && a.Mode != "spec" {
		extra = "采购方式：" + a.Method
	}
	return fmt.Sprintf(`<h2 class="tc">%s</h2>
<p class="tc"><span id="pubTime">%s 10:30</span></p>
%s
<p><strong>一、项目编号：</strong>%s</p>
<p><strong>二、项目名称：</strong>%s</p>
<p><strong>三、中标（成交）信息</strong></p>
<p>供应商名称：%s</p><p>供应商地址：某某市某某路88号</p><p>中标（成交）金额：%.6f（万元）</p>
<p><strong>四、主要标的信息</strong></p>
%s
<p><strong>五、评审专家（单一来源采购人员）名单：</strong>王某某、赵某某、孙某某</p>
<p><strong>六、代理服务收费标准及金额：</strong>代理服务收费金额（万元）：0.350000</p>
<p><strong>七、公告期限</strong></p><p>自本公告发布之日起1个工作日。</p>
<p><strong>八、其它补充事宜</strong></p><p>%s</p>
%s`, t, cn(a.Date), head, a.Code, a.Buyer+a.Project, a.Suppliers[0], amt/10000, goodsTable(a, qs), extra, contacts(a))
}

func renderContract(a *Ann, t string) string {
	var n, s, q, p []string
	for _, it := range a.Items {
		n = append(n, it.Name)
		if it.kind == "service" {
			s = append(s, "按采购文件要求提供安装调试服务")
		} else {
			s = append(s, bm(it))
		}
		q = append(q, fmt.Sprintf("%d%s", qty(it), it.Unit))
		p = append(p, fmt.Sprintf("%g元/%s", it.UnitPrice, it.Unit))
	}
	join := func(xs []string) string {
		if len(xs) == 1 {
			return xs[0]
		}
		sep := map[string]string{"br": "<br>", "semi": "；", "space": " "}[a.Variant]
		var o []string
		for i, x := range xs {
			o = append(o, fmt.Sprintf("%d.%s", i+1, x))
		}
		pre := ""
		if sep == "<br>" {
			pre = "<br>"
		}
		return pre + strings.Join(o, sep)
	}
	amt := sumItems(a.Items)
	return fmt.Sprintf(`<h2 class="tc">%s</h2>
<p>一、合同编号：HT-%s</p><p>二、合同名称：%s采购合同</p><p>三、项目编号：%s</p><p>四、项目名称：%s</p>
<p>五、合同主体</p><p>采购人（甲方）：%s</p><p>地址：某某市某某路1号</p><p>联系方式：0991-0000000</p>
<p>供应商（乙方）：%s</p><p>地址：某某市某某路2号</p><p>联系方式：13800000000</p>
<p>六、合同主要信息</p>
<p>主要标的名称：%s</p><p>规格型号（或服务要求）：%s</p><p>主要标的数量：%s</p><p>主要标的单价：%s</p>
<p>合同金额：%.4f万元</p><p>履约期限、地点等简要信息：合同签订后30日内交货至采购人指定地点</p><p>采购方式：%s</p>
<p>七、合同签订日期：%s</p><p>八、合同公告日期：%s</p><p>九、其他补充事宜：无</p>`,
		t, a.Code, a.Project, a.Code, a.Buyer+a.Project, a.Buyer, a.Suppliers[0], join(n), join(s), join(q), join(p), amt/10000, a.Method, addDays(a.Date, -4), a.Date)
}

func renderProse(a *Ann, t string) string {
	amt := sumItems(a.Items)
	var content string
	switch a.Variant {
	case "paren":
		var parts []string
		for i, it := range a.Items {
			if it.kind == "service" {
				parts = append(parts, fmt.Sprintf("（%d）%s：1项，合计%.2f元", i+1, it.Name, it.UnitPrice))
				continue
			}
			parts = append(parts, fmt.Sprintf("（%d）%s：%s，%d %s，合计%.2f元", i+1, it.Name, bm(it), qty(it), it.Unit, float64(qty(it))*it.UnitPrice))
		}
		content = "<p>三、成交内容：" + strings.Join(parts, "；") + "。</p>"
	case "lines":
		var parts []string
		for i, it := range a.Items {
			if it.kind == "service" {
				parts = append(parts, fmt.Sprintf("%d、%s 1项", i+1, it.Name))
				continue
			}
			parts = append(parts, fmt.Sprintf("%d、%s %s %d%s", i+1, it.Name, bm(it), qty(it), it.Unit))
		}
		content = "<p>三、成交内容：<br>" + strings.Join(parts, "<br>") + "</p>"
	case "sentence":
		var parts []string
		for _, it := range a.Items {
			if it.kind == "service" {
				parts = append(parts, "安装调试服务1项")
				continue
			}
			parts = append(parts, fmt.Sprintf("%s%s%s共计%d%s", it.BrandWritten, it.Name, it.Model, qty(it), it.Unit))
		}
		content = "<p>&emsp;&emsp;本项目采购内容为" + strings.Join(parts, "及") + "。</p>"
	case "mention":
		content = fmt.Sprintf("<p>&emsp;&emsp;本项目采购的监控存储硬盘为%s品牌监控级硬盘，前端采用%s网络摄像机，具体数量及配置详见合同附件。</p>", a.Items[0].BrandWritten, a.Items[1].BrandWritten)
		amt = float64(50000 + 1000*rng.Intn(200))
	}
	label := "成交"
	if a.Type == "contract" {
		return fmt.Sprintf(`<h3>%s</h3><p>合同公告日期：%s</p><p>项目编号：%s</p><p>采购人：%s</p><p>供应商：%s</p><p>合同金额：%s元</p>%s<p>联系人：张工，电话：0991-0000000</p>`,
			t, cn(a.Date), a.Code, a.Buyer, a.Suppliers[0], money(amt), content)
	}
	return fmt.Sprintf(`<h3 style="text-align:center">%s</h3>
<p>&emsp;&emsp;%s受%s委托，就“%s”（项目编号：%s）以%s方式进行采购，现将采购结果公告如下：</p>
<p>一、%s供应商：%s</p><p>二、%s金额：￥%s</p>
%s
<p>四、联系方式：采购人联系人 马警官 0991-0000000；代理机构联系人 张工 13800000000</p>
<p style="text-align:right">%s<br>%s</p>`, t, a.Agency, a.Buyer, a.Buyer+a.Project, a.Code, a.Method, label, a.Suppliers[0], label, money(amt), content, a.Agency, strings.TrimLeft(strings.Replace(strings.Replace(cn(a.Date), "年0", "年", 1), "月0", "月", 1), "0"))
}

func row(cells ...string) string {
	var b strings.Builder
	b.WriteString("<tr>")
	for _, c := range cells {
		if strings.HasPrefix(c, "<td") {
			b.WriteString(c)
		} else {
			b.WriteString("<td>" + c + "</td>")
		}
	}
	b.WriteString("</tr>\n")
	return b.String()
}

func renderTable(a *Ann, t string) string {
	var b strings.Builder
	amt := sumItems(a.Items)
	b.WriteString(`<table border="1" cellspacing="0">` + "\n")
	switch a.Variant {
	case "onecell":
		b.WriteString(row("序号", "货物名称", "品牌型号", "数量", "单位", "单价（元）", "金额（元）"))
		for i, it := range a.Items {
			c := bm(it)
			if it.cap != "" {
				c += " " + it.cap
			}
			if it.kind == "service" {
				c = "/"
			}
			b.WriteString(row(fmt.Sprint(i+1), it.Name, c, fmt.Sprint(qty(it)), it.Unit, money(it.UnitPrice), money(float64(qty(it))*it.UnitPrice)))
		}
		b.WriteString(row(`<td colspan="6">合计</td>`, money(amt)))
	case "bare":
		b.WriteString(row("序号", "名称", "型号", "数量", "单价(元)"))
		for i, it := range a.Items {
			b.WriteString(row(fmt.Sprint(i+1), it.Name, it.Model, fmt.Sprint(qty(it)), money(it.UnitPrice)))
		}
	case "twoheader":
		b.WriteString(`<tr><td rowspan="2">序号</td><td rowspan="2">名称</td><td rowspan="2">规格型号及品牌</td><td rowspan="2">数量</td><td colspan="2">金额（元）</td></tr>` + "\n<tr><td>单价</td><td>总价</td></tr>\n")
		for i, it := range a.Items {
			c := "/"
			if it.Model != "" {
				c = it.Model + "/" + it.BrandWritten
			}
			b.WriteString(row(fmt.Sprint(i+1), it.Name, c, fmt.Sprintf("%d%s", qty(it), it.Unit), money(it.UnitPrice), money(float64(qty(it))*it.UnitPrice)))
		}
		b.WriteString(row("合计", "", "", "", "", money(amt)))
	case "subtotal":
		b.WriteString(row("序号", "名称", "品牌", "规格型号", "数量", "单价", "小计"))
		n := 0
		for _, grp := range []struct {
			h     string
			kinds string
		}{{"一、存储设备", "drive"}, {"二、前端及其他", "camera nvr service"}} {
			st := 0.0
			var rows []string
			for _, it := range a.Items {
				if !strings.Contains(grp.kinds, it.kind) {
					continue
				}
				n++
				st += float64(qty(it)) * it.UnitPrice
				rows = append(rows, row(fmt.Sprint(n), it.Name, orSlash(it.BrandWritten), orSlash(it.Model), fmt.Sprintf("%d%s", qty(it), it.Unit), money(it.UnitPrice), money(float64(qty(it))*it.UnitPrice)))
			}
			if len(rows) == 0 {
				continue
			}
			b.WriteString(row(`<td colspan="7"><b>` + grp.h + `</b></td>`))
			b.WriteString(strings.Join(rows, ""))
			b.WriteString(row(`<td colspan="6">小计</td>`, money(st)))
		}
		b.WriteString(row(`<td colspan="6">合计</td>`, money(amt)))
	case "rowspan":
		b.WriteString(row("序号", "供应商名称", "货物名称", "品牌", "型号", "数量", "单价(元)"))
		i := 0
		for _, s := range a.Suppliers {
			var mine []Item
			for _, it := range a.Items {
				if it.Supplier == s {
					mine = append(mine, it)
				}
			}
			for j, it := range mine {
				i++
				cells := []string{fmt.Sprint(i)}
				if j == 0 {
					cells = append(cells, fmt.Sprintf(`<td rowspan="%d">%s</td>`, len(mine), s))
				}
				cells = append(cells, it.Name, orSlash(it.BrandWritten), orSlash(it.Model), fmt.Sprintf("%d%s", qty(it), it.Unit), money(it.UnitPrice))
				b.WriteString(row(cells...))
			}
		}
	case "perlot":
		b.Reset()
		for li, s := range a.Suppliers {
			lot := fmt.Sprintf("包%d", li+1)
			var mine []Item
			for _, it := range a.Items {
				if it.Lot == lot {
					mine = append(mine, it)
				}
			}
			fmt.Fprintf(&b, "<p><b>%s</b></p><p>中标供应商：%s&nbsp;&nbsp;中标金额：￥%s</p>\n<table border=\"1\">\n", lot, s, money(sumItems(mine)))
			b.WriteString(row("序号", "货物名称", "品牌", "型号", "数量", "单价（元）"))
			for j, it := range mine {
				b.WriteString(row(fmt.Sprint(j+1), it.Name, orSlash(it.BrandWritten), orSlash(it.Model), fmt.Sprint(qty(it)), money(it.UnitPrice)))
			}
			b.WriteString("</table>\n")
		}
		return fmt.Sprintf(`<h2>%s</h2><p>发布时间：%s</p><p>项目编号：%s</p><p>采购人：%s</p><p>采购代理机构：%s</p><p>采购方式：%s</p>
%s<p>联系人：钱工　电话：0991-0000007</p>`, t, a.Date, a.Code, a.Buyer, a.Agency, a.Method, b.String())
	}
	b.WriteString("</table>")
	hdr := "采购人"
	if a.Type == "contract" {
		hdr = "采购人（甲方）"
	}
	win := strings.Join(a.Suppliers, "、")
	dateLine := "发布时间：" + a.Date
	if a.Type == "contract" {
		dateLine = "合同公告日期：" + a.Date
	}
	return fmt.Sprintf(`<h2 style="text-align:center">%s</h2>
<p style="text-align:center">%s</p>
<p>一、项目编号：%s</p><p>二、%s：%s</p><p>采购方式：%s</p>
<p>三、中标（成交）供应商：%s</p><p>四、中标（成交）金额：%s元</p>
<p>五、%s</p>
%s
<p>联系人：张工&nbsp;&nbsp;联系电话：0991-0000000&nbsp;&nbsp;手机：13800000000</p>`, t, dateLine, a.Code, hdr, a.Buyer, a.Method, win, money(amt),
		pick([]string{"中标明细", "成交明细", "分项报价表", "采购清单"}), b.String())
}

func renderTender(a *Ann, t string) string {
	var b strings.Builder
	b.WriteString(row("序号", "名称", "技术参数", "数量", "参考品牌"))
	for i, it := range a.Items {
		b.WriteString(row(fmt.Sprint(i+1), it.Name, "参考型号："+orSlash(it.Model), fmt.Sprintf("%d%s", qty(it), it.Unit), orSlash(it.BrandWritten)+"或同等档次"))
	}
	return fmt.Sprintf(`<h2>%s</h2><p>发布时间：%s</p>
<p>项目概况</p><p>%s招标项目的潜在投标人应在新疆政府采购网获取招标文件，并于%s 10:00（北京时间）前递交投标文件。</p>
<p>一、项目基本情况</p><p>项目编号：%s</p><p>项目名称：%s</p><p>采购方式：公开招标</p><p>预算金额：%s元</p><p>最高限价：%s元</p>
<p>采购需求：</p><table border="1">%s</table>
<p>二、申请人的资格要求：……</p>
<p>三、对本次招标提出询问，请按以下方式联系。采购人：%s，联系人：李警官，0991-0000000；采购代理机构：%s，联系人：张工，13800000000</p>`,
		t, a.Date, a.Buyer+a.Project, cn(addDays(a.Date, 21)), a.Code, a.Buyer+a.Project, money(sumItems(a.Items)*1.1), money(sumItems(a.Items)*1.1), b.String(), a.Buyer, a.Agency)
}

func wrap(body, t, style string) string {
	switch style {
	case "prefix":
		return "<!-- constructed test notice -->\n<div class=\"article\"><div class=\"article-title\">" + t + "</div>\n<div class=\"article-body\">\n" + body + "\n</div></div>\n"
	case "suffix":
		return "<!-- constructed test notice -->\n<div class=\"vT_detail_main\"><div class=\"vT_title\">" + t + "</div>\n<div class=\"vT_detail_content\">\n" + body + "\n</div></div>\n"
	case "space":
		return "<!-- constructed test notice -->\n<div class=\"detail\"><div class=\"dtitle\">\n  " + t + "  \n</div>\n<div class=\"dbody\">\n" + body + "\n</div></div>\n"
	}
	return "<!-- constructed test notice -->\n<div class=\"vF_detail_header\"></div>\n<div class=\"vF_detail_content\">\n" + body + "\n</div>\n"
}

type TruthAnn struct {
	ProjectCode  string   `json:"project_code"`
	Buyer        string   `json:"buyer"`
	Title        string   `json:"title"`
	Type         string   `json:"type"`
	Published    string   `json:"published"`
	Shape        string   `json:"shape"`
	Files        []string `json:"files"`
	Winners      []string `json:"winners"`
	SeagateUnits *int     `json:"seagate_units"`
	Items        []Item   `json:"items"`
	Excluded     string   `json:"excluded_reason,omitempty"`
}

func main() {
	var anns []*Ann
	methods := []string{"公开招标", "竞争性磋商", "询价", "竞争性谈判"}
	for _, s := range specs {
		a := &Ann{Spec: s}
		a.Agency = agencies[strings.SplitN(s.Code, "-", 2)[0]]
		a.Method = pick(methods)
		genItems(a)
		perm := rng.Perm(len(suppliers))
		a.Suppliers = []string{suppliers[perm[0]]}
		if s.Variant == "rowspan" || s.Variant == "perlot" {
			a.Suppliers = append(a.Suppliers, suppliers[perm[1]])
		}
		for i := range a.Items {
			a.Items[i].Supplier = a.Suppliers[0]
			if len(a.Suppliers) == 2 && a.Items[i].kind != "drive" {
				a.Items[i].Supplier = a.Suppliers[1]
			}
			if s.Variant == "perlot" {
				a.Items[i].Lot = "包1"
				if a.Items[i].Supplier == a.Suppliers[1] {
					a.Items[i].Lot = "包2"
				}
			}
		}
		anns = append(anns, a)
	}
	// render documents
	type doc struct{ name, html string }
	var docs []doc
	for _, a := range anns {
		t := title(a)
		var body string
		switch a.Shape {
		case "ccgp-award":
			body = renderCcgpAward(a, t)
		case "ccgp-contract":
			body = renderContract(a, t)
		case "prose":
			body = renderProse(a, t)
		case "table":
			body = renderTable(a, t)
		case "tender":
			body = renderTender(a, t)
		}
		for _, c := range a.Copies {
			tt := t
			switch c {
			case "prefix":
				tt = "【新疆政府采购网】" + t
			case "suffix":
				tt = t + "_中国政府采购网"
			case "space":
				tt = strings.Replace(t, a.Buyer, a.Buyer+"　", 1)
			}
			a.Titles = append(a.Titles, tt)
			docs = append(docs, doc{"", wrap(body, tt, c)})
			a.Files = append(a.Files, fmt.Sprint(len(docs)-1))
		}
	}
	// deterministic shuffle of file numbering so copies are not adjacent
	order := rng.Perm(len(docs))
	names := make([]string, len(docs))
	for i, j := range order {
		names[j] = fmt.Sprintf("x2-%03d.html", i+1)
	}
	os.RemoveAll("notices")
	os.MkdirAll("notices", 0o755)
	for i, d := range docs {
		if err := os.WriteFile(filepath.Join("notices", names[i]), []byte(d.html), 0o644); err != nil {
			panic(err)
		}
	}
	for _, a := range anns {
		for i, f := range a.Files {
			var k int
			fmt.Sscan(f, &k)
			a.Files[i] = names[k]
		}
		sort.Strings(a.Files)
	}
	// truth
	inScope := func(a *Ann) string {
		switch {
		case a.Region != "65":
			return "other_province"
		case !strings.Contains(a.Buyer, "公安"):
			return "non_public_security_buyer"
		case a.Type != "award" && a.Type != "contract":
			return "not_award_or_contract"
		case a.Date < "2022-01-01" || a.Date > "2022-05-12":
			return "out_of_date_range"
		}
		for _, it := range a.Items {
			if it.Brand == "Seagate" {
				return ""
			}
		}
		if a.Mode == "spec" {
			return "seagate_only_as_reference_brand"
		}
		return "no_seagate"
	}
	unitsBrand := map[string]int{}
	unitsLine := map[string]int{}
	wdLine := map[string]int{}
	co := map[string]int{}
	buyers := map[string]bool{}
	nNotices, nDocs, qk, qu := 0, 0, 0, 0
	var tas, excl []TruthAnn
	for _, a := range anns {
		r := inScope(a)
		ta := TruthAnn{a.Code, a.Buyer, "", a.Type, a.Date, a.Shape + ":" + a.Variant, a.Files, a.Suppliers, nil, a.Items, r}
		ta.Title = a.Titles[0]
		if r != "" {
			if a.Distractor != "" && a.Distractor != r {
				ta.Excluded = r + " (" + a.Distractor + ")"
			}
			excl = append(excl, ta)
			continue
		}
		nNotices++
		nDocs += len(a.Files)
		buyers[a.Buyer] = true
		known := true
		su := 0
		brands := map[string]bool{}
		for _, it := range a.Items {
			if it.Brand == "" {
				continue
			}
			brands[it.Brand] = true
			if it.Brand == "Seagate" && it.Quantity == nil {
				known = false
			}
			if it.Quantity != nil {
				unitsBrand[it.Brand] += *it.Quantity
				if it.Brand == "Seagate" {
					su += *it.Quantity
					unitsLine[it.ProductLine] += *it.Quantity
				}
				if it.Brand == "Western Digital" {
					wdLine[it.ProductLine] += *it.Quantity
				}
			}
		}
		for b := range brands {
			if b != "Seagate" {
				co[b]++
			}
		}
		if known {
			qk++
			ta.SeagateUnits = ip(su)
		} else {
			qu++
		}
		tas = append(tas, ta)
	}
	truth := map[string]any{
		"constructed":              true,
		"query":                    map[string]any{"brand": "Seagate", "region": "65", "sector": "public_security", "types": []string{"award", "contract"}, "from": "2022-01-01", "to": "2022-05-12"},
		"notices":                  nNotices,
		"documents":                nDocs,
		"files_total":              len(docs),
		"buyers":                   len(buyers),
		"quantity_known_notices":   qk,
		"quantity_unknown_notices": qu,
		"units_by_brand":           unitsBrand,
		"units_by_product_line":    unitsLine,
		"co_brands":                co,
		"wd_units_by_product_line": wdLine,
		"announcements":            tas,
		"excluded":                 excl,
	}
	out, _ := json.MarshalIndent(truth, "", " ")
	os.WriteFile("truth.json", append(out, '\n'), 0o644)
	fmt.Printf("files=%d notices=%d documents=%d buyers=%d qk=%d qu=%d units=%v lines=%v co=%v wd=%v\n", len(docs), nNotices, nDocs, len(buyers), qk, qu, unitsBrand, unitsLine, co, wdLine)
}
