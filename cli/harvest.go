package cli

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/document"
	"github.com/enduse/enduse/kb"
	"github.com/enduse/enduse/pipeline"
	"github.com/enduse/enduse/safetext"
)

// kbHarvest runs the pipeline over notices and lists the distribution
// rights they state (唯一授权代理商, 中国区总代理, …); with out set it writes
// them as a knowledge-base data file, so the knowledge base grows from the
// data (`enduse kb harvest --out DIR/harvested.yaml notices/`, then
// `--kb DIR`).
func kbHarvest(ctx context.Context, env Env, k *kb.KB, kbDirs []string, out string, paths []string) error {
	p, err := pipeline.New(pipeline.Config{KBDirs: kbDirs})
	if err != nil {
		return err
	}
	var ls []statedLink
	tw := tabwriter.NewWriter(env.Stdout, 0, 2, 2, ' ', 0)
	fmt.Fprintln(tw, "NOTICE\tORGANISATION\tSTATES\tBRAND\tLINK")
	failed := 0
	emit := func(d *enduse.Document, err error) error {
		if err != nil {
			failed++
			fmt.Fprintf(env.Stderr, "enduse kb harvest: %s\n", safetext.Escape(err.Error()))
			return nil
		}
		n := p.Process(d).Notice
		for _, r := range n.Rights {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s %s %s\n", clip(safetext.Escape(d.Source), 40), r.Org, r.Phrase, r.Brand,
				r.Link.From, r.Link.Type, r.Link.To)
			country := ""
			for _, s := range n.Suppliers {
				// A supplier the organisation analyser placed in a Chinese
				// region is a Chinese company; otherwise the country is
				// not known.
				if s.Name == r.Org && s.Region != nil && s.Region.Code != "" {
					country = "CN"
				}
			}
			ls = append(ls, statedLink{link: r.Link, org: r.Org, country: country})
		}
		return nil
	}
	var fm document.FieldMap
	if err := document.WalkParsed(ctx, 0, paths, fm, document.Options{}, emit); err != nil {
		return err
	}
	tw.Flush()
	fmt.Fprintf(env.Stdout, "%d rights stated\n", len(ls))
	if out != "" {
		if err := writeStatedKB(out, "enduse kb harvest: distribution rights stated by notices", k, ls); err != nil {
			return err
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d input(s) could not be read (see above)", failed)
	}
	return nil
}
