package recognize

import "testing"

// TestIssue16Mentions: the knowledge-base audit of issue 16 found these
// names giving no mention or the wrong company.
func TestIssue16Mentions(t *testing.T) {
	r, _ := realKB(t)
	tests := []struct{ text, brand, line, company string }{
		// A model alias naming its brand beats the short model inside it.
		{"恩斯特龙480B维修保养", "Enstrom", "480B", "Enstrom Helicopter Corporation"},
		// A shared alias (徕卡) is resolved by a short model of the second
		// claimant on the line.
		{"徕卡比对显微镜 FSC 一台", "Leica Microsystems", "Leica comparison microscope", "Leica Microsystems"},
		{"徕卡比对显微镜一台", "Leica Microsystems", "Leica comparison microscope", "Leica Microsystems"},
		// HPE's server line written after HP's Chinese name.
		{"惠普 ProLiant DL380 Gen10 服务器", "Hewlett Packard Enterprise", "ProLiant", "Hewlett Packard Enterprise"},
		// A Texas Instruments DSP by its part number.
		{"处理器 TMS320F28335", "Texas Instruments", "TI processors", "Texas Instruments"},
	}
	for _, tt := range tests {
		ms := r.Find(tt.text)
		if len(ms) == 0 {
			t.Errorf("Find(%q) = none, want %s", tt.text, tt.brand)
			continue
		}
		m := ms[0]
		if m.Brand != tt.brand || m.ProductLine != tt.line || m.Company != tt.company {
			t.Errorf("Find(%q)[0] = %q %q %q, want %q %q %q (all: %+v)", tt.text, m.Brand, m.ProductLine, m.Company,
				tt.brand, tt.line, tt.company, ms)
		}
	}
}
