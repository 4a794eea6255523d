package counting

import "testing"

func TestSubjectKey(t *testing.T) {
	for _, c := range []struct{ a, b string }{
		{"2025年度五一广场智能化维护保养项目（重发）", "2025年度五一广场智能化维护保养项目"},
		{"硬盘采购项目(第二次)", "硬盘采购项目"},
		{"【重新招标】硬盘采购项目", "硬盘采购项目"},
	} {
		if subjectKey(c.a) != subjectKey(c.b) {
			t.Errorf("subjectKey(%q) = %q, want that of %q (%q)", c.a, subjectKey(c.a), c.b, subjectKey(c.b))
		}
	}
	if subjectKey("五一广场UPS系统蓄电池更换项目") == subjectKey("五一广场、市总工会电扶梯年度维保项目") {
		t.Error("two procurements share a subject key")
	}
	if subjectKey("（重发）") != "" {
		t.Error("a name of remarks only has a subject")
	}
}
