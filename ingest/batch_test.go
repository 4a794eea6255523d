package ingest

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/pipeline"
	"github.com/enduse/enduse/sqlite"
)

// failingStore is a SQLite store whose saves of one document fail, as a
// database error would: a batch holding it writes nothing. Saves are slow,
// so documents wait for the saver and batches form.
type failingStore struct {
	*sqlite.DB
	bad string // source of the document whose save fails
	mu  sync.Mutex
	// badAt is the position of the bad document in the batches it came in.
	badAt []int
}

var errPlanted = errors.New("planted save failure")

func (f *failingStore) SaveNotice(ctx context.Context, d *enduse.Document, redacted string, n *enduse.Notice, parseErr error) (enduse.IngestOutcome, error) {
	if d.Source == f.bad {
		return "", errPlanted
	}
	return f.DB.SaveNotice(ctx, d, redacted, n, parseErr)
}

func (f *failingStore) SaveNotices(ctx context.Context, items []enduse.SaveItem) ([]enduse.IngestOutcome, error) {
	time.Sleep(20 * time.Millisecond)
	for i, it := range items {
		if it.Document.Source == f.bad {
			f.mu.Lock()
			f.badAt = append(f.badAt, i)
			f.mu.Unlock()
			return nil, errPlanted
		}
	}
	return f.DB.SaveNotices(ctx, items)
}

// TestRunBatchFailure fails the save of a document in the middle of a
// batch: the run stops with an error naming it, the documents before it
// are stored, none after it, and a rerun stores the rest, leaving the store
// as one clean run does.
func TestRunBatchFailure(t *testing.T) {
	p, err := pipeline.New(pipeline.Config{})
	if err != nil {
		t.Fatal(err)
	}
	docs, src := numbered(t, 40, "d%02d.html")
	ctx := context.Background()
	dir := t.TempDir()
	ref := openDB(t, filepath.Join(dir, "ref.db"))
	defer ref.Close()
	if _, err := Run(ctx, ref, p, src, Options{Workers: 2}); err != nil {
		t.Fatal(err)
	}

	const bad = 25
	db := openDB(t, filepath.Join(dir, "db.db"))
	defer db.Close()
	st := &failingStore{DB: db, bad: docs[bad].Source}
	// One owner for both runs: the claims the failed run leaves are its
	// own, so the rerun does not wait for their lease.
	opt := Options{Workers: 2, Owner: "batch-test"}
	sum, err := Run(ctx, st, p, src, opt)
	if !errors.Is(err, errPlanted) || !strings.Contains(err.Error(), docs[bad].Source) {
		t.Fatalf("run returned %v, want the planted failure naming %s", err, docs[bad].Source)
	}
	if len(st.badAt) == 0 || st.badAt[0] == 0 {
		t.Fatalf("the failing document came at batch positions %v; the test wants it after others in its batch", st.badAt)
	}
	for i, d := range docs {
		has, err := db.HasDocument(ctx, d.SHA256)
		if err != nil {
			t.Fatal(err)
		}
		if has != (i < bad) {
			t.Errorf("document %d stored %v after the failure at %d", i, has, bad)
		}
	}
	if sum.Stored != bad {
		t.Errorf("summary counts %d stored, want %d", sum.Stored, bad)
	}

	rerun, err := Run(ctx, db, p, src, opt)
	if err != nil {
		t.Fatal(err)
	}
	if rerun.Stored != len(docs)-bad || rerun.Duplicates != bad {
		t.Errorf("rerun: %+v, want %d stored and %d duplicates", rerun, len(docs)-bad, bad)
	}
	for _, f := range []enduse.Filter{{}, {Text: "监控设备"}} {
		a, err := ref.Query(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		b, err := db.Query(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if a.Documents != b.Documents || a.Notices != b.Notices || a.Total != b.Total || a.Documents != len(docs) {
			t.Errorf("filter %+v: resumed store answers %d docs/%d notices/%d rows, one clean run %d/%d/%d",
				f, b.Documents, b.Notices, b.Total, a.Documents, a.Notices, a.Total)
		}
	}
}
