package storetest

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/enduse/enduse"
)

// testShortTerms checks text terms of one to five characters, which the
// stores answer from an index of character pairs (one and two characters
// from the index alone, longer ones by reading the candidates it leaves)
// or trigrams, against the texts themselves: for every such term of the
// fixtures' titles and of the start of their bodies, a query finds
// exactly the notices whose title or redacted text contains it (ASCII
// case folded), including terms at the very end of a title or text,
// terms across the seam of title and text, and terms with punctuation
// that no pair holds; and the same after the index is rebuilt
// (enduse.Admin). ReplaceNotice checks that a notice read again
// is found by short terms as before.
func testShortTerms(t *testing.T, open func(t *testing.T) enduse.Store) {
	w := load(t, open)
	ctx := context.Background()
	type notice struct{ name, title, text string }
	var notices []notice
	terms := map[string]bool{"ST": true, "st": true, "-": true, "0-": true, "：": true, "采购": true, "--": true, "ST8000": true, "sT8000vX": true}
	add := func(s string) {
		r := []rune(s)
		for i := range r {
			for _, n := range []int{1, 2, 3, 5} {
				if i+n <= len(r) {
					terms[string(r[i:i+n])] = true
				}
			}
		}
	}
	for _, f := range w.fx {
		if f.notice == nil || f.parseErr != nil || f.notice.Error != "" {
			continue
		}
		notices = append(notices, notice{f.name, f.notice.Title, f.redacted})
		add(f.notice.Title)
		body := []rune(f.redacted)
		add(string(body[:min(len(body), 40)]))
		add(string(body[max(0, len(body)-6):]))
		// Across the seam of title and text, which no term spans.
		title := []rune(f.notice.Title)
		add(string(title[max(0, len(title)-2):]) + string(body[:min(len(body), 3)]))
	}
	check := func(when string) {
		t.Helper()
		for term := range terms {
			if strings.TrimSpace(term) != term {
				continue // a query's terms are trimmed: this one is another term
			}
			var want []string
			fold := strings.ToLower(term)
			for _, n := range notices {
				if strings.Contains(strings.ToLower(n.title), fold) || strings.Contains(strings.ToLower(n.text), fold) {
					want = append(want, n.name)
				}
			}
			slices.Sort(want)
			res, err := w.st.Query(ctx, enduse.Filter{Text: `"` + term + `"`, Limit: 100})
			if err != nil {
				t.Fatalf("%s: text %q: %v", when, term, err)
			}
			if res.Documents != len(want) {
				t.Errorf("%s: text %q: %d documents, want %d (%v)", when, term, res.Documents, len(want), want)
			}
		}
	}
	check("saved")
	adm, ok := w.st.(enduse.Admin)
	if !ok {
		return
	}
	if err := adm.RebuildTextPairs(ctx); err != nil {
		t.Fatal(err)
	}
	if err := adm.RebuildTextPairs(ctx); err != nil { // from a full index too
		t.Fatal(err)
	}
	check("rebuilt")
}
