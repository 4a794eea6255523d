package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/document"
	"github.com/enduse/enduse/ingest"
	"github.com/enduse/enduse/ordered"
	"github.com/enduse/enduse/pipeline"
	"github.com/enduse/enduse/safetext"
	"github.com/enduse/enduse/sample"
)

// benchFigure is one measured throughput. CPUSeconds is the process's CPU
// time (user + system) during the measurement; the per-stage figures are
// measured on one worker in its thread's CPU time, and their rates are per
// CPU-second.
type benchFigure struct {
	Stage      string  `json:"stage"`
	Workers    int     `json:"workers"`
	Documents  int     `json:"documents"`
	Bytes      int64   `json:"bytes"`
	Seconds    float64 `json:"seconds"`
	CPUSeconds float64 `json:"cpu_seconds"`
	DocsPerSec float64 `json:"notices_per_second"`
	MBPerSec   float64 `json:"mb_per_second"`
}

// benchReport is what `enduse bench --json` prints.
type benchReport struct {
	Corpus         string        `json:"corpus"`
	Documents      int           `json:"documents"`
	Bytes          int64         `json:"bytes"`
	CPUs           int           `json:"cpus"`
	Go             string        `json:"go"`
	StartupSeconds float64       `json:"startup_seconds"` // building the pipeline: knowledge base, automata, tables, lists
	Figures        []benchFigure `json:"figures"`
	PeakRSSMB      float64       `json:"peak_rss_mb"` // the process's peak resident memory over the whole run
}

func newFigure(stage string, workers, docs int, n int64, wall, cpu time.Duration) benchFigure {
	s := wall.Seconds()
	f := benchFigure{Stage: stage, Workers: workers, Documents: docs, Bytes: n, Seconds: s, CPUSeconds: cpu.Seconds()}
	if s > 0 {
		f.DocsPerSec, f.MBPerSec = float64(docs)/s, float64(n)/1e6/s
	}
	return f
}

// runBench measures each stage on one worker, then extraction and ingest
// into SQLite on all workers, on the bundled sample or on the given files
// and folders. Inputs are read into memory first, so disk speed is not
// measured.
func runBench(ctx context.Context, env Env, cfg Config, args []string) error {
	fs := newFlags(env, "bench", "[--rounds N] [--workers N] [--no-ingest] [--json] [PATH...]")
	rounds := fs.Int("rounds", 3, "times to run the extraction over the corpus")
	workers := fs.Int("workers", cfg.Workers, "parallel workers for extraction and ingest (0 = one per CPU)")
	noIngest := fs.Bool("no-ingest", false, "skip the ingest into SQLite")
	fields := fs.String("fields", "", "map enduse record fields to a crawler export's keys (as for ingest)")
	asJSON := fs.Bool("json", false, "print figures as JSON")
	args, err := parseFlags(fs, "bench", args)
	if err != nil {
		return err
	}
	if *rounds < 1 {
		return usagef("bench", "--rounds must be at least 1")
	}
	if *workers < 0 {
		return usagef("bench", "--workers must be 0 (one per CPU) or more")
	}
	fm, err := document.ParseFieldMap(*fields)
	if err != nil {
		return usagef("bench", "--fields: %v", err)
	}
	w := ordered.Workers(*workers)
	rep := benchReport{Corpus: "the bundled sample", CPUs: runtime.NumCPU(), Go: runtime.Version()}

	cpu0, _ := rusage()
	t0 := time.Now()
	p, err := pipeline.New(pipeline.Config{KBDirs: cfg.KBDirs})
	if err != nil {
		return err
	}
	rep.StartupSeconds = time.Since(t0).Seconds()
	cpu1, _ := rusage()
	rep.Figures = append(rep.Figures, newFigure("start-up (pipeline built)", 1, 0, 0, time.Since(t0), cpu1-cpu0))

	// Read: bytes into memory (the sample's records are decoded as they
	// are read, files are decoded below).
	var items []document.Item
	t0, cpu0 = time.Now(), cpu1
	if len(args) == 0 {
		err = sample.Read(func(d *enduse.Document, err error) error {
			if err == nil {
				items = append(items, document.ParsedItem(d))
			}
			return nil
		})
	} else {
		rep.Corpus = safetext.Escape(fmt.Sprint(args))
		err = document.WalkItems(ctx, args, fm, document.Options{}, func(it document.Item) error {
			if it.Err() == nil {
				items = append(items, it)
			}
			return nil
		})
	}
	if err != nil {
		return err
	}
	if len(items) == 0 {
		return fmt.Errorf("bench: no readable documents in %s", rep.Corpus)
	}
	var read int64
	for _, it := range items {
		_, raw := it.SHA256()
		read += int64(len(raw))
	}
	cpu1, _ = rusage()
	rep.Figures = append(rep.Figures, newFigure("read", 1, len(items), read, time.Since(t0), cpu1-cpu0))

	// Each stage on one worker, in the CPU time of its thread (wall time
	// on a busy machine counts other processes): decode, then the
	// pipeline's stages.
	runtime.LockOSThread()
	var decode time.Duration
	st := pipeline.Stages{Clock: threadCPU}
	good := items[:0:0] // the items that parse: what the later stages measure
	for _, it := range items {
		t := threadCPU()
		d, err := fresh(it)
		decode += threadCPU() - t
		if err != nil {
			continue
		}
		good = append(good, it)
		rep.Bytes += int64(len(d.Raw))
		p.ProcessTimed(d, &st)
	}
	runtime.UnlockOSThread()
	items, docs := good, len(good)
	rep.Documents = docs
	if docs == 0 {
		return fmt.Errorf("bench: no readable documents in %s", rep.Corpus)
	}
	rep.Figures = append(rep.Figures, newFigure("decode (1 worker)", 1, docs, rep.Bytes, decode, decode))
	total := decode
	for _, s := range st.Named() {
		rep.Figures = append(rep.Figures, newFigure(s.Name+" (1 worker)", 1, docs, rep.Bytes, s.Time, s.Time))
		total += s.Time
	}
	rep.Figures = append(rep.Figures, newFigure("all stages (1 worker)", 1, docs, rep.Bytes, total, total))

	// Extraction on all workers, output encoded and discarded, rounds times.
	t0 = time.Now()
	cpu0, _ = rusage()
	n := 0
	for r := 0; r < *rounds; r++ {
		produce := func(yield func(document.Item) error) error {
			for _, it := range items {
				if err := yield(it); err != nil {
					return err
				}
			}
			return nil
		}
		work := func(it document.Item) error {
			d, err := fresh(it)
			if err != nil {
				return err
			}
			return writeJSONLine(io.Discard, p.Process(d).Notice)
		}
		if err := ordered.Map(ctx, w, produce, work, func(err error) error {
			if err == nil {
				n++
			}
			return nil
		}); err != nil {
			return err
		}
	}
	cpu1, _ = rusage()
	rep.Figures = append(rep.Figures, newFigure(fmt.Sprintf("extract --json (%d workers), %d rounds", w, *rounds), w, n, rep.Bytes*int64(*rounds), time.Since(t0), cpu1-cpu0))

	if !*noIngest {
		fig, err := benchIngest(ctx, p, items, w)
		if err != nil {
			return err
		}
		rep.Figures = append(rep.Figures, fig)
	}
	_, peak := rusage()
	rep.PeakRSSMB = float64(peak) / 1e6

	if *asJSON {
		return writeJSON(env.Stdout, rep)
	}
	fmt.Fprintf(env.Stdout, "enduse bench on %s (%d documents, %.1f MB), %s, %d CPUs, peak memory %.0f MB\n",
		rep.Corpus, rep.Documents, float64(rep.Bytes)/1e6, rep.Go, rep.CPUs, rep.PeakRSSMB)
	width := len("stage")
	for _, f := range rep.Figures {
		width = max(width, len(f.Stage))
	}
	fmt.Fprintf(env.Stdout, "  %-*s %10s %9s %8s %8s\n", width, "stage", "notices/s", "MB/s", "wall s", "CPU s")
	for _, f := range rep.Figures {
		if f.Documents == 0 {
			fmt.Fprintf(env.Stdout, "  %-*s %10s %9s %8.3f %8.3f\n", width, f.Stage, "", "", f.Seconds, f.CPUSeconds)
			continue
		}
		fmt.Fprintf(env.Stdout, "  %-*s %10.1f %9.2f %8.3f %8.3f\n", width, f.Stage, f.DocsPerSec, f.MBPerSec, f.Seconds, f.CPUSeconds)
	}
	return nil
}

// benchIngest ingests the items into a fresh SQLite database.
func benchIngest(ctx context.Context, p *pipeline.Pipeline, items []document.Item, workers int) (benchFigure, error) {
	dir, err := os.MkdirTemp("", "enduse-bench-")
	if err != nil {
		return benchFigure{}, err
	}
	defer os.RemoveAll(dir)
	st, err := openStore(ctx, filepath.Join(dir, "bench.db"))
	if err != nil {
		return benchFigure{}, err
	}
	defer st.Close()
	src := func(fn func(ingest.Input) error) error {
		for _, it := range items {
			if err := fn(it); err != nil {
				return err
			}
		}
		return nil
	}
	t0 := time.Now()
	cpu0, _ := rusage()
	sum, err := ingest.RunItems(ctx, st, p, src, ingest.Options{Workers: workers, GroupAttachments: true})
	if err != nil {
		return benchFigure{}, err
	}
	cpu1, _ := rusage()
	return newFigure(fmt.Sprintf("ingest into SQLite (%d workers)", workers), workers, sum.Stored+sum.Failed, sum.Bytes, time.Since(t0), cpu1-cpu0), nil
}

// fresh returns the item's document, parsed anew, or a shallow copy of a
// document that was parsed when read: Process changes the document it is
// given, and the bench runs every document several times.
func fresh(it document.Item) (*enduse.Document, error) {
	d, err := it.Document()
	if err != nil || !it.Parsed() {
		return d, err
	}
	c := *d
	return &c, nil
}
