package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/kb"
	"github.com/enduse/enduse/reconcile"
	"github.com/enduse/enduse/region"
	"github.com/enduse/enduse/screen"
	"github.com/enduse/enduse/sqlite"
)

// The knowledge base, regions and lists are immutable once loaded; tests
// share one copy.
var shared = sync.OnceValues(func() (*Config, error) {
	k, err := kb.Load()
	if err != nil {
		return nil, err
	}
	regions, err := region.Load()
	if err != nil {
		return nil, err
	}
	lists, err := screen.Default()
	if err != nil {
		return nil, err
	}
	return &Config{KB: k, Regions: regions, Lists: lists, Screener: screen.NewScreener(lists, nil, nil),
		AllowedHosts: []string{testHost}}, nil
})

// testHost is the Host of httptest.NewRequest's requests; the test servers
// allow it besides the loopback names.
const testHost = "example.com"

// testToken is an access token strong enough for New.
const testToken = "s3cret-token-for-tests"

// xssProbe is planted in a stored notice's title and text.
const xssProbe = `<script>alert(1)</script> <img src=x onerror=alert(1)> <a href="javascript:alert(1)">点击</a>`

// fixture is one constructed notice to store.
type fixture struct {
	title, typ, published, body string
	buyer                       enduse.Org
	winner                      *enduse.Org
	amount                      float64
	mentions                    map[string]enduse.Resolution // text in body → resolution
	items                       []enduse.Item
	hits                        []enduse.Hit
}

var (
	seagate = enduse.Resolution{Brand: "Seagate", Company: "Seagate Technology", Country: "US", USLinked: true,
		USLinkPath: []string{"Seagate Technology (US)"}, ProductLine: "SkyHawk", Category: "storage.surveillance"}
	cisco = enduse.Resolution{Brand: "Cisco", Company: "Cisco Systems", Country: "US", USLinked: true, Category: "network"}
)

func fixtures() []fixture {
	urumqi := enduse.Org{Name: "乌鲁木齐市公安局", Key: "乌鲁木齐市公安局", NameEN: "Urumqi City Public Security Bureau",
		Sector: enduse.SectorPublicSecurity, Level: enduse.LevelPrefecture,
		Region: &enduse.Region{Code: "650100", Name: "乌鲁木齐市", Path: "新疆维吾尔自治区/乌鲁木齐市"}}
	kashgar := enduse.Org{Name: "喀什地区公安局", Key: "喀什地区公安局", NameEN: "Kashgar Prefecture Public Security Bureau",
		Sector: enduse.SectorPublicSecurity, Level: enduse.LevelPrefecture, Region: &enduse.Region{Code: "653100", Name: "喀什地区"}}
	school := enduse.Org{Name: "宜昌市第一中学", Key: "宜昌市第一中学", NameEN: "Yichang No. 1 Middle School",
		Sector: enduse.SectorEducation, Level: enduse.LevelPrefecture, Region: &enduse.Region{Code: "420500", Name: "宜昌市"}}
	vendor := enduse.Org{Name: "新疆天诚科技有限公司", Key: "新疆天诚科技有限公司", NameEN: "Xinjiang Tiancheng Technology Co., Ltd.",
		Sector: enduse.SectorEnterprise}
	return []fixture{
		{title: "乌鲁木齐市公安局视频存储扩容项目中标公告", typ: "award", published: "2022-03-01",
			body: "项目名称：视频存储扩容\n中标供应商：新疆天诚科技有限公司\n硬盘\t希捷\tST8000VX004\t100\t块\n", buyer: urumqi, winner: &vendor, amount: 480000,
			mentions: map[string]enduse.Resolution{"希捷": seagate, "ST8000VX004": seagate},
			items:    []enduse.Item{{Name: "硬盘", Brand: "希捷", Model: "ST8000VX004", Quantity: 100, Unit: "块", Resolved: &seagate}},
			hits:     []enduse.Hit{{Org: "buyer", Name: "乌鲁木齐市公安局", List: "BIS Entity List", Entry: "Urumqi Public Security Bureau", Relation: enduse.RelationListed, Score: 0.97, Why: "same place and institution"}}},
		{title: "喀什地区公安局网络设备采购招标公告", typ: "tender", published: "2022-06-15",
			body: "采购内容：交换机（思科或同等档次以上）及思科路由器\n", buyer: kashgar,
			mentions: map[string]enduse.Resolution{"思科路由器": cisco}},
		{title: "宜昌市第一中学" + xssProbe, typ: "tender", published: "2023-01-10",
			body: "说明：" + xssProbe + "\n希捷硬盘两块\n", buyer: school,
			mentions: map[string]enduse.Resolution{"希捷": seagate}},
	}
}

// build turns a fixture into a document, redacted text and notice.
func (f fixture) build() (*enduse.Document, string, *enduse.Notice) {
	text := f.title + "\n采购人：" + f.buyer.Name + "\n" + f.body + "联系人：张三，电话：13912345678\n"
	redacted := strings.NewReplacer("张三", "**", "13912345678", "***********").Replace(text)
	raw := []byte("<html><head><title>" + f.title + "</title></head><body><pre>" + text + "</pre></body></html>")
	sum := sha256.Sum256(raw)
	id := hex.EncodeToString(sum[:])
	d := &enduse.Document{SHA256: id, Source: "fixture/" + id[:8] + ".html", URL: "https://example.org/" + id[:8],
		MediaType: "text/html; charset=utf-8", Charset: "utf-8", Raw: raw, Title: f.title, Published: f.published, Text: text}
	buyer := f.buyer
	n := &enduse.Notice{Schema: enduse.SchemaVersion, Source: d.Source, SHA256: id, URL: d.URL, Type: enduse.NoticeType(f.typ),
		Title: f.title, Published: f.published, Buyer: &buyer, Items: f.items, Hits: f.hits, Currency: "CNY",
		Evidence: map[string]enduse.Evidence{}}
	if f.winner != nil {
		n.Suppliers = []enduse.Supplier{{Org: *f.winner, Role: enduse.RoleWinner, Amount: f.amount}}
		n.AwardAmount = f.amount
	}
	at := func(s string) int { return len([]rune(text[:strings.Index(text, s)])) }
	b := at("采购人：")
	n.Evidence["buyer"] = enduse.Evidence{Start: b, End: b + 4 + len([]rune(f.buyer.Name)), Text: "采购人：" + f.buyer.Name}
	texts := make([]string, 0, len(f.mentions))
	for m := range f.mentions {
		texts = append(texts, m)
	}
	sort.Slice(texts, func(i, j int) bool { return at(texts[i]) < at(texts[j]) })
	for _, m := range texts {
		res := f.mentions[m]
		s := at(m)
		n.Mentions = append(n.Mentions, enduse.Mention{Text: m, Start: s, End: s + len([]rune(m)), Kind: enduse.MentionAlias, Resolution: res})
	}
	for i := range n.Items {
		s := at("硬盘\t")
		n.Items[i].Evidence = &enduse.Evidence{Start: s, End: at("块\n") + 1}
	}
	if len(n.Items) > 0 {
		r := reconcile.Notice(n) // as the pipeline records it
		n.Reconciliation = &r
	}
	return d, redacted, n
}

// testStore saves the fixtures in a fresh SQLite file and returns the
// store with the ids in fixture order.
func testStore(t testing.TB) (*sqlite.DB, []string) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "web.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	var ids []string
	for _, f := range fixtures() {
		d, red, n := f.build()
		if _, err := db.SaveNotice(ctx, d, red, n, nil); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, d.SHA256)
	}
	return db, ids
}

// testServer builds a Server over the fixtures; mod adjusts its config.
func testServer(t testing.TB, mod func(*Config)) (*Server, []string) {
	t.Helper()
	base, err := shared()
	if err != nil {
		t.Fatal(err)
	}
	db, ids := testStore(t)
	cfg := *base
	cfg.Store = db
	if mod != nil {
		mod(&cfg)
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s, ids
}
