package screen

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// goldenNames are screened into testdata/golden/screen.golden: every hit
// with its relation, score and explanation, for review by eye when the
// matching changes (go test -run TestGolden -update).
var goldenNames = []string{
	"乌鲁木齐市公安局",
	"乌鲁木齐市公安局天山区分局",
	"新疆维吾尔自治区公安厅刑事侦查总队",
	"新疆公安厅",
	"喀什地区疏附县公安局",
	"新疆生产建设兵团第一师公安局",
	"公安部物证鉴定中心",
	"上海市公安局",
	"华为技术有限公司",
	"中国人民银行",
	"Hangzhou Hikvision Digital Technology Co., Ltd.",
	"Urumqi Public Security Bureau Tianshan Sub-Bureau",
	"Kashgar Prefecture Public Security Bureau",
	"哈尔滨工业大学深圳研究院",
}

func TestGolden(t *testing.T) {
	s := testScreener(t)
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	for _, n := range goldenNames {
		hs := s.Screen(n, Options{})
		if err := enc.Encode(map[string]any{"name": n, "hits": hs}); err != nil {
			t.Fatal(err)
		}
	}
	const path = "testdata/golden/screen.golden"
	if *update {
		if err := os.MkdirAll("testdata/golden", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got := b.String(); got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) && i < len(wl); i++ {
			if gl[i] != wl[i] {
				t.Fatalf("screen output differs from %s at line %d:\n got %s\nwant %s", path, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("screen output differs from %s in length", path)
	}
}
