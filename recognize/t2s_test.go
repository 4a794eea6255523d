package recognize

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
)

// deriveT2SPairs reads OpenCC's traditional→simplified dictionary one
// character at a time, so that every folded rune maps back to exactly one
// original rune: the source of t2s.txt. Characters are separated by '\n'
// so OpenCC's phrase dictionary never joins them.
func deriveT2SPairs(t *testing.T) string {
	t.Helper()
	cc, err := opencc.New("t2s")
	if err != nil {
		t.Fatalf("opencc t2s: %v", err)
	}
	// The BMP blocks of CJK Unified Ideographs, Extension A and the
	// compatibility ideographs.
	cjkRanges := [...][2]rune{{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xF900, 0xFAFF}}
	var b strings.Builder
	var in []rune
	for _, rg := range cjkRanges {
		for r := rg[0]; r <= rg[1]; r++ {
			b.WriteRune(r)
			b.WriteByte('\n')
			in = append(in, r)
		}
	}
	out, err := cc.Convert(b.String())
	if err != nil {
		t.Fatalf("opencc convert: %v", err)
	}
	lines := strings.Split(out, "\n")
	if len(lines) < len(in) {
		t.Fatalf("opencc returned %d lines for %d characters", len(lines), len(in))
	}
	var pairs strings.Builder
	for i, r := range in {
		s := lines[i]
		c, n := utf8.DecodeRuneInString(s)
		if n == len(s) && c != utf8.RuneError && c < 0x10000 && c != r {
			pairs.WriteString(string(r) + " " + string(c) + "\n")
		}
	}
	return pairs.String()
}

// TestT2SPairs checks the embedded t2s.txt against OpenCC, so an OpenCC
// upgrade that changes a mapping cannot go unnoticed; -update rewrites it.
func TestT2SPairs(t *testing.T) {
	want := deriveT2SPairs(t)
	if *update {
		if err := os.WriteFile("t2s.txt", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if t2sPairs != want {
		t.Fatalf("t2s.txt differs from OpenCC's t2s dictionary (%d vs %d bytes); run go test ./recognize -run T2S -update", len(t2sPairs), len(want))
	}
}
