package org

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/linelist"
	"github.com/enduse/enduse/region"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata")

func newTestAnalyzer(t testing.TB) (*Analyzer, *region.Table) {
	t.Helper()
	tab, err := region.Load()
	if err != nil {
		t.Fatal(err)
	}
	a, err := NewAnalyzer(tab)
	if err != nil {
		t.Fatal(err)
	}
	return a, tab
}

type label struct {
	name, sector, level, province, prefecture, source string
}

func readLabels(t testing.TB) []label {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "labelled.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := linelist.Rows("labelled.tsv", string(b), 6)
	if err != nil {
		t.Fatal(err)
	}
	var out []label
	for _, r := range rows {
		p := r.Fields
		if len(p) != 6 {
			t.Fatal(r.Errorf("want 6 fields, got %d", len(p)))
		}
		out = append(out, label{p[0], p[1], p[2], p[3], p[4], p[5]})
	}
	return out
}

// TestLabelled measures sector, level, province and prefecture accuracy on
// the hand-labelled real buyer names and fails below the acceptance bars.
func TestLabelled(t *testing.T) {
	a, tab := newTestAnalyzer(t)
	labels := readLabels(t)
	if len(labels) < 200 {
		t.Fatalf("only %d labelled names, want ≥ 200", len(labels))
	}
	var sec, lev, prov, pref, nPref int
	bySector := map[string]int{}
	for _, l := range labels {
		bySector[l.sector]++
		o := a.Analyze(l.name)
		gotProv, gotPref := "-", "-"
		if o.Region != nil {
			gotProv = tab.Province(o.Region.Code)
			if p := tab.Prefecture(o.Region.Code); p != "" {
				gotPref = p
			}
		}
		ok := true
		if string(o.Sector) == l.sector {
			sec++
		} else {
			ok = false
		}
		if string(o.Level) == l.level {
			lev++
		} else {
			ok = false
		}
		if gotProv == l.province {
			prov++
		} else {
			ok = false
		}
		if l.prefecture != "-" || gotPref != "-" {
			nPref++
			if gotPref == l.prefecture {
				pref++
			} else {
				ok = false
			}
		}
		if !ok {
			t.Logf("miss %s: got %s/%s/%s/%s want %s/%s/%s/%s", l.name, o.Sector, o.Level, gotProv, gotPref,
				l.sector, l.level, l.province, l.prefecture)
		}
	}
	n := float64(len(labels))
	fs, fl, fp, ff := float64(sec)/n, float64(lev)/n, float64(prov)/n, float64(pref)/float64(nPref)
	t.Logf("labelled names: %d (by sector %v)", len(labels), bySector)
	t.Logf("sector %.1f%%  level %.1f%%  province %.1f%%  prefecture %.1f%% (of %d with a prefecture)",
		100*fs, 100*fl, 100*fp, 100*ff, nPref)
	if fs < 0.98 || fl < 0.95 || fp < 0.98 || ff < 0.95 {
		t.Errorf("accuracy below bar: sector %.3f (≥.98) level %.3f (≥.95) province %.3f (≥.98) prefecture %.3f (≥.95)", fs, fl, fp, ff)
	}
}

// TestGolden pins the full analysis of every labelled name; run with
// -update after a reviewed change.
func TestGolden(t *testing.T) {
	a, _ := newTestAnalyzer(t)
	var b strings.Builder
	for _, l := range readLabels(t) {
		j, err := json.Marshal(a.Analyze(l.name))
		if err != nil {
			t.Fatal(err)
		}
		b.Write(j)
		b.WriteByte('\n')
	}
	path := filepath.Join("testdata", "analyze.golden")
	if *update {
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	got := strings.Split(b.String(), "\n")
	wl := strings.Split(string(want), "\n")
	if len(got) != len(wl) {
		t.Fatalf("golden has %d lines, got %d (run go test -update and review)", len(wl), len(got))
	}
	for i := range got {
		if got[i] != wl[i] {
			t.Errorf("line %d:\n got %s\nwant %s", i+1, got[i], wl[i])
		}
	}
}

func TestEnglish(t *testing.T) {
	a, _ := newTestAnalyzer(t)
	tests := []struct{ name, in, want string }{
		{"city unit", "乌鲁木齐市公安局刑事侦查支队", "Urumqi City Public Security Bureau Criminal Investigation Zhidui"},
		{"xpcc division", "新疆生产建设兵团第一师公安局", "Xinjiang Production and Construction Corps First Division Public Security Bureau"},
		{"xpcc", "新疆生产建设兵团公安局", "Xinjiang Production and Construction Corps Public Security Bureau"},
		{"region dept", "新疆维吾尔自治区公安厅", "Xinjiang Uyghur Autonomous Region Public Security Department"},
		{"sub-bureau", "乌鲁木齐市公安局天山区分局", "Urumqi City Public Security Bureau Tianshan District Sub-Bureau"},
		{"prefecture", "喀什地区公安局", "Kashgar Prefecture Public Security Bureau"},
		{"nested county", "喀什地区公安局疏附县公安局", "Kashgar Prefecture Public Security Bureau Shufu County Public Security Bureau"},
		{"hotan", "和田地区公安局", "Hotan Prefecture Public Security Bureau"},
		{"aksu", "阿克苏地区公安局", "Aksu Prefecture Public Security Bureau"},
		{"ili", "伊犁哈萨克自治州公安局", "Ili Kazakh Autonomous Prefecture Public Security Bureau"},
		{"bayingolin", "巴音郭楞蒙古自治州公安局", "Bayingolin Mongol Autonomous Prefecture Public Security Bureau"},
		{"short bazhou", "巴州公安局", "Bayingolin Public Security Bureau"},
		{"tibet", "西藏自治区公安厅", "Tibet Autonomous Region Public Security Department"},
		{"inner mongolia", "内蒙古自治区人民检察院", "Inner Mongolia Autonomous Region People's Procuratorate"},
		{"hohhot", "呼和浩特市公安局", "Hohhot City Public Security Bureau"},
		{"beijing", "北京市公安局", "Beijing Municipal Public Security Bureau"},
		{"station", "佛山市顺德区公安局乐从派出所", "Foshan City Shunde District Public Security Bureau Lecong Police Station"},
		{"detention center", "南安市公安局看守所", "Nan'an City Public Security Bureau Detention Center"},
		{"detention house", "七台河市公安局拘留所", "Qitaihe City Public Security Bureau Detention House"},
		{"rehab", "西宁市公安局戒毒所", "Xining City Public Security Bureau Drug Rehabilitation Center"},
		{"prison", "福建省龙岩监狱", "Fujian Province Longyan Prison"},
		{"intermediate court", "乌鲁木齐市中级人民法院", "Urumqi City Intermediate People's Court"},
		{"basic court", "周至县人民法院", "Zhouzhi County People's Court"},
		{"procuratorate", "喀什地区人民检察院", "Kashgar Prefecture People's Procuratorate"},
		{"traffic police", "西安市公安局交通警察支队", "Xi'an City Public Security Bureau Traffic Police Zhidui"},
		{"cyber", "乌鲁木齐市公安局网络安全保卫支队", "Urumqi City Public Security Bureau Cyber Security Zhidui"},
		{"swat", "邯郸市公安局特警支队", "Handan City Public Security Bureau SWAT Zhidui"},
		{"zongdui", "福建省公安厅交通警察总队", "Fujian Province Public Security Department Traffic Police Zongdui"},
		{"dadui", "东山县公安局交警大队", "Dongshan County Public Security Bureau Traffic Police Dadui"},
		{"zhongdui", "普格县公安局特警中队", "Puge County Public Security Bureau SWAT Zhongdui"},
		{"ministry institute", "公安部第三研究所", "Ministry of Public Security Third Research Institute"},
		{"police college", "新疆警察学院", "Xinjiang Police College"},
		{"autonomous county", "长阳土家族自治县公安局", "Changyang Tujia Autonomous County Public Security Bureau"},
		{"full-width brackets", "乌鲁木齐市公安局经济技术开发区（头屯河区）分局", "Urumqi City Public Security Bureau Economic and Technological Development Zone (Toutunhe District) Sub-Bureau"},
		{"unknown words in pinyin", "宜昌市夷陵区小溪塔街道办事处", "Yichang City Yiling District Xiaoxita Subdistrict Office"},
		{"company without its English name", "杭州海康威视数字技术股份有限公司", "Hangzhou Haikang Weishi Digital Technology Co., Ltd."},
		{"institution glossary", "国网浙江省电力有限公司宁波供电公司", "State Grid Zhejiang Electric Power Co., Ltd. Ningbo Power Supply Company"},
		{"common words", "宁波供销电子商务有限公司", "Ningbo Supply and Marketing E-commerce Co., Ltd."},
		{"sasac", "宁波市人民政府国有资产监督管理委员会", "Ningbo City People's Government State-owned Assets Supervision and Administration Commission"},
		{"one town, not two", "秭归县沙镇溪镇人民政府", "Zigui County Shazhenxi Town People's Government"},
		{"four-character trade name", "兴山县汇美程资产管理有限公司", "Xingshan County Huimeicheng Asset Management Co., Ltd."},
		{"korla", "库尔勒市公安局", "Korla City Public Security Bureau"},
		{"artux", "阿图什市公安局", "Artux City Public Security Bureau"},
		{"kuytun", "奎屯市人民医院", "Kuytun City People's Hospital"},
		{"shule reads le", "疏勒县人民政府", "Shule County People's Government"},
		{"conjunction", "泸州市江阳区教育和体育局", "Luzhou City Jiangyang District Education and Sports Bureau"},
		{"village", "宜昌市夷陵区下堡坪乡蛟龙寺村村民委员会", "Yichang City Yiling District Xiabaoping Township Jiaolongsi Village Villagers' Committee"},
		{"street named by a word", "孝感市公安局高新区分局航空路派出所", "Xiaogan City Public Security Bureau High-Tech Zone Sub-Bureau Hangkonglu Police Station"},
		{"normal college after an ordinal", "广东第二师范学院", "Guangdong Second Normal College"},
		{"xpcc division still", "新疆生产建设兵团第二师公安局", "Xinjiang Production and Construction Corps Second Division Public Security Bureau"},
		{"level word for the place", "自治区应急管理宣传教育中心", "Autonomous Region Emergency Management Publicity and Education Center"},
		{"zone word after a place", "平潭综合实验区市场监督管理局", "Pingtan Comprehensive Experimental Zone Market Regulation Bureau"},
		{"village word in a trade name", "宁波慈城创美强村建设发展有限公司", "Ningbo Cicheng Chuangmei Qiangcun Construction Development Co., Ltd."},
		{"new area", "兰州新区交通管理局", "Lanzhou New Area Traffic Management Bureau"},
		{"ethnic banner", "鄂伦春自治旗宜里镇人民政府", "Oroqen Autonomous Banner Yili Town People's Government"},
		{"nationality as stem", "鄂温克族自治旗公安局", "Evenki Autonomous Banner Public Security Bureau"},
		{"zone listed as a division", "呼和浩特经济技术开发区公安局", "Hohhot Economic and Technological Development Zone Public Security Bureau"},
		{"place that starts like another", "大连市公安局普兰店分局", "Dalian City Public Security Bureau Pulandian Sub-Bureau"},
		{"shi in place names", "什邡市人民检察院", "Shifang City People's Procuratorate"},
		{"tibet county", "江孜县公安局", "Gyantse County Public Security Bureau"},
		{"inner mongolia banner", "东乌珠穆沁旗公安局", "East Ujimqin Banner Public Security Bureau"},
		{"kashgar nested xpcc", "新疆生产建设兵团第十四师昆玉市公安局", "Xinjiang Production and Construction Corps Fourteenth Division Kunyu City Public Security Bureau"},
		{"armed police", "武警钦州支队", "Armed Police Qinzhou Zhidui"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := a.English(tt.in); got != tt.want {
				t.Errorf("English(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCanonical(t *testing.T) {
	a, _ := newTestAnalyzer(t)
	same := []struct {
		name string
		a, b string
	}{
		{"short province", "新疆公安厅", "新疆维吾尔自治区公安厅"},
		{"people's government", "乌鲁木齐市人民政府", "乌鲁木齐市政府"},
		{"brackets", "乌鲁木齐市公安局经济技术开发区（头屯河区）分局", "乌鲁木齐市公安局经济技术开发区(头屯河区)分局"},
		{"spaces", "喀什地区 公安局", "喀什地区公安局"},
		{"ideographic space", "喀什地区\u3000公安局", "喀什地区公安局"},
		{"full-width letters", "ＡＢＣ有限公司", "ABC有限公司"},
		{"trailing 本级", "江苏省公安厅本级", "江苏省公安厅"},
		{"trailing (机关)", "江苏省公安厅（机关）", "江苏省公安厅"},
		{"trailing 机关", "江苏省公安厅机关", "江苏省公安厅"},
		{"short prefecture", "巴州公安局", "巴音郭楞蒙古自治州公安局"},
		{"short form with 州", "昌吉州公安局", "昌吉回族自治州公安局"},
		{"inner mongolia", "内蒙公安厅", "内蒙古自治区公安厅"},
	}
	for _, tt := range same {
		t.Run(tt.name, func(t *testing.T) {
			ka, kb := a.Canonical(tt.a), a.Canonical(tt.b)
			if ka != kb {
				t.Errorf("Canonical(%q) = %q, Canonical(%q) = %q; want equal", tt.a, ka, tt.b, kb)
			}
		})
	}
	different := []struct{ name, a, b string }{
		{"different bodies", "乌鲁木齐市公安局", "乌鲁木齐市公安局天山区分局"},
		{"xpcc is not xinjiang", "兵团公安局", "新疆维吾尔自治区公安局"},
		{"province vs city", "吉林省公安厅", "吉林市公安局"},
	}
	for _, tt := range different {
		t.Run(tt.name, func(t *testing.T) {
			if a.Canonical(tt.a) == a.Canonical(tt.b) {
				t.Errorf("Canonical(%q) == Canonical(%q) = %q; want different", tt.a, tt.b, a.Canonical(tt.a))
			}
		})
	}
}

func TestParse(t *testing.T) {
	a, _ := newTestAnalyzer(t)
	tests := []struct {
		name, in    string
		places      []string
		institution string
		units       []string
		parent      string
	}{
		{"region dept unit", "新疆维吾尔自治区公安厅刑事侦查总队", []string{"新疆维吾尔自治区"}, "公安厅", []string{"刑事侦查总队"}, "新疆维吾尔自治区公安厅"},
		{"nested county bureau", "喀什地区公安局疏附县公安局", []string{"喀什地区"}, "公安局", []string{"疏附县公安局"}, "喀什地区公安局"},
		{"sub-bureau", "乌鲁木齐市公安局天山区分局", []string{"乌鲁木齐市"}, "公安局", []string{"天山区分局"}, "乌鲁木齐市公安局"},
		{"station under sub-bureau", "孝感市公安局高新区分局航空路派出所", []string{"孝感市"}, "公安局", []string{"高新区分局", "航空路派出所"}, "孝感市公安局高新区分局"},
		{"xpcc", "新疆生产建设兵团第一师公安局", []string{"新疆生产建设兵团", "第一师"}, "公安局", nil, ""},
		{"named institution", "天津市梨园监狱", []string{"天津市"}, "梨园监狱", nil, ""},
		{"no place", "中国人民警察大学", nil, "中国人民警察大学", nil, ""},
		{"company branch", "宁波市水务环境集团股份有限公司江北分公司", []string{"宁波市"}, "水务环境集团股份有限公司", []string{"江北分公司"}, "宁波市水务环境集团股份有限公司"},
		{"bracketed alias stays", "中共山东省委党校（山东行政学院）", nil, "中共山东省委党校(山东行政学院)", nil, ""},
		{"empty", "", nil, "", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := a.Parse(tt.in)
			var places []string
			for _, pl := range p.Places {
				places = append(places, pl.Text)
			}
			if strings.Join(places, "|") != strings.Join(tt.places, "|") || p.Institution != tt.institution ||
				strings.Join(p.Units, "|") != strings.Join(tt.units, "|") || p.Parent != tt.parent {
				t.Errorf("Parse(%q) = places %q inst %q units %q parent %q; want %q %q %q %q",
					tt.in, places, p.Institution, p.Units, p.Parent, tt.places, tt.institution, tt.units, tt.parent)
			}
		})
	}
}

func TestAnalyzeHints(t *testing.T) {
	a, _ := newTestAnalyzer(t)
	tests := []struct {
		name, in string
		hints    []string
		code     string
		sector   enduse.Sector
		level    enduse.Level
	}{
		{"no place uses address", "刑事侦查支队", []string{"新疆乌鲁木齐市天山区团结路"}, "650102", enduse.SectorPublicSecurity, enduse.LevelUnit},
		{"generic 自治区 with region line", "自治区公安厅", []string{"新疆维吾尔自治区"}, "650000", enduse.SectorPublicSecurity, enduse.LevelProvince},
		{"region code hint", "市公安局", []string{"650100"}, "650100", enduse.SectorPublicSecurity, enduse.LevelUnknown},
		{"ambiguous district resolved", "鼓楼区人民法院", []string{"江苏省南京市"}, "320106", enduse.SectorCourt, enduse.LevelDistrict},
		{"name place beats hint", "喀什地区公安局", []string{"乌鲁木齐市"}, "653100", enduse.SectorPublicSecurity, enduse.LevelPrefecture},
		{"sub-bureau names district", "北京市公安局东城分局", nil, "110101", enduse.SectorPublicSecurity, enduse.LevelDistrict},
		{"xpcc regiment division", "新疆生产建设兵团第八师", nil, "659001", enduse.SectorXPCC, enduse.LevelPrefecture},
		{"xpcc prison", "新疆生产建设兵团第一师监狱", nil, "659002", enduse.SectorPrisonJustice, enduse.LevelProvince},
		{"state security", "上海市国家安全局", nil, "310000", enduse.SectorStateSecurity, enduse.LevelProvince},
		{"ministry institute", "公安部第三研究所", nil, "", enduse.SectorPublicSecurity, enduse.LevelMinistry},
		{"nothing", "某某机构", nil, "", enduse.SectorUnknown, enduse.LevelUnknown},
		{"station with its own place", "长江航运公安局芜湖分局铜陵派出所", nil, "340700", enduse.SectorPublicSecurity, enduse.LevelStation},
		{"border management is public security", "双鸭山边境管理支队", nil, "230500", enduse.SectorPublicSecurity, enduse.LevelUnit},
		{"乡村 is no township", "怀集县乡村振兴局", nil, "441224", enduse.SectorOtherGovernment, enduse.LevelCounty},
		{"bureau of a government", "大兴安岭地区行政公署公安局", nil, "232700", enduse.SectorPublicSecurity, enduse.LevelPrefecture},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := a.Analyze(tt.in, tt.hints...)
			code := ""
			if o.Region != nil {
				code = o.Region.Code
			}
			if code != tt.code || o.Sector != tt.sector || o.Level != tt.level {
				t.Errorf("Analyze(%q, %q) = %s %s %s; want %s %s %s", tt.in, tt.hints, code, o.Sector, o.Level, tt.code, tt.sector, tt.level)
			}
			if o.Name != tt.in {
				t.Errorf("Name = %q, want the name as given", o.Name)
			}
		})
	}
}

func TestConcurrent(t *testing.T) {
	a, _ := newTestAnalyzer(t)
	labels := readLabels(t)
	want := make([]enduse.Org, len(labels))
	for i, l := range labels {
		want[i] = a.Analyze(l.name)
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, l := range labels {
				got := a.Analyze(l.name)
				if got.NameEN != want[i].NameEN || got.Key != want[i].Key {
					t.Errorf("concurrent Analyze(%q) differs", l.name)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestWithNames(t *testing.T) {
	a, _ := newTestAnalyzer(t)
	b := a.WithNames(map[string]string{"海康威视": "Hikvision", "公安局": "not a company", "凯杰": "Qiagen"})
	tests := []struct {
		an       *Analyzer
		in, want string
	}{
		{b, "杭州海康威视系统技术有限公司", "Hangzhou Hikvision System Technology Co., Ltd."},
		{b, "乌鲁木齐市公安局", "Urumqi City Public Security Bureau"},                        // a glossary term keeps its English
		{b, "湖北凯杰工程有限公司", "Hubei Kaijie Engineering Co., Ltd."},                      // a two-character trade name is not the brand
		{a, "杭州海康威视系统技术有限公司", "Hangzhou Haikang Weishi System Technology Co., Ltd."}, // the receiver is unchanged
	}
	for _, tt := range tests {
		if got := tt.an.English(tt.in); got != tt.want {
			t.Errorf("English(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if o := b.Analyze("杭州海康威视系统技术有限公司"); o.Sector != enduse.SectorEnterprise {
		t.Errorf("sector with a known name = %s, want enterprise", o.Sector)
	}
	// Analyze remembers its answers: the copy and the receiver must not
	// share that memory, whichever analyses a name first.
	const name = "杭州海康威视数字技术股份有限公司"
	before := a.Analyze(name).NameEN
	c := a.WithNames(map[string]string{"海康威视": "Hikvision"})
	if got := c.Analyze(name).NameEN; got != "Hangzhou Hikvision Digital Technology Co., Ltd." {
		t.Errorf("copy's Analyze(%q).NameEN = %q, want its known English name", name, got)
	}
	if got := a.Analyze(name).NameEN; got != before || strings.Contains(got, "Hikvision") {
		t.Errorf("receiver's Analyze(%q).NameEN = %q, was %q", name, got, before)
	}
}

func TestBadData(t *testing.T) {
	tab, err := region.Load()
	if err != nil {
		t.Fatal(err)
	}
	good := func() fstest.MapFS {
		m := fstest.MapFS{}
		for _, f := range []string{"glossary.tsv", "words.tsv", "places-en.tsv", "places-minority.tsv", "pinyin-overrides.tsv"} {
			b, err := dataFS.ReadFile("data/" + f)
			if err != nil {
				t.Fatal(err)
			}
			m["d/"+f] = &fstest.MapFile{Data: b}
		}
		return m
	}
	if _, err := newAnalyzer(tab, good(), "d"); err != nil {
		t.Fatalf("good data: %v", err)
	}
	tests := []struct{ name, file, data, want string }{
		{"missing file", "glossary.tsv", "", "open"},
		{"bad role", "glossary.tsv", "公安局\tPSB\tboss\t-\t-\n", "unknown role"},
		{"bad sector", "glossary.tsv", "公安局\tPSB\tinst\tpolice\t-\n", "unknown sector"},
		{"bad level", "glossary.tsv", "公安局\tPSB\tinst\t-\tcity\n", "unknown level"},
		{"duplicate", "glossary.tsv", "公安局\tPSB\tinst\t-\t-\n公安局\tPSB\tinst\t-\t-\n", "duplicate"},
		{"short line", "places-en.tsv", "乌鲁木齐\n", "fields"},
		{"syllable count", "pinyin-overrides.tsv", "长阳\tchang\tsrc\n", "syllables"},
		{"word repeats a term", "words.tsv", "公安局\tPSB\n", "duplicate term"},
		{"word without English", "words.tsv", "电力\t\n", "no English"},
		{"place twice", "places-minority.tsv", "乌鲁木齐\tUrumqi\tsrc\n", "already has an English form"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := good()
			if tt.data == "" {
				delete(m, "d/"+tt.file)
			} else {
				m["d/"+tt.file] = &fstest.MapFile{Data: []byte(tt.data)}
			}
			_, err := newAnalyzer(tab, m, "d")
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), tt.file) {
				t.Errorf("err = %v, want one naming %s and %q", err, tt.file, tt.want)
			}
		})
	}
	if _, err := NewAnalyzer(nil); err == nil {
		t.Error("NewAnalyzer(nil) succeeded")
	}
}

func FuzzParse(f *testing.F) {
	a, _ := newTestAnalyzer(f)
	for _, l := range readLabels(f) {
		f.Add(l.name)
	}
	f.Add("第九十九师（（）")
	f.Add("\xff\xfe公安局")
	f.Fuzz(func(t *testing.T, s string) {
		p := a.Parse(s)
		n := len([]rune(p.Normalized))
		for _, pl := range p.Places {
			if pl.Start < 0 || pl.End > n || pl.Start >= pl.End {
				t.Fatalf("place %+v out of range of %q", pl, p.Normalized)
			}
		}
		joined := p.Institution + strings.Join(p.Units, "")
		if !strings.HasSuffix(p.Normalized, joined) {
			t.Fatalf("institution+units %q is not the tail of %q", joined, p.Normalized)
		}
	})
}

func FuzzAnalyze(f *testing.F) {
	a, tab := newTestAnalyzer(f)
	for _, l := range readLabels(f) {
		f.Add(l.name, "")
	}
	f.Add("自治区公安厅", "新疆")
	f.Add("公安局", "650100")
	f.Fuzz(func(t *testing.T, name, hint string) {
		o := a.Analyze(name, hint)
		if o.Name != name {
			t.Fatalf("Name changed")
		}
		if o.Region != nil {
			if _, ok := tab.ByCode(o.Region.Code); !ok {
				t.Fatalf("region %q not in table", o.Region.Code)
			}
		}
		if o.Sector == "" || o.Level == "" {
			t.Fatalf("empty sector or level for %q", name)
		}
		_ = a.English(name)
		_ = a.Canonical(name)
	})
}

func BenchmarkAnalyze(b *testing.B) {
	a, _ := newTestAnalyzer(b)
	labels := readLabels(b)
	b.ResetTimer()
	n := 0
	for i := 0; i < b.N; i++ {
		a.Analyze(labels[i%len(labels)].name)
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "names/s")
}

func TestAnalyzeParentOfCompanies(t *testing.T) {
	a, _ := newTestAnalyzer(t)
	tests := []struct{ name, parent string }{
		{"宜昌市交通规划勘察设计研究院有限公司", ""},                // a company, not a unit of a 研究院
		{"宁波市轨道交通集团有限公司线网调度分公司", "宁波市轨道交通集团有限公司"}, // a branch of its group
		{"乌鲁木齐市公安局天山区分局", "乌鲁木齐市公安局"},
	}
	for _, tt := range tests {
		if got := a.Analyze(tt.name).Parent; got != tt.parent {
			t.Errorf("Analyze(%q).Parent = %q, want %q", tt.name, got, tt.parent)
		}
	}
}

func TestCanonicalSubBureaus(t *testing.T) {
	a, _ := newTestAnalyzer(t)
	same := [][]string{
		{"吐鲁番市高昌区公安分局", "吐鲁番市公安局高昌区分局"},
		{"北京市公安局东城分局", "北京市东城区公安分局", "北京市公安局东城区分局"},
		{"乌鲁木齐市公安局天山区分局", "乌鲁木齐市天山区公安分局"},
	}
	for _, names := range same {
		want := a.Canonical(names[0])
		for _, n := range names[1:] {
			if got := a.Canonical(n); got != want {
				t.Errorf("Canonical(%q) = %q, Canonical(%q) = %q; want one key", n, got, names[0], want)
			}
		}
	}
	// Different districts stay different; a city bureau is not its sub-bureau.
	if a.Canonical("吐鲁番市公安局高昌区分局") == a.Canonical("吐鲁番市公安局") {
		t.Error("a sub-bureau has its city bureau's key")
	}
	if a.Canonical("乌鲁木齐市公安局天山区分局") == a.Canonical("乌鲁木齐市公安局沙依巴克区分局") {
		t.Error("two districts share a key")
	}
}

func TestSubBureauStemIsAPlace(t *testing.T) {
	a, _ := newTestAnalyzer(t)
	tests := []struct{ name, region, en string }{
		{"南宁市公安局西乡塘分局", "450107", "Nanning City Public Security Bureau Xixiangtang Sub-Bureau"},
		{"北京市公安局东城分局", "110101", "Beijing Municipal Public Security Bureau Dongcheng Sub-Bureau"},
	}
	for _, tt := range tests {
		o := a.Analyze(tt.name)
		if o.Region == nil || o.Region.Code != tt.region || o.NameEN != tt.en {
			t.Errorf("Analyze(%q) = region %+v, English %q; want %s, %q", tt.name, o.Region, o.NameEN, tt.region, tt.en)
		}
	}
}
