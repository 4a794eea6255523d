package cli

import (
	"context"
	"fmt"

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
