package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/storeutil"
)

// set is the loaded matched notices (storeutil aggregates them) and the
// store's data generation they were read at.
type set struct {
	*storeutil.Set
	gen int64
}

// recColumns are the notices columns load reads, in storeutil.Rec order.
const recColumns = `n.id, n.doc, n.group_id, n.purchase_id, n.type, n.title, n.published, n.project_code,
	COALESCE(n.buyer, ''), n.buyer_name, n.buyer_en, n.sector, n.level, n.region_code, n.region_name,
	n.budget, n.award_amount`

// Query returns the aggregate answer to f and the page of rows selected by
// f.Limit and f.Offset (newest first). Notices and figures count unique
// announcements (re-publications grouped); quantities and amounts count
// each purchase once. It returns ErrInvalid for a malformed filter.
func (db *DB) Query(ctx context.Context, f enduse.Filter) (*enduse.Result, error) {
	vf, err := storeutil.ValidateFilter(f)
	if err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	key, err := queryKey(vf)
	if err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	// A stored answer keeps the brands its Brand filter resolved to, so
	// serving it needs no scan of the brand's mentions.
	var stored storedQuery
	ok, err := db.cached(ctx, answerQuery, key, &stored)
	if err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	if ok {
		p, err := db.planWith(ctx, f, stored.Brands)
		if err != nil {
			return nil, fmt.Errorf("query: %w", err)
		}
		res := &stored.Result
		res.Filter = p.f
		if res.Rows, err = db.pageRows(ctx, p); err != nil {
			return nil, fmt.Errorf("query: %w", err)
		}
		if err := db.fillRows(ctx, res); err != nil {
			return nil, fmt.Errorf("query: %w", err)
		}
		return res, nil
	}
	p, err := db.newPlan(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	s, err := db.load(ctx, p, "SELECT "+recColumns+" FROM notices n"+p.whereSQL(), p.args)
	if err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	out := s.Result(p.marksFilter())
	out.Filter = p.f
	if len(s.Recs) >= db.cacheMin {
		agg := storedQuery{Result: *out, Brands: p.brands}
		agg.Result.Rows = nil
		db.remember(ctx, answerQuery, key, s.gen, &agg)
	}
	if err := db.fillRows(ctx, out); err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	return out, nil
}

// storedQuery is the stored form of a Query answer: the aggregate (rows
// are read per page) and the brands the filter's Brand resolved to.
type storedQuery struct {
	Result enduse.Result `json:"result"`
	Brands []string      `json:"brands,omitempty"`
}

// defaultCacheMin is the number of matched documents from which an answer
// is worth storing: below it, computing the answer costs less than storing
// it.
const defaultCacheMin = 2000

// pageRows is the page of rows of the plan (f.Offset, f.Limit) without
// loading every matched notice: it walks the matched notices newest first
// and keeps those that stand for their announcement group among the
// matched notices (most item detail, then the first stored), as result
// does over the loaded set.
func (db *DB) pageRows(ctx context.Context, p *plan) ([]enduse.Row, error) {
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("page rows: %w", mapErr(err))
	}
	defer tx.Rollback()
	repCond := "n.group_id = ?"
	if len(p.groupWhere) > 0 {
		repCond += " AND " + strings.Join(p.groupWhere, " AND ")
	}
	repStmt, err := tx.PrepareContext(ctx, "SELECT n.id FROM notices n WHERE "+repCond+" ORDER BY n.detail DESC, n.id LIMIT 1")
	if err != nil {
		return nil, fmt.Errorf("page rows: %w", mapErr(err))
	}
	defer repStmt.Close()
	// Only answers matching many notices are stored, so walking the
	// publication index newest first finds a page after few rows; the
	// planner would otherwise sort every match of a place/sector index.
	// Brand conditions are probed per notice for the same reason.
	where := ""
	if len(p.groupWhere) > 0 {
		where = " WHERE " + strings.Join(p.groupWhere, " AND ")
	}
	rows, err := tx.QueryContext(ctx, "SELECT n.id, n.group_id FROM notices n INDEXED BY notices_published"+where+
		" ORDER BY n.published DESC, n.id DESC", p.groupArgs...)
	if err != nil {
		return nil, fmt.Errorf("page rows: %w", mapErr(err))
	}
	want := p.f.Offset + p.f.Limit
	reps := map[string]int64{} // group → its representative
	var page []int64
	seen := 0
	for seen < want && rows.Next() {
		var id int64
		var group string
		if err := rows.Scan(&id, &group); err != nil {
			rows.Close()
			return nil, fmt.Errorf("page rows: %w", mapErr(err))
		}
		rep, ok := reps[group]
		if !ok {
			if err := repStmt.QueryRowContext(ctx, append([]any{group}, p.groupArgs...)...).Scan(&rep); err != nil {
				rows.Close()
				return nil, fmt.Errorf("page rows: group %s: %w", group, mapErr(err))
			}
			reps[group] = rep
		}
		if rep != id {
			continue
		}
		if seen >= p.f.Offset {
			page = append(page, id)
		}
		seen++
	}
	if err := rows.Close(); err != nil {
		return nil, fmt.Errorf("page rows: %w", mapErr(err))
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("page rows: %w", mapErr(err))
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("page rows: %w", mapErr(err))
	}
	out := []enduse.Row{}
	if len(page) == 0 {
		return out, nil
	}
	ids, err := json.Marshal(page)
	if err != nil {
		return nil, fmt.Errorf("page rows: %w", err)
	}
	s, err := db.load(ctx, p, "SELECT "+recColumns+" FROM notices n WHERE n.id IN (SELECT value FROM json_each(?))", []any{string(ids)})
	if err != nil {
		return nil, fmt.Errorf("page rows: %w", err)
	}
	byID := map[int64]*storeutil.Rec{}
	for _, r := range s.Recs {
		byID[r.ID] = r
	}
	for _, id := range page {
		if r := byID[id]; r != nil {
			out = append(out, r.Row(p.f))
		}
	}
	return out, nil
}

// load runs a notices query selecting recColumns and loads the brand
// marks of every matched notice.
func (db *DB) load(ctx context.Context, p *plan, query string, args []any) (*set, error) {
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("begin read: %w", mapErr(err))
	}
	defer tx.Rollback()
	gen, err := generationOf(ctx, tx)
	if err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("select notices: %w", mapErr(err))
	}
	var recs []*storeutil.Rec
	byID := map[int64]*storeutil.Rec{}
	for rows.Next() {
		r := &storeutil.Rec{}
		if err := rows.Scan(&r.ID, &r.Doc, &r.Group, &r.Purchase, &r.Type, &r.Title, &r.Published, &r.Code,
			&r.Buyer, &r.BuyerName, &r.BuyerEN, &r.Sector, &r.Level, &r.RegionCode, &r.RegName, &r.Budget, &r.Award); err != nil {
			rows.Close()
			return nil, fmt.Errorf("select notices: %w", mapErr(err))
		}
		recs = append(recs, r)
		byID[r.ID] = r
	}
	if err := rows.Close(); err != nil {
		return nil, fmt.Errorf("select notices: %w", mapErr(err))
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("select notices: %w", mapErr(err))
	}
	if len(recs) > 0 {
		// Marks of the loaded notices: by id list, or — when every notice
		// was loaded — by reading the tables straight through (a million
		// ids in a list cost more than the rows they select).
		of := " WHERE notice IN (SELECT value FROM json_each(?))"
		var ids []any
		if query == "SELECT "+recColumns+" FROM notices n" {
			of = ""
		} else {
			ids = []any{idList(recs)}
		}
		marks := p.marksFilter()
		if err := scanMarks(ctx, tx, `SELECT notice, brand, text, company, country, product_line, category, us_linked, spec, 0, 0, pathway
			FROM mentions`+of, ids, byID, marks); err != nil {
			return nil, fmt.Errorf("load mentions: %w", err)
		}
		if err := scanMarks(ctx, tx, `SELECT notice, brand, brand_text, company, country, product_line, category, us_linked, 0, 1, quantity, pathway
			FROM items`+of, ids, byID, marks); err != nil {
			return nil, fmt.Errorf("load items: %w", err)
		}
	}
	return &set{Set: storeutil.NewSet(recs), gen: gen}, nil
}

// idList is the notice ids as a JSON array, for json_each.
func idList(recs []*storeutil.Rec) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, r := range recs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(r.ID, 10))
	}
	b.WriteByte(']')
	return b.String()
}

// scanMarks reads mention or item rows into their notices' marks, marking
// those that meet the filter's brand and product fields.
func scanMarks(ctx context.Context, tx *sql.Tx, query string, args []any, byID map[int64]*storeutil.Rec, marks *storeutil.Marks) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return mapErr(err)
	}
	defer rows.Close()
	active := marks.Active()
	for rows.Next() {
		var id int64
		var m storeutil.Mark
		if err := rows.Scan(&id, &m.Brand, &m.Text, &m.Company, &m.Country, &m.ProductLine, &m.Category,
			&m.USLinked, &m.Spec, &m.Item, &m.Quantity, &m.Pathway); err != nil {
			return mapErr(err)
		}
		m.Match = !active || marks.Match(&m)
		if r := byID[id]; r != nil {
			r.Marks = append(r.Marks, m)
		}
	}
	return mapErr(rows.Err())
}

// fillRows adds each row's source, url and first winner.
func (db *DB) fillRows(ctx context.Context, res *enduse.Result) error {
	if len(res.Rows) == 0 {
		return nil
	}
	idx := map[string]int{}
	args := make([]any, len(res.Rows))
	for i, r := range res.Rows {
		idx[r.ID] = i
		args[i] = r.ID
	}
	rows, err := db.read.QueryContext(ctx, `SELECT d.sha256, d.source, d.url,
		COALESCE((SELECT o.name FROM notice_orgs o WHERE o.notice = n.id AND o.role IN ('winner', 'single_source')
			ORDER BY o.role = 'single_source', o.rank = 0, o.rank, o.rowid LIMIT 1), '')
		FROM documents d JOIN notices n ON n.doc = d.sha256 WHERE d.sha256 IN (`+placeholders(len(args))+`)`, args...)
	if err != nil {
		return fmt.Errorf("rows: %w", mapErr(err))
	}
	defer rows.Close()
	for rows.Next() {
		var id, source, url, winner string
		if err := rows.Scan(&id, &source, &url, &winner); err != nil {
			return fmt.Errorf("rows: %w", mapErr(err))
		}
		r := &res.Rows[idx[id]]
		r.Source, r.URL, r.Winner = source, url, winner
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("rows: %w", mapErr(err))
	}
	return nil
}
