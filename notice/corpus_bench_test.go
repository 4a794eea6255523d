package notice_test

import (
	"context"
	"os"
	"testing"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/document"
	"github.com/enduse/enduse/notice"
)

// BenchmarkExtractCorpus measures Extract alone over a directory of real
// notices named by ENDUSE_BENCH_CORPUS (decoded once, before the timer), so
// a profile of the stage is not diluted by decoding:
//
//	ENDUSE_BENCH_CORPUS=/tmp/corpus go test -run - -bench ExtractCorpus -cpuprofile p.out ./notice
//
// The golden set (BenchmarkExtract) is small and skewed to hard cases; the
// corpus is what the stage's figures in enduse bench are taken on.
func BenchmarkExtractCorpus(b *testing.B) {
	dir := os.Getenv("ENDUSE_BENCH_CORPUS")
	if dir == "" {
		b.Skip("ENDUSE_BENCH_CORPUS not set")
	}
	var docs []*enduse.Document
	var size int64
	err := document.Walk(context.Background(), []string{dir}, document.FieldMap{}, document.Options{}, func(d *enduse.Document, err error) error {
		if err == nil && d != nil {
			docs = append(docs, d)
			size += int64(len(d.Text))
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			notice.Extract(d)
		}
	}
}
