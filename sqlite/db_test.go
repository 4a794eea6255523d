package sqlite

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/storetest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, rewriting it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden (run with -update to create it): %v", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs from the golden file (run with -update after review):\n%s", name, got)
	}
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	garbage := filepath.Join(dir, "garbage.db")
	if err := os.WriteFile(garbage, []byte(strings.Repeat("this is not a database file ", 200)), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, path string
		is         error
	}{
		{"empty path", "", enduse.ErrInvalid},
		{"query characters", filepath.Join(dir, "a?mode=ro"), enduse.ErrInvalid},
		{"not a database", garbage, enduse.ErrInvalid},
		{"missing directory", filepath.Join(dir, "no", "such", "dir", "x.db"), nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db, err := Open(ctx, c.path)
			if err == nil {
				db.Close()
				t.Fatalf("Open(%q) succeeded", c.path)
			}
			if c.is != nil && !errors.Is(err, c.is) {
				t.Errorf("err = %v, want %v", err, c.is)
			}
			if c.path != "" && !strings.Contains(err.Error(), c.path) {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

func TestMigrations(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "m.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.read.QueryRow(`SELECT COUNT(*) FROM schema_migrations`).Scan(&n); err != nil || n != len(ms) {
		t.Fatalf("schema_migrations has %d rows (%v), want %d", n, err, len(ms))
	}
	// The schema as migrated, for review when a migration changes.
	rows, err := db.read.Query(`SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'notice_fts_%' ORDER BY type DESC, name`)
	if err != nil {
		t.Fatal(err)
	}
	var schema strings.Builder
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		schema.WriteString(s + ";\n")
	}
	rows.Close()
	golden(t, "schema.golden", []byte(schema.String()))
	db.Close()

	// Reopening applies nothing again.
	db, err = Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	if err := db.read.QueryRow(`SELECT COUNT(*) FROM schema_migrations`).Scan(&n); err != nil || n != len(ms) {
		t.Fatalf("after reopen schema_migrations has %d rows, want %d", n, len(ms))
	}
	// A newer enduse recorded a migration this one does not know.
	if _, err := db.write.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, '9999_future.sql', 'x')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if db, err := Open(ctx, path); !errors.Is(err, enduse.ErrSchemaNewer) {
		if err == nil {
			db.Close()
		}
		t.Fatalf("open newer database: err = %v, want ErrSchemaNewer", err)
	}
}

// TestResumeAfterClose interrupts an ingest by closing the database and
// re-runs it from the start: nothing lost, nothing doubled.
func TestResumeAfterClose(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	var notices []*enduse.Notice
	g := newGenerator(7)
	for len(notices) < 60 {
		notices = append(notices, g.purchase()...)
	}
	notices = notices[:60]
	saveAll := func(db *DB, ns []*enduse.Notice) (stored int) {
		for i, n := range ns {
			out, err := saveGenerated(ctx, db, n, i)
			if err != nil {
				t.Fatalf("save %d: %v", i, err)
			}
			if out == enduse.OutcomeStored {
				stored++
			}
		}
		return stored
	}
	ref, err := Open(ctx, filepath.Join(dir, "ref.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer ref.Close()
	saveAll(ref, notices)

	path := filepath.Join(dir, "resumed.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	saveAll(db, notices[:25])
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if stored := saveAll(db, notices); stored != 35 {
		t.Errorf("resume stored %d documents, want 35", stored)
	}
	for _, f := range []enduse.Filter{{}, {Brand: "Seagate"}, {Region: "65", Types: []enduse.NoticeType{enduse.TypeAward}}} {
		want, err := ref.Query(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		got, err := db.Query(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if got.Documents != want.Documents || got.Notices != want.Notices || got.Quantity != want.Quantity || got.Amount != want.Amount {
			t.Errorf("%+v: resumed %d/%d/%v/%v, uninterrupted %d/%d/%v/%v", f, got.Documents, got.Notices, got.Quantity,
				got.Amount, want.Documents, want.Notices, want.Quantity, want.Amount)
		}
	}
}

// TestConcurrent reads while one goroutine writes: WAL lets both proceed.
func TestConcurrent(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	defer db.Close()
	g := newGenerator(3)
	var ns []*enduse.Notice
	for len(ns) < 80 {
		ns = append(ns, g.purchase()...)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i, n := range ns {
			if _, err := saveGenerated(ctx, db, n, i); err != nil {
				errs <- err
				return
			}
		}
	}()
	for r := 0; r < 3; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				if _, err := db.Query(ctx, enduse.Filter{Brand: "Seagate", Limit: 5}); err != nil {
					errs <- err
					return
				}
				if _, err := db.Stats(ctx); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	st, err := db.Stats(ctx)
	if err != nil || st.Documents != len(ns) {
		t.Errorf("stats after concurrent run = %+v, %v; want %d documents", st, err, len(ns))
	}
}

// TestCaseStudyGolden records the full answer to the case-study question
// over the conformance fixtures, ids replaced by fixture names.
func TestCaseStudyGolden(t *testing.T) {
	db := openTemp(t)
	defer db.Close()
	ids := storetest.Load(t, db)
	res, err := db.Query(context.Background(), storetest.CaseStudy())
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	out := string(b)
	for name, id := range ids {
		out = strings.ReplaceAll(out, id, "<"+name+">")
	}
	golden(t, "casestudy.golden", []byte(out+"\n"))
}

func TestSplitTerms(t *testing.T) {
	cases := []struct {
		name, in string
		want     []string
	}{
		{"empty", "", nil},
		{"one", "希捷", []string{"希捷"}},
		{"spaces", "  希捷  硬盘 ", []string{"希捷", "硬盘"}},
		{"ideographic space", "希捷\u3000硬盘", []string{"希捷", "硬盘"}},
		{"quoted phrase", `"Seagate SkyHawk" 8TB`, []string{"Seagate SkyHawk", "8TB"}},
		{"unclosed quote", `"abc def`, []string{"abc def"}},
		{"quote inside", `ab"cd`, []string{"ab", "cd"}},
		{"only quotes", `""  ""`, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := splitTerms(c.in)
			if strings.Join(got, "|") != strings.Join(c.want, "|") || len(got) != len(c.want) {
				t.Errorf("splitTerms(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

// querySeeds reads the analysts' queries in testdata/queries.txt.
func querySeeds(tb testing.TB) []string {
	f, err := os.Open(filepath.Join("testdata", "queries.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := sc.Text(); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

func FuzzSplitTerms(f *testing.F) {
	for _, q := range querySeeds(f) {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		for _, term := range splitTerms(q) {
			if term == "" || strings.TrimSpace(term) != term || strings.Contains(term, `"`) {
				t.Fatalf("splitTerms(%q) gave term %q", q, term)
			}
			if utf8.ValidString(q) && !utf8.ValidString(term) {
				t.Fatalf("splitTerms(%q) broke UTF-8: %q", q, term)
			}
		}
	})
}

// FuzzQuery runs arbitrary text, brand, buyer and region strings through
// the query engine: it must answer or refuse with ErrInvalid, never fail
// otherwise (an FTS syntax error would).
func FuzzQuery(f *testing.F) {
	for _, q := range querySeeds(f) {
		f.Add(q, "希捷", "公安", "65")
	}
	f.Add(`"`, `%`, `_`, "新疆")
	db, err := Open(context.Background(), ":memory:")
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { db.Close() })
	storetest.Load(f, db)
	f.Fuzz(func(t *testing.T, text, brand, buyer, region string) {
		res, err := db.Query(context.Background(), enduse.Filter{Text: text, Brand: brand, Buyer: buyer, Region: region, Limit: 3})
		if err != nil {
			if !errors.Is(err, enduse.ErrInvalid) {
				t.Fatalf("query text=%q brand=%q buyer=%q region=%q: %v", text, brand, buyer, region, err)
			}
			return
		}
		if len(res.Rows) > 3 || res.Notices > res.Documents || res.Total != res.Notices {
			t.Fatalf("inconsistent result: %d rows, %d notices, %d documents, total %d", len(res.Rows), res.Notices, res.Documents, res.Total)
		}
	})
}

func TestNormalizeAndSimhash(t *testing.T) {
	if got := normalize("ＳＴ８０００ VX004，希捷 硬盘!"); got != "st8000vx004希捷硬盘" {
		t.Errorf("normalize = %q", got)
	}
	base := strings.Repeat("乌鲁木齐市公安局视频存储设备采购项目中标公告，中标供应商为新疆天山科技有限公司，中标金额伍拾万元。", 4)
	near := base + "（转载）"
	other := strings.Repeat("宜昌市第一中学教学设备采购招标公告，采购计算机一百台，投标截止时间为二〇二二年一月十日。", 4)
	a, b, c := simhash(normalize(base)), simhash(normalize(near)), simhash(normalize(other))
	if d := hamming(a, b); d > maxSimhashDistance {
		t.Errorf("near-identical texts differ in %d bits", d)
	}
	if d := hamming(a, c); d <= maxSimhashDistance {
		t.Errorf("different texts differ in only %d bits", d)
	}
	if simhash("") != 0 || simhash("ab") != 0 {
		t.Error("simhash of a too-short text is not 0")
	}
}

func TestSanitize(t *testing.T) {
	text := "采购人：某局\n联系人：***，电话：***********\n"
	n := &enduse.Notice{
		Evidence: map[string]enduse.Evidence{
			"contact": {Start: 7, End: 25, Text: "联系人：张三丰，电话：13912345678"},
			"broken":  {Start: 5, End: 500, Text: "13912345678"},
		},
		Reason: &enduse.Reason{Text: "联系张三丰"},
	}
	s := sanitize(n, text)
	if e := s.Evidence["contact"]; strings.Contains(e.Text, "张三丰") || !strings.HasPrefix(e.Text, "联系人：***") {
		t.Errorf("contact evidence = %q", e.Text)
	}
	if e := s.Evidence["broken"]; e.Text != "" {
		t.Errorf("evidence outside the text kept %q", e.Text)
	}
	if s.Reason.Text != "" {
		t.Errorf("unverifiable reason text kept: %q", s.Reason.Text)
	}
	if n.Evidence["contact"].Text != "联系人：张三丰，电话：13912345678" {
		t.Error("sanitize changed its input")
	}
}

// TestGroupLots keeps separately awarded lots of one project apart as
// announcements while re-publications with the same amount are grouped.
func TestGroupLots(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	defer db.Close()
	buyer := &enduse.Org{Name: "喀什地区公安局", Sector: enduse.SectorPublicSecurity, Region: &enduse.Region{Code: "653100"}}
	mk := func(title string, amount float64) *enduse.Notice {
		return &enduse.Notice{Type: enduse.TypeAward, Title: title, Published: "2022-04-01", ProjectCode: "KS-2022-7",
			Buyer: buyer, AwardAmount: amount, Items: []enduse.Item{{Name: "硬盘", Quantity: 10}}}
	}
	for i, n := range []*enduse.Notice{mk("第1包中标公告", 1000), mk("第1包中标公告", 1000), mk("第2包中标公告", 2500)} {
		if _, err := saveGenerated(ctx, db, n, i); err != nil {
			t.Fatal(err)
		}
	}
	res, err := db.Query(ctx, enduse.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Documents != 3 || res.Notices != 2 {
		t.Errorf("documents %d notices %d, want 3 and 2", res.Documents, res.Notices)
	}
	// Two lots of 10 disks; the re-publication of lot 1 counts once.
	if res.Quantity != 20 || res.Amount != 3500 {
		t.Errorf("quantity %v amount %v, want 20 and 3500", res.Quantity, res.Amount)
	}
}
