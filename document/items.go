package document

import (
	"context"
	"crypto/sha256"
	"encoding/hex"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/ordered"
)

// Item is one input of WalkItems: a document still to parse, a document a
// crawler export already yielded, or an input that could not be read.
type Item struct {
	ctx    context.Context
	opt    Options
	lazy   bool // raw is still to parse
	raw    []byte
	source string
	doc    *enduse.Document
	err    error
}

// Source names the input (a path, "archive.zip!member", or a record's
// source); empty for a failure reported without a document.
func (it Item) Source() string {
	if it.doc != nil {
		return it.doc.Source
	}
	return it.source
}

// Document parses the item's bytes, or returns the document or error the
// walk already had. It is safe to call from any goroutine; it is what the
// caller runs on its workers.
func (it Item) Document() (*enduse.Document, error) {
	if !it.lazy {
		return it.doc, it.err
	}
	return ParseContext(it.ctx, it.raw, it.source, it.opt)
}

// WalkItems visits the same inputs as Walk, in the same order, but leaves
// the parsing of files and archive members to the caller: fn gets an Item
// whose Document method parses it, so the heavy decoding (charset, HTML,
// office formats) can run on a pool of workers while one goroutine walks
// the folders. Records of crawler exports arrive parsed (ReadRecords
// decodes them as it reads). An error returned by fn, or the context's
// error, stops the walk and is returned.
func WalkItems(ctx context.Context, paths []string, fm FieldMap, opt Options, fn func(Item) error) error {
	w := &walker{ctx: ctx, fm: fm, opt: opt}
	w.fn = func(d *enduse.Document, err error) error {
		return fn(Item{doc: d, err: err})
	}
	w.lazy = func(raw []byte, source string) error {
		return fn(Item{ctx: ctx, opt: opt, lazy: true, raw: raw, source: source})
	}
	for _, p := range paths {
		if err := w.path(p); err != nil {
			return err
		}
	}
	return nil
}

// WalkParsed is Walk with the parsing on up to workers goroutines (0 = one
// per CPU): fn receives the same documents and failures as from Walk, in
// the same order, on one goroutine, while the decoding of the next inputs
// goes on. Walk parses on the goroutine that walks, which made it the
// bottleneck of a run whose later stages run on every core.
func WalkParsed(ctx context.Context, workers int, paths []string, fm FieldMap, opt Options, fn func(*enduse.Document, error) error) error {
	type parsed struct {
		doc *enduse.Document
		err error
	}
	produce := func(yield func(Item) error) error { return WalkItems(ctx, paths, fm, opt, yield) }
	work := func(it Item) parsed {
		d, err := it.Document()
		return parsed{d, err}
	}
	emit := func(p parsed) error {
		if p.err != nil {
			if cerr := ctx.Err(); cerr != nil {
				return cerr
			}
			return fn(nil, p.err)
		}
		return fn(p.doc, nil)
	}
	return ordered.Map(ctx, workers, produce, work, emit)
}

// ParsedItem wraps a document already in hand as an Item, so callers can
// treat it like the items of WalkItems.
func ParsedItem(d *enduse.Document) Item { return Item{doc: d} }

// FailedItem is an input that could not be read, as an Item.
func FailedItem(err error) Item { return Item{err: err} }

// Err returns the error of an input the walk could not read (nil for an
// input still to parse, whose problems Document reports).
func (it Item) Err() error {
	if it.lazy {
		return nil
	}
	return it.err
}

// SHA256 returns the hex SHA-256 of the item's bytes and the bytes, before
// any parsing: what a store needs to skip bytes it already holds. Both are
// empty for a failed item.
func (it Item) SHA256() (string, []byte) {
	if it.lazy {
		sum := sha256.Sum256(it.raw)
		return hex.EncodeToString(sum[:]), it.raw
	}
	if it.doc != nil {
		return it.doc.SHA256, it.doc.Raw
	}
	return "", nil
}

// MediaType returns the media type of the item's document (see MediaOf)
// without parsing it; empty for a failed item.
func (it Item) MediaType() string {
	if it.lazy {
		return MediaOf(it.raw, it.source)
	}
	if it.doc != nil {
		return it.doc.MediaType
	}
	return ""
}

// Parsed reports whether the item's document was parsed when the walk read
// it (a crawler-export record), so Document returns the same document on
// every call; otherwise each call parses the bytes anew.
func (it Item) Parsed() bool { return !it.lazy }
