package recognize

import (
	"os"
	"strings"
	"sync"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/enduse/enduse"
)

// fixtureKB is testdata/fixture-kb.yaml: kb-shaped records plus a list of
// ambiguous aliases per brand.
type fixtureKB struct {
	Companies []enduse.Company `yaml:"companies"`
	Brands    []struct {
		enduse.Brand `yaml:",inline"`
		Ambiguous    []string `yaml:"ambiguous"`
	} `yaml:"brands"`
}

var fixtureOnce = sync.OnceValues(func() (*Recognizer, error) {
	b, err := os.ReadFile("testdata/fixture-kb.yaml")
	if err != nil {
		return nil, err
	}
	var fx fixtureKB
	if err := yaml.Unmarshal(b, &fx); err != nil {
		return nil, err
	}
	return build(fixtureSource(fx))
})

// fixture returns the recogniser built from the hermetic test KB.
func fixture(t testing.TB) *Recognizer {
	t.Helper()
	r, err := fixtureOnce()
	if err != nil {
		t.Fatalf("fixture kb: %v", err)
	}
	return r
}

func fixtureSource(fx fixtureKB) source {
	companies := map[string]enduse.Company{}
	var src source
	for _, c := range fx.Companies {
		companies[c.ID] = c
		for _, a := range append([]string{c.Name, c.NameZH}, c.Aliases...) {
			if a != "" {
				src.claims = append(src.claims, claim{text: a, company: c.ID})
			}
		}
	}
	brands := map[string]enduse.Brand{}
	for _, b := range fx.Brands {
		brands[b.ID] = b.Brand
		amb := map[string]bool{}
		for _, a := range b.Ambiguous {
			amb[a] = true
		}
		for _, a := range append([]string{b.Name}, b.Aliases...) {
			src.claims = append(src.claims, claim{text: a, brand: b.ID, company: b.Company,
				ambiguous: amb[a]})
		}
		for _, pl := range b.ProductLines {
			for _, a := range pl.Aliases {
				src.claims = append(src.claims, claim{text: a, brand: b.ID, company: b.Company, line: pl.Name,
					ambiguous: amb[a]})
			}
			for _, p := range pl.Patterns {
				src.patterns = append(src.patterns, modelPattern{brand: b.ID, line: pl.Name, category: pl.Category, expr: p})
			}
		}
	}
	src.resolve = func(brand, company, line string) enduse.Resolution {
		var res enduse.Resolution
		if _, ok := brands[brand]; !ok && company == "" {
			company = brand // a company id passed as brand, as kb.Resolve allows
		}
		if b, ok := brands[brand]; ok {
			res.Brand, res.Category = b.Name, b.Category
			company = b.Company
			for _, pl := range b.ProductLines {
				if strings.EqualFold(pl.Name, line) {
					res.ProductLine, res.Category = pl.Name, pl.Category
				}
			}
		}
		if c, ok := companies[company]; ok {
			res.Company, res.Country = c.Name, c.Country
			if c.Country == "US" {
				res.USLinked, res.USLinkPath = true, []string{c.Name + " (US)"}
			}
		}
		return res
	}
	src.companyOf = func(brand string) string { return brands[brand].Company }
	src.path = func(id string) []string { return []string{companies[id].Name + " (" + companies[id].Country + ")"} }
	return src
}
