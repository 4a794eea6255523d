package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/counting"
	"github.com/enduse/enduse/storeutil"
)

// set is the loaded matched notices (storeutil aggregates them) and the
// store's data generation they were read at (0 without a cache).
type set struct {
	*counting.Set
	gen int64
}

// recColumns are the notices columns load reads, in counting.Rec order:
// the index notices_agg holds them all (migration 0012), so reading every
// notice scans that index, not the table's wide rows.
const recColumns = `n.id, n.doc, n.group_id, n.purchase_id, n.type, n.published, COALESCE(n.buyer, ''),
	n.sector, n.level, n.region_code, n.budget, n.award_amount`

// Query returns the aggregate answer to f and the page of rows selected by
// f.Limit and f.Offset (newest first). Notices and figures count unique
// announcements (re-publications grouped); quantities and amounts count
// each purchase once. It returns ErrInvalid for a malformed filter.
func (s *Store) Query(ctx context.Context, f enduse.Filter) (*enduse.Result, error) {
	vf, err := storeutil.ValidateFilter(f)
	if err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	key, err := queryKey(vf)
	if err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	if !s.summaryOff && summarised(vf) {
		// A filter that selects every notice, or one province's (and
		// counts no specifications, as the summary tables don't), is
		// answered from the summary tables, which every save keeps up to
		// date.
		p, err := s.newPlan(ctx, f)
		if err != nil {
			return nil, fmt.Errorf("query: %w", err)
		}
		res, err := s.answerFromSummary(ctx, p)
		if err != nil {
			return nil, fmt.Errorf("query: %w", err)
		}
		return res, nil
	}
	// A stored answer keeps the brands its Brand filter resolved to, so
	// serving it needs no scan of the brand's mentions.
	var stored storedQuery
	ok, err := s.cached(ctx, answerQuery, key, &stored)
	if err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	if ok {
		p, err := s.planWith(ctx, f, stored.Brands)
		if err != nil {
			return nil, fmt.Errorf("query: %w", err)
		}
		res := &stored.Result
		res.Filter = p.F
		if res.Rows, err = s.pageRows(ctx, p, res.Documents); err != nil {
			return nil, fmt.Errorf("query: %w", err)
		}
		if err := s.fillRows(ctx, res); err != nil {
			return nil, fmt.Errorf("query: %w", err)
		}
		return res, nil
	}
	p, err := s.newPlan(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	var out *enduse.Result
	var gen int64
	if len(p.where) == 0 {
		// Every notice: streamed in purchase order through notices_agg,
		// never all held at once.
		a := counting.NewAnswer(&p.Marks)
		if gen, err = s.streamAll(ctx, &p.Marks, a); err != nil {
			return nil, fmt.Errorf("query: %w", err)
		}
		out = a.Result()
	} else {
		// The notices a filter selects are read as its index finds them
		// (ordering them by purchase would make the engine walk
		// notices_agg and fetch every row to test it).
		st, err := s.load(ctx, &p.Marks, "SELECT "+recColumns+" FROM notices n"+p.whereSQL(), p.args)
		if err != nil {
			return nil, fmt.Errorf("query: %w", err)
		}
		out, gen = st.Result(&p.Marks), st.gen
	}
	out.Filter = p.F
	if out.Documents >= s.cacheMin {
		agg := storedQuery{Result: *out, Brands: p.Brands}
		agg.Result.Rows = nil
		s.remember(ctx, answerQuery, key, gen, &agg)
	}
	if err := s.fillRows(ctx, out); err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	return out, nil
}

// pageRows is the page of rows of the plan (f.Offset, f.Limit) without
// loading every matched notice's record. matched is how many documents
// the plan matches (the stored answer's count): up to directMax, the
// representatives come from the matched ids at once (directReps) —
// unless a province alone has an index in publication order of its own,
// or a condition no index answers would read every row's text or JSON,
// which the walk does for the few rows it reads. Otherwise it walks the
// matched notices newest first (walkReps) and keeps those that stand for
// their announcement group among the matched notices (most item detail,
// then the first stored), as the aggregation does over a loaded set.
func (s *Store) pageRows(ctx context.Context, p *Plan, matched int) ([]enduse.Row, error) {
	var page []int64
	var err error
	want := p.F.Offset + p.F.Limit
	if matched <= directMax && !p.scans && !provinceAlone(p.F) && !s.walkAlways {
		page, err = s.directReps(ctx, p, want)
	} else {
		_, err = s.walkReps(ctx, p, nil, want, func(id int64) { page = append(page, id) })
	}
	if err != nil {
		return nil, fmt.Errorf("page rows: %w", err)
	}
	page = page[min(p.F.Offset, len(page)):]
	out, err := s.rowsOf(ctx, p, page)
	if err != nil {
		return nil, fmt.Errorf("page rows: %w", err)
	}
	return out, nil
}

// directMax is the most matched documents whose page is found from all
// their ids (directReps) rather than by walking the publication order.
// The walk reads 500 notices of the whole order a step and each needs the
// table row for the plan's conditions, so a filter matching few notices
// walked far between matches: --sector public_security (15,484 of a
// million notices) took 4.5 s for its page, the same ids read through the
// filter's own index 0.07 s.
const directMax = 50_000

// directReps is the first want representatives of the plan's matched
// notices newest first (what walkReps finds), from their ids, groups and
// dates read at once through whichever index serves the plan, and the
// item detail of those that share a group with another; counting.PageOf
// picks them.
func (s *Store) directReps(ctx context.Context, p *Plan, want int) ([]int64, error) {
	tx, err := s.readTx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	var cs []counting.Matched
	members := map[string]int{}
	err = s.scanRows(ctx, tx, "SELECT n.id, n.group_id, n.published FROM notices n"+p.whereSQL(), p.args,
		func(scan func(...any) error) error {
			var c counting.Matched
			if err := scan(&c.ID, &c.Group, &c.Published); err != nil {
				return err
			}
			cs = append(cs, c)
			members[c.Group]++
			return nil
		})
	if err != nil {
		return nil, err
	}
	var shared []int64
	for _, c := range cs {
		if members[c.Group] > 1 {
			shared = append(shared, c.ID)
		}
	}
	if len(shared) > 0 {
		detail := map[int64]int{}
		err := s.scanRows(ctx, tx, "SELECT n.id, n.detail FROM notices n WHERE "+s.d.In("n.id", "$1"), []any{s.d.List(shared)},
			func(scan func(...any) error) error {
				var id int64
				var d int
				if err := scan(&id, &d); err != nil {
					return err
				}
				detail[id] = d
				return nil
			})
		if err != nil {
			return nil, fmt.Errorf("item detail: %w", err)
		}
		for i := range cs {
			cs[i].Detail = detail[cs[i].ID]
		}
	}
	return counting.PageOf(cs, want), nil
}

// walkIndex is the index a walk of f's notices newest first reads: one
// province's publication order for a filter on a province alone (a sparse
// province's notices are far apart in the whole order), else the whole
// publication order.
func walkIndex(f enduse.Filter) string {
	if provinceAlone(f) {
		return "notices_province_published"
	}
	return "notices_published"
}

// walkCursor is where a walk of the publication order stopped: the last
// notice read (newest first, then highest id).
type walkCursor struct {
	published string
	id        int64
}

// walkReps walks the notices matching p newest first, starting after
// after (nil: from the newest), and calls rep with each that stands for
// its announcement group among the matched notices, until it has found
// want, or — with want 0 — has read one batch of walkBatch notices. It
// returns where that batch ended, nil when nothing is left. Only answers matching many notices walk
// without a bound, so walking the publication index newest first finds a
// page after few rows; the planner would otherwise sort every match of a
// place/sector index. Brand conditions are probed per notice for the same
// reason.
func (s *Store) walkReps(ctx context.Context, p *Plan, after *walkCursor, want int, rep func(int64)) (*walkCursor, error) {
	tx, err := s.readTx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	groupArgs := p.groupArgs // scanRows cleans them
	// The representatives of a batch's groups are found by one statement:
	// probed one group at a time, a condition with a subquery (text
	// search's FTS match) was evaluated again for every group — 1.0 of
	// the 1.3 s of a text search's page at 1M notices.
	repWhere := ""
	if len(p.groupWhere) > 0 {
		repWhere = strings.Join(p.groupWhere, " AND ") + " AND "
	}
	repSQL := "SELECT n.group_id, n.id FROM notices n WHERE " + repWhere + s.d.In("n.group_id", "$"+strconv.Itoa(len(groupArgs)+1)) +
		" ORDER BY n.group_id, n.detail DESC, n.id"
	reps := map[string]int64{} // group → its representative
	found := 0
	for {
		// A batch of the walk is read whole before its groups are probed:
		// a connection runs one statement at a time (PostgreSQL refuses a
		// probe while a cursor is open on it).
		type walked struct {
			id        int64
			group     string
			published string
		}
		conds := slices.Clone(p.groupWhere)
		args := groupArgs
		if after != nil {
			n := len(args)
			conds = append(conds, fmt.Sprintf("(n.published < $%d OR (n.published = $%d AND n.id < $%d))", n+1, n+1, n+2))
			args = append(args[:n:n], after.published, after.id)
		}
		where := ""
		if len(conds) > 0 {
			where = " WHERE " + strings.Join(conds, " AND ")
		}
		var batch []walked
		err := s.scanRows(ctx, tx, "SELECT n.id, n.group_id, n.published FROM notices n"+s.d.IndexedBy(walkIndex(p.F))+where+
			" ORDER BY n.published DESC, n.id DESC LIMIT "+strconv.Itoa(walkBatch), args, func(scan func(...any) error) error {
			var w walked
			if err := scan(&w.id, &w.group, &w.published); err != nil {
				return err
			}
			batch = append(batch, w)
			return nil
		})
		if err != nil {
			return nil, err
		}
		var probe []string
		queued := map[string]bool{}
		for _, w := range batch {
			if _, ok := reps[w.group]; !ok && !queued[w.group] {
				queued[w.group] = true
				probe = append(probe, w.group)
			}
		}
		if len(probe) > 0 {
			err := s.scanRows(ctx, tx, repSQL, append(groupArgs[:len(groupArgs):len(groupArgs)], s.d.List(probe)), func(scan func(...any) error) error {
				var g string
				var id int64
				if err := scan(&g, &id); err != nil {
					return err
				}
				if _, ok := reps[g]; !ok {
					reps[g] = id // the first of its group: most detail, then lowest id
				}
				return nil
			})
			if err != nil {
				return nil, fmt.Errorf("representatives: %w", err)
			}
		}
		for _, w := range batch {
			r := reps[w.group]
			if r == w.id {
				rep(w.id)
				if found++; want > 0 && found >= want {
					return nil, nil
				}
			}
		}
		if len(batch) < walkBatch {
			return nil, nil
		}
		last := batch[len(batch)-1]
		after = &walkCursor{published: last.published, id: last.id}
		if want == 0 {
			return after, nil
		}
	}
}

// walkBatch is how many notices one step of EachRow reads.
const walkBatch = 500

// rowsOf is the rows of the notices ids, in that order.
func (s *Store) rowsOf(ctx context.Context, p *Plan, ids []int64) ([]enduse.Row, error) {
	out := []enduse.Row{}
	if len(ids) == 0 {
		return out, nil
	}
	st, err := s.load(ctx, &p.Marks, "SELECT "+recColumns+" FROM notices n WHERE "+s.d.In("n.id", "$1"), []any{s.d.List(ids)})
	if err != nil {
		return nil, err
	}
	byID := map[int64]*counting.Rec{}
	for _, r := range st.Recs {
		byID[r.ID] = r
	}
	for _, id := range ids {
		if r := byID[id]; r != nil {
			out = append(out, r.Row(p.F))
		}
	}
	return out, nil
}

// EachRow calls fn with every row (one per announcement group) matching
// f, newest first — the rows Query pages through — reading a batch of
// notices at a time and never the whole answer: memory does not grow with
// the store and no aggregate is computed. f's Limit and Offset are
// ignored. No transaction is held while fn runs; notices stored meanwhile
// are seen only when they are older than the walk's position.
func (s *Store) EachRow(ctx context.Context, f enduse.Filter, fn func(enduse.Row) error) error {
	f.Limit, f.Offset = 0, 0
	p, err := s.newPlan(ctx, f)
	if err != nil {
		return fmt.Errorf("rows: %w", err)
	}
	var after *walkCursor
	for {
		var ids []int64
		next, err := s.walkReps(ctx, p, after, 0, func(id int64) { ids = append(ids, id) })
		if err != nil {
			return fmt.Errorf("rows: %w", err)
		}
		res := &enduse.Result{}
		if res.Rows, err = s.rowsOf(ctx, p, ids); err != nil {
			return fmt.Errorf("rows: %w", err)
		}
		if err := s.fillRows(ctx, res); err != nil {
			return err
		}
		for _, r := range res.Rows {
			if err := fn(r); err != nil {
				return err
			}
		}
		if next == nil {
			return nil
		}
		after = next
	}
}

// load runs a notices query selecting recColumns and loads the brand
// marks of every matched notice, all in one snapshot, for the profiles and
// pages (a few notices); Query streams its notices (stream).
func (s *Store) load(ctx context.Context, m *counting.Marks, query string, args []any) (*set, error) {
	tx, err := s.readTx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	var gen int64
	if s.cache {
		if gen, err = s.generationOf(ctx, tx); err != nil {
			return nil, err
		}
	}
	var recs []*counting.Rec
	byID := map[int64]*counting.Rec{}
	err = s.scanRows(ctx, tx, query, args, func(scan func(...any) error) error {
		r, err := scanRec(scan)
		if err != nil {
			return err
		}
		recs = append(recs, r)
		byID[r.ID] = r
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("select notices: %w", err)
	}
	if len(recs) > 0 {
		// Marks of the loaded notices, by id list (Query streams every
		// notice's instead).
		list := make([]int64, len(recs))
		for i, r := range recs {
			list[i] = r.ID
		}
		err := s.scanAllMarks(ctx, tx, " WHERE "+s.d.In("notice", "$1"), []any{s.d.List(list)}, m, func(id int64, k counting.Mark) {
			if r := byID[id]; r != nil {
				r.Marks = append(r.Marks, k)
			}
		})
		if err != nil {
			return nil, err
		}
	}
	return &set{Set: counting.NewSet(recs), gen: gen}, nil
}

// scanRec reads a notices row of recColumns.
func scanRec(scan func(...any) error) (*counting.Rec, error) {
	r := &counting.Rec{}
	err := scan(&r.ID, &r.Doc, &r.Group, &r.Purchase, &r.Type, &r.Published,
		&r.Buyer, &r.Sector, &r.Level, &r.RegionCode, &r.Budget, &r.Award)
	return r, err
}

// streamAll feeds every notice to a, purchase by purchase with its marks,
// from one snapshot, and returns the store's data generation it read (0
// without a cache). The marks are read first (a notice names few brands
// and most name none); the notices follow in purchase order (the order of
// notices_agg), at most one purchase of them held at a time, so memory
// grows with the marks and the answer's keys, not with the notices.
func (s *Store) streamAll(ctx context.Context, m *counting.Marks, a *counting.Answer) (int64, error) {
	tx, err := s.readTx(ctx)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	var gen int64
	if s.cache {
		if gen, err = s.generationOf(ctx, tx); err != nil {
			return 0, err
		}
	}
	marks := map[int64][]counting.Mark{}
	if err := s.scanAllMarks(ctx, tx, "", nil, m, func(id int64, k counting.Mark) {
		marks[id] = append(marks[id], k)
	}); err != nil {
		return 0, err
	}
	var purchase []*counting.Rec
	err = s.scanRows(ctx, tx, "SELECT "+recColumns+" FROM notices n ORDER BY n.purchase_id", nil,
		func(scan func(...any) error) error {
			r, err := scanRec(scan)
			if err != nil {
				return err
			}
			r.Marks = marks[r.ID]
			delete(marks, r.ID)
			if len(purchase) > 0 && purchase[0].Purchase != r.Purchase {
				if err := a.AddPurchase(purchase); err != nil {
					return err
				}
				purchase = nil
			}
			purchase = append(purchase, r)
			return nil
		})
	if err != nil {
		return 0, fmt.Errorf("select notices: %w", err)
	}
	if err := a.AddPurchase(purchase); err != nil {
		return 0, fmt.Errorf("select notices: %w", err)
	}
	return gen, nil
}

// scanAllMarks reads the mentions and items of the notices the condition
// of (a WHERE clause over their notice column with parameters args, ""
// for all) selects, marking those that meet m, and hands each to into, in
// notice and sequence order.
func (s *Store) scanAllMarks(ctx context.Context, tx *sql.Tx, of string, args []any, m *counting.Marks,
	into func(id int64, k counting.Mark)) error {
	active := m.Active()
	if err := s.scanMarks(ctx, tx, `SELECT notice, brand, text, company, country, product_line, category, us_linked, pathway, spec
		FROM mentions`+of+` ORDER BY notice, seq`, args, false, m, active, into); err != nil {
		return fmt.Errorf("load mentions: %w", err)
	}
	if err := s.scanMarks(ctx, tx, `SELECT notice, brand, brand_text, company, country, product_line, category, us_linked, pathway, quantity
		FROM items`+of+` ORDER BY notice, seq`, args, true, m, active, into); err != nil {
		return fmt.Errorf("load items: %w", err)
	}
	return nil
}

// scanMarks reads mention (item false: the last column is spec) or item
// rows (the last column is the quantity), marks those that meet the
// filter's brand and product fields and hands each to into.
func (s *Store) scanMarks(ctx context.Context, tx *sql.Tx, query string, args []any, item bool,
	m *counting.Marks, active bool, into func(id int64, k counting.Mark)) error {
	return s.scanRows(ctx, tx, query, args, func(scan func(...any) error) error {
		var id int64
		k := counting.Mark{Item: item}
		last := any(&k.Spec)
		if item {
			last = &k.Quantity
		}
		if err := scan(&id, &k.Brand, &k.Text, &k.Company, &k.Country, &k.ProductLine, &k.Category, &k.USLinked, &k.Pathway, last); err != nil {
			return err
		}
		k.Match = !active || m.Match(&k)
		into(id, k)
		return nil
	})
}

// fillRows adds each row's texts (title, project code, buyer and region
// names), source, url and first winner.
func (s *Store) fillRows(ctx context.Context, res *enduse.Result) error {
	if len(res.Rows) == 0 {
		return nil
	}
	idx := map[string]int{}
	ids := make([]string, len(res.Rows))
	for i, r := range res.Rows {
		idx[r.ID] = i
		ids[i] = r.ID
	}
	err := s.scanRows(ctx, s.read, `SELECT d.sha256, d.source, d.url, n.title, n.project_code, n.buyer_name, n.buyer_en, n.region_name,
		COALESCE((SELECT o.name FROM notice_orgs o WHERE o.notice = n.id AND o.role IN ('winner', 'single_source')
			ORDER BY o.role = 'single_source', o.rank = 0, o.rank, `+s.d.Seq("notice_orgs", "o")+` LIMIT 1), '')
		FROM documents d JOIN notices n ON n.doc = d.sha256 WHERE `+s.d.In("d.sha256", "$1"), []any{s.d.List(ids)},
		func(scan func(...any) error) error {
			var id string
			var r enduse.Row
			if err := scan(&id, &r.Source, &r.URL, &r.Title, &r.ProjectCode, &r.Buyer, &r.BuyerEN, &r.RegionName, &r.Winner); err != nil {
				return err
			}
			row := &res.Rows[idx[id]]
			row.Source, row.URL, row.Winner = r.Source, r.URL, r.Winner
			row.Title, row.ProjectCode, row.Buyer, row.BuyerEN, row.RegionName = r.Title, r.ProjectCode, r.Buyer, r.BuyerEN, r.RegionName
			return nil
		})
	if err != nil {
		return fmt.Errorf("rows: %w", err)
	}
	return nil
}
