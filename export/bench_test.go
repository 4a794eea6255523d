package export_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/export"
	"github.com/enduse/enduse/kb"
	"github.com/enduse/enduse/pipeline"
	"github.com/enduse/enduse/sample"
	"github.com/enduse/enduse/sqlite"
)

// benchStore is a store of n notices made by varying the bundled sample:
// each copy of a sample notice gets other bytes, a project code and title
// of its own and a shifted date, so every one is its own announcement.
// ENDUSE_BENCH_DB names a file to keep it between runs (it is built when
// absent); ENDUSE_BENCH_NOTICES sets n (default 10000; the figures in the
// issue's closing note use 100000).
func benchStore(b *testing.B) *sqlite.DB {
	b.Helper()
	n := 10000
	if v := os.Getenv("ENDUSE_BENCH_NOTICES"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n <= 0 {
			b.Fatalf("ENDUSE_BENCH_NOTICES=%q", v)
		}
	}
	path := os.Getenv("ENDUSE_BENCH_DB")
	if path == "" {
		path = filepath.Join(b.TempDir(), "bench.db")
	}
	_, statErr := os.Stat(path)
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if statErr == nil {
		return db
	}
	p, err := pipeline.New(pipeline.Config{})
	if err != nil {
		b.Fatal(err)
	}
	type base struct {
		d   *enduse.Document
		res pipeline.Result
	}
	var bases []base
	err = sample.Read(func(d *enduse.Document, err error) error {
		if err != nil {
			return err
		}
		bases = append(bases, base{d, p.Process(d)})
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < n; i++ {
		bs := bases[i%len(bases)]
		round := i / len(bases)
		d := *bs.d
		d.Raw = append(append([]byte{}, d.Raw...), fmt.Sprintf("\n<!-- bench copy %d -->", round)...)
		sum := sha256.Sum256(d.Raw)
		d.SHA256 = hex.EncodeToString(sum[:])
		d.Source = fmt.Sprintf("bench/%d/%s", round, bs.d.Source)
		nt := *bs.res.Notice
		nt.SHA256, nt.Source = d.SHA256, d.Source
		if round > 0 {
			nt.Title = fmt.Sprintf("%s（第%d批）", nt.Title, round)
			if nt.ProjectCode != "" {
				nt.ProjectCode = fmt.Sprintf("%s-B%d", nt.ProjectCode, round)
			}
			if nt.ProjectName != "" {
				nt.ProjectName = fmt.Sprintf("%s第%d批", nt.ProjectName, round)
			}
			if t, err := time.Parse(time.DateOnly, nt.Published); err == nil {
				nt.Published = t.AddDate(0, 0, -round).Format(time.DateOnly)
			}
		}
		if _, err := db.SaveNotice(ctx, &d, bs.res.Redacted, &nt, nil); err != nil {
			b.Fatal(err)
		}
	}
	return db
}

// BenchmarkExport measures each format over the whole bench store; it
// reports notices/s.
func BenchmarkExport(b *testing.B) {
	db := benchStore(b)
	k, err := kb.Load()
	if err != nil {
		b.Fatal(err)
	}
	for _, format := range export.Formats {
		b.Run(format, func(b *testing.B) {
			total := 0
			start := time.Now()
			for i := 0; i < b.N; i++ {
				w, err := export.NewWriter(format, io.Discard, false, export.Options{}, k)
				if err != nil {
					b.Fatal(err)
				}
				n, err := export.Run(context.Background(), db, enduse.Filter{}, w, export.Options{})
				if err != nil {
					b.Fatal(err)
				}
				total += n
			}
			b.ReportMetric(float64(total)/time.Since(start).Seconds(), "notices/s")
		})
	}
}

// BenchmarkRows measures only the walk over the matching rows (the
// store's paging), which every export and watch evaluation does.
func BenchmarkRows(b *testing.B) {
	db := benchStore(b)
	for i := 0; i < b.N; i++ {
		n := 0
		start := time.Now()
		if err := db.EachRow(context.Background(), enduse.Filter{}, func(enduse.Row) error { n++; return nil }); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(n)/time.Since(start).Seconds(), "rows/s")
	}
}
