package recognize

import (
	"regexp/syntax"
	"strings"
	"testing"
)

func TestCompilePattern(t *testing.T) {
	tests := []struct {
		name, expr, prefix, first string
		digit                     bool
	}{
		{"literal prefix", `ST\d+VX\d+`, "st", "s", true},
		{"alternation", `WS-C\d{4}|C9[23]00`, "", "cw", true},
		{"optional prefix", `(Core ?)?i[3579]-\d{4}`, "", "ci", true},
		{"class first", `[125]288H\s?V[3-7]`, "", "125", true},
		{"no digit needed", `ThinkPad(\s?X)?`, "thinkpad", "t", false},
		{"CJK prefix", `鲲鹏\s?9[12]0`, "鲲鹏", "", true},
		{"digits only", `3[15][03]0`, "3", "3", true},
		{"unknown first", `.{2}\d+`, "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := compilePattern(modelPattern{brand: "b", line: "l", expr: tt.expr})
			if err != nil {
				t.Fatal(err)
			}
			if p.prefix != tt.prefix || string(p.first) != tt.first || p.digit != tt.digit {
				t.Errorf("prefix %q first %q digit %v, want %q %q %v", p.prefix, p.first, p.digit, tt.prefix, tt.first, tt.digit)
			}
		})
	}
}

func TestLiteralPrefix(t *testing.T) {
	for expr, want := range map[string]string{
		`abc\d`: "abc", `(ab)+c`: "ab", `a{2}b`: "aa", `x?y`: "", `^ds-2cd`: "ds-2cd",
	} {
		re, err := syntax.Parse(expr, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if got := literalPrefix(re.Simplify()); got != want {
			t.Errorf("literalPrefix(%q) = %q, want %q", expr, got, want)
		}
	}
}

func TestContextHelpers(t *testing.T) {
	r := fixture(t)
	tests := []struct {
		name string
		got  bool
		want bool
	}{
		{"legal name CJK", r.legalName(key("希捷科技（苏州）有限公司")), true},
		{"legal name Latin", r.legalName(key("Seagate Technology LLC")), true},
		{"short name", r.legalName(key("日立")), false},
		{"connectors", r.onlyConnectors(key("或为、 / ")), true},
		{"not connectors", r.onlyConnectors(key("或者采购")), false},
		{"person after separator", r.personName(key("、陈曙光\n"), len("、陈"), len("、陈曙光")), true},
		{"not a person", r.personName(key("采用曙光服务器"), len("采用"), len("采用曙光")), false},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.want)
		}
	}
	if w, ok := r.latinLegalAfter(" co., ltd."); !ok || w != "co" {
		t.Errorf("latinLegalAfter = %q %v", w, ok)
	}
	if _, ok := r.latinLegalAfter(key("Company")); ok {
		t.Error("latinLegalAfter without a separator: want false")
	}
	if got := lastRunes("希捷硬盘", 2); got != "硬盘" {
		t.Errorf("lastRunes = %q", got)
	}
	if got := firstRunes("希捷硬盘", 3); got != "希捷硬" {
		t.Errorf("firstRunes = %q", got)
	}
	if got := modelToken("st4000vx013硬盘"); got != "st4000vx013" {
		t.Errorf("modelToken = %q", got)
	}
	if got := modelToken("abc硬盘"); got != "" {
		t.Errorf("modelToken without digits = %q", got)
	}
	if !strings.HasPrefix(key("ＨＰ  LaserJet"), "hp laserjet") {
		t.Errorf("key folds width, case and space: %q", key("ＨＰ  LaserJet"))
	}
}
