package storetest

import (
	"context"
	"encoding/json"
	"slices"
	"testing"

	"github.com/enduse/enduse"
)

// testBatchEqualsSingle saves the fixtures, the first twice (the second
// copy in the same batch), once in one SaveNotices batch and once one
// SaveNotice at a time: the outcomes, every stored notice with its group
// and copies, the answers — text search included, which a store may index
// at the end of the batch — and the statistics must be the same.
func testBatchEqualsSingle(t *testing.T, open func(t *testing.T) enduse.Store) {
	ctx := context.Background()
	batched := open(t)
	defer batched.Close()
	bs, ok := batched.(enduse.BatchSaver)
	if !ok {
		t.Skip("store has no batch save")
	}
	items := fixtureItems()
	items = slices.Insert(items, len(items)/2, items[0])
	got, err := bs.SaveNotices(ctx, items)
	if err != nil {
		t.Fatal(err)
	}
	single := open(t)
	defer single.Close()
	var want []enduse.IngestOutcome
	for _, it := range items {
		o, err := single.SaveNotice(ctx, it.Document, it.Redacted, it.Notice, it.ParseErr)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, o)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("batch outcomes %v, one at a time %v", got, want)
	}
	if want[len(items)/2] != enduse.OutcomeDuplicate {
		t.Fatalf("the repeated first item: %s, want a duplicate", want[len(items)/2])
	}
	same := func(what string, a, b any) {
		t.Helper()
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if string(ja) != string(jb) {
			t.Errorf("%s: batch-saved differs from one at a time:\n%s\n%s", what, ja, jb)
		}
	}
	for _, it := range items {
		a, errA := batched.Notice(ctx, it.Document.SHA256)
		b, errB := single.Notice(ctx, it.Document.SHA256)
		if (errA == nil) != (errB == nil) {
			t.Fatalf("notice %s: batch err %v, single err %v", it.Document.Source, errA, errB)
		}
		if errA == nil {
			a.Ingested, b.Ingested = "", "" // the clock, not the save
		}
		same("notice "+it.Document.Source, a, b)
	}
	filters := []enduse.Filter{{}, caseStudy(), {Brand: "希捷"}, {Region: "65"}}
	for _, it := range items {
		// A title's first runes: found through the text index.
		if r := []rune(it.Document.Title); it.Notice != nil && len(r) >= 4 {
			filters = append(filters, enduse.Filter{Text: string(r[:4])})
		}
	}
	for _, f := range filters {
		a, err := batched.Query(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		b, err := single.Query(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if f.Text != "" && b.Notices == 0 {
			t.Errorf("text %q: no notice found one at a time; the case checks nothing", f.Text)
		}
		same("query "+f.Text, a, b)
	}
	sa, err := batched.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sb, err := single.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	same("stats", sa, sb)
}
