package enduse

import (
	"context"
	"time"
)

// DocumentClaimer lets several ingest workers share one store's work: a
// worker claims a document before parsing it, so each document is parsed
// once however many workers read it. A claim is a lease; a crashed
// worker's claim expires and another worker retakes the document. Saving
// the document ends its claim.
type DocumentClaimer interface {
	// ClaimDocument claims the document with this sha256 for owner until
	// lease has passed. It reports true when owner should process it: the
	// document is not stored and no other owner holds a live claim (an
	// owner may renew its own).
	ClaimDocument(ctx context.Context, sha256, owner string, lease time.Duration) (bool, error)
	// ClaimDocuments is ClaimDocument of each sha256, all at once (one
	// round trip, one write transaction), reporting each in their order.
	ClaimDocuments(ctx context.Context, sha256s []string, owner string, lease time.Duration) ([]bool, error)
	// ReleaseClaims gives back every claim owner still holds (documents it
	// claimed and did not save), so others can take them without waiting
	// for the leases to run out.
	ReleaseClaims(ctx context.Context, owner string) error
	// StoredDocuments reports which of the sha256s are stored, in one
	// look for many: a worker waiting on tens of thousands of documents
	// other workers hold asks after them all at once.
	StoredDocuments(ctx context.Context, sha256s []string) (map[string]bool, error)
}

// OneWriter is a store that runs one write transaction at a time
// (SQLite): a claim there waits for the save in progress, so a reader
// claims many documents at once (ClaimDocuments). Elsewhere it claims
// each as it goes, so a claim is not held for documents still queued.
type OneWriter interface {
	OneWriter() bool
}
