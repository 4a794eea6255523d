package counting

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/enduse/enduse"
)

// Answer accumulates the answer to a filter (Set.Result's) from the
// matched notices fed one purchase at a time, in ascending purchase order,
// so that a backend can stream them from its database: what it holds grows
// with the answer's keys (buyers, months, brands …) and its page, not with
// the notices. It relies on an announcement group lying within one
// purchase, which Grouping guarantees: Direct derives both from one key,
// LotGroup keeps the purchase, and a re-publication joins the group and
// the purchase of the notice it repeats.
type Answer struct {
	p       *Marks
	docs    int // notices fed
	groups  int // announcements
	last    string
	started bool
	all     figureAcc
	// Figures by key of the notice (type, buyer, …) and of its marks.
	byType, byBuyer, bySector, byLevel, byRegion, byMonth keyed
	byBrand, byLine, byCat, byPath                        keyed
	brandName                                             map[string]spelling // lower-case brand → its first spelling
	matched                                               map[string]bool     // brands of marks that meet the filter
	buyers                                                map[string]bool
	page                                                  []*Rec // representatives that may be on the page, newest first when sorted
	// local is the purchase being added, one grouping per key above
	// (reused between purchases).
	local [nDims]localGrouping
}

// spelling is a brand as first written: in the notice with the smallest
// id, its first mark.
type spelling struct {
	id   int64
	name string
}

// keyed is figures by key, each with the item predicate of its key.
type keyed map[string]*keyedAcc

type keyedAcc struct {
	acc  figureAcc
	pred ItemPred
}

// NewAnswer starts the answer to the filter p.
func NewAnswer(p *Marks) *Answer {
	return &Answer{p: p, byType: keyed{}, byBuyer: keyed{}, bySector: keyed{}, byLevel: keyed{}, byRegion: keyed{}, byMonth: keyed{},
		byBrand: keyed{}, byLine: keyed{}, byCat: keyed{}, byPath: keyed{},
		brandName: map[string]spelling{}, matched: map[string]bool{}, buyers: map[string]bool{}}
}

// AddPurchase adds the matched notices of one purchase, marks attached.
// Purchases must come in ascending order of their ids (byte order), each
// once; it returns an error otherwise. It reorders recs.
func (a *Answer) AddPurchase(recs []*Rec) error {
	if len(recs) == 0 {
		return nil
	}
	pur := recs[0].Purchase
	if a.started && pur <= a.last {
		return fmt.Errorf("purchase %q added after %q: want ascending order", pur, a.last)
	}
	for _, r := range recs[1:] {
		if r.Purchase != pur {
			return fmt.Errorf("notices of purchases %q and %q added as one", pur, r.Purchase)
		}
	}
	a.started, a.last = true, pur
	slices.SortFunc(recs, foldOrder)
	a.add(recs, purchaseReps(recs))
	return nil
}

// add adds the notices of one purchase in fold order, with the
// representatives of their groups.
func (a *Answer) add(ms []*Rec, rep func(group string) *Rec) {
	f := a.p.F
	active := a.p.Active()
	qualifies := func(m *Mark) bool { return m.Match }
	a.docs += len(ms)
	a.all.addPurchase(ms, qualifies, rep)
	groupPurchase(&a.local, ms, f.IncludeSpec, func(r *Rec, m *Mark, k string) {
		if cur, ok := a.brandName[k]; !ok || r.ID < cur.id {
			a.brandName[k] = spelling{id: r.ID, name: m.Brand}
		}
		if active && m.Match {
			a.matched[k] = true
		}
	})
	for i, r := range ms {
		if i == 0 || r.Group != ms[i-1].Group {
			a.groups++
			a.page = append(a.page, rep(r.Group))
		}
		if r.Buyer != "" {
			a.buyers[r.Buyer] = true
		}
	}
	byType, byBuyer, bySector, byLevel, byRegion, byMonth := &a.local[0], &a.local[1], &a.local[2], &a.local[3], &a.local[4], &a.local[5]
	byBrand, byLine, byCat, byPath := &a.local[6], &a.local[7], &a.local[8], &a.local[9]
	same := func(string) ItemPred { return qualifies }
	a.byType.add(*byType, same, rep)
	a.byBuyer.add(*byBuyer, same, rep)
	a.bySector.add(*bySector, same, rep)
	a.byLevel.add(*byLevel, same, rep)
	a.byRegion.add(*byRegion, same, rep)
	a.byMonth.add(*byMonth, same, rep)
	// Spellings of one brand differ in case only, so any of them selects
	// the same marks.
	a.byBrand.add(*byBrand, func(k string) ItemPred { return keyPred(dimBrand, a.brandName[k].name) }, rep)
	a.byLine.add(*byLine, func(l string) ItemPred { return keyPred(dimLine, l) }, rep)
	a.byCat.add(*byCat, func(c string) ItemPred { return keyPred(dimCategory, c) }, rep)
	a.byPath.add(*byPath, func(pw string) ItemPred { return keyPred(dimPathway, pw) }, rep)
	if want := f.Offset + f.Limit; len(a.page) > 2*want+64 {
		a.trimPage(want)
	}
}

// trimPage keeps the want newest representatives.
func (a *Answer) trimPage(want int) {
	slices.SortFunc(a.page, newestFirst)
	clear(a.page[want:])
	a.page = a.page[:want]
}

// newestFirst orders rows newest first, then by id, highest first.
func newestFirst(a, b *Rec) int { return newer(a.Published, a.ID, b.Published, b.ID) }

// newer compares two notices by date and id for newestFirst.
func newer(pubA string, idA int64, pubB string, idB int64) int {
	if c := cmp.Compare(pubB, pubA); c != 0 {
		return c
	}
	return cmp.Compare(idB, idA)
}

// add folds one purchase's members of each key into the key's figure.
func (k keyed) add(local localGrouping, pred func(key string) ItemPred, rep func(string) *Rec) {
	for _, e := range local {
		ka := k[e.key]
		if ka == nil {
			ka = &keyedAcc{pred: pred(e.key)}
			k[e.key] = ka
		}
		ka.acc.addPurchase(e.members, ka.pred, rep)
	}
}

// figures is the figures by key, each key renamed by name when given.
func (k keyed) figures(name func(string) string) map[string]enduse.Figure {
	out := make(map[string]enduse.Figure, len(k))
	for key, ka := range k {
		if name != nil {
			key = name(key)
		}
		out[key] = ka.acc.figure()
	}
	return out
}

// Result is the answer to the notices added so far.
func (a *Answer) Result() *enduse.Result {
	f := a.p.F
	all := a.all.figure()
	res := &enduse.Result{Documents: a.docs, Notices: all.Notices, Quantity: all.Quantity, Amount: all.Amount,
		QuantityUnknown: all.QuantityUnknown, Buyers: len(a.buyers)}
	res.ByType = a.byType.figures(nil)
	res.ByBuyer = a.byBuyer.figures(nil)
	res.BySector = a.bySector.figures(nil)
	res.ByLevel = a.byLevel.figures(nil)
	res.ByRegion = a.byRegion.figures(nil)
	res.ByMonth = a.byMonth.figures(nil)
	name := func(k string) string { return a.brandName[k].name }
	res.ByBrand = a.byBrand.figures(name)
	res.CoMentions = map[string]enduse.Figure{}
	if a.p.Active() {
		for k, ka := range a.byBrand {
			if !a.matched[k] {
				res.CoMentions[name(k)] = ka.acc.figure()
			}
		}
	}
	res.ByProductLine = a.byLine.figures(nil)
	res.ByCategory = a.byCat.figures(nil)
	if len(a.byPath) > 0 {
		res.ByPathway = a.byPath.figures(nil)
	}
	res.Total = a.groups
	want := f.Offset + f.Limit
	if len(a.page) > want {
		a.trimPage(want)
	}
	slices.SortFunc(a.page, newestFirst)
	lo := min(f.Offset, len(a.page))
	res.Rows = make([]enduse.Row, 0, len(a.page)-lo)
	for _, r := range a.page[lo:] {
		res.Rows = append(res.Rows, r.Row(f))
	}
	return res
}

// The breakdowns of an answer, in the order of Answer.local; Dims names
// them.
const (
	dimType = iota
	dimBuyer
	dimSector
	dimLevel
	dimRegion
	dimMonth
	dimBrand
	dimLine
	dimCategory
	dimPathway
	nDims
)

// Dims names the breakdowns of an answer (Contribution.Dim), in the order
// of Answer.local; "all" is the answer's own total.
func Dims() [nDims]string {
	return [nDims]string{"type", "buyer", "sector", "level", "region", "month", "brand", "line", "category", "pathway"}
}

// groupPurchase puts one purchase's notices (in fold order) under each key
// of each breakdown; brand sees every brand mark counted with its
// lower-case key (the first spelling and the filter's matches are the
// caller's bookkeeping).
func groupPurchase(local *[nDims]localGrouping, ms []*Rec, includeSpec bool, brand func(r *Rec, m *Mark, key string)) {
	for i := range local {
		local[i] = local[i][:0]
	}
	for _, r := range ms {
		local[dimType].add(r.Type, r)
		local[dimBuyer].add(r.Buyer, r)
		local[dimSector].add(orUnknown(r.Sector), r)
		local[dimLevel].add(orUnknown(r.Level), r)
		local[dimRegion].add(Province(r.RegionCode), r)
		local[dimMonth].add(Month(r.Published), r)
		for j := range r.Marks {
			m := &r.Marks[j]
			if m.Spec && !includeSpec {
				continue
			}
			if m.Brand != "" {
				k := strings.ToLower(m.Brand)
				brand(r, m, k)
				local[dimBrand].add(k, r)
			}
			local[dimLine].add(m.ProductLine, r)
			local[dimCategory].add(m.Category, r)
			local[dimPathway].add(m.Pathway, r)
		}
	}
}

// keyPred is the item predicate of a key of a breakdown of the unfiltered
// answer: every item of a notice's own keys (type, buyer …), the items of
// a brand (any spelling; key is one), of a line, of a category and its
// sub-categories, of a pathway.
func keyPred(dim int, key string) ItemPred {
	switch dim {
	case dimBrand:
		return func(m *Mark) bool { return strings.EqualFold(m.Brand, key) }
	case dimLine:
		return func(m *Mark) bool { return m.ProductLine == key }
	case dimCategory:
		// a parent category counts the items of its sub-categories: the
		// "storage" mention of a notice is the storage.surveillance item's
		return func(m *Mark) bool { return m.Category == key || strings.HasPrefix(m.Category, key+".") }
	case dimPathway:
		return func(m *Mark) bool { return m.Pathway == key }
	}
	return func(m *Mark) bool { return m.Match }
}

// localGrouping collects one purchase's notices under keys, in the order
// the keys first appear.
type localGrouping []localEntry

type localEntry struct {
	key     string
	members []*Rec
}

func (g *localGrouping) add(key string, r *Rec) {
	if key == "" || r == nil {
		return
	}
	for i := range *g {
		e := &(*g)[i]
		if e.key == key {
			if e.members[len(e.members)-1] != r {
				e.members = append(e.members, r)
			}
			return
		}
	}
	*g = append(*g, localEntry{key: key, members: []*Rec{r}})
}
