package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/sample"
)

// run runs the command line as a user would and returns exit code, stdout
// and stderr.
func run(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := Env{
		Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb,
		Getenv:      func(string) string { return "" },
		Interactive: func(io.Writer) bool { return false },
	}
	code := Main(context.Background(), args, env)
	return code, out.String(), errb.String()
}

// sampleExport writes the first n records of a bundled sample file to dir
// and returns its path and field map.
func sampleExport(t *testing.T, dir, name string, n int) (string, string) {
	t.Helper()
	files, err := sample.Files()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if f.Name != name {
			continue
		}
		lines := bytes.SplitAfter(f.Data, []byte("\n"))
		if n < len(lines) {
			lines = lines[:n]
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, bytes.Join(lines, nil), 0o644); err != nil {
			t.Fatal(err)
		}
		return path, f.Fields
	}
	t.Fatalf("no sample file %s", name)
	return "", ""
}

func TestExtractJSONLines(t *testing.T) {
	dir := t.TempDir()
	path, fields := sampleExport(t, dir, "yichang-ggzy.jsonl", 5)
	code, out, stderr := run(t, "", "extract", "--json", "--fields", fields, path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<24)
	n := 0
	for sc.Scan() {
		var got enduse.Notice
		if err := json.Unmarshal(sc.Bytes(), &got); err != nil {
			t.Fatalf("line %d is not a notice: %v", n+1, err)
		}
		if got.Schema != 1 || got.SHA256 == "" || got.ID == "" || got.Type == "" || got.Title == "" {
			t.Errorf("line %d lacks schema/sha256/id/type/title: %+v", n+1, got)
		}
		n++
	}
	if n != 5 {
		t.Errorf("%d JSON lines for 5 records", n)
	}
}

func TestExtractStdinAndErrors(t *testing.T) {
	html := `<html><head><title>乌鲁木齐市公安局监控设备采购项目中标公告</title></head><body>
<p>一、项目编号：XJZC-2022-001</p><p>采购人：乌鲁木齐市公安局</p>
<p>中标供应商：新疆某某科技有限公司，中标金额：12.5万元</p></body></html>`
	code, out, stderr := run(t, html, "extract", "--json", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var n enduse.Notice
	if err := json.Unmarshal([]byte(out), &n); err != nil {
		t.Fatal(err)
	}
	if n.Type != enduse.TypeAward || n.Buyer == nil || n.Buyer.Sector != enduse.SectorPublicSecurity {
		t.Errorf("stdin notice: type %q buyer %+v", n.Type, n.Buyer)
	}

	// A missing file: non-zero exit, the file named.
	code, _, stderr = run(t, "", "extract", "--json", "/nonexistent/notice.html")
	if code == 0 || !strings.Contains(stderr, "/nonexistent/notice.html") {
		t.Errorf("missing file: exit %d, stderr %q", code, stderr)
	}
	// Usage errors exit 2.
	if code, _, _ := run(t, "", "extract"); code != 2 {
		t.Errorf("extract with no files: exit %d, want 2", code)
	}
	if code, _, _ := run(t, "", "extract", "--fields", "colour=x", "a"); code != 2 {
		t.Errorf("bad --fields: exit %d, want 2", code)
	}
	if code, _, _ := run(t, "", "nosuchcommand"); code != 2 {
		t.Errorf("unknown command: exit %d, want 2", code)
	}
}

func TestIngestQuery(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "e.db")
	ning, nf := sampleExport(t, dir, "ningbo-ygcg.jsonl", 40)
	yich, yf := sampleExport(t, dir, "yichang-ggzy.jsonl", 20)

	code, out, stderr := run(t, "", "ingest", "--db", db, "--fields", nf, ning)
	if code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "40 stored") {
		t.Errorf("ingest summary: %q", out)
	}
	if code, _, stderr = run(t, "", "ingest", "--db", db, "--fields", yf, yich); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, stderr)
	}
	// Same bytes again: all duplicates.
	code, out, _ = run(t, "", "ingest", "--db", db, "--fields", nf, ning)
	if code != 0 || !strings.Contains(out, "0 stored") || !strings.Contains(out, "40 duplicates") {
		t.Errorf("re-ingest: exit %d, %q", code, out)
	}

	code, out, stderr = run(t, "", "query", "--db", db, "--json", "--limit", "5")
	if code != 0 {
		t.Fatalf("query: exit %d: %s", code, stderr)
	}
	var res map[string]any
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"notices", "buyers", "quantity", "by_product_line", "by_category", "co_mentions", "rows"} {
		if _, ok := res[k]; !ok {
			t.Errorf("query --json lacks %q", k)
		}
	}
	if res["documents"].(float64) != 60 {
		t.Errorf("documents = %v, want 60", res["documents"])
	}
	if rows := res["rows"].([]any); len(rows) != 5 {
		t.Errorf("%d rows with --limit 5", len(rows))
	}

	// Filters narrow: only the Yichang award/candidate notices are typed so.
	code, out, _ = run(t, "", "query", "--db", db, "--json", "--type", "tender")
	if code != 0 {
		t.Fatal(out)
	}
	var tenders enduse.Result
	json.Unmarshal([]byte(out), &tenders)
	if tenders.Documents == 0 || tenders.Documents >= 60 {
		t.Errorf("--type tender matched %d of 60 documents", tenders.Documents)
	}
	for _, r := range tenders.Rows {
		if r.Type != enduse.TypeTender {
			t.Errorf("--type tender returned a %s row", r.Type)
		}
	}

	code, out, _ = run(t, "", "query", "--db", db, "--csv", "--region", "宜昌")
	if code != 0 {
		t.Fatal(out)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) < 2 || recs[0][0] != "id" {
		t.Errorf("--csv output: %v %q", err, out)
	}

	// A human table on the terminal path.
	if code, out, _ = run(t, "", "query", "--db", db, "--text", "采购"); code != 0 || !strings.Contains(out, "unique notices") {
		t.Errorf("query table: exit %d %q", code, out)
	}
	// Bad filters are usage errors; a missing database is named.
	if code, _, _ := run(t, "", "query", "--db", db, "--from", "2022/01/01"); code != 2 {
		t.Errorf("bad date: exit %d, want 2", code)
	}
	if code, _, stderr := run(t, "", "query", "--db", filepath.Join(dir, "typo.db")); code != 1 || !strings.Contains(stderr, "typo.db") {
		t.Errorf("missing db: exit %d %q", code, stderr)
	}
}

func TestScreenJSON(t *testing.T) {
	code, out, stderr := run(t, "", "screen", "--json", "乌鲁木齐市公安局天山区分局", "上海市公安局")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines for 2 names", len(lines))
	}
	var first, second screenResult
	json.Unmarshal([]byte(lines[0]), &first)
	json.Unmarshal([]byte(lines[1]), &second)
	if len(first.Hits) == 0 || first.Hits[0].Relation != enduse.RelationSubordinate || first.Hits[0].Why == "" {
		t.Errorf("天山区分局: %+v", first)
	}
	if len(second.Hits) != 0 {
		t.Errorf("上海市公安局 hit %+v", second.Hits)
	}
}

func TestKBCommands(t *testing.T) {
	if code, out, stderr := run(t, "", "kb", "check"); code != 0 || !strings.Contains(out, "0 problems") {
		t.Errorf("kb check: exit %d %q %q", code, out, stderr)
	}
	code, out, _ := run(t, "", "kb", "explain", "希捷酷鹰 ST4000VX013")
	if code != 0 || !strings.Contains(out, "Seagate") || !strings.Contains(out, "SkyHawk") {
		t.Errorf("kb explain: %q", out)
	}
	code, out, _ = run(t, "", "kb", "explain", "新华三")
	if code != 0 || !strings.Contains(out, "Hewlett Packard Enterprise") {
		t.Errorf("kb explain 新华三: %q", out)
	}
}

// TestListsImportRescreens imports a (constructed) list into a database
// that already holds notices and checks the stored buyers are re-screened:
// --listed then finds them, and the list shows with its version.
func TestListsImportRescreens(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "l.db")
	yich, yf := sampleExport(t, dir, "yichang-ggzy.jsonl", 110)
	if code, _, stderr := run(t, "", "ingest", "--db", db, "--fields", yf, yich); code != 0 {
		t.Fatalf("ingest: %s", stderr)
	}
	if code, _, stderr := run(t, "", "ingest", "--db", db, "testdata/yichang-psb-award.html"); code != 0 {
		t.Fatalf("ingest: %s", stderr)
	}
	_, out, _ := run(t, "", "query", "--db", db, "--json", "--listed")
	var before enduse.Result
	json.Unmarshal([]byte(out), &before)

	code, out, stderr := run(t, "", "lists", "import", "--db", db, "testdata/constructed-list.csv")
	if code != 0 {
		t.Fatalf("lists import: exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "imported") || !strings.Contains(out, "re-screened") {
		t.Errorf("lists import output: %q", out)
	}
	_, out, _ = run(t, "", "query", "--db", db, "--json", "--listed", "--buyer", "宜昌市公安局")
	var after enduse.Result
	json.Unmarshal([]byte(out), &after)
	if after.Documents == 0 {
		t.Errorf("after importing a list naming the Yichang PSB, --listed finds no Yichang PSB notice (before: %d listed)", before.Documents)
	}
	_, out, _ = run(t, "", "lists", "--db", db, "--json")
	if !strings.Contains(out, "Yichang") && !strings.Contains(out, "constructed-list.csv") {
		t.Errorf("lists --db does not show the import: %s", out)
	}
}

func TestReportFormats(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "r.db")
	if code, _, stderr := run(t, "", "ingest", "--db", db, "testdata/yichang-psb-award.html"); code != 0 {
		t.Fatal(stderr)
	}
	for _, name := range []string{"r.md", "r.html", "r.json"} {
		out := filepath.Join(dir, name)
		code, _, stderr := run(t, "", "report", "--db", db, "--brand", "希捷", "--out", out)
		if code != 0 {
			t.Fatalf("report %s: exit %d: %s", name, code, stderr)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), "宜昌市公安局点军区分局") || !strings.Contains(string(b), "Seagate") {
			t.Errorf("%s lacks the buyer or the brand:\n%.400s", name, b)
		}
	}
	if code, _, _ := run(t, "", "report", "--db", db, "--out", filepath.Join(dir, "r.docx")); code != 2 {
		t.Errorf("unknown report extension: exit %d, want 2", code)
	}
	if code, _, _ := run(t, "", "report", "--db", db); code != 2 {
		t.Errorf("report without --out or --json: exit %d, want 2", code)
	}
}

func TestProfiles(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	if code, _, stderr := run(t, "", "ingest", "--db", db, "testdata/yichang-psb-award.html"); code != 0 {
		t.Fatal(stderr)
	}
	code, out, stderr := run(t, "", "org", "--db", db, "宜昌市公安局点军区分局")
	if code != 0 || !strings.Contains(out, "1 as buyer") || !strings.Contains(out, "Seagate") {
		t.Errorf("org profile: exit %d %q %q", code, out, stderr)
	}
	code, out, stderr = run(t, "", "brand", "--db", db, "--json", "希捷")
	var p enduse.BrandProfile
	if code != 0 || json.Unmarshal([]byte(out), &p) != nil || p.Brand != "Seagate" || p.Buyers != 1 {
		t.Errorf("brand profile: exit %d %q %q", code, out, stderr)
	}
	if code, _, stderr := run(t, "", "org", "--db", db, "不存在的单位"); code != 1 || !strings.Contains(stderr, "不存在的单位") {
		t.Errorf("unknown org: exit %d %q", code, stderr)
	}
}

// TestPostgresEndToEnd runs ingest, query and lists against a real
// PostgreSQL when $ENDUSE_TEST_POSTGRES names one (make test starts one).
func TestPostgresEndToEnd(t *testing.T) {
	dsn := os.Getenv("ENDUSE_TEST_POSTGRES")
	if dsn == "" {
		if os.Getenv("ENDUSE_TEST_REQUIRE_SERVICES") == "1" {
			t.Fatal("ENDUSE_TEST_POSTGRES is not set")
		}
		t.Skip("ENDUSE_TEST_POSTGRES is not set; make test starts a PostgreSQL for this test")
	}
	// A database of this test's own, so reruns start clean.
	dir := t.TempDir()
	yich, yf := sampleExport(t, dir, "yichang-ggzy.jsonl", 15)
	db := freshPostgres(t, dsn)
	if code, out, stderr := run(t, "", "ingest", "--db", db, "--fields", yf, yich); code != 0 || !strings.Contains(out, "15 stored") {
		t.Fatalf("ingest into PostgreSQL: exit %d %q %q", code, out, stderr)
	}
	if code, out, _ := run(t, "", "ingest", "--db", db, "--fields", yf, yich); code != 0 || !strings.Contains(out, "15 duplicates") {
		t.Errorf("re-ingest into PostgreSQL: %q", out)
	}
	code, out, stderr := run(t, "", "query", "--db", db, "--json", "--region", "42")
	var res enduse.Result
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil || res.Documents != 15 {
		t.Errorf("query PostgreSQL: exit %d, %d documents, %s", code, res.Documents, stderr)
	}
}

func TestParseFlagsInterspersed(t *testing.T) {
	for _, tt := range []struct {
		args []string
		json bool
		pos  []string
	}{
		{[]string{"希捷", "--json"}, true, []string{"希捷"}},
		{[]string{"--json", "希捷", "WD"}, true, []string{"希捷", "WD"}},
		{[]string{"a", "--", "--json"}, false, []string{"a", "--json"}},
		{[]string{}, false, nil},
	} {
		fs := newFlags(Env{Stderr: io.Discard}, "t", "")
		j := fs.Bool("json", false, "")
		pos, err := parseFlags(fs, "t", tt.args)
		if err != nil || *j != tt.json || strings.Join(pos, "|") != strings.Join(tt.pos, "|") {
			t.Errorf("parseFlags(%q) = %q, json %v, %v; want %q, %v", tt.args, pos, *j, err, tt.pos, tt.json)
		}
	}
}
