package cli

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/ingest"
	"github.com/enduse/enduse/pipeline"
	"github.com/enduse/enduse/sample"
)

// runDemo is the main job on the embedded default: it ingests the bundled
// real sample into a local SQLite database, prints what it found and serves
// the UI.
func runDemo(ctx context.Context, env Env, cfg Config, args []string) error {
	fs := newFlags(env, "demo", "[--db FILE] [--addr HOST:PORT] [--no-serve]")
	db := fs.String("db", "enduse-demo.db", "SQLite database to build (reused when it exists: ingest is idempotent)")
	addr := fs.String("addr", cfg.Addr, "address to serve the UI on")
	noServe := fs.Bool("no-serve", false, "build the database and print the summary, but do not serve")
	args, err := parseFlags(fs, "demo", args)
	if err != nil {
		return err
	}
	if isPostgres(*db) {
		return usagef("demo", "the demo builds a local SQLite file; use 'enduse ingest --db %s' for PostgreSQL", *db)
	}
	p, err := pipeline.New(pipeline.Config{KBDirs: cfg.KBDirs})
	if err != nil {
		return err
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()

	fmt.Fprintf(env.Stdout, "Building %s from the bundled sample of real notices…\n", *db)
	start := time.Now()
	total, err := ingest.Run(ctx, st, p, sample.Read, ingest.Options{Workers: cfg.Workers})
	if err != nil {
		return fmt.Errorf("ingest the bundled sample: %w", err)
	}
	printSummary(env, total, time.Since(start), false)
	if err := demoFindings(ctx, env.Stdout, st); err != nil {
		return err
	}
	if *noServe {
		return nil
	}
	return serve(ctx, env, cfg, st, *addr)
}

// demoFindings prints the short summary a newcomer reads first: what the
// sample holds, which foreign brands appear and who buys them.
func demoFindings(ctx context.Context, w io.Writer, st store) error {
	all, err := st.Query(ctx, enduse.Filter{Limit: 1})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nThe database holds %d unique notices (%d documents) from %d buyers.\n", all.Notices, all.Documents, all.Buyers)
	if len(all.ByType) > 0 {
		fmt.Fprintf(w, "By type: %s\n", figures(all.ByType, 8))
	}
	if len(all.BySector) > 0 {
		fmt.Fprintf(w, "Buyers' sectors: %s\n", figures(all.BySector, 8))
	}
	foreign, err := st.Query(ctx, enduse.Filter{USLinked: true, Limit: 10})
	if err != nil {
		return err
	}
	if foreign.Notices > 0 {
		// by_brand holds every brand of the matching notices; the other
		// brands of those notices are the co-mentions.
		linked := map[string]enduse.Figure{}
		for b, f := range foreign.ByBrand {
			if _, other := foreign.CoMentions[b]; !other {
				linked[b] = f
			}
		}
		fmt.Fprintf(w, "At least %d notices from %d buyers name US-linked brands: %s\n", foreign.Notices, foreign.Buyers, figures(linked, 8))
	}
	if len(all.ByBrand) > 0 {
		fmt.Fprintf(w, "All brands named: %s\n", figures(all.ByBrand, 12))
	}
	ps, err := st.Query(ctx, enduse.Filter{Sector: enduse.SectorPublicSecurity, Limit: 5})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Public-security buyers: %d notices from %d buyers.\n", ps.Notices, ps.Buyers)
	listed, err := st.Query(ctx, enduse.Filter{Listed: true, Limit: 5})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Buyers on a screening list: %d notices.\n", listed.Notices)
	return nil
}
