package ingest

import (
	"context"
	"fmt"
	"time"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/pipeline"
	"github.com/enduse/enduse/safetext"
)

// The saver stores consecutive finished documents together, in one
// transaction of a store that saves batches (enduse.BatchSaver): the
// store then writes its indexes and commits once a batch, not once a
// document. A batch is saved when it is full, and when it is batchWait
// old and the next document is not finished yet, so a slow trickle (a
// crawler) is still saved within batchWait and an interrupted run loses
// at most the batch in flight. Saving as soon as the saver catches up
// with the workers makes batches of two or three documents, which save
// little. 256 documents / 32 MB a batch (64 / 8 MB before) cut the
// saver's CPU of a 2,692-notice ingest from 5.7 to 4.7 s: fewer commits
// and fewer, larger FTS5 segments to flush and merge.
const (
	batchDocs  = 256                    // documents of a batch at most
	batchBytes = 32 << 20               // bytes of a batch (raw and redacted, attachments included) at most
	batchWait  = 100 * time.Millisecond // how long the first document of a batch may wait for others
)

// job is one document on its way through a run: read, processed on a
// worker, saved by the saver in input order.
type job struct {
	doc  *enduse.Document
	res  pipeline.Result
	err  error
	out  chan job
	skip bool // never processed: the run was cancelled first
	// attachment: an attachment of a stored notice, saved as its child
	// and then read with it (refresh), not as a notice of its own.
	attachment bool
	cost       int64 // memory admitted for it, given back once saved
	// left is what is still to parse of it (RunItems' stubs), parsed
	// on the worker; unreadable is its own parse failure, failed its
	// attachments'.
	left       *unparsed
	unreadable error
	failed     []failure
	// items is what saving it stores (children, then its own item),
	// checked on the worker when the store is an enduse.SavePreparer;
	// nil: built by the saver.
	items []enduse.SaveItem
}

// prepare checks what saving j stores, on the worker, so the saver's
// one goroutine does not (CheckSave of a 2,692-notice ingest: 0.8 CPU-s).
func (j *job) prepare(sp enduse.SavePreparer) {
	if j.unreadable != nil {
		return
	}
	items := j.toSave()
	for i := range items {
		items[i] = sp.PrepareSave(items[i])
	}
	j.items = items
}

// toSave is what saving j stores, children first.
func (j *job) toSave() []enduse.SaveItem {
	if j.items != nil {
		return j.items
	}
	return append(j.children(), j.item())
}

// item is what saving j stores of the document itself.
func (j *job) item() enduse.SaveItem {
	var n *enduse.Notice
	if j.err == nil && !j.attachment {
		n = j.res.Notice
	}
	return enduse.SaveItem{Document: j.doc, Redacted: j.res.Redacted, Notice: n, ParseErr: j.err}
}

// children is what saving j stores before the document: its attachments,
// so a run stopped between them and their notice stores the notice on
// the rerun, read with them all.
func (j *job) children() []enduse.SaveItem {
	if j.err != nil {
		return nil
	}
	return childItems(j.doc, j.res.Children)
}

// size is the bytes j adds to a batch.
func (j *job) size() int64 {
	n := int64(len(j.doc.Raw) + len(j.res.Redacted))
	for _, c := range j.children() {
		n += int64(len(c.Document.Raw) + len(c.Redacted))
	}
	return n
}

// batch is the finished jobs waiting to be saved together, in input order.
type batch struct {
	jobs  []job
	bytes int64
}

// add appends j and reports whether the batch is full.
func (b *batch) add(j job) bool {
	b.jobs = append(b.jobs, j)
	b.bytes += j.size()
	return len(b.jobs) >= batchDocs || b.bytes >= batchBytes
}

// saveBatch stores the documents of jobs (the unreadable ones aside) with
// their attachments in one transaction and returns the outcome of each
// job ("" for an unreadable one).
func saveBatch(ctx context.Context, bs enduse.BatchSaver, jobs []job) ([]enduse.IngestOutcome, error) {
	var items []enduse.SaveItem
	at := make([]int, len(jobs)) // index in items of each job's own item
	for k := range jobs {
		j := &jobs[k]
		if j.unreadable != nil {
			at[k] = -1
			continue
		}
		own := j.toSave()
		items = append(items, own...)
		at[k] = len(items) - 1
	}
	outs := make([]enduse.IngestOutcome, len(jobs))
	if len(items) == 0 {
		return outs, nil
	}
	saved, err := bs.SaveNotices(ctx, items)
	if err != nil {
		return nil, err
	}
	for k, i := range at {
		if i >= 0 {
			outs[k] = saved[i]
		}
	}
	return outs, nil
}

// saveOne stores the document of j and its attachments, each in a
// transaction of its own; an error names the document.
func saveOne(ctx context.Context, st enduse.DocumentStore, j *job) (enduse.IngestOutcome, error) {
	if j.err == nil {
		if err := saveChildren(ctx, st, j.doc, j.res.Children); err != nil {
			return "", err
		}
	}
	it := j.item()
	outcome, err := st.SaveNotice(ctx, it.Document, it.Redacted, it.Notice, it.ParseErr)
	if err != nil {
		return "", fmt.Errorf("save %s: %w", safetext.Escape(j.doc.Source), err)
	}
	return outcome, nil
}

// childItems is the attachments of parent as documents of their own
// (Parent set to the notice), each with its redacted text.
func childItems(parent *enduse.Document, redacted []string) []enduse.SaveItem {
	var items []enduse.SaveItem
	for i, c := range parent.Children {
		if c == nil || i >= len(redacted) {
			continue
		}
		if c.Parent == "" {
			c.Parent = parent.SHA256
		}
		items = append(items, enduse.SaveItem{Document: c, Redacted: redacted[i]})
	}
	return items
}

// saveChildren stores a notice's attachments as child documents, each in a
// transaction of its own; already stored bytes are left as they are.
func saveChildren(ctx context.Context, st enduse.DocumentStore, parent *enduse.Document, redacted []string) error {
	for _, it := range childItems(parent, redacted) {
		if _, err := st.SaveNotice(ctx, it.Document, it.Redacted, nil, nil); err != nil {
			return fmt.Errorf("save attachment %s of %s: %w", safetext.Escape(it.Document.Source), safetext.Escape(parent.Source), err)
		}
	}
	return nil
}
