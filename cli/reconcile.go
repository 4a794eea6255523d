package cli

import (
	"context"
	"fmt"
	"sort"
	"text/tabwriter"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/document"
	"github.com/enduse/enduse/jsonout"
	"github.com/enduse/enduse/pipeline"
	"github.com/enduse/enduse/safetext"
)

// reconcileSummary is the outcome of enduse reconcile over a corpus.
type reconcileSummary struct {
	Documents  int `json:"documents"`
	Checkable  int `json:"checkable"` // notices with every item priced and an amount
	Reconciles int `json:"reconciles"`
	Differs    int `json:"differs"`
	// CannotTell counts the notices with items or an amount that cannot be
	// checked, by what is missing.
	CannotTell map[string]int `json:"cannot_tell"`
	// Rate is Reconciles / Checkable, 0 when nothing is checkable.
	Rate    float64          `json:"rate"`
	Notices []reconcileEntry `json:"notices"`
}

// reconcileEntry is one notice's reconciliation.
type reconcileEntry struct {
	Source string `json:"source"`
	Title  string `json:"title,omitempty"`
	enduse.Reconciliation
}

// runReconcile extracts notices from files and reports how many of those
// with priced items and an amount reconcile: a label-free signal of item
// accuracy on a corpus.
func runReconcile(ctx context.Context, env Env, cfg Config, args []string) error {
	fs := newFlags(env, "reconcile", "[--json] [--all] [--fields MAP] FILE...")
	asJSON := fs.Bool("json", false, "write the summary and every checked notice as JSON")
	all := fs.Bool("all", false, "list every checked notice, not only those that differ")
	fields := fs.String("fields", "", "map enduse record fields to a crawler export's keys, e.g. title=bulletinTitle,html=bulletinContent,published=publishDate,id=bulletinId")
	var kbDirs listFlag
	fs.Var(&kbDirs, "kb", "extra knowledge-base directory (repeatable)")
	args, err := parseFlags(fs, "reconcile", args)
	if err != nil {
		return err
	}
	if len(args) == 0 {
		return usagef("reconcile", "no input files; give files, folders or crawler exports")
	}
	fm, err := document.ParseFieldMap(*fields)
	if err != nil {
		return usagef("reconcile", "--fields: %v", err)
	}
	p, err := pipeline.New(pipeline.Config{KBDirs: append(cfg.KBDirs, kbDirs...)})
	if err != nil {
		return err
	}
	sum := reconcileSummary{CannotTell: map[string]int{}, Notices: []reconcileEntry{}}
	failed := 0
	emit := func(d *enduse.Document, err error) error {
		if err != nil {
			failed++
			fmt.Fprintf(env.Stderr, "enduse reconcile: %s\n", safetext.Escape(err.Error()))
			return nil
		}
		sum.Documents++
		n := p.Process(d).Notice
		r := n.Reconciliation
		if r == nil {
			return nil
		}
		switch r.Status {
		case enduse.Reconciles:
			sum.Reconciles++
		case enduse.Differs:
			sum.Differs++
		default:
			sum.CannotTell[reasonKey(r.Why)]++
			return nil
		}
		sum.Checkable++
		sum.Notices = append(sum.Notices, reconcileEntry{Source: d.Source, Title: n.Title, Reconciliation: *r})
		return nil
	}
	if err := document.WalkParsed(ctx, 0, args, fm, document.Options{}, emit); err != nil {
		return err
	}
	if sum.Checkable > 0 {
		sum.Rate = float64(sum.Reconciles) / float64(sum.Checkable)
	}
	sort.SliceStable(sum.Notices, func(i, j int) bool { return sum.Notices[i].Source < sum.Notices[j].Source })
	if *asJSON {
		if err := jsonout.Indented(env.Stdout, sum, true); err != nil {
			return fmt.Errorf("write JSON: %w", err)
		}
	} else {
		fmt.Fprintf(env.Stdout, "%d documents; %d with every item priced and an amount: %d reconcile (%.1f%%), %d differ\n",
			sum.Documents, sum.Checkable, sum.Reconciles, 100*sum.Rate, sum.Differs)
		for _, k := range sortedKeys(sum.CannotTell) {
			fmt.Fprintf(env.Stdout, "cannot tell: %d %s\n", sum.CannotTell[k], k)
		}
		tw := tabwriter.NewWriter(env.Stdout, 0, 2, 2, ' ', 0)
		header := false
		for _, e := range sum.Notices {
			if e.Status != enduse.Differs && !*all {
				continue
			}
			if !header {
				fmt.Fprintln(tw, "\nSOURCE\tSTATUS\tITEMS TOTAL\tAMOUNT\tDIFFERENCE\tTITLE")
				header = true
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", clip(safetext.Escape(e.Source), 40), e.Status, yuan(e.ItemsTotal),
				yuan(e.Amount), yuan(e.Difference), clip(safetext.Escape(e.Title), 40))
		}
		tw.Flush()
	}
	if failed > 0 {
		return fmt.Errorf("%d input(s) could not be read (see above)", failed)
	}
	return nil
}

// reasonKey groups "3 of 5 items without a price" under one key.
func reasonKey(why string) string {
	var a, b int
	if _, err := fmt.Sscanf(why, "%d of %d items without a price", &a, &b); err == nil {
		return "items without a price"
	}
	return why
}
