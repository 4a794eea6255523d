package recognize

import (
	"fmt"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/kb"
)

// New builds a recogniser from every alias (with its Ambiguous flag),
// model-number pattern and ordinary word of the knowledge base. Token-boundary rules apply to
// every alias with a Latin or digit edge, which covers kb's Boundary flag.
// It fails when the knowledge base has no aliases or a pattern does not
// compile.
func New(k *kb.KB) (*Recognizer, error) {
	if k == nil {
		return nil, fmt.Errorf("new recognizer: nil knowledge base")
	}
	src := source{
		// kb.Resolve takes a brand id, alias or company id; a company-name
		// mention has no brand, so the brand of the same id must not leak in.
		resolve: func(brand, company, line string) enduse.Resolution {
			if brand != "" {
				return k.Resolve(brand, line)
			}
			res := k.Resolve(company, "")
			res.Brand, res.ProductLine = "", ""
			return res
		},
		companyOf: func(brand string) string {
			b, _ := k.Brand(brand)
			return b.Company
		},
		path: k.CompanyPath,
	}
	for _, a := range k.Aliases() {
		src.claims = append(src.claims, claim{text: a.Text, brand: a.Brand, company: a.Company,
			line: a.ProductLine, ambiguous: a.Ambiguous})
	}
	for _, w := range k.OrdinaryWords() {
		src.ordinary = append(src.ordinary, w.Text)
	}
	for _, p := range k.Patterns() {
		src.patterns = append(src.patterns, modelPattern{brand: p.Brand, line: p.ProductLine,
			category: p.Category, expr: p.Expr})
	}
	r, err := build(src)
	if err != nil {
		return nil, fmt.Errorf("new recognizer: %w", err)
	}
	return r, nil
}
