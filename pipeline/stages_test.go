package pipeline

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/document"
)

// reparse decodes a document's bytes again: Process changes the document
// it is given (the title joins the text), so every run needs its own.
func reparse(t testing.TB, d *enduse.Document) *enduse.Document {
	t.Helper()
	c, err := document.Parse(d.Raw, d.Source, document.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c.Title, c.Published, c.URL = d.Title, d.Published, d.URL
	return c
}

// TestProcessTimedMatchesProcess checks that timing the stages changes
// nothing in the result and that every stage is measured.
func TestProcessTimedMatchesProcess(t *testing.T) {
	p := newPipeline(t)
	docs := sampleDocs(t)[:60]
	var st Stages
	for _, d := range docs {
		a, b := reparse(t, d), reparse(t, d)
		plain := p.Process(a)
		timed := p.ProcessTimed(b, &st)
		x, _ := json.Marshal(plain)
		y, _ := json.Marshal(timed)
		if string(x) != string(y) {
			t.Fatalf("%s: ProcessTimed differs from Process:\n%s\n%s", d.Source, y, x)
		}
	}
	for _, s := range st.Named() {
		if s.Time <= 0 {
			t.Errorf("stage %s not measured (%v)", s.Name, s.Time)
		}
	}
	var sum Stages
	sum.Add(st)
	sum.Add(st)
	if sum.Redact != 2*st.Redact || sum.Notice != 2*st.Notice {
		t.Errorf("Add: %+v, want twice %+v", sum, st)
	}
}

// BenchmarkStages runs the pipeline over the bundled sample and reports
// each stage's share as ns per notice (go test -bench Stages ./pipeline).
func BenchmarkStages(b *testing.B) {
	p := newPipeline(b)
	docs := sampleDocs(b)
	var size int64
	for _, d := range docs {
		size += int64(len(d.Raw))
	}
	copies := make([]*enduse.Document, len(docs))
	var st Stages
	b.SetBytes(size)
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		for i, d := range docs {
			copies[i] = reparse(b, d)
		}
		b.StartTimer()
		for _, d := range copies {
			p.ProcessTimed(d, &st)
		}
	}
	n := float64(b.N * len(docs))
	for _, s := range st.Named() {
		b.ReportMetric(float64(s.Time.Nanoseconds())/n, "ns/notice:"+strings.ReplaceAll(s.Name, " ", "-"))
	}
}
