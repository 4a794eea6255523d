// Package storetest is the conformance suite every enduse store backend
// runs (SQLite now, PostgreSQL later): idempotent ingest, failed documents,
// redaction, every filter, grouping of re-publications, purchases counted
// once across award and contract notices, and the profiles and listings.
//
// Its fixtures are enduse.Notice values constructed in Go — a small world
// in which every expected figure can be checked by hand.
package storetest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/enduse/enduse"
)

// Run runs the conformance suite. open must return a new, empty store for
// each call; Run closes it.
func Run(t *testing.T, open func(t *testing.T) enduse.Store) {
	t.Run("SaveIdempotent", func(t *testing.T) { testSaveIdempotent(t, open) })
	t.Run("SaveInvalid", func(t *testing.T) { testSaveInvalid(t, open) })
	t.Run("Interrupted", func(t *testing.T) { testInterrupted(t, open) })
	t.Run("Failed", func(t *testing.T) { testFailed(t, open) })
	t.Run("Redaction", func(t *testing.T) { testRedaction(t, open) })
	t.Run("NoticeAndRaw", func(t *testing.T) { testNoticeAndRaw(t, open) })
	t.Run("Filters", func(t *testing.T) { testFilters(t, open) })
	t.Run("InvalidFilters", func(t *testing.T) { testInvalidFilters(t, open) })
	t.Run("CaseStudy", func(t *testing.T) { testCaseStudy(t, open) })
	t.Run("Aggregates", func(t *testing.T) { testAggregates(t, open) })
	t.Run("Paging", func(t *testing.T) { testPaging(t, open) })
	t.Run("OrgProfile", func(t *testing.T) { testOrgProfile(t, open) })
	t.Run("BrandProfile", func(t *testing.T) { testBrandProfile(t, open) })
	t.Run("Listings", func(t *testing.T) { testListings(t, open) })
	t.Run("GroupLots", func(t *testing.T) { testGroupLots(t, open) })
	t.Run("SharedCode", func(t *testing.T) { testSharedCode(t, open) })
	t.Run("CaseStudyGolden", func(t *testing.T) { testCaseStudyGolden(t, open) })
	t.Run("Migrations", func(t *testing.T) { testMigrations(t, open) })
	t.Run("BatchSave", func(t *testing.T) { testBatchSave(t, open) })
	t.Run("BatchEqualsSingle", func(t *testing.T) { testBatchEqualsSingle(t, open) })
	t.Run("Claims", func(t *testing.T) { testClaims(t, open) })
	t.Run("Pathways", func(t *testing.T) { testPathways(t, open) })
	t.Run("ReplaceNotice", func(t *testing.T) { testReplaceNotice(t, open) })
	t.Run("EachRow", func(t *testing.T) { testEachRow(t, open) })
	t.Run("StreamedAnswer", func(t *testing.T) { testStreamedAnswer(t, open) })
	t.Run("SummaryKept", func(t *testing.T) { testSummaryKept(t, open) })
	t.Run("ShortTerms", func(t *testing.T) { testShortTerms(t, open) })
}

// world is a store loaded with the fixtures, with their ids by name.
type world struct {
	st    enduse.Store
	ids   map[string]string // fixture name → sha256
	names map[string]string // sha256 → fixture name
	fx    []fixture
}

// load opens a store and saves every fixture.
func load(t *testing.T, open func(t *testing.T) enduse.Store) *world {
	t.Helper()
	st := open(t)
	t.Cleanup(func() {
		if err := st.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	w := &world{st: st, ids: map[string]string{}, names: map[string]string{}, fx: fixtures()}
	for _, f := range w.fx {
		out, err := st.SaveNotice(context.Background(), f.doc, f.redacted, f.notice, f.parseErr)
		if err != nil {
			t.Fatalf("save %s: %v", f.name, err)
		}
		want := enduse.OutcomeStored
		if f.parseErr != nil {
			want = enduse.OutcomeFailed
		}
		if out != want {
			t.Fatalf("save %s: outcome %s, want %s", f.name, out, want)
		}
		w.ids[f.name] = f.doc.SHA256
		w.names[f.doc.SHA256] = f.name
	}
	return w
}

// query runs a filter and fails the test on error.
func (w *world) query(t *testing.T, f enduse.Filter) *enduse.Result {
	t.Helper()
	res, err := w.st.Query(context.Background(), f)
	if err != nil {
		t.Fatalf("query %+v: %v", f, err)
	}
	return res
}

// saveAll saves items in one batch and fails the test on error.
func (w *world) saveAll(t *testing.T, items []enduse.SaveItem) {
	t.Helper()
	bs, ok := w.st.(enduse.BatchSaver)
	if !ok {
		t.Fatal("store has no batch save")
	}
	if _, err := bs.SaveNotices(context.Background(), items); err != nil {
		t.Fatal(err)
	}
}

// rowNames is the fixture names of a result's rows, sorted.
func (w *world) rowNames(res *enduse.Result) []string {
	var out []string
	for _, r := range res.Rows {
		out = append(out, w.nameOf(r.ID))
	}
	sort.Strings(out)
	return out
}

// figNames is the fixture names behind a figure, sorted.
func (w *world) figNames(f enduse.Figure) []string {
	var out []string
	for _, id := range f.IDs {
		out = append(out, w.nameOf(id))
	}
	sort.Strings(out)
	return out
}

func (w *world) nameOf(id string) string {
	if n, ok := w.names[id]; ok {
		return n
	}
	return "?" + id
}

// fixture returns the fixture with this name.
func (w *world) fixture(t *testing.T, name string) fixture {
	t.Helper()
	for _, f := range w.fx {
		if f.name == name {
			return f
		}
	}
	t.Fatalf("no fixture %s", name)
	return fixture{}
}

func testSaveIdempotent(t *testing.T, open func(t *testing.T) enduse.Store) {
	w := load(t, open)
	ctx := context.Background()
	before, err := w.st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	resBefore := w.query(t, enduse.Filter{})
	for _, f := range w.fx {
		out, err := w.st.SaveNotice(ctx, f.doc, f.redacted, f.notice, f.parseErr)
		if err != nil {
			t.Fatalf("re-save %s: %v", f.name, err)
		}
		if out != enduse.OutcomeDuplicate {
			t.Errorf("re-save %s: outcome %s, want duplicate", f.name, out)
		}
		ok, err := w.st.HasDocument(ctx, f.doc.SHA256)
		if err != nil || !ok {
			t.Errorf("HasDocument(%s) = %v, %v; want true", f.name, ok, err)
		}
	}
	// The same bytes with a different notice change nothing either.
	a1 := w.fixture(t, "A1")
	other := *a1.notice
	other.Title = "changed"
	if out, err := w.st.SaveNotice(ctx, a1.doc, a1.redacted, &other, nil); err != nil || out != enduse.OutcomeDuplicate {
		t.Errorf("save changed notice for stored bytes: %s, %v; want duplicate", out, err)
	}
	after, err := w.st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(before) != fmt.Sprint(after) {
		t.Errorf("stats changed on re-save: %+v → %+v", before, after)
	}
	resAfter := w.query(t, enduse.Filter{})
	if resBefore.Documents != resAfter.Documents || resBefore.Notices != resAfter.Notices || resBefore.Quantity != resAfter.Quantity {
		t.Errorf("query changed on re-save: %d/%d/%v → %d/%d/%v", resBefore.Documents, resBefore.Notices, resBefore.Quantity,
			resAfter.Documents, resAfter.Notices, resAfter.Quantity)
	}
	sn, err := w.st.Notice(ctx, w.ids["A1"])
	if err != nil {
		t.Fatal(err)
	}
	if sn.Title == "changed" {
		t.Error("duplicate save overwrote the stored notice")
	}
	if ok, err := w.st.HasDocument(ctx, strings.Repeat("0", 64)); err != nil || ok {
		t.Errorf("HasDocument(unknown) = %v, %v; want false", ok, err)
	}
}

func testSaveInvalid(t *testing.T, open func(t *testing.T) enduse.Store) {
	st := open(t)
	defer st.Close()
	ctx := context.Background()
	f := fixtures()[1]
	wrongSum := *f.doc
	wrongSum.SHA256 = strings.Repeat("a", 64)
	shortRedacted := []rune(f.redacted)
	cases := []struct {
		name     string
		doc      *enduse.Document
		redacted string
		n        *enduse.Notice
		err      error
	}{
		{"nil document", nil, f.redacted, f.notice, nil},
		{"sha256 not of the bytes", &wrongSum, f.redacted, f.notice, nil},
		{"redacted text of another length", f.doc, string(shortRedacted[:len(shortRedacted)-3]), f.notice, nil},
		{"no notice and no error", f.doc, f.redacted, nil, nil},
		{"unknown notice type", f.doc, f.redacted, &enduse.Notice{Type: "bogus", Title: "x"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := st.SaveNotice(ctx, c.doc, c.redacted, c.n, c.err)
			if !errors.Is(err, enduse.ErrInvalid) {
				t.Fatalf("err = %v, want ErrInvalid", err)
			}
		})
	}
	if ok, err := st.HasDocument(ctx, f.doc.SHA256); err != nil || ok {
		t.Errorf("after invalid saves HasDocument = %v, %v; want false", ok, err)
	}
}

// testInterrupted cancels an ingest half-way and re-runs it: nothing is
// lost and nothing counted twice.
func testInterrupted(t *testing.T, open func(t *testing.T) enduse.Store) {
	ref := load(t, open)
	want := ref.query(t, enduse.Filter{Brand: "Seagate"})

	st := open(t)
	defer st.Close()
	fx := fixtures()
	half := len(fx) / 2
	for _, f := range fx[:half] {
		if _, err := st.SaveNotice(context.Background(), f.doc, f.redacted, f.notice, f.parseErr); err != nil {
			t.Fatalf("save %s: %v", f.name, err)
		}
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := st.SaveNotice(cancelled, fx[half].doc, fx[half].redacted, fx[half].notice, fx[half].parseErr); err == nil {
		t.Fatalf("save with cancelled context succeeded")
	}
	if ok, err := st.HasDocument(context.Background(), fx[half].doc.SHA256); err != nil || ok {
		t.Fatalf("interrupted save left the document: %v, %v", ok, err)
	}
	stored := 0
	for _, f := range fx {
		out, err := st.SaveNotice(context.Background(), f.doc, f.redacted, f.notice, f.parseErr)
		if err != nil {
			t.Fatalf("resume %s: %v", f.name, err)
		}
		if out != enduse.OutcomeDuplicate {
			stored++
		}
	}
	if stored != len(fx)-half {
		t.Errorf("resume stored %d documents, want %d", stored, len(fx)-half)
	}
	got, err := st.Query(context.Background(), enduse.Filter{Brand: "Seagate"})
	if err != nil {
		t.Fatal(err)
	}
	if got.Documents != want.Documents || got.Notices != want.Notices || got.Quantity != want.Quantity || got.Amount != want.Amount {
		t.Errorf("after resume: %d docs %d notices qty %v amount %v; uninterrupted: %d %d %v %v",
			got.Documents, got.Notices, got.Quantity, got.Amount, want.Documents, want.Notices, want.Quantity, want.Amount)
	}
}

func testFailed(t *testing.T, open func(t *testing.T) enduse.Store) {
	w := load(t, open)
	ctx := context.Background()
	st, err := w.st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Failed != 1 || st.Documents != len(w.fx) || st.Parsed != len(w.fx)-1 {
		t.Errorf("stats = %+v; want 1 failed of %d", st, len(w.fx))
	}
	sn, err := w.st.Notice(ctx, w.ids["F1"])
	if err != nil {
		t.Fatalf("notice of failed document: %v", err)
	}
	if !strings.Contains(sn.Error, "encrypted") {
		t.Errorf("failed document error = %q, want the parse failure", sn.Error)
	}
	raw, mt, err := w.st.Raw(ctx, w.ids["F1"])
	if err != nil || mt != "application/pdf" || string(raw) != string(w.fixture(t, "F1").doc.Raw) {
		t.Errorf("raw of failed document = %q, %q, %v", raw, mt, err)
	}
	res := w.query(t, enduse.Filter{Text: "扫描件无法识别"})
	if res.Documents != 0 {
		t.Errorf("failed document matched a query: %v", w.rowNames(res))
	}
}

func testRedaction(t *testing.T, open func(t *testing.T) enduse.Store) {
	w := load(t, open)
	ctx := context.Background()
	for _, f := range w.fx {
		sn, err := w.st.Notice(ctx, f.doc.SHA256)
		if err != nil {
			t.Fatalf("notice %s: %v", f.name, err)
		}
		if sn.Text != f.redacted {
			t.Errorf("%s: stored text is not the redacted text", f.name)
		}
		b, err := json.Marshal(sn)
		if err != nil {
			t.Fatal(err)
		}
		for _, pd := range []string{personName, personPhone} {
			if strings.Contains(string(b), pd) {
				t.Errorf("%s: stored notice contains personal data %q", f.name, pd)
			}
		}
		if f.notice != nil {
			if e, ok := sn.Evidence["contact"]; !ok || !strings.Contains(e.Text, "***") {
				t.Errorf("%s: contact evidence = %+v, want its redacted text", f.name, e)
			}
			if e := sn.Evidence["buyer"]; e.Text != f.notice.Evidence["buyer"].Text {
				t.Errorf("%s: buyer evidence = %q, want %q", f.name, e.Text, f.notice.Evidence["buyer"].Text)
			}
		}
	}
	for _, q := range []string{personPhone, personName, "张三"} {
		if res := w.query(t, enduse.Filter{Text: q}); res.Documents != 0 {
			t.Errorf("text search for personal data %q found %v", q, w.rowNames(res))
		}
	}
	if res := w.query(t, enduse.Filter{Text: "联系人"}); res.Documents != len(w.fx)-1 {
		t.Errorf("text search for the label 联系人 found %d documents, want %d", res.Documents, len(w.fx)-1)
	}
}

func testNoticeAndRaw(t *testing.T, open func(t *testing.T) enduse.Store) {
	w := load(t, open)
	ctx := context.Background()
	a1 := w.fixture(t, "A1")
	sn, err := w.st.Notice(ctx, strings.ToUpper(w.ids["A1"][:10]))
	if err != nil {
		t.Fatalf("notice by prefix: %v", err)
	}
	if sn.SHA256 != w.ids["A1"] || sn.Title != a1.notice.Title || sn.Buyer == nil || sn.Buyer.Name != a1.notice.Buyer.Name ||
		len(sn.Items) != 3 || len(sn.Mentions) != 3 || sn.MediaType != "text/html" || sn.Ingested == "" {
		t.Errorf("notice A1 = %+v", sn)
	}
	if !slices.Equal(sn.Copies, []string{w.ids["A1r"]}) || sn.Group == "" {
		t.Errorf("A1 group %q copies %v, want [A1r]", sn.Group, sn.Copies)
	}
	if c1, err := w.st.Notice(ctx, w.ids["C1"]); err != nil || len(c1.Copies) != 0 || c1.Group == sn.Group {
		t.Errorf("contract C1 shares A1's announcement group (copies %v): %v", c1.Copies, err)
	}
	raw, mt, err := w.st.Raw(ctx, w.ids["A1"])
	if err != nil || mt != "text/html" || string(raw) != string(a1.doc.Raw) {
		t.Errorf("raw A1 = %d bytes %q %v; want the original bytes", len(raw), mt, err)
	}
	// Every document's bytes come back as they were given, packed for
	// storage or not (storeutil.Raws).
	for _, f := range w.fx {
		raw, _, err := w.st.Raw(ctx, f.doc.SHA256)
		if err != nil || !bytes.Equal(raw, f.doc.Raw) {
			t.Errorf("raw %s = %d bytes, %v; want its %d original bytes", f.name, len(raw), err, len(f.doc.Raw))
		}
	}
	for _, c := range []struct {
		name, id string
		err      error
	}{
		{"unknown", strings.Repeat("f", 64), enduse.ErrNotFound},
		{"unknown prefix", "ffffffffff", enduse.ErrNotFound},
		{"too short", w.ids["A1"][:4], enduse.ErrInvalid},
		{"not hex", "zzzzzzzzzz", enduse.ErrInvalid},
		{"empty", "", enduse.ErrInvalid},
	} {
		t.Run(c.name, func(t *testing.T) {
			if _, err := w.st.Notice(ctx, c.id); !errors.Is(err, c.err) {
				t.Errorf("Notice(%q) err = %v, want %v", c.id, err, c.err)
			}
			if _, _, err := w.st.Raw(ctx, c.id); !errors.Is(err, c.err) {
				t.Errorf("Raw(%q) err = %v, want %v", c.id, err, c.err)
			}
		})
	}
}

func testFilters(t *testing.T, open func(t *testing.T) enduse.Store) {
	w := load(t, open)
	seagateRows := []string{"A1", "C1", "C2", "K1", "K2", "T1"}
	cases := []struct {
		name string
		f    enduse.Filter
		rows []string // announcements (representatives), sorted
		docs int      // documents, re-publications included
	}{
		{"everything", enduse.Filter{}, []string{"A1", "C1", "C2", "E1", "K1", "K2", "P1", "T1", "Y1"}, 11},
		{"brand canonical", enduse.Filter{Brand: "Seagate"}, seagateRows, 8},
		{"brand lower case", enduse.Filter{Brand: "seagate"}, seagateRows, 8},
		{"brand alias", enduse.Filter{Brand: "希捷"}, seagateRows, 8},
		{"brand model text", enduse.Filter{Brand: "ST8000VX004"}, seagateRows, 8},
		{"brand only as specification", enduse.Filter{Brand: "Dell"}, nil, 0},
		{"brand specification included", enduse.Filter{Brand: "Dell", IncludeSpec: true}, []string{"E1", "K1"}, 3},
		{"brand unknown", enduse.Filter{Brand: "Nokia"}, nil, 0},
		{"company substring", enduse.Filter{Company: "seagate tech"}, seagateRows, 8},
		{"country", enduse.Filter{Country: "CN"}, []string{"A1", "Y1"}, 3},
		{"us linked", enduse.Filter{USLinked: true}, []string{"A1", "C1", "C2", "K1", "K2", "P1", "T1", "Y1"}, 10},
		{"category prefix", enduse.Filter{Category: "network"}, []string{"P1", "Y1"}, 2},
		{"category full", enduse.Filter{Category: "storage.surveillance"}, seagateRows, 8},
		{"category prefix only at a dot", enduse.Filter{Category: "stor"}, nil, 0},
		{"product line", enduse.Filter{ProductLine: "WD Purple"}, []string{"K1"}, 2},
		{"brand and category on one mark", enduse.Filter{Brand: "Seagate", Category: "network"}, nil, 0},
		{"buyer chinese", enduse.Filter{Buyer: "喀什"}, []string{"K1", "K2"}, 3},
		{"buyer english", enduse.Filter{Buyer: "kashgar prefecture"}, []string{"K1", "K2"}, 3},
		{"supplier", enduse.Filter{Supplier: "天山"}, []string{"A1", "C1", "C2"}, 4},
		{"supplier english", enduse.Filter{Supplier: "Tianshan Technology"}, []string{"A1", "C1", "C2"}, 4},
		{"supplier candidate", enduse.Filter{Supplier: "安防工程"}, []string{"A1"}, 2},
		{"supplier is not buyer", enduse.Filter{Supplier: "公安局"}, nil, 0},
		{"sector", enduse.Filter{Sector: enduse.SectorPrisonJustice}, []string{"P1"}, 1},
		{"level", enduse.Filter{Level: enduse.LevelUnit}, []string{"E1"}, 1},
		{"procurement method", enduse.Filter{Method: "single_source"}, []string{"P1"}, 1},
		{"procurement method none", enduse.Filter{Method: "inquiry"}, nil, 0},
		{"region code prefix", enduse.Filter{Region: "42"}, []string{"E1", "Y1"}, 2},
		{"region code full", enduse.Filter{Region: "653100"}, []string{"K1", "K2"}, 3},
		{"region place name", enduse.Filter{Region: "新疆"}, []string{"A1", "C1", "C2", "K1", "K2", "P1", "T1"}, 9},
		{"region prefecture name", enduse.Filter{Region: "喀什"}, []string{"K1", "K2"}, 3},
		{"types", enduse.Filter{Types: []enduse.NoticeType{enduse.TypeSingleSource, enduse.TypeTender}}, []string{"E1", "P1", "T1"}, 3},
		{"from and to inclusive", enduse.Filter{From: "2022-05-12", To: "2022-05-12"}, []string{"C2"}, 1},
		{"from", enduse.Filter{From: "2022-05-02"}, []string{"C2", "K2"}, 2},
		{"to", enduse.Filter{To: "2022-02-01"}, []string{"E1", "T1"}, 2},
		{"listed", enduse.Filter{Listed: true}, []string{"A1"}, 2},
		{"listed on a named list", enduse.Filter{Lists: []string{"BIS Entity List"}}, []string{"A1"}, 2},
		{"listed on another list", enduse.Filter{Listed: true, Lists: []string{"OFAC SDN"}}, nil, 0},
		{"text trigram", enduse.Filter{Text: "存储扩容"}, []string{"K1"}, 2},
		{"text two characters", enduse.Filter{Text: "教学"}, []string{"E1"}, 1},
		{"text one character", enduse.Filter{Text: "狱"}, []string{"P1"}, 1},
		{"text all terms", enduse.Filter{Text: "希捷 补充"}, []string{"K2"}, 1},
		{"text quoted phrase", enduse.Filter{Text: `"希捷硬盘10块"`}, []string{"K2"}, 1},
		{"text latin case-insensitive", enduse.Filter{Text: "st8000vx004"}, []string{"A1"}, 2},
		{"text with fts syntax", enduse.Filter{Text: `希捷" OR "思科`}, nil, 0},
		{"reason", enduse.Filter{Reason: enduse.ReasonImported}, []string{"P1"}, 1},
		{"reason absent", enduse.Filter{Reason: enduse.ReasonPatent}, nil, 0},
		{"combined", enduse.Filter{Brand: "Cisco", Region: "65"}, []string{"P1"}, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := w.query(t, c.f)
			if got := w.rowNames(res); !slices.Equal(got, c.rows) {
				t.Errorf("rows = %v, want %v", got, c.rows)
			}
			if res.Documents != c.docs {
				t.Errorf("documents = %d, want %d", res.Documents, c.docs)
			}
			if res.Notices != len(c.rows) || res.Total != len(c.rows) {
				t.Errorf("notices = %d, total = %d, want %d", res.Notices, res.Total, len(c.rows))
			}
		})
	}
}

func testInvalidFilters(t *testing.T, open func(t *testing.T) enduse.Store) {
	w := load(t, open)
	cases := []struct {
		name string
		f    enduse.Filter
	}{
		{"unknown type", enduse.Filter{Types: []enduse.NoticeType{"bogus"}}},
		{"from not a date", enduse.Filter{From: "2022/01/01"}},
		{"to not a date", enduse.Filter{To: "2022-13-01"}},
		{"from after to", enduse.Filter{From: "2022-02-01", To: "2022-01-01"}},
		{"unknown sector", enduse.Filter{Sector: "police"}},
		{"unknown level", enduse.Filter{Level: "city"}},
		{"malformed method", enduse.Filter{Method: "Open Tender"}},
		{"unknown reason", enduse.Filter{Reason: "cheap"}},
		{"negative limit", enduse.Filter{Limit: -1}},
		{"negative offset", enduse.Filter{Offset: -5}},
		{"invalid utf-8", enduse.Filter{Buyer: "\xff\xfe"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, err := w.st.Query(context.Background(), c.f); !errors.Is(err, enduse.ErrInvalid) {
				t.Errorf("err = %v, want ErrInvalid", err)
			}
		})
	}
}

// caseStudy is the report's question: award and contract notices of
// Xinjiang public-security buyers mentioning Seagate between 2022-01-01 and
// 2022-05-12.
func caseStudy() enduse.Filter {
	return enduse.Filter{Brand: "Seagate", Region: "65", Sector: enduse.SectorPublicSecurity,
		Types: []enduse.NoticeType{enduse.TypeAward, enduse.TypeContract}, From: "2022-01-01", To: "2022-05-12"}
}

func testCaseStudy(t *testing.T, open func(t *testing.T) enduse.Store) {
	w := load(t, open)
	res := w.query(t, caseStudy())
	// A1+A1r (one announcement), C1 (same purchase as A1), K1+K1r, C2.
	if got, want := w.rowNames(res), []string{"A1", "C1", "C2", "K1"}; !slices.Equal(got, want) {
		t.Fatalf("rows = %v, want %v", got, want)
	}
	if res.Notices != 4 || res.Documents != 6 || res.Buyers != 2 {
		t.Errorf("notices %d documents %d buyers %d, want 4 6 2", res.Notices, res.Documents, res.Buyers)
	}
	// Seagate disks: 100 (project XJ-2022-001, counted once across A1, A1r,
	// C1) + 30 (K1, once across K1r) + 7 (C2).
	if res.Quantity != 137 {
		t.Errorf("quantity = %v, want 137", res.Quantity)
	}
	// 500000 (XJ-2022-001 once) + 300000 (K1) + 7000 (C2).
	if res.Amount != 807000 {
		t.Errorf("amount = %v, want 807000", res.Amount)
	}
	wantFig := func(name string, m map[string]enduse.Figure, key string, names []string, qty float64) {
		t.Helper()
		f, ok := m[key]
		if !ok {
			t.Errorf("%s[%s] missing (have %v)", name, key, keys(m))
			return
		}
		if got := w.figNames(f); !slices.Equal(got, names) || f.Notices != len(names) {
			t.Errorf("%s[%s] = %d notices %v, want %v", name, key, f.Notices, got, names)
		}
		if qty >= 0 && f.Quantity != qty {
			t.Errorf("%s[%s] quantity = %v, want %v", name, key, f.Quantity, qty)
		}
	}
	wantFig("by_brand", res.ByBrand, "Seagate", []string{"A1", "C1", "C2", "K1"}, 137)
	wantFig("by_product_line", res.ByProductLine, "SkyHawk", []string{"A1", "C1", "C2", "K1"}, 137)
	wantFig("by_product_line", res.ByProductLine, "WD Purple", []string{"K1"}, 20)
	wantFig("by_category", res.ByCategory, "storage.surveillance", []string{"A1", "C1", "C2", "K1"}, 157)
	wantFig("co_mentions", res.CoMentions, "Hikvision", []string{"A1"}, 50)
	wantFig("co_mentions", res.CoMentions, "Western Digital", []string{"K1"}, 20)
	if _, ok := res.CoMentions["Seagate"]; ok {
		t.Error("co_mentions lists the filtered brand itself")
	}
	if _, ok := res.CoMentions["Dell"]; ok {
		t.Error("co_mentions lists Dell, named only as a specification")
	}
	wantFig("by_type", res.ByType, "award", []string{"A1", "K1"}, 130)
	wantFig("by_type", res.ByType, "contract", []string{"C1", "C2"}, 107)
	wantFig("by_buyer", res.ByBuyer, "乌鲁木齐市公安局", []string{"A1", "C1", "C2"}, 107)
	wantFig("by_buyer", res.ByBuyer, "喀什地区公安局", []string{"K1"}, 30)
	wantFig("by_sector", res.BySector, "public_security", []string{"A1", "C1", "C2", "K1"}, 137)
	wantFig("by_level", res.ByLevel, "prefecture", []string{"A1", "C1", "C2", "K1"}, 137)
	wantFig("by_region", res.ByRegion, "650000", []string{"A1", "C1", "C2", "K1"}, 137)
	wantFig("by_month", res.ByMonth, "2022-03", []string{"A1", "C1"}, 100)
	wantFig("by_month", res.ByMonth, "2022-04", []string{"K1"}, 30)
	wantFig("by_month", res.ByMonth, "2022-05", []string{"C2"}, 7)
	if len(res.ByRegion) != 1 || len(res.ByType) != 2 || len(res.ByMonth) != 3 {
		t.Errorf("by_region %v by_type %v by_month %v: unexpected keys", keys(res.ByRegion), keys(res.ByType), keys(res.ByMonth))
	}
	if f := res.ByBuyer["乌鲁木齐市公安局"]; f.Amount != 507000 {
		t.Errorf("by_buyer[Urumqi].amount = %v, want 507000", f.Amount)
	}
}

func testAggregates(t *testing.T, open func(t *testing.T) enduse.Store) {
	w := load(t, open)
	// No brand filter: quantities of all items, once per purchase.
	res := w.query(t, enduse.Filter{Buyer: "乌鲁木齐市公安局"})
	// XJ-2022-001: A1 has the most item detail (3 items: 60+40+50);
	// C2: 7.
	if res.Quantity != 157 {
		t.Errorf("quantity without brand filter = %v, want 157", res.Quantity)
	}
	if len(res.CoMentions) != 0 {
		t.Errorf("co_mentions without a brand filter = %v, want none", keys(res.CoMentions))
	}
	if f := res.ByBrand["Hikvision"]; f.Quantity != 50 || f.Notices != 1 {
		t.Errorf("by_brand[Hikvision] = %+v, want 1 notice, 50", f)
	}
	// A purchase's tender, award and contract: notices 3, purchase once.
	if f := res.ByBrand["Seagate"]; f.Notices != 4 || f.Quantity != 107 {
		t.Errorf("by_brand[Seagate] = %d notices qty %v, want 4 and 107", f.Notices, f.Quantity)
	}
	for _, r := range res.Rows {
		if r.Page != "/notices/"+r.ID || r.Source == "" || r.Group == "" || r.Buyer != "乌鲁木齐市公安局" ||
			r.BuyerEN == "" || r.Region != "650100" || r.Sector != enduse.SectorPublicSecurity {
			t.Errorf("row %s = %+v", w.nameOf(r.ID), r)
		}
	}
	row := func(name string) *enduse.Row {
		for i := range res.Rows {
			if w.nameOf(res.Rows[i].ID) == name {
				return &res.Rows[i]
			}
		}
		t.Fatalf("no row %s", name)
		return nil
	}
	if r := row("A1"); r.Winner != "新疆天山科技有限公司" || r.Amount != 500000 || r.Quantity != 150 ||
		!slices.Equal(r.Brands, []string{"Seagate", "Hikvision"}) && !slices.Equal(r.Brands, []string{"Hikvision", "Seagate"}) {
		t.Errorf("row A1 = %+v", r)
	}
	if r := row("T1"); r.Amount != 600000 || r.Winner != "" {
		t.Errorf("row T1 (tender: budget, no winner) = %+v", r)
	}
	// Brand figures carry only that brand's quantities.
	res = w.query(t, enduse.Filter{Brand: "Seagate"})
	if res.Quantity != 147 {
		t.Errorf("Seagate quantity = %v, want 147 (100+30+10+7)", res.Quantity)
	}
}

func testPaging(t *testing.T, open func(t *testing.T) enduse.Store) {
	w := load(t, open)
	all := w.query(t, enduse.Filter{})
	if len(all.Rows) != 9 || all.Total != 9 {
		t.Fatalf("rows %d total %d, want 9", len(all.Rows), all.Total)
	}
	for i := 1; i < len(all.Rows); i++ {
		if all.Rows[i-1].Published < all.Rows[i].Published {
			t.Errorf("rows not newest first: %s before %s", all.Rows[i-1].Published, all.Rows[i].Published)
		}
	}
	page := w.query(t, enduse.Filter{Limit: 3, Offset: 2})
	if len(page.Rows) != 3 || page.Total != 9 || page.Notices != 9 {
		t.Fatalf("page rows %d total %d", len(page.Rows), page.Total)
	}
	for i := range page.Rows {
		if page.Rows[i].ID != all.Rows[i+2].ID {
			t.Errorf("page row %d = %s, want %s", i, w.nameOf(page.Rows[i].ID), w.nameOf(all.Rows[i+2].ID))
		}
	}
	if past := w.query(t, enduse.Filter{Offset: 50}); len(past.Rows) != 0 || past.Total != 9 {
		t.Errorf("offset past the end: %d rows, total %d", len(past.Rows), past.Total)
	}
}

func testOrgProfile(t *testing.T, open func(t *testing.T) enduse.Store) {
	w := load(t, open)
	ctx := context.Background()
	for _, q := range []string{"乌鲁木齐市公安局", "Urumqi City Public Security Bureau"} {
		p, err := w.st.OrgProfile(ctx, q)
		if err != nil {
			t.Fatalf("org profile %s: %v", q, err)
		}
		if p.Key != "乌鲁木齐市公安局" || p.Sector != enduse.SectorPublicSecurity || p.Region == nil || p.Region.Code != "650100" {
			t.Errorf("profile %s identity = %+v", q, p)
		}
		if got := w.figNames(p.AsBuyer); !slices.Equal(got, []string{"A1", "C1", "C2", "T1"}) {
			t.Errorf("as buyer = %v", got)
		}
		if p.Records.Notices != 4 || p.AsWinner.Notices != 0 || p.First != "2022-02-01" || p.Last != "2022-05-12" {
			t.Errorf("records %d as winner %d span %s..%s", p.Records.Notices, p.AsWinner.Notices, p.First, p.Last)
		}
		if got := w.figNames(p.Counterparties["新疆天山科技有限公司"]); !slices.Equal(got, []string{"A1", "C1", "C2"}) {
			t.Errorf("counterparty Tianshan = %v", got)
		}
		if got := w.figNames(p.Counterparties["乌鲁木齐安防工程有限公司"]); !slices.Equal(got, []string{"A1"}) {
			t.Errorf("counterparty candidate = %v", got)
		}
		if f := p.CounterpartySectors["enterprise"]; f.Notices != 3 {
			t.Errorf("counterparty sectors = %v", p.CounterpartySectors)
		}
		if f := p.Brands["Seagate"]; f.Notices != 4 || f.Quantity != 107 {
			t.Errorf("brands[Seagate] = %+v, want 4 notices, 107", f)
		}
		if p.Bought.Amount != 507000 {
			t.Errorf("bought = %v, want 507000", p.Bought.Amount)
		}
		if len(p.Hits) != 1 || p.Hits[0].List != "BIS Entity List" || !slices.Equal(w.figNames(enduse.Figure{IDs: p.Hits[0].IDs}), []string{"A1"}) {
			t.Errorf("hits = %+v", p.Hits)
		}
	}
	p, err := w.st.OrgProfile(ctx, "新疆天山科技有限公司")
	if err != nil {
		t.Fatal(err)
	}
	if got := w.figNames(p.AsWinner); !slices.Equal(got, []string{"A1", "C1", "C2"}) {
		t.Errorf("as winner = %v", got)
	}
	// 500000 once for XJ-2022-001 (award and contract) + 7000.
	if p.Won.Amount != 507000 {
		t.Errorf("won = %v, want 507000", p.Won.Amount)
	}
	if got := w.figNames(p.Counterparties["乌鲁木齐市公安局"]); !slices.Equal(got, []string{"A1", "C1", "C2"}) {
		t.Errorf("clients = %v", got)
	}
	if f := p.CounterpartyRegions["650000"]; f.Notices != 3 {
		t.Errorf("client regions = %v", keys(p.CounterpartyRegions))
	}
	if len(p.Hits) != 0 || p.AsBuyer.Notices != 0 {
		t.Errorf("supplier has hits %v or buyer records %d", p.Hits, p.AsBuyer.Notices)
	}
	if _, err := w.st.OrgProfile(ctx, "不存在的单位"); !errors.Is(err, enduse.ErrNotFound) {
		t.Errorf("unknown org: err = %v, want ErrNotFound", err)
	}
	if _, err := w.st.OrgProfile(ctx, " "); !errors.Is(err, enduse.ErrInvalid) {
		t.Errorf("empty org: err = %v, want ErrInvalid", err)
	}
}

func testBrandProfile(t *testing.T, open func(t *testing.T) enduse.Store) {
	w := load(t, open)
	ctx := context.Background()
	for _, q := range []string{"Seagate", "希捷"} {
		p, err := w.st.BrandProfile(ctx, q)
		if err != nil {
			t.Fatalf("brand profile %s: %v", q, err)
		}
		if p.Brand != "Seagate" || p.Company != "Seagate Technology" || p.Country != "US" || !p.USLinked {
			t.Errorf("identity = %+v", p)
		}
		if p.Notices.Notices != 6 || p.Notices.Quantity != 147 || p.Buyers != 2 || p.First != "2022-02-01" || p.Last != "2022-06-01" {
			t.Errorf("notices %+v buyers %d span %s..%s", p.Notices, p.Buyers, p.First, p.Last)
		}
		if got := w.figNames(p.BySupplier["喀什网络科技有限公司"]); !slices.Equal(got, []string{"K1", "K2"}) {
			t.Errorf("by supplier Kashgar = %v", got)
		}
		if f := p.ByProductLine["SkyHawk"]; f.Quantity != 147 {
			t.Errorf("product line SkyHawk = %+v", f)
		}
		if _, ok := p.ByProductLine["WD Purple"]; ok {
			t.Error("by product line lists another brand's line")
		}
		if f := p.ByRegion["650000"]; f.Notices != 6 {
			t.Errorf("by region = %v", p.ByRegion)
		}
		if f := p.BySector["public_security"]; f.Notices != 6 {
			t.Errorf("by sector = %v", p.BySector)
		}
		if f := p.ByMonth["2022-03"]; f.Notices != 2 {
			t.Errorf("by month = %v", p.ByMonth)
		}
	}
	if _, err := w.st.BrandProfile(ctx, "Dell"); !errors.Is(err, enduse.ErrNotFound) {
		t.Errorf("brand named only as specification: err = %v, want ErrNotFound", err)
	}
	if _, err := w.st.BrandProfile(ctx, "Nokia"); !errors.Is(err, enduse.ErrNotFound) {
		t.Errorf("unknown brand: err = %v, want ErrNotFound", err)
	}
}

func testListings(t *testing.T, open func(t *testing.T) enduse.Store) {
	w := load(t, open)
	ctx := context.Background()
	bs, err := w.st.Brands(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]enduse.BrandSummary{}
	for _, b := range bs {
		got[b.Brand] = b
	}
	if b := got["Seagate"]; b.Documents != 8 || b.Country != "US" || !b.USLinked || b.Company != "Seagate Technology" {
		t.Errorf("brands[Seagate] = %+v, want 8 documents", b)
	}
	if len(bs) == 0 || bs[0].Brand != "Seagate" {
		t.Errorf("brands not most documents first: %+v", bs)
	}
	if _, ok := got["Dell"]; ok {
		t.Errorf("brands lists Dell, named only as a specification")
	}
	orgs, err := w.st.Orgs(ctx, "公安局", 0)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, o := range orgs {
		names = append(names, o.Key)
	}
	if !slices.Equal(names, []string{"乌鲁木齐市公安局", "喀什地区公安局", "宜昌市公安局"}) {
		t.Errorf("orgs(公安局) = %v", names)
	}
	if orgs[0].Documents != 5 || orgs[0].AsBuyer != 5 || !orgs[0].Listed || orgs[1].Listed {
		t.Errorf("orgs[0] = %+v orgs[1] = %+v", orgs[0], orgs[1])
	}
	if en, err := w.st.Orgs(ctx, "kashgar", 10); err != nil || len(en) != 1 || en[0].Key != "喀什地区公安局" {
		t.Errorf("orgs(kashgar) = %+v, %v; want the PSB by its English name", en, err)
	}
	if one, err := w.st.Orgs(ctx, "", 1); err != nil || len(one) != 1 {
		t.Errorf("orgs limit 1 = %d, %v", len(one), err)
	}
	if _, err := w.st.Orgs(ctx, "", -1); !errors.Is(err, enduse.ErrInvalid) {
		t.Errorf("negative limit: %v", err)
	}
	st, err := w.st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Notices != 9 || st.First != "2021-12-01" || st.Last != "2022-06-01" || st.ByType["award"] != 6 || st.ByType["contract"] != 2 {
		t.Errorf("stats = %+v", st)
	}
}

// keys is the sorted keys of a figure map, for messages.
func keys(m map[string]enduse.Figure) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Load saves the suite's fixtures into st and returns their ids by
// fixture name (T1, A1, A1r, C1, K1, K1r, K2, C2, P1, Y1, E1, F1; see the
// fixtures' doc). Other packages use it to test against a known world.
func Load(t testing.TB, st enduse.DocumentStore) map[string]string {
	t.Helper()
	ids := map[string]string{}
	for _, f := range fixtures() {
		if _, err := st.SaveNotice(context.Background(), f.doc, f.redacted, f.notice, f.parseErr); err != nil {
			t.Fatalf("save fixture %s: %v", f.name, err)
		}
		ids[f.name] = f.doc.SHA256
	}
	return ids
}

// CaseStudy is the report's question over the fixtures: award and contract
// notices of Xinjiang public-security buyers mentioning Seagate between
// 2022-01-01 and 2022-05-12.
func CaseStudy() enduse.Filter { return caseStudy() }

// BenchN is the number of notices the stores' benchmarks generate:
// $ENDUSE_BENCH_NOTICES, 2000 by default so CI stays fast.
func BenchN(tb testing.TB) int {
	s := os.Getenv("ENDUSE_BENCH_NOTICES")
	if s == "" {
		return 2000
	}
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		tb.Fatalf("ENDUSE_BENCH_NOTICES=%q: want a positive number", s)
	}
	return n
}
