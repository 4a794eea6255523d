package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/counting"
)

// The summary tables of migrations 0014–0016 hold the figures of the
// unfiltered answer, of each brand's profile and of each province's
// answer: purchase_figures each purchase's contribution to each key it
// counts under, key_figures their totals. Every write transaction that adds
// or removes notices names their purchases (Tx.touch); refreshFigures
// recomputes those purchases' contributions from their notices and applies
// the differences to the totals before the transaction commits, so the
// tables always agree with the notices. rebuildFigures computes both from
// scratch (the migration's backfill, `enduse db rebuild`).

// figuresMigrations are the versions of the migrations that create or
// widen the summary tables; Migrate fills them after the SQL of the last
// of them it applies (the earlier ones' would be thrown away).
var figuresMigrations = []int{14, 15, 16}

// touch notes that the transaction adds or removes notices of purchase.
func (t *Tx) touch(purchase string) {
	if t.purchases == nil {
		t.purchases = map[string]bool{}
	}
	t.purchases[purchase] = true
}

const purchaseFigureColumns = `dim, key, purchase, docs, notices, quantity_unknown, quantity, amount, ids, spelling, spelling_id`

const keyFigureColumns = `dim, key, purchases, docs, notices, quantity_unknown, quantity, amount, ids, spelling, spelling_id`

// totalUpsert is the tail of the INSERT into key_figures: a key's row is
// replaced by its new total.
const totalUpsert = ` ON CONFLICT (dim, key) DO UPDATE SET purchases = excluded.purchases, docs = excluded.docs,
	notices = excluded.notices, quantity_unknown = excluded.quantity_unknown, quantity = excluded.quantity,
	amount = excluded.amount, ids = excluded.ids, spelling = excluded.spelling, spelling_id = excluded.spelling_id`

// The upkeep's INSERTs.
var (
	contributionInsert = newInsert(`INSERT INTO purchase_figures (`+purchaseFigureColumns+`)`, "", 11)
	totalInsert        = newInsert(`INSERT INTO key_figures (`+keyFigureColumns+`)`, totalUpsert, 11)
)

// contributionWriter writes purchase_figures rows.
func (s *Store) contributionWriter(tx *Tx) *rowWriter {
	return s.rows(tx, contributionInsert)
}

// addContribution queues one contribution of purchase.
func (w *rowWriter) addContribution(ctx context.Context, purchase string, c *counting.Contribution) error {
	return w.add(ctx, c.Dim, c.Key, purchase, c.Docs, c.Notices, c.QuantityUnknown, c.Quantity, c.Amount,
		strings.Join(c.IDs, " "), c.Spelling, c.SpellingID)
}

// totalWriter writes key_figures rows, replacing those of the same keys.
func (s *Store) totalWriter(tx *Tx) *rowWriter {
	return s.rows(tx, totalInsert)
}

// addTotal queues the total of k.
func (w *rowWriter) addTotal(ctx context.Context, k counting.SummaryKey, t *counting.Total) error {
	quantity, err := t.Quantity.MarshalText()
	if err != nil {
		return err
	}
	amount, err := t.Amount.MarshalText()
	if err != nil {
		return err
	}
	return w.add(ctx, k.Dim, k.Key, t.Purchases, t.Docs, t.Notices, t.QuantityUnknown, string(quantity), string(amount),
		strings.Join(t.IDs, " "), t.Spelling, t.SpellingID)
}

// rebuildChunk is how many purchases rebuildFigures reads at a time.
const rebuildChunk = 2000

// refreshFigures brings the contributions of purchases, and the totals of
// every key they count under, up to date with the purchases' notices as tx
// sees them.
func (s *Store) refreshFigures(ctx context.Context, tx *Tx, purchases []string) error {
	if len(purchases) == 0 {
		return nil
	}
	slices.Sort(purchases)
	news, err := s.contributionsOf(ctx, tx, purchases)
	if err != nil {
		return err
	}
	olds := map[counting.SummaryKey]map[string]*counting.Contribution{}
	err = s.scanRows(ctx, tx.tx, `SELECT `+purchaseFigureColumns+` FROM purchase_figures WHERE `+s.d.In("purchase", "$1"),
		[]any{s.d.List(purchases)}, func(scan func(...any) error) error {
			c, pur, err := scanContribution(scan)
			if err != nil {
				return err
			}
			k := counting.SummaryKey{Dim: c.Dim, Key: c.Key}
			if olds[k] == nil {
				olds[k] = map[string]*counting.Contribution{}
			}
			olds[k][pur] = c
			return nil
		})
	if err != nil {
		return fmt.Errorf("read purchase figures: %w", err)
	}
	if _, err := tx.Exec(ctx, `DELETE FROM purchase_figures WHERE `+s.d.In("purchase", "$1"), s.d.List(purchases)); err != nil {
		return fmt.Errorf("delete purchase figures: %w", s.mapErr(err))
	}
	byKey := map[counting.SummaryKey]map[string]*counting.Contribution{}
	err = s.writeContributions(ctx, tx, purchases, news, func(pur string, k counting.SummaryKey, c *counting.Contribution) {
		if byKey[k] == nil {
			byKey[k] = map[string]*counting.Contribution{}
		}
		byKey[k][pur] = c
	})
	if err != nil {
		return err
	}
	keys := slices.Collect(maps.Keys(byKey))
	for k := range olds {
		if byKey[k] == nil {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, counting.CompareKeys)
	totals, err := s.readTotals(ctx, tx, keys)
	if err != nil {
		return err
	}
	tw := s.totalWriter(tx)
	for _, k := range keys {
		t, stored := totals[k]
		if !stored {
			t = &counting.Total{}
		}
		var os, ns []*counting.Contribution
		for _, pur := range purchases {
			if o := olds[k][pur]; o != nil {
				os = append(os, o)
			}
			if n := byKey[k][pur]; n != nil {
				ns = append(ns, n)
			}
		}
		t.Replace(os, ns)
		if t.Purchases == 0 {
			if stored {
				if _, err := tx.Exec(ctx, `DELETE FROM key_figures WHERE dim = $1 AND key = $2`, k.Dim, k.Key); err != nil {
					return fmt.Errorf("delete figures of %s %s: %w", k.Dim, k.Key, s.mapErr(err))
				}
			}
			continue
		}
		if t.Stale() {
			if err := s.rebuildTotal(ctx, tx, k, t); err != nil {
				return err
			}
		}
		if err := tw.addTotal(ctx, k, t); err != nil {
			return err
		}
	}
	return tw.flush(ctx)
}

// writeContributions writes the contributions news of purchases, in
// their order, and hands each to seen with its key.
func (s *Store) writeContributions(ctx context.Context, tx *Tx, purchases []string, news map[string][]counting.Contribution,
	seen func(purchase string, k counting.SummaryKey, c *counting.Contribution)) error {
	cw := s.contributionWriter(tx)
	for _, pur := range purchases {
		for i := range news[pur] {
			c := &news[pur][i]
			if err := cw.addContribution(ctx, pur, c); err != nil {
				return err
			}
			seen(pur, counting.SummaryKey{Dim: c.Dim, Key: c.Key}, c)
		}
	}
	return cw.flush(ctx)
}

// contributionsOf is the contributions of each of purchases, computed from
// their notices as tx sees them (none for a purchase left without notices).
func (s *Store) contributionsOf(ctx context.Context, tx *Tx, purchases []string) (map[string][]counting.Contribution, error) {
	byPurchase := map[string][]*counting.Rec{}
	byID := map[int64]*counting.Rec{}
	var ids []int64
	err := s.scanRows(ctx, tx.tx, "SELECT "+recColumns+" FROM notices n WHERE "+s.d.In("n.purchase_id", "$1"),
		[]any{s.d.List(purchases)}, func(scan func(...any) error) error {
			r, err := scanRec(scan)
			if err != nil {
				return err
			}
			byPurchase[r.Purchase] = append(byPurchase[r.Purchase], r)
			byID[r.ID] = r
			ids = append(ids, r.ID)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read notices of purchases: %w", err)
	}
	if len(ids) > 0 {
		err := s.scanAllMarks(ctx, tx.tx, " WHERE "+s.d.In("notice", "$1"), []any{s.d.List(ids)}, &counting.Marks{},
			func(id int64, k counting.Mark) {
				if r := byID[id]; r != nil {
					r.Marks = append(r.Marks, k)
				}
			})
		if err != nil {
			return nil, err
		}
	}
	// The winners and single-source suppliers: the brand profiles'.
	links := map[int64][]counting.OrgLink{}
	if len(ids) > 0 {
		err := s.scanRows(ctx, tx.tx, `SELECT notice, org, role FROM notice_orgs WHERE `+s.d.In("notice", "$1")+
			` AND role IN ($2, $3) ORDER BY notice, `+s.d.Seq("notice_orgs", "notice_orgs"),
			[]any{s.d.List(ids), string(enduse.RoleWinner), string(enduse.RoleSingleSource)}, func(scan func(...any) error) error {
				var l counting.OrgLink
				if err := scan(&l.Notice, &l.Org, &l.Role); err != nil {
					return err
				}
				links[l.Notice] = append(links[l.Notice], l)
				return nil
			})
		if err != nil {
			return nil, fmt.Errorf("read suppliers of purchases: %w", err)
		}
	}
	out := make(map[string][]counting.Contribution, len(byPurchase))
	for pur, recs := range byPurchase {
		cs, err := counting.Contributions(recs, false)
		if err != nil {
			return nil, err
		}
		var ls []counting.OrgLink
		for _, r := range recs {
			ls = append(ls, links[r.ID]...)
		}
		rs, err := counting.RegionContributions(recs)
		if err != nil {
			return nil, err
		}
		cs = append(cs, rs...)
		out[pur] = append(cs, counting.BrandContributions(recs, ls)...)
	}
	return out, nil
}

// scanContribution reads a purchase_figures row of purchaseFigureColumns.
func scanContribution(scan func(...any) error) (*counting.Contribution, string, error) {
	c := &counting.Contribution{}
	var pur, ids string
	if err := scan(&c.Dim, &c.Key, &pur, &c.Docs, &c.Notices, &c.QuantityUnknown, &c.Quantity, &c.Amount, &ids,
		&c.Spelling, &c.SpellingID); err != nil {
		return nil, "", err
	}
	c.IDs = strings.Fields(ids)
	return c, pur, nil
}

// readTotals reads the stored totals of keys (absent keys have none).
func (s *Store) readTotals(ctx context.Context, tx *Tx, keys []counting.SummaryKey) (map[counting.SummaryKey]*counting.Total, error) {
	out := map[counting.SummaryKey]*counting.Total{}
	byDim := map[string][]string{}
	for _, k := range keys {
		byDim[k.Dim] = append(byDim[k.Dim], k.Key)
	}
	for _, dim := range slices.Sorted(maps.Keys(byDim)) {
		if err := s.readFigures(ctx, tx.tx, `dim = $1 AND `+s.d.In("key", "$2"), []any{dim, s.d.List(byDim[dim])}, out); err != nil {
			return nil, fmt.Errorf("read figures of %s: %w", dim, err)
		}
	}
	return out, nil
}

// scanTotal reads a key_figures row of keyFigureColumns.
func scanTotal(scan func(...any) error) (counting.SummaryKey, *counting.Total, error) {
	var k counting.SummaryKey
	t := &counting.Total{}
	var quantity, amount, ids string
	if err := scan(&k.Dim, &k.Key, &t.Purchases, &t.Docs, &t.Notices, &t.QuantityUnknown, &quantity, &amount, &ids,
		&t.Spelling, &t.SpellingID); err != nil {
		return k, nil, err
	}
	if err := t.Quantity.UnmarshalText([]byte(quantity)); err != nil {
		return k, nil, fmt.Errorf("figures of %s %s: %w", k.Dim, k.Key, err)
	}
	if err := t.Amount.UnmarshalText([]byte(amount)); err != nil {
		return k, nil, fmt.Errorf("figures of %s %s: %w", k.Dim, k.Key, err)
	}
	t.IDs = strings.Fields(ids)
	return k, t, nil
}

// rebuildTotal recomputes the ids and spelling of k from every purchase's
// contribution (after the transaction's own are written): the rare case
// where a purchase took back one of the smallest ids, or the first
// spelling, of a key that has more.
func (s *Store) rebuildTotal(ctx context.Context, tx *Tx, k counting.SummaryKey, t *counting.Total) error {
	var cs []counting.Contribution
	err := s.scanRows(ctx, tx.tx, `SELECT ids, spelling, spelling_id FROM purchase_figures WHERE dim = $1 AND key = $2`,
		[]any{k.Dim, k.Key}, func(scan func(...any) error) error {
			var c counting.Contribution
			var ids string
			if err := scan(&ids, &c.Spelling, &c.SpellingID); err != nil {
				return err
			}
			c.IDs = strings.Fields(ids)
			cs = append(cs, c)
			return nil
		})
	if err != nil {
		return fmt.Errorf("rebuild figures of %s %s: %w", k.Dim, k.Key, err)
	}
	t.Rebuild(cs)
	return nil
}

// RebuildFigures recomputes the summary tables from the stored notices,
// in one transaction: after notices were written by other means than the
// store's saves (a bulk load in SQL), or to repair them.
func (s *Store) RebuildFigures(ctx context.Context) error {
	sqlTx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("rebuild figures: %w", s.mapErr(err))
	}
	defer sqlTx.Rollback()
	if err := s.rebuildFigures(ctx, &Tx{tx: sqlTx, s: s}); err != nil {
		return fmt.Errorf("rebuild figures: %w", err)
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("rebuild figures: %w", s.mapErr(err))
	}
	return nil
}

// rebuildFigures empties the summary tables and fills them from every
// notice tx sees, a chunk of purchases at a time. Its callers run it in
// transactions of their own, so it takes the write lock itself: a save
// committed while it reads would be missing from the totals.
func (s *Store) rebuildFigures(ctx context.Context, tx *Tx) error {
	if err := s.lockWrites(ctx, tx); err != nil {
		return err
	}
	for _, t := range []string{"purchase_figures", "key_figures"} {
		// Tables named here, never from input.
		if _, err := tx.Exec(ctx, `DELETE FROM `+t); err != nil {
			return fmt.Errorf("empty %s: %w", t, s.mapErr(err))
		}
	}
	sum := counting.Summary{}
	after, first := "", true
	for {
		// A chunk of purchases at a time, so memory does not grow with
		// the store.
		q := "SELECT DISTINCT n.purchase_id FROM notices n"
		args := []any{}
		if !first {
			q += " WHERE n.purchase_id > $1"
			args = append(args, after)
		}
		var chunk []string
		err := s.scanRows(ctx, tx.tx, q+" ORDER BY n.purchase_id LIMIT "+strconv.Itoa(rebuildChunk), args,
			func(scan func(...any) error) error {
				var pur string
				if err := scan(&pur); err != nil {
					return err
				}
				chunk = append(chunk, pur)
				return nil
			})
		if err != nil {
			return fmt.Errorf("read purchases: %w", err)
		}
		if len(chunk) == 0 {
			break
		}
		news, err := s.contributionsOf(ctx, tx, chunk)
		if err != nil {
			return err
		}
		err = s.writeContributions(ctx, tx, chunk, news, func(_ string, k counting.SummaryKey, c *counting.Contribution) {
			t := sum[k]
			if t == nil {
				t = &counting.Total{}
				sum[k] = t
			}
			t.Apply(nil, c)
		})
		if err != nil {
			return err
		}
		after, first = chunk[len(chunk)-1], false
	}
	tw := s.totalWriter(tx)
	for _, k := range slices.SortedFunc(maps.Keys(sum), counting.CompareKeys) {
		if err := tw.addTotal(ctx, k, sum[k]); err != nil {
			return err
		}
	}
	return tw.flush(ctx)
}

// summary reads the totals of the unfiltered answer's keys.
func (s *Store) summary(ctx context.Context) (counting.Summary, error) {
	// Its own read transaction, closed before the page of rows is read: a
	// store may have one read connection.
	tx, err := s.readTx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	dims := []string{"all"}
	for _, d := range counting.Dims() {
		dims = append(dims, d)
	}
	out := counting.Summary{}
	if err := s.readFigures(ctx, tx, s.d.In("dim", "$1"), []any{s.d.List(dims)}, out); err != nil {
		return nil, fmt.Errorf("read figures: %w", err)
	}
	return out, nil
}

// readFigures reads the key_figures rows meeting where into out.
func (s *Store) readFigures(ctx context.Context, q *sql.Tx, where string, args []any, out counting.Summary) error {
	return s.scanRows(ctx, q, `SELECT `+keyFigureColumns+` FROM key_figures WHERE `+where, args, func(scan func(...any) error) error {
		k, t, err := scanTotal(scan)
		if err != nil {
			return err
		}
		out[k] = t
		return nil
	})
}

// rangeSummary reads the totals of the dimensions in [lo, hi): one
// province's or one brand's.
func (s *Store) rangeSummary(ctx context.Context, lo, hi string) (counting.Summary, error) {
	tx, err := s.readTx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	out := counting.Summary{}
	if err := s.readFigures(ctx, tx, `dim >= $1 AND dim < $2`, []any{lo, hi}, out); err != nil {
		return nil, err
	}
	return out, nil
}

// summarised reports whether the summary tables hold the answer to f (a
// valid filter): one that selects every notice, or those of one province
// (Region as two digits) and nothing else. Specifications are never
// counted there.
func summarised(f enduse.Filter) bool { return len(f.Criteria()) == 0 || provinceAlone(f) }

// provinceAlone reports whether f's only criterion is one province (Region
// as two digits).
func provinceAlone(f enduse.Filter) bool {
	_, _, ok := counting.RegionDims(f.Region)
	return ok && len(f.Criteria()) == 1
}

// answerFromSummary is the answer to a summarised filter read from the
// summary tables, with its page of rows.
func (s *Store) answerFromSummary(ctx context.Context, p *Plan) (*enduse.Result, error) {
	var sum counting.Summary
	var err error
	if p.F.Region != "" {
		// summarised has checked it is a province code.
		lo, hi, _ := counting.RegionDims(p.F.Region)
		if sum, err = s.rangeSummary(ctx, lo, hi); err != nil {
			return nil, fmt.Errorf("read figures of province %s: %w", p.F.Region, err)
		}
		sum = sum.Region(p.F.Region)
	} else if sum, err = s.summary(ctx); err != nil {
		return nil, err
	}
	res := sum.Result(p.F)
	res.Filter = p.F
	if res.Rows, err = s.pageRows(ctx, p, res.Documents); err != nil {
		return nil, err
	}
	if err := s.fillRows(ctx, res); err != nil {
		return nil, err
	}
	return res, nil
}

// brandProfileFromSummary is the profile of brand read from the summary
// tables, when they can give it: the brand resolves (as the Brand filter
// does) to the marks of one brand key, and no unresolved mark is written
// as the brand (the loaded profile would count it). ok is false otherwise.
func (s *Store) brandProfileFromSummary(ctx context.Context, brand string) (bp *enduse.BrandProfile, ok bool, err error) {
	brands, unresolved, err := s.brandSpellings(ctx, brand)
	if err != nil || unresolved {
		return nil, false, err
	}
	keys := []string{strings.ToLower(brand)}
	for _, b := range brands {
		if k := strings.ToLower(b); !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	var found counting.Summary
	key := ""
	for _, k := range keys {
		lo, hi, holdable := counting.BrandDims(k)
		if !holdable {
			return nil, false, nil
		}
		sum, err := s.rangeSummary(ctx, lo, hi)
		if err != nil {
			return nil, false, fmt.Errorf("read figures of brand %s: %w", k, err)
		}
		if len(sum) == 0 {
			continue
		}
		if found != nil {
			// Two brands' marks: a notice naming both is one notice of
			// the profile, which the tables cannot tell.
			return nil, false, nil
		}
		found, key = sum, k
	}
	if found == nil {
		return nil, true, nil
	}
	return found.BrandProfile(brand, key), true, nil
}
