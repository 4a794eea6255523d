package notice

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/document"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/*.golden.json from the current extraction (review every change by eye)")

// goldenCase is one real notice with its expected extraction.
type goldenCase struct {
	name string
	doc  *enduse.Document
	want *enduse.Notice // nil when the golden file is missing
}

// loadGolden reads every testdata/golden/NAME.json record (one crawler
// record, or a .txt/.html document) with its NAME.golden.json.
func loadGolden(t testing.TB) []goldenCase {
	t.Helper()
	paths, err := filepath.Glob("testdata/golden/*")
	if err != nil {
		t.Fatal(err)
	}
	var out []goldenCase
	for _, p := range paths {
		if strings.HasSuffix(p, ".golden.json") {
			continue
		}
		name := strings.TrimSuffix(filepath.Base(p), filepath.Ext(p))
		d := readGoldenDoc(t, p)
		c := goldenCase{name: name, doc: d}
		if b, err := os.ReadFile(filepath.Join("testdata/golden", name+".golden.json")); err == nil {
			c.want = new(enduse.Notice)
			if err := json.Unmarshal(b, c.want); err != nil {
				t.Fatalf("golden %s: %v", name, err)
			}
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		t.Fatal("no golden inputs in testdata/golden")
	}
	return out
}

// readGoldenDoc decodes a golden input: a crawler record (.json) through
// document.ReadRecords, anything else through document.Parse.
func readGoldenDoc(t testing.TB, path string) *enduse.Document {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(path, ".json") {
		d, err := document.Parse(raw, filepath.ToSlash(path), document.Options{})
		if err != nil {
			t.Fatalf("parse %s: %v", path, err)
		}
		return d
	}
	var d *enduse.Document
	err = document.ReadRecords(bytes.NewReader(raw), filepath.ToSlash(path), nil, func(doc *enduse.Document, err error) error {
		if err != nil {
			return err
		}
		if d == nil {
			d = doc
		}
		return nil
	})
	if err != nil || d == nil {
		t.Fatalf("read record %s: %v", path, err)
	}
	return d
}

// comparable strips what depends on the decoder's text layout (evidence
// offsets) so goldens state only the fields.
func comparable(n *enduse.Notice) *enduse.Notice {
	c := *n
	c.Evidence = nil
	return &c
}

func marshalGolden(n *enduse.Notice) []byte {
	b, _ := json.MarshalIndent(comparable(n), "", "  ")
	return append(b, '\n')
}

func orgName(o *enduse.Org) string {
	if o == nil {
		return ""
	}
	return o.Name
}

// winners lists the winners (and single-source suppliers) with amounts.
func winners(n *enduse.Notice) string {
	var out []string
	for _, s := range n.Suppliers {
		if s.Role == enduse.RoleWinner || s.Role == enduse.RoleSingleSource {
			out = append(out, fmt.Sprintf("%s/%s/%.2f/%s", s.Name, s.Role, s.Amount, s.Lot))
		}
	}
	sort.Strings(out)
	return strings.Join(out, "; ")
}

func suppliers(n *enduse.Notice) string {
	b, _ := json.Marshal(n.Suppliers)
	return string(b)
}

// goldenFields are the fields whose accuracy is measured, with the share
// of golden notices each must get exactly right.
var goldenFields = []struct {
	name string
	min  float64
	get  func(*enduse.Notice) string
}{
	{"type", 0.98, func(n *enduse.Notice) string { return string(n.Type) }},
	{"published", 0.98, func(n *enduse.Notice) string { return n.Published }},
	{"project_code", 0.98, func(n *enduse.Notice) string { return n.ProjectCode }},
	{"buyer", 0.98, func(n *enduse.Notice) string { return orgName(n.Buyer) }},
	{"agency", 0.98, func(n *enduse.Notice) string { return orgName(n.Agency) }},
	{"winners", 0.98, winners},
	{"budget", 0.98, func(n *enduse.Notice) string { return fmt.Sprintf("%.2f", n.Budget) }},
	{"award_amount", 0.98, func(n *enduse.Notice) string { return fmt.Sprintf("%.2f", n.AwardAmount) }},
	{"project_name", 0.90, func(n *enduse.Notice) string { return n.ProjectName }},
	{"suppliers", 0.90, suppliers},
	{"whole notice", 0.85, func(n *enduse.Notice) string { return string(marshalGolden(n)) }},
}

// TestGoldenAccuracy extracts every golden notice, compares it with the
// reviewed expectation and asserts a per-field accuracy. With -update it
// rewrites the goldens instead.
func TestGoldenAccuracy(t *testing.T) {
	cases := loadGolden(t)
	if *update {
		for _, c := range cases {
			got := Extract(c.doc)
			if err := os.WriteFile(filepath.Join("testdata/golden", c.name+".golden.json"), marshalGolden(got), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		t.Logf("rewrote %d goldens: review each against its source before committing", len(cases))
		return
	}
	right := make([]int, len(goldenFields))
	total := 0
	for _, c := range cases {
		if c.want == nil {
			t.Errorf("%s: no golden file (run with -update and review it)", c.name)
			continue
		}
		total++
		got := Extract(c.doc)
		for i, f := range goldenFields {
			g, w := f.get(got), f.get(c.want)
			if g == w {
				right[i]++
				continue
			}
			if f.name != "whole notice" {
				t.Logf("%s: %s = %q, want %q", c.name, f.name, g, w)
			}
		}
	}
	for i, f := range goldenFields {
		acc := float64(right[i]) / float64(total)
		t.Logf("accuracy %-13s %3d/%d = %6.2f%%", f.name, right[i], total, 100*acc)
		if acc < f.min {
			t.Errorf("%s accuracy %.2f%% < %.0f%%", f.name, 100*acc, 100*f.min)
		}
	}
}

// TestEvidenceSpans checks that every evidence span of every golden notice
// lies inside the document text and quotes it exactly, and that personal
// data never reaches the output.
func TestEvidenceSpans(t *testing.T) {
	for _, c := range loadGolden(t) {
		n := Extract(c.doc)
		rs := []rune(c.doc.Text)
		for k, e := range n.Evidence {
			if e.Start < 0 || e.End > len(rs) || e.Start >= e.End {
				t.Errorf("%s: evidence %s span [%d,%d) outside text of %d runes", c.name, k, e.Start, e.End, len(rs))
				continue
			}
			if got := string(rs[e.Start:e.End]); got != e.Text {
				t.Errorf("%s: evidence %s text %q, span holds %q", c.name, k, e.Text, got)
			}
			if !utf8.ValidString(e.Text) {
				t.Errorf("%s: evidence %s is not valid UTF-8", c.name, k)
			}
		}
		checkNoPersonalData(t, c.name, n)
	}
}

// checkNoPersonalData fails when an output name looks like a person, a
// phone number or an ID number.
func checkNoPersonalData(t *testing.T, name string, n *enduse.Notice) {
	t.Helper()
	var names []string
	if n.Buyer != nil {
		names = append(names, n.Buyer.Name, n.Buyer.Address)
	}
	if n.Agency != nil {
		names = append(names, n.Agency.Name, n.Agency.Address)
	}
	for _, s := range n.Suppliers {
		names = append(names, s.Name, s.Address)
	}
	for _, v := range names {
		if v == "" {
			continue
		}
		if phoneRe.MatchString(v) {
			t.Errorf("%s: output %q holds a phone or ID number", name, v)
		}
	}
	for _, s := range n.Suppliers {
		v := newView(s.Name)
		if _, ok := cleanOrg(&v, span{0, len(v.rs)}); !ok {
			t.Errorf("%s: supplier %q is not an organisation name", name, s.Name)
		}
	}
	if !reflect.DeepEqual(n.Items, []enduse.Item(nil)) || n.Mentions != nil || n.Hits != nil || n.Reason != nil {
		t.Errorf("%s: Extract set fields of later stages", name)
	}
}
