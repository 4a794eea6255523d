package cli

import (
	"context"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/pipeline"
	"github.com/enduse/enduse/safetext"
	"github.com/enduse/enduse/screen"
)

// runLists shows the screening lists and imports new ones into a database.
func runLists(ctx context.Context, env Env, cfg Config, args []string) error {
	fs := newFlags(env, "lists", "[--db DSN] [--json] | import [--db DSN] FILE...")
	db := fs.String("db", "", "database whose imported lists to show or import into")
	asJSON := fs.Bool("json", false, "print JSON")
	args, err := parseFlags(fs, "lists", args)
	if err != nil {
		return err
	}
	if len(args) > 0 && args[0] == "import" {
		sub := newFlags(env, "lists import", "[--db DSN] FILE...")
		subDB := sub.String("db", firstNonEmpty(*db, cfg.DB), "database to import into")
		subArgs, err := parseFlags(sub, "lists", args[1:])
		if err != nil {
			return err
		}
		if len(subArgs) == 0 {
			return usagef("lists", "import needs list files or directories")
		}
		return importLists(ctx, env, cfg, *subDB, subArgs)
	}
	if len(args) > 0 {
		return usagef("lists", "unknown lists command %q (import)", args[0])
	}
	def, err := screen.Default()
	if err != nil {
		return err
	}
	var rows []enduse.ScreeningList
	for _, in := range def.Names() {
		rows = append(rows, enduse.ScreeningList{Name: in.Name, Version: in.Version, Source: "built-in: " + in.Source, Format: in.Format, Count: in.Count})
	}
	if *db != "" {
		st, err := openExistingStore(ctx, *db)
		if err != nil {
			return err
		}
		defer st.Close()
		stored, err := st.Lists(ctx)
		if err != nil {
			return err
		}
		rows = append(rows, stored...)
	}
	if *asJSON {
		return writeJSON(env.Stdout, rows)
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 2, 2, ' ', 0)
	fmt.Fprintln(tw, "LIST\tVERSION\tENTRIES\tFORMAT\tSOURCE\tIMPORTED")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\n", r.Name, r.Version, r.Count, r.Format, safetext.Escape(r.Source), r.Imported)
	}
	return tw.Flush()
}

// importLists stores list files in the database and re-screens every
// stored organisation against the built-in and stored lists.
func importLists(ctx context.Context, env Env, cfg Config, dsn string, paths []string) error {
	st, err := openStore(ctx, dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	now := time.Now().UTC().Format(time.RFC3339)
	for _, p := range paths {
		l, err := screen.Import(p)
		if err != nil {
			return err
		}
		for i, in := range l.Names() {
			mine := l.EntriesOf(i)
			sl := enduse.ScreeningList{Name: in.Name, Version: in.Version, Source: in.Source, Format: in.Format, Count: len(mine), Imported: now}
			if err := st.SaveList(ctx, sl, mine); err != nil {
				return fmt.Errorf("store list %s: %w", safetext.Escape(p), err)
			}
			fmt.Fprintf(env.Stdout, "imported %s (version %s, %d entries) from %s\n", in.Name, in.Version, len(mine), safetext.Escape(in.Source))
		}
	}
	lists, err := loadLists(ctx, st)
	if err != nil {
		return err
	}
	p, err := pipeline.New(pipeline.Config{KBDirs: cfg.KBDirs, Lists: lists})
	if err != nil {
		return err
	}
	orgs, withHits := 0, 0
	err = st.EachOrg(ctx, func(key, name string) error {
		hits := p.Screener.Screen(name, screen.Options{})
		orgs++
		if len(hits) > 0 {
			withHits++
		}
		if err := st.ReplaceOrgHits(ctx, key, hits); err != nil {
			return fmt.Errorf("record hits of %s: %w", name, err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "re-screened %d stored organisations: %d with hits\n", orgs, withHits)
	return nil
}

// loadLists returns the built-in lists plus the newest stored version of
// each imported list.
func loadLists(ctx context.Context, st enduse.ListStore) (*screen.Lists, error) {
	// The built-in pipeline's lists: with nothing stored, the pipeline of
	// these lists reuses the built-in screener instead of building one.
	builtin, err := pipeline.New(pipeline.Config{})
	if err != nil {
		return nil, err
	}
	lists := builtin.Lists
	stored, err := st.Lists(ctx)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, sl := range stored { // newest import first
		if seen[sl.Name] {
			continue
		}
		seen[sl.Name] = true
		entries, err := st.ListEntries(ctx, sl.Name, sl.Version)
		if err != nil {
			return nil, err
		}
		lists = lists.Merge(screen.FromEntries(screen.ListInfo{Name: sl.Name, Version: sl.Version, Source: sl.Source, Format: sl.Format}, entries))
	}
	return lists, nil
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
