package notice

import (
	"bufio"
	"fmt"
	"math/rand"
	"os"
	"strings"
	"testing"
)

func TestBuyerFromTitle(t *testing.T) {
	for _, tc := range []struct{ title, want string }{
		{"乌鲁木齐市公安局天山区分局视频监控存储设备采购项目中标公告", "乌鲁木齐市公安局天山区分局"},
		{"【新疆政府采购网】喀什地区公安局监控硬盘采购项目成交公告", "喀什地区公安局"},
		{"中共山东省委党校（山东行政学院）智慧党校一卡通系统升级采购项目单一来源采购公示", "中共山东省委党校（山东行政学院）"},
		{"湖北医药学院办公用品供应服务框架协议采购更正公告", "湖北医药学院"},
		{"新疆维吾尔自治区人民检察院网络设备采购项目中标公告", "新疆维吾尔自治区人民检察院"},
		{"宜昌市公安局点军区分局办案中心改造工程中标结果公告", "宜昌市公安局点军区分局"},
		{"中国劳动关系学院中国劳动关系学院社会工作实验室装修工程竞争性谈判公告", "中国劳动关系学院"},
		{"黑龙江省民族博物馆民族博物馆保安服务结果公告", "黑龙江省民族博物馆"},
		{"阳泉市消防救援支队+阳泉市消防救援支队关于机关后院库室修建工程+竞争性磋商", "阳泉市消防救援支队"},
		{"乌鲁木齐市第五中学校园监控系统、网络系统等维护保养项目竞争性磋商", "乌鲁木齐市第五中学"},
		{"石嘴山市政务大厅信息化改造提升项目（二期）更正事项公告(一次)", ""},
		{"大连产品质量检验检测研究院有限公司无功谐波电源采购成交公告", ""},
		{"河北省计划生育协会2022年免费避孕药具政府采购项目废标公告", ""},
		// No buyer at the head: an agency, a project, a company.
		{"新疆华宇招标代理有限公司关于视频监控设备采购项目的中标公告", ""},
		{"视频监控存储设备采购项目中标公告", ""},
		{"2022年度办公设备采购项目中标公告", ""},
		{"", ""},
	} {
		got, _, _ := BuyerFromTitle(tc.title)
		if got != tc.want {
			t.Errorf("BuyerFromTitle(%q) = %q, want %q", tc.title, got, tc.want)
		}
	}
}

// TestBuyerFromTitleSample prints the buyers read from a random sample of the
// real ccgp titles, for hand-checking (ENDUSE_TITLE_SAMPLE=N).
func TestBuyerFromTitleSample(t *testing.T) {
	n := 0
	if _, err := fmt.Sscan(os.Getenv("ENDUSE_TITLE_SAMPLE"), &n); err != nil || n <= 0 {
		t.Skip("set ENDUSE_TITLE_SAMPLE=N to print N sampled titles")
	}
	f, err := os.Open("testdata/ccgp-trade.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var titles []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if cols := strings.Split(sc.Text(), "\t"); len(cols) > 2 && cols[0] != "" {
			titles = append(titles, cols[2])
		}
	}
	r := rand.New(rand.NewSource(20261203))
	r.Shuffle(len(titles), func(i, j int) { titles[i], titles[j] = titles[j], titles[i] })
	found := 0
	for _, title := range titles[:min(n, len(titles))] {
		b, _, ok := BuyerFromTitle(title)
		if ok {
			found++
		}
		fmt.Printf("%s\t%s\n", b, title)
	}
	fmt.Printf("coverage %d/%d\n", found, min(n, len(titles)))
}

// TestBuyerFromTitleVerdicts holds BuyerFromTitle to the hand-checked sample
// of real ccgp titles: every name judged correct is still read, and the
// precision (correct or parent of all names read) stays at 98% or above.
func TestBuyerFromTitleVerdicts(t *testing.T) {
	b, err := os.ReadFile("testdata/title-buyer-sample.tsv")
	if err != nil {
		t.Fatal(err)
	}
	var read, good, total int
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.SplitN(line, "\t", 3)
		if len(cols) != 3 {
			t.Fatalf("bad sample line %q", line)
		}
		total++
		verdict, want, title := cols[0], cols[1], cols[2]
		got, _, ok := BuyerFromTitle(title)
		if verdict == "correct" && got != want {
			t.Errorf("BuyerFromTitle(%q) = %q, judged correct was %q", title, got, want)
		}
		if !ok {
			continue
		}
		read++
		if got == want && (verdict == "correct" || verdict == "parent") {
			good++
		}
	}
	if read == 0 || float64(good) < 0.98*float64(read) {
		t.Errorf("precision %d/%d below 98%%", good, read)
	}
	t.Logf("buyer from title: %d of %d titles read (coverage %.1f%%), %d correct or parent (precision %.1f%%)",
		read, total, 100*float64(read)/float64(total), good, 100*float64(good)/float64(read))
}
