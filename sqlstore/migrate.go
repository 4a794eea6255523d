package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/storeutil"
)

// querier is a handle, a connection or a transaction: what reading the
// migration table, and claims, need.
type querier interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error)
}

// createMigrationTable creates the table of applied migrations; d names
// the type of its timestamps.
func createMigrationTable(ctx context.Context, q querier, d Dialect) error {
	if _, err := q.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at `+d.TimestampType()+` NOT NULL)`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", d.MapErr(err))
	}
	return nil
}

// MigrationStatus lists the migrations ms and whether q's database has
// each, followed by the ones it has that ms lacks (Unknown). A database
// without the migration table has none applied.
func MigrationStatus(ctx context.Context, q querier, d Dialect, ms []storeutil.Migration) ([]enduse.MigrationState, error) {
	applied := map[int]enduse.MigrationState{}
	rows, err := q.QueryContext(ctx, `SELECT version, name, applied_at FROM schema_migrations ORDER BY version`)
	if err != nil {
		if missingTable(err) {
			rows = nil
		} else {
			return nil, fmt.Errorf("read schema_migrations: %w", d.MapErr(err))
		}
	}
	if rows != nil {
		defer rows.Close()
		for rows.Next() {
			var st enduse.MigrationState
			var at any
			if err := rows.Scan(&st.Version, &st.Name, &at); err != nil {
				return nil, fmt.Errorf("read schema_migrations: %w", d.MapErr(err))
			}
			st.Applied, st.AppliedAt = true, timeText(at)
			applied[st.Version] = st
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("read schema_migrations: %w", d.MapErr(err))
		}
	}
	var out []enduse.MigrationState
	for _, m := range ms {
		st, ok := applied[m.Version]
		if !ok {
			st = enduse.MigrationState{Version: m.Version, Name: m.Name}
		}
		delete(applied, m.Version)
		out = append(out, st)
	}
	var unknown []enduse.MigrationState
	for _, st := range applied {
		st.Unknown = true
		unknown = append(unknown, st)
	}
	sort.Slice(unknown, func(i, j int) bool { return unknown[i].Version < unknown[j].Version })
	return append(out, unknown...), nil
}

// missingTable reports whether err says schema_migrations does not exist
// (a database enduse never opened).
func missingTable(err error) bool {
	s := err.Error()
	return strings.Contains(s, "no such table") || strings.Contains(s, "does not exist")
}

// Migrate applies the migrations of ms that conn's database lacks, each in
// its own transaction, and returns their names. It refuses a database that
// has migrations ms does not know (enduse.ErrSchemaNewer). Callers that
// share a database between processes hold a lock around it.
func Migrate(ctx context.Context, conn *sql.Conn, d Dialect, ms []storeutil.Migration, now func() time.Time) ([]string, error) {
	if err := createMigrationTable(ctx, conn, d); err != nil {
		return nil, err
	}
	states, err := MigrationStatus(ctx, conn, d, ms)
	if err != nil {
		return nil, err
	}
	var unknown []string
	have := map[int]bool{}
	for _, st := range states {
		if st.Unknown {
			unknown = append(unknown, st.Name)
		}
		have[st.Version] = st.Applied
	}
	if len(unknown) > 0 {
		return nil, fmt.Errorf("unknown migrations %s: %w", strings.Join(unknown, ", "), enduse.ErrSchemaNewer)
	}
	rebuild := 0 // the last pending migration that fills the summary tables
	for _, m := range ms {
		if !have[m.Version] && slices.Contains(figuresMigrations, m.Version) {
			rebuild = m.Version
		}
	}
	var done []string
	for _, m := range ms {
		if have[m.Version] {
			continue
		}
		if err := apply(ctx, conn, d, m, m.Version == rebuild, m.Version == pairsMigration, now); err != nil {
			return done, err
		}
		done = append(done, m.Name)
	}
	return done, nil
}

// apply runs one migration and records it, atomically; fill: and fills
// the summary tables from the stored notices, pairs: the pairs index.
func apply(ctx context.Context, conn *sql.Conn, d Dialect, m storeutil.Migration, fill, pairs bool, now func() time.Time) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migration %s: %w", m.Name, d.MapErr(err))
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
		return fmt.Errorf("migration %s: %w", m.Name, d.MapErr(err))
	}
	s := &Store{d: d}
	if fill {
		// The summary tables are filled from the stored notices, in Go:
		// the counting rules live there, not in SQL.
		if err := s.rebuildFigures(ctx, &Tx{tx: tx, s: s}); err != nil {
			return fmt.Errorf("migration %s: %w", m.Name, err)
		}
	}
	if pairs {
		if err := s.fillPairs(ctx, &Tx{tx: tx, s: s}); err != nil {
			return fmt.Errorf("migration %s: %w", m.Name, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)`,
		m.Version, m.Name, d.Time(now().UTC())); err != nil {
		return fmt.Errorf("migration %s: %w", m.Name, d.MapErr(err))
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migration %s: %w", m.Name, d.MapErr(err))
	}
	return nil
}

// Migrations implements enduse.Migrator over the migrations the store was
// opened with.
func (s *Store) Migrations(ctx context.Context) ([]enduse.MigrationState, error) {
	out, err := MigrationStatus(ctx, s.read, s.d, s.migrations)
	if err != nil {
		return nil, fmt.Errorf("migrations of %s: %w", s.name, err)
	}
	return out, nil
}
