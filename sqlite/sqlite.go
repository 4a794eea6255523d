// Package sqlite is enduse's embedded store: one SQLite file (pure-Go
// driver, WAL, foreign keys, text search through an FTS5 index of
// character pairs) that keeps documents
// byte-for-byte, their redacted text and extracted notices, and answers
// analysts' filters with every figure traceable to its notices.
//
// Writes go through a single connection (SQLite has one writer); reads use
// a pool, which WAL lets run alongside the writer. Every public method is
// one transaction, so an interrupted ingest loses nothing and doubles
// nothing.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/sqlstore"
	"github.com/enduse/enduse/storeutil"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// DB is a whole store (sqlstore.Store checks the other contracts).
var _ enduse.Store = (*DB)(nil)

// DB is an open enduse SQLite database. It is safe for concurrent use.
// Its queries and saves are package sqlstore's, over SQLite's dialect.
type DB struct {
	*sqlstore.Store
	path  string
	write *sql.DB       // one connection: SQLite has a single writer
	read  *sql.DB       // a pool of readers (the same handle as write for :memory:)
	ckpt  *checkpointer // nil for :memory:
	now   func() time.Time
}

// migration is one numbered schema change embedded in the binary.
type migration = storeutil.Migration

// busyTimeout is how long a connection waits for a lock before failing.
const busyTimeout = 10 * time.Second

// Open opens (creating if needed) the database file at path and applies the
// embedded migrations. A database written by a newer enduse is refused with
// enduse.ErrSchemaNewer. The path ":memory:" opens a private in-memory
// database (one connection), for tests and one-off runs.
func Open(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, fmt.Errorf("open sqlite: empty path: %w", enduse.ErrInvalid)
	}
	if strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("open sqlite %s: path may not contain '?' or '#': %w", path, enduse.ErrInvalid)
	}
	// 32 MiB of page cache per connection keeps the hot indexes of a large
	// database in memory between queries.
	pragmas := "?_pragma=foreign_keys(1)&_pragma=busy_timeout(" + strconv.Itoa(int(busyTimeout/time.Millisecond)) + ")" +
		"&_pragma=cache_size(-32768)"
	db := &DB{path: path, now: time.Now}
	if path == ":memory:" {
		w, err := sql.Open("sqlite", path+pragmas+"&_txlock=immediate")
		if err != nil {
			return nil, fmt.Errorf("open sqlite %s: %w", path, err)
		}
		w.SetMaxOpenConns(1)
		w.SetConnMaxLifetime(0)
		w.SetConnMaxIdleTime(0)
		db.write, db.read = w, w
	} else {
		// Switch to WAL once, on a plain connection, before the pools open.
		// The writer keeps its statement journals in memory: every
		// multi-row INSERT and upsert of a save opens one, and on disk they
		// were 700 MB of writes for a 165 MB database of 2,692 notices.
		// Readers keep temporary files on disk, where a large sort belongs.
		// Checkpoints are the checkpointer's (checkpoint.go).
		wal := "&_pragma=wal_autocheckpoint(" + strconv.Itoa(walBackstop) + ")&_pragma=journal_size_limit(" + strconv.Itoa(walLimit) + ")"
		w, err := sql.Open("sqlite", path+pragmas+"&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=temp_store(MEMORY)"+wal+"&_txlock=immediate")
		if err != nil {
			return nil, fmt.Errorf("open sqlite %s: %w", path, err)
		}
		w.SetMaxOpenConns(1)
		r, err := sql.Open("sqlite", path+pragmas+"&_pragma=query_only(1)")
		if err != nil {
			w.Close()
			return nil, fmt.Errorf("open sqlite %s: %w", path, err)
		}
		r.SetMaxOpenConns(max(4, runtime.GOMAXPROCS(0)))
		c, err := sql.Open("sqlite", path+pragmas+wal)
		if err != nil {
			w.Close()
			r.Close()
			return nil, fmt.Errorf("open sqlite %s: %w", path, err)
		}
		c.SetMaxOpenConns(1)
		db.write, db.read, db.ckpt = w, r, newCheckpointer(c)
	}
	if err := db.write.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, mapErr(err))
	}
	if err := db.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	ms, err := loadMigrations()
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	st, err := sqlstore.New(ctx, dialect{}, db.write, db.read, sqlstore.Options{
		Name: path, Now: db.now, Cache: true, Prepare: true, Statements: []string{sqlInsertPairs}, Migrations: ms,
		Committed: db.checkpoint})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	db.Store = st
	return db, nil
}

// checkpoint asks for a checkpoint after a commit.
func (db *DB) checkpoint() {
	if db.ckpt != nil {
		db.ckpt.request()
	}
}

// Close closes the database. It is safe to call more than once.
func (db *DB) Close() error {
	var errs []error
	if db.ckpt != nil {
		errs = append(errs, db.ckpt.close())
		db.ckpt = nil
	}
	if db.read != nil && db.read != db.write {
		errs = append(errs, db.read.Close())
	}
	if db.Store != nil {
		errs = append(errs, db.Store.Close())
	}
	if db.write != nil {
		// Let SQLite refresh the planner statistics it finds stale; failure
		// here loses nothing.
		_, _ = db.write.Exec("PRAGMA optimize")
		errs = append(errs, db.write.Close())
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("close sqlite %s: %w", db.path, err)
	}
	return nil
}

// Optimize refreshes the query planner's statistics. Call it after a large
// ingest; Close does a cheaper version of it.
func (db *DB) Optimize(ctx context.Context) error {
	if _, err := db.write.ExecContext(ctx, "ANALYZE"); err != nil {
		return fmt.Errorf("optimize sqlite %s: %w", db.path, mapErr(err))
	}
	return nil
}

// loadMigrations reads the embedded migrations, ordered by version. Their
// names must be NNNN_name.sql with distinct versions.
func loadMigrations() ([]migration, error) {
	return storeutil.LoadMigrations(migrationFS, "migrations")
}

// migrate applies the migrations the database lacks, each in its own
// transaction, and refuses a database that has migrations this binary does
// not know. The single writer connection serialises it.
func (db *DB) migrate(ctx context.Context) error {
	ms, err := loadMigrations()
	if err != nil {
		return err
	}
	conn, err := db.write.Conn(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", mapErr(err))
	}
	defer conn.Close()
	_, err = sqlstore.Migrate(ctx, conn, dialect{}, ms, db.now)
	return err
}

// MigrationStatus lists the migrations of the database file at path
// without applying any (`enduse migrate status`). A file enduse never
// opened has none applied; a missing file is an error naming it.
func MigrationStatus(ctx context.Context, path string) ([]enduse.MigrationState, error) {
	if path == ":memory:" || strings.ContainsAny(path, "?#") || path == "" {
		return nil, fmt.Errorf("migration status %q: not a database file: %w", path, enduse.ErrInvalid)
	}
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("migration status %s: %w", path, err)
	}
	ms, err := loadMigrations()
	if err != nil {
		return nil, err
	}
	h, err := sql.Open("sqlite", path+"?_pragma=query_only(1)&_pragma=busy_timeout("+strconv.Itoa(int(busyTimeout/time.Millisecond))+")")
	if err != nil {
		return nil, fmt.Errorf("migration status %s: %w", path, err)
	}
	defer h.Close()
	out, err := sqlstore.MigrationStatus(ctx, h, dialect{}, ms)
	if err != nil {
		return nil, fmt.Errorf("migration status %s: %w", path, err)
	}
	return out, nil
}

// mapErr maps driver errors to enduse's domain errors, keeping the driver's
// message.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return enduse.ErrNotFound
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_CONSTRAINT, sqlite3.SQLITE_MISMATCH, sqlite3.SQLITE_TOOBIG, sqlite3.SQLITE_RANGE:
			return fmt.Errorf("%w: %s", enduse.ErrInvalid, se.Error())
		case sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT:
			return fmt.Errorf("not an enduse database (%s): %w", se.Error(), enduse.ErrInvalid)
		}
	}
	return err
}
