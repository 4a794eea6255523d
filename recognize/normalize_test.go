package recognize

import (
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
		offs           []int
	}{
		{"ascii case", "Seagate HP", "seagate hp", []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
		{"full width", "ＳＴ４０００ＶＸ", "st4000vx", []int{0, 1, 2, 3, 4, 5, 6, 7}},
		{"full width punctuation", "（H3C）：", "(h3c):", []int{0, 1, 2, 3, 4, 5}},
		{"traditional", "西部數據硬碟", "西部数据硬碟", []int{0, 1, 2, 3, 4, 5}},
		{"traditional brand", "希捷酷鷹", "希捷酷鹰", []int{0, 1, 2, 3}},
		{"whitespace run", "a \t\u3000 b", "a b", []int{0, 1, 5}},
		{"leading space", "  希捷", " 希捷", []int{0, 2, 3}},
		{"nbsp", "HP\u00a0LaserJet", "hp laserjet", []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}},
		{"dash", "WS–C2960", "ws-c2960", []int{0, 1, 2, 3, 4, 5, 6, 7}},
		{"invalid utf8", "a\xffb", "a\ufffdb", []int{0, 1, 2}},
		{"empty", "", "", []int{}},
		{"non-BMP", "𠀀A", "𠀀a", []int{0, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, offs := Normalize(tt.in)
			if got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if len(offs) != len(tt.offs) {
				t.Fatalf("offsets %v, want %v", offs, tt.offs)
			}
			for i := range offs {
				if offs[i] != tt.offs[i] {
					t.Fatalf("offsets %v, want %v", offs, tt.offs)
				}
			}
		})
	}
}

func TestNormalizeBreaks(t *testing.T) {
	var n normText
	n.fold("硬盘 \t希捷\r\n ST1", true)
	if got := string(n.b); got != "硬盘\n希捷\nst1" {
		t.Errorf("fold with breaks = %q", got)
	}
}

// checkNormalize verifies the offset contract of Normalize for any input.
func checkNormalize(t *testing.T, s string) {
	got, offs := Normalize(s)
	if !utf8.ValidString(got) {
		t.Fatalf("Normalize(%q) is not valid UTF-8", s)
	}
	n := utf8.RuneCountInString(got)
	if len(offs) != n {
		t.Fatalf("Normalize(%q): %d offsets for %d runes", s, len(offs), n)
	}
	total := utf8.RuneCountInString(s)
	for i, o := range offs {
		if o < 0 || o >= total || (i > 0 && o <= offs[i-1]) {
			t.Fatalf("Normalize(%q): offset %d = %d out of order or range (len %d)", s, i, o, total)
		}
	}
	if again, _ := Normalize(got); again != got {
		t.Fatalf("Normalize not idempotent: %q → %q → %q", s, got, again)
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkNormalize(t, s) })
}

func BenchmarkNormalize(b *testing.B) {
	text := benchCorpus(b)
	var n normText
	runThroughput(b, len(text), func() { n.fold(text, true) })
}
