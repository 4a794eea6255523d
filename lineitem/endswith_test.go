package lineitem

import "testing"

func TestEndsWith(t *testing.T) {
	rs := []rune("的品牌型号")
	for _, c := range []struct {
		j     int
		label string
		start int
		ok    bool
	}{
		{4, "品牌型号", 1, true},
		{4, "型号", 3, true},
		{4, "的品牌型号", 0, true},
		{4, "新的品牌型号", 0, false},
		{3, "品牌型号", 0, false},
		{2, "品牌", 1, true},
		{-1, "型号", 0, false},
	} {
		start, ok := endsWith(rs, c.j, c.label)
		if ok != c.ok || ok && start != c.start {
			t.Errorf("endsWith(%q, %d, %q) = %d, %v; want %d, %v", string(rs), c.j, c.label, start, ok, c.start, c.ok)
		}
	}
}
