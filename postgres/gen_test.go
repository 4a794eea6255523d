package postgres

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/enduse/enduse"
)

// saveArgs is one SaveNotice call.
type saveArgs struct {
	doc      *enduse.Document
	redacted string
	notice   *enduse.Notice
}

// generator makes deterministic synthetic notices for the concurrency test
// and the benchmarks: buyers of several sectors across provinces; purchases
// announced by tender, award and contract notices, some re-published on
// other sites (other bytes, same announcement), a fifth without a project
// code (so only their titles and texts group them); brands with product
// lines, some named only as a specification.
type generator struct {
	rng    *rand.Rand
	seq    int
	places [][3]string // code, name, path
	insts  [][2]string // suffix, sector
	brands []struct {
		text string
		res  enduse.Resolution
	}
}

func newGenerator(seed uint64) *generator {
	g := &generator{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	g.places = [][3]string{
		{"650100", "乌鲁木齐市", "新疆维吾尔自治区/乌鲁木齐市"}, {"653100", "喀什地区", "新疆维吾尔自治区/喀什地区"},
		{"654000", "伊犁哈萨克自治州", "新疆维吾尔自治区/伊犁哈萨克自治州"}, {"420100", "武汉市", "湖北省/武汉市"},
		{"440300", "深圳市", "广东省/深圳市"}, {"110100", "北京市", "北京市"}, {"510100", "成都市", "四川省/成都市"},
		{"540100", "拉萨市", "西藏自治区/拉萨市"}, {"370200", "青岛市", "山东省/青岛市"}, {"620100", "兰州市", "甘肃省/兰州市"},
	}
	g.insts = [][2]string{{"公安局", "public_security"}, {"公安局交通警察支队", "public_security"}, {"监狱", "prison_justice"},
		{"人民医院", "health"}, {"第一中学", "education"}, {"财政局", "other_government"}}
	add := func(text, brand, company, country string, us bool, line, cat string) {
		g.brands = append(g.brands, struct {
			text string
			res  enduse.Resolution
		}{text, enduse.Resolution{Brand: brand, Company: company, Country: country, USLinked: us, ProductLine: line, Category: cat}})
	}
	add("希捷", "Seagate", "Seagate Technology", "US", true, "SkyHawk", "storage.surveillance")
	add("西部数据", "Western Digital", "Western Digital", "US", true, "WD Purple", "storage.surveillance")
	add("海康威视", "Hikvision", "Hangzhou Hikvision Digital Technology", "CN", false, "", "surveillance.camera")
	add("思科", "Cisco", "Cisco Systems", "US", true, "Catalyst", "network.switch")
	add("华三", "H3C", "New H3C Technologies", "CN", true, "", "network.switch")
	add("戴尔", "Dell", "Dell Technologies", "US", true, "PowerEdge", "servers")
	add("赛默飞", "Thermo Fisher Scientific", "Thermo Fisher Scientific", "US", true, "", "dna")
	return g
}

// purchase returns the SaveNotice calls of one purchase.
func (g *generator) purchase() []saveArgs {
	g.seq++
	place := g.places[g.rng.IntN(len(g.places))]
	inst := g.insts[g.rng.IntN(len(g.insts))]
	name := place[1] + inst[0]
	if u := g.rng.IntN(8); u > 0 {
		name += "第" + strconv.Itoa(u) + "分局"
	}
	buyer := &enduse.Org{Name: name, Key: name, NameEN: "Buyer " + name, Sector: enduse.Sector(inst[1]),
		Level: enduse.LevelPrefecture, Region: &enduse.Region{Code: place[0], Name: place[1], Path: place[2]}}
	day := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, g.rng.IntN(3*365))
	code := ""
	if g.rng.IntN(5) > 0 {
		code = fmt.Sprintf("ZC%d-%06d", day.Year(), g.seq)
	}
	var items []enduse.Item
	var body strings.Builder
	var marks []enduse.Mention
	for i, k := 0, 1+g.rng.IntN(3); i < k; i++ {
		b := g.brands[g.rng.IntN(len(g.brands))]
		q := float64(1 + g.rng.IntN(200))
		res := b.res
		items = append(items, enduse.Item{Name: "设备" + strconv.Itoa(i+1), Brand: b.text, Model: fmt.Sprintf("M%04d", g.rng.IntN(10000)),
			Quantity: q, Unit: "台", UnitPrice: float64(100 + g.rng.IntN(5000)), Resolved: &res})
		fmt.Fprintf(&body, "%s设备%d台；", b.text, int(q))
		marks = append(marks, enduse.Mention{Text: b.text, Resolution: b.res, Spec: g.rng.IntN(10) == 0})
	}
	budget := float64(10000 + g.rng.IntN(5000000))
	project := fmt.Sprintf("%s信息化设备采购项目（%d）", name, g.seq)
	winner := enduse.Supplier{Org: enduse.Org{Name: fmt.Sprintf("%s科技有限公司%d", place[1], g.rng.IntN(50)), Sector: enduse.SectorEnterprise},
		Role: enduse.RoleWinner, Amount: budget * 0.9}
	mk := func(t enduse.NoticeType, title string, days, site int, withItems bool) saveArgs {
		n := &enduse.Notice{Type: t, Title: title, Published: day.AddDate(0, 0, days).Format(time.DateOnly), ProjectCode: code,
			ProjectName: project, Buyer: buyer, Budget: budget, Currency: "CNY"}
		if t != enduse.TypeTender {
			n.AwardAmount = budget * 0.9
			n.Suppliers = []enduse.Supplier{winner}
		}
		if withItems {
			n.Items = items
		}
		text := title + "\n采购人：" + name + "\n项目编号：" + code + "\n" + body.String() +
			"\n供应商应具备相应资质，质疑请于公告期满之日起七个工作日内提出。联系人：***，电话：***********\n"
		for _, m := range marks {
			i := strings.Index(text, m.Text)
			m.Start = len([]rune(text[:i]))
			m.End = m.Start + len([]rune(m.Text))
			n.Mentions = append(n.Mentions, m)
		}
		raw := []byte(fmt.Sprintf("<html><body><div>site %d</div><pre>%s</pre></body></html>", site, text))
		sum := sha256.Sum256(raw)
		n.SHA256 = hex.EncodeToString(sum[:])
		d := &enduse.Document{SHA256: n.SHA256, Source: fmt.Sprintf("gen/%s.html", n.SHA256[:12]), MediaType: "text/html",
			Raw: raw, Text: text}
		return saveArgs{doc: d, redacted: text, notice: n}
	}
	out := []saveArgs{mk(enduse.TypeTender, project+"招标公告", 0, 0, true)}
	if g.rng.IntN(10) < 7 {
		out = append(out, mk(enduse.TypeAward, project+"中标公告", 20, 0, true))
		if g.rng.IntN(10) < 3 {
			out = append(out, mk(enduse.TypeAward, project+"中标公告", 21, 1, true)) // re-published on another site
		}
		if g.rng.IntN(10) < 4 {
			out = append(out, mk(enduse.TypeContract, project+"合同公告", 35, 0, g.rng.IntN(2) == 0))
		}
	}
	return out
}

// generate returns at least n SaveNotice calls.
func generate(seed uint64, n int) []saveArgs {
	g := newGenerator(seed)
	var out []saveArgs
	for len(out) < n {
		out = append(out, g.purchase()...)
	}
	return out
}
