// Package ingest runs the pipeline over many documents and saves them in a
// store: files, folders, archives and crawler exports in, one stored
// document per distinct set of bytes out. Each document is saved in its own
// transaction, so an interrupted run loses nothing and a rerun skips what is
// already stored; a document that fails to parse is stored with the reason
// and the run goes on.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/pipeline"
	"github.com/enduse/enduse/redact"
	"github.com/enduse/enduse/safetext"
)

// Summary counts what a run did.
type Summary struct {
	Seen       int   `json:"seen"`       // documents read from the inputs
	Stored     int   `json:"stored"`     // new documents parsed and stored
	Failed     int   `json:"failed"`     // new documents stored with a parse failure
	Duplicates int   `json:"duplicates"` // documents whose bytes were already stored
	Unreadable int   `json:"unreadable"` // inputs that could not be read at all (not stored)
	Bytes      int64 `json:"bytes"`      // bytes of the documents read
	// Attachments counts documents read as part of their notice (stored
	// as its children, not counted in Seen).
	Attachments int `json:"attachments,omitempty"`
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
}

// Run reads every document of src, processes new ones with p and saves
// them in st. It returns the summary and the first error that stopped the
// run (a store failure or ctx cancellation); per-document problems are
// counted, not returned.
func Run(ctx context.Context, st enduse.DocumentStore, p *pipeline.Pipeline, src Source, opt Options) (Summary, error) {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type job struct {
		doc  *enduse.Document
		res  pipeline.Result
		err  error
		out  chan job
		skip bool // never processed: the run was cancelled first
	}
	jobs := make(chan job, workers*2)
	order := make(chan chan job, workers*2)
	var sum Summary
	// note records a message for the summary; it is escaped here, the one
	// place every per-input message passes, because messages quote file and
	// member names and parser text, which may hold terminal escapes.
	note := func(msg string) {
		if len(sum.Errors) < 100 {
			sum.Errors = append(sum.Errors, safetext.Escape(msg))
		}
	}

	// Workers run the pipeline; results are saved in input order so runs are
	// reproducible and a crash leaves a clean prefix stored.
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				j.res, j.err = process(p, j.doc)
				j.out <- j
			}
		}()
	}

	var saveErr error
	saved := make(chan struct{})
	go func() {
		defer close(saved)
		for out := range order {
			var j job
			select {
			case j = <-out:
			case <-ctx.Done():
				// Cancelled: nothing more is saved, so do not wait for
				// results that may never come.
				continue
			}
			if saveErr != nil || j.skip {
				continue
			}
			// Attachments first: a run stopped between them and their
			// notice stores the notice on the rerun, read with them all.
			if j.err == nil {
				if err := saveChildren(ctx, st, j.doc, j.res.Children); err != nil {
					saveErr = err
					cancel()
					continue
				}
			}
			var n *enduse.Notice
			if j.err == nil {
				n = j.res.Notice
			}
			outcome, err := st.SaveNotice(ctx, j.doc, j.res.Redacted, n, j.err)
			if err != nil {
				saveErr = fmt.Errorf("save %s: %w", safetext.Escape(j.doc.Source), err)
				cancel()
				continue
			}
			switch outcome {
			case enduse.OutcomeStored:
				sum.Stored++
			case enduse.OutcomeFailed:
				sum.Failed++
				note(fmt.Sprintf("%s: %v", j.doc.Source, j.err))
			case enduse.OutcomeDuplicate:
				sum.Duplicates++
			}
			if opt.Progress != nil {
				opt.Progress.Add(j.doc, outcome)
			}
		}
	}()

	readErr := src(func(d *enduse.Document, err error) error {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			sum.Unreadable++
			note(err.Error())
			return nil
		}
		sum.Seen++
		sum.Bytes += int64(len(d.Raw))
		// Skip already-stored bytes before doing any work: this is what makes
		// a rerun after an interruption cheap.
		sum.Attachments += len(d.Children)
		for _, c := range d.Children {
			sum.Bytes += int64(len(c.Raw))
		}
		has, herr := st.HasDocument(ctx, d.SHA256)
		if herr != nil {
			return fmt.Errorf("look up %s: %w", safetext.Escape(d.Source), herr)
		}
		if has {
			// The notice was stored with all its attachments read; store
			// any attachment a stopped run did not get to.
			if len(d.Children) > 0 {
				redacted := make([]string, len(d.Children))
				for i, c := range d.Children {
					redacted[i] = redact.Apply(c.Text, redact.Find(c.Text))
				}
				if err := saveChildren(ctx, st, d, redacted); err != nil {
					return err
				}
			}
			sum.Duplicates++
			if opt.Progress != nil {
				opt.Progress.Add(d, enduse.OutcomeDuplicate)
			}
			return nil
		}
		out := make(chan job, 1)
		select {
		case order <- out:
		case <-ctx.Done():
			return ctx.Err()
		}
		select {
		case jobs <- job{doc: d, out: out}:
		case <-ctx.Done():
			// The saver already waits on out: answer it, or it waits forever.
			out <- job{doc: d, skip: true}
			return ctx.Err()
		}
		return nil
	})
	close(jobs)
	wg.Wait()
	close(order)
	<-saved
	if saveErr != nil {
		return sum, saveErr
	}
	if readErr != nil {
		return sum, fmt.Errorf("read inputs: %w", readErr)
	}
	return sum, nil
}

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

// saveChildren stores a notice's attachments as child documents (Parent set
// to the notice), each with its own redacted text; already stored bytes are
// left as they are.
func saveChildren(ctx context.Context, st enduse.DocumentStore, parent *enduse.Document, redacted []string) error {
	for i, c := range parent.Children {
		if c == nil || i >= len(redacted) {
			continue
		}
		if c.Parent == "" {
			c.Parent = parent.SHA256
		}
		if _, err := st.SaveNotice(ctx, c, redacted[i], nil, nil); err != nil {
			return fmt.Errorf("save attachment %s of %s: %w", safetext.Escape(c.Source), safetext.Escape(parent.Source), err)
		}
	}
	return nil
}
