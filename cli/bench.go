package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/ingest"
	"github.com/enduse/enduse/pipeline"
	"github.com/enduse/enduse/sample"
)

// benchFigure is one measured throughput.
type benchFigure struct {
	Stage      string  `json:"stage"`
	Documents  int     `json:"documents"`
	Bytes      int64   `json:"bytes"`
	Seconds    float64 `json:"seconds"`
	DocsPerSec float64 `json:"notices_per_second"`
	MBPerSec   float64 `json:"mb_per_second"`
}

func newFigure(stage string, docs int, n int64, d time.Duration) benchFigure {
	s := d.Seconds()
	return benchFigure{Stage: stage, Documents: docs, Bytes: n, Seconds: s,
		DocsPerSec: float64(docs) / s, MBPerSec: float64(n) / 1e6 / s}
}

// runBench measures extraction alone and ingest into SQLite on the bundled
// sample.
func runBench(ctx context.Context, env Env, cfg Config, args []string) error {
	fs := newFlags(env, "bench", "[--rounds N] [--json]")
	rounds := fs.Int("rounds", 3, "times to run the extraction over the sample")
	asJSON := fs.Bool("json", false, "print figures as JSON")
	args, err := parseFlags(fs, "bench", args)
	if err != nil {
		return err
	}
	if *rounds < 1 {
		return usagef("bench", "--rounds must be at least 1")
	}
	p, err := pipeline.New(pipeline.Config{KBDirs: cfg.KBDirs})
	if err != nil {
		return err
	}
	var figs []benchFigure
	// Decoding alone: bytes → text and blocks.
	var docs []*enduse.Document
	var size int64
	start := time.Now()
	if err := sample.Read(func(d *enduse.Document, err error) error {
		if err == nil {
			docs = append(docs, d)
			size += int64(len(d.Raw))
		}
		return nil
	}); err != nil {
		return err
	}
	figs = append(figs, newFigure("decode", len(docs), size, time.Since(start)))

	// Extraction: decode + every pipeline stage, on all CPUs like ingest.
	start = time.Now()
	n := 0
	for r := 0; r < *rounds; r++ {
		if err := sample.Read(func(d *enduse.Document, err error) error {
			if err == nil {
				p.Process(d)
				n++
			}
			return nil
		}); err != nil {
			return err
		}
	}
	figs = append(figs, newFigure("extract (1 core)", n, size*int64(*rounds), time.Since(start)))

	// Ingest into a fresh SQLite database.
	dir, err := os.MkdirTemp("", "enduse-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	st, err := openStore(ctx, filepath.Join(dir, "bench.db"))
	if err != nil {
		return err
	}
	defer st.Close()
	start = time.Now()
	sum, err := ingest.Run(ctx, st, p, sample.Read, ingest.Options{Workers: cfg.Workers})
	if err != nil {
		return err
	}
	figs = append(figs, newFigure(fmt.Sprintf("ingest into SQLite (%d workers)", runtime.GOMAXPROCS(0)), sum.Stored+sum.Failed, sum.Bytes, time.Since(start)))

	if *asJSON {
		return writeJSON(env.Stdout, figs)
	}
	fmt.Fprintf(env.Stdout, "enduse bench on the bundled sample (%d documents, %.1f MB), %s, %d CPUs\n",
		len(docs), float64(size)/1e6, runtime.Version(), runtime.NumCPU())
	for _, f := range figs {
		fmt.Fprintf(env.Stdout, "  %-34s %8.1f notices/s  %7.2f MB/s  (%d documents, %.2fs)\n", f.Stage, f.DocsPerSec, f.MBPerSec, f.Documents, f.Seconds)
	}
	return nil
}
