package ingest

import (
	"context"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/attach"
	"github.com/enduse/enduse/document"
	"github.com/enduse/enduse/ordered"
	"github.com/enduse/enduse/pipeline"
)

// Input is one input whose parse is deferred to the run's workers.
// document.Item implements it.
type Input interface {
	// Err is the error of an input that could not be read at all.
	Err() error
	// Parsed reports whether the document was parsed when it was read
	// (a crawler-export record); then Document costs nothing.
	Parsed() bool
	// SHA256 returns the hex sha256 of the input's bytes and the bytes,
	// before any parsing.
	SHA256() (string, []byte)
	// Source names the input; MediaType is the media type its document
	// will have (document.MediaOf), both known before parsing.
	Source() string
	MediaType() string
	// Document parses the input; it is called on a worker.
	Document() (*enduse.Document, error)
}

// ItemSource yields inputs whose parsing is deferred: fn is called once per
// input, in input order (document.WalkItems has this shape, with Input for
// document.Item).
type ItemSource func(fn func(Input) error) error

// Walk is the ItemSource of document.WalkItems over paths.
func Walk(ctx context.Context, paths []string, fm document.FieldMap, opt document.Options) ItemSource {
	return func(fn func(Input) error) error {
		return document.WalkItems(ctx, paths, fm, opt, func(it document.Item) error { return fn(it) })
	}
}

// RunItems is Run over deferred inputs: each input is parsed on the
// workers, not on the goroutine that reads the inputs, so the decoding of
// HTML, PDF and office files runs on every core. Everything Run guarantees
// holds: saves in input order, the claim and the duplicate check before
// the parse, the memory budget, cancellation.
//
// Inputs flow through two ordered stages. The first hashes each input on
// the workers and hands it on in input order as a stub (its bytes, sha256
// and media type, no text) — through attach.Group when
// Options.GroupAttachments is set. Grouping reads the text of notice
// pages (they name their attachments), so with it pages are parsed in
// this first stage, on the workers, their memory admitted by their size
// before the parse; attachment candidates are grouped by their names,
// which a stub has, so grouping places every input exactly as if all
// were parsed. The second stage is Run's: the claim or the duplicate
// check, then on the workers the parse of what is still a stub (the
// document and its attachments, admitted by their sizes, re-estimated
// from their text after the parse), the pipeline, and saves in order. A
// stored input is so never parsed, unless it is a page grouping reads or
// the attachment of a new notice, and on a shared store an input another
// worker claimed is parsed only by that worker.
//
// An input that does not parse is counted unreadable and named in
// Summary.Errors, as from Run over document.Walk. One difference remains
// with grouping: a candidate is grouped before its parse, so one that
// turns out unreadable has taken its place in its scope (the scope and
// MaxChildren limits count it) before it is left out of its notice.
func RunItems(ctx context.Context, st enduse.DocumentStore, p *pipeline.Pipeline, src ItemSource, opt Options) (Summary, error) {
	return run(ctx, st, p, func(in *inputs) Source {
		s := in.parse(src)
		if opt.GroupAttachments {
			return Source(attach.Group(s))
		}
		return s
	}, opt)
}

// inputs is the first stage of RunItems, and the stubs it handed on.
type inputs struct {
	ctx     context.Context // the run's, cancelled when it stops
	adm     *admission
	workers int
	grouped bool
	// pending holds the stubs handed on unparsed, with the input that
	// parses them. It is touched only on the goroutine that reads the
	// first stage's output (ordered.Map's emitter, where Run's reading
	// callback runs), so it needs no lock.
	pending map[*enduse.Document]Input
}

// read is the first stage's result for one input: a document (maybe a
// stub), an unreadable input's error, or fatal, an error that stops the
// run (cancellation).
type read struct {
	in    Input
	doc   *enduse.Document
	err   error
	fatal error
	stub  bool
}

// parse returns the Source of the documents of src, stubs or parsed, in
// input order.
func (in *inputs) parse(src ItemSource) Source {
	return func(fn func(*enduse.Document, error) error) error {
		emit := func(r read) error {
			if r.fatal != nil {
				return r.fatal
			}
			if r.stub {
				in.pending[r.doc] = r.in
			}
			return fn(r.doc, r.err)
		}
		return ordered.Map(in.ctx, in.workers, func(yield func(Input) error) error { return src(yield) }, in.read, emit)
	}
}

// read turns one input into a stub, or parses it when grouping reads it.
// It runs on a worker.
func (in *inputs) read(it Input) read {
	if err := it.Err(); err != nil {
		return read{err: err}
	}
	if it.Parsed() {
		d, err := it.Document()
		return read{doc: d, err: err}
	}
	sha, raw := it.SHA256()
	stub := &enduse.Document{SHA256: sha, Source: it.Source(), Raw: raw, MediaType: it.MediaType()}
	if !in.grouped || !attach.IsPage(stub) {
		return read{in: it, doc: stub, stub: true}
	}
	cost := in.adm.rawCost(len(raw))
	if err := in.adm.acquire(in.ctx, cost); err != nil {
		return read{fatal: err}
	}
	d, err := it.Document()
	in.adm.release(cost) // Run admits it again by its parsed size
	if err != nil && in.ctx.Err() != nil {
		return read{fatal: in.ctx.Err()}
	}
	return read{doc: d, err: err}
}

// take removes d and its attachments from the pending stubs and returns
// what is still to parse of them, nil when nothing is.
func (in *inputs) take(d *enduse.Document) *unparsed {
	if in == nil || len(in.pending) == 0 || d == nil {
		return nil
	}
	var u *unparsed
	if it, ok := in.pending[d]; ok {
		delete(in.pending, d)
		u = &unparsed{self: it}
	}
	for _, c := range d.Children {
		if it, ok := in.pending[c]; ok {
			delete(in.pending, c)
			if u == nil {
				u = &unparsed{}
			}
			if u.kids == nil {
				u.kids = map[*enduse.Document]Input{}
			}
			u.kids[c] = it
		}
	}
	return u
}

// unparsed is what a document handed to the second stage still needs
// parsed: itself (a stub) and attachments of it that are stubs.
type unparsed struct {
	self Input
	kids map[*enduse.Document]Input
}

// cost estimates the memory of d and its attachments: parsed ones by
// their text, stubs by their size.
func (u *unparsed) cost(a *admission, d *enduse.Document) int64 {
	n := a.rawCost(len(d.Raw))
	if u == nil || u.self == nil {
		n = a.cost(d)
	}
	for _, c := range d.Children {
		if _, stub := u.kid(c); stub {
			n += a.rawCost(len(c.Raw))
		} else {
			n += a.cost(c)
		}
	}
	return min(n, a.limit)
}

// kid returns the input of an attachment that is still a stub.
func (u *unparsed) kid(c *enduse.Document) (Input, bool) {
	if u == nil {
		return nil, false
	}
	it, ok := u.kids[c]
	return it, ok
}

// resolve parses what is left of d, filling the stubs in place (grouping
// set their Parent and Children, which are kept). err is d's own parse
// failure (d is then unreadable) or need's error. An attachment that fails is left out of d
// and returned in failed. What is parsed is no longer left (cost then
// counts it by its text). need, when set, picks the attachments to parse
// (the others stay stubs: a stored notice's stored attachments).
func (u *unparsed) resolve(d *enduse.Document, need func(*enduse.Document) (bool, error)) (failed []failure, err error) {
	if u == nil {
		return nil, nil
	}
	if u.self != nil {
		parsed, err := u.self.Document()
		if err != nil {
			return nil, err
		}
		fill(d, parsed)
		u.self = nil
	}
	if len(u.kids) == 0 {
		return nil, nil
	}
	kids := d.Children[:0]
	for _, c := range d.Children {
		if it, stub := u.kid(c); stub {
			ok := true
			if need != nil {
				if ok, err = need(c); err != nil {
					return nil, err
				}
			}
			if ok {
				parsed, err := it.Document()
				if err != nil {
					failed = append(failed, failure{c, err})
					continue
				}
				fill(c, parsed)
				delete(u.kids, c)
			}
		}
		kids = append(kids, c)
	}
	d.Children = kids
	return failed, nil
}

// failure is an attachment whose bytes did not parse.
type failure struct {
	doc *enduse.Document
	err error
}

// fill replaces a stub with its parsed document, keeping what grouping set.
func fill(stub, parsed *enduse.Document) {
	parent, children := stub.Parent, stub.Children
	*stub = *parsed
	stub.Parent, stub.Children = parent, children
}
