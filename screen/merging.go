package screen

import (
	"sort"

	"github.com/enduse/enduse"
)

// unionFind groups hits that name one listed entity: the root of a group
// is its smallest index, so the best (earliest) hit of a best-first list
// leads its group.
type unionFind []int

func newUnionFind(n int) unionFind {
	u := make(unionFind, n)
	for i := range u {
		u[i] = i
	}
	return u
}

// find returns i's group root, halving the path on the way.
func (u unionFind) find(i int) int {
	for u[i] != i {
		u[i] = u[u[i]]
		i = u[i]
	}
	return i
}

// union joins the groups of a and b under the smaller root.
func (u unionFind) union(a, b int) {
	if ra, rb := u.find(a), u.find(b); ra != rb {
		if rb < ra {
			ra, rb = rb, ra
		}
		u[rb] = ra
	}
}

// sortListings orders the listings of one entity by list, version and
// entry id, the order hits show them in.
func sortListings(ls []enduse.HitListing) {
	sort.Slice(ls, func(a, b int) bool {
		if ls[a].List != ls[b].List {
			return ls[a].List < ls[b].List
		}
		if ls[a].Version != ls[b].Version {
			return ls[a].Version < ls[b].Version
		}
		return ls[a].EntryID < ls[b].EntryID
	})
}
