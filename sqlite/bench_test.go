package sqlite

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/storetest"
)

// The benchmarks generate N notices by varying a few templates: buyers of
// seven kinds (public security, traffic police, prisons, hospitals,
// schools, courts, finance bureaus) and two levels in 20 cities of 15
// provinces; purchases over six years announced by tender, sometimes a
// correction, candidates list or termination, usually an award (a fifth
// re-published elsewhere, half of those without the item table) and
// sometimes a contract; one to three of 13 brands per purchase with
// quantities, and a brand named only as a specification in a tenth of
// tenders. sqlite/testdata/README.md records measured figures.
// ENDUSE_BENCH_NOTICES sets N (default 2000, so CI stays fast);
// ENDUSE_BENCH_DB names a database file to build once and reuse, e.g.
//
//	ENDUSE_BENCH_NOTICES=1000000 ENDUSE_BENCH_DB=/tmp/bench1m.db \
//	  go test ./sqlite -run '^$' -bench CaseStudy -benchtime 50x

// genPlace is a division of the generator.
type genPlace struct{ code, name, path string }

// genBrand is a brand of the generator with the text that names it.
type genBrand struct {
	text string
	res  enduse.Resolution
}

// generator makes deterministic synthetic notices.
type generator struct {
	rng    *rand.Rand
	places []genPlace
	insts  []struct {
		suffix, en string
		sector     enduse.Sector
	}
	brands []genBrand
	seq    int
}

func newGenerator(seed uint64) *generator {
	g := &generator{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	g.places = []genPlace{
		{"650100", "乌鲁木齐市", "新疆维吾尔自治区/乌鲁木齐市"}, {"650200", "克拉玛依市", "新疆维吾尔自治区/克拉玛依市"},
		{"653100", "喀什地区", "新疆维吾尔自治区/喀什地区"}, {"654000", "伊犁哈萨克自治州", "新疆维吾尔自治区/伊犁哈萨克自治州"},
		{"420100", "武汉市", "湖北省/武汉市"}, {"420500", "宜昌市", "湖北省/宜昌市"}, {"440100", "广州市", "广东省/广州市"},
		{"440300", "深圳市", "广东省/深圳市"}, {"110100", "北京市", "北京市"}, {"510100", "成都市", "四川省/成都市"},
		{"330100", "杭州市", "浙江省/杭州市"}, {"540100", "拉萨市", "西藏自治区/拉萨市"}, {"370200", "青岛市", "山东省/青岛市"},
		{"610100", "西安市", "陕西省/西安市"}, {"320100", "南京市", "江苏省/南京市"}, {"500100", "重庆市", "重庆市"},
		{"210100", "沈阳市", "辽宁省/沈阳市"}, {"450100", "南宁市", "广西壮族自治区/南宁市"}, {"530100", "昆明市", "云南省/昆明市"},
		{"620100", "兰州市", "甘肃省/兰州市"},
	}
	g.insts = []struct {
		suffix, en string
		sector     enduse.Sector
	}{
		{"公安局", "Public Security Bureau", enduse.SectorPublicSecurity},
		{"公安局交通警察支队", "Public Security Bureau Traffic Police Zhidui", enduse.SectorPublicSecurity},
		{"监狱", "Prison", enduse.SectorPrisonJustice},
		{"人民医院", "People's Hospital", enduse.SectorHealth},
		{"第一中学", "No. 1 Middle School", enduse.SectorEducation},
		{"中级人民法院", "Intermediate People's Court", enduse.SectorCourt},
		{"财政局", "Finance Bureau", enduse.SectorOtherGovernment},
	}
	r := func(brand, company, country string, us bool, line, cat string) enduse.Resolution {
		return enduse.Resolution{Brand: brand, Company: company, Country: country, USLinked: us, ProductLine: line, Category: cat}
	}
	g.brands = []genBrand{
		{"希捷", r("Seagate", "Seagate Technology", "US", true, "SkyHawk", "storage.surveillance")},
		{"西部数据", r("Western Digital", "Western Digital", "US", true, "WD Purple", "storage.surveillance")},
		{"海康威视", r("Hikvision", "Hangzhou Hikvision Digital Technology", "CN", false, "", "surveillance.camera")},
		{"大华", r("Dahua", "Zhejiang Dahua Technology", "CN", false, "", "surveillance.camera")},
		{"宇视", r("Uniview", "Zhejiang Uniview Technologies", "CN", false, "", "surveillance.camera")},
		{"思科", r("Cisco", "Cisco Systems", "US", true, "Catalyst", "network.switch")},
		{"华三", r("H3C", "New H3C Technologies", "CN", true, "", "network.switch")},
		{"华为", r("Huawei", "Huawei Technologies", "CN", false, "", "network.switch")},
		{"戴尔", r("Dell", "Dell Technologies", "US", true, "PowerEdge", "servers")},
		{"惠普", r("HP", "HP Inc.", "US", true, "", "servers")},
		{"英特尔", r("Intel", "Intel", "US", true, "", "servers.cpu")},
		{"英伟达", r("NVIDIA", "NVIDIA", "US", true, "", "servers.gpu")},
		{"赛默飞", r("Thermo Fisher Scientific", "Thermo Fisher Scientific", "US", true, "", "dna")},
	}
	return g
}

// purchase generates the notices of one purchase: a tender, usually an
// award, sometimes a contract, and sometimes a re-publication of the award.
func (g *generator) purchase() []*enduse.Notice {
	g.seq++
	place := g.places[g.rng.IntN(len(g.places))]
	inst := g.insts[g.rng.IntN(len(g.insts))]
	unit := g.rng.IntN(12)
	name := place.name + inst.suffix
	if unit > 0 {
		name += "第" + strconv.Itoa(unit) + "分局"
	}
	level := enduse.LevelPrefecture
	if unit > 0 {
		level = enduse.LevelDistrict
	}
	buyer := &enduse.Org{Name: name, Key: name, NameEN: place.name + " " + inst.en, Sector: inst.sector,
		Level: level, Region: &enduse.Region{Code: place.code, Name: place.name, Path: place.path}}
	day := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, g.rng.IntN(6*365))
	code := ""
	if g.rng.IntN(5) > 0 {
		code = fmt.Sprintf("ZC%d-%06d", day.Year(), g.seq)
	}
	var brands []genBrand
	for i, k := 0, 1+g.rng.IntN(3); i < k; i++ {
		brands = append(brands, g.brands[g.rng.IntN(len(g.brands))])
	}
	// Some tenders name a brand only as a specification ("或同等档次"):
	// it must not count as bought.
	var spec *genBrand
	if g.rng.IntN(10) == 0 {
		spec = &g.brands[g.rng.IntN(len(g.brands))]
	}
	var items []enduse.Item
	var body strings.Builder
	for i, b := range brands {
		q := float64(1 + g.rng.IntN(200))
		res := b.res
		items = append(items, enduse.Item{Name: "设备" + strconv.Itoa(i+1), Brand: b.text, Model: fmt.Sprintf("M%04d", g.rng.IntN(10000)),
			Quantity: q, Unit: "台", UnitPrice: float64(100 + g.rng.IntN(5000)), Resolved: &res})
		fmt.Fprintf(&body, "%s设备%d台；", b.text, int(q))
	}
	budget := float64(10000 + g.rng.IntN(5000000))
	project := fmt.Sprintf("%s信息化设备采购项目（%d）", name, g.seq)
	winner := enduse.Supplier{Org: enduse.Org{Name: fmt.Sprintf("%s科技有限公司%d", place.name, g.rng.IntN(300)), Sector: enduse.SectorEnterprise},
		Role: enduse.RoleWinner, Amount: budget * 0.9}
	mk := func(t enduse.NoticeType, title string, days int, withItems bool) *enduse.Notice {
		n := &enduse.Notice{Type: t, Title: title, Published: day.AddDate(0, 0, days).Format(time.DateOnly), ProjectCode: code,
			ProjectName: project, Buyer: buyer, Budget: budget, Currency: "CNY"}
		if t != enduse.TypeTender {
			n.AwardAmount = budget * 0.9
			n.Suppliers = []enduse.Supplier{winner}
		}
		if withItems {
			n.Items = items
		}
		n.Mentions = nil
		text := n.Title + "\n" + body.String()
		for _, b := range brands {
			i := strings.Index(text, b.text)
			start := len([]rune(text[:i]))
			n.Mentions = append(n.Mentions, enduse.Mention{Text: b.text, Start: start, End: start + len([]rune(b.text)), Resolution: b.res})
		}
		if spec != nil && t == enduse.TypeTender {
			n.Mentions = append(n.Mentions, enduse.Mention{Text: spec.text, Spec: true, Resolution: spec.res})
		}
		return n
	}
	out := []*enduse.Notice{mk(enduse.TypeTender, project+"招标公告", 0, true)}
	switch k := g.rng.IntN(100); {
	case k < 3:
		return append(out, mk(enduse.TypeTermination, project+"废标公告", 15, false))
	case k < 8:
		out = append(out, mk(enduse.TypeCorrection, project+"更正公告", 5, false))
	case k < 20:
		out = append(out, mk(enduse.TypeCandidates, project+"中标候选人公示", 15, true))
	}
	if g.rng.IntN(10) < 7 {
		award := mk(enduse.TypeAward, project+"中标公告", 20, true)
		out = append(out, award)
		if g.rng.IntN(10) < 2 {
			// Re-published on another site, sometimes without the item
			// table (an attachment that did not parse).
			c := *award
			if g.rng.IntN(2) == 0 {
				c.Items = nil
			}
			out = append(out, &c)
		}
		if g.rng.IntN(10) < 4 {
			out = append(out, mk(enduse.TypeContract, project+"合同公告", 35, g.rng.IntN(2) == 0))
		}
	}
	return out
}

// save stores a generated notice as a document of its own; copy makes the
// bytes of re-publications differ.
func saveGenerated(ctx context.Context, db *DB, n *enduse.Notice, copy int) (enduse.IngestOutcome, error) {
	var b strings.Builder
	b.WriteString(n.Title)
	b.WriteString("\n采购人：")
	b.WriteString(n.Buyer.Name)
	b.WriteString("\n采购项目编号：")
	b.WriteString(n.ProjectCode)
	b.WriteString("\n")
	for _, m := range n.Mentions {
		b.WriteString(m.Text)
		b.WriteString("设备；")
	}
	b.WriteString("\n本项目采购需求详见附件，供应商应具备相应资质，质疑请于公告期满之日起七个工作日内提出。联系人：***，电话：***********\n")
	text := b.String()
	raw := []byte(fmt.Sprintf("<html><body><div>site %d</div><pre>%s</pre></body></html>", copy, text))
	sum := sha256.Sum256(raw)
	c := *n
	c.SHA256 = hex.EncodeToString(sum[:])
	// Mentions' offsets were cut from the title + body; realign to this text.
	c.Mentions = nil
	for _, m := range n.Mentions {
		if i := strings.Index(text, m.Text); i >= 0 {
			m.Start = len([]rune(text[:i]))
			m.End = m.Start + len([]rune(m.Text))
		}
		c.Mentions = append(c.Mentions, m)
	}
	d := &enduse.Document{SHA256: c.SHA256, Source: fmt.Sprintf("bench/%s.html", c.SHA256[:12]), MediaType: "text/html", Raw: raw, Text: text}
	return db.SaveNotice(ctx, d, text, &c, nil)
}

// generate stores n synthetic notices.
func generate(ctx context.Context, db *DB, n int) error {
	g := newGenerator(1)
	stored := 0
	for stored < n {
		ns := g.purchase()
		for i, x := range ns {
			if stored >= n {
				break
			}
			if _, err := saveGenerated(ctx, db, x, i); err != nil {
				return err
			}
			stored++
		}
	}
	return db.Optimize(ctx)
}

// benchDB opens a database holding benchN generated notices, reusing
// ENDUSE_BENCH_DB when it already holds them.
func benchDB(b *testing.B) *DB {
	b.Helper()
	ctx := context.Background()
	n := storetest.BenchN(b)
	path := os.Getenv("ENDUSE_BENCH_DB")
	if path == "" {
		path = filepath.Join(b.TempDir(), "bench.db")
	}
	db, err := Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	st, err := db.Stats(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if st.Documents != n {
		if st.Documents != 0 {
			b.Fatalf("%s holds %d documents, not %d: remove it or set ENDUSE_BENCH_NOTICES", path, st.Documents, n)
		}
		start := time.Now()
		if err := generate(ctx, db, n); err != nil {
			b.Fatal(err)
		}
		b.Logf("generated %d notices in %v (%.0f/s)", n, time.Since(start), float64(n)/time.Since(start).Seconds())
	}
	return db
}

func BenchmarkQueryCaseStudy(b *testing.B) {
	db := benchDB(b)
	ctx := context.Background()
	f := storetest.CaseStudy()
	res, err := db.Query(ctx, f)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("case study over %d notices: %d announcements, %d documents, quantity %v, %d co-mentioned brands",
		storetest.BenchN(b), res.Notices, res.Documents, res.Quantity, len(res.CoMentions))
	cpu := startCPU(b)
	for b.Loop() {
		if _, err := db.Query(ctx, f); err != nil {
			b.Fatal(err)
		}
	}
	cpu.report(b)
}

func BenchmarkQueryText(b *testing.B) {
	benchQuery(b, enduse.Filter{Text: "乌鲁木齐市公安局第3分局", From: "2022-01-01", To: "2022-12-31", Limit: 20})
}

// BenchmarkQueryAll is the search page before any filter: every notice
// aggregated, the newest 20 rows.
func BenchmarkQueryAll(b *testing.B) {
	benchQuery(b, enduse.Filter{Limit: 20})
}

// BenchmarkQuerySector is the search page with one filter.
func BenchmarkQuerySector(b *testing.B) {
	benchQuery(b, enduse.Filter{Sector: enduse.SectorPublicSecurity, Limit: 20})
}

// BenchmarkQueryBrand is the search page filtered by a common brand.
func BenchmarkQueryBrand(b *testing.B) {
	benchQuery(b, enduse.Filter{Brand: "希捷", Limit: 20})
}

// benchQuery runs f over the benchmark database, reporting CPU time per
// query next to wall time (the machine is shared): "computed" with stored
// answers switched off, "stored" once the answer is stored.
func benchQuery(b *testing.B, f enduse.Filter) {
	db := benchDB(b)
	ctx := context.Background()
	run := func(b *testing.B) {
		res, err := db.Query(ctx, f)
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("%d announcements, %d documents, %d rows", res.Notices, res.Documents, len(res.Rows))
		cpu := startCPU(b)
		for b.Loop() {
			if _, err := db.Query(ctx, f); err != nil {
				b.Fatal(err)
			}
		}
		cpu.report(b)
	}
	benchModes(b, db, run)
}

// benchModes runs bench with stored answers off ("computed") and on
// ("stored").
func benchModes(b *testing.B, db *DB, bench func(b *testing.B)) {
	b.Run("computed", func(b *testing.B) {
		db.SetCacheOff(true)
		defer db.SetCacheOff(false)
		bench(b)
	})
	b.Run("stored", bench)
}

// cpuClock measures the process's CPU time across a benchmark loop.
type cpuClock struct{ start time.Duration }

// startCPU resets the benchmark timer and starts a CPU clock.
func startCPU(b *testing.B) cpuClock {
	b.ResetTimer()
	return cpuClock{start: processCPU(b)}
}

// report adds the CPU milliseconds per operation to the benchmark output.
func (c cpuClock) report(b *testing.B) {
	if b.N > 0 {
		b.ReportMetric(float64(processCPU(b)-c.start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
	}
}

// processCPU is the user and system CPU time the process has used.
func processCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatalf("getrusage: %v", err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func BenchmarkBrandProfile(b *testing.B) {
	benchBrandProfile(b, "Thermo Fisher Scientific")
}

// BenchmarkBrandProfileSeagate profiles the brand of the case study, one of
// the most common brands of the generator (about 15% of notices).
func BenchmarkBrandProfileSeagate(b *testing.B) {
	benchBrandProfile(b, "Seagate")
}

func benchBrandProfile(b *testing.B, brand string) {
	db := benchDB(b)
	ctx := context.Background()
	benchModes(b, db, func(b *testing.B) {
		bp, err := db.BrandProfile(ctx, brand)
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("%s: %d announcements, %d buyers", brand, bp.Notices.Notices, bp.Buyers)
		cpu := startCPU(b)
		for b.Loop() {
			if _, err := db.BrandProfile(ctx, brand); err != nil {
				b.Fatal(err)
			}
		}
		cpu.report(b)
	})
}

// BenchmarkOrgProfile profiles the busiest buyer of the database.
func BenchmarkOrgProfile(b *testing.B) {
	db := benchDB(b)
	ctx := context.Background()
	var key string
	if err := db.read.QueryRowContext(ctx, `SELECT key FROM orgs ORDER BY as_buyer DESC, key LIMIT 1`).Scan(&key); err != nil {
		b.Fatal(err)
	}
	benchModes(b, db, func(b *testing.B) {
		op, err := db.OrgProfile(ctx, key)
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("%s: %d announcements", key, op.Records.Notices)
		cpu := startCPU(b)
		for b.Loop() {
			if _, err := db.OrgProfile(ctx, key); err != nil {
				b.Fatal(err)
			}
		}
		cpu.report(b)
	})
}

func BenchmarkSaveNotice(b *testing.B) {
	db, err := Open(context.Background(), filepath.Join(b.TempDir(), "save.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	g := newGenerator(2)
	ctx := context.Background()
	var queue []*enduse.Notice
	i := 0
	for b.Loop() {
		if len(queue) == 0 {
			queue = g.purchase()
		}
		i++
		if _, err := saveGenerated(ctx, db, queue[0], i); err != nil {
			b.Fatal(err)
		}
		queue = queue[1:]
	}
}
