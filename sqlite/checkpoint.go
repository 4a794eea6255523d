package sqlite

import (
	"context"
	"database/sql"
	"sync"
	"sync/atomic"
)

// The writer no longer copies the write-ahead log into the database
// itself at every commit that leaves the log above SQLite's 1,000 pages:
// a checkpointer does it on a connection of its own, after each commit,
// while the writer goes on with the next transaction (WAL lets a PASSIVE
// checkpoint run beside one writer and any readers). In a 2,692-notice
// ingest those checkpoints were 1.0 of the saver's 5.4 CPU-s, all on the
// one goroutine every save waits for.
//
// The writer keeps an automatic checkpoint as a backstop, at walBackstop
// pages, for when the checkpointer falls behind or fails; and the log is
// cut back to walLimit bytes when it is reset, so a burst does not leave a
// large file behind.
const (
	walBackstop = 16384    // pages (64 MiB at 4 KiB) before the writer checkpoints itself
	walLimit    = 64 << 20 // bytes the log file is truncated to on reset
)

// checkpointer runs PASSIVE checkpoints on its own connection when asked.
type checkpointer struct {
	db   *sql.DB
	due  chan struct{} // one pending request at most: requests coalesce
	stop context.CancelFunc
	done sync.WaitGroup
	runs atomic.Int64 // checkpoints that succeeded
}

// newCheckpointer starts a checkpointer over db, which it owns.
func newCheckpointer(db *sql.DB) *checkpointer {
	ctx, stop := context.WithCancel(context.Background())
	c := &checkpointer{db: db, due: make(chan struct{}, 1), stop: stop}
	c.done.Add(1)
	go func() {
		defer c.done.Done()
		for {
			select {
			case <-ctx.Done():
				return
			case <-c.due:
				// A failed checkpoint loses nothing: the frames stay in
				// the log, for the next one or the writer's backstop.
				if _, err := c.db.ExecContext(ctx, "PRAGMA wal_checkpoint(PASSIVE)"); err == nil {
					c.runs.Add(1)
				}
			}
		}
	}()
	return c
}

// request asks for a checkpoint without waiting for it.
func (c *checkpointer) request() {
	select {
	case c.due <- struct{}{}:
	default: // one is already due
	}
}

// close stops the checkpointer and closes its connection.
func (c *checkpointer) close() error {
	c.stop()
	c.done.Wait()
	return c.db.Close()
}
