package cli

import (
	"context"
	"fmt"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/postgres"
)

// openPostgres opens (migrating if needed) a PostgreSQL database.
func openPostgres(ctx context.Context, dsn string) (store, error) {
	db, err := postgres.Open(ctx, dsn)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	return db, nil
}

// postgresMigrationStatus reads a PostgreSQL database's migrations
// without applying any.
func postgresMigrationStatus(ctx context.Context, dsn string) ([]enduse.MigrationState, error) {
	return postgres.MigrationStatus(ctx, dsn)
}

// postgresName is a DSN without its password, for messages.
func postgresName(dsn string) string { return postgres.RedactDSN(dsn) }
