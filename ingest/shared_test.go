package ingest

import (
	"bytes"
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/document"
	"github.com/enduse/enduse/pipeline"
	"github.com/enduse/enduse/sample"
)

// TestRunsShareWork runs three workers over the same inputs into one
// database while some documents are held by a crashed worker's claims:
// every document is stored exactly once, each parsed once (the crashed
// claims are taken over after their lease), and the workers' counts add up.
func TestRunsShareWork(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "shared.db")
	files, err := sample.Files()
	if err != nil {
		t.Fatal(err)
	}
	f := files[1] // a smaller sample file keeps the test short
	fm, err := document.ParseFieldMap(f.Fields)
	if err != nil {
		t.Fatal(err)
	}
	src := func(fn func(*enduse.Document, error) error) error {
		return document.ReadRecords(bytes.NewReader(f.Data), f.Name, fm, fn)
	}
	var shas []string
	if err := src(func(d *enduse.Document, err error) error {
		if err == nil {
			shas = append(shas, d.SHA256)
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	setup := openDB(t, path)
	// A crashed worker holds claims on every fifth document.
	crashed := 0
	for i, sha := range shas {
		if i%5 != 0 {
			continue
		}
		if ok, err := setup.ClaimDocument(ctx, sha, "crashed", 300*time.Millisecond); err != nil || !ok {
			t.Fatalf("claim for the crashed worker: %v %v", ok, err)
		}
		crashed++
	}
	p, err := pipeline.New(pipeline.Config{})
	if err != nil {
		t.Fatal(err)
	}
	const workers = 3
	sums := make([]Summary, workers)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for i := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db := openDB(t, path) // each worker its own connection, as separate processes have
			sums[i], errs[i] = Run(ctx, db, p, src, Options{Workers: 1, Lease: 5 * time.Second})
		}()
	}
	wg.Wait()
	parsed, stored := 0, 0
	for i, s := range sums {
		if errs[i] != nil {
			t.Fatalf("worker %d: %v", i, errs[i])
		}
		if s.Seen != len(shas) {
			t.Errorf("worker %d saw %d documents, want %d", i, s.Seen, len(shas))
		}
		if got := s.Stored + s.Failed + s.Duplicates + s.Elsewhere; got != len(shas) {
			t.Errorf("worker %d: %d stored + %d failed + %d duplicates + %d elsewhere = %d, want %d (%+v)",
				i, s.Stored, s.Failed, s.Duplicates, s.Elsewhere, got, len(shas), s)
		}
		parsed += s.Parsed
		stored += s.Stored + s.Failed
	}
	if stored != len(shas) {
		t.Errorf("workers stored %d documents in all, want %d", stored, len(shas))
	}
	if parsed != len(shas) {
		t.Errorf("workers parsed %d documents in all, want %d: each once", parsed, len(shas))
	}
	st, err := setup.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != len(shas) {
		t.Errorf("database holds %d documents, want %d", st.Documents, len(shas))
	}
	for _, sha := range shas {
		if has, err := setup.HasDocument(ctx, sha); err != nil || !has {
			t.Fatalf("document %s lost (%v)", sha[:8], err)
		}
	}
	t.Logf("%d documents, %d held by a crashed worker; per worker: %+v", len(shas), crashed, sums)
}
