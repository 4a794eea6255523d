package kb

import (
	"fmt"
	"sort"
	"strings"

	"github.com/enduse/enduse"
)

// linkDates checks the dates of every link against each other and against
// its companies: share steps in order and inside the link's period, no link
// starting after one of its companies ended, product-line owners dated and
// naming real brands.
func (c *checker) linkDates() {
	for _, lk := range c.k.links {
		key := linkKey(lk)
		prev := ""
		for i, st := range lk.Shares {
			if !dateOK(st.Since) {
				c.add(key, "share step #%d: since %q is not YYYY, YYYY-MM or YYYY-MM-DD", i+1, st.Since)
				continue
			}
			if st.Share < 0 || st.Share > 100 {
				c.add(key, "share step #%d: share %v is not a percentage", i+1, st.Share)
			}
			if prev != "" && st.Since <= prev {
				c.add(key, "share step #%d: since %s is not after the step before (%s)", i+1, st.Since, prev)
			}
			if lk.Since != "" && i == 0 && st.Since != lk.Since {
				c.add(key, "share steps start %s but the link starts %s", st.Since, lk.Since)
			}
			if lk.Until != "" && !enduse.DateActive(st.Since, "", lk.Until) {
				c.add(key, "share step #%d: since %s is not before the link's until %s", i+1, st.Since, lk.Until)
			}
			prev = st.Since
		}
		if n := len(lk.Shares); n > 0 && lk.Share != 0 && lk.Share != lk.Shares[n-1].Share {
			c.add(key, "share %v differs from the last share step (%v)", lk.Share, lk.Shares[n-1].Share)
		}
		since := lk.Since
		if since == "" && len(lk.Shares) > 0 {
			since = lk.Shares[0].Since
		}
		for _, id := range []string{lk.From, lk.To} {
			co, ok := c.k.Company(id)
			if !ok || co.Until == "" || since == "" {
				continue
			}
			if !enduse.DateActive(since, "", co.Until) {
				c.add(key, "link starts %s, after %s ended (%s)", since, co.Name, co.Until)
			}
		}
	}
	for _, co := range c.k.companies {
		if co.Until != "" && !dateOK(co.Until) {
			c.add("company:"+co.ID, "until %q is not YYYY, YYYY-MM or YYYY-MM-DD", co.Until)
		}
	}
	for _, b := range c.k.brands {
		for _, pl := range b.ProductLines {
			for i, o := range pl.Owners {
				key := "brand:" + b.ID
				if _, ok := c.k.Brand(o.Brand); !ok {
					c.add(key, "product line %s: owner #%d names unknown brand %q", pl.Name, i+1, o.Brand)
				}
				for _, d := range []string{o.Since, o.Until} {
					if d != "" && !dateOK(d) {
						c.add(key, "product line %s: owner #%d: date %q is not YYYY, YYYY-MM or YYYY-MM-DD", pl.Name, i+1, d)
					}
				}
				if o.Since == "" && o.Until == "" {
					c.add(key, "product line %s: owner #%d has no date", pl.Name, i+1)
				}
				if len(o.Sources) == 0 && len(pl.Sources) == 0 {
					c.add(key, "product line %s: owner #%d has no source", pl.Name, i+1)
				}
			}
			for i := 1; i < len(pl.Owners); i++ {
				a, b2 := pl.Owners[i-1], pl.Owners[i]
				if a.Until == "" || b2.Since == "" || a.Until > b2.Since {
					c.add("brand:"+b.ID, "product line %s: owners #%d and #%d overlap or leave the hand-over undated", pl.Name, i, i+1)
				}
			}
		}
	}
}

// shareSums finds contradictory ownership: at any date where some
// ownership link of a company starts, ends or changes share, the shares
// of the owners active then must not exceed 100%.
func (c *checker) shareSums() {
	byFrom := map[string][]enduse.Link{}
	for _, lk := range c.k.links {
		if ownership(lk.Type) {
			byFrom[lk.From] = append(byFrom[lk.From], lk)
		}
	}
	for _, from := range sortedKeys(byFrom) {
		links := byFrom[from]
		if len(links) < 2 {
			continue
		}
		dates := map[string]bool{}
		for _, lk := range links {
			for _, d := range []string{lk.Since, lk.Until} {
				if dateOK(d) {
					dates[d] = true
				}
			}
			for _, st := range lk.Shares {
				if dateOK(st.Since) {
					dates[st.Since] = true
				}
			}
		}
		for _, d := range sortedKeys(dates) {
			sum := 0.0
			var who []string
			for _, lk := range links {
				if !c.k.activeAt(lk, d) {
					continue
				}
				share, _, _ := shareAt(lk, d)
				if share == 0 {
					continue // unknown share: no sum to check
				}
				sum += share
				who = append(who, fmt.Sprintf("%s %s", lk.To, fmtShare(share)))
			}
			if sum > 100.0001 {
				sort.Strings(who)
				c.add(linkKey(links[0]), "ownership of %s at %s sums to %s: %s", from, d, fmtShare(sum), strings.Join(who, ", "))
				break
			}
		}
	}
}

// Undated returns every link with no date at all (no since, until or
// share step), for `enduse kb check` to report: such a link is evaluated
// as holding at every date, which is right only for a relationship that
// never changed.
func (k *KB) Undated() []Problem {
	var out []Problem
	for _, lk := range k.links {
		if lk.Since != "" || lk.Until != "" || len(lk.Shares) > 0 {
			continue
		}
		key := linkKey(lk)
		out = append(out, Problem{File: k.origin[key], Record: key, Message: "no date: evaluated as holding at every date"})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		return out[i].Record < out[j].Record
	})
	return out
}
