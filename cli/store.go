package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/sqlite"
)

// store is everything the commands need of a backend.
type store interface {
	enduse.Store
	enduse.ListStore
}

// isPostgres reports whether a DSN names a PostgreSQL database.
func isPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// openStore opens (creating if needed) the database a DSN names.
func openStore(ctx context.Context, dsn string) (store, error) {
	if isPostgres(dsn) {
		return openPostgres(ctx, dsn)
	}
	db, err := sqlite.Open(ctx, dsn)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", dsn, err)
	}
	return db, nil
}

// openExistingStore opens a database that must already exist, so a typo in
// --db is an error rather than a new empty database answering "0 notices".
func openExistingStore(ctx context.Context, dsn string) (store, error) {
	if !isPostgres(dsn) {
		if _, err := os.Stat(dsn); errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("no database at %s: run 'enduse ingest --db %s PATH...' or 'enduse demo' first", dsn, dsn)
		}
	}
	return openStore(ctx, dsn)
}
