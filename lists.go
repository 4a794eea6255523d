package enduse

import "context"

// ScreeningList describes one imported version of a screening list.
type ScreeningList struct {
	Name     string `json:"name"`     // list name, e.g. "BIS Entity List"
	Version  string `json:"version"`  // the list's as-of date or file version
	Source   string `json:"source"`   // the file or directory it was imported from
	Format   string `json:"format"`   // the importer that read it
	Count    int    `json:"count"`    // entries
	Imported string `json:"imported"` // when it was imported (RFC 3339)
}

// ListStore keeps imported screening lists, every version of each, and the
// screening hits of stored organisations.
type ListStore interface {
	// SaveList stores one version of a list with its entries. Importing the
	// same name and version again replaces that version; other versions
	// are kept.
	SaveList(ctx context.Context, l ScreeningList, entries []ListEntry) error
	// Lists returns every stored list version, newest import first.
	Lists(ctx context.Context) ([]ScreeningList, error)
	// ListEntries returns the entries of one stored list version. It
	// returns ErrNotFound when there is no such version.
	ListEntries(ctx context.Context, name, version string) ([]ListEntry, error)
	// ReplaceOrgHits replaces the screening hits recorded for an
	// organisation (by Org.Key) in every notice that names it, so a newly
	// imported list takes effect on stored notices.
	ReplaceOrgHits(ctx context.Context, orgKey string, hits []Hit) error
	// EachOrg calls fn with the key and name of every stored organisation,
	// in key order, stopping at fn's first error.
	EachOrg(ctx context.Context, fn func(key, name string) error) error
}
