// Package resolve turns what a person typed into a filter — a brand alias
// or model number (希捷, seagate, ST4000VX013), a company's short name
// (华为, 新华三) — into the canonical names the store keeps. The command
// line, the API, the web pages and reports all resolve through it, so one
// filter means the same everywhere.
package resolve

import (
	"fmt"
	"strings"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/kb"
	"github.com/enduse/enduse/recognize"
)

// Resolver resolves filter fields through a knowledge base. A nil
// Resolver (no knowledge base) keeps every name as typed. It is safe for
// concurrent use.
type Resolver struct {
	kb  *kb.KB
	rec *recognize.Recognizer
}

// New returns a resolver over k (nil: keep names as typed).
func New(k *kb.KB) (*Resolver, error) {
	if k == nil {
		return nil, nil
	}
	rec, err := recognize.New(k)
	if err != nil {
		return nil, fmt.Errorf("resolve: build recogniser: %w", err)
	}
	return &Resolver{kb: k, rec: rec}, nil
}

// Brand is the canonical brand for what the user typed: a name or alias
// the knowledge base knows exactly (曙光 → Sugon), else the one brand the
// recogniser finds in it (a model number such as ST4000VX013 → Seagate).
// Anything else is kept as typed, so the store can still match the
// mention text.
func (r *Resolver) Brand(s string) string {
	s = strings.TrimSpace(s)
	if r == nil || s == "" {
		return s
	}
	if b, ok := r.kb.FindBrand(s); ok {
		return b.Name
	}
	if ms := r.rec.Find(s); len(ms) == 1 && ms[0].Brand != "" {
		return ms[0].Brand
	}
	return s
}

// Company is the canonical company name for what the user typed: the
// company of that name or alias (华为 → Huawei Technologies), else the
// company of the brand of that name. Anything else is kept as typed.
func (r *Resolver) Company(s string) string {
	s = strings.TrimSpace(s)
	if r == nil || s == "" {
		return s
	}
	if c, ok := r.kb.FindCompany(s); ok {
		return c.Name
	}
	if b, ok := r.kb.FindBrand(s); ok {
		if c, ok := r.kb.Company(b.Company); ok {
			return c.Name
		}
	}
	return s
}

// Filter is f with its Brand and Company resolved.
func (r *Resolver) Filter(f enduse.Filter) enduse.Filter {
	f.Brand = r.Brand(f.Brand)
	f.Company = r.Company(f.Company)
	return f
}
