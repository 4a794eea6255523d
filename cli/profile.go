package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/kb"
)

// runOrg prints the profile of a buyer, agency or supplier.
func runOrg(ctx context.Context, env Env, cfg Config, args []string) error {
	fs := newFlags(env, "org", "[--db DSN] [--json] NAME")
	db := fs.String("db", cfg.DB, "database: SQLite file path or postgres:// DSN")
	asJSON := fs.Bool("json", false, "print the profile as JSON")
	args, err := parseFlags(fs, "org", args)
	if err != nil {
		return err
	}
	if len(args) != 1 {
		return usagef("org", "give one organisation name or key, e.g. enduse org 北京瑞安文德科技有限公司")
	}
	st, err := openExistingStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	p, err := st.OrgProfile(ctx, args[0])
	if err != nil {
		return fmt.Errorf("profile of %s: %w", args[0], err)
	}
	if *asJSON {
		return writeJSON(env.Stdout, p)
	}
	printOrgProfile(env.Stdout, p)
	// The knowledge base's links of the organisation: "agent of Ryan
	// Technologies (US), since 2008".
	k, err := kb.Load(cfg.KBDirs...)
	if err != nil {
		return err
	}
	for _, l := range k.KnownLinks(append([]string{p.Name}, p.Names...)...) {
		fmt.Fprintln(env.Stdout, "known link: "+l)
	}
	return nil
}

func printOrgProfile(w io.Writer, p *enduse.OrgProfile) {
	fmt.Fprintf(w, "%s", p.Name)
	if p.NameEN != "" {
		fmt.Fprintf(w, " (%s)", p.NameEN)
	}
	fmt.Fprintln(w)
	region := ""
	if p.Region != nil {
		region = p.Region.Path
	}
	fmt.Fprintf(w, "sector %s · level %s · region %s\n", p.Sector, p.Level, region)
	if len(p.Names) > 1 {
		fmt.Fprintf(w, "also written: %s\n", strings.Join(p.Names, "; "))
	}
	fmt.Fprintf(w, "%d procurement records between %s and %s: %d as buyer, %d as winner, %d as candidate, %d as bidder, %d as single-source supplier\n",
		p.Records.Notices, p.First, p.Last, p.AsBuyer.Notices, p.AsWinner.Notices, p.AsCandidate.Notices, p.AsBidder.Notices, p.AsSingleSource.Notices)
	if p.Bought.Amount > 0 {
		fmt.Fprintf(w, "bought: %s yuan\n", num(p.Bought.Amount))
	}
	if p.Won.Amount > 0 {
		fmt.Fprintf(w, "won: %s yuan\n", num(p.Won.Amount))
	}
	for _, part := range []struct {
		name string
		m    map[string]enduse.Figure
	}{
		{"counterparties", p.Counterparties}, {"counterparties by sector", p.CounterpartySectors},
		{"counterparties by level", p.CounterpartyLevels}, {"counterparties by region", p.CounterpartyRegions},
		{"brands", p.Brands}, {"product lines", p.ProductLines},
	} {
		if len(part.m) > 0 {
			fmt.Fprintf(w, "%s: %s\n", part.name, figures(part.m, 10))
		}
	}
	for _, h := range p.Hits {
		fmt.Fprintf(w, "list hit: %s %s — %s (%.2f): %s\n", h.Relation, h.List, h.Entry, h.Score, h.Why)
	}
}

// runBrand prints who buys a brand, where, when and through whom.
func runBrand(ctx context.Context, env Env, cfg Config, args []string) error {
	fs := newFlags(env, "brand", "[--db DSN] [--json] NAME")
	db := fs.String("db", cfg.DB, "database: SQLite file path or postgres:// DSN")
	asJSON := fs.Bool("json", false, "print the profile as JSON")
	args, err := parseFlags(fs, "brand", args)
	if err != nil {
		return err
	}
	if len(args) != 1 {
		return usagef("brand", "give one brand, e.g. enduse brand 希捷")
	}
	f, err := resolveFilter(cfg, enduse.Filter{Brand: args[0]})
	if err != nil {
		return err
	}
	st, err := openExistingStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	p, err := st.BrandProfile(ctx, f.Brand)
	if err != nil {
		return fmt.Errorf("profile of %s: %w", args[0], err)
	}
	if *asJSON {
		return writeJSON(env.Stdout, p)
	}
	fmt.Fprintf(env.Stdout, "%s — %s (%s)", p.Brand, p.Company, p.Country)
	if p.USLinked {
		fmt.Fprint(env.Stdout, ", US-linked")
	}
	fmt.Fprintf(env.Stdout, "\n%d announcements from %d buyers between %s and %s\n", p.Notices.Notices, p.Buyers, p.First, p.Last)
	for _, part := range []struct {
		name string
		m    map[string]enduse.Figure
	}{
		{"buyers", p.ByBuyer}, {"sectors", p.BySector}, {"levels", p.ByLevel}, {"provinces", p.ByRegion},
		{"suppliers", p.BySupplier}, {"product lines", p.ByProductLine}, {"categories", p.ByCategory}, {"types", p.ByType},
	} {
		if len(part.m) > 0 {
			fmt.Fprintf(env.Stdout, "%s: %s\n", part.name, figures(part.m, 10))
		}
	}
	return nil
}
