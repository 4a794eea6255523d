// Command scale builds stores of N notices quickly and measures how the
// broad answers grow with them (issue 13's scale acceptance).
//
// build multiplies a store that already holds ingested notices (the base:
// /tmp/corpus, the case-study corpus, the bundled sample) with INSERT …
// SELECT instead of ingesting N documents one by one: every copy gets new
// notice ids, sha256s, sources, announcement groups and purchases, its
// publication dates shifted back by a copy-specific number of days, and its
// organisations replaced by one of ten variants (key "~v", name "·v"), so a
// frequent buyer of the base is ten buyers at scale and groups stay as
// large as in real data. Documents, notices, notice_orgs, items, mentions,
// hits, reasons and (SQLite) the FTS index are copied with every column the
// schema has; organisation and brand counters are rescaled at the end. The
// copies store no raw bytes (the redacted text is kept for text search).
//
// measure runs the enduse binary in a fresh process per answer under
// /usr/bin/time: cold (just after a write, so no stored answer serves it)
// and warm (the same again), and prints a Markdown table of seconds and
// peak RSS.
//
//	go run ./cmd/enduse ingest --db /tmp/scale/base.db /tmp/corpus   # and casestudy/corpus, sample/*.jsonl
//	cp /tmp/scale/base.db /tmp/scale/s.db
//	go run ./scripts/scale build -db /tmp/scale/s.db -n 100000
//	go run ./scripts/scale measure -db /tmp/scale/s.db -bin /tmp/enduse
//
// For PostgreSQL, copy the base in first (enduse db copy --from base.db
// --to postgres://…) and pass the DSN as -db. docs/scale.md has the
// figures and the whole recipe.
package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/enduse/enduse/postgres"
	"github.com/enduse/enduse/sqlite"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	ctx := context.Background()
	var err error
	switch os.Args[1] {
	case "build":
		err = runBuild(ctx, os.Args[2:])
	case "measure":
		err = runMeasure(ctx, os.Args[2:])
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "scale:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, `usage: scale build -db DSN -n N
       scale measure -db DSN -bin ENDUSE [-label L]`)
	os.Exit(2)
}

// variants is how many organisations each base organisation becomes.
const variants = 10

// store is an open database and the SQL that differs between the engines.
type store struct {
	db   *sql.DB
	pg   bool
	cols map[string][]string // columns of the copied tables, read once (SQLite has one connection)
}

func open(dsn string) (*store, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		db, err := sql.Open("pgx", dsn)
		if err != nil {
			return nil, fmt.Errorf("open %s: %w", dsn, err)
		}
		return &store{db: db, pg: true}, nil
	}
	if _, err := os.Stat(dsn); err != nil {
		return nil, fmt.Errorf("open %s: %w", dsn, err)
	}
	db, err := sql.Open("sqlite", dsn+"?_pragma=foreign_keys(0)&_pragma=journal_mode(WAL)&_pragma=synchronous(OFF)&_pragma=cache_size(-262144)")
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", dsn, err)
	}
	db.SetMaxOpenConns(1)
	return &store{db: db}, nil
}

// sha is the sha256 of copy k of the document whose sha256 is in col: its
// first 56 hex digits and k in 8.
func (s *store) sha(col string, k int) string {
	if s.pg {
		return fmt.Sprintf("substr(%s, 1, 56) || lpad(to_hex(%d), 8, '0')", col, k)
	}
	return fmt.Sprintf("substr(%s, 1, 56) || printf('%%08x', %d)", col, k)
}

// shift is the date in col moved back days days (dates only; other values
// unchanged).
func (s *store) shift(col string, days int) string {
	if days == 0 {
		return col
	}
	if s.pg {
		return fmt.Sprintf(`CASE WHEN %[1]s ~ '^\d{4}-\d{2}-\d{2}' THEN to_char(substr(%[1]s, 1, 10)::date - %[2]d, 'YYYY-MM-DD') || substr(%[1]s, 11) ELSE %[1]s END`, col, days)
	}
	return fmt.Sprintf(`CASE WHEN %[1]s GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' THEN date(substr(%[1]s, 1, 10), '-%[2]d days') || substr(%[1]s, 11) ELSE %[1]s END`, col, days)
}

// suffix is col with sep+v appended when non-empty (v 0: unchanged).
func suffix(col, sep string, v int) string {
	if v == 0 {
		return col
	}
	return fmt.Sprintf("CASE WHEN %[1]s IS NULL OR %[1]s = '' THEN %[1]s ELSE %[1]s || '%[2]s%[3]d' END", col, sep, v)
}

// loadColumns reads the columns of the tables build copies.
func (s *store) loadColumns(ctx context.Context) error {
	s.cols = map[string][]string{}
	for _, t := range []string{"documents", "notices", "notice_orgs", "items", "mentions", "hits", "reasons", "orgs"} {
		keep := ""
		if t == "notices" {
			keep = "id" // copies set their ids
		}
		cols, err := s.columns(ctx, t, keep)
		if err != nil {
			return err
		}
		s.cols[t] = cols
	}
	return nil
}

// columns is the table's columns, without the identity columns the engine
// fills (PostgreSQL hits.id), unless keep names one.
func (s *store) columns(ctx context.Context, table string, keep string) ([]string, error) {
	q := `SELECT name FROM pragma_table_info($1) ORDER BY cid`
	if s.pg {
		q = `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1
			AND (is_identity = 'NO' OR column_name = $2) ORDER BY ordinal_position`
	}
	args := []any{table}
	if s.pg {
		args = append(args, keep)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("columns of %s: %w", table, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, fmt.Errorf("columns of %s: %w", table, err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("columns of %s: %w", table, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("columns of %s: no such table", table)
	}
	return out, nil
}

// quote quotes a column name ("end" is a keyword).
func quote(c string) string { return `"` + c + `"` }

// copyStmt is INSERT INTO table SELECT … FROM table t WHERE where, every
// column copied unless subst gives its expression over t.
func (s *store) copyStmt(table, where string, subst map[string]string, override bool) string {
	cols := s.cols[table]
	names := make([]string, len(cols))
	exprs := make([]string, len(cols))
	for i, c := range cols {
		names[i] = quote(c)
		exprs[i] = "t." + quote(c)
		if e, ok := subst[c]; ok {
			exprs[i] = e
		}
	}
	ov := ""
	if override && s.pg {
		ov = " OVERRIDING SYSTEM VALUE"
	}
	return "INSERT INTO " + table + " (" + strings.Join(names, ", ") + ")" + ov + " SELECT " + strings.Join(exprs, ", ") +
		" FROM " + table + " t WHERE " + where
}

// meta is the base the copies are made of: its highest notice id (copy k
// has ids k*stride + base id) and how many copies exist besides it.
type meta struct {
	stride, notices, copies int
}

// prepare records the base on the first build (scale_meta, scale_orgs,
// scale_brands) and creates the organisation variants; later builds read
// the record.
func (s *store) prepare(ctx context.Context) (meta, error) {
	var m meta
	err := s.db.QueryRowContext(ctx, `SELECT stride, notices, copies FROM scale_meta`).Scan(&m.stride, &m.notices, &m.copies)
	if err == nil {
		return m, nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return m, fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0), COUNT(*) FROM notices`).Scan(&m.stride, &m.notices); err != nil {
		return m, fmt.Errorf("read base: %w", err)
	}
	if m.notices == 0 {
		return m, errors.New("the store holds no notices: ingest the base first")
	}
	orgCols := s.cols["orgs"]
	stmts := []string{
		`CREATE TABLE scale_meta (stride INTEGER NOT NULL, notices INTEGER NOT NULL, copies INTEGER NOT NULL)`,
		fmt.Sprintf(`INSERT INTO scale_meta VALUES (%d, %d, 0)`, m.stride, m.notices),
		`CREATE TABLE scale_orgs AS SELECT key, documents, as_buyer FROM orgs`,
		`CREATE TABLE scale_brands AS SELECT name, documents FROM brands`,
	}
	for v := 1; v < variants; v++ {
		subst := map[string]string{"key": suffix("t.key", "~", v), "name": suffix("t.name", "·", v),
			"name_en": suffix("t.name_en", " ", v), "parent": suffix("t.parent", "~", v)}
		names := make([]string, len(orgCols))
		exprs := make([]string, len(orgCols))
		for i, c := range orgCols {
			names[i], exprs[i] = quote(c), "t."+quote(c)
			if e, ok := subst[c]; ok {
				exprs[i] = e
			}
		}
		stmts = append(stmts, "INSERT INTO orgs ("+strings.Join(names, ", ")+") SELECT "+strings.Join(exprs, ", ")+
			" FROM orgs t JOIN scale_orgs b ON b.key = t.key")
	}
	for _, q := range stmts {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return m, fmt.Errorf("prepare: %s: %w", q, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return m, fmt.Errorf("prepare: commit: %w", err)
	}
	return m, nil
}

// copyStatements is the statements that write copy k of the base.
func (s *store) copyStatements(m meta, k int) []string {
	v := k % variants
	days := (k * 37) % 1096 // up to three years back, a different day for each copy
	off := k * m.stride
	base := fmt.Sprintf("t.notice <= %d", m.stride)
	id := func(col string) string { return fmt.Sprintf("%s + %d", col, off) }
	type spec struct {
		table, where string
		subst        map[string]string
		override     bool
	}
	specs := []spec{
		{"documents", fmt.Sprintf("t.sha256 IN (SELECT doc FROM notices WHERE id <= %d) OR t.parent IN (SELECT doc FROM notices WHERE id <= %d)", m.stride, m.stride),
			map[string]string{"sha256": s.sha("t.sha256", k), "source": fmt.Sprintf("t.source || '#%d'", k),
				"published": s.shift("t.published", days), "raw": "''", "raw_codec": "''",
				"parent": fmt.Sprintf("CASE WHEN t.parent = '' THEN '' ELSE %s END", s.sha("t.parent", k))}, false},
		{"notices", fmt.Sprintf("t.id <= %d", m.stride), map[string]string{
			"id": id("t.id"), "doc": s.sha("t.doc", k), "published": s.shift("t.published", days),
			"group_id": fmt.Sprintf("t.group_id || '-%d'", k), "purchase_id": fmt.Sprintf("t.purchase_id || '-%d'", k),
			"buyer": suffix("t.buyer", "~", v), "agency": suffix("t.agency", "~", v),
			"buyer_name": suffix("t.buyer_name", "·", v), "buyer_en": suffix("t.buyer_en", " ", v)}, true},
		{"notice_orgs", base, map[string]string{"notice": id("t.notice"), "org": suffix("t.org", "~", v),
			"name": suffix("t.name", "·", v)}, false},
		{"items", base, map[string]string{"notice": id("t.notice")}, false},
		{"mentions", base, map[string]string{"notice": id("t.notice")}, false},
		{"hits", base, map[string]string{"notice": id("t.notice"), "org": suffix("t.org", "~", v)}, false},
		{"reasons", base, map[string]string{"notice": id("t.notice")}, false},
	}
	if s.pg {
		// sha256 of PostgreSQL documents is compared as stored; raw is bytea.
		specs[0].subst["raw"] = `''::bytea`
	} else {
		specs[0].subst["raw"] = `X''`
	}
	var out []string
	for _, sp := range specs {
		out = append(out, s.copyStmt(sp.table, sp.where, sp.subst, sp.override))
	}
	return out
}

// rescale sets the organisation and brand counters to what saving every
// copy would have counted, and refreshes the planner's statistics.
func (s *store) rescale(ctx context.Context, m meta) error {
	var stmts []string
	for v := 0; v < variants; v++ {
		n := 0 // copies (the base is copy 0) with this variant
		for k := 0; k <= m.copies; k++ {
			if k%variants == v {
				n++
			}
		}
		key := "b.key"
		if v > 0 {
			key = fmt.Sprintf("b.key || '~%d'", v)
		}
		stmts = append(stmts, fmt.Sprintf(`UPDATE orgs SET documents = b.documents * %d, as_buyer = b.as_buyer * %d
			FROM scale_orgs b WHERE orgs.key = %s`, n, n, key))
	}
	stmts = append(stmts, fmt.Sprintf(`UPDATE brands SET documents = b.documents * %d FROM scale_brands b WHERE brands.name = b.name`, m.copies+1),
		fmt.Sprintf(`UPDATE scale_meta SET copies = %d`, m.copies))
	if s.pg {
		stmts = append(stmts, `SELECT setval(pg_get_serial_sequence('notices', 'id'), (SELECT MAX(id) FROM notices))`)
	}
	stmts = append(stmts, "ANALYZE")
	for _, q := range stmts {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("rescale: %s: %w", q, err)
		}
	}
	return nil
}

func runBuild(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	dsn := fs.String("db", "", "store holding the ingested base: SQLite path or postgres:// DSN")
	n := fs.Int("n", 100000, "notices wanted (rounded up to whole copies of the base)")
	batch := fs.Int("batch", 8, "copies written per transaction")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dsn == "" {
		return errors.New("build: -db is required")
	}
	s, err := open(*dsn)
	if err != nil {
		return err
	}
	defer s.db.Close()
	if err := s.loadColumns(ctx); err != nil {
		return err
	}
	m, err := s.prepare(ctx)
	if err != nil {
		return err
	}
	want := (*n+m.notices-1)/m.notices - 1 // copies besides the base
	for m.copies < want {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("begin: %w", err)
		}
		hi := min(want, m.copies+*batch)
		for k := m.copies + 1; k <= hi; k++ {
			for _, q := range s.copyStatements(m, k) {
				if _, err := tx.ExecContext(ctx, q); err != nil {
					tx.Rollback()
					return fmt.Errorf("copy %d: %s: %w", k, q, err)
				}
			}
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf(`UPDATE scale_meta SET copies = %d`, hi)); err != nil {
			tx.Rollback()
			return fmt.Errorf("copy: %w", err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("copy: commit: %w", err)
		}
		m.copies = hi
		fmt.Fprintf(os.Stderr, "scale: %d notices\n", (m.copies+1)*m.notices)
	}
	if err := s.rescale(ctx, m); err != nil {
		return err
	}
	// The copies were written in SQL, past the store's saves: its summary
	// tables and its index of short terms are computed from them once, as
	// `enduse db rebuild` does.
	s.db.Close()
	t0 := time.Now()
	var st interface {
		RebuildFigures(context.Context) error
		RebuildTextPairs(context.Context) error
		Close() error
	}
	if s.pg {
		st, err = postgres.Open(ctx, *dsn)
	} else {
		st, err = sqlite.Open(ctx, *dsn)
	}
	if err != nil {
		return fmt.Errorf("open for the summary tables: %w", err)
	}
	defer st.Close()
	if err := st.RebuildFigures(ctx); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "scale: summary tables rebuilt in %s\n", time.Since(t0).Round(time.Millisecond))
	t0 = time.Now()
	if err := st.RebuildTextPairs(ctx); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "scale: index of short terms rebuilt in %s\n", time.Since(t0).Round(time.Millisecond))
	return nil
}
