package kb

import (
	"strings"
	"testing"

	"github.com/enduse/enduse"
)

// TestRoute classifies the report's pathways from supplier and brand as of
// the notice's date.
func TestRoute(t *testing.T) {
	k := loadBuiltin(t)
	stated := []enduse.StatedLink{{Org: "北京某某数据科技有限公司", Phrase: "中国区总代理",
		Link: enduse.Link{From: "北京某某数据科技有限公司", Type: enduse.LinkDistributorOf, To: "seagate",
			Basis: enduse.BasisNotice, Sources: []string{"notice abc"}}}}
	tests := []struct {
		name, supplier, brand, date string
		stated                      []enduse.StatedLink
		want                        enduse.Pathway
		wantBasis                   string
		wantPath                    []string // substrings, in order
	}{
		{name: "Ryan Wende supplies a RapidHIT", supplier: "北京瑞源文德科技有限公司", brand: "rapidhit", date: "2019-05-01",
			want: enduse.PathwayDistributor, wantBasis: enduse.BasisKB,
			wantPath: []string{"Beijing Ryan", "distributor of IntegenX (US), since 2015", "acquired by Thermo Fisher Scientific (US), 100% in 2018"}},
		{name: "RapidHIT before Thermo Fisher", supplier: "北京瑞源文德科技有限公司", brand: "rapidhit", date: "2016-05-01",
			want: enduse.PathwayDistributor, wantPath: []string{"distributor of IntegenX (US), since 2015"}},
		{name: "Invitrogen (Shanghai) maintains Applied Biosystems", supplier: "英潍捷基（上海）贸易有限公司", brand: "applied-biosystems", date: "2020-09-01",
			want: enduse.PathwaySubsidiary, wantPath: []string{"Invitrogen (Shanghai)", "subsidiary of Thermo Fisher Scientific (US)"}},
		{name: "CGAG maintains an Enstrom", supplier: "重庆通用航空产业集团有限公司", brand: "enstrom", date: "2018-03-01",
			want: enduse.PathwayAcquired, wantPath: []string{"owner of Enstrom Helicopter Corporation (US)", "acquired by Chongqing General Aviation Industry Group (CN), 100% in 2012"}},
		{name: "CGAG's subsidiary maintains an Enstrom", supplier: "重庆通用航空有限公司", brand: "enstrom", date: "2021-03-01",
			want: enduse.PathwayAcquired, wantPath: []string{"subsidiary of Chongqing General Aviation Industry Group", "owner of Enstrom"}},
		{name: "H3C sells its switch in 2018", supplier: "新华三技术有限公司", brand: "h3c", date: "2018-07-01",
			want: enduse.PathwayJointVenture, wantPath: []string{"New H3C Technologies (CN)", "joint venture of Hewlett Packard Enterprise (US), 49% from 2016-05 to 2024-09"}},
		{name: "H3C sells its switch in 2025", supplier: "新华三技术有限公司", brand: "h3c", date: "2025-02-01",
			want: enduse.PathwayJointVenture, wantPath: []string{"joint venture of Hewlett Packard Enterprise (US), 19% since 2024-09"}},
		{name: "Hikvision sells its own", supplier: "杭州海康威视数字技术股份有限公司", brand: "hikvision", date: "2020-01-01",
			want: enduse.PathwayDirect},
		{name: "an integrator sells Seagate", supplier: "乌鲁木齐某某网络工程有限公司", brand: "seagate", date: "2020-01-01",
			want: enduse.PathwayUnknownThirdParty, wantPath: []string{"not in the knowledge base", "no known link to Seagate Technology (US)"}},
		{name: "the notice states the right", supplier: "北京某某数据科技有限公司", brand: "seagate", date: "2020-01-01", stated: stated,
			want: enduse.PathwayDistributor, wantBasis: enduse.BasisNotice, wantPath: []string{"distributor of Seagate Technology (US)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := k.ResolveAsOf(tt.brand, "", tt.date)
			rt := k.Route(tt.supplier, r, tt.date, tt.stated)
			if rt == nil {
				t.Fatalf("Route = nil (resolution %+v)", r)
			}
			if rt.Pathway != tt.want {
				t.Errorf("pathway = %s, want %s (path %q)", rt.Pathway, tt.want, rt.Path)
			}
			if tt.wantBasis != "" && rt.Basis != tt.wantBasis {
				t.Errorf("basis = %q, want %q", rt.Basis, tt.wantBasis)
			}
			joined := strings.Join(rt.Path, " → ")
			at := 0
			for _, w := range tt.wantPath {
				i := strings.Index(joined[at:], w)
				if i < 0 {
					t.Errorf("path %q lacks %q (in order)", joined, w)
					break
				}
				at += i + len(w)
			}
			if rt.AsOf != tt.date || rt.Supplier != tt.supplier {
				t.Errorf("as of, supplier = %q %q", rt.AsOf, rt.Supplier)
			}
		})
	}
	if rt := k.Route("", k.Resolve("seagate", ""), "2020", nil); rt != nil {
		t.Errorf("Route with no supplier = %+v, want nil", rt)
	}
	if rt := k.Route("某公司", enduse.Resolution{Brand: "NoSuchBrand"}, "2020", nil); rt != nil {
		t.Errorf("Route of an unknown brand = %+v, want nil", rt)
	}
}

// TestAsOfResolution re-evaluates a recogniser's (today's) resolution at
// the notice's date.
func TestAsOfResolution(t *testing.T) {
	k := loadBuiltin(t)
	now := k.Resolve("ibm", "System x") // today: a Lenovo line
	if now.Brand != "Lenovo" {
		t.Errorf("System x today = %q, want Lenovo", now.Brand)
	}
	old := k.AsOf(enduse.Resolution{Brand: "IBM", ProductLine: "System x", Category: "computing.server"}, "2013-07-01")
	if old.Brand != "IBM" || !old.USLinked || old.AsOf != "2013-07-01" {
		t.Errorf("System x in 2013 = %+v, want IBM, US-linked", old)
	}
	h := k.AsOf(k.Resolve("h3c", ""), "2023-04-01")
	if !strings.Contains(h.USLinkNote, "49% from 2016-05 to 2024-09") || !strings.Contains(h.USLinkNote, "this notice is dated 2023-04-01") {
		t.Errorf("H3C 2023 note = %q", h.USLinkNote)
	}
	unknown := k.AsOf(enduse.Resolution{Brand: "NoSuchBrand"}, "2020-01-01")
	if unknown.AsOf != "2020-01-01" || unknown.USLinked {
		t.Errorf("unknown = %+v", unknown)
	}
}

// TestAsOfLineHome brings a line resolved to today's owner back to the
// brand of the notice's date.
func TestAsOfLineHome(t *testing.T) {
	k := loadBuiltin(t)
	today := k.Resolve("ibm", "System x")
	got := k.AsOf(today, "2013-07-02")
	if got.Brand != "IBM" || !got.USLinked || got.ProductLine != "System x" {
		t.Errorf("System x (today %q) as of 2013 = %+v, want IBM, US-linked", today.Brand, got)
	}
	if got := k.AsOf(today, "2016-04-20"); got.Brand != "Lenovo" || got.USLinked {
		t.Errorf("System x as of 2016 = %+v, want Lenovo, not US-linked", got)
	}
}

func TestKnownLinks(t *testing.T) {
	k := loadBuiltin(t)
	got := strings.Join(k.KnownLinks("北京瑞源文德科技有限公司"), "\n")
	for _, w := range []string{"agent of Ryan Technologies (US), since 2008", "distributor of IntegenX (US), since 2015"} {
		if !strings.Contains(got, w) {
			t.Errorf("KnownLinks(Ryan Wende) = %q, want %q", got, w)
		}
	}
	got = strings.Join(k.KnownLinks("Invitrogen (Shanghai) Trading"), "\n")
	if !strings.Contains(got, "subsidiary of Thermo Fisher Scientific (US), 100%") ||
		!strings.Contains(got, "Xinjiang Kehua Hechang") || !strings.Contains(got, "is distributor of it, since 2020") {
		t.Errorf("KnownLinks(Invitrogen Shanghai) = %q", got)
	}
	if got := k.KnownLinks("某某不存在的公司"); got != nil {
		t.Errorf("unknown org = %q, want nil", got)
	}
}

// TestInstitutionLinks: an institution-to-institution agreement is a
// link with a source, shown in profiles, and not walked for US links.
func TestInstitutionLinks(t *testing.T) {
	k := loadBuiltin(t)
	got := strings.Join(k.KnownLinks("重庆通用航空产业集团有限公司"), "\n")
	if !strings.Contains(got, "partner of MPS Police Aviation Management Office (CN), since 2017-09") {
		t.Errorf("CGAG links = %q", got)
	}
	got = strings.Join(k.KnownLinks("公安部警用航空管理办公室"), "\n")
	if !strings.Contains(got, "Chongqing General Aviation Industry Group (CN) is partner of it, since 2017-09") {
		t.Errorf("MPS Police Aviation links = %q", got)
	}
	if ok, path, _ := k.USLinkAsOf("mps-police-aviation", "2020-01-01"); ok {
		t.Errorf("a partnership made the MPS office US-linked: %q", path)
	}
}

// BenchmarkRoute measures the per-mention cost the pipeline adds: the
// as-of re-resolution and the route from one supplier.
func BenchmarkRoute(b *testing.B) {
	k := loadBuiltin(b)
	r := k.Resolve("rapidhit", "")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res := k.AsOf(r, "2019-05-20")
		if rt := k.Route("北京瑞源文德科技有限公司", res, "2019-05-20", nil); rt == nil {
			b.Fatal("no route")
		}
	}
}
