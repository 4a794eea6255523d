package screen

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/enduse/enduse"
)

// TestImportRealFiles imports each bundled file on its own; the counts are
// those of lists/SOURCES.md (FCC: 16 rows, of which 12 name a company).
func TestImportRealFiles(t *testing.T) {
	for _, c := range []struct {
		path    string
		name    string
		format  string
		count   int
		version string
		id      string // an entry to check
		check   func(enduse.ListEntry) bool
	}{
		{"lists/ofac-sdn-2021-07/sdn.csv", "OFAC SDN", "ofac-legacy-csv", 8976, "2021-07", "29159", func(e enduse.ListEntry) bool {
			return e.Name == "XINJIANG PUBLIC SECURITY BUREAU" && contains(e.Aliases, "XINJIANG BUREAU OF PUBLIC SECURITY") &&
				strings.Contains(e.Address, "China") && contains(e.Programs, "GLOMAG")
		}},
		{"lists/ofac-sdn-2021-07/alt.csv", "OFAC SDN", "ofac-legacy-csv", 8976, "2021-07", "29299", func(e enduse.ListEntry) bool {
			return e.Name == "XINJIANG PRODUCTION AND CONSTRUCTION CORPS" && e.Type == "entity"
		}},
		{"lists/ofac-consolidated-nonsdn-2025-12", "OFAC Consolidated (non-SDN)", "ofac-legacy-csv", 442, "2025-12", "30946", func(e enduse.ListEntry) bool {
			return contains(e.Aliases, "HIKVISION") && contains(e.Programs, "CMIC-EO13959") && e.Date == "2021-06-03"
		}},
		{"lists/trade-csl-samples/watchman_test_csl_2019-12.csv", "Consolidated Screening List", "csl-csv", 115, "2019-12", "8124", func(e enduse.ListEntry) bool {
			return e.Name == "2904977 CANADA, INC." && e.Country == "CA" && strings.HasPrefix(e.List, "Specially Designated Nationals")
		}},
		{"lists/trade-csl-samples/watchman_cslustest_consolidated_2025-06.csv", "Consolidated Screening List", "csl-csv", 13, "2025-06", "", nil},
		{"lists/bis-dpl-2022-09/dpl.txt", "BIS Denied Persons List", "bis-dpl-tsv", 581, "2022-09", "DPL-2", func(e enduse.ListEntry) bool {
			return e.Name == "AARON ABRAHAM VILLA" && e.Date == "2022-08-24" && e.Citation == "87 F.R. 52741 8/29/2022"
		}},
		{"lists/bis-entity-list-china-universities/data.json", "BIS Entity List (universities subset)", "entity-list-universities-json", 60, "2026-03-30", "EL-U001", func(e enduse.ListEntry) bool {
			return e.Name == "Academy of Military Medical Sciences" && e.NameZH == "中国人民解放军军事科学院军事医学研究院" &&
				contains(e.Aliases, "AMMS") && strings.Contains(e.Address, "27 Taiping Road")
		}},
		{"lists/bis-entity-list-china-universities/data-cn.json", "BIS Entity List (universities subset)", "entity-list-universities-json", 60, "2026-03-30", "", nil},
		{"lists/bis-entity-list-compiled/entries.csv", "BIS Entity List (compiled)", "entity-list-compiled-csv", 71, "2023-03-30", "EL2019-17", func(e enduse.ListEntry) bool {
			return e.NameZH == "乌鲁木齐市公安局" && e.Citation == "84 FR 54002" && e.Date == "2019-10-09"
		}},
		{"lists/opensanctions-cn-sanctions/cn_sanctions.csv", "PRC counter-sanctions", "opensanctions-csv", 610, "", "cn_sanctions-4", func(e enduse.ListEntry) bool {
			return e.Name == "Human Rights Watch" && e.NameZH == "人权观察" && e.Date == "2019-12-02"
		}},
		{"lists/opensanctions-eu-human-rights-32020R1998/32020R1998.csv", "EU sanctions (CELEX 32020R1998)", "opensanctions-csv", 177, "", "", nil},
		{"lists/opensanctions-us-bis-mieu/mieu.csv", "US-BIS-MIEU", "opensanctions-csv", 13, "", "", nil},
		{"lists/opensanctions-us-dod-1260h/dod_chinese_milcorps_sanctions.csv", "DoD 1260H Chinese Military Companies", "opensanctions-csv", 397, "", "dod_chinese_milcorps_sanctions-4", func(e enduse.ListEntry) bool {
			return e.Name == "Aviation Industry Corporation of China Ltd." && contains(e.Aliases, "AVIC")
		}},
		{"lists/opensanctions-us-fcc-covered-list/table.csv", "FCC Covered List", "opensanctions-csv", 12, "", "table-1", func(e enduse.ListEntry) bool {
			return e.Name == "Huawei Technologies Company" && e.Date == "2021-03-12"
		}},
		{"lists/opensanctions-us-special-leg/section_1286.csv", "", "opensanctions-csv", 443, "", "", nil},
		{"lists/opensanctions-us-special-leg/section_889.csv", "", "opensanctions-csv", 5, "", "", nil},
		{"lists/opensanctions-us-special-leg/section_5949.csv", "", "opensanctions-csv", 3, "", "", nil},
		{"lists/opensanctions-us-special-leg/section_154.csv", "", "opensanctions-csv", 6, "", "", nil},
		{"lists/opensanctions-us-special-leg/inksna.csv", "", "opensanctions-csv", 28, "", "", nil},
		{"testdata/ftm/entities.ftm.json", "eu_fsf", "ftm-json", 5, "", "ofac-29159", func(e enduse.ListEntry) bool {
			return e.List == "us_ofac_sdn" && contains(e.Aliases, "XINJIANG BUREAU OF PUBLIC SECURITY") && e.Type == "entity"
		}},
		{"testdata/ftm/array.json", "eu_fsf", "ftm-json", 5, "", "eu-fsf-1", func(e enduse.ListEntry) bool {
			return e.NameZH == "新疆生产建设兵团公安局" && e.Date == "2021-03-22"
		}},
	} {
		t.Run(c.path, func(t *testing.T) {
			l, err := Import(c.path)
			if err != nil {
				t.Fatal(err)
			}
			infos := l.Names()
			if len(infos) != 1 {
				t.Fatalf("%d lists, want 1: %+v", len(infos), infos)
			}
			in := infos[0]
			if c.name != "" && in.Name != c.name || in.Format != c.format || in.Count != c.count || len(l.Entries()) != c.count {
				t.Errorf("got %+v (%d entries), want name %q format %s count %d", in, len(l.Entries()), c.name, c.format, c.count)
			}
			if c.version != "" && in.Version != c.version {
				t.Errorf("version %q, want %q", in.Version, c.version)
			}
			if c.id == "" {
				return
			}
			for _, e := range l.Entries() {
				if e.ID == c.id {
					if !c.check(e) {
						t.Errorf("entry %s: %+v", c.id, e)
					}
					return
				}
			}
			t.Errorf("entry %s not found", c.id)
		})
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// TestDefault loads the embedded bundle: every list of SOURCES.md.
func TestDefault(t *testing.T) {
	l, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, in := range l.Names() {
		total += in.Count
		t.Logf("%-40.40s %-10s %6d  %s", in.Name, in.Version, in.Count, in.Source)
	}
	if len(l.Names()) != 17 || total != len(l.Entries()) {
		t.Errorf("%d lists, %d entries (sum of counts %d)", len(l.Names()), len(l.Entries()), total)
	}
	m := l.Merge(l)
	if len(m.Entries()) != 2*len(l.Entries()) || len(l.Names()) != 17 {
		t.Errorf("merge changed its inputs or lost entries")
	}
	dir, err := Import("lists")
	if err != nil {
		t.Fatal(err)
	}
	if len(dir.Entries()) != len(l.Entries()) {
		t.Errorf("Import(lists) read %d entries, Default %d", len(dir.Entries()), len(l.Entries()))
	}
}

// TestImportErrors checks that bad input gives an error naming the file,
// the line where there is one, and the problem.
func TestImportErrors(t *testing.T) {
	for _, c := range []struct {
		path string
		want []string
		is   error
	}{
		{"testdata/bad/sdn.csv", []string{"sdn.csv", "line 2", "not a number"}, nil},
		{"testdata/bad/broken.ftm.json", []string{"broken.ftm.json", "line 2"}, nil},
		{"testdata/bad/noname.ftm.json", []string{"noname.ftm.json", "line 1", "no name"}, nil},
		{"testdata/bad/entries.csv", []string{"entries.csv", "line 3", "english_name"}, nil},
		{"testdata/bad/notes.txt", []string{"notes.txt", "unknown list format"}, ErrUnknownFormat},
		{"testdata/bad/dpl.txt", []string{"dpl.txt", "Effective_Date"}, nil},
		{"testdata/bad/data-cn.json", []string{"data-cn.json", "data.json"}, nil},
		{"testdata/bad/missing.csv", []string{"missing.csv"}, fs.ErrNotExist},
		{"lists/ofac-sdn-2021-07/../../testdata/bad/alt.csv", []string{"alt.csv"}, nil},
	} {
		t.Run(filepath.Base(c.path), func(t *testing.T) {
			_, err := Import(c.path)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			if c.is != nil && !errors.Is(err, c.is) {
				t.Errorf("error %v is not %v", err, c.is)
			}
		})
	}
}

// TestOFACSiblingWithoutMain: an alias file alone cannot be read.
func TestOFACSiblingWithoutMain(t *testing.T) {
	fsys := fstest.MapFS{"x/alt.csv": {Data: []byte("1,2,\"aka\",\"X\",-0- \n")}}
	_, err := detect(fsys, "x/alt.csv", "x/alt.csv")
	if err == nil || !strings.Contains(err.Error(), "sdn.csv") {
		t.Errorf("got %v, want an error naming the missing sdn.csv", err)
	}
}

func TestNormDate(t *testing.T) {
	for in, want := range map[string]string{
		"2019-10-09": "2019-10-09", "02.12.2019": "2019-12-02", "13.07.20": "2020-07-13", "March 12, 2021": "2021-03-12",
		"06/19/2003": "2003-06-19", "2.3.2021": "2021-03-02", "2022": "2022", "": "", "soon": "",
		"2026-03-30T14:41:14.232650Z": "2026-03-30",
	} {
		if got := normDate(in); got != want {
			t.Errorf("normDate(%q) = %q, want %q", in, got, want)
		}
	}
}

// fuzzSeeds returns up to n bytes of each testdata and list file with ext.
func fuzzSeeds(f *testing.F, exts ...string) {
	for _, dir := range []string{"lists", "testdata"} {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			for _, e := range exts {
				if strings.HasSuffix(p, e) {
					data, err := os.ReadFile(p)
					if err == nil {
						f.Add(filepath.Base(p), data[:min(len(data), 4096)])
					}
				}
			}
			return nil
		})
	}
}

// FuzzImportCSV feeds arbitrary bytes to the CSV/TSV importers under the
// names they are detected by: they must return lists or an error, never
// panic, and every entry must have a name.
func FuzzImportCSV(f *testing.F) {
	fuzzSeeds(f, ".csv", ".txt")
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		fuzzImport(t, name, data)
	})
}

// FuzzImportJSON does the same for the JSON importers.
func FuzzImportJSON(f *testing.F) {
	fuzzSeeds(f, ".json")
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		fuzzImport(t, name, data)
	})
}

func fuzzImport(t *testing.T, name string, data []byte) {
	name = filepath.Base(name)
	if name == "." || name == "/" || name == "" || !fs.ValidPath(name) {
		name = "list.csv"
	}
	fsys := fstest.MapFS{name: {Data: data}}
	set, err := detect(fsys, name, name)
	if err != nil {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("error %q does not name the file", err)
		}
		return
	}
	for _, e := range set.lists.Entries() {
		if strings.TrimSpace(e.Name) == "" {
			t.Errorf("entry without name: %+v", e)
		}
	}
}

// TestOFACFilesInAnyCase: an OFAC set saved with upper-case names (an
// archive made on Windows) is read whole: the primary file named in any
// case, its aliases found beside it in theirs. Before, the reader looked
// for the canonical lower-case names and reported them missing.
func TestOFACFilesInAnyCase(t *testing.T) {
	fsys := fstest.MapFS{
		"x/CONS_PRIM.CSV": {Data: []byte("1,\"EXAMPLE TRADING CO\",\"-0- \",\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n")},
		"x/Cons_Alt.Csv":  {Data: []byte("1,2,\"aka\",\"EXAMPLE TRADING COMPANY\",-0- \n")},
	}
	set, err := detect(fsys, "x/CONS_PRIM.CSV", "x/CONS_PRIM.CSV")
	if err != nil {
		t.Fatal(err)
	}
	es := set.lists.Entries()
	if len(es) != 1 || len(es[0].Aliases) != 1 || len(set.files) != 2 {
		t.Errorf("entries %+v from files %v: want one entry with its alias from both files", es, set.files)
	}
}
