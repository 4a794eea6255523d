package justify

import (
	"strings"
	"unicode/utf8"

	"github.com/enduse/enduse"
)

// pair matches a first word followed, within window runes of the same
// sentence, by a second word: 国外…优于, 原厂…维保.
type pair struct {
	first, second []string
	window        int
}

// classRule recognises one class of reason by its wording: any of words,
// or any of pairs.
type classRule struct {
	class enduse.ReasonClass
	words []string
	pairs []pair
}

// classRules are the reason classes in their stable output order. The
// wording follows 政府采购法 第三十一条 and the single-source notices of ccgp
// and provincial platforms.
var classRules = []classRule{
	{class: enduse.ReasonImported,
		words: []string{"进口产品", "进口设备", "进口仪器", "原装进口", "国外进口", "境外产品", "采购进口", "进口的仪器", "进口的设备",
			"进口的产品", "进口的试剂", "进口的软件", "国外生产", "国外品牌", "国外厂商", "国外厂家"}},
	{class: enduse.ReasonOutperforms,
		words: []string{"性能优于"},
		pairs: []pair{
			{[]string{"国外", "进口", "国际"}, []string{"优于", "领先", "先进", "更优", "更好", "最高水平"}, 20},
			{[]string{"国内"}, []string{"无法替代", "无法满足", "不能满足", "不能替代", "尚无同类", "没有同类", "无同类", "不具备",
				"达不到", "无法生产", "不能生产", "无法达到"}, 25},
			{[]string{"国产"}, []string{"无法", "不能"}, 10},
		}},
	{class: enduse.ReasonCompatibility,
		words: []string{"兼容", "配套", "保持一致", "一致性", "统一标准", "统一平台", "统一管理", "统一规划", "统一接口", "对接", "扩容",
			"延续性", "连续性", "添购", "追加", "不可替代", "无缝", "接口协议", "迁移风险"},
		pairs: []pair{
			{[]string{"原有"}, []string{"设备", "系统", "平台", "项目", "软件", "硬件", "网络", "架构"}, 12},
			{[]string{"上级", "兄弟", "省厅", "部里", "公安部"}, []string{"一致"}, 12},
		}},
	{class: enduse.ReasonSoleService,
		words: []string{"售后服务机构", "定点维保", "原厂零配件", "原厂配件", "原厂备件", "仅能由原厂", "只能由原厂", "仅由原厂", "只由原厂",
			"仅能由厂家", "只能由厂家"},
		pairs: []pair{
			{[]string{"唯一"}, []string{"授权", "指定", "售后", "维保", "维护", "维修", "服务商", "服务机构", "代理"}, 8},
			{[]string{"原厂", "厂家", "原厂商", "原建厂商", "制造商", "生产厂商"}, []string{"服务", "维保", "维护", "维修", "技术支持", "售后", "授权"}, 30},
			{[]string{"授权"}, []string{"唯一", "独家"}, 20},
		}},
	{class: enduse.ReasonPatent,
		words: []string{"专利", "专有技术", "专有算法", "专有", "知识产权", "著作权", "版权", "独家", "核心技术"}},
	{class: enduse.ReasonUrgent,
		words: []string{"紧急", "不可预见", "抢险", "救灾", "突发事件", "时间紧迫", "工期紧", "刻不容缓"}},
}

// classify returns the classes whose wording appears in text (and is not
// denied, as in 不涉及专利), in the order of classRules, or [other] when
// none does.
func classify(text string) []enduse.ReasonClass {
	var out []enduse.ReasonClass
	for _, r := range classRules {
		if r.matches(text) {
			out = append(out, r.class)
		}
	}
	if len(out) == 0 {
		out = append(out, enduse.ReasonOther)
	}
	return out
}

func (r classRule) matches(text string) bool {
	for _, w := range r.words {
		if occurs(text, w, nil) {
			return true
		}
	}
	for _, p := range r.pairs {
		for _, f := range p.first {
			if occurs(text, f, func(after string) bool { return followedBy(after, p.second, p.window) }) {
				return true
			}
		}
	}
	return false
}

// occurs reports whether w occurs in text, not denied by the words just
// before it, and (when then is given) with then true of the text after it.
func occurs(text, w string, then func(after string) bool) bool {
	for off := 0; ; {
		i := strings.Index(text[off:], w)
		if i < 0 {
			return false
		}
		at := off + i
		off = at + len(w)
		if negated(text[:at]) {
			continue
		}
		if then == nil || then(text[off:]) {
			return true
		}
	}
}

// followedBy reports whether one of words starts within window runes of
// the start of s, before the sentence ends.
func followedBy(s string, words []string, window int) bool {
	end := 0
	for n := 0; end < len(s) && n <= window; n++ {
		r, size := utf8.DecodeRuneInString(s[end:])
		if strings.ContainsRune("。；;\n", r) {
			break
		}
		end += size
	}
	for _, w := range words {
		if i := strings.Index(s[:min(len(s), end+len(w))], w); i >= 0 && i < end {
			return true
		}
	}
	return false
}

// negated reports whether the text just before a match denies it
// ("不涉及专利", "无紧急情况", "非进口产品").
func negated(before string) bool {
	n := 0
	for i := len(before); i > 0 && n < 4; n++ {
		r, size := utf8.DecodeLastRuneInString(before[:i])
		if strings.ContainsRune("不无非未否", r) {
			return true
		}
		if strings.ContainsRune("。；;，,\n", r) {
			return false
		}
		i -= size
	}
	return false
}
