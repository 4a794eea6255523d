package ingest

import (
	"context"

	"golang.org/x/sync/semaphore"

	"github.com/enduse/enduse"
)

// DefaultMemoryLimit is the memory that documents in flight (queued,
// being processed, waiting to be saved) may take together when
// Options.MemoryLimit is 0: 1 GiB, which leaves room for the process and
// the store on a 2 GB machine.
const DefaultMemoryLimit = 1 << 30

// admission bounds the memory of the documents in flight: each takes an
// estimate of its cost before it is handed to a worker and gives it back
// once saved. The semaphore is first come, first served, so a large
// document waits until enough others have finished and small ones queue
// behind it rather than overtaking it forever: large inputs run alone
// instead of side by side, whatever the number of workers.
type admission struct {
	sem   *semaphore.Weighted
	limit int64
}

func newAdmission(limit int64) *admission {
	if limit <= 0 {
		limit = DefaultMemoryLimit
	}
	return &admission{sem: semaphore.NewWeighted(limit), limit: limit}
}

// cost estimates the peak memory of processing d: its bytes, its text
// several times over (notice fields, mentions, the redacted copy, the
// stored rows) and its blocks. A document costing more than the whole
// limit is admitted alone.
func (a *admission) cost(d *enduse.Document) int64 {
	n := int64(len(d.Raw)) + 8*int64(len(d.Text)) + 128*int64(len(d.Blocks)) + 4096
	for _, b := range d.Blocks {
		n += 64 * int64(len(b.Cells))
	}
	return min(n, a.limit)
}

// rawCost estimates the same before the parse, from the input's size
// alone: its bytes, and text as long as them counted as cost counts text.
// A parse's peak is not known before it runs; markup shrinks to its text,
// while a compressed office file may expand, and the parsed document is
// admitted again at its cost.
func (a *admission) rawCost(n int) int64 {
	return min(9*int64(n)+4096, a.limit)
}

// acquire waits until n bytes are free or ctx ends.
func (a *admission) acquire(ctx context.Context, n int64) error {
	return a.sem.Acquire(ctx, n)
}

// release gives n bytes back.
func (a *admission) release(n int64) { a.sem.Release(n) }
