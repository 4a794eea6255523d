package screen

import (
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/enduse/enduse"
)

// hitFor returns the hit on entry id, if any.
func hitFor(hs []enduse.Hit, id string) (enduse.Hit, bool) {
	for _, h := range hs {
		if h.EntryID == id {
			return h, true
		}
		// A hit on an entity that several lists name lists the others.
		for _, l := range h.Listings {
			if l.EntryID == id {
				return h, true
			}
		}
	}
	return enduse.Hit{}, false
}

// TestEntityListRows screens every row of the compiled Entity List that
// has a Chinese name, by that name and by its English name: each must find
// its own entry.
func TestEntityListRows(t *testing.T) {
	s := testScreener(t)
	data, err := os.ReadFile("lists/bis-entity-list-compiled/entries.csv")
	if err != nil {
		t.Fatal(err)
	}
	l, err := readCompiledEL(data, "entries.csv")
	if err != nil {
		t.Fatal(err)
	}
	rows, zhFound, enFound := 0, 0, 0
	for _, e := range l.entries {
		if e.NameZH == "" {
			continue
		}
		rows++
		t.Run(e.ID, func(t *testing.T) {
			if h, ok := hitFor(s.Screen(e.NameZH, Options{}), e.ID); ok {
				zhFound++
				if h.Relation != enduse.RelationListed {
					t.Errorf("%s by Chinese name %s: relation %s, want listed", e.ID, e.NameZH, h.Relation)
				}
			} else {
				t.Errorf("%s not found by its Chinese name %s", e.ID, e.NameZH)
			}
			if _, ok := hitFor(s.Screen(e.Name, Options{}), e.ID); ok {
				enFound++
			} else {
				t.Errorf("%s not found by its English name %q", e.ID, e.Name)
			}
		})
	}
	t.Logf("compiled Entity List: %d rows with a Chinese name; found %d by Chinese name, %d by English name", rows, zhFound, enFound)
}

// TestCrossScript checks that Chinese names find English-only entries
// through place + institution: the compiled rows' English names are
// screened as a list of their own, without their Chinese names.
func TestCrossScript(t *testing.T) {
	data, err := os.ReadFile("lists/bis-entity-list-compiled/entries.csv")
	if err != nil {
		t.Fatal(err)
	}
	l, err := readCompiledEL(data, "entries.csv")
	if err != nil {
		t.Fatal(err)
	}
	for i := range l.entries {
		l.entries[i].NameZH = ""
		l.entries[i].Aliases = nil
	}
	s := screenerFor(t, l, nil)
	// Every public-security entry with a compiled Chinese name is found
	// from that name through place + institution alone.
	matched, total := 0, 0
	for _, e := range l.entries {
		if e.Type != "government_public_security" {
			continue
		}
		zh := compiledZH(t, e.ID)
		if zh == "" {
			continue
		}
		if f := s.parseEN(e.Name); len(f.places) == 0 {
			t.Logf("%s %q names no place: found only through its Chinese name (known gap)", e.ID, e.Name)
			continue
		}
		total++
		if h, ok := hitFor(s.Screen(zh, Options{}), e.ID); ok && h.Relation == enduse.RelationListed {
			matched++
		} else {
			t.Errorf("%s %q not found as listed from %s through place + institution: %+v", e.ID, e.Name, zh, h)
		}
	}
	t.Logf("cross-script: %d of %d public-security entries found from their Chinese names without using those names", matched, total)
	for _, c := range []struct {
		name, id string
		rel      enduse.HitRelation
		why      string
	}{
		{"乌鲁木齐市公安局", "EL2019-17", enduse.RelationListed, "650100"},
		{"喀什地区公安局", "EL2019-11", enduse.RelationListed, "653100"},
		{"和田地区公安局", "EL2019-08", enduse.RelationListed, "653200"},
		{"伊犁哈萨克自治州公安局", "EL2019-09", enduse.RelationListed, "654000"},
		{"克孜勒苏柯尔克孜自治州公安局", "EL2019-12", enduse.RelationListed, "653000"},
		{"新疆维吾尔自治区公安厅", "EL2019-01", enduse.RelationListed, "650000"},
		{"新疆维吾尔自治区人民政府公安厅", "EL2019-01", enduse.RelationListed, "650000"},
		{"新疆生产建设兵团公安局", "EL2019-19", enduse.RelationListed, "XPCC"},
		{"新疆生产建设兵团", "EL2021A-05", enduse.RelationListed, "XPCC"},
		{"乌鲁木齐市公安局天山区分局", "EL2019-17", enduse.RelationSubordinate, "天山区分局"},
		{"新疆维吾尔自治区公安厅刑事侦查总队", "EL2019-01", enduse.RelationSubordinate, "刑事侦查总队"},
		{"新疆生产建设兵团第一师公安局", "EL2019-19", enduse.RelationSubordinate, "XPCC division 1"},
		{"华为技术有限公司", "", "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			hs := s.Screen(c.name, Options{})
			if c.id == "" {
				if len(hs) != 0 {
					t.Errorf("%s: want no hits, got %+v", c.name, hs)
				}
				return
			}
			h, ok := hitFor(hs, c.id)
			if !ok {
				t.Fatalf("%s: no hit on %s; hits %+v", c.name, c.id, hs)
			}
			if h.Relation != c.rel || !strings.Contains(h.Why, c.why) {
				t.Errorf("%s: %s %q, want %s with %q", c.name, h.Relation, h.Why, c.rel, c.why)
			}
		})
	}
}

// subordinates are realistic names of units of listed Xinjiang bureaus,
// with the entry each is a unit of.
var subordinates = []struct{ name, entry string }{
	{"乌鲁木齐市公安局天山区分局", "EL2019-17"},
	{"乌鲁木齐市公安局水磨沟区分局", "EL2019-17"},
	{"乌鲁木齐市公安局交通警察支队", "EL2019-17"},
	{"乌鲁木齐市公安局刑事侦查支队", "EL2019-17"},
	{"阿克苏地区公安局网络安全保卫支队", "EL2019-02"},
	{"阿克苏地区公安局特警支队", "EL2019-02"},
	{"阿克苏地区公安局阿克苏市公安局", "EL2019-02"},
	{"喀什地区公安局疏附县公安局", "EL2019-11"},
	{"喀什地区公安局莎车县公安局", "EL2019-11"},
	{"喀什地区疏附县公安局", "EL2019-11"},
	{"和田地区公安局和田县公安局", "EL2019-08"},
	{"和田地区公安局刑事侦查支队", "EL2019-08"},
	{"巴音郭楞蒙古自治州公安局库尔勒市公安局", "EL2019-04"},
	{"昌吉回族自治州公安局交通警察支队", "EL2019-06"},
	{"伊犁哈萨克自治州公安局伊宁市公安局", "EL2019-09"},
	{"克拉玛依市公安局独山子区分局", "EL2019-10"},
	{"哈密市公安局伊州区分局", "EL2019-07"},
	{"吐鲁番市公安局高昌区分局", "EL2019-16"},
	{"石河子市公安局北泉镇派出所", "EL2019-13"},
	{"塔城地区公安局塔城市公安局", "EL2019-14"},
	{"博尔塔拉蒙古自治州公安局博乐市公安局", "EL2019-05"},
	{"克孜勒苏柯尔克孜自治州公安局阿图什市公安局", "EL2019-12"},
	{"新疆维吾尔自治区公安厅刑事侦查总队", "EL2019-01"},
	{"新疆维吾尔自治区公安厅网络安全保卫总队", "EL2019-01"},
	{"新疆生产建设兵团公安局第一师分局", "EL2019-19"},
	{"五家渠市公安局青湖路派出所", "EL2019-18"},
	{"图木舒克市公安局前海街道派出所", "EL2019-15"},
	{"喀什地区看守所", "EL2019-11"},
	{"和田地区公安局看守所", "EL2019-08"},
	{"乌鲁木齐市公安局沙依巴克区分局西山派出所", "EL2019-17"},
	{"新疆生产建设兵团第一师阿拉尔市公安局", "EL2019-19"},
	{"天山区公安分局", "EL2019-17"},
}

func TestSubordinates(t *testing.T) {
	s := testScreener(t)
	found := 0
	for _, c := range subordinates {
		t.Run(c.name, func(t *testing.T) {
			hs := s.Screen(c.name, Options{})
			h, ok := hitFor(hs, c.entry)
			if !ok {
				t.Fatalf("%s: no hit on %s; hits %+v", c.name, c.entry, hs)
			}
			if h.Relation != enduse.RelationSubordinate {
				t.Errorf("%s: relation %s, want subordinate (%s)", c.name, h.Relation, h.Why)
			}
			if h.Score <= 0 || h.Score > 1 || h.Why == "" {
				t.Errorf("%s: score %v why %q", c.name, h.Score, h.Why)
			}
			found++
		})
	}
	t.Logf("%d of %d sub-unit names came back as subordinate of their listed bureau", found, len(subordinates))
}

// TestNoFalseHits holds names that must not hit the entries named (or must
// not hit anything, when entries is empty).
func TestNoFalseHits(t *testing.T) {
	s := testScreener(t)
	for _, c := range []struct {
		name    string
		entries []string // must not hit these; nil = must not hit anything
	}{
		{"乌鲁木齐市公安局", []string{"EL2019-11", "EL2019-08", "EL2019-02"}},
		{"上海市公安局", nil},
		{"上海市公安局浦东分局", nil},
		{"北京市公安局朝阳分局", nil},
		{"中国人民银行", nil},
		{"中国人民银行乌鲁木齐中心支行", nil},
		{"乌鲁木齐市人民医院", nil},
		{"乌鲁木齐市消防救援支队", nil},
		{"喀什地区人民法院", nil},
		{"新疆维吾尔自治区人民政府", nil},
		{"和田边境管理支队", nil},
		{"广西壮族自治区公安厅", nil},
		{"甘肃省公安厅", nil},
		{"中国移动通信集团广东有限公司", []string{"EL2019-22"}},
		{"华威技术服务有限公司", []string{"EL2019-22"}},
		{"江苏大华建设工程有限公司", nil},
		{"北京大学", nil},
		{"公安局", nil},
		{"Shanghai Municipal Public Security Bureau", nil},
		{"China", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			hs := s.Screen(c.name, Options{})
			if c.entries == nil {
				for _, h := range hs {
					t.Errorf("%s: unexpected hit %s %s %q (%s)", c.name, h.EntryID, h.Entry, h.Relation, h.Why)
				}
				return
			}
			for _, id := range c.entries {
				if h, ok := hitFor(hs, id); ok {
					t.Errorf("%s: must not hit %s: %s", c.name, id, h.Why)
				}
			}
		})
	}
}

// TestCompanies checks companies across scripts and legal forms.
func TestCompanies(t *testing.T) {
	s := testScreener(t)
	for _, c := range []struct {
		name, entry string
		rel         enduse.HitRelation
	}{
		{"华为技术有限公司", "30947", enduse.RelationAlias},
		{"杭州海康威视数字技术股份有限公司", "EL2019-22", enduse.RelationListed},
		{"杭州海康威视数字技术有限公司", "EL2019-22", enduse.RelationListed},
		{"Hangzhou Hikvision Digital Technology Co., Ltd.", "30946", enduse.RelationListed},
		{"HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO LTD", "30946", enduse.RelationListed},
		{"Ｈａｎｇｚｈｏｕ　Ｈｉｋｖｉｓｉｏｎ　Ｄｉｇｉｔａｌ　Ｔｅｃｈｎｏｌｏｇｙ　Co., Ltd.", "30946", enduse.RelationListed},
		{"Hikvision", "EL2019-22", enduse.RelationListed},
		{"浙江大华技术股份有限公司", "EL2019-21", enduse.RelationListed},
		{"廈門市美亞柏科信息股份有限公司", "EL2019-26", enduse.RelationListed},
		{"科大讯飞股份有限公司", "EL2019-23", enduse.RelationListed},
		{"杭州海康威视数字技术股份有限公司乌鲁木齐分公司", "EL2019-22", enduse.RelationSubordinate},
		{"哈尔滨工业大学深圳研究院", "EL-U049", enduse.RelationSubordinate},
		{"新疆生产建设兵团公安局", "1", enduse.RelationListed}, // the EU list gives the Chinese name as an alias
	} {
		t.Run(c.name, func(t *testing.T) {
			hs := s.Screen(c.name, Options{})
			h, ok := hitFor(hs, c.entry)
			if !ok {
				t.Fatalf("%s: no hit on %s; hits %+v", c.name, c.entry, hs)
			}
			if h.Relation != c.rel {
				t.Errorf("%s: relation %s, want %s (%s)", c.name, h.Relation, c.rel, h.Why)
			}
		})
	}
}

// TestAliasHook checks the knowledge-base alias hook on both sides.
func TestAliasHook(t *testing.T) {
	base := testScreener(t)
	kb := func(name string) []string {
		switch name {
		case "海康威视", "HIKVISION":
			return []string{"Hangzhou Hikvision Digital Technology Co., Ltd.", "杭州海康威视数字技术股份有限公司"}
		}
		return nil
	}
	s := screenerFor(t, base.l, kb)
	h, ok := hitFor(s.Screen("海康威视", Options{}), "30946")
	if !ok || h.Relation != enduse.RelationAlias || !strings.Contains(h.Why, "knowledge-base alias") {
		t.Errorf("海康威视 via KB: %+v %v", h, ok)
	}
	// The entry's KB alias (杭州海康威视…) reaches the OFAC entry from Chinese.
	if _, ok := hitFor(s.Screen("杭州海康威视数字技术股份有限公司", Options{}), "30946"); !ok {
		t.Errorf("Chinese name did not reach OFAC 30946 through the entry's KB alias")
	}
}

// TestAmbiguousPlace: 自治区 alone may be any of five autonomous regions;
// the hit stays, with a score that says so.
func TestAmbiguousPlace(t *testing.T) {
	s := testScreener(t)
	h, ok := hitFor(s.Screen("自治区公安厅", Options{}), "EL2019-01")
	if !ok || h.Score > 0.3 || !strings.Contains(h.Why, "ambiguous") {
		t.Errorf("自治区公安厅: %+v (found %v), want a low-scored ambiguous hit", h, ok)
	}
	if hs := s.Screen("自治区公安厅", Options{MinScore: 0.5}); len(hs) != 0 {
		t.Errorf("MinScore 0.5 kept ambiguous hits: %+v", hs)
	}
}

func TestOptions(t *testing.T) {
	s := testScreener(t)
	all := s.Screen("乌鲁木齐市公安局", Options{})
	only := s.Screen("乌鲁木齐市公安局", Options{Lists: []string{"OFAC SDN"}})
	if len(only) == 0 || len(only) >= len(all) {
		t.Fatalf("list filter: %d of %d hits", len(only), len(all))
	}
	for _, h := range only {
		if h.List != "OFAC SDN" {
			t.Errorf("list filter let through %s", h.List)
		}
	}
	high := s.Screen("乌鲁木齐市公安局", Options{MinScore: 0.9})
	for _, h := range high {
		if h.Score < 0.9 {
			t.Errorf("MinScore let through %v", h.Score)
		}
	}
	for i := 1; i < len(all); i++ {
		if all[i].Score > all[i-1].Score {
			t.Errorf("hits not best first: %v after %v", all[i].Score, all[i-1].Score)
		}
	}
	if hs := s.Screen("  ", Options{}); hs != nil {
		t.Errorf("blank name: %v", hs)
	}
}

// TestPersonsExactOnly: individuals are matched by exact name only, never
// by parts or pinyin of company names.
func TestPersonsExactOnly(t *testing.T) {
	s := testScreener(t)
	if _, ok := hitFor(s.Screen("CHEN Quanguo", Options{}), "29293"); !ok {
		hs := s.Screen("CHEN Quanguo", Options{})
		if len(hs) == 0 {
			t.Errorf("exact person name found nothing")
		}
	}
	for _, n := range []string{"陈全国科技有限公司", "Chen Quanguo Trading Co., Ltd.", "朱海仑电子有限公司"} {
		for _, h := range s.Screen(n, Options{}) {
			if isPerson(s.l.entries[indexOf(s.l, h.EntryID)]) {
				t.Errorf("%s hit individual %s (%s)", n, h.Entry, h.Why)
			}
		}
	}
}

func indexOf(l *Lists, id string) int {
	for i, e := range l.entries {
		if e.ID == id {
			return i
		}
	}
	return 0
}

func TestConcurrentScreen(t *testing.T) {
	s := testScreener(t)
	want := fmt.Sprint(s.Screen("乌鲁木齐市公安局天山区分局", Options{}))
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 20; j++ {
				if got := fmt.Sprint(s.Screen("乌鲁木齐市公安局天山区分局", Options{})); got != want {
					t.Errorf("concurrent screen differs")
					return
				}
			}
		}()
	}
	wg.Wait()
}

// FuzzScreen screens arbitrary names: no panic, scores in [0,1], a reason
// for every hit.
func FuzzScreen(f *testing.F) {
	for _, c := range subordinates {
		f.Add(c.name)
	}
	for _, n := range []string{"Urumqi Municipal Public Security Bureau", "华为技术有限公司", "（）", "第十师", "新疆生产建设兵团第", "Co., Ltd.", "a"} {
		f.Add(n)
	}
	s := testScreener(f)
	f.Fuzz(func(t *testing.T, name string) {
		for _, h := range s.Screen(name, Options{}) {
			if h.Score < 0 || h.Score > 1 || h.Why == "" || h.EntryID == "" {
				t.Errorf("%q: bad hit %+v", name, h)
			}
		}
	})
}

// BenchmarkScreen screens the ccgp buyer names against all bundled lists.
func BenchmarkScreen(b *testing.B) {
	s := testScreener(b)
	names := readLines(b, "testdata/fp/buyers.txt")
	b.ResetTimer()
	n := 0
	for b.Loop() {
		s.Screen(names[n%len(names)], Options{})
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "names/s")
}

// BenchmarkNewScreener measures building the indexes over the bundle.
func BenchmarkNewScreener(b *testing.B) {
	l, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	a, err := sharedAnalyzer()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		NewScreener(l, a, nil)
	}
}

// compiledZH returns the compiled Chinese name of an entries.csv row.
func compiledZH(t *testing.T, id string) string {
	t.Helper()
	data, err := os.ReadFile("lists/bis-entity-list-compiled/entries.csv")
	if err != nil {
		t.Fatal(err)
	}
	l, err := readCompiledEL(data, "entries.csv")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range l.entries {
		if e.ID == id {
			return e.NameZH
		}
	}
	return ""
}

// TestFoldASCIIFastPath checks that fold's ASCII shortcut gives what the
// full normalisation gives.
func TestFoldASCIIFastPath(t *testing.T) {
	full := func(s string) string {
		return strings.Map(func(r rune) rune {
			switch r {
			case '’', '‘', '`':
				return '\''
			}
			return r
		}, strings.ToLower(norm.NFKC.String(s)))
	}
	for _, s := range []string{"", "HUAWEI Technologies Co., Ltd.", "People`s Liberation Army", "ABC (HK) LIMITED\t", "a\x00b~", "Ｈｕａｗｅｉ", "X’ian"} {
		if got, want := fold(s), full(s); got != want {
			t.Errorf("fold(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestMemo: a name screened again gives the hits of its first screening,
// unchanged by what a caller did to them, and the options that filter
// hits are not served from the default options' memory.
func TestMemo(t *testing.T) {
	s := testScreener(t)
	first := s.Screen("乌鲁木齐市公安局", Options{})
	if len(first) < 2 {
		t.Fatalf("want several hits, got %d", len(first))
	}
	want := slices.Clone(first)
	first[0].EntryID, first[0].Score = "changed", -1
	again := s.Screen("乌鲁木齐市公安局", Options{})
	if !reflect.DeepEqual(again, want) {
		t.Errorf("second screening differs:\n got %+v\nwant %+v", again, want)
	}
	again[0].EntryID, again[0].Score = "changed", -1 // served from the memo: must be a copy
	if third := s.Screen("乌鲁木齐市公安局", Options{}); !reflect.DeepEqual(third, want) {
		t.Errorf("third screening differs:\n got %+v\nwant %+v", third, want)
	}
	if only := s.Screen("乌鲁木齐市公安局", Options{Lists: []string{"OFAC SDN"}}); len(only) >= len(want) {
		t.Errorf("list filter served from the memo: %d of %d hits", len(only), len(want))
	}
}
