package recognize

import (
	"strings"

	"github.com/enduse/enduse"
)

// ResolveItem fills it.Resolved from the item's brand, model and name
// cells: the brand cell's alias first (ambiguous aliases count there, the
// cell being a 品牌 label); else a model number in the model cell; else a
// brand or model in the name cell. A model number of the same brand
// refines the product line. A brand cell naming several brands ("联想或清
// 华同方") resolves only when a model number picks one of them. It leaves
// it.Resolved nil when nothing resolves.
func (r *Recognizer) ResolveItem(it *enduse.Item) {
	if it == nil {
		return
	}
	it.Resolved = nil
	n := r.pool.Get().(*normText)
	defer r.pool.Put(n)

	var brand, company, line string
	var options []string // brands a multi-brand cell allows
	if strings.TrimSpace(it.Brand) != "" {
		for _, c := range r.scan(n, it.Brand, modeBrandCell) {
			switch {
			case c.drop != "":
			case c.brand != "":
				if !contains(options, c.brand) {
					options = append(options, c.brand)
				}
				if len(options) == 1 && line == "" {
					line = c.line
				}
			case company == "":
				company = c.company
			}
		}
		if len(options) == 1 {
			brand = options[0]
		} else {
			line = ""
		}
	}
	for _, cell := range []string{it.Model, it.Name} {
		if brand != "" && line != "" || strings.TrimSpace(cell) == "" {
			continue
		}
		cs := r.scan(n, cell, modeText)
		// Model numbers first, then aliases.
		for _, wantModel := range []bool{true, false} {
			for _, c := range cs {
				if c.drop != "" || c.brand == "" || (c.kind == enduse.MentionModel) != wantModel {
					continue
				}
				switch {
				case brand == "" && (len(options) == 0 || contains(options, c.brand)):
					brand, line = c.brand, c.line
				case brand == c.brand && line == "":
					line = c.line
				}
			}
		}
	}
	if brand == "" && company == "" {
		return
	}
	res := r.resolve(brand, company, line)
	it.Resolved = &res
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
