package document

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/safetext"
)

// maxZipDepth bounds how deeply ZIP archives inside ZIP archives are
// opened.
const maxZipDepth = 8

// IsRecordFile reports whether a file name is a crawler export that Walk
// reads with ReadRecords (.json, .jsonl, .ndjson, .csv, .tsv).
func IsRecordFile(name string) bool {
	switch ext(name) {
	case "json", "jsonl", "ndjson", "csv", "tsv":
		return true
	}
	return false
}

// Walk visits files, directories (recursively, in lexical order, skipping
// names that start with a dot) and ZIP, RAR and 7z archives (their members
// in name order, nested archives, GBK member names decoded; Source
// "archive.zip!member/path"; RAR and 7z need bsdtar, see archive.go). Crawler exports (.json, .jsonl, .ndjson,
// .csv, .tsv) go to ReadRecords with fm; everything else to Parse with
// opt. fn is called once per document, or once per failure with an error
// naming the file, and the walk continues. An error returned by fn, or the
// context's error when it is cancelled, stops the walk and is returned.
func Walk(ctx context.Context, paths []string, fm FieldMap, opt Options, fn func(*enduse.Document, error) error) error {
	w := &walker{ctx: ctx, fm: fm, opt: opt, fn: fn}
	for _, p := range paths {
		if err := w.path(p); err != nil {
			return err
		}
	}
	return nil
}

// walker holds the state of one Walk.
type walker struct {
	ctx context.Context
	fm  FieldMap
	opt Options
	fn  func(*enduse.Document, error) error
	// expanded counts the bytes decompressed from the current top-level
	// archive, nested archives and streamed exports included, against
	// Budget.MaxExpanded.
	expanded int64
	// lazy, when set, receives the bytes of each file instead of their
	// parse (see WalkItems).
	lazy func(raw []byte, source string) error
}

// fail reports a per-file failure to fn.
func (w *walker) fail(err error) error {
	return w.fn(nil, err)
}

func (w *walker) path(p string) error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	info, err := os.Stat(p)
	if err != nil {
		return w.fail(fmt.Errorf("walk %s: %w", safetext.Escape(p), err))
	}
	if !info.IsDir() {
		return w.file(p, info)
	}
	return filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
		if cerr := w.ctx.Err(); cerr != nil {
			return cerr
		}
		if err != nil {
			return w.fail(fmt.Errorf("walk %s: %w", safetext.Escape(path), err))
		}
		if path != p && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return w.fail(fmt.Errorf("walk %s: %w", safetext.Escape(path), err))
		}
		return w.file(path, info)
	})
}

// file routes one regular file.
func (w *walker) file(p string, info fs.FileInfo) error {
	if IsRecordFile(p) {
		f, err := os.Open(p)
		if err != nil {
			return w.fail(fmt.Errorf("walk %s: %w", safetext.Escape(p), err))
		}
		defer f.Close()
		return w.records(f, p)
	}
	if ext(p) == "zip" {
		zr, err := zip.OpenReader(p)
		if err != nil {
			return w.fail(fmt.Errorf("walk %s: %w", safetext.Escape(p), err))
		}
		defer zr.Close()
		if !isOfficePackage(&zr.Reader) {
			w.expanded = 0
			return w.zip(&zr.Reader, p, 1)
		}
		// a DOCX/XLSX saved with a .zip name: parse it as a document
	}
	if info.Size() > w.opt.maxBytes() {
		return w.fail(fmt.Errorf("parse %s: %w", safetext.Escape(p), overBudget("max_bytes", info.Size(), w.opt.maxBytes())))
	}
	raw, err := os.ReadFile(p)
	if err != nil {
		return w.fail(fmt.Errorf("walk %s: %w", safetext.Escape(p), err))
	}
	return w.bytes(raw, p, 1)
}

// records reads a crawler export, passing fn's stop errors through.
func (w *walker) records(r io.Reader, source string) error {
	var stop error
	err := ReadRecordsContext(w.ctx, r, source, w.fm, w.opt.budget(), func(d *enduse.Document, err error) error {
		if cerr := w.ctx.Err(); cerr != nil {
			stop = cerr
			return cerr
		}
		if ferr := w.fn(d, err); ferr != nil {
			stop = ferr
			return ferr
		}
		return nil
	})
	if stop != nil {
		return stop
	}
	if cerr := w.ctx.Err(); cerr != nil {
		return cerr
	}
	if errors.Is(err, zip.ErrFormat) {
		// archive/zip counts a member's bytes against the size it
		// declares and fails with ErrFormat past it.
		return w.fail(fmt.Errorf("%w (the member is corrupt or larger than the archive declares)", err))
	}
	if err != nil {
		return w.fail(err)
	}
	return nil
}

// bytes parses in-memory content: a ZIP archive (other than DOCX/XLSX)
// is opened, anything else parsed.
func (w *walker) bytes(raw []byte, source string, depth int) error {
	media := Sniff(raw, source)
	if isExtArchive(media) {
		return w.extArchive(raw, source, depth)
	}
	if media == MediaZIP {
		if depth > maxZipDepth {
			return w.fail(fmt.Errorf("walk %s: archives nested deeper than %d", safetext.Escape(source), maxZipDepth))
		}
		zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
		if err != nil {
			return w.fail(fmt.Errorf("walk %s: %w", safetext.Escape(source), err))
		}
		return w.zip(zr, source, depth)
	}
	if w.lazy != nil {
		return w.lazy(raw, source)
	}
	doc, err := ParseContext(w.ctx, raw, source, w.opt)
	if err != nil {
		if cerr := w.ctx.Err(); cerr != nil {
			return cerr
		}
		return w.fail(err)
	}
	return w.fn(doc, nil)
}

// zip visits the members of an archive in name order.
func (w *walker) zip(zr *zip.Reader, source string, depth int) error {
	type member struct {
		f    *zip.File
		name string
	}
	members := make([]member, 0, len(zr.File))
	for _, f := range zr.File {
		if f.FileInfo().IsDir() {
			continue
		}
		members = append(members, member{f, memberName(f)})
	}
	sort.SliceStable(members, func(i, j int) bool { return members[i].name < members[j].name })
	max := w.opt.budget().MaxExpanded
	for i, m := range members {
		if err := w.ctx.Err(); err != nil {
			return err
		}
		if w.expanded > max {
			// One error for the archive, not one per member left.
			return w.fail(fmt.Errorf("walk %s: %d members not read: %w", safetext.Escape(source), len(members)-i, overBudget("max_expanded", w.expanded, max)))
		}
		src := source + "!" + m.name
		base := m.name[strings.LastIndexByte(m.name, '/')+1:]
		if strings.HasPrefix(base, ".") || strings.HasPrefix(m.name, "__MACOSX/") {
			continue
		}
		if err := w.member(m.f, src, depth); err != nil {
			return err
		}
	}
	return nil
}

// member reads one archive member. Exports are streamed, not held in
// memory, so only the archive's decompressed total bounds them; other
// members are read whole and also bounded by Budget.MaxBytes. The sizes
// an archive declares are checked first but not trusted: bytes are
// counted as they are decompressed.
func (w *walker) member(f *zip.File, src string, depth int) error {
	b := w.opt.budget()
	if !IsRecordFile(src) && f.UncompressedSize64 > uint64(b.MaxBytes) {
		return w.fail(fmt.Errorf("walk %s: %w", safetext.Escape(src), overBudget("max_bytes", int64(min(f.UncompressedSize64, 1<<62)), b.MaxBytes)))
	}
	if left := b.MaxExpanded - w.expanded; f.UncompressedSize64 > uint64(max(left, 0)) {
		total := w.expanded + int64(min(f.UncompressedSize64, 1<<61))
		w.expanded = b.MaxExpanded + 1 // the rest of the archive is not read
		return w.fail(fmt.Errorf("walk %s: %w", safetext.Escape(src), overBudget("max_expanded", total, b.MaxExpanded)))
	}
	rc, err := f.Open()
	if err != nil {
		return w.fail(fmt.Errorf("walk %s: %w", safetext.Escape(src), err))
	}
	defer rc.Close()
	r := &limitedReader{r: rc, count: &w.expanded, max: b.MaxExpanded, limit: "max_expanded"}
	if IsRecordFile(src) {
		return w.records(r, src)
	}
	var n int64
	raw, err := io.ReadAll(&limitedReader{r: r, count: &n, max: b.MaxBytes, limit: "max_bytes"})
	if errors.Is(err, zip.ErrFormat) {
		return w.fail(fmt.Errorf("walk %s: %w (the member is corrupt or larger than the archive declares)", safetext.Escape(src), err))
	}
	if err != nil {
		return w.fail(fmt.Errorf("walk %s: %w", safetext.Escape(src), err))
	}
	return w.bytes(raw, src, depth+1)
}

// isOfficePackage reports whether an archive is a DOCX or XLSX package.
func isOfficePackage(zr *zip.Reader) bool {
	for _, f := range zr.File {
		if f.Name == "word/document.xml" || f.Name == "xl/workbook.xml" {
			return true
		}
	}
	return false
}

// memberName returns an archive member's name as UTF-8. Archives made on
// Chinese Windows store names in GBK without the UTF-8 flag.
func memberName(f *zip.File) string {
	name := f.Name
	if f.Flags&0x800 == 0 && !utf8.ValidString(name) {
		if dec, err := simplifiedchinese.GB18030.NewDecoder().String(name); err == nil {
			name = dec
		}
	}
	return strings.ToValidUTF8(name, "\uFFFD")
}
