package enduse

import (
	"reflect"
	"strings"
	"testing"
)

// TestCriteriaCoverEveryField holds filterFields to Filter by reflection:
// every field is listed once, and setting any field but paging yields
// exactly one criterion naming it, with its flag and its words. A field
// added to Filter without a description fails here.
func TestCriteriaCoverEveryField(t *testing.T) {
	listed := map[string]filterField{}
	for _, d := range filterFields {
		if _, dup := listed[d.name]; dup {
			t.Errorf("filterFields lists %s twice", d.name)
		}
		listed[d.name] = d
	}
	typ := reflect.TypeFor[Filter]()
	for i := range typ.NumField() {
		sf := typ.Field(i)
		d, ok := listed[sf.Name]
		if !ok {
			t.Errorf("Filter.%s has no description in filterFields", sf.Name)
			continue
		}
		delete(listed, sf.Name)
		var f Filter
		setSample(t, reflect.ValueOf(&f).Elem().Field(i))
		got := f.Criteria()
		if d.on == nil && d.values == nil { // paging
			if len(got) != 0 {
				t.Errorf("Filter.%s is paging but described: %+v", sf.Name, got)
			}
			continue
		}
		if len(got) != 1 || got[0].Field != sf.Name || !strings.HasPrefix(got[0].Flag, "--"+d.flag) ||
			!strings.HasPrefix(got[0].Words, d.words+": ") || d.flag == "" || d.words == "" {
			t.Errorf("Filter.%s set alone is described as %+v", sf.Name, got)
		}
	}
	for name := range listed {
		t.Errorf("filterFields describes %s, which Filter has not", name)
	}
	if got := (Filter{}).Criteria(); len(got) != 0 {
		t.Errorf("the empty filter is described as %+v", got)
	}
}

// setSample gives a field a value that is not its zero value.
func setSample(t *testing.T, v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("x")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int:
		v.SetInt(1)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		setSample(t, s.Index(0))
		v.Set(s)
	default:
		t.Fatalf("no sample value for a %s field: teach setSample", v.Kind())
	}
}

func TestCriteria(t *testing.T) {
	tests := []struct {
		name         string
		f            Filter
		flags, words string // joined by " " and "; "
	}{
		{"empty", Filter{Limit: 100, Offset: 20}, "", ""},
		{"brand region types", Filter{Brand: "Seagate", Region: "65", Types: []NoticeType{"award", "contract"}},
			"--brand Seagate --region 65 --type award,contract", "brand: Seagate; region: 65; types: award, contract"},
		{"switches", Filter{Sector: SectorPublicSecurity, Listed: true, USLinked: true, IncludeSpec: true},
			"--us-linked --sector public_security --listed --include-spec",
			"US-linked: yes; sector: public_security; buyer on a screening list: yes; brands named only as specifications: counted"},
		{"lists imply listed", Filter{Listed: true, Lists: []string{"BIS Entity List", "UFLPA"}},
			"--lists BIS Entity List,UFLPA", "buyer on a screening list: BIS Entity List, UFLPA"},
		{"method pathway reason", Filter{Brand: "H3C", Method: "single_source", Pathway: "joint_venture", Reason: ReasonImported},
			"--brand H3C --reason imported --method single_source --pathway joint_venture",
			"brand: H3C; single-source reason: imported; procurement method: single_source; pathway: joint_venture"},
		{"dates product line", Filter{ProductLine: "SkyHawk", From: "2022-01-01", To: "2022-05-12"},
			"--product-line SkyHawk --from 2022-01-01 --to 2022-05-12",
			"product line: SkyHawk; from: 2022-01-01; to: 2022-05-12"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var flags, words []string
			for _, c := range tt.f.Criteria() {
				flags, words = append(flags, c.Flag), append(words, c.Words)
			}
			if got := strings.Join(flags, " "); got != tt.flags {
				t.Errorf("flags = %q, want %q", got, tt.flags)
			}
			if got := strings.Join(words, "; "); got != tt.words {
				t.Errorf("words = %q, want %q", got, tt.words)
			}
		})
	}
}
