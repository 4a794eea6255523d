package notice

import "testing"

// unrankedCases hold every branch of unrankedRe, near misses and plain
// text.
var unrankedCases = []string{
	"中标候选人（不分先后）", "候选人不分前后顺序", "不分名次", "不分排名", "不分排序", "不分顺序",
	"成交候选人无先后顺序", "无排名之分", "无排序", "排名无先后", "不标明排序", "不标明排名", "不标明名次", "不标明顺序",
	"不分包", "无先", "排名：第一", "不标明", "无排", "本项目不接受联合体投标", "", "中标候选人公示 第一中标候选人：某某公司",
}

// TestUnrankedMatchesRegexp checks the literal prefilter never changes the
// answer of the regexp.
func TestUnrankedMatchesRegexp(t *testing.T) {
	for _, s := range unrankedCases {
		for _, text := range []string{s, "前文" + s + "后文", s + s} {
			if got, want := unranked(text), unrankedRe.MatchString(text); got != want {
				t.Errorf("unranked(%q) = %v, regexp says %v", text, got, want)
			}
		}
	}
}

func FuzzUnranked(f *testing.F) {
	for _, s := range unrankedCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := unranked(s), unrankedRe.MatchString(s); got != want {
			t.Fatalf("unranked(%q) = %v, regexp says %v", s, got, want)
		}
	})
}
