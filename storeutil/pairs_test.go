package storeutil

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// pairsFind answers a term from Pairs' tokens as the stores' indexes do:
// two characters as a token, one as a token's prefix.
func pairsFind(pairs, term string) bool {
	for _, tok := range strings.Fields(pairs) {
		if tok == term || utf8.RuneCountInString(term) == 1 && strings.HasPrefix(tok, term) {
			return true
		}
	}
	return false
}

// checkPairs checks every short term of title, text and the seam between
// them against the columns themselves.
func checkPairs(t *testing.T, title, text string) {
	t.Helper()
	pairs := Pairs(title, text)
	codes := PairCodes(pairs)
	terms := map[string]bool{}
	for _, s := range []string{title, text, lastRune(title) + firstRune(text)} {
		r := []rune(s)
		for i := range r {
			terms[string(r[i])] = true
			if i+1 < len(r) {
				terms[string(r[i:i+2])] = true
			}
		}
	}
	for term := range terms {
		pt, ok := PairTerm(term)
		if !ok {
			continue
		}
		want := strings.Contains(strings.ToLower(title), pt) || strings.Contains(strings.ToLower(text), pt)
		if got := pairsFind(pairs, pt); got != want {
			t.Errorf("Pairs(%q, %q) = %q: term %q found %v, want %v", title, text, pairs, term, got, want)
		}
		if c, ok := PairCode(term); ok {
			if got := slices.Contains(codes, c); got != want {
				t.Errorf("PairCodes of %q, %q: term %q (code %#x) found %v, want %v", title, text, term, c, got, want)
			}
		}
	}
}

func firstRune(s string) string {
	_, n := utf8.DecodeRuneInString(s)
	return s[:n]
}

func lastRune(s string) string {
	_, n := utf8.DecodeLastRuneInString(s)
	return s[len(s)-n:]
}

func TestPairs(t *testing.T) {
	cases := []struct{ title, text, want string }{
		{"", "", ""},
		{"视频监控", "", "视频 频监 监控 控"},
		{"A4纸", "HD-1", "a4 4纸 纸 hd d 1"},
		{"监控", "控制", "监控 控 控制 制"},
		{"公安局，采购", "", "公安 安局 局， ，采 采购 购"},
		{"a　b", "", "a b"},     // an ideographic space ends a run
		{"𠮷野家", "", "𠮷野 野家 家"}, // beyond the BMP: a token, no code
	}
	for _, c := range cases {
		if got := Pairs(c.title, c.text); got != c.want {
			t.Errorf("Pairs(%q, %q) = %q, want %q", c.title, c.text, got, c.want)
		}
		checkPairs(t, c.title, c.text)
	}
	if got, want := PairCodes("监控 控 a4"), []int32{0x76d10000, 0x76d163a7, 0x63a70000, 0x610000, 0x610034}; !slices.Equal(got, want) {
		t.Errorf("PairCodes = %#x, want %#x", got, want)
	}
	for _, c := range []struct {
		term, want string
		ok         bool
	}{{"监控", "监控", true}, {"HD", "hd", true}, {"锁", "锁", true}, {"a-", "", false}, {"视频监", "", false}, {"", "", false}, {"a b", "", false}} {
		if got, ok := PairTerm(c.term); got != c.want || ok != c.ok {
			t.Errorf("PairTerm(%q) = %q, %v, want %q, %v", c.term, got, ok, c.want, c.ok)
		}
	}
}

// FuzzPairs checks that the pairs of any title and text find exactly the
// short terms the columns contain.
func FuzzPairs(f *testing.F) {
	f.Add("视频监控系统采购项目中标公告", "采购人：喀什地区公安局\n希捷 ST8000VX004 10块")
	f.Add("HDD", "x")
	f.Add("", "锁")
	f.Fuzz(func(t *testing.T, title, text string) {
		if !utf8.ValidString(title) || !utf8.ValidString(text) {
			return // the stores refuse text that is not UTF-8
		}
		checkPairs(t, title, text)
		checkTokens(t, title, text)
	})
}

// BenchmarkPairs makes the pairs of a notice-sized text (about 16 KB of
// mixed Chinese, digits and Latin, as in equipment lists).
func BenchmarkPairs(b *testing.B) {
	var text strings.Builder
	for i := 0; text.Len() < 16<<10; i++ {
		fmt.Fprintf(&text, "%d. 网络硬盘录像机 海康威视 DS-%dN-K%d 台 %d 单价 %d.00元；视频监控系统采购项目（第%d包）\n", i, 7800+i, i%9, i%40, 1200+37*i, i%5)
	}
	title := "喀什地区公安局视频监控系统扩容项目中标公告"
	b.SetBytes(int64(len(title) + text.Len()))
	for b.Loop() {
		Pairs(title, text.String())
	}
}

// checkTokens checks that every term of up to six characters of title
// or text (each window of them, the seam between them too) has all its
// PairTokens among Pairs' tokens, and that Contains finds it in its
// column: the candidates of a longer term hold every notice holding it.
func checkTokens(t *testing.T, title, text string) {
	t.Helper()
	pairs := Pairs(title, text)
	for _, col := range []string{title, text} {
		r := []rune(col)
		for i := range r {
			for n := 1; n <= 6 && i+n <= len(r); n++ {
				term := string(r[i : i+n])
				if !Contains(col, Fold(term)) {
					t.Fatalf("Contains(%q, Fold(%q)) = false", col, term)
				}
				toks, exact := PairTokens(term)
				for _, tok := range toks {
					if !pairsFind(pairs, tok) {
						t.Fatalf("Pairs(%q, %q) = %q lacks token %q of term %q", title, text, pairs, tok, term)
					}
				}
				if exact && (len(toks) != 1 || n > 2) {
					t.Fatalf("PairTokens(%q) = %q exact", term, toks)
				}
			}
		}
	}
}

func TestPairTokens(t *testing.T) {
	for _, c := range []struct {
		term  string
		toks  []string
		exact bool
	}{
		{"监控", []string{"监控"}, true},
		{"锁", []string{"锁"}, true},
		{"ＳＴ", []string{"ｓｔ"}, true},
		{"视频监控", []string{"视频", "频监", "监控"}, false},
		{"监控监控", []string{"监控", "控监"}, false},
		{"DS-2CD", []string{"ds", "2c", "cd"}, false},
		{"a-b", []string{"a", "b"}, false},
		{"a-", []string{"a"}, false},
		{"a b c", []string{"a", "b", "c"}, false},
		{"--", nil, false},
		{" ", nil, false},
	} {
		toks, exact := PairTokens(c.term)
		if !slices.Equal(toks, c.toks) || exact != c.exact {
			t.Errorf("PairTokens(%q) = %q, %v; want %q, %v", c.term, toks, exact, c.toks, c.exact)
		}
	}
	checkTokens(t, "视频监控系统采购项目中标公告", "采购人：喀什地区公安局\n希捷 ST8000VX004 10块 DS-2CD3T46 Ｋ")
}

func TestASCIICase(t *testing.T) {
	for term, want := range map[string]bool{"监控系统": true, "ST8000": true, "DS-2CD": true, "１２３": true, "ＳＴ": false, "Ωmega": false, "щит": false, "海康Ｖ": false} {
		if got := ASCIICase(term); got != want {
			t.Errorf("ASCIICase(%q) = %v, want %v", term, got, want)
		}
	}
}
