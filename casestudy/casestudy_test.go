package casestudy

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/ingest"
	"github.com/enduse/enduse/pipeline"
	"github.com/enduse/enduse/report"
	"github.com/enduse/enduse/sqlite"
)

// tempDir is the directory of the shared store, removed by TestMain.
var tempDir atomic.Value

// shared is the corpus ingested once for every test of the package.
var shared = sync.OnceValues(func() (*sqlite.DB, error) {
	ctx := context.Background()
	p, err := pipeline.New(pipeline.Config{})
	if err != nil {
		return nil, fmt.Errorf("pipeline: %w", err)
	}
	dir, err := os.MkdirTemp("", "casestudy")
	if err != nil {
		return nil, err
	}
	tempDir.Store(dir)
	db, err := sqlite.Open(ctx, filepath.Join(dir, "case.db"))
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	sum, err := ingest.Run(ctx, db, p, Source(), ingest.Options{Workers: 2})
	if err != nil {
		return nil, fmt.Errorf("ingest: %w", err)
	}
	if sum.Failed+sum.Unreadable > 0 || sum.Stored != len(specs()) {
		return nil, fmt.Errorf("ingest: %+v, want %d stored", sum, len(specs()))
	}
	return db, nil
})

func TestMain(m *testing.M) {
	code := m.Run()
	if db, err := shared(); err == nil {
		db.Close()
	}
	if dir, ok := tempDir.Load().(string); ok {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

// ingested is the store holding the corpus, run through the real
// pipeline (built on first use).
func ingested(t testing.TB) *sqlite.DB {
	t.Helper()
	db, err := shared()
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func TestQueryReproducesTruth(t *testing.T) {
	ctx := context.Background()
	tr, err := LoadTruth()
	if err != nil {
		t.Fatal(err)
	}
	db := ingested(t)
	f := tr.Filter
	f.Limit = 1000
	res, err := db.Query(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	// Which files are behind the rows: ids → sources.
	var gotFiles []string
	buyers := map[string]bool{}
	for _, r := range res.Rows {
		buyers[r.Buyer] = true
	}
	docs := matchedDocuments(t, db, f)
	for _, d := range docs {
		gotFiles = append(gotFiles, filepath.Base(d))
	}
	sort.Strings(gotFiles)
	if strings.Join(gotFiles, "\n") != strings.Join(tr.Files, "\n") {
		t.Errorf("matched documents differ from truth:\n%s", diffSets(tr.Files, gotFiles))
	}
	check := func(what string, got, want any) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
	}
	check("notices", res.Notices, tr.Notices)
	check("documents", res.Documents, tr.Documents)
	check("buyers", res.Buyers, tr.Buyers)
	check("quantity", res.Quantity, tr.Quantity)
	for _, b := range tr.BuyerNames {
		if !buyers[b] {
			t.Errorf("no row names buyer %s", b)
		}
	}
	check("by_buyer entries", len(res.ByBuyer), tr.Buyers)
	for line, want := range tr.ByProductLine {
		got := res.ByProductLine[line]
		check("by_product_line["+line+"].notices", got.Notices, want.Notices)
		check("by_product_line["+line+"].quantity", got.Quantity, want.Quantity)
	}
	for typ, want := range tr.ByType {
		check("by_type["+typ+"].notices", res.ByType[typ].Notices, want.Notices)
	}
	for b, want := range tr.CoMentions {
		check("co_mentions["+b+"].notices", res.CoMentions[b].Notices, want.Notices)
	}
	for b := range res.CoMentions {
		if _, ok := tr.CoMentions[b]; !ok {
			t.Errorf("co_mentions has %q (%d notices), not in the truth", b, res.CoMentions[b].Notices)
		}
	}
}

// matchedDocuments is the sources of every stored document the filter
// matches (re-publications included), read through the groups of the
// rows.
func matchedDocuments(t testing.TB, db *sqlite.DB, f enduse.Filter) []string {
	t.Helper()
	ctx := context.Background()
	res, err := db.Query(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range res.Rows {
		n, err := db.Notice(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, n.Source)
		for _, c := range n.Copies {
			cn, err := db.Notice(ctx, c)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, cn.Source)
		}
	}
	return out
}

// diffSets lists what is missing from got and what got has in excess.
func diffSets(want, got []string) string {
	w, g := map[string]bool{}, map[string]bool{}
	for _, s := range want {
		w[s] = true
	}
	for _, s := range got {
		g[s] = true
	}
	var b strings.Builder
	for _, s := range want {
		if !g[s] {
			b.WriteString("  missing: " + s + "\n")
		}
	}
	for _, s := range got {
		if !w[s] {
			b.WriteString("  extra:   " + s + "\n")
		}
	}
	return b.String()
}

func TestReportReproducesTruth(t *testing.T) {
	ctx := context.Background()
	tr, err := LoadTruth()
	if err != nil {
		t.Fatal(err)
	}
	db := ingested(t)
	d, err := report.Build(ctx, db, db, tr.Filter)
	if err != nil {
		t.Fatal(err)
	}
	if d.Result.Notices != tr.Notices || d.Result.Quantity != tr.Quantity || d.Result.Buyers != tr.Buyers {
		t.Errorf("report figures: %d notices, %d buyers, %v drives; want %d, %d, %v",
			d.Result.Notices, d.Result.Buyers, d.Result.Quantity, tr.Notices, tr.Buyers, tr.Quantity)
	}
	if len(d.Notices) != tr.Notices {
		t.Errorf("appendix has %d entries, want one per announcement: %d", len(d.Notices), tr.Notices)
	}
	copies := 0
	for _, e := range d.Notices {
		copies += len(e.Copies)
	}
	if copies+len(d.Notices) != tr.Documents {
		t.Errorf("appendix names %d documents (entries + copies), want %d", copies+len(d.Notices), tr.Documents)
	}
	head := fmt.Sprintf("at least %d unique award or contract announcements from %d public-security buyers", tr.Notices, tr.Buyers)
	if len(d.Findings) == 0 || !strings.Contains(d.Findings[0].Text, head) {
		t.Errorf("headline finding does not say %q: %s", head, d.Findings[0].Text)
	}
	if !strings.Contains(d.Findings[0].Text, fmt.Sprintf("at least %g drives", tr.Quantity)) {
		t.Errorf("headline finding does not state %g drives: %s", tr.Quantity, d.Findings[0].Text)
	}
	// Every figure links to announcements the appendix holds.
	inAppendix := map[string]bool{}
	for _, e := range d.Notices {
		inAppendix[e.ID] = true
	}
	for _, f := range d.Findings {
		for _, id := range f.IDs {
			if !inAppendix[id] {
				t.Errorf("finding %q links to %s, not in the appendix", f.Text, id)
			}
		}
	}
	for _, tb := range d.Tables {
		for _, r := range tb.Rows {
			if r.Notices != len(r.IDs) {
				t.Errorf("table %s row %s: %d announcements but %d links", tb.ID, r.Label, r.Notices, len(r.IDs))
			}
			for _, id := range r.IDs {
				if !inAppendix[id] {
					t.Errorf("table %s row %s links to %s, not in the appendix", tb.ID, r.Label, id)
				}
			}
		}
	}
	var md, page strings.Builder
	if err := report.WriteMarkdown(&md, d); err != nil {
		t.Fatal(err)
	}
	if err := report.WriteHTML(&page, d); err != nil {
		t.Fatal(err)
	}
	for _, s := range tr.Personal {
		if strings.Contains(md.String(), s) || strings.Contains(page.String(), s) {
			t.Errorf("report shows personal data %q", s)
		}
	}
	golden(t, "report.md", md.String())
}

var update = flag.Bool("update", false, "rewrite testdata/report.md")

// golden compares got with testdata/name (rewritten with -update).
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden (go test ./casestudy -update to create): %v", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file; run go test ./casestudy -update and review the diff", name)
	}
}

func BenchmarkCaseStudyQuery(b *testing.B) {
	db := ingested(b)
	tr, err := LoadTruth()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := db.Query(context.Background(), tr.Filter); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCaseStudyReport(b *testing.B) {
	db := ingested(b)
	tr, err := LoadTruth()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		d, err := report.Build(context.Background(), db, db, tr.Filter)
		if err != nil {
			b.Fatal(err)
		}
		var sb strings.Builder
		if err := report.WriteHTML(&sb, d); err != nil {
			b.Fatal(err)
		}
	}
}
