// Package sqlstore is enduse's one SQL layer: the filter planner and every
// query and save of the store, written once against database/sql and a
// small Dialect (case-insensitive match, LIKE, list membership, text
// search, booleans, locking, error mapping). Packages sqlite and postgres
// keep only what differs between the engines: opening, migrations, their
// Dialect and error mapping.
//
// Statements use $n placeholders, each first used in ascending order:
// PostgreSQL reads them natively and SQLite binds them positionally.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/storeutil"
)

// Dialect is what differs between the SQL engines the store runs on. Every
// method returns SQL text or a parameter value; none runs a statement
// except Lock, IndexText and UnindexText, which run theirs in the given transaction.
type Dialect interface {
	// Name names the engine in messages ("sqlite", "postgres").
	Name() string
	// EqFold is the condition that col equals the parameter ph, ignoring
	// case, in a form the engine's indexes on col serve.
	EqFold(col, ph string) string
	// InFold is the condition that col, ignoring case, equals one of the
	// parameters phs, in a form the engine's indexes on col serve.
	InFold(col string, phs []string) string
	// In is the condition that col is one of the list parameter ph, bound
	// with List: for long lists (ids), which would exceed the engines'
	// parameter limits one placeholder each.
	In(col, ph string) string
	// List is the parameter value of a list of strings or int64s.
	List(vals any) any
	// Like is the condition that col matches the LIKE pattern ph
	// (backslash escapes, see storeutil.LikeArg), ignoring case.
	Like(col, ph string) string
	// JSONText is the text value of the top-level key of the JSON object
	// in column col (key is a constant identifier, never user input).
	JSONText(col, key string) string
	// True and False are the conditions that the boolean column col is
	// true or false.
	True(col string) string
	False(col string) string
	// Text adds the conditions that notice n contains every term (already
	// split, see storeutil.SplitTerms) to p.
	Text(p *Plan, terms []string)
	// IndexPairs indexes the new notices of a transaction by their
	// character pairs for Text, all together at its end: an engine that
	// buffers its index in the transaction (SQLite's FTS5 writes it out at
	// every statement savepoint) writes it once.
	IndexPairs(ctx context.Context, tx *Tx, texts []IndexedText) error
	// ClearPairs empties the pairs index (to fill it again).
	ClearPairs(ctx context.Context, tx *Tx) error
	// UnindexPairs takes a notice out of the pairs index before it is
	// deleted.
	UnindexPairs(ctx context.Context, tx *Tx, notice int64) error
	// Lock serialises, until tx ends, the transactions that lock key (a
	// no-op where the engine has one writer).
	Lock(ctx context.Context, tx *Tx, key string) error
	// Seq is the column of table (aliased alias) that orders its rows as
	// inserted (notice_orgs, hits).
	Seq(table, alias string) string
	// MentionPos is the two columns of mentions holding a mention's start
	// and end.
	MentionPos() string
	// NoticeOrgSeq reports whether notice_orgs has a seq column the save
	// fills.
	NoticeOrgSeq() bool
	// RoundTrips reports whether each statement is a round trip to a
	// server, so that fewer, larger statements pay.
	RoundTrips() bool
	// OneWriter reports whether the engine runs one write transaction at
	// a time (SQLite): every write then waits for the one in progress, so
	// many small writes pay to be made one.
	OneWriter() bool
	// UpsertBrand is the statement counting one document of a brand, with
	// parameters name, company, country, us_linked, category.
	UpsertBrand() string
	// Time is the stored form of a timestamp.
	Time(t time.Time) any
	// TimestampType is the column type timestamps are stored in.
	TimestampType() string
	// Clean makes a text value storable (PostgreSQL refuses NUL bytes and
	// invalid UTF-8); the store applies it to every string it writes.
	Clean(s string) string
	// IndexedBy is the hint that makes the engine read notices n through
	// the named index ("" where the engine takes no hints).
	IndexedBy(index string) string
	// ReadTx is the options of a consistent read-only transaction.
	ReadTx() *sql.TxOptions
	// MapErr maps a driver error to enduse's domain errors.
	MapErr(err error) error
	// Retryable reports whether re-running the transaction that failed
	// with err can succeed (deadlocks, serialization failures).
	Retryable(err error) bool
}

// Options configure a Store.
type Options struct {
	// Name names the database in messages (a path, a DSN without password).
	Name string
	// Now is the clock (time.Now when nil).
	Now func() time.Time
	// Cache stores broad answers in the answers table (migration
	// 0003_answers), valid until the next write.
	Cache bool
	// Prepare prepares the save statements once on the write handle,
	// with Statements (the dialect's own statements run on every save).
	Prepare    bool
	Statements []string
	// Migrations are the migrations the database was opened with, for
	// Migrations.
	Migrations []storeutil.Migration
	// Committed, when set, is called after each committed write
	// transaction, on the writer's goroutine; it must not block.
	Committed func()
}

// Store is an enduse store over one SQL database. It is safe for
// concurrent use.
type Store struct {
	d     Dialect
	write *sql.DB // the handle writes go through (one connection on SQLite)
	read  *sql.DB // the handle reads go through (may be write)
	name  string
	now   func() time.Time
	sql   saveSQL
	stmts map[string]*sql.Stmt // prepared save statements, by SQL text; read-only after New

	migrations []storeutil.Migration
	committed  func()
	raws       *storeutil.Raws // packs documents' bytes for storage

	cache bool
	// cacheMin is the number of matched documents from which Query and the
	// profiles store their answer (see cache.go).
	cacheMin int
	// cacheOff makes every answer computed afresh.
	cacheOff bool
	// summaryOff makes the answers the summary tables hold (unfiltered,
	// one province's, brand profiles) load their notices instead (tests
	// compare the two).
	summaryOff bool
	// walkAlways makes pageRows walk whatever the plan matches.
	walkAlways bool
}

// Compile-time checks that Store implements the store contracts.
var (
	_ enduse.DocumentStore = (*Store)(nil)
	_ enduse.NoticeReader  = (*Store)(nil)
	_ enduse.Querier       = (*Store)(nil)
	_ enduse.Profiler      = (*Store)(nil)
	_ enduse.ListStore     = (*Store)(nil)
	_ enduse.Frontier      = (*Store)(nil)
	_ enduse.Migrator      = (*Store)(nil)
	_ enduse.BatchSaver    = (*Store)(nil)
)

// New returns a Store over open, migrated handles: writes go through write,
// reads through read (the same handle is fine). It prepares the save
// statements when o.Prepare is set.
func New(ctx context.Context, d Dialect, write, read *sql.DB, o Options) (*Store, error) {
	s := &Store{d: d, write: write, read: read, name: o.Name, now: o.Now, cache: o.Cache, cacheMin: defaultCacheMin,
		migrations: o.Migrations, committed: o.Committed}
	s.sql = newSaveSQL(d)
	var err error
	if s.raws, err = storeutil.NewRaws(); err != nil {
		return nil, err
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.read == nil {
		s.read = write
	}
	if o.Prepare {
		s.stmts = map[string]*sql.Stmt{}
		for _, q := range append(s.saveStatements(), o.Statements...) {
			st, err := write.PrepareContext(ctx, q)
			if err != nil {
				s.Close()
				return nil, fmt.Errorf("prepare: %w", d.MapErr(err))
			}
			s.stmts[q] = st
		}
	}
	return s, nil
}

// Close releases the prepared statements (the handles belong to the
// caller). It is safe to call more than once.
func (s *Store) Close() error {
	var errs []error
	for _, st := range s.stmts {
		errs = append(errs, st.Close())
	}
	s.stmts = nil
	errs = append(errs, s.raws.Close())
	return errors.Join(errs...)
}

// SetCacheMin sets the number of matched documents from which answers are
// stored (tests lower it).
func (s *Store) SetCacheMin(n int) { s.cacheMin = n }

// SetCacheOff turns stored answers off (off) or back on, for benchmarks of
// the computation.
func (s *Store) SetCacheOff(off bool) { s.cacheOff = off }

// SetSummaryOff makes the answers the summary tables hold load their
// notices (off) instead of reading the tables, or read them again.
func (s *Store) SetSummaryOff(off bool) { s.summaryOff = off }

// SetWalkAlways makes every page of rows walk the publication order (on),
// never read from the matched ids, or choose again; tests compare the two.
func (s *Store) SetWalkAlways(on bool) { s.walkAlways = on }

// mapErr maps a driver error to the domain errors.
func (s *Store) mapErr(err error) error {
	if err == nil {
		return nil
	}
	return s.d.MapErr(err)
}

// Tx is a write transaction that cleans every string parameter for the
// engine and runs the statements New prepared without preparing them
// again.
type Tx struct {
	tx *sql.Tx
	s  *Store
	// texts are the notices saved in the transaction, indexed for text
	// search (Dialect.IndexPairs) when it commits.
	texts []IndexedText
	// purchases are the purchases whose notices the transaction adds or
	// removes: their figures are brought up to date before it commits.
	purchases map[string]bool
}

// IndexedText is the character pairs (storeutil.Pairs) of one new
// notice's title and redacted text, for the text index.
type IndexedText struct {
	Notice int64
	Pairs  string
}

// indexText indexes a new notice's title and text when tx commits.
func (t *Tx) indexText(it IndexedText) { t.texts = append(t.texts, it) }

// args is args with every string cleaned for the engine.
func (t *Tx) args(args []any) []any { return t.s.clean(args) }

// clean is args with every string cleaned for the engine (a copy when
// any changes).
func (s *Store) clean(args []any) []any {
	copied := false
	for i, a := range args {
		v, ok := a.(string)
		if !ok {
			continue
		}
		if c := s.d.Clean(v); c != v {
			if !copied {
				args, copied = slices.Clone(args), true
			}
			args[i] = c
		}
	}
	return args
}

// Exec runs q with args in the transaction.
func (t *Tx) Exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	args = t.args(args)
	if st := t.s.stmts[q]; st != nil {
		return t.tx.StmtContext(ctx, st).ExecContext(ctx, args...)
	}
	return t.tx.ExecContext(ctx, q, args...)
}

// QueryRow runs q with args in the transaction.
func (t *Tx) QueryRow(ctx context.Context, q string, args ...any) *sql.Row {
	args = t.args(args)
	if st := t.s.stmts[q]; st != nil {
		return t.tx.StmtContext(ctx, st).QueryRowContext(ctx, args...)
	}
	return t.tx.QueryRowContext(ctx, q, args...)
}

// Query runs q with args in the transaction.
func (t *Tx) Query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	args = t.args(args)
	if st := t.s.stmts[q]; st != nil {
		return t.tx.StmtContext(ctx, st).QueryContext(ctx, args...)
	}
	return t.tx.QueryContext(ctx, q, args...)
}

// inTx runs fn in one write transaction and commits it, re-running it
// with back-off when the engine reports a conflict that a retry resolves.
func (s *Store) inTx(ctx context.Context, fn func(tx *Tx) error) error {
	return s.retrying(ctx, func() error { return s.tryTx(ctx, fn) })
}

// retrying runs attempt until it succeeds, fails for good, or has failed
// five times, waiting longer before each retry.
func (s *Store) retrying(ctx context.Context, attempt func() error) error {
	const maxAttempts = 5
	for n := 1; ; n++ {
		err := attempt()
		if err == nil {
			return nil
		}
		if !s.d.Retryable(err) || n == maxAttempts || ctx.Err() != nil {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(n*n) * 10 * time.Millisecond):
		}
	}
}

// writeLock serialises write transactions between processes (PostgreSQL;
// SQLite has one writer by design). Each takes it first, so:
//   - no two can deadlock: a save upserts the organisations of its
//     notices, bumps their counters and takes announcement-group locks in
//     notice order, and two savers of overlapping buyers locked those rows
//     in opposite orders (measured: 10 deadlocks in a 20 s two-worker load
//     test, each a second's wait and a re-run transaction, which made two
//     workers slower than one);
//   - the upkeep of the summary tables sees every committed notice of the
//     purchases it recomputes, so the last writer of a purchase leaves it
//     right and no two read and write one total at once.
//
// Parsing, the costly part of an ingest, stays parallel; only the writes
// are taken in turn. Finer locks (per announcement group, list or notice
// family) would never be contended under it, so there are none.
const writeLock = "write"

// lockWrites takes the write lock for the rest of tx.
func (s *Store) lockWrites(ctx context.Context, tx *Tx) error {
	if err := s.d.Lock(ctx, tx, writeLock); err != nil {
		return fmt.Errorf("lock the store for writing: %w", s.mapErr(err))
	}
	return nil
}

// tryTx is one attempt of inTx.
func (s *Store) tryTx(ctx context.Context, fn func(tx *Tx) error) error {
	sqlTx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", s.mapErr(err))
	}
	defer sqlTx.Rollback()
	tx := &Tx{tx: sqlTx, s: s}
	if err := s.lockWrites(ctx, tx); err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		return err
	}
	if len(tx.texts) > 0 {
		if err := s.d.IndexPairs(ctx, tx, tx.texts); err != nil {
			return fmt.Errorf("index pairs: %w", s.mapErr(err))
		}
	}
	if len(tx.purchases) > 0 {
		if err := s.refreshFigures(ctx, tx, slices.Collect(maps.Keys(tx.purchases))); err != nil {
			return fmt.Errorf("figures: %w", err)
		}
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", s.mapErr(err))
	}
	if s.committed != nil {
		s.committed()
	}
	return nil
}

// readTx begins a consistent read-only transaction.
func (s *Store) readTx(ctx context.Context) (*sql.Tx, error) {
	tx, err := s.read.BeginTx(ctx, s.d.ReadTx())
	if err != nil {
		return nil, fmt.Errorf("begin read: %w", s.mapErr(err))
	}
	return tx, nil
}

// scanRows runs q on the read handle and calls row for each result row.
func (s *Store) scanRows(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, query string, args []any, row func(scan func(dest ...any) error) error) error {
	rows, err := q.QueryContext(ctx, query, s.clean(args)...)
	if err != nil {
		return s.mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := row(rows.Scan); err != nil {
			return s.mapErr(err)
		}
	}
	return s.mapErr(rows.Err())
}

// queryRow runs a one-row query on q with cleaned args.
func (s *Store) queryRow(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, query string, args ...any) *sql.Row {
	return q.QueryRowContext(ctx, query, s.clean(args)...)
}
