package notice

import (
	"bufio"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/enduse/enduse"
)

// TestTypeFromTitleAgreesWithChannel checks TypeFromTitle against the
// channel of 11,200 real ccgp.gov.cn titles (testdata/ccgp-trade.tsv) and
// logs the confusion between the URL channel and the title's type.
func TestTypeFromTitleAgreesWithChannel(t *testing.T) {
	f, err := os.Open("testdata/ccgp-trade.tsv")
	if err != nil {
		t.Fatalf("open titles: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var total, agree int
	confusion := map[string]int{}
	first := true
	for sc.Scan() {
		if first {
			first = false
			continue
		}
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 5 {
			continue
		}
		want, ok := TypeFromURL(cols[4])
		if !ok {
			continue
		}
		got := TypeFromTitle(cols[2])
		total++
		if got == want {
			agree++
			continue
		}
		confusion[fmt.Sprintf("%s→%s", want, got)]++
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read titles: %v", err)
	}
	if total < 10000 {
		t.Fatalf("read %d titles with a channel, want ≥ 10000", total)
	}
	keys := make([]string, 0, len(confusion))
	for k := range confusion {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return confusion[keys[i]] > confusion[keys[j]] })
	for _, k := range keys {
		t.Logf("channel→title %-32s %5d", k, confusion[k])
	}
	acc := float64(agree) / float64(total)
	t.Logf("type from title agrees with URL channel on %d/%d = %.2f%%", agree, total, 100*acc)
	if acc < 0.95 {
		t.Errorf("agreement %.2f%% < 95%%", 100*acc)
	}
}

func TestTypeFromURL(t *testing.T) {
	for _, tc := range []struct {
		name, url string
		want      enduse.NoticeType
		ok        bool
	}{
		{"award", "http://www.ccgp.gov.cn/cggg/dfgg/zbgg/202206/t20220613_18067185.htm", enduse.TypeAward, true},
		{"deal", "http://www.ccgp.gov.cn/cggg/zygg/cjgg/202206/t1.htm", enduse.TypeAward, true},
		{"single source", "http://www.ccgp.gov.cn/cggg/dfgg/dylygg/202206/t20220610_18053831.htm", enduse.TypeSingleSource, true},
		{"correction", "http://www.ccgp.gov.cn/cggg/dfgg/gzgg/202206/t.htm", enduse.TypeCorrection, true},
		{"termination", "http://www.ccgp.gov.cn/cggg/dfgg/fblbgg/202206/t.htm", enduse.TypeTermination, true},
		{"open tender", "http://www.ccgp.gov.cn/cggg/dfgg/gkzb/202206/t.htm", enduse.TypeTender, true},
		{"consultation", "http://www.ccgp.gov.cn/cggg/dfgg/jzxcs/202206/t.htm", enduse.TypeTender, true},
		{"contract", "http://www.ccgp.gov.cn/cggg/dfgg/htgg/202206/t.htm", enduse.TypeContract, true},
		{"query string ignored", "http://x/cggg/a.htm?c=zbgg", "", false},
		{"no channel", "https://ygcg.nbcqjy.org/detail?id=1", "", false},
		{"empty", "", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := TypeFromURL(tc.url)
			if got != tc.want || ok != tc.ok {
				t.Errorf("TypeFromURL(%q) = %q, %v; want %q, %v", tc.url, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestTypeFromTitle(t *testing.T) {
	for _, tc := range []struct {
		title string
		want  enduse.NoticeType
	}{
		{"猇亭中心定制商品房项目（一期）EPC工程总承包中标结果公告", enduse.TypeAward},
		{"宜都市某工程设计中标候选人公示", enduse.TypeCandidates},
		{"宁波市轨道交通运营分公司2025年壳牌油脂采购项目 单一来源采购公示", enduse.TypeSingleSource},
		{"某单位单源论证公告", enduse.TypeSingleSource},
		{"某项目单一来源采购成交公告", enduse.TypeAward},
		{"湖北医药学院办公用品供应服务框架协议采购更正公告", enduse.TypeCorrection},
		{"某设备采购项目废标公告", enduse.TypeTermination},
		{"某公开招标废标结果公告", enduse.TypeTermination},
		{"北仑纳凉绿岛夏日宣传项目（第二次）采购公告", enduse.TypeTender},
		{"某项目竞争性磋商公告", enduse.TypeTender},
		{"某项目合同公告", enduse.TypeContract},
		{"采购意向公开", enduse.TypeOther},
		{"", enduse.TypeOther},
	} {
		t.Run(tc.title, func(t *testing.T) {
			if got := TypeFromTitle(tc.title); got != tc.want {
				t.Errorf("TypeFromTitle(%q) = %q, want %q", tc.title, got, tc.want)
			}
		})
	}
}
