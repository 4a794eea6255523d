package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/document"
)

// TestPathwayExamples runs the report's pathway examples, each a
// constructed notice under testdata/pathways (see its README), through the
// whole pipeline — the code `enduse extract` runs — and checks the
// pathway, US link and explanation of the brand's mentions as of the
// notice's date.
func TestPathwayExamples(t *testing.T) {
	p := newPipeline(t)
	tests := []struct {
		file, brand string // brand: canonical brand of the mentions to check
		want        enduse.Pathway
		wantLinked  bool
		wantPath    []string // substrings of the route path, in order
		wantNote    string   // substring of the US-link note
	}{
		{"ryan-rapidhit-2019.html", "RapidHIT", enduse.PathwayDistributor, true,
			[]string{"Beijing Ryan Wende", "distributor of IntegenX (US), since 2015", "acquired by Thermo Fisher Scientific (US), 100% in 2018"}, ""},
		{"invitrogen-maintenance-2020.html", "Applied Biosystems", enduse.PathwaySubsidiary, true,
			[]string{"Invitrogen (Shanghai)", "subsidiary of Thermo Fisher Scientific (US)"}, ""},
		{"cgag-enstrom-2021.html", "Enstrom", enduse.PathwayAcquired, true,
			[]string{"Chongqing General Aviation Industry Group (CN)", "owner of Enstrom Helicopter Corporation (US)", "100% in 2012"}, ""},
		{"h3c-switch-2018.html", "H3C", enduse.PathwayJointVenture, true,
			[]string{"New H3C Technologies (CN)", "joint venture of Hewlett Packard Enterprise (US), 49% from 2016-05 to 2024-09"},
			"this notice is dated 2018-06-15"},
		{"h3c-switch-2025.html", "H3C", enduse.PathwayJointVenture, true,
			[]string{"joint venture of Hewlett Packard Enterprise (US), 19% since 2024-09"}, "this notice is dated 2025-03-18"},
		{"lenovo-x3650m5-2016.html", "Lenovo", enduse.PathwayUnknownThirdParty, false,
			[]string{"not in the knowledge base", "no known link to Lenovo Group (CN)"}, "System x: IBM's until 2014-10, Lenovo's since 2014-10"},
		{"ibm-x3650m4-2013.html", "IBM", enduse.PathwayUnknownThirdParty, true,
			[]string{"no known link to IBM (US)"}, ""},
		{"stated-right-2022.html", "Seagate", enduse.PathwayDistributor, true,
			[]string{"北京某某数据存储科技有限公司", "distributor of Seagate Technology (US)"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f := filepath.Join("testdata", "pathways", tt.file)
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			d, err := document.Parse(raw, f, document.Options{})
			if err != nil {
				t.Fatal(err)
			}
			n := p.Process(d).Notice
			var checked int
			note := ""
			for _, m := range n.Mentions {
				if m.Brand != tt.brand || m.Kind == enduse.MentionCompany {
					continue
				}
				checked++
				if m.AsOf != n.Published {
					t.Errorf("%q: as of %q, want the notice's date %q", m.Text, m.AsOf, n.Published)
				}
				if m.USLinked != tt.wantLinked {
					t.Errorf("%q: US-linked = %v, want %v (path %q)", m.Text, m.USLinked, tt.wantLinked, m.USLinkPath)
				}
				if m.Route == nil {
					t.Errorf("%q: no route", m.Text)
					continue
				}
				if m.Route.Pathway != tt.want {
					t.Errorf("%q: pathway = %s, want %s (path %q)", m.Text, m.Route.Pathway, tt.want, m.Route.Path)
				}
				joined, at := strings.Join(m.Route.Path, " → "), 0
				for _, w := range tt.wantPath {
					i := strings.Index(joined[at:], w)
					if i < 0 {
						t.Errorf("%q: path %q lacks %q (in order)", m.Text, joined, w)
						break
					}
					at += i + len(w)
				}
				note += m.USLinkNote + "\n"
			}
			if checked == 0 {
				t.Fatalf("no %s mention; mentions: %+v", tt.brand, n.Mentions)
			}
			if tt.wantNote != "" && !strings.Contains(note, tt.wantNote) {
				t.Errorf("notes %q lack %q", note, tt.wantNote)
			}
		})
	}
}

// TestPathwayStatedRight checks that the right a single-source notice
// states is recorded with the notice as source and its evidence redacted
// like every other span.
func TestPathwayStatedRight(t *testing.T) {
	p := newPipeline(t)
	f := filepath.Join("testdata", "pathways", "stated-right-2022.html")
	raw, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	d, err := document.Parse(raw, f, document.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res := p.Process(d)
	n := res.Notice
	if len(n.Rights) != 1 {
		t.Fatalf("rights = %+v, want one", n.Rights)
	}
	r := n.Rights[0]
	if r.Link.To != "seagate" || r.Link.Basis != enduse.BasisNotice || r.Phrase != "中国区总代理" ||
		!strings.Contains(r.Link.Sources[0], d.SHA256) {
		t.Errorf("right = %+v", r)
	}
	if got := enduse.RuneSpan(res.Redacted, r.Evidence.Start, r.Evidence.End); got != r.Evidence.Text || !strings.Contains(got, "中国区总代理") {
		t.Errorf("evidence %q, redacted span %q", r.Evidence.Text, got)
	}
}
