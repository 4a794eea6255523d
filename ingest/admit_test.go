package ingest

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/pipeline"
)

func TestAdmissionCost(t *testing.T) {
	a := newAdmission(1 << 20)
	small := &enduse.Document{Raw: make([]byte, 100), Text: "abc"}
	huge := &enduse.Document{Raw: make([]byte, 4<<20)}
	if c := a.cost(small); c <= 100 || c >= 1<<20 {
		t.Errorf("cost of a small document = %d, want between its size and the limit", c)
	}
	if c := a.cost(huge); c != 1<<20 {
		t.Errorf("cost of a document over the limit = %d, want the limit (admitted alone)", c)
	}
	if !a.sem.TryAcquire(a.cost(huge)) {
		t.Fatal("an idle admission refused the whole limit")
	}
	if a.sem.TryAcquire(a.cost(small)) {
		t.Error("a small document was admitted beside one holding the whole limit")
	}
	a.release(a.cost(huge))
	if !a.sem.TryAcquire(a.cost(small)) {
		t.Error("a small document was refused after the large one left")
	}
}

// savesStore counts saves and records how many were done when each
// document was admitted.
type savesStore struct {
	mu    sync.Mutex
	saved int
}

func (s *savesStore) HasDocument(context.Context, string) (bool, error) { return false, nil }

func (s *savesStore) SaveNotice(_ context.Context, _ *enduse.Document, _ string, _ *enduse.Notice, _ error) (enduse.IngestOutcome, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.saved++
	return enduse.OutcomeStored, nil
}

func (s *savesStore) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.saved
}

// TestRunMemoryLimitQueuesLargeInputs gives every document a cost of the
// whole limit: with four workers, each document must still wait until
// the one before it is saved. Without a limit the source runs ahead.
func TestRunMemoryLimitQueuesLargeInputs(t *testing.T) {
	p, err := pipeline.New(pipeline.Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		limit  int64
		serial bool // each document admitted only after the one before is saved
	}{
		{"limit of one byte", 1, true},
		{"default limit", 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := &savesStore{}
			const n = 12
			ranAhead := false
			src := func(fn func(*enduse.Document, error) error) error {
				for i := 0; i < n; i++ {
					d := &enduse.Document{SHA256: fmt.Sprint(i), Source: fmt.Sprintf("d%d", i), Text: "采购公告", MediaType: "text/plain", Raw: []byte(fmt.Sprint(i))}
					if err := fn(d, nil); err != nil {
						return err
					}
					// fn returns once d is admitted and queued
					if st.count() < i {
						ranAhead = true
					}
				}
				return nil
			}
			sum, err := Run(context.Background(), st, p, src, Options{Workers: 4, MemoryLimit: tc.limit})
			if err != nil {
				t.Fatal(err)
			}
			if sum.Stored != n {
				t.Errorf("stored %d of %d", sum.Stored, n)
			}
			if tc.serial && ranAhead {
				t.Error("a document was admitted before the previous one was saved")
			}
			// Without a limit the source may run ahead; how far depends on
			// scheduling and is not asserted.
		})
	}
}
