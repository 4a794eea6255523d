package screen

import (
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/enduse/enduse/linelist"
)

var update = flag.Bool("update", false, "rewrite golden and review files under testdata")

// ccgpTitles is where -update reads the ccgp titles the buyer names are
// extracted from (see testdata/README.md); tests read only the extract.
const ccgpTitles = "/work/shared/data/notices/ccgp-titles-danrunfr/trade.csv"

var (
	projectWord = regexp.MustCompile(`项目|采购|招标|询价|磋商|谈判|购置|购买|建设|改造|维修|维护|服务|工程|设备|系统|平台|年度|\d{4}年|单一来源|公开|竞争性|中标|成交|更正|关于|租赁|升级|意向|\d{4}`)
	orgSuffix   = regexp.MustCompile(`(局|院|厅|中心|学校|大学|学院|医院|委员会|政府|公司|所|队|站|馆|办公室|监狱|党校|中学|小学|幼儿园|银行|协会|部|处|社|场|集团|检察院|法院)`)
)

// leadingOrg takes the organisation name a procurement title starts with:
// up to and including the last organisation suffix before the first
// project word (moving to the next project word when none precedes it).
func leadingOrg(title string) string {
	title = strings.TrimSpace(title)
	locs := projectWord.FindAllStringIndex(title, -1)
	locs = append(locs, []int{len(title), len(title)})
	for _, l := range locs {
		head := title[:l[0]]
		ms := orgSuffix.FindAllStringIndex(head, -1)
		if len(ms) == 0 {
			continue
		}
		name := head[:ms[len(ms)-1][1]]
		if utf8.RuneCountInString(name) < 4 {
			return ""
		}
		return name
	}
	return ""
}

func TestLeadingOrg(t *testing.T) {
	for _, c := range []struct{ title, want string }{
		{"湖北医药学院办公用品供应服务框架协议采购更正公告", "湖北医药学院"},
		{"广西同泽工程项目管理股份有限公司2022年上林县木山乡高标准农田建设项目招标控制价公示", "广西同泽工程项目管理股份有限公司"},
		{"陕西工业职业技术学院模具智能成型实训中心建设项目中标（成交）结果公告", "陕西工业职业技术学院模具智能成型实训中心"},
		{"乌鲁木齐市公安局天山区分局执法记录仪采购项目", "乌鲁木齐市公安局天山区分局"},
		{"项目", ""},
	} {
		t.Run(c.title, func(t *testing.T) {
			if got := leadingOrg(c.title); got != c.want {
				t.Errorf("leadingOrg(%q) = %q, want %q", c.title, got, c.want)
			}
		})
	}
}

// readLines reads a UTF-8 text file of one value per line ('#' comments).
func readLines(t testing.TB, name string) []string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return linelist.Entries(string(b))
}

// extractBuyers regenerates testdata/fp/buyers.txt from the ccgp titles.
func extractBuyers(t *testing.T) {
	f, err := os.Open(ccgpTitles)
	if err != nil {
		t.Fatalf("-update needs %s: %v", ccgpTitles, err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = '\t'
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	hdr, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	col := -1
	for i, h := range hdr {
		if h == "object" {
			col = i
		}
	}
	if col < 0 {
		t.Fatalf("%s: no object column", ccgpTitles)
	}
	seen := map[string]bool{}
	var names []string
	titles := 0
	for {
		rec, err := r.Read()
		if err != nil {
			break
		}
		if col >= len(rec) {
			continue
		}
		titles++
		if n := leadingOrg(rec[col]); n != "" && !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	sort.Strings(names)
	var b strings.Builder
	fmt.Fprintf(&b, "# Buyer names extracted by leadingOrg from the object column of %d ccgp titles\n# (danrunfr CCGP trade detection dataset, trade.csv); regenerate with go test -run TestFalsePositives -update\n", titles)
	for _, n := range names {
		b.WriteString(n + "\n")
	}
	if err := os.WriteFile("testdata/fp/buyers.txt", []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestFalsePositives screens every buyer name taken from the ccgp titles,
// writes every hit to testdata/fp/review.tsv and checks each hit against the
// judgement made by reading it (testdata/fp/judgement.tsv): wrong hits must
// stay under 1% of screened names, and every hit must have been judged.
func TestFalsePositives(t *testing.T) {
	if *update {
		extractBuyers(t)
	}
	names := readLines(t, "testdata/fp/buyers.txt")
	s := testScreener(t)
	type key struct{ name, entry string }
	var review strings.Builder
	review.WriteString("# name\trelation\tscore\tlist\tentry_id\tentry\twhy\n")
	hits := map[key]bool{}
	hitNames := 0
	for _, n := range names {
		hs := s.Screen(n, Options{})
		if len(hs) > 0 {
			hitNames++
		}
		for _, h := range hs {
			hits[key{n, h.EntryID}] = true
			fmt.Fprintf(&review, "%s\t%s\t%.2f\t%s\t%s\t%s\t%s\n", n, h.Relation, h.Score, h.List, h.EntryID, h.Entry, h.Why)
		}
	}
	if *update {
		if err := os.WriteFile("testdata/fp/review.tsv", []byte(review.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	judged := map[key]string{}
	for _, l := range readLines(t, "testdata/fp/judgement.tsv") {
		f := strings.Split(l, "\t")
		if len(f) < 3 {
			t.Fatalf("judgement.tsv: bad line %q", l)
		}
		judged[key{f[0], f[1]}] = f[2]
	}
	wrong, unjudged := 0, 0
	for k := range hits {
		switch judged[k] {
		case "ok":
		case "wrong":
			wrong++
			t.Logf("wrong hit (judged): %s → %s", k.name, k.entry)
		default:
			unjudged++
			t.Errorf("hit not judged yet: %s → %s (read testdata/fp/review.tsv and add a verdict to judgement.tsv)", k.name, k.entry)
		}
	}
	ps := 0
	for _, n := range names {
		if strings.Contains(n, "公安") {
			ps++
		}
	}
	t.Logf("screened %d names (%d public-security), %d names with hits, %d hits, %d judged wrong, %d unjudged", len(names), ps, hitNames, len(hits), wrong, unjudged)
	if float64(wrong) >= 0.01*float64(len(names)) {
		t.Errorf("%d wrong hits in %d names: not under 1%%", wrong, len(names))
	}
}
