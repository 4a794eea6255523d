package ingest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/attach"
	"github.com/enduse/enduse/document"
	"github.com/enduse/enduse/pipeline"
	"github.com/enduse/enduse/sample"
	"github.com/enduse/enduse/sqlite"
)

// gate holds each parse until n parses are in flight together, or until
// a timeout, after which it holds none (so a serial parse fails the test
// without hanging it).
type gate struct {
	n       int
	mu      sync.Mutex
	now     int
	most    int
	open    chan struct{}
	opened  bool
	timeout time.Duration
}

func newGate(n int) *gate { return &gate{n: n, open: make(chan struct{}), timeout: 5 * time.Second} }

func (g *gate) enter() {
	g.mu.Lock()
	g.now++
	g.most = max(g.most, g.now)
	if g.now >= g.n && !g.opened {
		g.opened = true
		close(g.open)
	}
	g.mu.Unlock()
	select {
	case <-g.open:
	case <-time.After(g.timeout):
		g.mu.Lock()
		if !g.opened {
			g.opened = true
			close(g.open)
		}
		g.mu.Unlock()
	}
	g.mu.Lock()
	g.now--
	g.mu.Unlock()
}

// countedInput wraps an Input, counting its parses and passing each
// through an optional gate.
type countedInput struct {
	Input
	gate   *gate
	mu     *sync.Mutex
	parses map[string]int // by source
}

func (c countedInput) Document() (*enduse.Document, error) {
	if !c.Parsed() {
		c.mu.Lock()
		c.parses[c.Source()]++
		c.mu.Unlock()
		if c.gate != nil {
			c.gate.enter()
		}
	}
	return c.Input.Document()
}

// counted is src with every input counted (and gated when g is set).
func counted(src ItemSource, g *gate) (ItemSource, func() map[string]int) {
	var mu sync.Mutex
	parses := map[string]int{}
	return func(fn func(Input) error) error {
			return src(func(in Input) error { return fn(countedInput{Input: in, gate: g, mu: &mu, parses: parses}) })
		}, func() map[string]int {
			mu.Lock()
			defer mu.Unlock()
			out := map[string]int{}
			for k, v := range parses {
				out[k] = v
			}
			return out
		}
}

func writeFiles(t testing.TB, dir string, files map[string][]byte) {
	t.Helper()
	for name, body := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestRunItemsParsesOnWorkers ingests a folder through a source whose
// parse blocks until as many parses as workers are in flight together:
// only a run that parses on its workers gets them all in flight at once
// (a parse on the reading goroutine would wait out the gate's timeout
// every time). The documents are stored all the same.
func TestRunItemsParsesOnWorkers(t *testing.T) {
	p, err := pipeline.New(pipeline.Config{})
	if err != nil {
		t.Fatal(err)
	}
	in := t.TempDir()
	files := map[string][]byte{}
	for i := range 8 {
		files[fmt.Sprintf("n%d.html", i)] = []byte(fmt.Sprintf("<p>采购人：某某市公安局</p><p>第%d号监控设备采购项目中标公告</p>", i))
	}
	writeFiles(t, in, files)
	ctx := context.Background()
	for _, grouped := range []bool{false, true} {
		const workers = 4
		g := newGate(workers)
		src, _ := counted(Walk(ctx, []string{in}, nil, document.Options{}), g)
		db := openDB(t, filepath.Join(t.TempDir(), "w.db"))
		sum, err := RunItems(ctx, db, p, src, Options{Workers: workers, GroupAttachments: grouped})
		db.Close()
		if err != nil {
			t.Fatal(err)
		}
		if sum.Stored != len(files) {
			t.Errorf("grouped %v: stored %d of %d: %+v", grouped, sum.Stored, len(files), sum)
		}
		if g.most < workers {
			t.Errorf("grouped %v: at most %d parses in flight together, want %d (one per worker)", grouped, g.most, workers)
		}
	}
}

// TestRunItemsParsesOnlyWhatItStores ingests a folder of a notice page
// with its equipment list and a notice of its own, then again: the rerun
// parses no file without grouping and only the pages with it (grouping
// reads page text), never the stored attachment. A new notice that names
// an already stored file gets it as its attachment, parsed then, as a run
// into an empty store reads it.
func TestRunItemsParsesOnlyWhatItStores(t *testing.T) {
	p, err := pipeline.New(pipeline.Config{})
	if err != nil {
		t.Fatal(err)
	}
	in := t.TempDir()
	writeFiles(t, in, map[string][]byte{
		"a/公告.html":   readFile(t, "nb-servers.html"),
		"a/设备清单.xlsx": readFile(t, "equip.xlsx"),
		"b.html":      []byte("<p>采购人：某某县人民法院</p><p>第二号服务器采购项目招标公告</p>"),
	})
	ctx := context.Background()
	for _, tc := range []struct {
		grouped bool
		rerun   map[string]int // parses on the rerun
	}{
		{false, map[string]int{}},
		{true, map[string]int{filepath.Join(in, "a/公告.html"): 1, filepath.Join(in, "b.html"): 1}},
	} {
		db := openDB(t, filepath.Join(t.TempDir(), "r.db"))
		opt := Options{Workers: 2, GroupAttachments: tc.grouped}
		src, parses := counted(Walk(ctx, []string{in}, nil, document.Options{}), nil)
		first, err := RunItems(ctx, db, p, src, opt)
		if err != nil {
			t.Fatal(err)
		}
		if got := len(parses()); got != 3 {
			t.Errorf("grouped %v: first run parsed %d files, want 3: %v", tc.grouped, got, parses())
		}
		src, parses = counted(Walk(ctx, []string{in}, nil, document.Options{}), nil)
		again, err := RunItems(ctx, db, p, src, opt)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(parses()) != fmt.Sprint(tc.rerun) {
			t.Errorf("grouped %v: rerun parsed %v, want %v", tc.grouped, parses(), tc.rerun)
		}
		if again.Stored != 0 || again.Duplicates != first.Seen || again.Seen != first.Seen || again.Attachments != first.Attachments {
			t.Errorf("grouped %v: rerun %+v after %+v: want every document a duplicate", tc.grouped, again, first)
		}
		db.Close()
	}

	// The equipment list stored alone first, then the folder: the page
	// takes the stored list as its attachment, parsed on the worker.
	list := filepath.Join(t.TempDir(), "设备清单.xlsx")
	writeFiles(t, filepath.Dir(list), map[string][]byte{"设备清单.xlsx": readFile(t, "equip.xlsx")})
	opt := Options{Workers: 2, GroupAttachments: true}
	ref := openDB(t, filepath.Join(t.TempDir(), "ref.db"))
	defer ref.Close()
	want, err := RunItems(ctx, ref, p, Walk(ctx, []string{in}, nil, document.Options{}), opt)
	if err != nil {
		t.Fatal(err)
	}
	db := openDB(t, filepath.Join(t.TempDir(), "late.db"))
	defer db.Close()
	if _, err := RunItems(ctx, db, p, Walk(ctx, []string{list}, nil, document.Options{}), opt); err != nil {
		t.Fatal(err)
	}
	src, parses := counted(Walk(ctx, []string{in}, nil, document.Options{}), nil)
	got, err := RunItems(ctx, db, p, src, opt)
	if err != nil {
		t.Fatal(err)
	}
	if n := parses()[filepath.Join(in, "a/设备清单.xlsx")]; n != 1 {
		t.Errorf("the stored list was parsed %d times as the new notice's attachment, want 1", n)
	}
	if got.Stored != want.Stored || got.Attachments != want.Attachments || got.Unreadable != 0 {
		t.Errorf("with the list stored before: %+v, into an empty store: %+v", got, want)
	}
	sum := sha256.Sum256(readFile(t, "nb-servers.html"))
	page := hex.EncodeToString(sum[:])
	wn, err := ref.Notice(ctx, page)
	if err != nil {
		t.Fatal(err)
	}
	gn, err := db.Notice(ctx, page)
	if err != nil {
		t.Fatal(err)
	}
	if len(wn.Items) == 0 || itemNames(&gn.Notice) != itemNames(&wn.Notice) || len(gn.Attachments) != len(wn.Attachments) {
		t.Errorf("with the list stored before: items %s, %d attachments; into an empty store: %s, %d",
			itemNames(&gn.Notice), len(gn.Attachments), itemNames(&wn.Notice), len(wn.Attachments))
	}
}

func itemNames(n *enduse.Notice) string {
	var names []string
	for _, it := range n.Items {
		names = append(names, it.Name)
	}
	return fmt.Sprint(names)
}

// TestRunItemsClaimsBeforeParse runs three workers with RunItems over the
// same folder into one database while a crashed worker holds claims on
// some documents: each file is parsed once in all (a worker parses only
// what it claimed), and each document is stored once.
func TestRunItemsClaimsBeforeParse(t *testing.T) {
	ctx := context.Background()
	in := t.TempDir()
	files := map[string][]byte{}
	var shas []string
	for i := range 24 {
		body := []byte(fmt.Sprintf("<p>采购人：某某市公安局</p><p>第%d号监控设备采购项目中标公告</p>", i))
		files[fmt.Sprintf("n%02d.html", i)] = body
		sum := sha256.Sum256(body)
		shas = append(shas, hex.EncodeToString(sum[:]))
	}
	writeFiles(t, in, files)
	path := filepath.Join(t.TempDir(), "shared.db")
	setup := openDB(t, path)
	defer setup.Close()
	for i, sha := range shas {
		if i%5 == 0 {
			if ok, err := setup.ClaimDocument(ctx, sha, "crashed", 300*time.Millisecond); err != nil || !ok {
				t.Fatalf("claim for the crashed worker: %v %v", ok, err)
			}
		}
	}
	p, err := pipeline.New(pipeline.Config{})
	if err != nil {
		t.Fatal(err)
	}
	src, parses := counted(Walk(ctx, []string{in}, nil, document.Options{}), nil)
	const workers = 3
	sums := make([]Summary, workers)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for i := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db := openDB(t, path)
			defer db.Close()
			sums[i], errs[i] = RunItems(ctx, db, p, src, Options{Workers: 2, Lease: 5 * time.Second})
		}()
	}
	wg.Wait()
	stored := 0
	for i, s := range sums {
		if errs[i] != nil {
			t.Fatalf("worker %d: %v", i, errs[i])
		}
		stored += s.Stored + s.Failed
	}
	if stored != len(files) {
		t.Errorf("workers stored %d documents in all, want %d: %+v", stored, len(files), sums)
	}
	for name := range files {
		if n := parses()[filepath.Join(in, name)]; n != 1 {
			t.Errorf("%s parsed %d times, want once", name, n)
		}
	}
}

// TestRunItemsCancelNeverHangs cancels RunItems runs at many points, with
// and without grouping: every run returns promptly.
func TestRunItemsCancelNeverHangs(t *testing.T) {
	p, err := pipeline.New(pipeline.Config{})
	if err != nil {
		t.Fatal(err)
	}
	in := t.TempDir()
	files := map[string][]byte{}
	for i := range 60 {
		files[fmt.Sprintf("d%02d.html", i)] = []byte(fmt.Sprintf("<p>采购人：某某市公安局</p><p>第%d号监控设备采购项目中标公告</p>", i))
	}
	writeFiles(t, in, files)
	for after := 1; after < 40; after += 6 {
		for _, grouped := range []bool{false, true} {
			db := openDB(t, filepath.Join(t.TempDir(), "c.db"))
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() {
				_, err := RunItems(ctx, db, p, Walk(ctx, []string{in}, nil, document.Options{}),
					Options{Workers: 2, GroupAttachments: grouped, Progress: &counter{cancel: cancel, after: after}})
				done <- err
			}()
			select {
			case err := <-done:
				if !errors.Is(err, context.Canceled) {
					t.Errorf("run cancelled after %d documents returned %v, want context.Canceled", after, err)
				}
			case <-time.After(30 * time.Second):
				t.Fatalf("run cancelled after %d documents (grouped %v) did not return", after, grouped)
			}
			cancel()
			db.Close()
		}
	}
}

// BenchmarkIngestFolder ingests a folder of HTML notices (the bundled
// sample's pages, one file each) as enduse ingest did before RunItems —
// Run over attach.Group(document.Walk), every file parsed on the reading
// goroutine — and as it does now, RunItems parsing on the workers.
func BenchmarkIngestFolder(b *testing.B) {
	p, err := pipeline.New(pipeline.Config{})
	if err != nil {
		b.Fatal(err)
	}
	in := b.TempDir()
	files, err := sample.Files()
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	for _, f := range files {
		fm, err := document.ParseFieldMap(f.Fields)
		if err != nil {
			b.Fatal(err)
		}
		for _, line := range bytes.Split(f.Data, []byte("\n")) {
			var rec map[string]any
			if json.Unmarshal(line, &rec) != nil {
				continue
			}
			if page, ok := rec[fm["html"]].(string); ok && page != "" {
				name := filepath.Join(in, strings.TrimSuffix(f.Name, ".jsonl"), fmt.Sprintf("%04d.html", n))
				writeFiles(b, filepath.Dir(name), map[string][]byte{filepath.Base(name): []byte(page)})
				n++
			}
		}
	}
	ctx := context.Background()
	runs := []struct {
		name string
		run  func(db enduse.DocumentStore) (Summary, error)
	}{
		{"parse on the reader (Walk, Run)", func(db enduse.DocumentStore) (Summary, error) {
			return Run(ctx, db, p, attach.Group(func(fn func(*enduse.Document, error) error) error {
				return document.Walk(ctx, []string{in}, nil, document.Options{}, fn)
			}), Options{})
		}},
		{"parse on the workers (RunItems)", func(db enduse.DocumentStore) (Summary, error) {
			return RunItems(ctx, db, p, Walk(ctx, []string{in}, nil, document.Options{}), Options{GroupAttachments: true})
		}},
	}
	for _, r := range runs {
		b.Run(r.name, func(b *testing.B) {
			var sum Summary
			for i := 0; i < b.N; i++ {
				db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
				if err != nil {
					b.Fatal(err)
				}
				if sum, err = r.run(db); err != nil {
					b.Fatal(err)
				}
				db.Close()
			}
			if sum.Stored != n {
				b.Fatalf("stored %d of %d files", sum.Stored, n)
			}
			b.SetBytes(sum.Bytes)
			b.ReportMetric(float64(sum.Stored*b.N)/b.Elapsed().Seconds(), "notices/s")
		})
	}
}
