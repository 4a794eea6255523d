package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/pipeline"
	"github.com/enduse/enduse/screen"
)

// screenResult is one screened name: the JSON contract of `enduse screen --json`.
type screenResult struct {
	Name   string       `json:"name"`
	NameEN string       `json:"name_en,omitempty"`
	Sector string       `json:"sector,omitempty"`
	Region string       `json:"region,omitempty"`
	Hits   []enduse.Hit `json:"hits"`
}

// runScreen screens names, or every organisation stored in a database,
// against the built-in and imported screening lists.
func runScreen(ctx context.Context, env Env, cfg Config, args []string) error {
	fs := newFlags(env, "screen", "[--json] [--lists NAMES] [--list FILE]... NAME... | --db DSN")
	asJSON := fs.Bool("json", false, "print one JSON object per name")
	db := fs.String("db", "", "screen every buyer, agency and supplier stored in this database")
	minScore := fs.Float64("min-score", 0, "drop hits scoring below this (0..1)")
	all := fs.Bool("all", false, "with --db: print names without hits too")
	var only, files listFlag
	fs.Var(&only, "lists", "screen only against these lists (comma-separated names; see 'enduse lists')")
	fs.Var(&files, "list", "also screen against this list file or directory (repeatable)")
	args, err := parseFlags(fs, "screen", args)
	if err != nil {
		return err
	}
	names := args
	if *db == "" && len(names) == 0 {
		return usagef("screen", "give names to screen, or --db to screen a database's organisations")
	}
	lists, err := screen.Default()
	if err != nil {
		return err
	}
	for _, f := range files {
		l, err := screen.Import(f)
		if err != nil {
			return err
		}
		lists = lists.Merge(l)
	}
	p, err := pipeline.New(pipeline.Config{KBDirs: cfg.KBDirs, Lists: lists})
	if err != nil {
		return err
	}
	if *db != "" {
		st, err := openExistingStore(ctx, *db)
		if err != nil {
			return err
		}
		defer st.Close()
		if err := st.EachOrg(ctx, func(_, name string) error {
			names = append(names, name)
			return nil
		}); err != nil {
			return err
		}
	}
	opt := screen.Options{Lists: only, MinScore: *minScore}
	hits := 0
	for _, name := range names {
		o := p.Orgs.Analyze(name)
		r := screenResult{Name: name, NameEN: o.NameEN, Sector: string(o.Sector), Hits: p.Screener.Screen(name, opt)}
		if r.Hits == nil {
			r.Hits = []enduse.Hit{}
		}
		if o.Region != nil {
			r.Region = o.Region.Code
		}
		hits += len(r.Hits)
		if *db != "" && len(r.Hits) == 0 && !*all {
			continue
		}
		if *asJSON {
			if err := writeJSONLine(env.Stdout, r); err != nil {
				return err
			}
			continue
		}
		printScreen(env.Stdout, r)
	}
	if !*asJSON {
		fmt.Fprintf(env.Stdout, "%d names screened against %d lists: %d hits\n", len(names), len(lists.Names()), hits)
	}
	return nil
}

func printScreen(w io.Writer, r screenResult) {
	fmt.Fprintf(w, "%s", r.Name)
	if r.NameEN != "" {
		fmt.Fprintf(w, " (%s)", r.NameEN)
	}
	if len(r.Hits) == 0 {
		fmt.Fprintln(w, ": no hit")
		return
	}
	fmt.Fprintln(w)
	for _, h := range r.Hits {
		fmt.Fprintf(w, "  %-11s %.2f  %s — %s\n", h.Relation, h.Score, h.List, h.Entry)
		fmt.Fprintf(w, "              why: %s\n", strings.ReplaceAll(h.Why, "\n", " "))
	}
}
