package casestudy

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/enduse/enduse"
)

// TestStages checks every constructed notice stage by stage, so a wrong
// answer of TestQueryReproducesTruth can be traced to the stage that
// caused it: notice fields (type, date, buyer), line items, brand
// recognition, organisation analysis (sector, region) or grouping.
func TestStages(t *testing.T) {
	ctx := context.Background()
	db := ingested(t)
	res, err := db.Query(ctx, enduse.Filter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	stored := map[string]*enduse.StoredNotice{} // file → notice
	for _, r := range res.Rows {
		ids := []string{r.ID}
		n, err := db.Notice(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, n.Copies...)
		for _, id := range ids {
			c, err := db.Notice(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			stored[strings.TrimSuffix(filepath.Base(c.Source), ".html")] = c
		}
	}
	byFile := map[string]spec{}
	for _, s := range specs() {
		byFile[s.file] = s
	}
	for _, s := range specs() {
		t.Run(s.file, func(t *testing.T) {
			n := stored[s.file]
			if n == nil {
				t.Fatalf("not stored or not reachable through a query row")
			}
			want := s
			if s.copyOf != "" {
				want = byFile[s.copyOf]
				if o := stored[s.copyOf]; o != nil && o.Group != n.Group {
					t.Errorf("grouping: re-publication of %s in group %q, original in %q (titles %q / %q)", s.copyOf, n.Group, o.Group, n.Title, o.Title)
				}
			}
			if n.Type != want.typ {
				t.Errorf("notice: type %q, want %q (title %q)", n.Type, want.typ, n.Title)
			}
			if n.Published != want.date {
				t.Errorf("notice: published %q, want %q", n.Published, want.date)
			}
			written := want.buyer
			if want.buyerAs != "" {
				written = want.buyerAs
			}
			if n.Buyer == nil || n.Buyer.Name != written {
				t.Fatalf("notice: buyer %+v, want %q", n.Buyer, written)
			}
			if n.Buyer.Sector != want.sector {
				t.Errorf("org: buyer %s sector %q, want %q", want.buyer, n.Buyer.Sector, want.sector)
			}
			if n.Buyer.Region == nil || !strings.HasPrefix(n.Buyer.Region.Code, want.region[:2]) {
				t.Errorf("org: buyer %s region %+v, want in %s", want.buyer, n.Buyer.Region, want.region)
			}
			if want.buyerAs != "" {
				if o := keyOf(stored, want.buyer); o != "" && o != n.Buyer.Key {
					t.Errorf("org: %q and %q are one body but have keys %q and %q", written, want.buyer, n.Buyer.Key, o)
				}
			}
			for _, it := range want.items {
				if it.isBrand == "" {
					continue
				}
				if !hasItem(n.Items, it) {
					t.Errorf("lineitem/recognize: no item %s %s %s ×%g resolved to %s %s; got %s", it.name, it.brand, it.model, it.qty, it.isBrand, it.line, itemsString(n.Items))
				}
			}
			for _, b := range want.specOnly {
				for _, m := range n.Mentions {
					if m.Brand == b && !m.Spec {
						t.Errorf("recognize: %q at %d is a specification only (%v) but not marked spec", m.Text, m.Start, want.specOnly)
					}
				}
			}
		})
	}
}

// hasItem reports whether items holds the constructed item with its
// quantity, brand and product line.
func hasItem(items []enduse.Item, want item) bool {
	for _, it := range items {
		if it.Quantity != want.qty || it.Resolved == nil || it.Resolved.Brand != want.isBrand {
			continue
		}
		if want.line != "" && it.Resolved.ProductLine != want.line {
			continue
		}
		return true
	}
	return false
}

func itemsString(items []enduse.Item) string {
	var out []string
	for _, it := range items {
		r := "unresolved"
		if it.Resolved != nil {
			r = it.Resolved.Brand + "/" + it.Resolved.ProductLine
		}
		out = append(out, fmt.Sprintf("{%s %s %s ×%g %s}", it.Name, it.Brand, it.Model, it.Quantity, r))
	}
	sort.Strings(out)
	return "[" + strings.Join(out, " ") + "]"
}

// keyOf is the key stored for a buyer written exactly as name.
func keyOf(stored map[string]*enduse.StoredNotice, name string) string {
	for _, n := range stored {
		if n.Buyer != nil && n.Buyer.Name == name {
			return n.Buyer.Key
		}
	}
	return ""
}
