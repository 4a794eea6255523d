package safetext

import (
	"testing"
	"unicode/utf8"
)

func TestEscape(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain ascii", "notices/a.html", "notices/a.html"},
		{"chinese kept", "公告/采购结果.zip!附件1.docx", "公告/采购结果.zip!附件1.docx"},
		{"backslash kept", `C:\data\a.html`, `C:\data\a.html`},
		{"ansi escape", "a\x1b[31mred.html", `a\x1b[31mred.html`},
		{"newline and cr", "a\nb\rc", `a\nb\rc`},
		{"tab", "a\tb", `a\tb`},
		{"nul and del", "a\x00b\x7f", `a\x00b\x7f`},
		{"c1 csi", "a\u009b31m", `a\u009b31m`},
		{"bidi override", "invoice\u202efdp.exe", `invoice\u202efdp.exe`},
		{"bidi isolate and marks", "\u2066x\u2069\u200f\u061c", `\u2066x\u2069\u200f\u061c`},
		{"line separator", "a\u2028b", `a\u2028b`},
		{"invalid utf-8", "a\xffb", `a\xffb`},
		{"idempotent", `a\x1b[31m`, `a\x1b[31m`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Escape(tc.in); got != tc.want {
				t.Fatalf("Escape(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if got := Escape(Escape(tc.in)); got != tc.want {
				t.Fatalf("Escape twice (%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestCSVCell(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"empty", "", ""},
		{"plain text", "硬盘采购", "硬盘采购"},
		{"formula", `=HYPERLINK("http://evil.example","x")`, `'=HYPERLINK("http://evil.example","x")`},
		{"plus formula", "+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"},
		{"minus formula", "-2+3", "'-2+3"},
		{"at", "@SUM(A1:A2)", "'@SUM(A1:A2)"},
		{"tab", "\t=1", "'\t=1"},
		{"cr", "\r=1", "'\r=1"},
		{"negative number kept", "-12.5", "-12.5"},
		{"signed number kept", "+3", "+3"},
		{"exponent kept", "-1e-3", "-1e-3"},
		{"minus alone", "-", "'-"},
		{"infinity is text", "-Inf", "'-Inf"},
		{"hex is text", "-0x1p3", "'-0x1p3"},
		{"dangling dot", "-1.", "'-1."},
		{"formula later is fine", "a=1", "a=1"},
		{"unsigned number", "12", "12"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := CSVCell(tc.in); got != tc.want {
				t.Fatalf("CSVCell(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func FuzzEscape(f *testing.F) {
	for _, s := range []string{"a.html", "a\x1b[31m\nb", "\u202e", "\xff", "公告"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e := Escape(s)
		for i := 0; i < len(e); {
			r, n := utf8.DecodeRuneInString(e[i:])
			if unsafeRune(r, n) {
				t.Fatalf("Escape(%q) = %q keeps unsafe rune %U", s, e, r)
			}
			i += n
		}
		if Escape(e) != e {
			t.Fatalf("Escape not idempotent on %q", s)
		}
	})
}
