package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"text/tabwriter"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/sqlite"
)

// runMigrate shows a database's schema migrations (status, the default)
// or applies the pending ones (up).
func runMigrate(ctx context.Context, env Env, cfg Config, args []string) error {
	flags := newFlags(env, "migrate", "[status|up] [--db DSN] [--json]")
	db := flags.String("db", cfg.DB, "SQLite file or postgres:// DSN")
	asJSON := flags.Bool("json", false, "print JSON")
	args, err := parseFlags(flags, "migrate", args)
	if err != nil {
		return err
	}
	sub := "status"
	if len(args) > 0 {
		sub = args[0]
	}
	if len(args) > 1 {
		return usagef("migrate", "unexpected arguments after %s: %v", sub, args[1:])
	}
	switch sub {
	case "status":
		states, err := migrationStatus(ctx, *db)
		if err != nil {
			return err
		}
		return printMigrations(env, states, *asJSON)
	case "up":
		before, err := migrationStatus(ctx, *db)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		st, err := openStore(ctx, *db)
		if err != nil {
			return err
		}
		defer st.Close()
		m, ok := st.(enduse.Migrator)
		if !ok {
			return fmt.Errorf("migrate: the store of %s does not report migrations", *db)
		}
		after, err := m.Migrations(ctx)
		if err != nil {
			return err
		}
		had := map[int]bool{}
		for _, s := range before {
			had[s.Version] = s.Applied
		}
		var applied []enduse.MigrationState
		for _, s := range after {
			if s.Applied && !had[s.Version] {
				applied = append(applied, s)
			}
		}
		if *asJSON {
			return writeJSON(env.Stdout, map[string]any{"applied": nonNil(applied), "migrations": after})
		}
		if len(applied) == 0 {
			fmt.Fprintf(env.Stdout, "%s is up to date (%d migrations)\n", *db, len(after))
			return nil
		}
		for _, s := range applied {
			fmt.Fprintf(env.Stdout, "applied %s\n", s.Name)
		}
		return nil
	default:
		return usagef("migrate", "unknown migrate command %q (status, up)", sub)
	}
}

// migrationStatus reads the migrations of the database dsn names without
// applying any.
func migrationStatus(ctx context.Context, dsn string) ([]enduse.MigrationState, error) {
	if isPostgres(dsn) {
		return postgresMigrationStatus(ctx, dsn)
	}
	if _, err := os.Stat(dsn); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no database at %s ('enduse migrate up --db %s' creates it): %w", dsn, dsn, fs.ErrNotExist)
	}
	return sqlite.MigrationStatus(ctx, dsn)
}

// printMigrations prints migration states as a table or JSON.
func printMigrations(env Env, states []enduse.MigrationState, asJSON bool) error {
	if asJSON {
		return writeJSON(env.Stdout, states)
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 2, 2, ' ', 0)
	fmt.Fprintln(tw, "VERSION\tMIGRATION\tSTATE\tAPPLIED")
	pending, unknown := 0, 0
	for _, s := range states {
		state := "applied"
		switch {
		case s.Unknown:
			state, unknown = "unknown (newer enduse)", unknown+1
		case !s.Applied:
			state, pending = "pending", pending+1
		}
		fmt.Fprintf(tw, "%04d\t%s\t%s\t%s\n", s.Version, s.Name, state, s.AppliedAt)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	switch {
	case unknown > 0:
		fmt.Fprintf(env.Stdout, "%d migrations are from a newer enduse: upgrade enduse to open this database\n", unknown)
	case pending > 0:
		fmt.Fprintf(env.Stdout, "%d pending: run 'enduse migrate up' (any command that opens the database applies them too)\n", pending)
	default:
		fmt.Fprintln(env.Stdout, "up to date")
	}
	return nil
}

// nonNil is s, or an empty slice for nil (JSON [] rather than null).
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
