package kb

import (
	"github.com/enduse/enduse"
	"slices"

	"os"
	"path/filepath"
	"strings"
	"testing"
)

func loadBuiltin(t testing.TB) *KB {
	t.Helper()
	k, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return k
}

func TestBuiltinCheck(t *testing.T) {
	k := loadBuiltin(t)
	for _, p := range k.Check() {
		t.Errorf("%s", p)
	}
}

func TestCounts(t *testing.T) {
	k := loadBuiltin(t)
	t.Logf("companies=%d brands=%d aliases=%d links=%d patterns=%d categories=%d",
		len(k.Companies()), len(k.Brands()), len(k.Aliases()), len(k.Links()), len(k.Patterns()), len(k.Categories()))
	if n := len(k.Companies()); n < 250 {
		t.Errorf("companies = %d, want >= 250", n)
	}
	if n := len(k.Aliases()); n < 1500 {
		t.Errorf("aliases = %d, want >= 1500", n)
	}
}

// TestSeedCompanies checks that every company the seed report names is found
// by a name an analyst or a notice would use.
func TestSeedCompanies(t *testing.T) {
	k := loadBuiltin(t)
	tests := []struct{ name, wantID string }{
		{"希捷", "seagate"}, {"SEAGATE", "seagate"}, {"希捷(Seagate)", "seagate"},
		{"西部数据", "western-digital"}, {"WD", "western-digital"}, {"西数", "western-digital"},
		{"Cisco", "cisco"}, {"思科", "cisco"}, {"IBM", "ibm"},
		{"新华三", "h3c"}, {"华三", "h3c"}, {"H3C", "h3c"}, {"紫光新华三", "h3c"}, {"華三", "h3c"},
		{"新华三技术有限公司", "h3c"}, {"Hewlett Packard Enterprise", "hpe"}, {"紫光股份", "unisplendour"},
		{"惠普", "hp-inc"}, {"HP", "hp-inc"}, {"惠普(HP)", "hp-inc"},
		{"Comtech EF Data", "comtech-ef-data"}, {"Comtech Telecommunications Corp.", "comtech"},
		{"摩托罗拉", "motorola-solutions"}, {"Ford", "ford"}, {"奔驰", "mercedes-benz"},
		{"Thermo Fisher Scientific", "thermo-fisher"}, {"赛默飞", "thermo-fisher"},
		{"Applied Biosystems", "thermo-fisher"}, {"Invitrogen", "thermo-fisher"}, {"IntegenX", "integenx"},
		{"RapidHIT", "integenx"}, {"Thermo Scientific", "thermo-fisher"},
		{"英潍捷基（上海）贸易有限公司", "invitrogen-shanghai"}, {"英潍捷基(上海)贸易有限公司", "invitrogen-shanghai"},
		{"赛默飞世尔科技（中国）有限公司", "thermo-fisher-china"},
		{"Cognitech", "cognitech"}, {"Research Electronics International", "rei"},
		{"L3Harris Technologies", "l3harris"}, {"Steiner", "steiner"}, {"PELTOR", "3m"}, {"3M", "3m"},
		{"Vortex Optics", "vortex"}, {"PerkinElmer", "perkinelmer"}, {"Nuance EX", "perkinelmer"},
		{"Enstrom Helicopter Corporation", "enstrom"}, {"恩斯特龙", "enstrom"},
		{"重庆通用航空产业集团有限公司", "cgag"}, {"重庆通航集团", "cgag"}, {"CGAG", "cgag"},
		{"重庆通用航空有限公司", "chongqing-general-aviation"},
		{"Elephant Engineering", "syntronics"}, {"Syntronics", "syntronics"}, {"General Atomics", "general-atomics"},
		{"Intel", "intel"}, {"英伟达", "nvidia"}, {"NVIDIA", "nvidia"},
		{"Ryan Technologies", "ryan-technologies"}, {"E.C. Ryan International, Inc.", "ryan-technologies"},
		{"香港美耐特有限公司", "resonant"}, {"北京瑞源文德科技有限公司", "beijing-ryan-wende"},
		{"北京瑞安文德", "beijing-ryan-wende"}, {"北京瑞源华德科技有限公司", "beijing-ryan-huade"},
		{"MICROGEM PLC", "microgem"}, {"Oxygen Forensic", "oxygen-forensics"}, {"Attestor Forensics GmbH", "attestor"},
		{"BlackBag Technologies, Inc", "blackbag"}, {"Elcomsoft", "elcomsoft"}, {"Logicube", "logicube"},
		{"Rapiscan Systems", "rapiscan"}, {"Vidisco", "vidisco"}, {"FOCLAR", "foclar"}, {"Access Data", "accessdata"},
		{"Med-Eng", "med-eng"}, {"DeltaPix", "deltapix"}, {"Foster + Freeman", "foster-freeman"},
		{"L3 Technologies", "l3-technologies"}, {"REI", "rei"}, {"West Technology Systems Limited", "west-technology"},
		{"海康威视", "hikvision"}, {"杭州海康威视数字技术股份有限公司", "hikvision"}, {"浙江大华技术股份有限公司", "dahua"},
		{"浙江宇视科技有限公司", "uniview"}, {"宇视", "uniview"}, {"Toshiba", "toshiba"},
		{"北京锐安科技有限公司", "run-technologies"}, {"公安部第三研究所", "mps-third-research-institute"},
		{"东软集团", "neusoft"}, {"广州星博科仪有限公司", "nbl-imaging"}, {"新疆科华和昶生物科技有限公司", "xinjiang-kehua-hechang"},
		{"Tsinghua Holdings", "tsinghua-holdings"}, {"DJI", "dji"},
		// Legal-form variants and width/case folding.
		{"Seagate Technology LLC", "seagate"}, {"ＳＥＡＧＡＴＥ", "seagate"}, {"seagate technology", "seagate"},
		{"思科系统(中国)网络技术有限公司", "cisco"}, {"Cisco Systems Inc.", "cisco"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, ok := k.FindCompany(tt.name)
			if !ok {
				t.Fatalf("FindCompany(%q) found nothing", tt.name)
			}
			if c.ID != tt.wantID {
				t.Errorf("FindCompany(%q) = %s, want %s", tt.name, c.ID, tt.wantID)
			}
		})
	}
}

func TestFindCompanyMisses(t *testing.T) {
	k := loadBuiltin(t)
	for _, name := range []string{"", "有限公司", "乌鲁木齐市公安局", "Inc.", "徕卡", "Acme Widgets"} {
		if c, ok := k.FindCompany(name); ok {
			t.Errorf("FindCompany(%q) = %s, want no match", name, c.ID)
		}
	}
}

func TestResolvePaths(t *testing.T) {
	k := loadBuiltin(t)
	tests := []struct {
		name, brand, line      string
		wantBrand, wantCountry string
		wantLine, wantCategory string
		wantUS                 bool
		wantPath               []string
	}{
		{name: "H3C via HPE", brand: "h3c", wantBrand: "H3C", wantCountry: "CN", wantCategory: "network", wantUS: true,
			wantPath: []string{"New H3C Technologies (CN)", "joint venture of Hewlett Packard Enterprise (US), 19% since 2024-09 (unverified)"}},
		{name: "Invitrogen Shanghai", brand: "英潍捷基（上海）贸易有限公司", wantCountry: "CN", wantCategory: "dna", wantUS: true,
			wantPath: []string{"Invitrogen (Shanghai) Trading Co., Ltd. (CN)", "subsidiary of Thermo Fisher Scientific (US), 100%"}},
		{name: "Enstrom 480B", brand: "enstrom", line: "480B", wantBrand: "Enstrom", wantCountry: "US", wantLine: "480B",
			wantCategory: "aviation.helicopter", wantUS: true, wantPath: []string{"Enstrom Helicopter Corporation (US)"}},
		{name: "Ryan Wende agent", brand: "beijing-ryan-wende", wantCountry: "CN", wantCategory: "forensics", wantUS: true,
			wantPath: []string{"Beijing Ryan Wende Science and Technology (CN)", "agent of Ryan Technologies (US), since 2008"}},
		{name: "Resonant rebrand", brand: "resonant", wantCountry: "HK", wantCategory: "forensics", wantUS: true,
			wantPath: []string{"Resonant Ltd. (HK)", "formerly known as Ryan Technologies (US)"}},
		{name: "Seagate SkyHawk", brand: "seagate", line: "酷鹰", wantBrand: "Seagate", wantCountry: "US", wantLine: "SkyHawk",
			wantCategory: "storage.surveillance", wantUS: true, wantPath: []string{"Seagate Technology (US)"}},
		{name: "Hikvision not US", brand: "hikvision", wantBrand: "Hikvision", wantCountry: "CN", wantCategory: "surveillance"},
		{name: "Steiner is DE", brand: "steiner", wantBrand: "Steiner", wantCountry: "DE", wantCategory: "optics.binoculars"},
		{name: "Avigilon via Motorola", brand: "avigilon", wantBrand: "Avigilon", wantCountry: "CA", wantCategory: "surveillance", wantUS: true,
			wantPath: []string{"Avigilon (CA)", "acquired by Motorola Solutions (US), 100% in 2018"}},
		{name: "unknown line keeps brand category", brand: "seagate", line: "NoSuchLine", wantBrand: "Seagate", wantCountry: "US",
			wantCategory: "storage", wantUS: true, wantPath: []string{"Seagate Technology (US)"}},
		{name: "unknown brand", brand: "no-such-brand"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := k.Resolve(tt.brand, tt.line)
			if r.Brand != tt.wantBrand || r.Country != tt.wantCountry || r.ProductLine != tt.wantLine ||
				r.Category != tt.wantCategory || r.USLinked != tt.wantUS {
				t.Errorf("Resolve(%q, %q) = %+v", tt.brand, tt.line, r)
			}
			if strings.Join(r.USLinkPath, " | ") != strings.Join(tt.wantPath, " | ") {
				t.Errorf("path = %q, want %q", r.USLinkPath, tt.wantPath)
			}
		})
	}
}

func TestEnstromMaintainer(t *testing.T) {
	k := loadBuiltin(t)
	c, ok := k.FindCompany("重庆通用航空有限公司")
	if !ok {
		t.Fatal("maintainer not found")
	}
	paths := k.CompanyPath(c.ID)
	joined := strings.Join(paths, "\n")
	for _, want := range []string{"subsidiary of Chongqing General Aviation Industry Group (CN)", "distributor of Enstrom Helicopter Corporation (US)"} {
		if !strings.Contains(joined, want) {
			t.Errorf("CompanyPath(%s) = %q, missing %q", c.ID, paths, want)
		}
	}
	r := k.Resolve("enstrom", "Enstrom 480B")
	if r.Brand != "Enstrom" || r.ProductLine != "480B" {
		t.Errorf("Enstrom 480B resolves to %+v", r)
	}
	e := k.CompanyPath("enstrom")
	if !strings.Contains(strings.Join(e, "\n"), "acquired by Chongqing General Aviation Industry Group (CN), 100% in 2012") {
		t.Errorf("CompanyPath(enstrom) = %q", e)
	}
}

func TestResolveModel(t *testing.T) {
	k := loadBuiltin(t)
	tests := []struct{ model, brand, line, category string }{
		{"ST8000VX004", "Seagate", "SkyHawk", "storage.surveillance"},
		{"ST4000VN008", "Seagate", "IronWolf", "storage.nas"},
		{"ST8000NM0055", "Seagate", "Exos", "storage.enterprise"},
		{"ST8000DM004", "Seagate", "BarraCuda", "storage.desktop"},
		{"WD40PURZ", "Western Digital", "WD Purple", "storage.surveillance"},
		{"WD40EFRX", "Western Digital", "WD Red", "storage.nas"},
		{"WD4003FRYZ", "Western Digital", "WD Gold", "storage.enterprise"},
		{"WD10EZEX", "Western Digital", "WD Blue", "storage.desktop"},
		{"HUS726T4TALA6L4", "Western Digital", "Ultrastar", "storage.enterprise"},
		// Series follow the manufacturers' naming and smartmontools' drivedb.h:
		// the older VX000/VN000 lines are not SkyHawk/IronWolf.
		{"ST4000VX013", "Seagate", "SkyHawk", "storage.surveillance"},
		{"ST2000VX000", "Seagate", "SV35", "storage.surveillance"},
		{"ST3000VX000", "Seagate", "SV35", "storage.surveillance"},
		{"ST4000VN000", "Seagate", "Seagate NAS HDD", "storage.nas"},
		{"ST8000VN004", "Seagate", "IronWolf", "storage.nas"},
		{"ST4000NE001", "Seagate", "IronWolf Pro", "storage.nas"},
		{"ST12000NE0008", "Seagate", "IronWolf Pro", "storage.nas"},
		{"ST16000NM001G", "Seagate", "Exos", "storage.enterprise"},
		{"ST2000DM008", "Seagate", "BarraCuda", "storage.desktop"},
		{"STGX1000400", "Seagate", "Expansion", "storage.portable"},
		{"STKM1000400", "Seagate", "Expansion", "storage.portable"},
		{"STJL1000400", "Seagate", "Backup Plus", "storage.portable"},
		{"WD10PURX", "Western Digital", "WD Purple", "storage.surveillance"},
		{"WD40PURP", "Western Digital", "WD Purple", "storage.surveillance"},
		{"WD60PUZX", "Western Digital", "WD Purple", "storage.surveillance"},
		{"WD8004FRYZ", "Western Digital", "WD Gold", "storage.enterprise"},
		{"WD4003FBYZ", "Western Digital", "WD Gold", "storage.enterprise"},
		{"WD40EFAX", "Western Digital", "WD Red", "storage.nas"},
		{"WD40EFZX", "Western Digital", "WD Red", "storage.nas"},
		{"WD4003FFBX", "Western Digital", "WD Red Pro", "storage.nas"},
		{"WD6002FFWX", "Western Digital", "WD Red Pro", "storage.nas"},
		{"WD10EZAZ", "Western Digital", "WD Blue", "storage.desktop"},
		{"WDS500G2B0A", "Western Digital", "WD SSD", "storage.ssd"},
		{"WDBYVG0020BBK", "Western Digital", "My Passport", "storage.portable"},
		{"WDBU6Y0020BBK", "Western Digital", "My Passport", "storage.portable"},
		{"HUS728T8TALE6L4", "Western Digital", "Ultrastar", "storage.enterprise"},
		{"WS-C2960X-24TS-L", "Cisco", "Catalyst", "network.switch"},
		{"N9K-C93180YC-EX", "Cisco", "Nexus", "network.switch"},
		{"ISR4331/K9", "Cisco", "ISR", "network.router"},
		{"S1224", "H3C", "H3C switch", "network.switch"},
		{"S10508", "H3C", "H3C switch", "network.switch"},
		{"S5720-28X-SI-AC", "Huawei", "Huawei switch", "network.switch"},
		{"CE6881-48S6CQ", "Huawei", "Huawei switch", "network.switch"},
		{"MSR3620", "H3C", "H3C router", "network.router"},
		{"R740xd", "Dell", "PowerEdge", "computing.server"},
		{"DL380 Gen10", "Hewlett Packard Enterprise", "ProLiant", "computing.server"},
		{"NF5280M5", "Inspur", "Inspur Yingxin server", "computing.server"},
		{"3500xL", "Applied Biosystems", "Genetic Analyzer", "dna.sequencing"},
		{"3130xl", "Applied Biosystems", "Genetic Analyzer", "dna.sequencing"},
		{"QuantStudio 5", "Applied Biosystems", "Real-Time PCR", "dna.pcr"},
		{"DS-2CD3T46WD-I3", "Hikvision", "Hikvision camera / NVR", "surveillance.camera"},
		{"DH-IPC-HFW4433M-I1", "Dahua", "Dahua camera / NVR", "surveillance.camera"},
		{"IPC2124LR3-PF40M-D", "Uniview", "Uniview camera / NVR", "surveillance.camera"},
		{"E5-2620 v4", "Intel", "Xeon", "computing.cpu"},
		{"i7-8700", "Intel", "Core", "computing.cpu"},
		{"V100", "NVIDIA", "Tesla", "computing.gpu"},
		{"RTX 3090", "NVIDIA", "GeForce", "computing.gpu"},
		{"480B", "Enstrom", "480B", "aviation.helicopter"},
		{"ORION 2.4", "REI", "ORION", "countersurveillance"},
		{"CDM-570L", "Comtech EF Data", "Comtech modems", "communications.satellite"},
	}
	for _, tt := range tests {
		t.Run(tt.model, func(t *testing.T) {
			r, ok := k.ResolveModel(tt.model)
			if !ok {
				t.Fatalf("ResolveModel(%q) matched nothing", tt.model)
			}
			if r.Brand != tt.brand || r.ProductLine != tt.line || r.Category != tt.category {
				t.Errorf("ResolveModel(%q) = %s/%s/%s, want %s/%s/%s", tt.model, r.Brand, r.ProductLine, r.Category,
					tt.brand, tt.line, tt.category)
			}
			// The answer must not depend on pattern order: exactly one
			// product line's patterns match the whole model.
			var lines []string
			for _, p := range k.patterns {
				line := p.Brand + "/" + p.ProductLine
				if loc := p.Re.FindStringIndex(tt.model); loc != nil && loc[0] == 0 && loc[1] == len(tt.model) &&
					!slices.Contains(lines, line) {
					lines = append(lines, line)
				}
			}
			if len(lines) != 1 {
				t.Errorf("%q matches the patterns of %d product lines %v, want exactly 1", tt.model, len(lines), lines)
			}
		})
	}
}

// TestPatternsTight checks that no pattern matches project codes, dates,
// amounts or ordinary tokens of procurement notices in full.
func TestPatternsTight(t *testing.T) {
	k := loadBuiltin(t)
	for _, s := range []string{"2022", "20220315", "2022-03-15", "1500000", "12345678", "HNZC2022-001", "GXZC2021-G1-001",
		"ZB2022", "5000", "A1", "No.3", "CN", "USB3.0", "1.5", "100", "TB", "8TB", "SATA", "RJ45", "Cat6", "IP67",
		"H.265", "1080P", "4K", "POE", "2U", "DDR4", "X86", "220V", "3年", "24口"} {
		for _, p := range k.Patterns() {
			if loc := p.Re.FindStringIndex(s); loc != nil && loc[0] == 0 && loc[1] == len(s) {
				t.Errorf("pattern %q of %s/%s matches %q", p.Expr, p.Brand, p.ProductLine, s)
			}
		}
	}
}

func TestAliasFlags(t *testing.T) {
	k := loadBuiltin(t)
	tests := []struct {
		text                string
		ambiguous, boundary bool
	}{
		{"联想", true, false}, {"大华", true, false}, {"HP", false, true}, {"WD", false, true},
		{"3M", false, true}, {"IBM", false, true}, {"希捷", false, false}, {"宇视", false, false},
	}
	for _, tt := range tests {
		as := k.LookupAlias(tt.text)
		if len(as) == 0 {
			t.Errorf("alias %q not found", tt.text)
			continue
		}
		if as[0].Ambiguous != tt.ambiguous || as[0].Boundary != tt.boundary {
			t.Errorf("alias %q: ambiguous=%v boundary=%v, want %v %v", tt.text, as[0].Ambiguous, as[0].Boundary,
				tt.ambiguous, tt.boundary)
		}
	}
}

func TestCheckCatches(t *testing.T) {
	tests := []struct{ dir, want string }{
		{"unsourced", "no source"},
		{"dupid", "duplicate id"},
		{"dangling-brand", `company "no-such-company" does not exist`},
		{"bad-link", `invalid link type "married_to"`},
		{"cycle", "ownership cycle"},
		{"unknown-category", `unknown category "teleportation"`},
		{"bad-pattern", "does not compile"},
		{"alias-clash", `alias "希捷" is claimed by acme, seagate`},
		{"bad-country", `country "UK" is not an ISO 3166-1 alpha-2 code`},
		{"rule-no-reason", "has no reason"},
		{"share-sum", "ownership of acme-jv at 2020 sums to 111%"},
		{"after-end", "link starts 2012, after Gone Co ended (2010)"},
		{"step-order", "share step #2: since 2012 is not after the step before (2016)"},
		{"owner-overlap", "owners #1 and #2 overlap"},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			k, err := Load(filepath.Join("testdata", "bad", tt.dir))
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			problems := k.Check()
			var found bool
			for _, p := range problems {
				if strings.Contains(p.Message, tt.want) {
					found = true
					if !strings.Contains(p.File, tt.dir) {
						t.Errorf("problem %q names file %q, want the fixture", p.Message, p.File)
					}
				}
			}
			if !found {
				t.Errorf("Check() = %v, want a problem containing %q", problems, tt.want)
			}
		})
	}
}

func TestOverlay(t *testing.T) {
	k, err := Load(filepath.Join("testdata", "overlay"))
	if err != nil {
		t.Fatal(err)
	}
	if p := k.Check(); len(p) != 0 {
		t.Errorf("Check() on overlay = %v", p)
	}
	c, _ := k.Company("seagate")
	if c.Country != "IE" {
		t.Errorf("overlay did not replace seagate: country %s", c.Country)
	}
	r := k.Resolve("acme", "")
	if r.Company != "Acme Trading (Shenzhen)" || !r.USLinked || len(r.USLinkPath) != 2 {
		t.Errorf("Resolve(acme) = %+v", r)
	}
	if c, ok := k.FindCompany("阿克米"); !ok || c.ID != "acme-cn" {
		t.Errorf("FindCompany(阿克米) = %v %v", c.ID, ok)
	}
	base := loadBuiltin(t)
	if len(k.Companies()) != len(base.Companies())+1 {
		t.Errorf("overlay companies = %d, want %d", len(k.Companies()), len(base.Companies())+1)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct{ dir, want string }{
		{"malformed", "colour"},
		{"malformed-record", "brand #1 (acme): missing name"},
		{"no-such-dir", "no-such-dir"},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			_, err := Load(filepath.Join("testdata", tt.dir))
			if err == nil {
				t.Fatal("Load succeeded")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not mention %q", err, tt.want)
			}
			if tt.dir != "no-such-dir" && !strings.Contains(err.Error(), "a.yaml") {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ＨＰ", "hp"}, {"英潍捷基（上海）贸易有限公司", "英潍捷基(上海)贸易有限公司"}, {" Western  Digital ", "westerndigital"},
		{"Seagate®", "seagate"}, {"【华三】", "(华三)"},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{"Seagate Technology LLC", "seagate technology"}, {"Cisco Systems, Inc.", "cisco systems"},
		{"华为技术有限公司", "华为技术"}, {"Haag", "haag"}, {"Inc.", "inc."}, {"Acme Co., Ltd.", "acme"},
	} {
		if got := StripLegalForm(tt.in); got != tt.want {
			t.Errorf("StripLegalForm(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzParseFile(f *testing.F) {
	for _, dir := range []string{"bad/cycle", "bad/bad-pattern", "overlay", "malformed"} {
		files, _ := filepath.Glob(filepath.Join("testdata", dir, "*.yaml"))
		for _, p := range files {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
			}
		}
	}
	if b, err := builtin.ReadFile("data/rules.yaml"); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		df, err := parseFile("fuzz.yaml", b)
		if err != nil {
			return
		}
		l := &loader{companies: map[string]companyRecord{}, brands: map[string]brandRecord{},
			links: map[string]enduse.Link{}, categories: map[string]enduse.Category{}, rules: map[string]SharedAlias{}, ordinary: map[string]OrdinaryWord{},
			order: map[string]int{}, origin: map[string]string{}, layerSeen: map[string]string{}}
		l.add("fuzz.yaml", df)
		k := l.build()
		k.Check()
		for _, c := range k.Companies() {
			k.CompanyPath(c.ID)
			k.Resolve(c.ID, "")
		}
	})
}

func BenchmarkFindCompany(b *testing.B) {
	k := loadBuiltin(b)
	names := []string{"英潍捷基（上海）贸易有限公司", "Seagate Technology LLC", "乌鲁木齐市公安局", "新华三", "Cisco Systems, Inc."}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k.FindCompany(names[i%len(names)])
	}
}

func BenchmarkResolve(b *testing.B) {
	k := loadBuiltin(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k.Resolve("h3c", "")
	}
}

func BenchmarkLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}

func TestEnglishName(t *testing.T) {
	k := loadBuiltin(t)
	tests := []struct {
		name, zh, want string
		ok             bool
	}{
		{"brand word", "海康威视", "Hikvision", true},
		{"legal name with official English", "杭州海康威视数字技术股份有限公司", "Hangzhou Hikvision Digital Technology Co., Ltd.", true},
		{"legal name full-width parentheses", "新华三技术有限公司", "New H3C Technologies Co., Ltd.", true},
		{"core without legal form", "浙江大华技术", "Zhejiang Dahua Technology Co., Ltd.", true},
		{"company alias without official English", "英潍捷基（上海）贸易有限公司", "Invitrogen (Shanghai) Trading Co., Ltd.", true},
		{"brand word of a foreign company", "希捷", "Seagate", true},
		{"company short name", "大华股份", "Zhejiang Dahua Technology", true},
		{"ambiguous word is not a company", "长城", "", false},
		{"company named after an ordinary word", "大华有限公司", "", false},
		{"reseller named after a brand", "新疆希捷商贸有限公司", "", false},
		{"government body", "乌鲁木齐市公安局", "", false},
		{"empty", "  ", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := k.EnglishName(tt.zh)
			if got != tt.want || ok != tt.ok {
				t.Errorf("EnglishName(%q) = %q %v, want %q %v", tt.zh, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestUSLink(t *testing.T) {
	k := loadBuiltin(t)
	tests := []struct {
		id   string
		us   bool
		path []string
	}{
		{"h3c", true, []string{"New H3C Technologies (CN)", "joint venture of Hewlett Packard Enterprise (US), 19% since 2024-09 (unverified)"}},
		{"seagate", true, []string{"Seagate Technology (US)"}},
		{"medtronic", true, []string{"Medtronic (IE)", "formerly known as Medtronic, Inc. (US), since 2015"}},
		{"jlr", false, nil},
		{"hikvision", false, nil},
		{"no-such-company", false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			us, path := k.USLink(tt.id)
			if us != tt.us || strings.Join(path, " | ") != strings.Join(tt.path, " | ") {
				t.Errorf("USLink(%s) = %v %q, want %v %q", tt.id, us, path, tt.us, tt.path)
			}
		})
	}
}

// TestCommonWordsFlagged checks the aliases that are also ordinary Chinese
// or English words: each must be flagged ambiguous (matched only with
// context) or be gone. Every one was seen firing on ordinary notice text.
func TestCommonWordsFlagged(t *testing.T) {
	k := loadBuiltin(t)
	for _, w := range []string{"浪潮", "中兴", "同方", "三星", "松下", "大众", "道通", "超微", "英杰", "麒麟", "华大",
		"日产", "高德", "成就", "富士", "美亚", "威视", "新力", "伯乐", "博通", "萤石", "艾睿", "飞腾", "景阳", "科华",
		"大金", "宝德", "中国电子", "Apple", "Bell", "Oracle", "Harris", "Waters", "Catalyst", "Phantom", "Quantum"} {
		as := k.LookupAlias(w)
		if len(as) == 0 {
			t.Errorf("alias %q not found (expected flagged, not removed)", w)
		}
		for _, a := range as {
			if !a.Ambiguous {
				t.Errorf("alias %q of %s/%s is not flagged ambiguous", w, a.Brand, a.Company)
			}
		}
	}
	for _, w := range []string{"热电", "热电公司"} {
		if as := k.LookupAlias(w); len(as) != 0 {
			t.Errorf("alias %q should be gone (热电联产 is everywhere in power notices): %+v", w, as)
		}
	}
}

func TestOrdinaryWords(t *testing.T) {
	k := loadBuiltin(t)
	have := map[string]bool{}
	for _, w := range k.OrdinaryWords() {
		have[w.Text] = true
	}
	for _, w := range []string{"微软雅黑", "华大学", "高德地图", "重大金融"} {
		if !have[w] {
			t.Errorf("ordinary word %q missing", w)
		}
	}
	// Check reports an ordinary word that holds no alias or is one.
	l := &loader{companies: map[string]companyRecord{}, brands: map[string]brandRecord{},
		links: map[string]enduse.Link{}, categories: map[string]enduse.Category{}, rules: map[string]SharedAlias{},
		ordinary: map[string]OrdinaryWord{}, order: map[string]int{}, origin: map[string]string{}, layerSeen: map[string]string{}}
	df, err := parseFile("t.yaml", []byte(`
companies: [{id: acme, name: Acme, name_zh: 阿克米, country: US, sources: [https://example.com/]}]
ordinary_words:
  - {text: 阿克米路, reason: a road}
  - {text: 无关词语, reason: holds nothing}
  - {text: 阿克米, reason: is the name}
  - {text: 阿克米街}
`))
	if err != nil {
		t.Fatal(err)
	}
	l.add("t.yaml", df)
	var msgs []string
	for _, p := range l.build().Check() {
		msgs = append(msgs, p.Message)
	}
	got := strings.Join(msgs, "\n")
	for _, want := range []string{`"无关词语" holds no alias`, `"阿克米" is itself an alias`, `"阿克米街" has no reason`} {
		if !strings.Contains(got, want) {
			t.Errorf("Check() = %q, want a problem containing %q", got, want)
		}
	}
	if strings.Contains(got, "阿克米路") {
		t.Errorf("Check() flags a sound ordinary word: %q", got)
	}
}
