package screen

import (
	_ "embed"
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/linelist"
)

//go:embed data/list-families.tsv
var listFamiliesTSV string

// listFamily is one row of data/list-families.tsv.
type listFamily struct {
	name  string
	ids   bool     // entry ids identify the entity across the family's lists
	match []string // lower-case substrings of list names
}

// loadListFamilies parses data/list-families.tsv.
func loadListFamilies() ([]listFamily, error) {
	var out []listFamily
	rows, err := linelist.Rows("data/list-families.tsv", listFamiliesTSV, 3)
	if err != nil {
		return nil, fmt.Errorf("load list families: %w", err)
	}
	for _, r := range rows {
		f := r.Fields
		if len(f) != 3 || f[2] == "" {
			return nil, fmt.Errorf("load list families: %w", r.Errorf("want 3 tab-separated columns, the third not empty"))
		}
		if f[1] != "ids" && f[1] != "names" {
			return nil, fmt.Errorf("load list families: %w", r.Errorf("column 2 is %q, want ids or names", f[1]))
		}
		fam := listFamily{name: f[0], ids: f[1] == "ids"}
		for _, m := range strings.Split(f[2], "|") {
			if m = strings.ToLower(strings.TrimSpace(m)); m != "" {
				fam.match = append(fam.match, m)
			}
		}
		out = append(out, fam)
	}
	return out, nil
}

// familyOf is the family of a list name, or nil for a list of its own.
func familyOf(fams []listFamily, list string) *listFamily {
	l := strings.ToLower(list)
	for i := range fams {
		for _, m := range fams[i].match {
			if strings.Contains(l, m) {
				return &fams[i]
			}
		}
	}
	return nil
}

// prefixedID is an entry id made of a list prefix and a number: "SDN-29159",
// "OFAC-29159", "ofac-29159", or the bare "29159".
var prefixedID = regexp.MustCompile(`^(?:[A-Za-z]+[-_: ]?)?0*([0-9]+)$`)

// normaliseID strips a list prefix from an entry id: "SDN-29159" → "29159".
// An id of another shape is returned upper-cased and trimmed.
func normaliseID(id string) string {
	id = strings.TrimSpace(id)
	if m := prefixedID.FindStringSubmatch(id); m != nil {
		return m[1]
	}
	return strings.ToUpper(id)
}

// normaliseEntryName folds a primary name for identity: case, punctuation,
// spacing and a trailing compiler's mark ("*") do not tell entities apart.
func normaliseEntryName(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// entryIdentity is what names the listed entity of an entry: an id key
// within its family (when the family's ids identify) and a name key.
type entryIdentity struct {
	id, name string
}

// identityOf computes the identity keys of one entry.
func identityOf(fams []listFamily, e enduse.ListEntry) entryIdentity {
	var k entryIdentity
	if f := familyOf(fams, e.List); f != nil && f.ids && strings.TrimSpace(e.ID) != "" {
		k.id = f.name + "\x00" + normaliseID(e.ID)
	}
	if n := normaliseEntryName(e.Name); n != "" {
		k.name = n
	}
	return k
}

// mergeSameEntity folds hits on entries that name one listed entity (same
// family id, or same normalised primary name) into one hit: the best
// scoring one, with Listings naming every list, version and entry id, and
// its explanation saying which other lists name the entity. hits are in
// best-first order and stay so.
func (s *Screener) mergeSameEntity(hits []enduse.Hit, entries []int) []enduse.Hit {
	if len(hits) < 2 {
		return hits
	}
	uf := newUnionFind(len(hits))
	find, union := uf.find, uf.union
	byID, byName := map[string]int{}, map[string]int{}
	for i, e := range entries {
		k := s.ident[e]
		if k.id != "" {
			if j, ok := byID[k.id]; ok {
				union(i, j)
			} else {
				byID[k.id] = i
			}
		}
		if k.name != "" {
			if j, ok := byName[k.name]; ok {
				union(i, j)
			} else {
				byName[k.name] = i
			}
		}
	}
	groups := map[int][]int{}
	for i := range hits {
		groups[find(i)] = append(groups[find(i)], i)
	}
	if len(groups) == len(hits) {
		return hits
	}
	out := make([]enduse.Hit, 0, len(groups))
	for i := range hits {
		g := groups[i]
		if len(g) < 2 {
			if find(i) == i {
				out = append(out, hits[i])
			}
			continue
		}
		h := hits[i]
		var ls []enduse.HitListing
		seen := map[enduse.HitListing]bool{}
		for _, j := range g {
			e := s.l.entries[entries[j]]
			l := enduse.HitListing{List: e.List, Version: s.l.infoOf(entries[j]).Version, EntryID: e.ID}
			if e.Version != "" {
				l.Version = e.Version
			}
			if !seen[l] {
				seen[l] = true
				ls = append(ls, l)
			}
		}
		sortListings(ls)
		h.Listings = ls
		var also []string
		for _, l := range ls {
			if l.List == h.List && l.EntryID == h.EntryID {
				continue
			}
			also = append(also, l.String())
		}
		if len(also) > 0 {
			h.Why += "; the same listed entity is also " + strings.Join(also, ", ")
		}
		out = append(out, h)
	}
	return out
}
