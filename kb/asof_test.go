package kb

import (
	"reflect"
	"strings"
	"testing"
)

// TestResolveAsOf evaluates links, share steps and product-line owners at
// a notice's date: the report's H3C, System x and Huawei-3Com cases.
func TestResolveAsOf(t *testing.T) {
	k := loadBuiltin(t)
	tests := []struct {
		name, brand, line, date string
		wantBrand, wantCountry  string
		wantLinked              bool
		wantPath                []string
		wantNote                []string // substrings of USLinkNote
	}{
		{name: "H3C switch 2018", brand: "h3c", date: "2018-06-01", wantBrand: "H3C", wantCountry: "CN", wantLinked: true,
			wantPath: []string{"New H3C Technologies (CN)", "joint venture of Hewlett Packard Enterprise (US), 49% from 2016-05 to 2024-09 (unverified)"},
			wantNote: []string{"49% from 2016-05 to 2024-09", "19% since 2024-09", "this notice is dated 2018-06-01"}},
		{name: "H3C switch 2025: HPE's then stake", brand: "h3c", date: "2025-03-10", wantBrand: "H3C", wantCountry: "CN", wantLinked: true,
			wantPath: []string{"New H3C Technologies (CN)", "joint venture of Hewlett Packard Enterprise (US), 19% since 2024-09 (unverified)"},
			wantNote: []string{"this notice is dated 2025-03-10"}},
		{name: "H3C in 2012 through 3Com", brand: "h3c", date: "2012-01-05", wantBrand: "H3C", wantCountry: "CN", wantLinked: true,
			wantPath: []string{"New H3C Technologies (CN)", "subsidiary of 3Com (US), 100% since 2007-03 until 2016-05 (unverified)"}},
		{name: "Huawei-3Com in 2004: 3Com 49%", brand: "huawei-3com", date: "2004-05", wantCountry: "CN", wantLinked: true,
			wantPath: []string{"Huawei-3Com (CN)", "joint venture of 3Com (US), 49% from 2003-11 to 2006-01 (unverified)"}},
		{name: "Lenovo x3650 M5 in 2016", brand: "ibm", line: "System x", date: "2016-04-20", wantBrand: "Lenovo", wantCountry: "CN",
			wantNote: []string{"System x: IBM's until 2014-10, Lenovo's since 2014-10; this notice is dated 2016-04-20"}},
		{name: "IBM x3650 M4 in 2013", brand: "ibm", line: "System x", date: "2013-07-01", wantBrand: "IBM", wantCountry: "US", wantLinked: true,
			wantPath: []string{"IBM (US)"}},
		{name: "xFusion after the sale", brand: "xfusion", date: "2023-01-01", wantBrand: "xFusion", wantCountry: "CN"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := k.ResolveAsOf(tt.brand, tt.line, tt.date)
			if tt.wantBrand != "" && r.Brand != tt.wantBrand {
				t.Errorf("brand = %q, want %q", r.Brand, tt.wantBrand)
			}
			if r.Country != tt.wantCountry || r.USLinked != tt.wantLinked {
				t.Errorf("country, US-linked = %q %v, want %q %v (path %q)", r.Country, r.USLinked, tt.wantCountry, tt.wantLinked, r.USLinkPath)
			}
			if tt.wantPath != nil && !reflect.DeepEqual(r.USLinkPath, tt.wantPath) {
				t.Errorf("path = %q, want %q", r.USLinkPath, tt.wantPath)
			}
			if r.AsOf != tt.date {
				t.Errorf("as of = %q, want %q", r.AsOf, tt.date)
			}
			for _, w := range tt.wantNote {
				if !strings.Contains(r.USLinkNote, w) {
					t.Errorf("note = %q, want it to contain %q", r.USLinkNote, w)
				}
			}
		})
	}
}

// TestUSLinkAsOfAbsent explains a US link that does not hold at the date.
func TestUSLinkAsOfAbsent(t *testing.T) {
	k := loadBuiltin(t)
	ok, path, note := k.USLinkAsOf("huawei-3com", "2001-01-01")
	if ok || path != nil {
		t.Fatalf("Huawei-3Com in 2001 = %v %q, want no link (founded 2003)", ok, path)
	}
	if !strings.Contains(note, "no US link at this date") || !strings.Contains(note, "from 2003-11") {
		t.Errorf("note = %q, want the 2003 joint venture named", note)
	}
}

// TestUndated lists links without dates and leaves dated ones out.
func TestUndated(t *testing.T) {
	k := loadBuiltin(t)
	undated := map[string]bool{}
	for _, p := range k.Undated() {
		undated[p.Record] = true
	}
	if len(undated) == 0 {
		t.Fatal("Undated() = none; the built-in data has undated links (e.g. Ryan Technologies' partners)")
	}
	if undated["link:h3c/joint_venture_of/hpe"] {
		t.Error("H3C → HPE is dated but listed as undated")
	}
	if !undated["link:ryan-technologies/distributor_of/rei"] {
		t.Error("Ryan Technologies → REI has no date but is not listed")
	}
}
