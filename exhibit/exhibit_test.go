package exhibit

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/kb"
	"github.com/enduse/enduse/recognize"
)

func resolver(t testing.TB) *Resolver {
	t.Helper()
	k, err := kb.Load()
	if err != nil {
		t.Fatal(err)
	}
	rec, err := recognize.New(k)
	if err != nil {
		t.Fatal(err)
	}
	return New(k, rec)
}

func readList(t *testing.T, name string) []Row {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := Read(raw, name)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestCIEPE2010 resolves the constructed 5th-CIEPE list: the US-linked
// exhibitors with how they are linked in 2010, and the agents with the
// brands they represent.
func TestCIEPE2010(t *testing.T) {
	r := resolver(t)
	rows := readList(t, "ciepe-5-2010-constructed.csv")
	if len(rows) != 8 || rows[0].Name != "菲力尔系统公司" || rows[0].Booth != "1A01" || rows[2].Brands == "" {
		t.Fatalf("rows = %+v", rows)
	}
	xs := r.Resolve(Event{Name: "CIEPE", Edition: 5, Year: 2010}, rows)
	type want struct {
		linked bool
		via    enduse.Pathway
		path   string // substring of the joined path
		agents []string
	}
	wants := map[string]want{
		"菲力尔系统公司":          {true, enduse.PathwayDirect, "FLIR Systems (US)", nil},
		"摩托罗拉系统（中国）有限公司":   {true, enduse.PathwaySubsidiary, "subsidiary of Motorola Solutions (US)", nil},
		"北京瑞源文德科技有限公司":     {true, enduse.PathwayDistributor, "agent of Ryan Technologies (US)", []string{"Ryan Technologies", "Research Electronics International", "Logicube"}},
		"香港某某安防科技有限公司":     {false, "", "", []string{"Cognitech, Inc."}},
		"杭州华三通信技术有限公司":     {true, enduse.PathwaySubsidiary, "subsidiary of 3Com (US)", nil},
		"某某警用装备有限公司":       {false, "", "", []string{"Drägerwerk"}},
		"杭州海康威视数字技术股份有限公司": {false, "", "", nil},
		"某某特种装备有限公司":       {false, "", "", nil},
	}
	for _, x := range xs {
		w, ok := wants[x.Name]
		if !ok {
			t.Errorf("unexpected exhibitor %q", x.Name)
			continue
		}
		if x.USLinked != w.linked || x.Via != w.via || !strings.Contains(strings.Join(x.USLinkPath, " → "), w.path) {
			t.Errorf("%s: US-linked %v via %q path %q, want %v via %q with %q", x.Name, x.USLinked, x.Via, x.USLinkPath, w.linked, w.via, w.path)
		}
		var got []string
		for _, rep := range x.Represents {
			got = append(got, rep.Company)
			l := rep.Link.Link
			if l.Type != enduse.LinkAgentOf || l.Basis != enduse.BasisExhibitor || l.Since != "2010" ||
				!strings.Contains(l.Sources[0], "5th CIEPE (2010) exhibitor list") {
				t.Errorf("%s: link %+v", x.Name, l)
			}
		}
		if strings.Join(got, ",") != strings.Join(w.agents, ",") || x.Agent != (len(w.agents) > 0) {
			t.Errorf("%s: agent %v of %q, want %q", x.Name, x.Agent, got, w.agents)
		}
	}
	for _, x := range xs {
		if x.Name == "香港某某安防科技有限公司" && (!x.USAgent() || x.CountryCode != "HK") {
			t.Errorf("Cognitech agent: US agent %v, country %q", x.USAgent(), x.CountryCode)
		}
		if x.Name == "某某警用装备有限公司" && x.USAgent() {
			t.Error("a Dräger (DE) agent counted as a US agent")
		}
	}
}

// TestCIEPE2020 resolves the constructed 10th-CIEPE HTML list as of 2020:
// CGAG, Enstrom's acquirer, and H3C, then a joint venture of HPE.
func TestCIEPE2020(t *testing.T) {
	r := resolver(t)
	xs := r.Resolve(Event{Name: "CIEPE", Edition: 10, Year: 2020}, readList(t, "ciepe-10-2020-constructed.html"))
	if len(xs) != 5 {
		t.Fatalf("exhibitors = %d, want 5", len(xs))
	}
	by := map[string]Exhibitor{}
	for _, x := range xs {
		by[x.Name] = x
	}
	if x := by["新华三技术有限公司"]; !x.USLinked || x.Via != enduse.PathwayJointVenture ||
		!strings.Contains(strings.Join(x.USLinkPath, " "), "49% from 2016-05 to 2024-09") {
		t.Errorf("H3C 2020 = %v %q %q", x.USLinked, x.Via, x.USLinkPath)
	}
	if x := by["赛默飞世尔科技（中国）有限公司"]; !x.USLinked || x.Via != enduse.PathwaySubsidiary {
		t.Errorf("Thermo Fisher China = %v %q", x.USLinked, x.Via)
	}
	if x := by["重庆通用航空产业集团有限公司"]; !x.USLinked || x.Agent {
		t.Errorf("CGAG = linked %v agent %v (its own Enstrom products are not an agency)", x.USLinked, x.Agent)
	}
	x := by["某某刑侦科技有限公司"]
	if !x.Agent || len(x.Represents) != 2 || x.Represents[0].Brand != "Cellebrite" || x.Represents[1].Brand != "FARO" ||
		!x.Represents[1].USLinked {
		t.Errorf("forensics agent = %+v", x.Represents)
	}
	if x := by["某某无人机科技有限公司"]; x.USLinked || x.Agent {
		t.Errorf("drone maker = %+v", x)
	}
}

func TestReadErrors(t *testing.T) {
	if _, err := Read([]byte("a,b\n1,2\n"), "x.csv"); !errors.Is(err, ErrNoExhibitors) || !strings.Contains(err.Error(), "x.csv") {
		t.Errorf("headerless list: %v", err)
	}
	if _, err := Read([]byte("参展商,国家\n\"broken,中国\n"), "y.csv"); err == nil {
		// LazyQuotes accepts a stray quote; an unterminated one must fail or read.
		t.Log("unterminated quote read leniently")
	}
	gbk := []byte{0xb2, 0xce, 0xd5, 0xb9, 0xc9, 0xcc, '\n', 'A', 0xb9, 0xab, 0xcb, 0xbe, '\n'} // 参展商\nA公司
	rows, err := Read(gbk, "gbk.csv")
	if err != nil || len(rows) != 1 || rows[0].Name != "A公司" {
		t.Errorf("GBK list = %+v, %v", rows, err)
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte("参展商,国家,展品\n某公司,美国,代理希捷\n"))
	f.Add([]byte("exhibitor\tcountry\nAcme\tUSA\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rows, err := Read(b, "fuzz.csv")
		if err == nil {
			for _, r := range rows {
				if r.Name == "" || r.Line < 1 {
					t.Fatalf("bad row %+v", r)
				}
			}
		}
	})
}
