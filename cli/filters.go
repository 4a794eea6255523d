package cli

import (
	"flag"
	"fmt"
	"strings"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/kb"
	"github.com/enduse/enduse/notice"
	"github.com/enduse/enduse/resolve"
)

// filterFlags registers the DESIGN §3 filters on fs and returns a function
// that builds and validates the Filter after parsing.
func filterFlags(fs *flag.FlagSet) func() (enduse.Filter, error) {
	var f enduse.Filter
	var types, lists listFlag
	var sector, level, reason, pathway string
	fs.StringVar(&f.Brand, "brand", "", "brand by name or alias (Seagate, 希捷, WD)")
	fs.StringVar(&f.Company, "company", "", "company name or id (Thermo Fisher Scientific, 新华三)")
	fs.StringVar(&f.Country, "country", "", "country of the brand's company, ISO code (US)")
	fs.BoolVar(&f.USLinked, "us-linked", false, "only brands linked to a US company through ownership or agency")
	fs.StringVar(&f.Category, "category", "", "technology category or its prefix (storage, storage.surveillance)")
	fs.StringVar(&f.ProductLine, "product-line", "", "product line (SkyHawk, WD Purple)")
	fs.StringVar(&f.Buyer, "buyer", "", "buyer name contains (Chinese or English)")
	fs.StringVar(&f.Supplier, "supplier", "", "a supplier name contains")
	fs.StringVar(&sector, "sector", "", "buyer sector: public_security, procuratorate, court, prison_justice, xpcc, armed_police, state_security, other_government, education, health, enterprise")
	fs.StringVar(&level, "level", "", "buyer level: ministry, province, prefecture, county, district, station, unit")
	fs.StringVar(&f.Region, "region", "", "buyer region: GB/T 2260 code prefix (65 = Xinjiang) or place name (新疆, 乌鲁木齐)")
	fs.Var(&types, "type", "notice type(s): tender, candidates, award, contract, single_source, correction, termination, other (repeatable or comma-separated)")
	fs.StringVar(&f.From, "from", "", "published on or after (YYYY-MM-DD)")
	fs.StringVar(&f.To, "to", "", "published on or before (YYYY-MM-DD)")
	fs.BoolVar(&f.Listed, "listed", false, "only notices whose buyer is on a screening list")
	fs.Var(&lists, "lists", "with --listed: only these lists (comma-separated names)")
	fs.StringVar(&f.Text, "text", "", "full-text search in title and text")
	fs.StringVar(&reason, "reason", "", "single-source reason: imported, outperforms, compatibility, sole_service, patent, urgent, other")
	fs.StringVar(&f.Method, "method", "", "procurement method: "+strings.Join(notice.MethodIDs(), ", "))
	fs.BoolVar(&f.IncludeSpec, "include-spec", false, "count brands named only as a specification (\"或同等档次\")")
	fs.StringVar(&pathway, "pathway", "", "how the product reached the buyer: direct, subsidiary, joint_venture, acquired, distributor, unknown_third_party")
	fs.IntVar(&f.Limit, "limit", 100, "rows to list")
	fs.IntVar(&f.Offset, "offset", 0, "rows to skip")
	return func() (enduse.Filter, error) {
		f.Sector, f.Level, f.Reason, f.Lists = enduse.Sector(sector), enduse.Level(level), enduse.ReasonClass(reason), lists
		f.Pathway = enduse.Pathway(pathway)
		for _, t := range types {
			f.Types = append(f.Types, enduse.NoticeType(t))
		}
		return f, ValidateFilter(f)
	}
}

// ValidateFilter checks a filter's enumerations, dates and limits: the
// one check of enduse.Filter.Validate, which the API applies too.
func ValidateFilter(f enduse.Filter) error {
	// The known methods first: their message lists them.
	if err := notice.CheckMethod(f.Method); err != nil {
		return err
	}
	_, err := f.Validate()
	return err
}

// resolveFilter turns the brand and company the user typed (希捷, 新华三,
// ST4000VX013) into the canonical names the store keeps, through the same
// resolver the API uses. The knowledge base is loaded only when the filter
// names one.
func resolveFilter(cfg Config, f enduse.Filter) (enduse.Filter, error) {
	if f.Brand == "" && f.Company == "" {
		return f, nil
	}
	k, err := kb.Load(cfg.KBDirs...)
	if err != nil {
		return f, fmt.Errorf("load knowledge base: %w", err)
	}
	r, err := resolve.New(k)
	if err != nil {
		return f, err
	}
	return r.Filter(f), nil
}
