package redact

import (
	"strings"
	"unicode"
)

// singleSurnames holds the single-character Chinese surnames (the ~300
// most common of the 百家姓 and of present-day registers). A name is only
// looked for after a person label, so rare surnames cost little precision.
const singleSurnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由傅赖过忻郦阎钮蔚弓禄仉宦隗代望缑洪别双淡见雄仰问红次首操贲邴酆寿宓求羿"

// compoundSurnames are the two-character surnames.
var compoundSurnames = []string{"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙",
	"宇文", "司徒", "令狐", "夏侯", "轩辕", "端木", "独孤", "南宫", "西门", "申屠", "太史", "钟离", "闻人", "呼延", "万俟"}

// honorifics follow a bare surname in place of a given name: 张先生, 李女士, 王工.
var honorifics = []string{"先生", "女士", "小姐", "老师", "经理", "主任", "工程师", "律师", "博士", "教授", "科长", "处长", "部长", "总工", "工", "总", "姐", "哥"}

// honorificRunes are the honorifics as runes, for comparisons without
// conversions; built once, only read.
var honorificRunes = func() [][]rune {
	out := make([][]rune, len(honorifics))
	for i, h := range honorifics {
		out[i] = []rune(h)
	}
	return out
}()

// labelStarts are words that may follow a name directly ("张建电话：…").
var labelStarts = []string{"电话", "联系电话", "联系", "手机", "联系方式", "职称", "职务", "证书", "注册", "身份证", "传真", "邮箱", "电子邮箱",
	"地址", "联系地址", "邮编", "组长", "副组长", "成员", "专家", "同志", "工作单位", "单位", "高级", "中级", "初级", "工程师", "性别", "男", "女", "等", "注"}

// notNames are words that start with a surname character but are roles,
// titles or placeholders, not names.
var notNames = []string{"施工员", "劳务员", "材料员", "资料员", "质检员", "质量员", "安全员", "技术员", "造价员", "监理员", "机械员", "标准员",
	"高级", "中级", "初级", "国家", "项目组", "公路", "公司", "其他", "注册", "工程", "单位", "专职", "兼职", "本人", "同上", "待定", "另行",
	"详见", "见附件", "无", "暂无", "相关", "采购人", "成员", "组长", "副组长", "主任", "工程师", "文员", "会计", "出纳", "司机",
	"经理", "项目经理", "总监", "监理", "设计", "施工", "安全", "质量", "技术", "商务", "法人", "代表", "委托", "全体", "各位", "国际", "国内",
	"金额", "时间", "电话", "地址", "项目", "安排", "方式", "方案", "方面", "管理", "盖章", "信息", "计划", "明细", "明确", "费用", "费率",
	"全部", "全面", "全程", "严格", "应当", "应具", "应有", "相应", "包括", "包含", "万元", "常驻", "常规", "平均", "向采", "于本", "单价",
	"总价", "数量", "车辆", "能力", "年限", "年龄", "学历", "职称", "资格", "齐全", "江西", "湖南", "广东", "原厂", "应急", "宁波", "宜昌", "湖北", "浙江", "江苏", "北京", "上海"}

// nameChecker recognises personal names. It is built once by newNameChecker
// and only read afterwards.
type nameChecker struct {
	single        map[rune]bool
	compoundFirst map[rune]bool // first characters of compound surnames
}

// surnames is the package's name checker: a read-only table built once.
var surnames = newNameChecker()

func newNameChecker() *nameChecker {
	m := make(map[rune]bool, 400)
	for _, r := range singleSurnames {
		m[r] = true
	}
	cf := make(map[rune]bool, len(compoundSurnames))
	for _, cs := range compoundSurnames {
		for _, r := range cs {
			cf[r] = true
			break
		}
	}
	return &nameChecker{single: m, compoundFirst: cf}
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// nameAt returns the rune length of a personal name starting at rs[i]
// (2–3 Han characters after a single surname, 3–4 after a compound one,
// or a surname with an honorific), or 0. The name must end at a boundary:
// a non-Han rune, the end of rs, or a label word such as 电话.
func (c *nameChecker) nameAt(rs []rune, i int) int {
	if i >= len(rs) || !isHan(rs[i]) {
		return 0
	}
	han := 0
	for j := i; j < len(rs) && isHan(rs[j]) && han < 12; j++ {
		han++
	}
	rest := string(rs[i : i+han])
	surname := 0
	for _, cs := range compoundSurnames {
		if strings.HasPrefix(rest, cs) {
			surname = 2
			break
		}
	}
	if surname == 0 && c.single[rs[i]] {
		surname = 1
	}
	if surname == 0 && han >= 2 {
		// A rare surname (宓, 羿) is still a name when an honorific
		// follows it: 宓老师, 羿工.
		for _, h := range honorificRunes {
			n := 1 + len(h)
			if n <= han && runesAt(rs, i+1, h) && c.boundary(rs, i+n) {
				return n
			}
		}
	}
	if surname == 0 {
		return 0
	}
	for _, w := range notNames {
		if strings.HasPrefix(rest, w) {
			return 0
		}
	}
	// surname + honorific: 孙老师, 王工, 欧阳先生
	for _, h := range honorificRunes {
		n := surname + len(h)
		if n <= han && runesAt(rs, i+surname, h) && c.boundary(rs, i+n) {
			return n
		}
	}
	// longest plausible given name first
	for n := surname + 2; n >= surname+1; n-- {
		if n > han {
			continue
		}
		if c.boundary(rs, i+n) {
			return n
		}
	}
	return 0
}

// spacedNameAt returns the rune length of a two-character name padded
// with spaces to the width of three ("张  三", as Word tables align them)
// starting at rs[i], or 0.
func (c *nameChecker) spacedNameAt(rs []rune, i int) int {
	if i >= len(rs) || !c.single[rs[i]] {
		return 0
	}
	j := i + 1
	for j < len(rs) && j-i <= 3 && rs[j] == ' ' {
		j++
	}
	if j == i+1 || j-i > 3 || j >= len(rs) || !isHan(rs[j]) {
		return 0
	}
	if j+1 < len(rs) && isHan(rs[j+1]) {
		return 0
	}
	return j + 1 - i
}

// boundary reports whether a name may end just before rs[j].
func (c *nameChecker) boundary(rs []rune, j int) bool {
	if j >= len(rs) || !isHan(rs[j]) {
		return true
	}
	rest := string(rs[j:min(len(rs), j+6)])
	for _, l := range labelStarts {
		if strings.HasPrefix(rest, l) {
			return true
		}
	}
	return false
}
