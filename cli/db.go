package cli

import (
	"context"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/enduse/enduse"
)

// runDB dispatches the database maintenance commands.
func runDB(ctx context.Context, env Env, cfg Config, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintln(env.Stderr, "Usage: enduse db stats [--db DSN] [--json]\n       enduse db copy --from SQLITE --to postgres://... [--batch N]\n       enduse db rebuild [--db DSN]")
		if len(args) == 0 {
			return usagef("db", "missing db command (stats, copy, rebuild)")
		}
		return nil
	}
	switch args[0] {
	case "stats":
		return dbStats(ctx, env, cfg, args[1:])
	case "copy":
		return dbCopy(ctx, env, cfg, args[1:])
	case "rebuild":
		return dbRebuild(ctx, env, cfg, args[1:])
	}
	return usagef("db", "unknown db command %q (stats, copy, rebuild)", args[0])
}

// openAdmin opens an existing database for the maintenance command cmd.
func openAdmin(ctx context.Context, dsn, cmd string) (store, enduse.Admin, error) {
	st, err := openExistingStore(ctx, dsn)
	if err != nil {
		return nil, nil, err
	}
	adm, ok := st.(enduse.Admin)
	if !ok {
		st.Close()
		return nil, nil, fmt.Errorf("%s: the store of %s has no maintenance operations", cmd, redactedDSN(dsn))
	}
	return st, adm, nil
}

// dbRebuild recomputes a database's summary tables and its index of
// short search terms from its notices.
func dbRebuild(ctx context.Context, env Env, cfg Config, args []string) error {
	fs := newFlags(env, "db rebuild", "[--db DSN]")
	db := fs.String("db", cfg.DB, "SQLite file or postgres:// DSN")
	if _, err := parseFlags(fs, "db", args); err != nil {
		return err
	}
	st, adm, err := openAdmin(ctx, *db, "db rebuild")
	if err != nil {
		return err
	}
	defer st.Close()
	t0 := time.Now()
	if err := adm.RebuildFigures(ctx); err != nil {
		return fmt.Errorf("db rebuild %s: %w", redactedDSN(*db), err)
	}
	if err := adm.RebuildTextPairs(ctx); err != nil {
		return fmt.Errorf("db rebuild %s: %w", redactedDSN(*db), err)
	}
	fmt.Fprintf(env.Stdout, "rebuilt the summary tables and the index of short search terms of %s in %s\n",
		redactedDSN(*db), time.Since(t0).Round(time.Millisecond))
	return nil
}

// dbStatsOut is the JSON of `enduse db stats`.
type dbStatsOut struct {
	Database   string                  `json:"database"`
	Stats      enduse.Stats            `json:"stats"`
	Tables     []enduse.TableCount     `json:"tables"`
	Migrations []enduse.MigrationState `json:"migrations"`
}

// dbStats prints what a database holds: documents, announcements, rows per
// table and its schema migrations.
func dbStats(ctx context.Context, env Env, cfg Config, args []string) error {
	fs := newFlags(env, "db stats", "[--db DSN] [--json]")
	db := fs.String("db", cfg.DB, "SQLite file or postgres:// DSN")
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := parseFlags(fs, "db", args); err != nil {
		return err
	}
	st, adm, err := openAdmin(ctx, *db, "db stats")
	if err != nil {
		return err
	}
	defer st.Close()
	out := dbStatsOut{Database: redactedDSN(*db)}
	if out.Stats, err = st.Stats(ctx); err != nil {
		return err
	}
	if out.Tables, err = adm.TableCounts(ctx); err != nil {
		return err
	}
	if out.Migrations, err = adm.Migrations(ctx); err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(env.Stdout, out)
	}
	s := out.Stats
	fmt.Fprintf(env.Stdout, "%s\n%d documents (%d parsed, %d failed), %d announcements, published %s to %s\n",
		out.Database, s.Documents, s.Parsed, s.Failed, s.Notices, orDash(s.First), orDash(s.Last))
	applied := 0
	for _, m := range out.Migrations {
		if m.Applied {
			applied++
		}
	}
	fmt.Fprintf(env.Stdout, "schema: %d of %d migrations applied\n\n", applied, len(out.Migrations))
	tw := tabwriter.NewWriter(env.Stdout, 0, 2, 2, ' ', 0)
	fmt.Fprintln(tw, "TABLE\tROWS")
	for _, t := range out.Tables {
		fmt.Fprintf(tw, "%s\t%d\n", t.Table, t.Rows)
	}
	return tw.Flush()
}

// orDash is s, or "-" when empty.
func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// redactedDSN is a DSN fit to print (no password).
func redactedDSN(dsn string) string {
	if !isPostgres(dsn) {
		return dsn
	}
	return postgresName(dsn)
}

// dbCopy copies every document of one store into another (SQLite into
// PostgreSQL), re-saving each as ingest saved it, in batches; documents
// the destination already has are skipped, so an interrupted copy resumes.
func dbCopy(ctx context.Context, env Env, cfg Config, args []string) error {
	fs := newFlags(env, "db copy", "--from SQLITE --to postgres://... [--batch N]")
	from := fs.String("from", cfg.DB, "database to copy from")
	to := fs.String("to", "", "database to copy into (created and migrated if needed)")
	batch := fs.Int("batch", 100, "documents per transaction")
	asJSON := fs.Bool("json", false, "print the summary as JSON")
	if _, err := parseFlags(fs, "db", args); err != nil {
		return err
	}
	if *to == "" {
		return usagef("db", "copy needs --to")
	}
	if *from == *to {
		return usagef("db", "copy: --from and --to are the same database")
	}
	if *batch < 1 || *batch > 10000 {
		return usagef("db", "copy: --batch %d: want 1..10000", *batch)
	}
	src, adm, err := openAdmin(ctx, *from, "db copy")
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := openStore(ctx, *to)
	if err != nil {
		return err
	}
	defer dst.Close()
	saver, ok := dst.(enduse.BatchSaver)
	if !ok {
		return fmt.Errorf("db copy: the store of %s cannot save batches", redactedDSN(*to))
	}
	total, err := src.Stats(ctx)
	if err != nil {
		return err
	}
	var bar *progressbar.ProgressBar
	if env.Interactive(env.Stderr) {
		bar = progressbar.NewOptions(total.Documents, progressbar.OptionSetWriter(env.Stderr),
			progressbar.OptionSetDescription("copy"), progressbar.OptionShowCount(), progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("docs"), progressbar.OptionSetPredictTime(true),
			progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionClearOnFinish())
	}
	counts := map[enduse.IngestOutcome]int{}
	var pending []enduse.SaveItem
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		outs, err := saver.SaveNotices(ctx, pending)
		if err != nil {
			return fmt.Errorf("db copy into %s: %w", redactedDSN(*to), err)
		}
		for _, o := range outs {
			counts[o]++
		}
		if bar != nil {
			bar.Add(len(pending))
		}
		pending = pending[:0]
		return nil
	}
	t0 := time.Now()
	err = adm.EachDocument(ctx, func(it enduse.SaveItem) error {
		pending = append(pending, it)
		if len(pending) >= *batch {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if bar != nil {
		bar.Finish()
	}
	if err != nil {
		return err
	}
	took := time.Since(t0)
	sum := map[string]any{"stored": counts[enduse.OutcomeStored], "failed": counts[enduse.OutcomeFailed],
		"duplicate": counts[enduse.OutcomeDuplicate], "seconds": took.Seconds()}
	if *asJSON {
		return writeJSON(env.Stdout, sum)
	}
	fmt.Fprintf(env.Stdout, "copied %d documents (%d stored, %d failed, %d already there) in %s\n",
		counts[enduse.OutcomeStored]+counts[enduse.OutcomeFailed]+counts[enduse.OutcomeDuplicate],
		counts[enduse.OutcomeStored], counts[enduse.OutcomeFailed], counts[enduse.OutcomeDuplicate], took.Round(time.Millisecond))
	return nil
}
