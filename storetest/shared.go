package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/linelist"
)

// update rewrites storetest's golden files (go test ./sqlite -run
// Conformance/CaseStudyGolden -update) for review.
var update = flag.Bool("update", false, "rewrite golden files in testdata")

// testdataDir is storetest's own testdata folder, wherever the backend
// package running the suite lives.
func testdataDir(tb testing.TB) string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		tb.Fatal("storetest: cannot locate its testdata")
	}
	return filepath.Join(filepath.Dir(file), "testdata")
}

// golden compares got with storetest/testdata/name, rewriting it under
// -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	Golden(t, filepath.Join(testdataDir(t), name), got)
}

// Golden compares got with the file at path, rewriting it under -update
// (the one -update flag of every store test binary).
func Golden(t *testing.T, path string, got []byte) {
	t.Helper()
	name := filepath.Base(path)
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

// testCaseStudyGolden records the full answer to the case-study question
// over the fixtures, ids replaced by fixture names: every backend must
// give this answer to the byte.
func testCaseStudyGolden(t *testing.T, open func(t *testing.T) enduse.Store) {
	st := open(t)
	defer st.Close()
	ids := Load(t, st)
	res, err := st.Query(context.Background(), CaseStudy())
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

// QuerySeeds are the analysts' text queries of testdata/queries.txt, the
// seeds of the backends' FuzzQuery.
func QuerySeeds(tb testing.TB) []string {
	b, err := os.ReadFile(filepath.Join(testdataDir(tb), "queries.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	return linelist.Entries(string(b))
}

// FuzzQuery is the body of every backend's FuzzQuery: arbitrary text,
// brand, buyer and region strings must be answered consistently or
// refused with ErrInvalid, never fail otherwise (an FTS syntax error, a
// NUL byte or a LIKE wildcard could). st is loaded with the fixtures.
func FuzzQuery(f *testing.F, st enduse.Store) {
	for _, q := range QuerySeeds(f) {
		f.Add(q, "希捷", "公安", "65")
	}
	for _, q := range []string{`"`, "%", "_", `\`, "a\x00b", "狱", "监控", "ST", "Ｋ", "𠮷", "a-", "控*", "\"控"} {
		f.Add(q, q, q, q)
	}
	Load(f, st)
	f.Fuzz(func(t *testing.T, text, brand, buyer, region string) {
		res, err := st.Query(context.Background(), enduse.Filter{Text: text, Brand: brand, Buyer: buyer, Region: region, Limit: 3})
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

// testMigrations checks what a store reports of its schema: every
// migration applied, in order, none unknown.
func testMigrations(t *testing.T, open func(t *testing.T) enduse.Store) {
	st := open(t)
	defer st.Close()
	m, ok := st.(enduse.Migrator)
	if !ok {
		t.Skip("store does not report migrations")
	}
	ms, err := m.Migrations(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) == 0 || ms[0].Version != 1 {
		t.Fatalf("migrations %+v: want 0001 first", ms)
	}
	for i, s := range ms {
		if !s.Applied || s.Unknown || s.AppliedAt == "" {
			t.Errorf("migration %+v: want applied, known, with a time", s)
		}
		if i > 0 && s.Version <= ms[i-1].Version {
			t.Errorf("migrations out of order: %d after %d", s.Version, ms[i-1].Version)
		}
	}
}

// testBatchSave checks SaveNotices: one outcome per item, duplicates
// within and across batches, the same answers as saving one at a time,
// and nothing written when an item is malformed.
func testBatchSave(t *testing.T, open func(t *testing.T) enduse.Store) {
	ctx := context.Background()
	st := open(t)
	defer st.Close()
	bs, ok := st.(enduse.BatchSaver)
	if !ok {
		t.Skip("store has no batch save")
	}
	items := fixtureItems()
	// A malformed item refuses the whole batch before anything is written.
	bad := append([]enduse.SaveItem{items[0]}, enduse.SaveItem{Document: &enduse.Document{Source: "bad", SHA256: "00", Raw: []byte("x")}})
	if _, err := bs.SaveNotices(ctx, bad); !errors.Is(err, enduse.ErrInvalid) || !strings.Contains(err.Error(), "item 1") {
		t.Fatalf("batch with a malformed item: err = %v, want ErrInvalid naming item 1", err)
	}
	if has, err := st.HasDocument(ctx, items[0].Document.SHA256); err != nil || has {
		t.Fatalf("refused batch stored its first item (has %v, err %v)", has, err)
	}
	half := len(items) / 2
	// The first item twice in one batch: stored, then a duplicate.
	first := append([]enduse.SaveItem{items[0]}, items[:half]...)
	outs, err := bs.SaveNotices(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	if len(outs) != len(first) || outs[1] != enduse.OutcomeDuplicate {
		t.Fatalf("outcomes %v: want %d, the repeated first a duplicate", outs, len(first))
	}
	outs, err = bs.SaveNotices(ctx, items)
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range outs {
		want := enduse.OutcomeStored
		switch {
		case i < half:
			want = enduse.OutcomeDuplicate
		case items[i].ParseErr != nil:
			want = enduse.OutcomeFailed
		}
		if o != want {
			t.Errorf("item %d (%s): outcome %s, want %s", i, items[i].Document.Source, o, want)
		}
	}
	// The same answers as the one-at-a-time world.
	one := open(t)
	defer one.Close()
	Load(t, one)
	for _, f := range []enduse.Filter{{}, caseStudy(), {Brand: "希捷"}, {Region: "65"}} {
		a, err := st.Query(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		b, err := one.Query(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if string(ja) != string(jb) {
			t.Errorf("filter %+v: batch-saved answer differs from one-at-a-time:\n%s\n%s", f, ja, jb)
		}
	}
}

// testClaims checks document claims: one owner wins, a live claim keeps
// others out, its owner may renew it, an expired claim is retaken, and a
// stored document can no longer be claimed.
func testClaims(t *testing.T, open func(t *testing.T) enduse.Store) {
	ctx := context.Background()
	st := open(t)
	defer st.Close()
	c, ok := st.(enduse.DocumentClaimer)
	if !ok {
		t.Skip("store has no document claims")
	}
	fx := fixtures()
	a, b := fx[0], fx[1]
	claim := func(sha, owner string, lease time.Duration) bool {
		t.Helper()
		got, err := c.ClaimDocument(ctx, sha, owner, lease)
		if err != nil {
			t.Fatalf("claim %s for %s: %v", sha[:8], owner, err)
		}
		return got
	}
	if !claim(a.doc.SHA256, "w1", time.Minute) {
		t.Fatal("first claim refused")
	}
	if claim(a.doc.SHA256, "w2", time.Minute) {
		t.Error("second owner took a live claim")
	}
	if !claim(a.doc.SHA256, "w1", time.Minute) {
		t.Error("owner could not renew its claim")
	}
	// A claim that has run out (a crashed worker's) is retaken.
	if !claim(b.doc.SHA256, "dead", time.Millisecond) {
		t.Fatal("claim refused")
	}
	time.Sleep(5 * time.Millisecond)
	if !claim(b.doc.SHA256, "w2", time.Minute) {
		t.Error("expired claim was not retaken")
	}
	if claim(b.doc.SHA256, "dead", time.Minute) {
		t.Error("the crashed owner took its document back from the live one")
	}
	// Saving ends the claim, and a stored document cannot be claimed.
	if _, err := st.SaveNotice(ctx, a.doc, a.redacted, a.notice, a.parseErr); err != nil {
		t.Fatal(err)
	}
	if claim(a.doc.SHA256, "w3", time.Minute) || claim(a.doc.SHA256, "w1", time.Minute) {
		t.Error("a stored document was claimed")
	}
	// StoredDocuments answers for many at once, in the caller's spelling,
	// across its chunks: the stored one among 2,500 others, in upper case.
	many := []string{strings.ToUpper(a.doc.SHA256), b.doc.SHA256}
	for i := range 2500 {
		many = append(many, fmt.Sprintf("%064x", i))
	}
	stored, err := c.StoredDocuments(ctx, many)
	if err != nil {
		t.Fatal(err)
	}
	if len(stored) != 1 || !stored[strings.ToUpper(a.doc.SHA256)] {
		t.Errorf("StoredDocuments = %v, want only %s", stored, strings.ToUpper(a.doc.SHA256)[:8])
	}
	if stored, err := c.StoredDocuments(ctx, nil); err != nil || len(stored) != 0 {
		t.Errorf("StoredDocuments(nil) = %v, %v", stored, err)
	}
	if _, err := c.ClaimDocument(ctx, b.doc.SHA256, " ", time.Minute); !errors.Is(err, enduse.ErrInvalid) {
		t.Errorf("blank owner: err = %v, want ErrInvalid", err)
	}
	// Released claims are free at once; another owner's stay.
	d := fx[2]
	if !claim(d.doc.SHA256, "w4", time.Hour) {
		t.Fatal("claim refused")
	}
	if err := c.ReleaseClaims(ctx, "w2"); err != nil {
		t.Fatal(err)
	}
	if !claim(b.doc.SHA256, "w3", time.Minute) {
		t.Error("a released claim was not free")
	}
	if claim(d.doc.SHA256, "w3", time.Minute) {
		t.Error("releasing w2's claims freed w4's")
	}
	if err := c.ReleaseClaims(ctx, ""); !errors.Is(err, enduse.ErrInvalid) {
		t.Errorf("release for a blank owner: err = %v, want ErrInvalid", err)
	}
	// ClaimDocuments answers each in the caller's order, whatever order
	// it claims them in: the stored a, d held by w4, b held by w3 (its
	// own, renewed), two free ones (one in upper case) and a twice.
	e, f := fx[3], fx[4]
	batch := []string{f.doc.SHA256, a.doc.SHA256, d.doc.SHA256, b.doc.SHA256, strings.ToUpper(e.doc.SHA256), a.doc.SHA256}
	won, err := c.ClaimDocuments(ctx, batch, "w3", time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if want := []bool{true, false, false, true, true, false}; !slices.Equal(won, want) {
		t.Errorf("ClaimDocuments = %v, want %v", won, want)
	}
	if claim(e.doc.SHA256, "w4", time.Minute) || claim(f.doc.SHA256, "w4", time.Minute) {
		t.Error("a document ClaimDocuments won was claimed by another owner")
	}
	if won, err := c.ClaimDocuments(ctx, nil, "w3", time.Minute); err != nil || len(won) != 0 {
		t.Errorf("ClaimDocuments(nil) = %v, %v", won, err)
	}
	if _, err := c.ClaimDocuments(ctx, batch, "w3", 0); !errors.Is(err, enduse.ErrInvalid) {
		t.Errorf("no lease: err = %v, want ErrInvalid", err)
	}
}
