package enduse

import "context"

// SaveItem is one document of a batch save: the arguments of
// DocumentStore.SaveNotice.
type SaveItem struct {
	Document *Document
	Redacted string
	Notice   *Notice
	ParseErr error
}

// BatchSaver is a DocumentStore that stores many documents in one
// transaction, which saves the per-document commit of SaveNotice during a
// bulk ingest.
type BatchSaver interface {
	// SaveNotices stores every item as SaveNotice would, all in one
	// transaction (all or none), and returns one outcome per item.
	SaveNotices(ctx context.Context, items []SaveItem) ([]IngestOutcome, error)
}
