package recognize

import "strings"

// lexicon holds the domain word lists the recogniser's context rules use,
// folded once into matching form. They describe the general shape of
// Chinese procurement text (labels, organisation suffixes, specification
// phrases), not any particular notice.
type lexicon struct {
	// labels announce a brand or model value: "品牌：", "规格型号".
	labels []string
	// productNouns are equipment words that, right after a brand word,
	// show it names a product ("联想台式机", "大华摄像机").
	productNouns []string
	// modifiers may stand between a brand and its product word.
	modifiers []string
	// orgStrong are suffixes that end an organisation's name.
	orgStrong []string
	// latinLegal are legal forms that end a company's name in Latin script
	// ("Seagate Technology LLC", "Dell Inc.").
	latinLegal []string
	// orgWeak are words that, directly after a brand word, make it part
	// of a trading name ("希捷商贸").
	orgWeak []string
	// overlapWords are words whose first character may end an alias
	// ("吾思科技": 思科 + 科技): when the alias's last rune starts one,
	// the alias is part of another word.
	overlapWords []string
	// places are suffixes that make a brand-like word part of a place or
	// address ("松下街", "三星路", "联想公寓", "三星级").
	places []string
	// stops end the forward scan for an organisation suffix: function
	// words and procurement verbs that cannot be inside a company name.
	stops []string
	// idLabels before a code make it a certificate, licence or plot number,
	// not a model ("许可证TS3837C01", "职称证,EX101300617").
	idLabels []string
	// plotWords after a code make it a plot or building ("E6地块").
	plotWords []string
	// surnames are common one-character family names: a two-character
	// brand word right after one, standing alone, is a person's name
	// ("陈麒麟", "李英杰").
	surnames string
	// personLabels introduce a person ("联系人张浪潮").
	personLabels []string
	// ownCompany are what may stand right before "<brand>公司" when it names
	// the brand's own company ("美国赛默飞世尔公司", "由华为公司提供"):
	// country names and one-character function words.
	ownCompany []string
	// orgOwn are the suffixes of a brand's own company name.
	orgOwn []string
	// specBefore are cues before a brand that make it a specification
	// ("不低于希捷", "参考品牌：希捷").
	specBefore []string
	// specList are list labels whose scope runs over commas to the end of
	// the sentence ("参考品牌：华为，思科，新华三").
	specList []string
	// specAfter are cues after a brand ("希捷或同等档次", "…等同档次品牌").
	specAfter []string
	// connectors join brand names in a brand list ("联想或清华同方").
	connectors []string
}

func newLexicon() *lexicon {
	f := func(ws ...string) []string {
		out := make([]string, len(ws))
		for i, w := range ws {
			out[i] = key(w)
		}
		return out
	}
	return &lexicon{
		labels: f("品牌", "厂家", "厂商", "制造商", "生产商", "生产厂家", "生产厂商", "型号", "规格型号",
			"品牌型号", "品牌及型号", "产地", "原厂", "brand", "model"),
		productNouns: f("台式计算机", "台式机", "计算机", "电脑", "笔记本", "一体机", "服务器", "工作站", "交换机",
			"路由器", "防火墙", "网关", "存储", "磁盘阵列", "磁带库", "硬盘", "固态硬盘", "内存", "显卡", "处理器",
			"打印机", "复印机", "复合机", "扫描仪", "投影仪", "显示器", "显示屏", "大屏", "拼接屏", "摄像机", "摄像头",
			"球机", "枪机", "半球", "录像机", "硬盘录像机", "解码器", "编码器", "视频", "监控", "门禁", "道闸", "对讲机",
			"电台", "手台", "基站", "手机", "平板", "终端", "主机", "设备", "产品", "系列", "品牌", "原装", "正版",
			"软件", "系统", "平台", "操作系统", "数据库", "中间件", "测序仪", "分析仪", "质谱仪", "色谱仪", "扩增仪",
			"试剂", "显微镜", "热像仪", "无人机", "光端机", "光模块", "模块", "网卡", "芯片", "cpu", "硒鼓", "墨盒",
			"碳粉", "粉盒", "耗材", "配件", "授权", "许可", "云", "ups", "电源", "机柜", "空调", "室外机", "室内机",
			"线缆", "网线", "口罩", "笔记本电脑", "固态", "监控级", "plc"),
		modifiers: f("激光", "喷墨", "液晶", "彩色", "黑白", "台式", "便携式", "便携", "商用", "网络", "高清", "红外",
			"智能", "数字", "数码", "监控级", "监控", "企业级", "企业", "工业级", "工业", "一体", "无线", "多功能", "专业",
			"原装", "原厂", "机架式", "塔式", "固态", "机械", "移动", "全彩", "星光级", "枪型", "球型", "半球型", "双光谱"),
		orgStrong: f("有限责任公司", "股份有限公司", "有限公司", "分公司", "公司", "集团", "经营部", "商行", "门市部",
			"商店", "专卖店", "经销部", "销售部", "服务部", "工作室", "事务所", "研究所", "研究院", "合作社", "办事处"),
		latinLegal: f("incorporated", "inc", "ltd", "llc", "corporation", "corp", "co", "limited", "plc", "gmbh",
			"ag", "s.a", "sa", "bv", "b.v", "company", "holdings", "group"),
		orgWeak:      f("商贸", "贸易", "实业", "工贸", "经贸", "经营部", "商行", "门市", "科技发展", "投资"),
		overlapWords: f("科技", "技术", "公司", "集团", "中心"),
		places: f("路", "街", "巷", "大道", "大街", "北路", "南路", "东路", "西路", "中路", "一路", "二路", "胡同", "广场", "小区", "公寓", "大厦", "花园", "新村", "村",
			"镇", "乡", "桥", "社区", "号楼", "星级", "级", "产业园", "生态", "园区", "科技园", "工业园", "园", "酒店", "宾馆", "小学", "中学", "医院", "公园", "山庄",
			// A company's site, not its product: 比亚迪三期南侧边坡治理工程.
			"一期", "二期", "三期", "四期", "五期", "六期", "基地", "厂区", "工厂", "总部", "生产线"),
		stops: f("的", "由", "为", "在", "和", "与", "及", "或", "向", "从", "对", "将", "等", "、", "采购", "中标",
			"成交", "供货", "提供", "品牌", "型号", "产品", "设备"),
		idLabels: f("证", "编号", "号码", "许可", "代码", "网址", "账号", "帐号", "执照", "批准文号", "登记号", "注册号", "备案号", "http", "www",
			"批次号", "批号", "订单号", "合同号", "项目号", "标段号", "序列号", "流水号", "单号", "文号", "编码"),
		plotWords: f("地块", "号楼", "栋", "幢", "地段", "区块", "号地", "楼", "单元", "标段", "次列车"),
		surnames: "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈" +
			"姚卢姜崔钟谭陆汪范石廖贾夏韦付傅方白邹孟熊秦邱尹薛闫段雷侯史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤殷" +
			"翟庞聂焦向欧柳",
		personLabels: f("联系人", "负责人", "经办人", "代表", "经理", "主任", "人员", "工程师", "联络人"),
		ownCompany: f("美国", "日本", "德国", "英国", "法国", "韩国", "瑞典", "瑞士", "荷兰", "芬兰", "以色列", "加拿大",
			"意大利", "中国", "由", "向", "与", "和", "及", "为", "是", "的", "从", "对", "将", "或", "、", "原厂", "厂家"),
		orgOwn: f("股份有限公司", "有限责任公司", "有限公司", "公司", "集团"),
		specBefore: f("不低于", "相当于", "参考品牌", "推荐品牌", "建议品牌", "参考型号", "推荐型号", "品牌参考",
			"参照", "参考", "类似", "优于", "如选用", "例如"),
		specList: f("参考品牌", "推荐品牌", "建议品牌", "参考型号", "推荐型号", "品牌参考", "参考产品", "推荐产品"),
		specAfter: f("或同等", "或同档次", "同等档次", "同档次", "或相当", "相当于", "同等及以上", "及以上", "或以上",
			"以上档次", "或同级", "或同类", "同等品牌", "或等同", "等同", "或等效", "或更高", "或优于", "等品牌",
			"等一线品牌", "同等或以上", "同等性能", "或其他品牌"),
		connectors: f("或为", "或者", "或", "、", "/", ",", "，", "和", "与", "及", "以及", ";", "|", "(", ")", ":",
			"等"),
	}
}

// hasAnyPrefix reports the first word of ws that s starts with.
func hasAnyPrefix(s string, ws []string) (string, bool) {
	for _, w := range ws {
		if strings.HasPrefix(s, w) {
			return w, true
		}
	}
	return "", false
}

// hasAnySuffix reports the first word of ws that s ends with.
func hasAnySuffix(s string, ws []string) (string, bool) {
	for _, w := range ws {
		if strings.HasSuffix(s, w) {
			return w, true
		}
	}
	return "", false
}

// containsAny reports the first word of ws found in s.
func containsAny(s string, ws []string) (string, bool) {
	for _, w := range ws {
		if strings.Contains(s, w) {
			return w, true
		}
	}
	return "", false
}
