package cli

import (
	"flag"
	"fmt"
	"regexp"
	"strings"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/kb"
	"github.com/enduse/enduse/notice"
	"github.com/enduse/enduse/recognize"
)

// filterFlags registers the DESIGN §3 filters on fs and returns a function
// that builds and validates the Filter after parsing.
func filterFlags(fs *flag.FlagSet) func() (enduse.Filter, error) {
	var f enduse.Filter
	var types, lists listFlag
	var sector, level, reason string
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
	fs.IntVar(&f.Limit, "limit", 100, "rows to list")
	fs.IntVar(&f.Offset, "offset", 0, "rows to skip")
	return func() (enduse.Filter, error) {
		f.Sector, f.Level, f.Reason, f.Lists = enduse.Sector(sector), enduse.Level(level), enduse.ReasonClass(reason), lists
		for _, t := range types {
			f.Types = append(f.Types, enduse.NoticeType(t))
		}
		return f, ValidateFilter(f)
	}
}

var isoDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// ValidateFilter checks a filter's enumerations and dates.
func ValidateFilter(f enduse.Filter) error {
	for _, t := range f.Types {
		if !oneOf(string(t), enduse.NoticeTypes) {
			return fmt.Errorf("unknown notice type %q", t)
		}
	}
	sectors := []enduse.Sector{enduse.SectorPublicSecurity, enduse.SectorProcuratorate, enduse.SectorCourt,
		enduse.SectorPrisonJustice, enduse.SectorXPCC, enduse.SectorArmedPolice, enduse.SectorStateSecurity,
		enduse.SectorOtherGovernment, enduse.SectorEducation, enduse.SectorHealth, enduse.SectorEnterprise, enduse.SectorUnknown}
	if f.Sector != "" && !oneOf(string(f.Sector), sectors) {
		return fmt.Errorf("unknown sector %q", f.Sector)
	}
	levels := []enduse.Level{enduse.LevelMinistry, enduse.LevelProvince, enduse.LevelPrefecture, enduse.LevelCounty,
		enduse.LevelDistrict, enduse.LevelStation, enduse.LevelUnit, enduse.LevelUnknown}
	if f.Level != "" && !oneOf(string(f.Level), levels) {
		return fmt.Errorf("unknown level %q", f.Level)
	}
	reasons := []enduse.ReasonClass{enduse.ReasonImported, enduse.ReasonOutperforms, enduse.ReasonCompatibility,
		enduse.ReasonSoleService, enduse.ReasonPatent, enduse.ReasonUrgent, enduse.ReasonOther}
	if f.Reason != "" && !oneOf(string(f.Reason), reasons) {
		return fmt.Errorf("unknown single-source reason %q", f.Reason)
	}
	if f.Method != "" && !oneOf(f.Method, notice.MethodIDs()) {
		return fmt.Errorf("unknown procurement method %q (want one of %s)", f.Method, strings.Join(notice.MethodIDs(), ", "))
	}
	for _, d := range []string{f.From, f.To} {
		if d != "" && !isoDate.MatchString(d) {
			return fmt.Errorf("date %q is not YYYY-MM-DD", d)
		}
	}
	if f.From != "" && f.To != "" && f.From > f.To {
		return fmt.Errorf("--from %s is after --to %s", f.From, f.To)
	}
	if f.Limit < 0 || f.Offset < 0 {
		return fmt.Errorf("limit and offset must not be negative")
	}
	return nil
}

func oneOf[T ~string](s string, set []T) bool {
	for _, v := range set {
		if string(v) == s {
			return true
		}
	}
	return false
}

// resolveFilter turns the brand and company the user typed (希捷, 新华三,
// ST4000VX013) into the canonical names the store keeps. The knowledge base
// is loaded only when the filter names one.
func resolveFilter(cfg Config, f enduse.Filter) (enduse.Filter, error) {
	if f.Brand == "" && f.Company == "" {
		return f, nil
	}
	k, err := kb.Load(cfg.KBDirs...)
	if err != nil {
		return f, fmt.Errorf("load knowledge base: %w", err)
	}
	if f.Brand != "" {
		rec, err := recognize.New(k)
		if err != nil {
			return f, fmt.Errorf("build recogniser: %w", err)
		}
		f.Brand = canonicalBrand(rec, f.Brand)
	}
	if f.Company != "" {
		if c, ok := k.FindCompany(f.Company); ok {
			f.Company = c.Name
		} else if b, ok := k.FindBrand(f.Company); ok {
			if c, ok := k.Company(b.Company); ok {
				f.Company = c.Name
			}
		}
	}
	return f, nil
}

// canonicalBrand turns what the user typed (希捷, seagate, ST4000VX013) into
// the canonical brand the store keeps, using the recogniser; unknown words
// are kept as typed so the store can still match mention text.
func canonicalBrand(rec *recognize.Recognizer, brand string) string {
	if strings.TrimSpace(brand) == "" {
		return brand
	}
	ms := rec.Find(brand)
	if len(ms) == 1 && ms[0].Brand != "" {
		return ms[0].Brand
	}
	return brand
}
