// Package attach groups the documents of an input into notices and their
// attachments, so that a notice page and the bidding documents, equipment
// lists and award spreadsheets packed or downloaded with it are read as one
// notice (Document.Children) instead of several unrelated ones.
//
// Documents are grouped within a scope: a folder, an archive (whose members
// form a folder of their own) or a folder inside an archive. A crawler
// export's records share the scope of the export file's folder. Within a
// scope, pages are HTML, MHTML, plain-text documents and export records;
// everything else (PDF, DOC, DOCX, XLS, XLSX, RTF, …) is an attachment
// candidate, and belongs to
//
//  1. the page that names it: the page's text or bytes hold the file's name
//     (as written, URL-escaped or in GBK), or its name without the
//     extension when that is at least four characters — pages list their
//     attachments by name and link them by file name;
//  2. else the record whose id is the name of the folder the file is in
//     (crawlers save a record's downloads in a folder named after it);
//  3. else the scope's only page, when the scope has exactly one page
//     (a ZIP of one notice, or a folder per notice).
//
// A scope with no page hands its candidates to the enclosing scope (a
// nested archive of attachments, a folder of downloads), where the same
// rules apply. A candidate no rule places stays a notice of its own, as
// before. A scope holds at most MaxScopeDocs documents or MaxScopeBytes
// bytes in memory; beyond that it is read in batches and rule 3 no longer
// applies to it (a folder of many notices has no "only page").
package attach

import (
	"bytes"
	"net/url"
	"path"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/enduse/enduse"
)

// Limits of one scope held in memory while its documents are grouped.
const (
	MaxScopeDocs  = 512
	MaxScopeBytes = 256 << 20
	// MaxChildren caps the attachments of one notice; further candidates
	// stay notices of their own.
	MaxChildren = 64
)

// Source yields documents: fn is called once per document, or with an error
// for an input that could not be read (document.Walk has this shape).
type Source = func(fn func(*enduse.Document, error) error) error

// Group returns a Source yielding src's documents with attachments moved
// into their notice's Children (Parent set to the notice's sha256). Errors
// pass through unchanged and in order relative to the documents around
// them only loosely: a scope's documents are yielded when the walk leaves
// the scope.
func Group(src Source) Source {
	return func(fn func(*enduse.Document, error) error) error {
		g := &grouper{fn: fn}
		if err := src(g.add); err != nil {
			return err
		}
		return g.flushAll()
	}
}

// grouper holds the open scopes of one run, innermost last.
type grouper struct {
	fn    func(*enduse.Document, error) error
	stack []*scope
}

// scope is the buffered documents of one folder or archive.
type scope struct {
	dir      string
	docs     []*enduse.Document // in arrival order
	handed   []handed           // candidates handed up by scopes inside this one
	bytes    int64
	batched  bool // overflowed once: rule 3 no longer applies
	children map[*enduse.Document]int
}

// handed is a candidate from an inner scope with the folder name it was in.
type handed struct {
	doc    *enduse.Document
	folder string
}

func (g *grouper) add(d *enduse.Document, err error) error {
	if err != nil || d == nil {
		return g.fn(d, err)
	}
	dir := DirOf(d.Source)
	if err := g.leave(dir); err != nil {
		return err
	}
	s := g.top()
	if s == nil || s.dir != dir {
		s = &scope{dir: dir}
		g.stack = append(g.stack, s)
	}
	s.docs = append(s.docs, d)
	s.bytes += int64(len(d.Raw))
	if len(s.docs)+len(s.handed) >= MaxScopeDocs || s.bytes >= MaxScopeBytes {
		s.batched = true
		return g.emit(s, false)
	}
	return nil
}

func (g *grouper) top() *scope {
	if len(g.stack) == 0 {
		return nil
	}
	return g.stack[len(g.stack)-1]
}

// leave flushes every open scope that dir is not inside.
func (g *grouper) leave(dir string) error {
	for len(g.stack) > 0 {
		s := g.top()
		if within(dir, s.dir) {
			return nil
		}
		g.stack = g.stack[:len(g.stack)-1]
		if err := g.close(s, dir); err != nil {
			return err
		}
	}
	return nil
}

func (g *grouper) flushAll() error {
	for len(g.stack) > 0 {
		s := g.top()
		g.stack = g.stack[:len(g.stack)-1]
		if err := g.close(s, ""); err != nil {
			return err
		}
	}
	return nil
}

// close ends a scope: one without pages hands its own documents to the
// enclosing scope (one level only, so a tree of downloads is not held until
// the end of the run); otherwise its documents are grouped and yielded.
// The stack keeps each scope inside the one below it, so after s is popped
// the top is an ancestor of s; the parent folder gets its own scope when it
// has none yet.
func (g *grouper) close(s *scope, next string) error {
	if hasPage(s.docs) || s.dir == "" || len(s.docs) == 0 {
		return g.emit(s, true)
	}
	parent := DirOf(s.dir)
	up := g.top()
	if up == nil || up.dir != parent {
		up = &scope{dir: parent}
		g.stack = append(g.stack, up)
	}
	folder := baseName(s.dir)
	for _, d := range s.docs {
		up.handed = append(up.handed, handed{doc: d, folder: folder})
		up.bytes += int64(len(d.Raw))
	}
	s.docs = nil
	// What s had been handed itself is not handed further.
	if err := g.emit(s, true); err != nil {
		return err
	}
	if len(up.docs)+len(up.handed) >= MaxScopeDocs || up.bytes >= MaxScopeBytes {
		up.batched = true
		return g.emit(up, false)
	}
	return nil
}

// emit groups and yields a scope's buffered documents. With final false
// (a full scope read in batches) candidates handed up from inner folders
// that found no record yet are kept for the next batch.
func (g *grouper) emit(s *scope, final bool) error {
	var pages, cands []*enduse.Document
	folderOf := map[*enduse.Document]string{}
	for _, d := range s.docs {
		if IsPage(d) {
			pages = append(pages, d)
		} else {
			cands = append(cands, d)
		}
	}
	for _, h := range s.handed {
		cands = append(cands, h.doc)
		folderOf[h.doc] = h.folder
	}
	placed := map[*enduse.Document]*enduse.Document{}
	for _, c := range cands {
		if p := namedBy(c, pages); p != nil {
			placed[c] = p
			continue
		}
		if f, ok := folderOf[c]; ok {
			for _, p := range pages {
				if p.RecordID != "" && p.RecordID == f {
					placed[c] = p
					break
				}
			}
			if placed[c] != nil {
				continue
			}
		}
		if final && !s.batched && len(pages) == 1 {
			placed[c] = pages[0]
		}
	}
	var keep []handed
	for _, p := range pages {
		for _, c := range cands {
			if placed[c] == p && len(p.Children) < MaxChildren {
				c.Parent = p.SHA256
				p.Children = append(p.Children, c)
			} else if placed[c] == p {
				delete(placed, c) // over the cap: a notice of its own
			}
		}
	}
	s.docs, s.bytes = nil, 0
	out := make([]*enduse.Document, 0, len(pages)+len(cands))
	out = append(out, pages...)
	for _, c := range cands {
		if placed[c] != nil {
			continue
		}
		if f, ok := folderOf[c]; ok && !final && len(keep) < MaxScopeDocs/2 {
			keep = append(keep, handed{doc: c, folder: f})
			s.bytes += int64(len(c.Raw))
			continue
		}
		out = append(out, c)
	}
	s.handed = keep
	// Yield pages (with their attachments), then the files left alone.
	for _, d := range out {
		if err := g.fn(d, nil); err != nil {
			return err
		}
	}
	return nil
}

// IsPage reports whether a document is a notice page (HTML, MHTML, plain
// text or an export record) rather than an attachment candidate.
func IsPage(d *enduse.Document) bool {
	if d.RecordID != "" || strings.Contains(d.Source, ".jsonl#") || strings.Contains(d.Source, ".json#") ||
		strings.Contains(d.Source, ".csv#") || strings.Contains(d.Source, ".tsv#") || strings.Contains(d.Source, ".ndjson#") {
		return true
	}
	switch d.MediaType {
	case "text/html", "text/plain", "multipart/related":
		return true
	}
	return false
}

func hasPage(docs []*enduse.Document) bool {
	for _, d := range docs {
		if IsPage(d) {
			return true
		}
	}
	return false
}

// namedBy returns the first page that names the candidate's file.
func namedBy(c *enduse.Document, pages []*enduse.Document) *enduse.Document {
	name := baseName(c.Source)
	if name == "" {
		return nil
	}
	needles := [][]byte{[]byte(name)}
	if esc := url.PathEscape(name); esc != name {
		needles = append(needles, []byte(esc))
	}
	if gbk, err := simplifiedchinese.GBK.NewEncoder().String(name); err == nil && gbk != name {
		needles = append(needles, []byte(gbk))
	}
	stem := strings.TrimSuffix(name, path.Ext(name))
	for _, p := range pages {
		if strings.Contains(p.Text, name) {
			return p
		}
		if stem != name && utf8.RuneCountInString(stem) >= 4 && strings.Contains(p.Text, stem) {
			return p
		}
		for _, n := range needles {
			if bytes.Contains(p.Raw, n) {
				return p
			}
		}
	}
	return nil
}

// DirOf returns the scope a source belongs to: the folder of a file, the
// archive (or archive folder) of a member, the folder of a crawler
// export's file for its records.
func DirOf(src string) string {
	if i := strings.LastIndexByte(src, '#'); i > 0 && !strings.Contains(src, "://") {
		src = src[:i]
	}
	i := strings.LastIndexAny(src, "/\\!")
	if i < 0 {
		return ""
	}
	return src[:i]
}

// within reports whether dir is scope or inside it.
func within(dir, scope string) bool {
	if scope == "" || dir == scope {
		return true
	}
	return strings.HasPrefix(dir, scope) && len(dir) > len(scope) && strings.ContainsRune("/\\!", rune(dir[len(scope)]))
}

// baseName returns the last element of a path, member name or URL.
func baseName(src string) string {
	if i := strings.LastIndexAny(src, "/\\!"); i >= 0 {
		return src[i+1:]
	}
	return src
}
