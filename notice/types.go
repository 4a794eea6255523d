package notice

import (
	"strings"

	"github.com/enduse/enduse"
)

// typeCue is a title phrase and the notice type it signals.
type typeCue struct {
	phrase string
	typ    enduse.NoticeType
}

// titleCues are checked in order; the first phrase found in a title decides.
// Order matters: 终止/废标 outranks 结果 (a 废标结果公告 ends a procurement),
// 候选人 outranks 中标, and award words outrank 单一来源 (a 单一来源成交公告
// reports the result).
var titleCues = []typeCue{
	{"更正", enduse.TypeCorrection}, {"变更公告", enduse.TypeCorrection}, {"变更公示", enduse.TypeCorrection},
	{"澄清", enduse.TypeCorrection}, {"补充公告", enduse.TypeCorrection}, {"补遗", enduse.TypeCorrection},
	{"答疑", enduse.TypeCorrection}, {"延期公告", enduse.TypeCorrection}, {"延期开标", enduse.TypeCorrection},
	{"控制价公示", enduse.TypeCorrection}, {"控制价公布", enduse.TypeCorrection},
	{"暂停公告", enduse.TypeCorrection}, {"补充事项", enduse.TypeCorrection}, {"补充通知", enduse.TypeCorrection},
	{"更改公告", enduse.TypeCorrection}, {"质疑答复", enduse.TypeCorrection}, {"(变更)", enduse.TypeCorrection},
	{"变更通知", enduse.TypeCorrection}, {"恢复公告", enduse.TypeCorrection}, {"控制价公告", enduse.TypeCorrection}, {"最高限价公示", enduse.TypeCorrection},
	{"废标", enduse.TypeTermination}, {"流标", enduse.TypeTermination}, {"终止", enduse.TypeTermination},
	{"中止", enduse.TypeTermination}, {"采购失败", enduse.TypeTermination}, {"招标失败", enduse.TypeTermination},
	{"取消公告", enduse.TypeTermination}, {"取消招标", enduse.TypeTermination}, {"取消采购", enduse.TypeTermination},
	{"异常公告", enduse.TypeTermination}, {"失败公告", enduse.TypeTermination},
	{"候选人", enduse.TypeCandidates}, {"候选供应商", enduse.TypeCandidates}, {"评标结果公示", enduse.TypeCandidates},
	{"合同公告", enduse.TypeContract}, {"合同公示", enduse.TypeContract}, {"合同备案", enduse.TypeContract},
	{"中标", enduse.TypeAward}, {"成交", enduse.TypeAward}, {"结果公告", enduse.TypeAward}, {"结果公示", enduse.TypeAward},
	{"中选", enduse.TypeAward}, {"采购结果", enduse.TypeAward}, {"入围结果", enduse.TypeAward}, {"结果通知", enduse.TypeAward},
	{"单一来源", enduse.TypeSingleSource}, {"单源", enduse.TypeSingleSource}, {"单一论证", enduse.TypeSingleSource},
	{"招标公告", enduse.TypeTender}, {"采购公告", enduse.TypeTender}, {"磋商公告", enduse.TypeTender},
	{"谈判公告", enduse.TypeTender}, {"询价公告", enduse.TypeTender}, {"询比", enduse.TypeTender},
	{"邀请", enduse.TypeTender}, {"比选公告", enduse.TypeTender}, {"竞价公告", enduse.TypeTender},
	{"资格预审", enduse.TypeTender}, {"征集公告", enduse.TypeTender}, {"交易公告", enduse.TypeTender},
	{"竞争性磋商", enduse.TypeTender}, {"竞争性谈判", enduse.TypeTender}, {"公开招标", enduse.TypeTender},
	{"招标", enduse.TypeTender}, {"询价", enduse.TypeTender}, {"磋商", enduse.TypeTender}, {"谈判", enduse.TypeTender},
}

// TypeFromTitle classifies a notice from its title alone. It returns
// enduse.TypeOther when the title does not say what kind of notice it is.
func TypeFromTitle(title string) enduse.NoticeType {
	t := compact(title)
	if t == "" {
		return enduse.TypeOther
	}
	for _, c := range titleCues {
		if strings.Contains(t, c.phrase) {
			if c.typ == enduse.TypeTermination && isCancelledCorrection(t) {
				return enduse.TypeCorrection
			}
			return c.typ
		}
	}
	return enduse.TypeOther
}

// isCancelledCorrection is for titles that only mention 终止 as part of a
// date change ("终止时间变更"), which are corrections, not terminations.
func isCancelledCorrection(t string) bool {
	return strings.Contains(t, "终止时间") || strings.Contains(t, "截止时间")
}

// urlChannels maps ccgp.gov.cn channel path segments to notice types.
var urlChannels = map[string]enduse.NoticeType{
	"cjgg": enduse.TypeAward, "zbgg": enduse.TypeAward,
	"dylygg": enduse.TypeSingleSource,
	"gzgg":   enduse.TypeCorrection,
	"fblbgg": enduse.TypeTermination,
	"gkzb":   enduse.TypeTender, "jzxcs": enduse.TypeTender, "jzxtpgg": enduse.TypeTender,
	"xjgg": enduse.TypeTender, "yqzbgg": enduse.TypeTender,
	"htgg": enduse.TypeContract,
}

// TypeFromURL maps the channel of a ccgp-style URL (…/dfgg/zbgg/202206/…)
// to a notice type. It reports false when the URL names no known channel.
func TypeFromURL(url string) (enduse.NoticeType, bool) {
	if i := strings.IndexAny(url, "?#"); i >= 0 {
		url = url[:i]
	}
	for _, seg := range strings.Split(url, "/") {
		if t, ok := urlChannels[strings.ToLower(seg)]; ok {
			return t, true
		}
	}
	return "", false
}
