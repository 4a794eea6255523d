package cli

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/document"
	"github.com/enduse/enduse/ingest"
	"github.com/enduse/enduse/pipeline"
	"github.com/enduse/enduse/safetext"
)

// runIngest stores documents from files, folders, archives and crawler
// exports in the database.
func runIngest(ctx context.Context, env Env, cfg Config, args []string) error {
	fs := newFlags(env, "ingest", "[--db DSN] [--fields MAP] PATH...")
	db := fs.String("db", cfg.DB, "database: SQLite file path or postgres:// DSN")
	fields := fs.String("fields", "", "map enduse record fields to a crawler export's keys, e.g. title=bulletinTitle,html=bulletinContent,published=publishDate,id=bulletinId")
	workers := fs.Int("workers", cfg.Workers, "extraction workers (0 = one per CPU)")
	asJSON := fs.Bool("json", false, "print the summary as JSON")
	lease := fs.Duration("claim-lease", ingest.DefaultLease, "with several ingest workers on one database: how long a claimed document stays this worker's before another may take it over (must exceed the time to parse and save the documents queued before it: on SQLite up to a few hundred)")
	var kbDirs listFlag
	fs.Var(&kbDirs, "kb", "extra knowledge-base directory (repeatable)")
	args, err := parseFlags(fs, "ingest", args)
	if err != nil {
		return err
	}
	if len(args) == 0 {
		return usagef("ingest", "no inputs; give files, folders, ZIP archives or crawler exports")
	}
	fm, err := document.ParseFieldMap(*fields)
	if err != nil {
		return usagef("ingest", "--fields: %v", err)
	}
	for _, p := range args {
		if _, err := os.Stat(p); err != nil {
			return fmt.Errorf("input %s: %w", safetext.Escape(p), err)
		}
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	lists, err := loadLists(ctx, st)
	if err != nil {
		return err
	}
	p, err := pipeline.New(pipeline.Config{KBDirs: append(cfg.KBDirs, kbDirs...), Lists: lists, MaxMentions: cfg.Budget.MaxMentions})
	if err != nil {
		return err
	}

	paths := args
	// Attachments are read as part of their notice page (see attach).
	docOpt := document.Options{Budget: cfg.Budget}
	// Each input is parsed on the workers (see ingest.RunItems).
	src := ingest.Walk(ctx, paths, fm, docOpt)
	prog := newProgress(env, "ingest", inputBytes(paths))
	start := time.Now()
	sum, err := ingest.RunItems(ctx, st, p, src, ingest.Options{Workers: *workers, Progress: prog, Lease: *lease,
		MemoryLimit: cfg.MemoryLimit, Fields: fm, Document: docOpt, GroupAttachments: true})
	prog.Finish()
	sum.Disabled = document.Disabled(document.Tools(ctx, document.Options{}))
	printSummary(env, sum, time.Since(start), *asJSON)
	if err == nil {
		err = runWatchesAfter(ctx, env, cfg, st)
	}
	return runErr(ctx, err, sum)
}

// runErr is what an ingest run reports: when it was interrupted (Ctrl-C,
// SIGTERM), that it was and how to resume rather than the store error the
// cancellation caused. Each document is saved in its own transaction, so
// the one in progress was rolled back and the rest are stored whole.
func runErr(ctx context.Context, err error, sum ingest.Summary) error {
	if err != nil && ctx.Err() != nil {
		return fmt.Errorf("interrupted after storing %d documents; run the same command again to resume", sum.Stored)
	}
	return err
}

// printSummary reports what an ingest run did.
func printSummary(env Env, sum ingest.Summary, took time.Duration, asJSON bool) {
	if asJSON {
		writeJSON(env.Stdout, sum)
		return
	}
	fmt.Fprintf(env.Stdout, "ingested %d documents in %s: %d stored, %d failed to parse (stored with the reason), %d duplicates skipped, %d unreadable",
		sum.Seen+sum.Unreadable, took.Round(time.Millisecond), sum.Stored, sum.Failed, sum.Duplicates, sum.Unreadable)
	if sum.Elsewhere > 0 {
		fmt.Fprintf(env.Stdout, ", %d stored by other workers", sum.Elsewhere)
	}
	fmt.Fprintln(env.Stdout)
	if sum.Attachments > 0 {
		fmt.Fprintf(env.Stdout, "%d attachments read as part of their notices\n", sum.Attachments)
	}
	if sum.Refreshed > 0 {
		fmt.Fprintf(env.Stdout, "%d stored notices read again with attachments that arrived after them\n", sum.Refreshed)
	}
	for _, d := range sum.Disabled {
		fmt.Fprintf(env.Stderr, "  %s (see enduse doctor)\n", d)
	}
	for _, e := range sum.Errors {
		fmt.Fprintf(env.Stderr, "  %s\n", safetext.Escape(e)) // names from the open web
	}
}

// inputBytes totals the sizes of the input files, for the progress ETA.
func inputBytes(paths []string) int64 {
	var total int64
	for _, p := range paths {
		filepath.WalkDir(p, func(_ string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				if info, err := d.Info(); err == nil {
					total += info.Size()
				}
			}
			return nil
		})
	}
	return total
}

// progress shows documents/s, bytes/s and an ETA on a terminal and nothing
// in a pipe.
type progress struct {
	bar  *progressbar.ProgressBar
	docs int
	t0   time.Time
}

func newProgress(env Env, what string, total int64) *progress {
	if !env.Interactive(env.Stderr) {
		return &progress{}
	}
	bar := progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(env.Stderr),
		progressbar.OptionSetDescription(what),
		progressbar.OptionShowBytes(true),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionShowElapsedTimeOnFinish(),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
	return &progress{bar: bar, t0: time.Now()}
}

// Add implements ingest.Progress.
func (p *progress) Add(d *enduse.Document, _ enduse.IngestOutcome) {
	if p.bar == nil {
		return
	}
	p.docs++
	rate := float64(p.docs) / time.Since(p.t0).Seconds()
	p.bar.Describe(fmt.Sprintf("ingest %d docs (%.0f docs/s)", p.docs, rate))
	p.bar.Add(len(d.Raw))
}

// Finish clears the bar.
func (p *progress) Finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}

// stepProgress shows the long steps of a store (a migration filling an
// index) as a bar on a terminal, one bar a step; elsewhere it is quiet.
func stepProgress(env Env) enduse.StepProgress {
	if !env.Interactive(env.Stderr) {
		return nil
	}
	var bar *progressbar.ProgressBar
	var step string
	return func(s string, done, total int64) {
		if bar == nil || s != step {
			step = s
			bar = progressbar.NewOptions64(total,
				progressbar.OptionSetWriter(env.Stderr),
				progressbar.OptionSetDescription(s),
				progressbar.OptionShowCount(),
				progressbar.OptionSetPredictTime(true),
				progressbar.OptionThrottle(100*time.Millisecond),
				progressbar.OptionClearOnFinish(),
			)
		}
		bar.Set64(done)
		if done >= total {
			bar.Finish()
			bar = nil
		}
	}
}
