package enduse

import "context"

// MigrationState is one schema migration of a store and whether the
// database has it.
type MigrationState struct {
	Version   int    `json:"version"`
	Name      string `json:"name"`
	Applied   bool   `json:"applied"`
	AppliedAt string `json:"applied_at,omitempty"` // RFC 3339, when applied
	// Unknown marks a migration the database has and this binary does not
	// know (it was written by a newer enduse).
	Unknown bool `json:"unknown,omitempty"`
}

// Migrator reports a store's schema migrations (`enduse migrate status`).
type Migrator interface {
	// Migrations lists every migration this binary knows, in order, and
	// any the database has that it does not.
	Migrations(ctx context.Context) ([]MigrationState, error)
}

// TableCount is the number of rows of one table of a store.
type TableCount struct {
	Table string `json:"table"`
	Rows  int64  `json:"rows"`
}

// Admin is what `enduse db` needs of a store besides Stats: the size of
// its tables, every stored document (for copying a store into another) and
// the rebuilding of its summary tables and of its index of short terms.
type Admin interface {
	Migrator
	// TableCounts counts the rows of the store's tables.
	TableCounts(ctx context.Context) ([]TableCount, error)
	// EachDocument calls fn with every stored document as it was saved
	// (bytes, redacted text, notice or parse failure), in the order they
	// were ingested, a page at a time, stopping at fn's first error.
	EachDocument(ctx context.Context, fn func(SaveItem) error) error
	// RebuildFigures recomputes the figures the store keeps up to date as
	// it saves (the unfiltered answer's) from the stored notices: after
	// notices were written by other means, or to repair them.
	RebuildFigures(ctx context.Context) error
	// RebuildTextPairs empties the index of short search terms and fills
	// it again from the stored notices, as RebuildFigures does the
	// figures (notices written in SQL have none).
	RebuildTextPairs(ctx context.Context) error
}
