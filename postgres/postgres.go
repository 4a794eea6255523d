// Package postgres is enduse's scale-out store: PostgreSQL 15+ shared by
// many ingest and crawl workers on many machines (DESIGN §7). It keeps the
// same documents, notices and answers as the embedded SQLite store — the
// dialect-independent logic (grouping of re-publications, purchase
// de-duplication, figures and profiles) is shared through package
// storeutil, and both stores pass the storetest conformance suite.
//
// Saves are idempotent on the document's sha256 (INSERT … ON CONFLICT DO
// NOTHING inside one transaction), and every write transaction first takes
// the store's write lock (a transaction-level advisory lock), which
// serialises grouping decisions and counter upserts, so concurrent workers
// neither duplicate nor deadlock. Text search uses pg_trgm indexes
// on the redacted text and titles.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/sqlstore"
	"github.com/enduse/enduse/storeutil"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// DB is a whole store (sqlstore.Store checks the other contracts).
var _ enduse.Store = (*DB)(nil)

// DB is an open enduse PostgreSQL database. It is safe for concurrent use,
// and any number of DBs in any number of processes may share one database.
// Its queries and saves are package sqlstore's, over PostgreSQL's
// dialect, through database/sql on the same connection pool.
type DB struct {
	*sqlstore.Store
	pool  *pgxpool.Pool
	sqlDB *sql.DB // database/sql over pool
	name  string  // the DSN without its password, for messages
	now   func() time.Time
}

// migration is one numbered schema change embedded in the binary.
type migration = storeutil.Migration

// migrateLockKey is the advisory lock taken while migrating, so workers
// starting together do not race to apply the same migration.
const migrateLockKey int64 = 0x656e6475_7365_01 // "enduse" + 1

// Open connects to the PostgreSQL database named by dsn (a postgres:// URL
// or key=value string; search_path and other run-time parameters may be
// given in it) and applies the embedded migrations under an advisory lock.
// A database written by a newer enduse is refused with
// enduse.ErrSchemaNewer; a malformed DSN is ErrInvalid.
func Open(ctx context.Context, dsn string) (*DB, error) {
	name := redactDSN(dsn)
	if strings.TrimSpace(dsn) == "" {
		return nil, fmt.Errorf("open postgres: empty DSN: %w", enduse.ErrInvalid)
	}
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("open postgres %s: %v: %w", name, err, enduse.ErrInvalid)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open postgres %s: %w", name, mapErr(err))
	}
	db := &DB{pool: pool, name: name, now: time.Now, sqlDB: stdlib.OpenDBFromPool(pool)}
	if err := db.checkLocale(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open postgres %s: %w", name, err)
	}
	if err := db.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open postgres %s: %w", name, err)
	}
	ms, err := loadMigrations(migrationFS)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open postgres %s: %w", name, err)
	}
	st, err := sqlstore.New(ctx, dialect{}, db.sqlDB, db.sqlDB, sqlstore.Options{Name: name, Now: db.now, Migrations: ms})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open postgres %s: %w", name, err)
	}
	db.Store = st
	return db, nil
}

// Close closes the connection pool. It is safe to call more than once.
func (db *DB) Close() error {
	var errs []error
	if db.Store != nil {
		errs = append(errs, db.Store.Close())
	}
	if db.sqlDB != nil {
		errs = append(errs, db.sqlDB.Close())
	}
	if db.pool != nil {
		db.pool.Close()
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("close postgres %s: %w", db.name, err)
	}
	return nil
}

// Optimize refreshes the query planner's statistics. Call it after a large
// ingest (autovacuum does it eventually).
func (db *DB) Optimize(ctx context.Context) error {
	if _, err := db.pool.Exec(ctx, "ANALYZE"); err != nil {
		return fmt.Errorf("optimize postgres %s: %w", db.name, mapErr(err))
	}
	return nil
}

// RedactDSN is dsn without its password, fit to print.
func RedactDSN(dsn string) string { return redactDSN(dsn) }

// redactDSN is dsn without its password, for error messages.
func redactDSN(dsn string) string {
	if scheme, rest, ok := strings.Cut(dsn, "://"); ok {
		// Not url.Parse: a DSN that fails to parse must be redacted too.
		if at := strings.LastIndex(rest, "@"); at >= 0 {
			if user, _, hasPw := strings.Cut(rest[:at], ":"); hasPw {
				return scheme + "://" + user + ":xxxxx" + rest[at:]
			}
		}
		return dsn
	}
	var out []string
	for _, f := range strings.Fields(dsn) {
		if strings.HasPrefix(f, "password=") {
			f = "password=xxxxx"
		}
		out = append(out, f)
	}
	return strings.Join(out, " ")
}

// loadMigrations reads the embedded migrations, ordered by version. Their
// names must be NNNN_name.sql with distinct versions.
func loadMigrations(fsys fs.FS) ([]migration, error) {
	return storeutil.LoadMigrations(fsys, "migrations")
}

// migrate applies the migrations the database lacks, each in its own
// transaction, holding a session advisory lock so concurrent workers
// migrate one at a time; it refuses a database that has migrations this
// binary does not know.
func (db *DB) migrate(ctx context.Context) error {
	ms, err := loadMigrations(migrationFS)
	if err != nil {
		return err
	}
	return db.migrateWith(ctx, ms)
}

// migrateWith is migrate over the given migrations.
func (db *DB) migrateWith(ctx context.Context, ms []migration) (err error) {
	conn, err := db.sqlDB.Conn(ctx)
	if err != nil {
		return fmt.Errorf("connect: %w", mapErr(err))
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, migrateLockKey); err != nil {
		return fmt.Errorf("lock for migration: %w", mapErr(err))
	}
	defer func() {
		// A fresh context: the caller's may be cancelled, and the lock must
		// not outlive the attempt on a pooled connection.
		uctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if _, uerr := conn.ExecContext(uctx, `SELECT pg_advisory_unlock($1)`, migrateLockKey); uerr != nil {
			// Dropping the session drops the lock with it.
			_ = conn.Raw(func(dc any) error {
				if c, ok := dc.(*stdlib.Conn); ok {
					return c.Conn().Close(uctx)
				}
				return nil
			})
			if err == nil {
				err = fmt.Errorf("unlock after migration: %w", mapErr(uerr))
			}
		}
	}()
	_, err = sqlstore.Migrate(ctx, conn, dialect{}, ms, db.now)
	return err
}

// checkLocale refuses a database whose character type is not UTF-8:
// pg_trgm makes no trigrams of Chinese text under the C locale, so text
// search would silently find nothing.
func (db *DB) checkLocale(ctx context.Context) error {
	var ctype, encoding string
	err := db.sqlDB.QueryRowContext(ctx, `SELECT datctype, pg_encoding_to_char(encoding) FROM pg_database
		WHERE datname = current_database()`).Scan(&ctype, &encoding)
	if err != nil {
		return fmt.Errorf("read locale: %w", mapErr(err))
	}
	if !utf8Locale(ctype) || !strings.EqualFold(encoding, "UTF8") {
		return fmt.Errorf("database has LC_CTYPE %q and encoding %s: enduse needs a UTF-8 locale and encoding (pg_trgm "+
			"indexes no Chinese text under %q); create it with CREATE DATABASE ... ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' "+
			"LC_CTYPE 'C.UTF-8' TEMPLATE template0: %w", ctype, encoding, ctype, enduse.ErrInvalid)
	}
	return nil
}

// utf8Locale reports whether a locale name is a UTF-8 one ("C.UTF-8",
// "en_US.utf8").
func utf8Locale(name string) bool {
	n := strings.ToLower(name)
	return strings.HasSuffix(n, ".utf-8") || strings.HasSuffix(n, ".utf8") || strings.Contains(n, ".utf-8@") ||
		strings.Contains(n, ".utf8@")
}

// MigrationStatus lists the migrations of the database dsn names without
// applying any (`enduse migrate status`).
func MigrationStatus(ctx context.Context, dsn string) ([]enduse.MigrationState, error) {
	name := redactDSN(dsn)
	h, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("migration status %s: %v: %w", name, err, enduse.ErrInvalid)
	}
	defer h.Close()
	ms, err := loadMigrations(migrationFS)
	if err != nil {
		return nil, err
	}
	out, err := sqlstore.MigrationStatus(ctx, h, dialect{}, ms)
	if err != nil {
		return nil, fmt.Errorf("migration status %s: %w", name, err)
	}
	return out, nil
}

// PostgreSQL error classes and codes mapErr and retries look at.
const (
	codeSerialization = "40001"
	codeDeadlock      = "40P01"
)

// mapErr maps driver errors to enduse's domain errors, keeping the
// driver's message.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, pgx.ErrNoRows) || errors.Is(err, sql.ErrNoRows) {
		return enduse.ErrNotFound
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case strings.HasPrefix(pe.Code, "23"), // integrity constraint violation
			strings.HasPrefix(pe.Code, "22"): // data exception (bad encoding, NUL, out of range)
			return fmt.Errorf("%w: %s", enduse.ErrInvalid, pe.Error())
		}
	}
	return err
}

// retryable reports whether err is a serialization failure or deadlock
// that re-running the transaction resolves.
func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == codeSerialization || pe.Code == codeDeadlock)
}
