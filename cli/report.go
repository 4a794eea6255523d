package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/enduse/enduse/report"
)

// runReport writes an evidence-linked report of a query.
func runReport(ctx context.Context, env Env, cfg Config, args []string) error {
	fs := newFlags(env, "report", "[--db DSN] [filters] --out FILE.md|FILE.html|FILE.json | --json")
	db := fs.String("db", cfg.DB, "database: SQLite file path or postgres:// DSN")
	out := fs.String("out", "", "write the report here; the extension picks the format (.md, .html, .json)")
	asJSON := fs.Bool("json", false, "print the report data as JSON on standard output")
	filter := filterFlags(fs)
	args, err := parseFlags(fs, "report", args)
	if err != nil {
		return err
	}
	if (*out == "") == !*asJSON {
		return usagef("report", "give --out FILE.md|FILE.html|FILE.json, or --json")
	}
	format := report.JSON
	if *out != "" {
		f, err := report.FormatOf(*out)
		if err != nil {
			return usagef("report", "%v", err)
		}
		format = f
	}
	f, err := filter()
	if err != nil {
		return usagef("report", "%v", err)
	}
	if f, err = resolveFilter(cfg, f); err != nil {
		return err
	}
	st, err := openExistingStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	data, err := report.Build(ctx, st, st, f)
	if err != nil {
		return err
	}
	if *asJSON {
		return report.Write(env.Stdout, data, report.JSON)
	}
	// Write to a temporary file and rename, so a failed run never leaves a
	// half-written report in place of a good one.
	tmp, err := os.CreateTemp(filepath.Dir(*out), ".enduse-report-*")
	if err != nil {
		return fmt.Errorf("write report %s: %w", *out, err)
	}
	defer os.Remove(tmp.Name())
	if err := report.Write(tmp, data, format); err != nil {
		tmp.Close()
		return fmt.Errorf("write report %s: %w", *out, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write report %s: %w", *out, err)
	}
	if err := os.Rename(tmp.Name(), *out); err != nil {
		return fmt.Errorf("write report %s: %w", *out, err)
	}
	fmt.Fprintf(env.Stdout, "wrote %s: %d unique notices from %d buyers\n", *out, data.Result.Notices, data.Result.Buyers)
	return nil
}
