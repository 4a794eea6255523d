package kb

import "testing"

// TestChineseNames: brand words give the brand's English name, full legal
// names and ambiguous words are left out.
func TestChineseNames(t *testing.T) {
	k, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	m := k.ChineseNames()
	for zh, want := range map[string]string{"海康威视": "Hikvision", "美亚柏科": "Meiya Pico", "旷视": "Megvii"} {
		if got := m[zh]; got != want {
			t.Errorf("ChineseNames()[%s] = %q, want %q", zh, got, want)
		}
	}
	for _, zh := range []string{"大华", "长城", "杭州海康威视数字技术股份有限公司", "海康威视(杭州)", "HIKVISION"} {
		if en, ok := m[zh]; ok {
			t.Errorf("ChineseNames() has %s = %q; want it left out", zh, en)
		}
	}
}
