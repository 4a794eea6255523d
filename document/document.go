// Package document is the first stage of the enduse pipeline: it turns the
// bytes of a procurement notice (HTML, MHTML, plain text, PDF, DOC, DOCX,
// RTF, XLS, XLSX, or a record of a crawler export) into an enduse.Document whose
// Text is decoded UTF-8 laid out one block per line, with table rows as
// '\t'-separated cells, so that later stages read fields and tables
// without knowing the source format or charset.
//
// Originals are kept byte-for-byte in Document.Raw; the SHA-256 of those
// bytes is the document's identity.
package document

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"path"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/safetext"
)

// Default limits.
const (
	// DefaultMaxBytes is the largest input Parse accepts when
	// Options.MaxBytes is 0.
	DefaultMaxBytes = 64 << 20
	// DefaultTimeout bounds one run of an external converter when
	// Options.Timeout is 0.
	DefaultTimeout = 2 * time.Minute
)

// Media types set in Document.MediaType.
const (
	MediaHTML = "text/html"
	MediaText = "text/plain"
	MediaPDF  = "application/pdf"
	MediaDOC  = "application/msword"
	MediaDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	MediaXLS  = "application/vnd.ms-excel"
	MediaXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	MediaZIP  = "application/zip"
)

// ErrUnsupported is returned (wrapped) for inputs whose format enduse does
// not read, such as images or unknown binary files.
var ErrUnsupported = errors.New("unsupported format")

// Options tunes parsing: size caps, converter timeouts and tool paths.
// The zero value is ready to use.
type Options struct {
	// MaxBytes caps the size of one input; 0 means Budget.MaxBytes.
	MaxBytes int64
	// Budget bounds what one input may cost as it expands (archives,
	// records, tables, markup); zero fields take their defaults.
	Budget Budget
	// Timeout bounds one run of an external converter (pdftotext,
	// antiword, xls2csv); 0 means DefaultTimeout.
	Timeout time.Duration
	// ContentType is an HTTP Content-Type header that came with the
	// bytes, used as a charset hint for HTML; may be empty.
	ContentType string
	// PDFToText, Antiword and XLS2CSV are paths of the external
	// converters; empty means look them up on PATH.
	PDFToText string
	Antiword  string
	XLS2CSV   string
	// Tesseract, PDFToPPM and Soffice are paths of the OCR engine, the
	// PDF page renderer and LibreOffice; empty means look them up on PATH.
	Tesseract string
	PDFToPPM  string
	Soffice   string
	// Bsdtar is the path of bsdtar (RAR and 7z archives); empty means
	// look it up on PATH.
	Bsdtar string
}

func (o Options) maxBytes() int64 {
	if o.MaxBytes <= 0 {
		return o.Budget.WithDefaults().MaxBytes
	}
	return o.MaxBytes
}

// budget returns the effective budget, MaxBytes included.
func (o Options) budget() Budget {
	b := o.Budget.WithDefaults()
	b.MaxBytes = o.maxBytes()
	return b
}

func (o Options) timeout() time.Duration {
	if o.Timeout <= 0 {
		return DefaultTimeout
	}
	return o.Timeout
}

// Parse sniffs the format of raw (HTML, plain text, PDF, DOC, DOCX, XLS,
// XLSX, RTF, MHTML) and returns the decoded Document with SHA256 (hex of raw), Source,
// MediaType, Charset, Raw (unchanged), Title, Text and Blocks. ZIP
// archives other than DOCX/XLSX are not handled here (see Walk). Errors
// name source and the problem.
func Parse(raw []byte, source string, opt Options) (*enduse.Document, error) {
	return ParseContext(context.Background(), raw, source, opt)
}

// ParseContext is Parse with a context that bounds external converters.
func ParseContext(ctx context.Context, raw []byte, source string, opt Options) (*enduse.Document, error) {
	if int64(len(raw)) > opt.maxBytes() {
		return nil, fmt.Errorf("parse %s: %w", safetext.Escape(source), overBudget("max_bytes", int64(len(raw)), opt.maxBytes()))
	}
	m := newMeter(ctx, opt.budget())
	sum := sha256.Sum256(raw)
	doc := &enduse.Document{
		SHA256: hex.EncodeToString(sum[:]),
		Source: source,
		Raw:    raw,
	}
	media := MediaOf(raw, source)
	doc.MediaType = media
	var err error
	switch media {
	case MediaHTML:
		err = fillHTML(m, doc, raw, opt.ContentType)
	case MediaText:
		err = fillText(doc, raw)
	case MediaPDF:
		err = fillPDF(ctx, doc, raw, opt)
	case MediaDOC:
		err = fillLegacyWord(ctx, doc, raw, opt)
	case MediaXLS:
		err = fillLegacyExcel(ctx, doc, raw, opt)
	case MediaRTF:
		err = fillRTF(m, doc, raw)
	case MediaMHT:
		err = fillMHT(m, doc, raw)
	case MediaDOCX:
		err = fillDOCX(m, doc, raw)
	case MediaXLSX:
		err = fillXLSX(m, doc, raw)
	case MediaZIP:
		err = fmt.Errorf("zip archive: %w (read archives with Walk)", ErrUnsupported)
	case MediaRAR, Media7Z:
		err = fmt.Errorf("%s archive: %w (read archives with Walk)", media, ErrUnsupported)
	case "image/png", "image/jpeg", "image/gif", "image/bmp", "image/webp", MediaTIFF:
		err = fillImage(ctx, doc, raw, opt)
	default:
		err = fmt.Errorf("%s: %w", media, ErrUnsupported)
	}
	if err == nil {
		err = checkText(doc.Text, m.b)
	}
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", safetext.Escape(source), err)
	}
	return doc, nil
}

// MediaOf returns the media type Parse gives a document of these bytes and
// this name (its MediaType), without parsing it: Sniff, with a ZIP named
// .docx or .xlsx taken for what it is named, so that a damaged one says
// what is wrong with it.
func MediaOf(raw []byte, source string) string {
	media := Sniff(raw, source)
	if media == MediaZIP {
		switch ext(source) {
		case "docx":
			media = MediaDOCX
		case "xlsx":
			media = MediaXLSX
		}
	}
	return media
}

// fillHTML decodes HTML bytes and lays out their text.
func fillHTML(m *meter, doc *enduse.Document, raw []byte, contentType string) error {
	s, cs, err := DecodeHTML(raw, contentType)
	if err != nil {
		return err
	}
	doc.Charset = cs
	p, err := parseHTML(m, s)
	if err != nil {
		return err
	}
	doc.Text, doc.Blocks, doc.Title = p.text, p.blocks, p.title
	for name, v := range p.meta {
		switch name {
		case "pubdate", "publishdate":
			if d := NormalizeDate(v); d != "" && doc.Published == "" {
				doc.Published = d
			}
		case "url":
			if strings.HasPrefix(v, "http://") || strings.HasPrefix(v, "https://") {
				doc.URL = v
			}
		case "articletitle":
		default:
			if len(v) <= maxMetaValue {
				if doc.Meta == nil {
					doc.Meta = map[string]string{}
				}
				doc.Meta[name] = v
			}
		}
	}
	return nil
}

// fillText decodes plain text (UTF-8, UTF-16 with BOM, else GB18030).
func fillText(doc *enduse.Document, raw []byte) error {
	s, cs, err := decodeBytes(raw, "")
	if err != nil {
		return err
	}
	doc.Charset = cs
	doc.Text, doc.Blocks = plainToText(s)
	return nil
}

// Sniff returns the media type of raw from its content, using the name's
// extension only to break ties (an OLE2 file that is neither clearly Word
// nor Excel). It returns one of the Media* constants, or the type
// net/http detects for formats enduse does not read.
func Sniff(raw []byte, name string) string {
	head := raw
	if len(head) > 1024 {
		head = head[:1024]
	}
	switch {
	// Archives first: a stored member may put "%PDF-" in the first bytes.
	case bytes.HasPrefix(raw, []byte("Rar!\x1a\x07")):
		return MediaRAR
	case bytes.HasPrefix(raw, []byte("7z\xbc\xaf\x27\x1c")):
		return Media7Z
	case bytes.Contains(head, []byte("%PDF-")):
		return MediaPDF
	case bytes.HasPrefix(bytes.TrimLeft(head, " \t\r\n\xef\xbb\xbf"), []byte(`{\rtf`)):
		return MediaRTF
	case bytes.HasPrefix(raw, oleMagic):
		return sniffOLE(raw, name)
	case bytes.HasPrefix(raw, []byte("PK\x03\x04")), bytes.HasPrefix(raw, []byte("PK\x05\x06")):
		return sniffZip(raw)
	case bytes.HasPrefix(raw, []byte("II*\x00")), bytes.HasPrefix(raw, []byte("MM\x00*")):
		return MediaTIFF
	}
	if looksMHT(bytes.TrimLeft(head, " \t\r\n")) {
		return MediaMHT
	}
	if looksHTML(raw) {
		return MediaHTML
	}
	if looksText(raw) {
		return MediaText
	}
	return http.DetectContentType(raw)
}

// oleMagic starts every OLE2 compound file (legacy .doc and .xls).
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// htmlPrefixes are tags that, first in a file, make it HTML.
var htmlPrefixes = []string{"<!doctype html", "<html", "<head", "<body", "<meta", "<title",
	"<div", "<p", "<table", "<span", "<style", "<script", "<font", "<br", "<h1", "<h2", "<h3",
	"<center", "<form", "<link", "<?xml", "<!--", "<tr", "<td", "<strong", "<b>", "<ul", "<section", "<article"}

// looksHTML reports whether raw is HTML: it starts (after a BOM and
// whitespace) with a known tag, or its head holds <html/<body/<table.
func looksHTML(raw []byte) bool {
	head := raw
	if len(head) > 4096 {
		head = head[:4096]
	}
	head = bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF})
	lower := lowerASCII(head)
	trimmed := bytes.TrimLeft(lower, " \t\r\n\f")
	for _, p := range htmlPrefixes {
		if bytes.HasPrefix(trimmed, []byte(p)) {
			if p == "<?xml" {
				return bytes.Contains(trimmed, []byte("<html"))
			}
			return true
		}
	}
	for _, m := range []string{"<html", "<body", "<table", "<p>", "<p ", "<div", "<br>", "<br/>", "<br />"} {
		if bytes.Contains(lower, []byte(m)) {
			return true
		}
	}
	return false
}

// lowerASCII returns a copy of head with ASCII letters lower-cased and
// every other byte as it is: the sniffers look for ASCII tags and header
// names, and bytes.ToLower decodes every rune of a Chinese page's head
// (it was 3% of a corpus extraction).
func lowerASCII(head []byte) []byte {
	out := make([]byte, len(head))
	for i, c := range head {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return out
}

// looksText reports whether raw is text: no NUL bytes or other control
// characters besides whitespace (UTF-16 with a BOM is text too).
func looksText(raw []byte) bool {
	if bytes.HasPrefix(raw, []byte{0xFF, 0xFE}) || bytes.HasPrefix(raw, []byte{0xFE, 0xFF}) {
		return len(raw)%2 == 0
	}
	head := raw
	if len(head) > 8192 {
		head = head[:8192]
	}
	ctl := 0
	for _, c := range head {
		if c == 0 {
			return false
		}
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1B {
			ctl++
		}
	}
	return ctl*100 <= len(head)
}

// plainToText lays out decoded plain text: one block per non-empty line,
// whitespace inside lines collapsed.
func plainToText(s string) (string, []enduse.Block) {
	var out strings.Builder
	out.Grow(len(s))
	var blocks []enduse.Block
	runes := 0
	for line := range strings.Lines(s) {
		l := despace(collapseSpace(line))
		if l == "" {
			continue
		}
		if out.Len() > 0 {
			out.WriteByte('\n')
			runes++
		}
		start := runes
		out.WriteString(l)
		runes += utf8.RuneCountInString(l)
		blocks = append(blocks, enduse.Block{Kind: enduse.BlockPara, Start: start, End: runes})
	}
	return out.String(), blocks
}

// ext returns the lower-case extension of name without the dot.
func ext(name string) string {
	if i := strings.LastIndexByte(name, '!'); i >= 0 {
		name = name[i+1:]
	}
	return strings.TrimPrefix(strings.ToLower(path.Ext(name)), ".")
}
