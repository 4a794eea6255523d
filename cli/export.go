package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/enduse/enduse/export"
	"github.com/enduse/enduse/kb"
	"github.com/enduse/enduse/safetext"
)

// runExport writes the notices matching filters as CSV (per notice or per
// item), JSON Lines, OCDS or FollowTheMoney, streamed to a file.
func runExport(ctx context.Context, env Env, cfg Config, args []string) error {
	fs := newFlags(env, "export", "--format csv|items-csv|jsonl|ocds|ftm [filters] --out FILE (- for stdout)")
	db := fs.String("db", cfg.DB, "database: SQLite file path or postgres:// DSN")
	format := fs.String("format", "", "csv (a row per notice), items-csv (a row per line item), jsonl (extract schema), ocds (OCDS 1.1 release package), ftm (FollowTheMoney entities)")
	rows := fs.String("rows", "notice", "with --format csv: a row per notice or per item")
	out := fs.String("out", "", "output file; - writes to stdout")
	bom := fs.Bool("bom", false, "start CSV with a UTF-8 byte-order mark (Excel needs it to read Chinese)")
	base := fs.String("base", "", "prefix evidence links with this server address, e.g. http://127.0.0.1:8080")
	filter := filterFlags(fs)
	pos, err := parseFlags(fs, "export", args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("export", "unexpected argument %q (filters are flags; the output is --out FILE)", pos[0])
	}
	f, err := filter()
	if err != nil {
		return usagef("export", "%v", err)
	}
	switch *rows {
	case "notice":
	case "item":
		if *format == "csv" {
			*format = "items-csv"
		}
	default:
		return usagef("export", "--rows %q: want notice or item", *rows)
	}
	if !slices.Contains(export.Formats, *format) {
		return usagef("export", "--format %q: want one of %s", *format, strings.Join(export.Formats, ", "))
	}
	if *out == "" {
		return usagef("export", "give --out FILE (or --out - for stdout)")
	}
	if *bom && !strings.HasSuffix(*format, "csv") {
		return usagef("export", "--bom is for CSV only")
	}
	if f, err = resolveFilter(cfg, f); err != nil {
		return err
	}
	var own export.Ownerships
	if *format == "ftm" {
		k, err := kb.Load(cfg.KBDirs...)
		if err != nil {
			return fmt.Errorf("load knowledge base: %w", err)
		}
		own = k
	}
	st, err := openExistingStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	es, ok := st.(export.Store)
	if !ok {
		return errors.New("export: this store cannot read notices for export")
	}

	// Write to a temporary file beside the output and rename it at the
	// end, so an interrupted export never leaves a truncated file that
	// looks complete.
	w := env.Stdout
	var tmp *os.File
	if *out != "-" {
		if tmp, err = os.CreateTemp(filepath.Dir(*out), "."+filepath.Base(*out)+".*.part"); err != nil {
			return fmt.Errorf("export %s: %w", safetext.Escape(*out), err)
		}
		defer func() {
			if tmp != nil {
				tmp.Close()
				os.Remove(tmp.Name())
			}
		}()
		w = tmp
	}
	opt := export.Options{Base: *base}
	var bar *progressbar.ProgressBar
	if env.Interactive(env.Stderr) {
		bar = progressbar.NewOptions(-1, progressbar.OptionSetWriter(env.Stderr), progressbar.OptionSetDescription("export"),
			progressbar.OptionSetPredictTime(true), progressbar.OptionShowCount(), progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("notices"), progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionClearOnFinish())
		opt.Progress = func(done, total int) {
			if done == 1 {
				bar.ChangeMax(total)
			}
			bar.Add(1)
		}
	}
	ew, err := export.NewWriter(*format, w, *bom, opt, own)
	if err != nil {
		return err
	}
	start := time.Now()
	n, err := export.Run(ctx, es, f, ew, opt)
	if bar != nil {
		bar.Finish()
	}
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if tmp != nil {
		if err := tmp.Sync(); err != nil {
			return fmt.Errorf("export %s: %w", safetext.Escape(*out), err)
		}
		if err := tmp.Close(); err != nil {
			return fmt.Errorf("export %s: %w", safetext.Escape(*out), err)
		}
		if err := os.Rename(tmp.Name(), *out); err != nil {
			return fmt.Errorf("export %s: %w", safetext.Escape(*out), err)
		}
		tmp = nil
		took := time.Since(start)
		fmt.Fprintf(env.Stderr, "exported %d notices as %s to %s in %s (%.0f notices/s)\n", n, *format, safetext.Escape(*out),
			took.Round(time.Millisecond), float64(n)/max(took.Seconds(), 1e-9))
	}
	return nil
}
