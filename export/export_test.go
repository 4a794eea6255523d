package export_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/casestudy"
	"github.com/enduse/enduse/export"
	"github.com/enduse/enduse/ingest"
	"github.com/enduse/enduse/kb"
	"github.com/enduse/enduse/pipeline"
	"github.com/enduse/enduse/privacy"
	"github.com/enduse/enduse/sample"
	"github.com/enduse/enduse/sqlite"
)

// stores are the bundled sample and the case corpus, each ingested once
// through the real pipeline into a SQLite file.
var stores sync.Map // name → *loaded

type loaded struct {
	once sync.Once
	db   *sqlite.DB
	err  error
}

func open(t *testing.T, name string, src ingest.Source) *sqlite.DB {
	t.Helper()
	if testing.Short() {
		t.Skip("runs the pipeline over a corpus")
	}
	v, _ := stores.LoadOrStore(name, &loaded{})
	l := v.(*loaded)
	l.once.Do(func() {
		ctx := context.Background()
		p, err := pipeline.New(pipeline.Config{})
		if err != nil {
			l.err = err
			return
		}
		if l.db, l.err = sqlite.Open(ctx, filepath.Join(tmpRoot, name+".db")); l.err != nil {
			return
		}
		_, l.err = ingest.Run(ctx, l.db, p, src, ingest.Options{Workers: 2})
	})
	if l.err != nil {
		t.Fatal(l.err)
	}
	return l.db
}

// tmpRoot holds the shared stores; TestMain removes it.
var tmpRoot string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "export-test-")
	if err != nil {
		panic(err)
	}
	tmpRoot = dir
	code := m.Run()
	stores.Range(func(_, v any) bool {
		if l := v.(*loaded); l.db != nil {
			l.db.Close()
		}
		return true
	})
	os.RemoveAll(dir)
	os.Exit(code)
}

func sampleStore(t *testing.T) *sqlite.DB { return open(t, "sample", sample.Read) }
func caseStore(t *testing.T) *sqlite.DB   { return open(t, "case", casestudy.Source()) }

// run exports f from st in a format and returns the output and count.
func run(t *testing.T, st export.Store, format string, f enduse.Filter, bom bool) ([]byte, int) {
	t.Helper()
	var buf bytes.Buffer
	k, err := kb.Load()
	if err != nil {
		t.Fatal(err)
	}
	opt := export.Options{Base: "http://127.0.0.1:8080"}
	w, err := export.NewWriter(format, &buf, bom, opt, k)
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	opt.Progress = func(done, total int) {
		calls++
		if done > total {
			t.Errorf("progress %d of %d", done, total)
		}
	}
	n, err := export.Run(context.Background(), st, f, w, opt)
	if err != nil {
		t.Fatalf("export %s: %v", format, err)
	}
	if calls != n {
		t.Errorf("progress told %d times for %d records", calls, n)
	}
	return buf.Bytes(), n
}

// TestOCDSSchema validates the OCDS export of the bundled real sample
// against the vendored OCDS 1.1 release-package schema, formats asserted.
func TestOCDSSchema(t *testing.T) {
	st := sampleStore(t)
	out, n := run(t, st, "ocds", enduse.Filter{}, false)
	res, err := st.Query(context.Background(), enduse.Filter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if n != res.Total || n == 0 {
		t.Fatalf("exported %d releases, want every announcement (%d)", n, res.Total)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	for _, f := range []string{"release-package-schema.json", "release-schema.json"} {
		b, err := os.ReadFile(filepath.Join("testdata", "ocds-1.1", f))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if err := c.AddResource("https://standard.open-contracting.org/schema/1__1__5/"+f, doc); err != nil {
			t.Fatal(err)
		}
	}
	sch, err := c.Compile("https://standard.open-contracting.org/schema/1__1__5/release-package-schema.json")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("export is not JSON: %v", err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Fatalf("release package does not validate: %v", err)
	}
	// A broken release must fail: the validation is not vacuous.
	var pkg struct {
		Releases []map[string]any `json:"releases"`
	}
	if err := json.Unmarshal(out, &pkg); err != nil {
		t.Fatal(err)
	}
	bad, _ := json.Marshal(map[string]any{"version": "1.1", "releases": []any{map[string]any{"ocid": "x", "id": "y", "date": "2022-01-01", "tag": []string{"award"}, "initiationType": "tender"}}})
	badInst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(bad))
	if sch.Validate(badInst) == nil {
		t.Fatal("a release with a bare date validated: formats are not checked")
	}
	// Structure: tags, parties with roles, one ocid per procurement.
	tags, roles := map[string]int{}, map[string]int{}
	ocids := map[string]bool{}
	items := 0
	for _, r := range pkg.Releases {
		for _, tg := range r["tag"].([]any) {
			tags[tg.(string)]++
		}
		ocids[r["ocid"].(string)] = true
		for _, p := range asList(r["parties"]) {
			for _, ro := range asList(p.(map[string]any)["roles"]) {
				roles[ro.(string)]++
			}
		}
		for _, part := range []string{"tender"} {
			if m, ok := r[part].(map[string]any); ok {
				items += len(asList(m["items"]))
			}
		}
		for _, a := range asList(r["awards"]) {
			items += len(asList(a.(map[string]any)["items"]))
		}
		for _, c := range asList(r["contracts"]) {
			items += len(asList(c.(map[string]any)["items"]))
		}
	}
	if tags["award"] == 0 || tags["tender"] == 0 || roles["buyer"] == 0 || roles["supplier"] == 0 || items == 0 {
		t.Errorf("tags %v, roles %v, %d items: want awards, tenders, buyers, suppliers and items", tags, roles, items)
	}
	t.Logf("%d releases, %d ocids, tags %v, roles %v, %d items", len(pkg.Releases), len(ocids), tags, roles, items)
}

// TestOCDSPurchase: the award and contract notices of one purchase (the
// case corpus's a01 and a11) are two releases of one ocid.
func TestOCDSPurchase(t *testing.T) {
	st := caseStore(t)
	out, _ := run(t, st, "ocds", enduse.Filter{Text: "天山区分局"}, false)
	var pkg struct {
		Releases []struct {
			OCID string   `json:"ocid"`
			Tag  []string `json:"tag"`
		} `json:"releases"`
	}
	if err := json.Unmarshal(out, &pkg); err != nil {
		t.Fatal(err)
	}
	byOCID := map[string][]string{}
	for _, r := range pkg.Releases {
		byOCID[r.OCID] = append(byOCID[r.OCID], r.Tag...)
	}
	found := false
	for _, tags := range byOCID {
		if len(tags) == 2 && strings.Contains(strings.Join(tags, ","), "award") && strings.Contains(strings.Join(tags, ","), "contract") {
			found = true
		}
	}
	if !found {
		t.Fatalf("no ocid holds an award and a contract release: %v", byOCID)
	}
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

// ftmModel is the vendored FollowTheMoney model.
type ftmModel struct {
	Schemata map[string]struct {
		Extends    []string `json:"extends"`
		Abstract   bool     `json:"abstract"`
		Required   []string `json:"required"`
		Properties map[string]struct {
			Type  string `json:"type"`
			Range string `json:"range"`
		} `json:"properties"`
	} `json:"schemata"`
}

// ancestors is the schema and every schema it extends.
func (m *ftmModel) ancestors(s string) []string {
	out := []string{s}
	for _, e := range m.Schemata[s].Extends {
		out = append(out, m.ancestors(e)...)
	}
	return out
}

// property finds a property of a schema, inherited ones included.
func (m *ftmModel) property(s, p string) (typ, rng string, ok bool) {
	for _, a := range m.ancestors(s) {
		if d, ok := m.Schemata[a].Properties[p]; ok {
			return d.Type, d.Range, true
		}
	}
	return "", "", false
}

// TestFtMModel checks every exported entity against the FtM model.
func TestFtMModel(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "ftm", "defaultModel.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m ftmModel
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		st   func(*testing.T) *sqlite.DB
	}{{"sample", sampleStore}, {"case", caseStore}} {
		t.Run(tc.name, func(t *testing.T) {
			out, _ := run(t, tc.st(t), "ftm", enduse.Filter{}, false)
			var ents []export.Entity
			schemaOf := map[string]string{}
			sc := bufio.NewScanner(bytes.NewReader(out))
			sc.Buffer(nil, 1<<24)
			for sc.Scan() {
				var e export.Entity
				if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
					t.Fatalf("line %q: %v", sc.Text(), err)
				}
				if schemaOf[e.ID] != "" {
					t.Errorf("entity %s written twice", e.ID)
				}
				schemaOf[e.ID] = e.Schema
				ents = append(ents, e)
			}
			counts := map[string]int{}
			for _, e := range ents {
				counts[e.Schema]++
				def, ok := m.Schemata[e.Schema]
				if !ok || def.Abstract {
					t.Errorf("%s: schema %q unknown or abstract", e.ID, e.Schema)
					continue
				}
				for _, a := range m.ancestors(e.Schema) {
					for _, req := range m.Schemata[a].Required {
						if len(e.Properties[req]) == 0 {
							t.Errorf("%s %s: required property %s missing", e.Schema, e.ID, req)
						}
					}
				}
				for p, vals := range e.Properties {
					typ, rng, ok := m.property(e.Schema, p)
					if !ok {
						t.Errorf("%s %s: no property %s in the model", e.Schema, e.ID, p)
						continue
					}
					for _, v := range vals {
						switch typ {
						case "entity":
							target := schemaOf[v]
							if target == "" {
								t.Errorf("%s %s: %s names %s, not an exported entity", e.Schema, e.ID, p, v)
							} else if rng != "" && !contains(m.ancestors(target), rng) {
								t.Errorf("%s %s: %s names a %s, want a %s", e.Schema, e.ID, p, target, rng)
							}
						case "date":
							if !isDate(v) {
								t.Errorf("%s %s: %s %q is not a date", e.Schema, e.ID, p, v)
							}
						case "country":
							if len(v) != 2 || strings.ToLower(v) != v {
								t.Errorf("%s %s: %s %q is not a country code", e.Schema, e.ID, p, v)
							}
						case "url":
							if !strings.HasPrefix(v, "http://") && !strings.HasPrefix(v, "https://") {
								t.Errorf("%s %s: %s %q is not a URL", e.Schema, e.ID, p, v)
							}
						}
					}
				}
			}
			for _, want := range []string{"PublicBody", "Company", "Contract", "ContractAward", "Document", "Mention"} {
				if counts[want] == 0 {
					t.Errorf("no %s entities (counts %v)", want, counts)
				}
			}
			t.Logf("%d entities: %v", len(ents), counts)
		})
	}
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

func isDate(s string) bool {
	for _, layout := range []string{"2006", "2006-01", time.DateOnly} {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}

// TestCSV checks the notice- and item-level CSV and JSON Lines of the case
// corpus's case-study filter: one row per announcement or item, a BOM on
// request, and the drives the truth counts.
func TestCSV(t *testing.T) {
	st := caseStore(t)
	truth, err := casestudy.LoadTruth()
	if err != nil {
		t.Fatal(err)
	}
	out, n := run(t, st, "csv", truth.Filter, true)
	if !bytes.HasPrefix(out, []byte("\uFEFF")) {
		t.Fatal("no BOM")
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(out, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if n != truth.Notices || len(rows) != truth.Notices+1 || strings.Join(rows[0], ",") != strings.Join(export.NoticeColumns, ",") {
		t.Fatalf("notice CSV: %d records, %d rows, header %v; want %d announcements", n, len(rows), rows[0], truth.Notices)
	}

	out, _ = run(t, st, "items-csv", truth.Filter, false)
	if bytes.HasPrefix(out, []byte("\uFEFF")) {
		t.Fatal("BOM without asking")
	}
	items, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, c := range items[0] {
		col[c] = i
	}
	var seagate float64
	lines := 0
	for _, r := range items[1:] {
		if r[col["brand"]] == "Seagate" && r[col["quantity"]] != "" {
			var q float64
			if err := json.Unmarshal([]byte(r[col["quantity"]]), &q); err != nil {
				t.Fatalf("quantity %q: %v", r[col["quantity"]], err)
			}
			seagate += q
			lines++
		}
		if !strings.HasPrefix(r[col["evidence_url"]], "http://127.0.0.1:8080/notices/") {
			t.Errorf("evidence url %q", r[col["evidence_url"]])
		}
	}
	// Award and contract of one purchase both list the drives: the item
	// export has every line, at least the truth's de-duplicated total.
	if lines == 0 || seagate < truth.Quantity {
		t.Errorf("item CSV: %d Seagate lines, %v drives; want at least %v", lines, seagate, truth.Quantity)
	}

	out, n = run(t, st, "jsonl", truth.Filter, false)
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<24)
	got := 0
	for sc.Scan() {
		var nt enduse.Notice
		if err := json.Unmarshal(sc.Bytes(), &nt); err != nil || nt.Schema != 1 || nt.SHA256 == "" {
			t.Fatalf("jsonl line: %v %+v", err, nt)
		}
		got++
	}
	if got != n || n != truth.Notices {
		t.Errorf("jsonl: %d lines, %d records; want %d", got, n, truth.Notices)
	}
}

// TestCellInjection: text that a spreadsheet would run as a formula is
// quoted.
func TestCellInjection(t *testing.T) {
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cases := []struct{ title, want string }{
		{"=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"},
		{"-1+cmd|' /C calc'!A0", "'-1+cmd|' /C calc'!A0"},
		{"-2", "-2"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"硬盘采购", "硬盘采购"},
	}
	for i, c := range cases {
		raw := []byte("<html><body><p>" + c.title + "</p><p>" + strings.Repeat("x", i+1) + "</p></body></html>")
		sum := sha256.Sum256(raw)
		d := &enduse.Document{SHA256: hex.EncodeToString(sum[:]), Source: "t.html", MediaType: "text/html", Raw: raw, Text: c.title}
		n := &enduse.Notice{Schema: 1, SHA256: d.SHA256, Source: d.Source, Type: enduse.TypeTender, Title: c.title, Published: "2022-01-0" + string(rune('1'+i))}
		if _, err := db.SaveNotice(context.Background(), d, c.title, n, nil); err != nil {
			t.Fatal(err)
		}
	}
	out, _ := run(t, db, "csv", enduse.Filter{}, false)
	rows, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	titles := map[string]bool{}
	for _, r := range rows[1:] {
		titles[r[5]] = true
	}
	for _, c := range cases {
		if !titles[c.want] {
			t.Errorf("title %q: want cell %q among %v", c.title, c.want, titles)
		}
	}
}

// TestNoPersonalData runs every format over both corpora and looks for
// the personal data of the originals: the case corpus's known contacts,
// and what the privacy checker finds in each bundled real notice.
func TestNoPersonalData(t *testing.T) {
	truth, err := casestudy.LoadTruth()
	if err != nil {
		t.Fatal(err)
	}
	c, err := privacy.New()
	if err != nil {
		t.Fatal(err)
	}
	var secrets []privacy.Secret
	for _, p := range truth.Personal {
		secrets = append(secrets, privacy.Secret{Kind: privacy.KindName, Value: p, Where: "truth.json"})
	}
	err = sample.Read(func(d *enduse.Document, err error) error {
		if err != nil {
			return err
		}
		secrets = append(secrets, c.Secrets(original(d))...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(secrets) < 50 {
		t.Fatalf("only %d personal values to look for: the check would be vacuous", len(secrets))
	}
	for _, st := range []*sqlite.DB{caseStore(t), sampleStore(t)} {
		for _, format := range export.Formats {
			out, _ := run(t, st, format, enduse.Filter{}, false)
			for _, l := range privacy.Leaks(secrets, format, string(out)) {
				t.Errorf("%s export leaks %s %q (%s)", format, l.Kind, l.Value, l.Where)
			}
		}
	}
	t.Logf("%d personal values checked in %d formats", len(secrets), len(export.Formats))
}

// original is the text of a sample record's fields, where the checker
// looks for personal values.
func original(d *enduse.Document) string {
	raw := strings.TrimSpace(string(d.Raw))
	if !strings.HasPrefix(raw, "{") {
		return raw
	}
	var m map[string]any
	if err := json.Unmarshal(d.Raw, &m); err != nil {
		return raw
	}
	var b strings.Builder
	for _, v := range m {
		if s, ok := v.(string); ok {
			b.WriteString(s)
			b.WriteString("\n")
		}
	}
	return b.String()
}

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGolden pins every format's output for the case corpus's Tianshan
// announcements (award, its ccgp copy, and the contract of the same
// purchase): review the diff and run with -update after a deliberate
// change.
func TestGolden(t *testing.T) {
	st := caseStore(t)
	k, err := kb.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range export.Formats {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			opt := export.Options{Base: "http://127.0.0.1:8080", Now: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
			w, err := export.NewWriter(format, &buf, false, opt, k)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := export.Run(context.Background(), st, enduse.Filter{Text: "天山区分局"}, w, opt); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "tianshan."+format+".golden")
			if *update {
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("read golden (run with -update to create it): %v", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("%s differs from %s (review, then run with -update):\n%s", format, path, buf.String())
			}
		})
	}
}
