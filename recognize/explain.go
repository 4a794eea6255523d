package recognize

import "github.com/enduse/enduse"

// Explanation says what one match in a text resolved to and why, for
// `enduse kb explain TEXT`: a kept mention with its resolution, or a match
// the context rules dropped with the reason.
type Explanation struct {
	enduse.Mention
	// Matched is the alias as written in the knowledge base, or the
	// model-number pattern ("ST\d+VX\d+"); merged parts are joined by " + ".
	Matched   string   `json:"matched"`
	BrandID   string   `json:"brand_id,omitempty"`
	CompanyID string   `json:"company_id,omitempty"`
	Kept      bool     `json:"kept"`
	Why       []string `json:"why,omitempty"`
	// Path is the company's corporate link chains, hop by hop.
	Path []string `json:"path,omitempty"`
}

// Explain says what a text resolves to and why, in text order: each
// mention with the alias or pattern that matched, the brand, company,
// country, product line, category and the corporate link path; and each
// match the context rules dropped, with the rule that dropped it.
func (r *Recognizer) Explain(text string) []Explanation {
	n := r.pool.Get().(*normText)
	defer r.pool.Put(n)
	cs := r.scan(n, text, modeText)
	var out []Explanation
	for i := range cs {
		c := &cs[i]
		e := Explanation{Matched: c.matched, BrandID: c.brand, CompanyID: c.company, Kept: c.drop == ""}
		e.Mention = r.mention(n, c)
		if e.CompanyID == "" && c.brand != "" && r.src.companyOf != nil {
			e.CompanyID = r.src.companyOf(c.brand)
		}
		e.Why = append(e.Why, c.why...)
		if c.drop != "" {
			e.Why = append(e.Why, "dropped: "+c.drop)
		}
		if e.Kept && e.CompanyID != "" && r.src.path != nil {
			e.Path = r.src.path(e.CompanyID)
		}
		out = append(out, e)
	}
	return out
}
