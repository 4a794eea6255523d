package enduse

import "context"

// SaveItem is one document of a batch save: the arguments of
// DocumentStore.SaveNotice.
type SaveItem struct {
	Document *Document
	Redacted string
	Notice   *Notice
	ParseErr error
	// Check is what a SavePreparer derived from this item ahead of the
	// save; nil, or one made for another item, and the store checks the
	// item as it saves it.
	Check any
}

// BatchSaver is a DocumentStore that stores many documents in one
// transaction, which saves the per-document commit of SaveNotice during a
// bulk ingest.
type BatchSaver interface {
	// SaveNotices stores every item as SaveNotice would, all in one
	// transaction (all or none), and returns one outcome per item.
	SaveNotices(ctx context.Context, items []SaveItem) ([]IngestOutcome, error)
}

// SavePreparer is a BatchSaver that can check an item and derive what it
// writes of it ahead of the save, so a caller with many goroutines (an
// ingest's parse workers) does that work on them rather than on the one
// goroutine that holds the store's write transaction.
type SavePreparer interface {
	// PrepareSave returns it with Check set, or unchanged when it does
	// not check: SaveNotices then reports why, as it would have.
	PrepareSave(it SaveItem) SaveItem
}
