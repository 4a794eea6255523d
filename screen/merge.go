package screen

import (
	"fmt"
	"strings"

	"github.com/enduse/enduse"
)

// MergeHits folds hits of one screened organisation that name one listed
// entity into one hit each, as a screener does for one name: hits recorded in different notices, screened
// at different times or against different lists and list versions (OFAC
// SDN 29159 and the consolidated list's SDN-29159; a DoD 1260H company in
// three versions) name the entity by the same family id or the same
// normalised primary name. hits are in best-first order; each merged hit
// is the first of its group, with Listings naming every list, version and
// entry id of the group once, and its explanation saying which other
// listings name the entity. into[i] is the index in merged of the hit that
// hits[i] went to. The error reports unreadable list-family data.
func MergeHits(hits []enduse.Hit) (merged []enduse.Hit, into []int, err error) {
	fams, err := loadListFamilies()
	if err != nil {
		return nil, nil, fmt.Errorf("merge hits: %w", err)
	}
	uf := newUnionFind(len(hits))
	find, union := uf.find, uf.union
	byKey := map[string]int{}
	see := func(i int, k string) {
		if k == "" {
			return
		}
		if j, ok := byKey[k]; ok {
			union(i, j)
		} else {
			byKey[k] = i
		}
	}
	for i, h := range hits {
		for _, l := range listingsOf(h) {
			k := identityOf(fams, enduse.ListEntry{List: l.List, ID: l.EntryID, Name: h.Entry})
			if k.id != "" {
				see(i, "id\x00"+k.id)
			}
		}
		if n := normaliseEntryName(h.Entry); n != "" {
			see(i, "name\x00"+n)
		}
	}
	into = make([]int, len(hits))
	at := map[int]int{} // group root → index in merged
	for i := range hits {
		r := find(i)
		k, ok := at[r]
		if !ok {
			k = len(merged)
			at[r] = k
			merged = append(merged, hits[r])
		}
		into[i] = k
	}
	for r, k := range at {
		var group []enduse.Hit
		for i := range hits {
			if find(i) == r {
				group = append(group, hits[i])
			}
		}
		if len(group) > 1 {
			merged[k] = mergeGroup(group)
		}
	}
	return merged, into, nil
}

// listingsOf is the listings a hit stands for: its own, or the one list
// entry it names.
func listingsOf(h enduse.Hit) []enduse.HitListing {
	if len(h.Listings) > 0 {
		return h.Listings
	}
	return []enduse.HitListing{{List: h.List, EntryID: h.EntryID}}
}

// mergeGroup is the first hit of group with the listings of all, each once,
// and an explanation naming those its own did not name.
func mergeGroup(group []enduse.Hit) enduse.Hit {
	h := group[0]
	seen := map[enduse.HitListing]bool{}
	var ls []enduse.HitListing
	for _, g := range group {
		for _, l := range listingsOf(g) {
			if !seen[l] {
				seen[l] = true
				ls = append(ls, l)
			}
		}
	}
	// A listing without a version is the same listing as one with it
	// (stored hits keep no version).
	versioned := map[[2]string]bool{}
	for _, l := range ls {
		if l.Version != "" {
			versioned[[2]string{l.List, l.EntryID}] = true
		}
	}
	out := ls[:0]
	for _, l := range ls {
		if l.Version == "" && versioned[[2]string{l.List, l.EntryID}] {
			continue
		}
		out = append(out, l)
	}
	ls = out
	sortListings(ls)
	had := map[[2]string]bool{{h.List, h.EntryID}: true}
	for _, l := range h.Listings {
		had[[2]string{l.List, l.EntryID}] = true
	}
	var also []string
	for _, l := range ls {
		if !had[[2]string{l.List, l.EntryID}] {
			had[[2]string{l.List, l.EntryID}] = true
			also = append(also, l.String())
		}
	}
	if len(also) > 0 {
		h.Why += "; the same listed entity is also " + strings.Join(also, ", ")
	}
	h.Listings = ls
	return h
}
