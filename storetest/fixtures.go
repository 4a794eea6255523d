package storetest

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"

	"github.com/enduse/enduse"
)

// The fixtures below are constructed in Go, not parsed from real notices:
// they are a small, fully known world in which every figure of a query can
// be worked out by hand. Names follow real naming patterns; the amounts,
// codes and contacts are invented.

// Personal data planted in every fixture's text. The store must never
// return or index it.
const (
	personName  = "张三丰"
	personPhone = "13912345678"
)

// fixture is one document to save, with the notice extracted from it.
type fixture struct {
	name     string
	doc      *enduse.Document
	redacted string
	notice   *enduse.Notice
	parseErr error
}

// fixtureItems is every fixture as an item of a batch save.
func fixtureItems() []enduse.SaveItem {
	var items []enduse.SaveItem
	for _, f := range fixtures() {
		items = append(items, enduse.SaveItem{Document: f.doc, Redacted: f.redacted, Notice: f.notice, ParseErr: f.parseErr})
	}
	return items
}

// redact masks the planted personal data with runes of the same count.
func redact(s string) string {
	return strings.NewReplacer(personName, "***", personPhone, "***********").Replace(s)
}

// spec describes a fixture notice compactly.
type spec struct {
	name, wrapper, title, typ, published, code string
	buyer                                      *enduse.Org
	suppliers                                  []enduse.Supplier
	budget, award                              float64
	body                                       string
	items                                      []enduse.Item
	mentions                                   []string // brand texts found in body, resolved below
	hits                                       []enduse.Hit
	reason                                     *enduse.Reason
	method                                     string // procurement method id
}

// build makes the document and notice of a spec. The text holds the
// planted personal data; the redacted text does not.
func (s spec) build(agency enduse.Org, resolutions map[string]enduse.Resolution) fixture {
	text := s.title + "\n" + "采购人：" + s.buyer.Name + "\n" + s.body + "\n联系人：" + personName + "，电话：" + personPhone + "\n"
	raw := []byte("<html><head><title>" + s.title + "</title></head><body>" + s.wrapper + "<pre>" + text + "</pre></body></html>")
	sum := sha256.Sum256(raw)
	d := &enduse.Document{SHA256: hex.EncodeToString(sum[:]), Source: "fixtures/" + s.name + ".html",
		URL: "https://example.org/" + s.name, MediaType: "text/html", Charset: "utf-8", Raw: raw, Title: s.title,
		Published: s.published, Text: text}
	buyer := *s.buyer
	n := &enduse.Notice{Schema: enduse.SchemaVersion, Source: d.Source, SHA256: d.SHA256, URL: d.URL,
		Type: enduse.NoticeType(s.typ), Title: s.title, Published: s.published, ProjectCode: s.code,
		Buyer: &buyer, Agency: &agency, Suppliers: s.suppliers, Budget: s.budget, AwardAmount: s.award,
		Currency: "CNY", Items: s.items, Hits: s.hits, Reason: s.reason, Method: s.method, Evidence: map[string]enduse.Evidence{}}
	rs := []rune(text)
	// Evidence for the buyer and, deliberately, for the contact line: the
	// store must keep only its redacted form.
	if i := strings.Index(text, "采购人："); i >= 0 {
		start := len([]rune(text[:i]))
		n.Evidence["buyer"] = enduse.Evidence{Start: start, End: start + 4 + len([]rune(s.buyer.Name)), Text: "采购人：" + s.buyer.Name}
	}
	if i := strings.Index(text, "联系人："); i >= 0 {
		start := len([]rune(text[:i]))
		end := len(rs) - 1
		n.Evidence["contact"] = enduse.Evidence{Start: start, End: end, Text: string(rs[start:end])}
	}
	for _, m := range s.mentions {
		i := strings.Index(text, m)
		if i < 0 {
			panic("fixture " + s.name + ": mention " + m + " not in text")
		}
		start := len([]rune(text[:i]))
		res := resolutions[m]
		spec := strings.Contains(text[i:], m+"或同等档次")
		n.Mentions = append(n.Mentions, enduse.Mention{Text: m, Start: start, End: start + len([]rune(m)),
			Kind: enduse.MentionAlias, Spec: spec, Resolution: res})
	}
	return fixture{name: s.name, doc: d, redacted: redact(text), notice: n}
}

// item is a line item with its brand resolved.
func item(name, brand, model string, qty float64, res enduse.Resolution) enduse.Item {
	r := res
	return enduse.Item{Name: name, Brand: brand, Model: model, Quantity: qty, Unit: "台", Resolved: &r}
}

// winner is a winning supplier.
func winner(o enduse.Org, amount float64) enduse.Supplier {
	return enduse.Supplier{Org: o, Role: enduse.RoleWinner, Amount: amount}
}

// fixtures is the world of the conformance suite, in ingest order.
//
// Xinjiang public-security purchases of Seagate disks in early 2022:
//   - project XJ-2022-001 of the Urumqi PSB: a tender (T1), an award (A1)
//     re-published on a second site (A1r), and a contract (C1) — one
//     purchase of 100 Seagate disks, whatever the number of notices;
//   - an award of the Kashgar PSB without project code (K1), re-published
//     under another wrapper (K1r), 30 Seagate + 20 WD disks;
//   - a later Kashgar award (K2, June), 10 Seagate disks;
//   - a contract of the Urumqi PSB on the last day of the case-study window
//     (C2), 7 Seagate disks.
//
// Around them: a prison's single-source purchase of Cisco (P1), a Hubei PSB
// award with H3C items (Y1), a school tender naming Dell only as a
// specification (E1) and a document that failed to parse (F1).
func fixtures() []fixture {
	// Organisations of the fixtures.
	var (
		urumqiPSB = enduse.Org{Name: "乌鲁木齐市公安局", Key: "乌鲁木齐市公安局", NameEN: "Urumqi City Public Security Bureau",
			Sector: enduse.SectorPublicSecurity, Level: enduse.LevelPrefecture,
			Region: &enduse.Region{Code: "650100", Name: "乌鲁木齐市", Path: "新疆维吾尔自治区/乌鲁木齐市"}}
		kashgarPSB = enduse.Org{Name: "喀什地区公安局", Key: "喀什地区公安局", NameEN: "Kashgar Prefecture Public Security Bureau",
			Sector: enduse.SectorPublicSecurity, Level: enduse.LevelPrefecture,
			Region: &enduse.Region{Code: "653100", Name: "喀什地区", Path: "新疆维吾尔自治区/喀什地区"}}
		xjPrison = enduse.Org{Name: "新疆维吾尔自治区第一监狱", Key: "新疆维吾尔自治区第一监狱", NameEN: "Xinjiang No. 1 Prison",
			Sector: enduse.SectorPrisonJustice, Level: enduse.LevelProvince,
			Region: &enduse.Region{Code: "650100", Name: "乌鲁木齐市", Path: "新疆维吾尔自治区/乌鲁木齐市"}}
		yichangPSB = enduse.Org{Name: "宜昌市公安局", Key: "宜昌市公安局", NameEN: "Yichang City Public Security Bureau",
			Sector: enduse.SectorPublicSecurity, Level: enduse.LevelPrefecture,
			Region: &enduse.Region{Code: "420500", Name: "宜昌市", Path: "湖北省/宜昌市"}}
		yichangSchool = enduse.Org{Name: "宜昌市第一中学", Key: "宜昌市第一中学", Sector: enduse.SectorEducation, Level: enduse.LevelUnit,
			Region: &enduse.Region{Code: "420500", Name: "宜昌市", Path: "湖北省/宜昌市"}}
		xjAgency   = enduse.Org{Name: "新疆招标有限公司", Key: "新疆招标有限公司", Sector: enduse.SectorEnterprise}
		tianshan   = enduse.Org{Name: "新疆天山科技有限公司", Key: "新疆天山科技有限公司", NameEN: "Xinjiang Tianshan Technology Co., Ltd.", Sector: enduse.SectorEnterprise}
		urumqiSec  = enduse.Org{Name: "乌鲁木齐安防工程有限公司", Key: "乌鲁木齐安防工程有限公司", Sector: enduse.SectorEnterprise}
		kashgarNet = enduse.Org{Name: "喀什网络科技有限公司", Key: "喀什网络科技有限公司", Sector: enduse.SectorEnterprise}
		ciscoAgent = enduse.Org{Name: "北京思科代理有限公司", Key: "北京思科代理有限公司", Sector: enduse.SectorEnterprise}
		chutian    = enduse.Org{Name: "湖北楚天信息有限公司", Key: "湖北楚天信息有限公司", Sector: enduse.SectorEnterprise}
	)

	// Knowledge-base resolutions of the fixtures.
	var (
		seagate   = enduse.Resolution{Brand: "Seagate", Company: "Seagate Technology", Country: "US", USLinked: true, ProductLine: "SkyHawk", Category: "storage.surveillance"}
		wd        = enduse.Resolution{Brand: "Western Digital", Company: "Western Digital", Country: "US", USLinked: true, ProductLine: "WD Purple", Category: "storage.surveillance"}
		hikvision = enduse.Resolution{Brand: "Hikvision", Company: "Hangzhou Hikvision Digital Technology", Country: "CN", Category: "surveillance.camera"}
		cisco     = enduse.Resolution{Brand: "Cisco", Company: "Cisco Systems", Country: "US", USLinked: true, Category: "network.switch"}
		h3c       = enduse.Resolution{Brand: "H3C", Company: "New H3C Technologies", Country: "CN", USLinked: true, USLinkPath: []string{"H3C", "joint_venture_of 49% Hewlett Packard Enterprise (US)"}, Category: "network.switch"}
		dell      = enduse.Resolution{Brand: "Dell", Company: "Dell Technologies", Country: "US", USLinked: true, Category: "servers"}
	)

	// resolutions maps the brand texts of fixture bodies to the knowledge base.
	resolutions := map[string]enduse.Resolution{
		"希捷": seagate, "ST8000VX004": seagate, "西部数据": wd, "海康威视": hikvision, "思科": cisco, "华三": h3c, "戴尔": dell,
	}

	a1Items := []enduse.Item{
		item("监控硬盘", "希捷", "ST8000VX004", 60, seagate),
		item("监控硬盘", "希捷", "ST4000VX016", 40, seagate),
		item("网络摄像机", "海康威视", "DS-2CD3T46", 50, hikvision),
	}
	hit := enduse.Hit{Org: "buyer", Name: urumqiPSB.Name, List: "BIS Entity List", EntryID: "EL-2019-XJ",
		Entry: "Xinjiang Uighur Autonomous Region (XUAR) People's Government Public Security Bureau", Relation: enduse.RelationSubordinate,
		Score: 0.93, Why: "Urumqi City PSB is a sub-unit of the XUAR PSB"}
	specs := []spec{
		{name: "T1", title: "乌鲁木齐市公安局视频存储设备采购项目招标公告", typ: "tender", published: "2022-02-01",
			code: "XJ-2022-001", buyer: &urumqiPSB, budget: 600000,
			body: "采购内容：希捷监控硬盘100块。", mentions: []string{"希捷"},
			items: []enduse.Item{item("监控硬盘", "希捷", "ST8000VX004", 100, seagate)}},
		{name: "A1", title: "乌鲁木齐市公安局视频存储设备采购项目中标公告", typ: "award", published: "2022-03-01",
			code: "XJ-2022-001", buyer: &urumqiPSB, budget: 600000, award: 500000,
			suppliers: []enduse.Supplier{winner(tianshan, 500000), {Org: urumqiSec, Role: enduse.RoleCandidate, Rank: 2}},
			body:      "中标内容：希捷监控硬盘ST8000VX004共60块，ST4000VX016共40块；海康威视网络摄像机50台。",
			mentions:  []string{"希捷", "ST8000VX004", "海康威视"}, items: a1Items, hits: []enduse.Hit{hit}},
		{name: "A1r", wrapper: "<div>转载自新疆政府采购网 第二站点</div>", title: "乌鲁木齐市公安局视频存储设备采购项目中标公告", typ: "award",
			published: "2022-03-02", code: "XJ-2022-001", buyer: &urumqiPSB, budget: 600000, award: 500000,
			suppliers: []enduse.Supplier{winner(tianshan, 500000), {Org: urumqiSec, Role: enduse.RoleCandidate, Rank: 2}},
			body:      "中标内容：希捷监控硬盘ST8000VX004共60块，ST4000VX016共40块；海康威视网络摄像机50台。",
			mentions:  []string{"希捷", "ST8000VX004", "海康威视"}, items: a1Items, hits: []enduse.Hit{hit}},
		{name: "C1", title: "乌鲁木齐市公安局视频存储设备采购项目合同公告", typ: "contract", published: "2022-03-20",
			code: "XJ-2022-001", buyer: &urumqiPSB, award: 500000,
			suppliers: []enduse.Supplier{winner(tianshan, 500000)},
			body:      "合同标的：希捷监控硬盘100块。", mentions: []string{"希捷"},
			items: []enduse.Item{item("监控硬盘", "希捷", "", 100, seagate)}},
		{name: "K1", title: "喀什地区公安局视频监控存储扩容项目中标公告", typ: "award", published: "2022-04-10",
			buyer: &kashgarPSB, budget: 350000, award: 300000,
			suppliers: []enduse.Supplier{winner(kashgarNet, 300000)},
			body:      "中标内容：希捷硬盘30块，西部数据硬盘20块，服务器参照戴尔或同等档次。",
			mentions:  []string{"希捷", "西部数据", "戴尔"},
			items:     []enduse.Item{item("硬盘", "希捷", "", 30, seagate), item("硬盘", "西部数据", "WD80PURZ", 20, wd)}},
		{name: "K1r", wrapper: "<div>喀什地区公共资源交易网 转发</div>", title: "喀什地区公安局视频监控存储扩容项目中标公告", typ: "award",
			published: "2022-04-11", buyer: &kashgarPSB, budget: 350000, award: 300000,
			suppliers: []enduse.Supplier{winner(kashgarNet, 300000)},
			body:      "中标内容：希捷硬盘30块，西部数据硬盘20块，服务器参照戴尔或同等档次。",
			mentions:  []string{"希捷", "西部数据", "戴尔"},
			items:     []enduse.Item{item("硬盘", "希捷", "", 30, seagate), item("硬盘", "西部数据", "WD80PURZ", 20, wd)}},
		{name: "K2", title: "喀什地区公安局硬盘补充采购中标公告", typ: "award", published: "2022-06-01",
			buyer: &kashgarPSB, award: 15000, suppliers: []enduse.Supplier{winner(kashgarNet, 15000)},
			body: "中标内容：希捷硬盘10块。", mentions: []string{"希捷"},
			items: []enduse.Item{item("硬盘", "希捷", "", 10, seagate)}},
		{name: "C2", title: "乌鲁木齐市公安局备用硬盘采购合同公告", typ: "contract", published: "2022-05-12",
			code: "XJ-2022-009", buyer: &urumqiPSB, award: 7000, suppliers: []enduse.Supplier{winner(tianshan, 7000)},
			body: "合同标的：希捷硬盘7块。", mentions: []string{"希捷"},
			items: []enduse.Item{item("硬盘", "希捷", "", 7, seagate)}},
		{name: "P1", title: "新疆维吾尔自治区第一监狱网络设备单一来源采购公示", typ: "single_source", published: "2022-05-01",
			code: "XJJY-2022-3", buyer: &xjPrison, budget: 200000,
			suppliers: []enduse.Supplier{{Org: ciscoAgent, Role: enduse.RoleSingleSource}},
			body:      "拟采购思科交换机，原因：需与现有进口设备兼容。", mentions: []string{"思科"},
			reason: &enduse.Reason{Classes: []enduse.ReasonClass{enduse.ReasonImported, enduse.ReasonCompatibility}, Text: "需与现有进口设备兼容"},
			method: "single_source"},
		{name: "Y1", title: "宜昌市公安局网络改造项目中标公告", typ: "award", published: "2022-03-15",
			code: "YC-2022-01", buyer: &yichangPSB, award: 80000, suppliers: []enduse.Supplier{winner(chutian, 80000)},
			body: "中标内容：思科路由器替换为华三交换机5台。", mentions: []string{"思科", "华三"},
			items: []enduse.Item{item("交换机", "华三", "S5130", 5, h3c)}},
		{name: "E1", title: "宜昌市第一中学教学设备采购招标公告", typ: "tender", published: "2021-12-01",
			buyer: &yichangSchool, budget: 50000,
			body: "教学用计算机，参考品牌：戴尔或同等档次。", mentions: []string{"戴尔"}},
	}
	var out []fixture
	for _, s := range specs {
		f := s.build(xjAgency, resolutions)
		if s.reason != nil {
			txt := f.doc.Text
			i := strings.Index(txt, s.reason.Text)
			start := len([]rune(txt[:i]))
			f.notice.Reason.Evidence = enduse.Evidence{Start: start, End: start + len([]rune(s.reason.Text)), Text: s.reason.Text}
		}
		out = append(out, f)
	}
	failedText := "扫描件无法识别\n联系人：" + personName + "，电话：" + personPhone + "\n"
	raw := []byte("%PDF-1.7 encrypted " + failedText)
	sum := sha256.Sum256(raw)
	out = append(out, fixture{name: "F1", doc: &enduse.Document{SHA256: hex.EncodeToString(sum[:]), Source: "fixtures/F1.pdf",
		MediaType: "application/pdf", Raw: raw, Text: failedText}, redacted: redact(failedText),
		parseErr: errors.New("read pdf fixtures/F1.pdf: encrypted document")})
	return out
}
