package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/enduse/enduse/kb"
	"github.com/enduse/enduse/recognize"
)

// runKB checks, lists and explains the knowledge base.
func runKB(ctx context.Context, env Env, cfg Config, args []string) error {
	fs := newFlags(env, "kb", "check | list [brands|companies|links|categories] | explain TEXT... | harvest [--out FILE] PATH...   [--kb DIR] [--json]")
	asJSON := fs.Bool("json", false, "print JSON")
	harvestOut := fs.String("out", "", "harvest: write the stated rights as a knowledge-base file for --kb")
	var kbDirs listFlag
	fs.Var(&kbDirs, "kb", "extra knowledge-base directory, merged over the built-in one (repeatable)")
	args, err := parseFlags(fs, "kb", args)
	if err != nil {
		return err
	}
	if len(args) == 0 {
		return usagef("kb", "say what to do: check, list or explain TEXT")
	}
	k, err := kb.Load(append(cfg.KBDirs, kbDirs...)...)
	if err != nil {
		return err
	}
	switch sub, rest := args[0], args[1:]; sub {
	case "check":
		problems := k.Check()
		if *asJSON {
			writeJSON(env.Stdout, problems)
		} else {
			for _, p := range problems {
				fmt.Fprintln(env.Stdout, p.String())
			}
			// Undated links are not errors (a relationship that never
			// changed needs no date) but each is listed for review.
			undated := k.Undated()
			for _, p := range undated {
				fmt.Fprintln(env.Stdout, "undated: "+p.String())
			}
			fmt.Fprintf(env.Stdout, "%d links without a date (listed above for review)\n", len(undated))
			fmt.Fprintf(env.Stdout, "%d companies, %d brands, %d aliases, %d model patterns, %d links, %d categories: %d problems\n",
				len(k.Companies()), len(k.Brands()), len(k.Aliases()), len(k.Patterns()), len(k.Links()), len(k.Categories()), len(problems))
		}
		if len(problems) > 0 {
			return fmt.Errorf("the knowledge base has %d problems", len(problems))
		}
		return nil
	case "harvest":
		if len(rest) == 0 {
			return usagef("kb", "harvest needs notices, e.g. enduse kb harvest --out my-kb/harvested.yaml notices/")
		}
		return kbHarvest(ctx, env, k, append(cfg.KBDirs, kbDirs...), *harvestOut, rest)
	case "list":
		what := "brands"
		if len(rest) > 0 {
			what = rest[0]
		}
		return kbList(env.Stdout, k, what, *asJSON)
	case "explain":
		if len(rest) == 0 {
			return usagef("kb", "explain needs a text, e.g. enduse kb explain \"希捷酷鹰 ST4000VX013\"")
		}
		rec, err := recognize.New(k)
		if err != nil {
			return err
		}
		text := strings.Join(rest, " ")
		ex := rec.Explain(text)
		if *asJSON {
			return writeJSON(env.Stdout, ex)
		}
		if len(ex) == 0 {
			fmt.Fprintf(env.Stdout, "%q: no brand, product or model number recognised\n", text)
		}
		for _, e := range ex {
			state := "kept"
			if !e.Kept {
				state = "dropped"
			}
			fmt.Fprintf(env.Stdout, "%q [%d,%d) %s — matched %s\n", e.Text, e.Start, e.End, state, e.Matched)
			if e.Brand != "" {
				fmt.Fprintf(env.Stdout, "  brand %s · company %s (%s)", e.Brand, e.Company, e.Country)
				if e.ProductLine != "" {
					fmt.Fprintf(env.Stdout, " · line %s", e.ProductLine)
				}
				if e.Category != "" {
					fmt.Fprintf(env.Stdout, " · category %s", e.Category)
				}
				if e.Spec {
					fmt.Fprint(env.Stdout, " · specification only")
				}
				fmt.Fprintln(env.Stdout)
			}
			if e.USLinked {
				fmt.Fprintf(env.Stdout, "  US-linked: %s\n", strings.Join(e.USLinkPath, " → "))
			}
			for _, w := range e.Why {
				fmt.Fprintf(env.Stdout, "  why: %s\n", w)
			}
			for _, p := range e.Path {
				fmt.Fprintf(env.Stdout, "  link: %s\n", p)
			}
		}
		return nil
	default:
		return usagef("kb", "unknown kb command %q (check, list, explain)", sub)
	}
}

// kbList prints one kind of knowledge-base record.
func kbList(w io.Writer, k *kb.KB, what string, asJSON bool) error {
	tw := tabwriter.NewWriter(w, 0, 2, 2, ' ', 0)
	defer tw.Flush()
	switch what {
	case "brands":
		if asJSON {
			return writeJSON(w, k.Brands())
		}
		fmt.Fprintln(tw, "ID\tBRAND\tCOMPANY\tCATEGORY\tALIASES\tLINES")
		for _, b := range k.Brands() {
			var lines []string
			for _, l := range b.ProductLines {
				lines = append(lines, l.Name)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", b.ID, b.Name, b.Company, b.Category, clip(strings.Join(b.Aliases, " / "), 50), strings.Join(lines, ", "))
		}
	case "companies":
		if asJSON {
			return writeJSON(w, k.Companies())
		}
		fmt.Fprintln(tw, "ID\tCOMPANY\tCHINESE\tCOUNTRY\tUS-LINKED")
		for _, c := range k.Companies() {
			linked := ""
			if ok, _ := k.USLink(c.ID); ok {
				linked = "yes"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", c.ID, c.Name, c.NameZH, c.Country, linked)
		}
	case "links":
		if asJSON {
			return writeJSON(w, k.Links())
		}
		fmt.Fprintln(tw, "FROM\tLINK\tTO\tSHARE\tSINCE\tUNTIL")
		for _, l := range k.Links() {
			share := ""
			if l.Share > 0 {
				share = fmt.Sprintf("%g%%", l.Share)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", l.From, l.Type, l.To, share, l.Since, l.Until)
		}
	case "categories":
		if asJSON {
			return writeJSON(w, k.Categories())
		}
		fmt.Fprintln(tw, "ID\tNAME\tCHINESE")
		for _, c := range k.Categories() {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", c.ID, c.Name, c.NameZH)
		}
	default:
		return fmt.Errorf("unknown kb list %q (brands, companies, links, categories)", what)
	}
	return nil
}
