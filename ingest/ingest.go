// Package ingest runs the pipeline over many documents and saves them in a
// store: files, folders, archives and crawler exports in, one stored
// document per distinct set of bytes out. Documents are saved in input
// order, consecutive finished ones together in one transaction (batch.go),
// so an interrupted run loses at most the batch it was saving and a rerun
// skips what is already stored; a document that fails to parse is stored
// with the reason and the run goes on. On a store that shares work (enduse.DocumentClaimer)
// several runs over the same inputs claim documents before parsing them,
// so each is parsed once, and a crashed run's claims are taken over.
package ingest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"os"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/document"
	"github.com/enduse/enduse/pipeline"
	"github.com/enduse/enduse/redact"
	"github.com/enduse/enduse/safetext"
)

// Summary counts what a run did.
type Summary struct {
	Seen       int `json:"seen"`       // documents read from the inputs
	Stored     int `json:"stored"`     // new documents parsed and stored
	Failed     int `json:"failed"`     // new documents stored with a parse failure
	Duplicates int `json:"duplicates"` // documents whose bytes were already stored
	// Parsed counts the documents this run ran the pipeline on; Elsewhere
	// those another worker claimed and stored (enduse.DocumentClaimer).
	Parsed     int   `json:"parsed"`
	Elsewhere  int   `json:"elsewhere,omitempty"`
	Unreadable int   `json:"unreadable"` // inputs that could not be read at all (not stored)
	Bytes      int64 `json:"bytes"`      // bytes of the documents read
	// Attachments counts documents read as part of their notice (stored
	// as its children, not counted in Seen).
	Attachments int `json:"attachments,omitempty"`
	// Refreshed counts stored notices read again with an attachment of
	// theirs that arrived in this run (a crawled attachment is fetched
	// after its notice page).
	Refreshed int `json:"refreshed,omitempty"`
	// Disabled names the formats this run could not read for want of an
	// external tool (see document.Disabled); set by the caller.
	Disabled []string `json:"disabled,omitempty"`
	// Errors names each unreadable input and failed document (at most 100).
	Errors []string `json:"errors,omitempty"`
}

// Source yields documents to ingest: fn is called once per document, or
// with an error for an input that could not be read. document.Walk and
// document.ReadRecords have this shape.
type Source func(fn func(*enduse.Document, error) error) error

// Progress is told about each document as it is saved.
type Progress interface {
	Add(doc *enduse.Document, outcome enduse.IngestOutcome)
}

// Options tunes a run.
type Options struct {
	Workers  int      // parallel extraction workers; 0 = GOMAXPROCS
	Progress Progress // may be nil
	// Lease is how long a document this run claims stays its own when the
	// store shares work between workers (enduse.DocumentClaimer): after it
	// another worker may take the document over. It must exceed the time
	// from reading a document to saving it; 0 means DefaultLease.
	Lease time.Duration
	// Owner names this run in its claims; "" means host, process and a
	// random suffix.
	Owner string
	// MemoryLimit bounds the memory of the documents in flight together
	// (bytes, estimated per document); 0 means DefaultMemoryLimit.
	MemoryLimit int64
	// Fields and Document read a stored notice again when an attachment
	// of it arrives (see Summary.Refreshed): the field map and options
	// the inputs were read with.
	Fields   document.FieldMap
	Document document.Options
	// GroupAttachments reads the attachments of a notice as part of it
	// (attach.Group) in RunItems, after the parse; a Source given to Run
	// is grouped by its caller.
	GroupAttachments bool
}

// DefaultLease is the claim lease of a run without Options.Lease.
const DefaultLease = 2 * time.Minute

// Run reads every document of src, processes new ones with p and saves
// them in st. It returns the summary and the first error that stopped the
// run (a store failure or ctx cancellation); per-document problems are
// counted, not returned.
func Run(ctx context.Context, st enduse.DocumentStore, p *pipeline.Pipeline, src Source, opt Options) (Summary, error) {
	return run(ctx, st, p, func(*inputs) Source { return src }, opt)
}

// run is Run and RunItems: source returns the documents to read, given the
// run's first stage (used by RunItems only).
func run(ctx context.Context, st enduse.DocumentStore, p *pipeline.Pipeline, source func(*inputs) Source, opt Options) (Summary, error) {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	claimer, _ := st.(enduse.DocumentClaimer)
	refresher, _ := st.(enduse.NoticeRefresher)
	lease := opt.Lease
	if lease <= 0 {
		lease = DefaultLease
	}
	owner := opt.Owner
	if owner == "" {
		owner = defaultOwner()
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	adm := newAdmission(opt.MemoryLimit)
	in := &inputs{ctx: ctx, adm: adm, workers: workers, grouped: opt.GroupAttachments, pending: map[*enduse.Document]Input{}}
	src := source(in)
	// On a store with one writer the reading claims documents a chunk at
	// a time, and the queues hold a chunk: the reading claims the next
	// while the workers parse this one. Elsewhere it claims each as it
	// goes: a claim must outlast the parse of what is queued before it.
	chunk := 1
	if ow, ok := st.(enduse.OneWriter); ok && ow.OneWriter() && claimer != nil {
		chunk = claimChunk
	}
	queue := max(workers*2, chunk)
	jobs := make(chan job, queue)
	order := make(chan chan job, queue)
	var sum Summary
	// mu guards what both the reading goroutine and the saver change in
	// sum: the messages and the counts of unreadable inputs.
	var mu sync.Mutex
	// note records a message for the summary; it is escaped here, the one
	// place every per-input message passes, because messages quote file and
	// member names and parser text, which may hold terminal escapes.
	note := func(msg string) {
		mu.Lock()
		defer mu.Unlock()
		if len(sum.Errors) < 100 {
			sum.Errors = append(sum.Errors, safetext.Escape(msg))
		}
	}

	// unread moves a document whose deferred parse failed from the count
	// it was read under (Seen, or Attachments) to the unreadable inputs,
	// as when the walk cannot read an input, and names it.
	unread := func(counted *int, d *enduse.Document, err error) {
		mu.Lock()
		*counted--
		sum.Unreadable++
		sum.Bytes -= int64(len(d.Raw))
		mu.Unlock()
		note(err.Error())
	}
	// unreadable counts attachments whose parse failed once grouped with
	// their notice: they are left out of it.
	unreadable := func(failed []failure) {
		for _, f := range failed {
			unread(&sum.Attachments, f.doc, f.err)
		}
	}
	preparer, _ := st.(enduse.SavePreparer)
	// Workers run the pipeline; results are saved in input order so runs are
	// reproducible and a crash leaves a clean prefix stored.
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				if j.left != nil {
					if j.failed, j.unreadable = j.left.resolve(j.doc, nil); j.unreadable != nil {
						j.out <- j
						continue
					}
					// Parsed: its cost is known better than from its size.
					if c := j.left.cost(adm, j.doc); c < j.cost {
						adm.release(j.cost - c)
						j.cost = c
					}
				}
				if j.attachment {
					j.res.Redacted = redact.Apply(j.doc.Text, redact.Find(j.doc.Text))
				} else {
					j.res, j.err = process(p, j.doc)
				}
				if preparer != nil {
					j.prepare(preparer)
				}
				j.out <- j
			}
		}()
	}

	// saveErr is the writer's; saveFailed tells the collector it is set.
	var saveErr error
	var saveFailed atomic.Bool
	batcher, _ := st.(enduse.BatchSaver)
	// finish counts a saved document, names it when it failed to parse
	// and, when it is an attachment of a stored notice, reads the notice
	// again with it.
	finish := func(j *job, outcome enduse.IngestOutcome) {
		refreshed := false
		if outcome == enduse.OutcomeStored && j.attachment {
			switch ok, err := refresh(ctx, refresher, p, j.doc.Parent, opt.Fields, opt.Document); {
			case err != nil && ctx.Err() == nil:
				note(fmt.Sprintf("%s: notice %s not read again with it: %v", j.doc.Source, j.doc.Parent, err))
			case ok:
				refreshed = true
			}
		}
		if outcome == enduse.OutcomeFailed {
			note(fmt.Sprintf("%s: %v", j.doc.Source, j.err))
		}
		mu.Lock()
		switch outcome {
		case enduse.OutcomeStored:
			sum.Stored++
			if refreshed {
				sum.Refreshed++
			}
		case enduse.OutcomeFailed:
			sum.Failed++
		case enduse.OutcomeDuplicate:
			sum.Duplicates++
		}
		mu.Unlock()
		if opt.Progress != nil {
			opt.Progress.Add(j.doc, outcome)
		}
	}
	// flush saves a batch: in one transaction on a store that saves
	// batches, else — or when that fails, which writes nothing — one
	// document at a time, so the documents before a failing one are
	// stored and the error names it. The writer goroutine runs it.
	flush := func(jobs []job) {
		done := 0 // jobs whose memory is given back
		defer func() {
			for _, j := range jobs[done:] {
				adm.release(j.cost)
			}
		}()
		if len(jobs) == 0 || saveFailed.Load() || ctx.Err() != nil {
			return // interrupted: the batch is not saved
		}
		var outs []enduse.IngestOutcome
		if batcher != nil {
			var err error
			if outs, err = saveBatch(ctx, batcher, jobs); err != nil && ctx.Err() != nil {
				return
			}
		}
		for k := range jobs {
			j := &jobs[k]
			unreadable(j.failed)
			outcome := enduse.IngestOutcome("")
			if j.unreadable == nil && outs != nil {
				outcome = outs[k]
			} else if j.unreadable == nil {
				var err error
				if outcome, err = saveOne(ctx, st, j); err != nil {
					saveErr = err
					saveFailed.Store(true)
					cancel()
					return
				}
			}
			adm.release(j.cost) // saved: its memory is free
			done = k + 1
			if j.unreadable != nil {
				// A stub whose bytes did not parse.
				unread(&sum.Seen, j.doc, j.unreadable)
				continue
			}
			finish(j, outcome)
		}
	}
	// The collector gathers finished jobs into batches in input order
	// and hands each to the writer, which saves them in turn; it goes on
	// collecting while a batch is written, so the workers are not held
	// up by the store's transaction (one batch may wait for the writer).
	batches := make(chan []job, 1)
	saved := make(chan struct{})
	go func() {
		defer close(saved)
		for jobs := range batches {
			flush(jobs)
		}
	}()
	go func() {
		defer close(batches)
		var pending batch
		// due fires batchWait after the first job of the pending batch:
		// the batch is saved then if the next document is not finished.
		var due <-chan time.Time
		save := func() {
			due = nil
			if len(pending.jobs) > 0 {
				batches <- pending.jobs
			}
			pending = batch{}
		}
		for {
			var out chan job
			open := true
			select {
			case out, open = <-order:
			case <-due:
				save()
				out, open = <-order
			}
			if !open {
				break
			}
			var j job
			select {
			case j = <-out:
			case <-due:
				save()
				select {
				case j = <-out:
				case <-ctx.Done():
					continue
				}
			case <-ctx.Done():
				// Cancelled: nothing more is saved, so do not wait for
				// results that may never come.
				continue
			}
			if saveFailed.Load() || j.skip {
				adm.release(j.cost)
				continue
			}
			if len(pending.jobs) == 0 {
				due = time.After(batchWait)
			}
			if pending.add(j) {
				save()
			}
		}
		save()
	}()

	// enqueue hands a document to the workers, in input order. Its memory
	// is admitted first and counts from here until it is saved.
	enqueue := func(d *enduse.Document, left *unparsed) error {
		// An attachment of a stored notice (a crawled download) is read
		// as part of it; one whose notice is not stored stays a notice of
		// its own, as it was read.
		attachment := false
		if refresher != nil && d.Parent != "" && len(d.Children) == 0 {
			var err error
			if attachment, err = st.HasDocument(ctx, d.Parent); err != nil {
				return fmt.Errorf("look up the notice of %s: %w", safetext.Escape(d.Source), err)
			}
		}
		cost := left.cost(adm, d)
		if err := adm.acquire(ctx, cost); err != nil {
			return err
		}
		out := make(chan job, 1)
		select {
		case order <- out:
		case <-ctx.Done():
			adm.release(cost)
			return ctx.Err()
		}
		select {
		case jobs <- job{doc: d, out: out, cost: cost, attachment: attachment, left: left}:
		case <-ctx.Done():
			// The saver already waits on out: answer it, or it waits forever.
			out <- job{doc: d, skip: true, cost: cost}
			return ctx.Err()
		}
		sum.Parsed++
		return nil
	}
	// takeAll decides which of ds this run processes: not those whose
	// bytes are stored, nor — on a store shared by several workers — those
	// another worker holds a live claim on (deferred: looked at again
	// later). The claims are taken in one call.
	deferred := map[string]bool{}
	takeAll := func(ds []*enduse.Document) ([]bool, error) {
		ok := make([]bool, len(ds))
		if claimer != nil {
			shas := make([]string, len(ds))
			for i, d := range ds {
				shas[i] = d.SHA256
			}
			won, err := claimer.ClaimDocuments(ctx, shas, owner, lease)
			if err != nil {
				return nil, fmt.Errorf("claim %s: %w", named(ds), err)
			}
			copy(ok, won)
		}
		// Skip already-stored bytes before doing any work: this is what
		// makes a rerun after an interruption cheap. The documents not
		// claimed are looked up together.
		if claimer == nil {
			for i, d := range ds {
				has, err := st.HasDocument(ctx, d.SHA256)
				if err != nil {
					return nil, fmt.Errorf("look up %s: %w", safetext.Escape(d.Source), err)
				}
				ok[i] = !has // a store without claims: this run is the only worker
			}
			return ok, nil
		}
		var lost []string
		for i, d := range ds {
			if !ok[i] {
				lost = append(lost, d.SHA256)
			}
		}
		if len(lost) == 0 {
			return ok, nil
		}
		stored, err := claimer.StoredDocuments(ctx, lost)
		if err != nil {
			return nil, fmt.Errorf("look up %s: %w", named(ds), err)
		}
		for i, d := range ds {
			if !ok[i] && !stored[d.SHA256] {
				deferred[d.SHA256] = true
			}
		}
		return ok, nil
	}
	take := func(d *enduse.Document) (bool, error) {
		ok, err := takeAll([]*enduse.Document{d})
		if err != nil {
			return false, err
		}
		return ok[0], nil
	}
	duplicate := func(d *enduse.Document, elsewhere bool) {
		mu.Lock()
		if elsewhere {
			sum.Elsewhere++
		} else {
			sum.Duplicates++
		}
		mu.Unlock()
		if opt.Progress != nil {
			opt.Progress.Add(d, enduse.OutcomeDuplicate)
		}
	}
	// stored handles a document whose bytes are stored already.
	stored := func(d *enduse.Document, left *unparsed) error {
		// The notice was stored with all its attachments read; store any
		// attachment a stopped run did not get to.
		if len(d.Children) > 0 {
			// Stubs of attachments stored before stay stubs; a new one is
			// parsed here (a rare case: the notice was stored without it).
			failed, err := left.resolve(d, func(c *enduse.Document) (bool, error) {
				has, err := st.HasDocument(ctx, c.SHA256)
				return !has, err
			})
			if err != nil {
				return fmt.Errorf("look up the attachments of %s: %w", safetext.Escape(d.Source), err)
			}
			unreadable(failed)
			redacted := make([]string, len(d.Children))
			for i, c := range d.Children {
				redacted[i] = redact.Apply(c.Text, redact.Find(c.Text))
			}
			if err := saveChildren(ctx, st, d, redacted); err != nil {
				return err
			}
		}
		duplicate(d, false)
		return nil
	}
	// held is the documents read and not yet claimed. They are claimed a
	// chunk at a time — when chunk are held, or claimBytes, or as soon as
	// the workers have nothing queued (so a slow source is not held
	// back) — then handed on.
	type heldDoc struct {
		d    *enduse.Document
		left *unparsed
	}
	var held []heldDoc
	heldBytes := 0
	takeHeld := func() error {
		chunk := held
		held, heldBytes = nil, 0
		if len(chunk) == 0 {
			return nil
		}
		ds := make([]*enduse.Document, len(chunk))
		for i, h := range chunk {
			ds[i] = h.d
		}
		ok, err := takeAll(ds)
		if err != nil {
			return err
		}
		for i, h := range chunk {
			var err error
			switch {
			case ok[i]:
				err = enqueue(h.d, h.left)
			case !deferred[h.d.SHA256]:
				err = stored(h.d, h.left)
			}
			if err != nil {
				return err
			}
		}
		return nil
	}
	readErr := src(func(d *enduse.Document, err error) error {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			mu.Lock()
			sum.Unreadable++
			mu.Unlock()
			note(err.Error())
			return nil
		}
		left := in.take(d)
		mu.Lock()
		sum.Seen++
		sum.Bytes += int64(len(d.Raw))
		sum.Attachments += len(d.Children)
		for _, c := range d.Children {
			sum.Bytes += int64(len(c.Raw))
		}
		mu.Unlock()
		held = append(held, heldDoc{d: d, left: left})
		heldBytes += len(d.Raw)
		if len(held) >= chunk || heldBytes >= claimBytes || len(jobs) == 0 {
			return takeHeld()
		}
		return nil
	})
	if readErr == nil {
		readErr = takeHeld()
	}
	// Documents other workers held: wait until each is stored by its worker
	// or, when that worker's lease ran out (it crashed), claimed here; only
	// then read the inputs again, for the documents won. Nothing claimed is
	// lost, and a large input is not re-read while others are busy.
	// The look is soon after the first pass, when the other workers are
	// finishing the documents they hold, and again soon while they store
	// more; only a look that finds no change waits twice as long, up to a
	// quarter of the lease (a crashed worker's claims run out no sooner).
	maxPoll := min(max(lease/4, 100*time.Millisecond), 5*time.Second)
	poll := min(50*time.Millisecond, maxPoll)
	for readErr == nil && len(deferred) > 0 {
		select {
		case <-time.After(poll):
		case <-ctx.Done():
			readErr = ctx.Err()
			continue
		}
		won, storedElsewhere := 0, 0
		stored, err := claimer.StoredDocuments(ctx, slices.Collect(maps.Keys(deferred)))
		if err != nil {
			readErr = fmt.Errorf("look up the documents other workers held: %w", err)
			continue
		}
		for sha := range stored {
			delete(deferred, sha)
			sum.Elsewhere++
			storedElsewhere++
		}
		for sha := range deferred {
			ok, err := claimer.ClaimDocument(ctx, sha, owner, lease)
			if err != nil {
				readErr = fmt.Errorf("claim %s: %w", sha, err)
				break
			}
			if ok {
				won++
			}
		}
		if storedElsewhere == 0 && won == 0 {
			poll = min(2*poll, maxPoll)
		}
		if readErr != nil || won == 0 {
			continue
		}
		found := 0
		readErr = src(func(d *enduse.Document, err error) error {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			left := in.take(d)
			if err != nil || !deferred[d.SHA256] {
				return nil
			}
			found++
			delete(deferred, d.SHA256)
			ok, err := take(d) // its errors name d
			if err != nil {
				return err
			}
			if !ok {
				if !deferred[d.SHA256] {
					duplicate(d, true)
				}
				return nil
			}
			return enqueue(d, left)
		})
		if found == 0 && readErr == nil {
			// The inputs cannot be read again (a stream): say what is left.
			note(fmt.Sprintf("%d documents claimed by another worker were not stored yet; run again to take them over", len(deferred)))
			break
		}
	}
	close(jobs)
	if ctx.Err() == nil {
		wg.Wait()
	}
	// Cancelled: nothing more is saved, so a worker still deep in one
	// large document is not waited for (it only writes to its own
	// buffered channel and exits); the run returns at once.
	close(order)
	<-saved
	if claimer != nil {
		// Claims of documents this run took but did not save (it was
		// stopped, or they failed) are given back at once: other workers,
		// or the next run, need not wait for their leases to run out. A
		// run killed outright leaves them to expire.
		rctx, stop := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		if err := claimer.ReleaseClaims(rctx, owner); err != nil {
			note(fmt.Sprintf("release this run's claims (they expire after %v): %v", lease, err))
		}
		stop()
	}
	if saveErr != nil {
		return sum, saveErr
	}
	if readErr != nil {
		return sum, fmt.Errorf("read inputs: %w", readErr)
	}
	// Cancelled after the last input was read: the batch in flight was
	// not saved.
	return sum, ctx.Err()
}

// defaultOwner names a run in its claims: host, process id and a random
// suffix, so two runs never share a name.
func defaultOwner() string {
	host, _ := os.Hostname()
	var b [4]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("%s:%d:%s", host, os.Getpid(), hex.EncodeToString(b[:]))
}

// named names the first of ds, and how many follow, for a message.
func named(ds []*enduse.Document) string {
	if len(ds) == 1 {
		return safetext.Escape(ds[0].Source)
	}
	return fmt.Sprintf("%s and %d more", safetext.Escape(ds[0].Source), len(ds)-1)
}

// claimChunk and claimBytes bound the documents the reading holds before
// claiming them together (enduse.DocumentClaimer.ClaimDocuments).
const (
	claimChunk = 128
	claimBytes = 16 << 20
)

// process runs the pipeline on one document, turning a panic in a stage
// into a parse failure so one hostile document cannot stop a run.
func process(p *pipeline.Pipeline, d *enduse.Document) (res pipeline.Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("extract %s: internal error: %v", safetext.Escape(d.Source), r)
		}
	}()
	res = p.Process(d)
	if res.Notice != nil && res.Notice.Error != "" {
		return res, errors.New(res.Notice.Error)
	}
	return res, nil
}
