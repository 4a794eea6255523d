package casestudy

import "github.com/enduse/enduse"

// This file is the construction of the case-study corpus: every notice,
// and for each what it is by construction (the buyer's sector and region,
// and the brand and product line of every listed item). gen_test.go turns
// it into corpus/*.html and truth.json; nothing here is read from the
// pipeline's output.

// item is one line of a notice's equipment list.
type item struct {
	name, brand, model string  // as written in the notice (brand may be empty: a bare model number)
	qty                float64 //
	unit               string
	price              float64
	// By construction: the canonical brand and product line (empty when
	// the item is not a recognisable brand product).
	isBrand, line string
}

// spec is one constructed notice.
type spec struct {
	file    string
	site    string // wrapper: ccgp (national), xj (Xinjiang), bt (XPCC), gs (Gansu)
	typ     enduse.NoticeType
	date    string // YYYY-MM-DD
	code    string // 项目编号; empty for a notice without one
	project string
	buyer   string // the buyer's usual name (distinct bodies have distinct names here)
	buyerAs string // the buyer's name as this notice writes it, when it differs
	addr    string // buyer address
	// By construction: the buyer's sector and GB/T 2260 region code.
	sector enduse.Sector
	region string

	supplier string
	items    []item
	itemsAs  string // "table" (default), "prose" (名称：… 品牌：… runs) or "brandmodel" (one 品牌型号 column)
	charset  string // "gbk" for a GBK-encoded page; UTF-8 otherwise
	extra    string // 其他补充事宜 text
	// specOnly marks brands the notice names only as a specification
	// ("希捷或同等档次"); they must not make the notice count.
	specOnly []string
	// copyOf names the notice this file re-publishes (same announcement,
	// different site wrapper).
	copyOf string
}

// Personal data written into the notices (contacts, phones, experts). The
// report must never show any of it.
var personal = []string{"刘建国", "马晓燕", "阿不都热依木·买买提", "李明", "王芳", "赵强",
	"13899123456", "13999887766", "0991-2345678", "0998-2816543"}

const (
	skyhawk   = "SkyHawk"
	exos      = "Exos"
	barracuda = "BarraCuda"
	ironwolf  = "IronWolf"
	seagate   = "Seagate"
)

func sg(name, brand, model string, qty float64, unit string, price float64, line string) item {
	return item{name: name, brand: brand, model: model, qty: qty, unit: unit, price: price, isBrand: seagate, line: line}
}

func other(name, brand, model string, qty float64, unit string, price float64, canonical string) item {
	return item{name: name, brand: brand, model: model, qty: qty, unit: unit, price: price, isBrand: canonical}
}

const (
	ps  = enduse.SectorPublicSecurity
	xjS = "xj"
)

// specs is the corpus. Files a* are in scope of the case-study filter,
// o* are not (and say why in their name).
func specs() []spec {
	return []spec{
		// ---- in scope: Xinjiang public security, award/contract, 2022-01-01..2022-05-12, Seagate ----
		{file: "a01-tianshan-award", site: xjS, typ: enduse.TypeAward, date: "2022-01-10", code: "TSQGA2022-003",
			project: "天山区分局视频监控存储扩容项目", buyer: "乌鲁木齐市公安局天山区分局", addr: "乌鲁木齐市天山区解放南路",
			sector: ps, region: "650102", supplier: "新疆天网智联科技有限公司",
			items: []item{sg("监控硬盘", "希捷", "ST8000VX004", 8, "块", 1450, skyhawk),
				other("网络硬盘录像机", "海康威视", "DS-7816N-K2", 2, "台", 3200, "Hikvision")}},
		{file: "a01-tianshan-award-ccgp-copy", copyOf: "a01-tianshan-award", site: "ccgp"},
		{file: "a01-tianshan-contract", site: xjS, typ: enduse.TypeContract, date: "2022-01-25", code: "TSQGA2022-003",
			project: "天山区分局视频监控存储扩容项目", buyer: "乌鲁木齐市公安局天山区分局", addr: "乌鲁木齐市天山区解放南路",
			sector: ps, region: "650102", supplier: "新疆天网智联科技有限公司",
			items: []item{sg("监控硬盘", "希捷", "ST8000VX004", 8, "块", 1450, skyhawk),
				other("网络硬盘录像机", "海康威视", "DS-7816N-K2", 2, "台", 3200, "Hikvision")}},
		{file: "a02-kashgar-award", site: xjS, typ: enduse.TypeAward, date: "2022-02-15", code: "KSDQGAJ-2022-011",
			project: "视频图像信息系统存储设备采购项目", buyer: "喀什地区公安局", addr: "喀什市人民东路",
			sector: ps, region: "653100", supplier: "喀什安联信息技术有限公司",
			items: []item{sg("硬盘", "希捷科技", "ST4000VX013", 12, "块", 720, skyhawk),
				other("硬盘录像机", "大华", "DH-NVR4832-HDS2", 1, "台", 6800, "Dahua")}},
		{file: "a03-xpcc1-psb-award", site: "bt", typ: enduse.TypeAward, date: "2022-03-03", code: "BT1S-GA-2022-07",
			project: "指挥中心存储服务器硬盘采购项目", buyer: "新疆生产建设兵团第一师公安局", addr: "阿拉尔市军垦大道",
			sector: ps, region: "659002", supplier: "阿拉尔市恒信电子科技有限公司",
			items: []item{sg("服务器硬盘", "SEAGATE", "ST2000NM0055", 6, "块", 1100, exos)}},
		{file: "a04-aksu-detention-contract", site: xjS, typ: enduse.TypeContract, date: "2022-03-20", code: "AKSKSS-2022-02",
			project: "监所视频监控系统升级改造项目", buyer: "阿克苏地区看守所", addr: "阿克苏市英阿瓦提路",
			sector: ps, region: "652900", supplier: "阿克苏鼎盛安防工程有限公司",
			items: []item{sg("监控硬盘", "", "ST4000VX013", 4, "块", 700, skyhawk),
				other("网络摄像机", "宇视", "IPC2124LR3-PF40M-D", 10, "台", 680, "Uniview")}},
		{file: "a05-xuar-psd-award", site: xjS, typ: enduse.TypeAward, date: "2022-04-08", code: "XJGAT-2022-035",
			project: "机关办公设备及存储介质采购项目", buyer: "新疆维吾尔自治区公安厅", addr: "乌鲁木齐市天山区中山路",
			sector: ps, region: "650000", supplier: "新疆博远信息科技有限公司",
			items: []item{sg("监控级硬盘", "Seagate酷鹰", "8TB", 6, "块", 1500, skyhawk),
				sg("台式机硬盘", "希捷", "ST1000DM010", 10, "块", 320, barracuda)}},
		{file: "a06-shufu-award", site: xjS, typ: enduse.TypeAward, date: "2022-04-20", code: "SFXGA-2022-06",
			project: "派出所视频存储设备采购项目", buyer: "疏附县公安局", addr: "疏附县托克扎克镇",
			sector: ps, region: "653121", supplier: "喀什安联信息技术有限公司",
			items: []item{sg("硬盘", "希捷", "ST4000VN008", 4, "块", 800, ironwolf),
				other("监控硬盘", "西部数据", "WD40PURZ", 4, "块", 650, "Western Digital")}},
		{file: "a07-urumqi-psb-contract", site: xjS, typ: enduse.TypeContract, date: "2022-05-12", code: "WLMQGA-2022-118",
			project: "大数据中心存储扩容项目", buyer: "乌鲁木齐市公安局", addr: "乌鲁木齐市沙依巴克区友好北路",
			sector: ps, region: "650100", supplier: "新疆天网智联科技有限公司",
			items: []item{sg("企业级硬盘", "希捷", "ST16000NM000J", 2, "块", 3600, exos)}},
		{file: "a08-korla-award-gbk", site: xjS, charset: "gbk", typ: enduse.TypeAward, date: "2022-01-04", code: "KELGA-2022-001",
			project: "看守所监控存储设备采购项目", buyer: "库尔勒市公安局", addr: "库尔勒市人民东路",
			sector: ps, region: "652801", supplier: "巴州华安智能科技有限公司",
			items: []item{sg("监控硬盘", "希捷", "ST6000VX001", 3, "块", 1050, skyhawk)}},
		{file: "a09-ili-award-prose", site: xjS, typ: enduse.TypeAward, date: "2022-02-28", code: "YLZGA-2022-019",
			project: "视频监控存储设备采购项目", buyer: "伊犁哈萨克自治州公安局", addr: "伊宁市斯大林街",
			sector: ps, region: "654000", supplier: "伊犁天盾科技有限公司", itemsAs: "prose",
			items: []item{sg("硬盘", "希捷", "ST8000VX004", 2, "块", 1450, skyhawk),
				other("硬盘录像机", "海康威视", "DS-8632N-K8", 1, "台", 5800, "Hikvision")}},
		{file: "a10-liudaowan-station-award", site: xjS, typ: enduse.TypeAward, date: "2022-03-15", code: "SMGFJ-LDW-2022-01",
			project: "派出所监控硬盘采购项目", buyer: "乌鲁木齐市公安局水磨沟区分局六道湾派出所", addr: "乌鲁木齐市水磨沟区六道湾路",
			sector: ps, region: "650105", supplier: "乌鲁木齐金盾安防设备有限公司",
			items: []item{sg("硬盘", "希捷", "ST2000VX008", 2, "块", 420, skyhawk)}},
		{file: "a11-gaochang-award", site: xjS, typ: enduse.TypeAward, date: "2022-03-08", code: "GCGA-2022-004",
			project: "社会面监控存储设备采购项目", buyer: "吐鲁番市公安局高昌区分局", addr: "吐鲁番市高昌区绿洲中路",
			sector: ps, region: "650402", supplier: "吐鲁番宏达信息工程有限公司",
			items: []item{sg("监控硬盘", "希捷", "ST4000VX016", 5, "块", 760, skyhawk),
				other("网络摄像机", "海康威视", "DS-2CD3T46WDV3-I3", 20, "台", 520, "Hikvision")}},
		{file: "a11-gaochang-contract", site: xjS, typ: enduse.TypeContract, date: "2022-03-22", code: "GCGA-2022-004",
			project: "社会面监控存储设备采购项目", buyer: "吐鲁番市公安局高昌区分局", buyerAs: "吐鲁番市高昌区公安分局", addr: "吐鲁番市高昌区绿洲中路",
			sector: ps, region: "650402", supplier: "吐鲁番宏达信息工程有限公司",
			items: []item{sg("监控硬盘", "希捷", "ST4000VX016", 5, "块", 760, skyhawk),
				other("网络摄像机", "海康威视", "DS-2CD3T46WDV3-I3", 20, "台", 520, "Hikvision")}},
		{file: "a12-karamay-award-nocode", site: xjS, typ: enduse.TypeAward, date: "2022-04-30",
			project: "交警支队服务器硬盘采购项目", buyer: "克拉玛依市公安局", addr: "克拉玛依市克拉玛依区准噶尔路",
			sector: ps, region: "650200", supplier: "克拉玛依讯达电子有限公司",
			items: []item{sg("服务器硬盘", "希捷", "ST12000NM001G", 4, "块", 2300, exos)}},
		{file: "a12-karamay-award-nocode-ccgp-copy", copyOf: "a12-karamay-award-nocode", site: "ccgp"},
		{file: "a13-hotan-traffic-award", site: xjS, typ: enduse.TypeAward, date: "2022-02-22", code: "HTJJ-2022-003",
			project: "道路监控存储设备采购项目", buyer: "和田地区公安局交通警察支队", addr: "和田市北京西路",
			sector: ps, region: "653200", supplier: "和田昆仑安防科技有限公司",
			items: []item{sg("监控硬盘", "希捷", "ST6000VX001", 6, "块", 1050, skyhawk),
				other("硬盘录像机", "大华", "DH-NVR5864-EI", 1, "台", 9800, "Dahua")}},
		{file: "a14-shihezi-award", site: "bt", typ: enduse.TypeAward, date: "2022-03-28", code: "SHZGA-2022-010",
			project: "执法办案终端配件采购项目", buyer: "石河子市公安局", addr: "石河子市北一路",
			sector: ps, region: "659001", supplier: "石河子市鑫源电脑有限公司",
			items: []item{sg("笔记本硬盘", "希捷(Seagate)", "ST1000LM035", 10, "块", 300, barracuda)}},
		{file: "a15-changji-contract", site: xjS, typ: enduse.TypeContract, date: "2022-04-25", code: "CJZGA-2022-027",
			project: "治安卡口存储设备采购项目", buyer: "昌吉回族自治州公安局", addr: "昌吉市延安北路",
			sector: ps, region: "652300", supplier: "昌吉市安达信息技术有限公司", itemsAs: "brandmodel",
			items: []item{sg("监控硬盘", "希捷", "ST4000VX013", 6, "块", 720, skyhawk)}},
		{file: "a17-changji-abbrev-award", site: xjS, typ: enduse.TypeAward, date: "2022-02-18", code: "CJZGA-2022-009",
			project: "看守所监控硬盘更换项目", buyer: "昌吉回族自治州公安局", buyerAs: "昌吉州公安局", addr: "昌吉市延安北路",
			sector: ps, region: "652300", supplier: "昌吉市安达信息技术有限公司",
			items: []item{sg("监控硬盘", "希捷", "ST2000VX015", 12, "块", 430, skyhawk)}},
		{file: "a16-aksu-city-award", site: xjS, typ: enduse.TypeAward, date: "2022-05-05", code: "AKSSGA-2022-009",
			project: "指挥中心录像存储设备采购项目", buyer: "阿克苏市公安局", addr: "阿克苏市西大街",
			sector: ps, region: "652901", supplier: "阿克苏鼎盛安防工程有限公司",
			items: []item{sg("硬盘", "希捷", "ST8000NM017B", 2, "块", 2100, exos),
				other("网络硬盘录像机", "宇视", "NVR302-16S", 1, "台", 2600, "Uniview")}},
		{file: "a16-aksu-city-award-ccgp-copy", copyOf: "a16-aksu-city-award", site: "ccgp"},

		// ---- out of scope ----
		{file: "o01-kashgar-tender-spec-only", site: xjS, typ: enduse.TypeTender, date: "2022-02-01", code: "KSDQGAJ-2022-011",
			project: "视频图像信息系统存储设备采购项目", buyer: "喀什地区公安局", addr: "喀什市人民东路",
			sector: ps, region: "653100", specOnly: []string{seagate},
			extra: "监控级硬盘：容量≥4TB，转速5900转，希捷或同等档次及以上产品。"},
		{file: "o02-hotan-psb-tender", site: xjS, typ: enduse.TypeTender, date: "2022-03-01", code: "HTDQGA-2022-015",
			project: "公安检查站监控存储设备采购项目", buyer: "和田地区公安局", addr: "和田市北京西路",
			sector: ps, region: "653200",
			items: []item{sg("监控硬盘", "希捷", "ST8000VX004", 10, "块", 0, skyhawk)}},
		{file: "o03-tianshan-correction", site: xjS, typ: enduse.TypeCorrection, date: "2022-01-15", code: "TSQGA2022-005",
			project: "天山区分局执法记录仪存储设备采购项目", buyer: "乌鲁木齐市公安局天山区分局", addr: "乌鲁木齐市天山区解放南路",
			sector: ps, region: "650102",
			extra: "原采购需求中“监控硬盘 希捷 ST4000VX013 数量6块”更正为“监控硬盘 希捷 ST4000VX013 数量8块”，其他内容不变。"},
		{file: "o04-hospital-award", site: xjS, typ: enduse.TypeAward, date: "2022-02-10", code: "XYDYFY-2022-021",
			project: "安防监控系统存储扩容项目", buyer: "新疆医科大学第一附属医院", addr: "乌鲁木齐市新市区鲤鱼山南路",
			sector: enduse.SectorHealth, region: "650100", supplier: "新疆博远信息科技有限公司",
			items: []item{sg("监控硬盘", "希捷", "ST4000VX013", 6, "块", 720, skyhawk)}},
		{file: "o05-kashgar-hospital-award", site: xjS, typ: enduse.TypeAward, date: "2022-03-10", code: "KSDYRMYY-2022-008",
			project: "门诊楼监控设备采购项目", buyer: "喀什地区第一人民医院", addr: "喀什市迎宾大道",
			sector: enduse.SectorHealth, region: "653100", supplier: "喀什安联信息技术有限公司",
			items: []item{sg("硬盘", "希捷", "ST2000VX008", 4, "块", 420, skyhawk)}},
		{file: "o06-gansu-lanzhou-psb-award", site: "gs", typ: enduse.TypeAward, date: "2022-03-12", code: "LZGA-2022-044",
			project: "视频监控存储设备采购项目", buyer: "兰州市公安局", addr: "兰州市城关区武都路",
			sector: ps, region: "620100", supplier: "甘肃金盾信息技术有限公司",
			items: []item{sg("监控硬盘", "希捷", "ST8000VX004", 10, "块", 1450, skyhawk)}},
		{file: "o07-aral-prison-award", site: "bt", typ: enduse.TypeAward, date: "2022-03-18", code: "BT1S-ALEJY-2022-03",
			project: "监控设备采购项目", buyer: "新疆生产建设兵团第一师阿拉尔监狱", addr: "阿拉尔市塔南路",
			sector: enduse.SectorPrisonJustice, region: "659002", supplier: "阿拉尔市恒信电子科技有限公司",
			items: []item{sg("监控硬盘", "希捷", "ST4000VX013", 40, "块", 700, skyhawk),
				other("彩色红外网络半球摄像机", "大华", "DH-IPC-HDBW2431R-ZS", 31, "台", 460, "Dahua")}},
		{file: "o08-urumqi-psb-before-range", site: xjS, typ: enduse.TypeAward, date: "2021-12-31", code: "WLMQGA-2021-260",
			project: "年末存储设备采购项目", buyer: "乌鲁木齐市公安局", addr: "乌鲁木齐市沙依巴克区友好北路",
			sector: ps, region: "650100", supplier: "新疆天网智联科技有限公司",
			items: []item{sg("监控硬盘", "希捷", "ST4000VX013", 5, "块", 720, skyhawk)}},
		{file: "o09-kashgar-after-range", site: xjS, typ: enduse.TypeAward, date: "2022-05-13", code: "KSDQGAJ-2022-031",
			project: "检查站存储设备采购项目", buyer: "喀什地区公安局", addr: "喀什市人民东路",
			sector: ps, region: "653100", supplier: "喀什安联信息技术有限公司",
			items: []item{sg("监控硬盘", "希捷", "ST4000VX013", 7, "块", 720, skyhawk)}},
		{file: "o10-changji-contract-june", site: xjS, typ: enduse.TypeContract, date: "2022-06-20", code: "CJZGA-2022-041",
			project: "派出所存储设备采购项目", buyer: "昌吉回族自治州公安局", addr: "昌吉市延安北路",
			sector: ps, region: "652300", supplier: "昌吉市安达信息技术有限公司",
			items: []item{sg("监控硬盘", "希捷", "ST4000VX013", 3, "块", 720, skyhawk)}},
		{file: "o11-yining-wd-only", site: xjS, typ: enduse.TypeAward, date: "2022-02-20", code: "YNSGA-2022-012",
			project: "社区监控存储设备采购项目", buyer: "伊宁市公安局", addr: "伊宁市解放路",
			sector: ps, region: "654002", supplier: "伊犁天盾科技有限公司",
			items: []item{other("监控硬盘", "西部数据", "WD80PURZ", 6, "块", 1300, "Western Digital"),
				other("网络硬盘录像机", "海康威视", "DS-7816N-K2", 1, "台", 3200, "Hikvision")}},
		{file: "o12-altay-wd-spec-seagate", site: xjS, typ: enduse.TypeAward, date: "2022-04-12", code: "ALTDQGA-2022-007",
			project: "看守所监控硬盘采购项目", buyer: "阿勒泰地区公安局", addr: "阿勒泰市解放路",
			sector: ps, region: "654300", supplier: "阿勒泰金山科技有限公司", specOnly: []string{seagate},
			items: []item{other("监控硬盘", "西部数据", "WD40PURZ", 8, "块", 650, "Western Digital")},
			extra: "采购需求技术参数：监控级硬盘，参考品牌：希捷或同等档次及以上。"},
		{file: "o13-procuratorate-contract", site: xjS, typ: enduse.TypeContract, date: "2022-03-25", code: "XJJCY-2022-016",
			project: "机房存储设备采购项目", buyer: "新疆维吾尔自治区人民检察院", addr: "乌鲁木齐市天山区团结路",
			sector: enduse.SectorProcuratorate, region: "650000", supplier: "新疆博远信息科技有限公司",
			items: []item{sg("监控硬盘", "希捷", "ST4000VX013", 8, "块", 720, skyhawk)}},
		{file: "o14-tacheng-candidates", site: xjS, typ: enduse.TypeCandidates, date: "2022-03-05", code: "TCDQGA-2022-005",
			project: "监控存储设备采购项目", buyer: "塔城地区公安局", addr: "塔城市新华路",
			sector: ps, region: "654200", supplier: "塔城信联电子科技有限公司",
			items: []item{sg("监控硬盘", "希捷", "ST4000VX013", 6, "块", 720, skyhawk)}},
		{file: "o15-ili-single-source", site: xjS, typ: enduse.TypeSingleSource, date: "2022-04-02", code: "YLZGA-2022-031",
			project: "存储系统扩容单一来源采购项目", buyer: "伊犁哈萨克自治州公安局", addr: "伊宁市斯大林街",
			sector: ps, region: "654000", supplier: "伊犁天盾科技有限公司",
			extra: "现有视频存储系统采用希捷 ST8000VX004 硬盘，为保证与原有设备兼容，需向原供应商采购同型号硬盘20块。"},
		{file: "o16-hami-termination", site: xjS, typ: enduse.TypeTermination, date: "2022-04-18", code: "HMSGA-2022-013",
			project: "希捷监控硬盘采购项目", buyer: "哈密市公安局", addr: "哈密市伊州区天山北路",
			sector: ps, region: "650500",
			extra: "因有效投标供应商不足三家，本项目废标。"},
		{file: "o17-tacheng-toshiba-only", site: xjS, typ: enduse.TypeAward, date: "2022-04-05", code: "TCDQGA-2022-009",
			project: "存储服务器硬盘采购项目", buyer: "塔城地区公安局", addr: "塔城市新华路",
			sector: ps, region: "654200", supplier: "塔城信联电子科技有限公司",
			items: []item{other("服务器硬盘", "东芝", "MG08ADA800E", 4, "块", 1900, "Toshiba")}},
		{file: "o18-school-award", site: xjS, typ: enduse.TypeAward, date: "2022-01-20", code: "WLMQYZ-2022-002",
			project: "计算机教室设备采购项目", buyer: "乌鲁木齐市第一中学", addr: "乌鲁木齐市天山区健康路",
			sector: enduse.SectorEducation, region: "650100", supplier: "乌鲁木齐金盾安防设备有限公司",
			items: []item{sg("台式机硬盘", "希捷", "ST1000DM010", 20, "块", 320, barracuda)}},
		{file: "o19-bortala-cameras-only", site: xjS, typ: enduse.TypeAward, date: "2022-02-08", code: "BZGA-2022-003",
			project: "公安检查站摄像机采购项目", buyer: "博尔塔拉蒙古自治州公安局", addr: "博乐市青得里大街",
			sector: ps, region: "652700", supplier: "博乐市天眼科技有限公司",
			items: []item{other("网络摄像机", "海康威视", "DS-2CD3T46WDV3-I3", 30, "台", 520, "Hikvision")}},
		{file: "o20-court-award", site: xjS, typ: enduse.TypeAward, date: "2022-03-30", code: "WLMQZY-2022-006",
			project: "科技法庭存储设备采购项目", buyer: "乌鲁木齐市中级人民法院", addr: "乌鲁木齐市新市区北京南路",
			sector: enduse.SectorCourt, region: "650100", supplier: "新疆博远信息科技有限公司",
			items: []item{sg("硬盘", "希捷", "ST4000VX013", 4, "块", 720, skyhawk)}},
		{file: "o21-transport-dept-award", site: xjS, typ: enduse.TypeAward, date: "2022-04-22", code: "XJJTT-2022-019",
			project: "路网监测存储设备采购项目", buyer: "新疆维吾尔自治区交通运输厅", addr: "乌鲁木齐市天山区公园北街",
			sector: enduse.SectorOtherGovernment, region: "650000", supplier: "新疆天网智联科技有限公司",
			items: []item{sg("监控硬盘", "希捷", "ST4000VX013", 10, "块", 720, skyhawk)}},
	}
}
