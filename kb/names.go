package kb

import (
	"strings"
	"unicode"
)

// ChineseNames returns the Chinese brand and short company names the
// knowledge base knows, each with its English name — the brand's for a
// brand word, else what EnglishName gives (海康威视 → Hikvision, 美亚柏科 →
// Meiya Pico) — for rendering
// organisation names that contain one. Full names with a legal form or a
// bracket are left out: a name such as 杭州海康威视数字技术股份有限公司 is
// matched whole by EnglishName, and as a word inside a longer name it would
// swallow the legal form that makes the name a company's. Ambiguous aliases
// and names without Chinese characters are left out too.
func (k *KB) ChineseNames() map[string]string {
	out := map[string]string{}
	add := func(zh string) {
		if !hasHan(zh) || StripLegalForm(zh) != zh || strings.ContainsAny(zh, "()（）") {
			return
		}
		if en, ok := k.EnglishName(zh); ok && en != "" {
			out[zh] = en
		}
	}
	for _, a := range k.aliases {
		if !a.Ambiguous {
			add(a.Text)
		}
	}
	// A word that is a brand's alias names the brand inside a longer name
	// (福建美亚柏科… is "Meiya Pico", not the Xiamen company's full name),
	// even where a company lists the same word among its own names.
	for _, a := range k.aliases {
		if _, ok := out[a.Text]; !ok || a.Brand == "" {
			continue
		}
		if b, ok := k.Brand(a.Brand); ok && b.Name != "" {
			out[a.Text] = b.Name
		}
	}
	for _, c := range k.companies {
		if c.NameZH != "" {
			add(c.NameZH)
		}
	}
	return out
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
