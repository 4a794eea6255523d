package recognize

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/enduse/enduse"
)

// label is one labelled span of a case of testdata/labels.txt.
type label struct {
	op          byte // '+' mention, '=' company mention, '-' non-mention
	surface     string
	start, end  int // rune offsets in the case text
	brand, line string
}

// labelCase is one case of testdata/labels.txt.
type labelCase struct {
	id, source string
	text       string
	labels     []label
}

// readLabels parses testdata/labels.txt (format in its header).
func readLabels(t testing.TB, name string) []labelCase {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatalf("open labels: %v", err)
	}
	defer f.Close()
	var cases []labelCase
	var lines []string
	cur := -1
	flushText := func() {
		if cur >= 0 && lines != nil {
			cases[cur].text = strings.Join(lines, "\n")
			lines = nil
		}
	}
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		ln := sc.Text()
		switch {
		case strings.HasPrefix(ln, "## "):
			flushText()
			id, src, _ := strings.Cut(strings.TrimPrefix(ln, "## "), "|")
			cases = append(cases, labelCase{id: strings.TrimSpace(id), source: strings.TrimSpace(src)})
			cur = len(cases) - 1
		case strings.HasPrefix(ln, "> "):
			lines = append(lines, strings.ReplaceAll(strings.TrimPrefix(ln, "> "), `\t`, "\t"))
		case len(ln) > 2 && (ln[0] == '+' || ln[0] == '-' || ln[0] == '=') && ln[1] == ' ':
			flushText()
			if cur < 0 {
				t.Fatalf("%s:%d: label before any case", name, n)
			}
			parts := strings.Split(ln[2:], "|")
			for i := range parts {
				parts[i] = strings.TrimSpace(parts[i])
			}
			l := label{op: ln[0], surface: parts[0]}
			if len(parts) > 1 {
				l.brand = parts[1]
			}
			if len(parts) > 2 {
				l.line = parts[2]
			}
			c := &cases[cur]
			from := 0
			if k := len(c.labels); k > 0 {
				from = c.labels[k-1].end
			}
			rs := []rune(c.text)
			i := strings.Index(string(rs[from:]), l.surface)
			if i < 0 {
				t.Fatalf("%s:%d: case %s: surface %q not in text after rune %d", name, n, c.id, l.surface, from)
			}
			l.start = from + utf8.RuneCountInString(string(rs[from:])[:i])
			l.end = l.start + utf8.RuneCountInString(l.surface)
			c.labels = append(c.labels, l)
		}
	}
	flushText()
	if err := sc.Err(); err != nil {
		t.Fatalf("read labels: %v", err)
	}
	return cases
}

// prCount accumulates precision/recall counts.
type prCount struct{ tpP, nP, tpR, nR int }

func (c prCount) precision() float64 { return ratio(c.tpP, c.nP) }
func (c prCount) recall() float64    { return ratio(c.tpR, c.nR) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func overlaps(m enduse.Mention, l label) bool { return m.Start < l.end && l.start < m.End }

// matcher says how found mentions compare with labels for one knowledge
// base, whose names for brands and lines may differ from the labels'.
type matcher struct {
	// known reports whether the knowledge base holds a label's brand;
	// labels of unknown brands are left out of recall.
	known func(l label) bool
	// same reports whether m is the brand or company mention l labels.
	same func(m enduse.Mention, l label) bool
	// line returns the knowledge base's name for l's product line, or
	// false when it has no such line (the label is then left out).
	line func(l label) (string, bool)
}

// fixtureMatcher compares names literally: the fixture uses the labels'.
func fixtureMatcher(r *Recognizer) matcher {
	return matcher{
		known: func(l label) bool {
			return r.resolve(strings.ToLower(l.brand), "", "").Company != "" || r.knownName(l.brand)
		},
		same: func(m enduse.Mention, l label) bool {
			if l.op == '=' {
				return m.Kind == enduse.MentionCompany && m.Company == l.brand
			}
			return m.Kind != enduse.MentionCompany && m.Brand == l.brand
		},
		line: func(l label) (string, bool) { return l.line, true },
	}
}

// knownName reports whether a brand or company of that canonical name
// resolves (test helper for the fixture).
func (r *Recognizer) knownName(name string) bool {
	for _, cl := range r.claims {
		for _, c := range cl {
			res := r.resolve(c.brand, c.company, "")
			if res.Brand == name || res.Company == name {
				return true
			}
		}
	}
	return false
}

// scoreCases runs Find on every case and returns brand and product-line
// counts, plus a description of every error for the log.
func scoreCases(r *Recognizer, cases []labelCase, mt matcher) (brand, line prCount, nonMentions [2]int, errs []string) {
	for _, c := range cases {
		ms := r.Find(c.text)
		matches := func(m enduse.Mention, l label) bool {
			return l.op != '-' && overlaps(m, l) && mt.same(m, l)
		}
		for _, m := range ms {
			brand.nP++
			ok := false
			for _, l := range c.labels {
				if matches(m, l) {
					ok = true
					break
				}
			}
			if ok {
				brand.tpP++
			} else {
				errs = append(errs, fmt.Sprintf("%s: false positive %q → %s/%s (%s)", c.id, m.Text, m.Brand, m.Company, m.Kind))
			}
			if m.ProductLine != "" {
				good, judged := false, false
				for _, l := range c.labels {
					if l.op != '+' || !overlaps(m, l) {
						continue
					}
					if want, ok := mt.line(l); ok {
						judged = true
						good = good || want == m.ProductLine
					}
				}
				if judged {
					line.nP++
					if good {
						line.tpP++
					} else {
						errs = append(errs, fmt.Sprintf("%s: wrong product line %q → %s", c.id, m.Text, m.ProductLine))
					}
				}
			}
		}
		for _, l := range c.labels {
			if l.op == '-' {
				nonMentions[1]++
				hit := false
				for _, m := range ms {
					if overlaps(m, l) {
						hit = true
					}
				}
				if !hit {
					nonMentions[0]++
				}
				continue
			}
			if !mt.known(l) {
				continue
			}
			brand.nR++
			var got *enduse.Mention
			for i := range ms {
				if matches(ms[i], l) {
					got = &ms[i]
					break
				}
			}
			if got != nil {
				brand.tpR++
			} else {
				errs = append(errs, fmt.Sprintf("%s: missed %q (%s)", c.id, l.surface, l.brand))
			}
			if want, ok := mt.line(l); ok && want != "" {
				line.nR++
				if got != nil && got.ProductLine == want {
					line.tpR++
				} else {
					errs = append(errs, fmt.Sprintf("%s: missed product line %s of %q", c.id, want, l.surface))
				}
			}
		}
	}
	return brand, line, nonMentions, errs
}

// TestAcceptance measures brand and product-line precision and recall over
// the labelled mention set, once with the hermetic fixture knowledge base
// (the rules alone) and once with the project's knowledge base (the rules
// and the data together). Both must reach brand P/R ≥ 0.95 and product-line
// P/R ≥ 0.9. With the project knowledge base, labels of brands it does not
// hold are left out of recall and listed.
func TestAcceptance(t *testing.T) {
	cases := readLabels(t, "testdata/labels.txt")
	pos, neg := 0, 0
	for _, c := range cases {
		for _, l := range c.labels {
			if l.op == '-' {
				neg++
			} else {
				pos++
			}
		}
	}
	if pos < 150 {
		t.Errorf("labelled mentions: %d, want ≥ 150", pos)
	}
	t.Logf("%d cases, %d labelled mentions, %d labelled non-mentions", len(cases), pos, neg)
	t.Run("fixture", func(t *testing.T) {
		r := fixture(t)
		scoreAndCheck(t, r, cases, fixtureMatcher(r))
	})
	t.Run("real", func(t *testing.T) {
		r, k := realKB(t)
		mt, missing := realMatcher(k)
		scoreAndCheck(t, r, cases, mt)
		t.Logf("knowledge base: %d brands; labelled brands it lacks: %v", len(k.Brands()), keys(missing))
		if len(missing) > 0 {
			t.Errorf("the project knowledge base lacks labelled brands %v", keys(missing))
		}
	})
}

// scoreAndCheck scores cases, logs every error and the figures, and fails
// below the acceptance thresholds.
func scoreAndCheck(t *testing.T, r *Recognizer, cases []labelCase, mt matcher) {
	t.Helper()
	brand, line, nm, errs := scoreCases(r, cases, mt)
	for _, e := range errs {
		t.Log(e)
	}
	t.Logf("brand: precision %.3f (%d/%d) recall %.3f (%d/%d)", brand.precision(), brand.tpP, brand.nP, brand.recall(), brand.tpR, brand.nR)
	t.Logf("product line: precision %.3f (%d/%d) recall %.3f (%d/%d)", line.precision(), line.tpP, line.nP, line.recall(), line.tpR, line.nR)
	t.Logf("non-mentions left alone: %d/%d", nm[0], nm[1])
	if brand.precision() < 0.95 || brand.recall() < 0.95 {
		t.Errorf("brand precision/recall %.3f/%.3f, want ≥ 0.95 each", brand.precision(), brand.recall())
	}
	if line.precision() < 0.9 || line.recall() < 0.9 {
		t.Errorf("product line precision/recall %.3f/%.3f, want ≥ 0.9 each", line.precision(), line.recall())
	}
}
