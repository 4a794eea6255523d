package cli

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"gopkg.in/yaml.v3"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/exhibit"
	"github.com/enduse/enduse/kb"
	"github.com/enduse/enduse/recognize"
)

// exhibitorOut is one exhibitor of `enduse exhibitors --json`, with what
// the store knows of its later sales when --db is given.
type exhibitorOut struct {
	exhibit.Exhibitor
	// LaterPublicSecurity are the notices in which the exhibitor supplied
	// a public-security buyer from the event's year on.
	LaterPublicSecurity *enduse.Figure `json:"later_public_security,omitempty"`
}

// runExhibitors resolves exhibitor lists of an event against the
// knowledge base as of the event's year.
func runExhibitors(ctx context.Context, env Env, cfg Config, args []string) error {
	fs := newFlags(env, "exhibitors", "--event NAME --year YYYY [--edition N] [--us-linked] [--agents] [--brand NAME] [--db DSN] [--kb-out FILE] [--json] FILE...")
	event := fs.String("event", "", "exhibition name (CIEPE, Security China, CPSE)")
	edition := fs.Int("edition", 0, "edition number (5 for the 5th CIEPE)")
	year := fs.Int("year", 0, "the event's year; links are evaluated as of it")
	usLinked := fs.Bool("us-linked", false, "only US-linked exhibitors (directly, via subsidiary, joint venture, acquirer or agency)")
	agents := fs.Bool("agents", false, "only agents: exhibitors that say they represent or distribute others' brands")
	brand := fs.String("brand", "", "with --agents: only agents of this brand or company")
	db := fs.String("db", "", "database: also count each exhibitor's later sales to public-security buyers")
	kbOut := fs.String("kb-out", "", "write the agents' links (and unknown exhibitors) as a knowledge-base file for --kb")
	asJSON := fs.Bool("json", false, "print JSON")
	var kbDirs listFlag
	fs.Var(&kbDirs, "kb", "extra knowledge-base directory (repeatable)")
	files, err := parseFlags(fs, "exhibitors", args)
	if err != nil {
		return err
	}
	if *event == "" || *year < 1900 || *year > 2100 || len(files) == 0 {
		return usagef("exhibitors", "give --event, --year and at least one list, e.g. enduse exhibitors --event CIEPE --edition 5 --year 2010 ciepe-2010.csv")
	}
	k, err := kb.Load(append(cfg.KBDirs, kbDirs...)...)
	if err != nil {
		return err
	}
	rec, err := recognize.New(k)
	if err != nil {
		return err
	}
	var brandCompany string
	if *brand != "" {
		if b, ok := k.FindBrand(*brand); ok {
			brandCompany = b.Company
		} else if c, ok := k.FindCompany(*brand); ok {
			brandCompany = c.ID
		} else {
			return usagef("exhibitors", "--brand %q is not a brand or company of the knowledge base (see enduse kb list)", *brand)
		}
	}
	ev := exhibit.Event{Name: *event, Edition: *edition, Year: *year}
	r := exhibit.New(k, rec)
	var all []exhibit.Exhibitor
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			return fmt.Errorf("read exhibitor list: %w", err)
		}
		rows, err := exhibit.Read(raw, f)
		if err != nil {
			return err
		}
		all = append(all, r.Resolve(ev, rows)...)
	}
	var shown []exhibitorOut
	for _, x := range all {
		if *usLinked && !x.USLinked {
			continue
		}
		if (*agents || brandCompany != "") && !x.Agent {
			continue
		}
		if brandCompany != "" && !represents(x, brandCompany) {
			continue
		}
		shown = append(shown, exhibitorOut{Exhibitor: x})
	}
	if *db != "" {
		st, err := openExistingStore(ctx, *db)
		if err != nil {
			return err
		}
		defer st.Close()
		for i := range shown {
			res, err := st.Query(ctx, enduse.Filter{Supplier: shown[i].Name, Sector: enduse.SectorPublicSecurity,
				From: fmt.Sprintf("%04d-01-01", *year), Limit: 1})
			if err != nil {
				return fmt.Errorf("later sales of %s: %w", shown[i].Name, err)
			}
			fig := enduse.Figure{Notices: res.Notices, Amount: res.Amount}
			for _, row := range res.Rows {
				fig.IDs = append(fig.IDs, row.ID)
			}
			fig.IDsTruncated = res.Total > len(res.Rows)
			shown[i].LaterPublicSecurity = &fig
		}
	}
	if *kbOut != "" {
		if err := writeExhibitorKB(*kbOut, k, all); err != nil {
			return err
		}
	}
	if *asJSON {
		return writeJSON(env.Stdout, shown)
	}
	printExhibitors(env.Stdout, ev, shown, len(all))
	return nil
}

// represents reports whether an agent exhibitor represents a company's
// brands.
func represents(x exhibit.Exhibitor, company string) bool {
	for _, rep := range x.Represents {
		if rep.Link.Link.To == company {
			return true
		}
	}
	return false
}

func printExhibitors(w io.Writer, ev exhibit.Event, xs []exhibitorOut, total int) {
	linked, agents := 0, 0
	for _, x := range xs {
		if x.USLinked {
			linked++
		}
		if x.Agent {
			agents++
		}
	}
	fmt.Fprintf(w, "%s: %d of %d exhibitors shown; %d US-linked, %d agents (links as of %d)\n",
		ev, len(xs), total, linked, agents, ev.Year)
	tw := tabwriter.NewWriter(w, 0, 2, 2, ' ', 0)
	fmt.Fprintln(tw, "EXHIBITOR\tCOUNTRY\tBOOTH\tUS LINK\tAGENT OF\tLATER PUBLIC SECURITY")
	for _, x := range xs {
		link := "-"
		if x.USLinked {
			link = string(x.Via) + ": " + strings.Join(x.USLinkPath, " → ")
		}
		var reps []string
		for _, r := range x.Represents {
			s := r.Brand
			if s == "" {
				s = r.Company
			}
			if r.USLinked {
				s += " (US-linked)"
			}
			reps = append(reps, s)
		}
		later := ""
		if x.LaterPublicSecurity != nil {
			later = fmt.Sprintf("%d notices", x.LaterPublicSecurity.Notices)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", x.Name, x.Country, x.Booth, link, strings.Join(reps, "; "), later)
	}
	tw.Flush()
}

// known reports whether the knowledge base already has a link of this
// type between these companies.
func known(k *kb.KB, lk enduse.Link) bool {
	for _, o := range k.LinksFrom(lk.From) {
		if o.Type == lk.Type && o.To == lk.To {
			return true
		}
	}
	return false
}

// kbFile is the shape of a knowledge-base data file written by
// --kb-out: companies for exhibitors the knowledge base lacks and the
// agency links the exhibitors stated.
type kbFile struct {
	Companies []kbCompany   `yaml:"companies,omitempty"`
	Links     []enduse.Link `yaml:"links,omitempty"`
}

type kbCompany struct {
	ID      string   `yaml:"id"`
	Name    string   `yaml:"name"`
	Country string   `yaml:"country"`
	Note    string   `yaml:"note,omitempty"`
	Sources []string `yaml:"sources"`
}

// writeExhibitorKB writes the agents' links as a data file that `--kb DIR`
// loads, so that the knowledge base grows from exhibitor records.
func writeExhibitorKB(path string, k *kb.KB, xs []exhibit.Exhibitor) error {
	var ls []statedLink
	for _, x := range xs {
		for _, rep := range x.Represents {
			ls = append(ls, statedLink{link: rep.Link.Link, org: x.Name, country: x.CountryCode})
		}
	}
	return writeStatedKB(path, "enduse exhibitors --kb-out: links stated by exhibitors", k, ls)
}

// statedLink is a link stated by a notice or an exhibitor record, with the
// organisation's name and, when the record grounds it, its country.
type statedLink struct {
	link         enduse.Link
	org, country string
}

// writeStatedKB writes stated links as a knowledge-base data file. A link
// the knowledge base already has is left out (a layer would replace the
// reviewed record); an organisation unknown to the knowledge base becomes
// a company with a derived id, and one without a grounded country is left
// out (its country would be a guess). Every written link is unverified.
func writeStatedKB(path, what string, k *kb.KB, ls []statedLink) error {
	var out kbFile
	added := map[string]bool{}
	for _, sl := range ls {
		lk := sl.link
		if known(k, lk) {
			continue
		}
		if _, ok := k.Company(lk.From); !ok {
			if sl.country == "" {
				continue
			}
			sum := sha256.Sum256([]byte(sl.org))
			id := "stated-" + hex.EncodeToString(sum[:4])
			if !added[id] {
				added[id] = true
				out.Companies = append(out.Companies, kbCompany{ID: id, Name: sl.org, Country: sl.country,
					Note: "named in a stated link, not reviewed", Sources: lk.Sources})
			}
			lk.From = id
		}
		key := lk.From + "/" + string(lk.Type) + "/" + lk.To
		if added[key] {
			continue
		}
		added[key] = true
		lk.Unverified = true
		out.Links = append(out.Links, lk)
	}
	b, err := yaml.Marshal(out)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	head := "# Written by " + what + "; unreviewed.\n"
	if err := os.WriteFile(path, append([]byte(head), b...), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
