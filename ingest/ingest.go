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

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/document"
	"github.com/enduse/enduse/ordered"
	"github.com/enduse/enduse/pipeline"
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
	items := func(fn func(document.Item) error) error {
		return src(func(d *enduse.Document, err error) error {
			if err != nil {
				return fn(document.FailedItem(err))
			}
			return fn(document.ParsedItem(d))
		})
	}
	return RunItems(ctx, st, p, items, opt)
}

// ItemSource yields inputs whose parsing is left to the workers;
// document.WalkItems has this shape.
type ItemSource func(fn func(document.Item) error) error

// RunItems is Run over inputs that the workers parse (see
// document.WalkItems), so decoding runs on every core too. Results are
// saved in input order by one goroutine, so runs are reproducible and an
// interruption leaves a clean prefix stored.
func RunItems(ctx context.Context, st enduse.DocumentStore, p *pipeline.Pipeline, src ItemSource, opt Options) (Summary, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	// A job is one input; dup marks bytes already stored, which are
	// counted in order but not worked on.
	type job struct {
		item document.Item
		dup  bool
		doc  *enduse.Document
		res  pipeline.Result
		err  error // a parse failure of a document, stored with it
		bad  error // an input that could not be read at all
	}
	var sum Summary
	// note records a message for the summary; it is escaped here, the one
	// place every per-input message passes, because messages quote file and
	// member names and parser text, which may hold terminal escapes. Only
	// the saver (emit) touches sum.
	note := func(msg string) {
		if len(sum.Errors) < 100 {
			sum.Errors = append(sum.Errors, safetext.Escape(msg))
		}
	}
	work := func(j job) job {
		if j.dup || j.bad != nil {
			return j
		}
		d, err := j.item.Document()
		if err != nil {
			j.bad = err
			return j
		}
		j.doc = d
		j.res, j.err = process(p, d)
		return j
	}
	var saveErr error
	emit := func(j job) error {
		if err := ctx.Err(); err != nil {
			return err // cancelled: nothing more is saved
		}
		switch {
		case j.bad != nil:
			sum.Unreadable++
			note(j.bad.Error())
			return nil
		case j.dup:
			sum.Seen++
			sum.Bytes += int64(len(j.doc.Raw))
			sum.Duplicates++
			if opt.Progress != nil {
				opt.Progress.Add(j.doc, enduse.OutcomeDuplicate)
			}
			return nil
		}
		sum.Seen++
		sum.Bytes += int64(len(j.doc.Raw))
		var n *enduse.Notice
		if j.err == nil {
			n = j.res.Notice
		}
		outcome, err := st.SaveNotice(ctx, j.doc, j.res.Redacted, n, j.err)
		if err != nil {
			saveErr = fmt.Errorf("save %s: %w", safetext.Escape(j.doc.Source), err)
			return saveErr
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
		return nil
	}
	produce := func(yield func(job) error) error {
		return src(func(it document.Item) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := it.Err(); err != nil {
				return yield(job{bad: err})
			}
			// Skip already-stored bytes before doing any work: this is
			// what makes a rerun after an interruption cheap.
			sha, raw := it.SHA256()
			has, herr := st.HasDocument(ctx, sha)
			if herr != nil {
				return fmt.Errorf("look up %s: %w", safetext.Escape(it.Source()), herr)
			}
			if has {
				return yield(job{dup: true, doc: &enduse.Document{Source: it.Source(), SHA256: sha, Raw: raw}})
			}
			return yield(job{item: it})
		})
	}
	err := ordered.Map(ctx, opt.Workers, produce, work, emit)
	if saveErr != nil {
		return sum, saveErr
	}
	if err != nil {
		return sum, fmt.Errorf("read inputs: %w", err)
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
