package counting

import (
	"hash/fnv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// refNormalize and refSimhash are Normalize and Simhash as first written
// (width.Fold's transformer, hash/fnv): the stored title keys and
// simhashes were made by them, so the quicker forms must agree with them
// on every input.
func refNormalize(s string) string {
	s = width.Fold.String(s)
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func refSimhash(norm string) uint64 {
	rs := []rune(norm)
	if len(rs) < 3 {
		return 0
	}
	var ones [64]int
	total := 0
	h := fnv.New64a()
	var buf [12]byte
	for i := 0; i+3 <= len(rs); i++ {
		n := 0
		for _, r := range rs[i : i+3] {
			n += utf8.EncodeRune(buf[n:], r)
		}
		h.Reset()
		h.Write(buf[:n])
		x := h.Sum64()
		for b := range ones {
			if x&(1<<b) != 0 {
				ones[b]++
			}
		}
		total++
	}
	var out uint64
	for b, c := range ones {
		if 2*c > total {
			out |= 1 << b
		}
	}
	return out
}

func TestNormalizeAsFirstWritten(t *testing.T) {
	for _, s := range []string{
		"", "ＳＴ８０００ VX004，希捷 硬盘!", "ｶﾀｶﾅ ﾊﾝｶｸ", "Ⅻ ⅻ ①②", "ÄÖÜ straße ΣΑΣ", "　全角空格　", "𠮷野家 \x00\xff",
		"喀什地区公安局视频监控系统采购项目（二期）中标公告", "Ｈｉｋｖｉｓｉｏｎ ＤＳ－２ＣＤ３Ｔ４６",
	} {
		if got, want := Normalize(s), refNormalize(s); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", s, got, want)
		}
		n := refNormalize(s + s + "采购项目中标公告")
		if got, want := Simhash(n), refSimhash(n); got != want {
			t.Errorf("Simhash(%q) = %#x, want %#x", n, got, want)
		}
	}
}

func FuzzNormalizeAsFirstWritten(f *testing.F) {
	f.Add("ＳＴ８０００ VX004，希捷 硬盘!")
	f.Add("ｶﾀｶﾅ ÄÖÜ ΣΑΣ 𠮷")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Normalize(s), refNormalize(s); got != want {
			t.Fatalf("Normalize(%q) = %q, want %q", s, got, want)
		}
		n := Normalize(s)
		if got, want := Simhash(n), refSimhash(n); got != want {
			t.Fatalf("Simhash(%q) = %#x, want %#x", n, got, want)
		}
	})
}

// BenchmarkNormalize measures Normalize on a notice-like text against
// the first form (width.Fold's transformer).
func BenchmarkNormalize(b *testing.B) {
	s := strings.Repeat("喀什地区公安局视频监控系统采购项目（二期）中标公告 ＳＴ８０００VX004 Hikvision DS-2CD3T46，", 40)
	b.Run("now", func(b *testing.B) {
		b.SetBytes(int64(len(s)))
		for b.Loop() {
			Normalize(s)
		}
	})
	b.Run("first", func(b *testing.B) {
		b.SetBytes(int64(len(s)))
		for b.Loop() {
			refNormalize(s)
		}
	})
}
