package document

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/safetext"
)

// Record field names that a FieldMap maps.
const (
	FieldID        = "id"
	FieldURL       = "url"
	FieldTitle     = "title"
	FieldPublished = "published"
	FieldHTML      = "html"
	FieldText      = "text"
)

// fieldNames lists the record fields in a stable order.
var fieldNames = []string{FieldID, FieldURL, FieldTitle, FieldPublished, FieldHTML, FieldText}

// maxMetaValue is the longest scalar value kept in Document.Meta.
const maxMetaValue = 256

// FieldMap maps enduse's record field names (id, url, title, published,
// html, text) to the keys of a crawler export, so exports from any crawler
// can be read without code changes.
type FieldMap map[string]string

// ParseFieldMap parses a field map written as
// "title=bulletinTitle,html=bulletinContent,published=publishDate,id=bulletinId".
// Unknown enduse field names, empty keys and repeated names are errors.
// An empty string gives an empty map (keys are then detected).
func ParseFieldMap(s string) (FieldMap, error) {
	fm := FieldMap{}
	s = strings.TrimSpace(s)
	if s == "" {
		return fm, nil
	}
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		name, key, ok := strings.Cut(part, "=")
		name, key = strings.ToLower(strings.TrimSpace(name)), strings.TrimSpace(key)
		if !ok || key == "" {
			return nil, fmt.Errorf("field map %q: %q is not name=key", s, part)
		}
		if !isFieldName(name) {
			return nil, fmt.Errorf("field map %q: unknown field %q (known: %s)", s, name, strings.Join(fieldNames, ", "))
		}
		if _, dup := fm[name]; dup {
			return nil, fmt.Errorf("field map %q: field %q given twice", s, name)
		}
		fm[name] = key
	}
	return fm, nil
}

func isFieldName(name string) bool {
	for _, n := range fieldNames {
		if n == name {
			return true
		}
	}
	return false
}

// String renders the map in ParseFieldMap's syntax, in a stable order.
func (fm FieldMap) String() string {
	var parts []string
	for _, n := range fieldNames {
		if k, ok := fm[n]; ok {
			parts = append(parts, n+"="+k)
		}
	}
	return strings.Join(parts, ",")
}

// fieldCandidates are the keys that common Chinese procurement crawlers
// use for each field, in order of preference (matched case-insensitively).
var fieldCandidates = map[string][]string{
	FieldTitle: {"title", "bulletinTitle", "customtitle", "noticeTitle", "announcementTitle",
		"articleTitle", "projectTitle", "name", "subject", "headline"},
	FieldHTML: {"html", "content", "infocontent", "bulletinContent", "noticeContent", "contentHtml",
		"htmlContent", "articleContent", "body", "detail", "rawHtml"},
	FieldText: {"text", "plainText", "contentText", "textContent", "txt"},
	FieldPublished: {"publishDate", "infodate", "pubDate", "published", "publishTime", "publish_time",
		"publish_date", "releaseDate", "noticeTime", "pubinwebdate", "date", "time", "createTime"},
	FieldID:  {"id", "infoid", "bulletinId", "noticeId", "articleId", "uuid", "guid", "ref", "docid"},
	FieldURL: {"url", "infourl", "link", "href", "detailUrl", "sourceUrl", "pageUrl", "articleUrl", "prjUrl"},
}

// detectFields chooses, for each enduse field the map leaves unset, the
// first candidate key present among keys. It fails, naming what it chose
// and what the record offers, when neither content nor title is found.
func detectFields(fm FieldMap, keys []string) (FieldMap, error) {
	out := FieldMap{}
	for k, v := range fm {
		out[k] = v
	}
	lower := map[string]string{}
	for _, k := range keys {
		lk := strings.ToLower(k)
		if _, ok := lower[lk]; !ok {
			lower[lk] = k
		}
	}
	for _, name := range fieldNames {
		if _, ok := out[name]; ok {
			continue
		}
		if (name == FieldText && out[FieldHTML] != "") || (name == FieldHTML && fm[FieldText] != "") {
			continue
		}
		for _, c := range fieldCandidates[name] {
			if k, ok := lower[strings.ToLower(c)]; ok && !usedKey(out, k) {
				out[name] = k
				break
			}
		}
	}
	if out[FieldHTML] == "" && out[FieldText] == "" && out[FieldTitle] == "" {
		sorted := append([]string(nil), keys...)
		sort.Strings(sorted)
		return nil, fmt.Errorf("%w (chosen: %q; record keys: %s); map them, e.g. --fields html=KEY,title=KEY",
			errNoFields, out.String(), strings.Join(sorted, ","))
	}
	return out, nil
}

func usedKey(fm FieldMap, key string) bool {
	for _, v := range fm {
		if v == key {
			return true
		}
	}
	return false
}

// ReadRecords reads a crawler export — a JSON array, JSON Lines, CSV or
// TSV, detected from the content and the source name — and calls fn once
// per record with a Document whose Raw is the record's own bytes exactly
// as in the file (the JSON object text, or the CSV line(s) without the
// final line break), SHA256 of those bytes, RecordID/URL/Title/Published
// from the mapped keys, Text and Blocks from the html field (laid out as
// HTMLToText does) or the text field, and the record's remaining scalar
// fields of at most 256 bytes in Meta. Source is source#N, N the 1-based
// record number.
//
// Fields the FieldMap leaves unset are detected from each record's keys
// (see fieldCandidates). A bad record calls fn(nil, err) with its number and
// reading continues; an error returned by fn stops the read and is
// returned. Unreadable input (I/O errors, a broken JSON array) is
// returned as an error. Records and fields are bounded by the default
// Budget (see ReadRecordsContext).
func ReadRecords(r io.Reader, source string, fm FieldMap, fn func(*enduse.Document, error) error) error {
	return ReadRecordsContext(context.Background(), r, source, fm, Budget{}, fn)
}

// ReadRecordsContext is ReadRecords under a budget and a context: a
// record longer than b.MaxRecordBytes (checked while it is read, never
// after) or with a content field longer than b.MaxFieldBytes is a bad
// record, reported to fn with the limit and reading goes on; when ctx
// ends, reading stops with its error.
func ReadRecordsContext(ctx context.Context, r io.Reader, source string, fm FieldMap, b Budget, fn func(*enduse.Document, error) error) error {
	for name := range fm {
		if !isFieldName(name) {
			return fmt.Errorf("read records %s: unknown field %q in field map", safetext.Escape(source), name)
		}
	}
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(64 << 10)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return fmt.Errorf("read records %s: %w", safetext.Escape(source), err)
	}
	rr := &recordReader{ctx: ctx, b: b.WithDefaults(), source: source, fm: fm, fn: fn}
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF}), " \t\r\n")
	if len(trimmed) > 0 && (trimmed[0] == '[' || trimmed[0] == '{') && bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}) {
		br.Discard(3) // a UTF-8 byte-order mark is not JSON
	}
	switch {
	case len(trimmed) == 0:
		return nil
	case trimmed[0] == '[':
		err = rr.jsonArray(br)
	case trimmed[0] == '{':
		err = rr.jsonLines(br)
	default:
		comma := ','
		if e := ext(source); e == "tsv" || e == "tab" || sniffTab(trimmed) {
			comma = '\t'
		}
		err = rr.csv(br, comma, !utf8Mostly(head))
	}
	if errors.Is(err, errStop) {
		return rr.stopErr
	}
	if cerr := ctx.Err(); cerr != nil {
		return cerr
	}
	if err != nil {
		return fmt.Errorf("read records %s: %w", safetext.Escape(source), err)
	}
	return nil
}

// errNoFields is returned (wrapped) when a record has neither a content
// nor a title key.
var errNoFields = errors.New("no content or title key found")

// errStop marks that fn asked to stop.
var errStop = errors.New("stopped by callback")

// recordReader holds the state of one ReadRecords call.
type recordReader struct {
	ctx     context.Context
	b       Budget
	source  string
	fm      FieldMap
	fn      func(*enduse.Document, error) error
	n       int // records seen
	stopErr error
}

// emit delivers one record's result to fn.
func (rr *recordReader) emit(doc *enduse.Document, err error) error {
	if cerr := rr.ctx.Err(); cerr != nil {
		rr.stopErr = cerr
		return errStop
	}
	if err != nil {
		err = fmt.Errorf("%s record %d: %w", safetext.Escape(rr.source), rr.n, err)
		doc = nil
	}
	if ferr := rr.fn(doc, err); ferr != nil {
		rr.stopErr = ferr
		return errStop
	}
	return nil
}

// jsonArray reads a JSON array of objects, keeping each element's bytes.
// The decoder holds a whole element before returning it, so the bytes
// read since the last element ended are bounded while they are read (at
// twice the record budget, room for the decoder's read-ahead), and each
// element is checked against the budget itself.
func (rr *recordReader) jsonArray(r io.Reader) error {
	er := &elementReader{r: r, limit: rr.b.MaxRecordBytes}
	dec := json.NewDecoder(er)
	if _, err := dec.Token(); err != nil {
		return fmt.Errorf("json array: %w", err)
	}
	for dec.More() {
		er.mark = dec.InputOffset()
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			// A syntax error leaves the decoder unable to continue.
			return fmt.Errorf("json array broken at record %d: %w", rr.n+1, err)
		}
		if n := int64(len(raw)); n > rr.b.MaxRecordBytes {
			rr.n++
			if e := rr.emit(nil, overBudget("max_record_bytes", n, rr.b.MaxRecordBytes)); e != nil {
				return e
			}
			continue
		}
		if e := rr.handle([]byte(raw)); e != nil {
			return e
		}
	}
	return nil
}

// elementReader fails once more than twice limit bytes have been read
// past mark (the input offset where the current element starts).
type elementReader struct {
	r     io.Reader
	read  int64
	mark  int64
	limit int64
}

func (e *elementReader) Read(p []byte) (int, error) {
	room := 2*e.limit - (e.read - e.mark)
	if room < 0 {
		return 0, overBudget("max_record_bytes", e.read-e.mark, e.limit)
	}
	// The decoder asks for its whole spare capacity at once: read no
	// further than one byte past the allowance.
	if int64(len(p)) > room+1 {
		p = p[:room+1]
	}
	n, err := e.r.Read(p)
	e.read += int64(n)
	return n, err
}

// jsonLines reads one JSON object per line. A file that is one
// pretty-printed object, or objects spread over several lines each
// opening with a line "{", is read one object at a time: a scanner
// follows string and nesting state line by line, so finding where an
// object ends costs one pass over its bytes (re-validating the growing
// object on every line was quadratic).
func (rr *recordReader) jsonLines(br *bufio.Reader) error {
	var (
		pending  []byte // lines of an object spanning several lines
		prevTerm []byte // the terminator of the line before, kept in pending as written
		scan     jsonScan
		multi    bool // inside a multi-line object
		skipping bool // the multi-line object went over budget: skip to its end
	)
	for {
		line, term, tooLong, err := readLine(br, rr.b.MaxRecordBytes)
		switch {
		case tooLong != nil:
			rr.n++
			if e := rr.emit(nil, tooLong); e != nil {
				return e
			}
			if multi {
				// the rest of the object cannot be found reliably: the
				// next line starting a record starts afresh
				multi, skipping, pending = false, false, nil
			}
		case multi:
			done := scan.feed(line)
			if !skipping {
				// the record's raw bytes are the input's: lines are joined
				// by the terminators they had
				pending = append(append(pending, prevTerm...), line...)
				if int64(len(pending)) > rr.b.MaxRecordBytes {
					rr.n++
					if e := rr.emit(nil, overBudget("max_record_bytes", int64(len(pending)), rr.b.MaxRecordBytes)); e != nil {
						return e
					}
					pending, skipping = nil, true
				}
			}
			if done || err != nil {
				rec := bytes.TrimSpace(pending)
				wasSkipping := skipping
				multi, skipping, pending = false, false, nil
				if !wasSkipping {
					if e := rr.handle(rec); e != nil {
						return e
					}
				}
			}
		default:
			t := bytes.TrimSpace(line)
			switch {
			case len(t) == 0:
			case string(t) == "{":
				// the opening line of a multi-line object
				multi = true
				scan = jsonScan{}
				scan.feed(line)
				pending = append(pending[:0], line...)
			default:
				if e := rr.handle(t); e != nil {
					return e
				}
			}
		}
		prevTerm = append(prevTerm[:0], term...)
		if err == io.EOF {
			if multi && !skipping && len(pending) > 0 {
				if e := rr.handle(bytes.TrimSpace(pending)); e != nil {
					return e
				}
			}
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// jsonScan follows the nesting of a JSON text fed to it in pieces,
// without validating it: enough to tell where a value ends.
type jsonScan struct {
	depth   int
	inStr   bool
	escaped bool
	opened  bool // a bracket has been seen
}

// feed scans b and reports whether the outermost value has closed.
func (s *jsonScan) feed(b []byte) bool {
	for _, c := range b {
		switch {
		case s.inStr:
			switch {
			case s.escaped:
				s.escaped = false
			case c == '\\':
				s.escaped = true
			case c == '"':
				s.inStr = false
			}
		case c == '"':
			s.inStr = true
		case c == '{' || c == '[':
			s.depth++
			s.opened = true
		case c == '}' || c == ']':
			s.depth--
		}
	}
	return s.opened && s.depth <= 0
}

// handle delivers one JSON value: a record, or an API response that
// wraps records ({"code":0,"data":{"list":[…]}}), whose records are
// delivered one by one.
func (rr *recordReader) handle(raw []byte) error {
	rr.n++
	doc, err := rr.object(raw)
	if errors.Is(err, errNoFields) {
		if elems := wrappedRecords(raw, 0); len(elems) > 0 && rr.hasFields(elems[0]) {
			rr.n--
			for _, e := range elems {
				rr.n++
				doc, err := rr.object(e)
				if e := rr.emit(doc, err); e != nil {
					return e
				}
			}
			return nil
		}
	}
	return rr.emit(doc, err)
}

// hasFields reports whether a JSON object has a content or title key, so
// that only arrays of records are unwrapped.
func (rr *recordReader) hasFields(raw []byte) bool {
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil {
		return false
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	_, err := detectFields(rr.fm, keys)
	return err == nil
}

// wrappedRecords returns the elements of the largest array of objects
// found at most three objects deep in raw, each element's bytes as they
// are in raw; nil when there is none.
func wrappedRecords(raw []byte, depth int) [][]byte {
	var m map[string]json.RawMessage
	if depth > 3 || json.Unmarshal(raw, &m) != nil {
		return nil
	}
	var best [][]byte
	for _, v := range m {
		v = bytes.TrimSpace(v)
		var cand [][]byte
		switch {
		case len(v) > 0 && v[0] == '[':
			var arr []json.RawMessage
			if json.Unmarshal(v, &arr) != nil {
				continue
			}
			for _, e := range arr {
				if e = bytes.TrimSpace(e); len(e) > 0 && e[0] == '{' {
					cand = append(cand, e)
				}
			}
		case len(v) > 0 && v[0] == '{':
			cand = wrappedRecords(v, depth+1)
		}
		if len(cand) > len(best) {
			best = cand
		}
	}
	return best
}

// readLine returns the next line without its terminator, and the
// terminator ("\n", "\r\n" or "" at the end); io.EOF comes with the last
// (possibly empty) line. A line longer than max is not held:
// it is read to its end and discarded, and tooLong is set (line then
// holds only its first bytes), so a 10 GB line costs no memory.
func readLine(br *bufio.Reader, max int64) (line, term []byte, tooLong error, err error) {
	var n int64
	over := false
	for {
		frag, ferr := br.ReadSlice('\n')
		n += int64(len(frag))
		if !over {
			if n > max+2 { // +2: the terminator is not the record's
				over = true
				line = nil
			} else {
				line = append(line, frag...)
			}
		}
		if ferr == bufio.ErrBufferFull {
			continue
		}
		err = ferr
		break
	}
	if over {
		return nil, nil, overBudget("max_record_bytes", n, max), err
	}
	switch {
	case bytes.HasSuffix(line, []byte("\r\n")):
		line, term = line[:len(line)-2], []byte("\r\n")
	case bytes.HasSuffix(line, []byte("\n")):
		line, term = line[:len(line)-1], []byte("\n")
	}
	if int64(len(line)) > max {
		return nil, nil, overBudget("max_record_bytes", int64(len(line)), max), err
	}
	return line, term, nil, err
}

// object turns one JSON object's bytes into a Document.
func (rr *recordReader) object(raw []byte) (*enduse.Document, error) {
	body := raw
	charset := charsetUTF8
	if !utf8.Valid(body) {
		// GBK-encoded JSON exists in the wild; read it as GB18030.
		dec, err := simplifiedchinese.GB18030.NewDecoder().Bytes(body)
		if err != nil {
			return nil, fmt.Errorf("decode gb18030: %w", err)
		}
		body, charset = dec, charsetGB18030
	}
	d := json.NewDecoder(bytes.NewReader(body))
	d.UseNumber()
	var m map[string]any
	if err := d.Decode(&m); err != nil {
		return nil, fmt.Errorf("json: %w", err)
	}
	if m == nil {
		return nil, errors.New("json: not an object")
	}
	keys := make([]string, 0, len(m))
	vals := make(map[string]string, len(m))
	for k, v := range m {
		keys = append(keys, k)
		if s, ok := scalar(v); ok {
			vals[k] = s
		}
	}
	return rr.build(raw, keys, vals, charset)
}

// scalar renders a JSON scalar as a string; objects, arrays and null are
// not scalars.
func scalar(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case json.Number:
		return x.String(), true
	case bool:
		return strconv.FormatBool(x), true
	}
	return "", false
}

// build makes the Document of one record from its raw bytes, its keys and
// its scalar values.
func (rr *recordReader) build(raw []byte, keys []string, vals map[string]string, charset string) (*enduse.Document, error) {
	// Keys are detected per record: exports omit null fields, so the
	// first record need not show every key.
	fm, err := detectFields(rr.fm, keys)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(raw)
	doc := &enduse.Document{
		SHA256:   hex.EncodeToString(sum[:]),
		Source:   fmt.Sprintf("%s#%d", rr.source, rr.n),
		Raw:      raw,
		Charset:  charset,
		RecordID: strings.TrimSpace(vals[fm[FieldID]]),
		URL:      strings.TrimSpace(vals[fm[FieldURL]]),
		Title:    collapseSpace(vals[fm[FieldTitle]]),
	}
	if p := vals[fm[FieldPublished]]; p != "" {
		doc.Published = NormalizeDate(p)
	}
	html, hasHTML := vals[fm[FieldHTML]]
	text, hasText := vals[fm[FieldText]]
	if fm[FieldHTML] == "" {
		hasHTML = false
	}
	if fm[FieldText] == "" {
		hasText = false
	}
	for _, f := range []struct {
		key, v string
	}{{fm[FieldHTML], html}, {fm[FieldText], text}} {
		if int64(len(f.v)) > rr.b.MaxFieldBytes {
			return nil, fmt.Errorf("field %q: %w", f.key, overBudget("max_field_bytes", int64(len(f.v)), rr.b.MaxFieldBytes))
		}
	}
	switch {
	case hasHTML && strings.TrimSpace(html) != "":
		if looksHTML([]byte(html)) {
			p, err := parseHTML(newMeter(rr.ctx, rr.b), html)
			if err != nil {
				return nil, fmt.Errorf("field %q: %w", fm[FieldHTML], err)
			}
			doc.MediaType = MediaHTML
			doc.Text, doc.Blocks = p.text, p.blocks
			if doc.Title == "" {
				doc.Title = p.title
			}
			if doc.Published == "" {
				doc.Published = NormalizeDate(p.meta["pubdate"])
			}
		} else {
			doc.MediaType = MediaText
			doc.Text, doc.Blocks = plainToText(html)
		}
	case hasText && strings.TrimSpace(text) != "":
		doc.MediaType = MediaText
		doc.Text, doc.Blocks = plainToText(text)
	case doc.Title != "":
		// A listing record: the title is all there is.
		doc.MediaType = MediaText
	default:
		return nil, fmt.Errorf("no content in %s and no title in %q", contentKeys(fm), fm[FieldTitle])
	}
	if err := checkText(doc.Text, rr.b); err != nil {
		return nil, err
	}
	for _, k := range keys {
		if usedKey(fm, k) {
			continue
		}
		v, ok := vals[k]
		if !ok || v == "" || len(v) > maxMetaValue {
			continue
		}
		if doc.Meta == nil {
			doc.Meta = map[string]string{}
		}
		doc.Meta[k] = v
	}
	return doc, nil
}

// contentKeys names the content keys of a map for error messages.
func contentKeys(fm FieldMap) string {
	var ks []string
	for _, n := range []string{FieldHTML, FieldText} {
		if fm[n] != "" {
			ks = append(ks, fmt.Sprintf("%q", fm[n]))
		}
	}
	if len(ks) == 0 {
		return "(no content key)"
	}
	return strings.Join(ks, " or ")
}

// sniffTab reports whether the first line of a delimited file has more
// tabs than commas.
func sniffTab(b []byte) bool {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	return bytes.Count(b, []byte("\t")) > bytes.Count(b, []byte(","))
}

// utf8Mostly reports whether b reads as UTF-8, allowing a truncated rune
// at the end of a peeked buffer and rare stray bytes (see bestOfUTF8GB).
func utf8Mostly(b []byte) bool {
	if utf8.Valid(b) {
		return true
	}
	valid, invalid := utf8Counts(b)
	return valid > 0 && invalid*10 < valid
}

// csv reads a CSV/TSV export whose first record is the header. Fields are
// split on the raw bytes (GBK bytes never collide with ASCII delimiters)
// and decoded from GB18030 when the file is not UTF-8.
func (rr *recordReader) csv(br *bufio.Reader, comma rune, gbk bool) error {
	rec := &recorder{r: br, max: rr.b.MaxRecordBytes}
	cr := csv.NewReader(rec)
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = false
	charset := charsetUTF8
	if gbk {
		charset = charsetGB18030
	}
	dec := simplifiedchinese.GB18030.NewDecoder()
	decode := func(s string) string {
		if !gbk {
			return strings.ToValidUTF8(s, "\uFFFD")
		}
		out, err := dec.String(s)
		if err != nil {
			return strings.ToValidUTF8(s, "\uFFFD")
		}
		return out
	}
	header, err := cr.Read()
	if err == io.EOF {
		return nil
	}
	if err != nil {
		return fmt.Errorf("csv header: %w", err)
	}
	for i := range header {
		header[i] = strings.TrimSpace(strings.TrimPrefix(decode(header[i]), "\uFEFF"))
		if header[i] == "" {
			header[i] = fmt.Sprintf("column%d", i+1)
		}
	}
	start := cr.InputOffset()
	rec.drop(start)
	for {
		fields, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		end := cr.InputOffset()
		raw := rec.slice(start, end)
		start = end
		rec.drop(end)
		rr.n++
		if err != nil {
			var perr *csv.ParseError
			if errors.As(err, &perr) {
				if e := rr.emit(nil, fmt.Errorf("csv: %w", err)); e != nil {
					return e
				}
				continue
			}
			return err
		}
		raw = bytes.TrimRight(raw, "\r\n")
		if len(bytes.TrimSpace(raw)) == 0 {
			rr.n--
			continue
		}
		vals := make(map[string]string, len(header))
		keys := make([]string, 0, len(header))
		for i, f := range fields {
			if i >= len(header) {
				break
			}
			keys = append(keys, header[i])
			vals[header[i]] = decode(f)
		}
		doc, derr := rr.build(raw, keys, vals, charset)
		if e := rr.emit(doc, derr); e != nil {
			return e
		}
	}
}

// recorder is an io.Reader that keeps the bytes read through it from a
// base offset on, so the raw bytes of each CSV record can be sliced out
// by the csv.Reader's input offsets.
type recorder struct {
	r    io.Reader
	buf  []byte
	base int64 // stream offset of buf[0]
	// max caps the bytes kept: more than that of one record (an
	// unclosed quote swallows the rest of the file) is over budget.
	max int64
}

func (rc *recorder) Read(p []byte) (int, error) {
	if rc.max > 0 && int64(len(rc.buf)) > rc.max {
		return 0, overBudget("max_record_bytes", int64(len(rc.buf)), rc.max)
	}
	n, err := rc.r.Read(p)
	rc.buf = append(rc.buf, p[:n]...)
	return n, err
}

// slice returns a copy of stream bytes [start, end).
func (rc *recorder) slice(start, end int64) []byte {
	lo, hi := start-rc.base, end-rc.base
	if lo < 0 || hi > int64(len(rc.buf)) || lo > hi {
		return nil
	}
	return bytes.Clone(rc.buf[lo:hi])
}

// drop forgets the bytes before stream offset off.
func (rc *recorder) drop(off int64) {
	k := off - rc.base
	if k <= 0 {
		return
	}
	if k > int64(len(rc.buf)) {
		k = int64(len(rc.buf))
	}
	rc.buf = append(rc.buf[:0], rc.buf[k:]...)
	rc.base += k
}

// dateRE finds a date written as 2025-03-21, 2025/3/21, 2025.03.21 or
// 2025年3月21日.
var dateRE = regexp.MustCompile(`(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})`)

// NormalizeDate returns a record's date as YYYY-MM-DD, or "" when it
// holds no recognisable date. It reads ISO dates and datetimes, slashes,
// dots, Chinese 年月日, compact 20250321 and Unix epoch seconds or
// milliseconds.
func NormalizeDate(s string) string {
	s = strings.TrimSpace(s)
	if m := dateRE.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		return validDate(y, mo, d)
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		switch {
		case len(s) == 8:
			return validDate(int(n/10000), int(n/100%100), int(n%100))
		case len(s) == 10 || len(s) == 13:
			if len(s) == 13 {
				n /= 1000
			}
			// Chinese notices are dated in China Standard Time.
			t := time.Unix(n, 0).In(time.FixedZone("CST", 8*3600))
			return validDate(t.Year(), int(t.Month()), t.Day())
		}
	}
	return ""
}

// validDate formats a calendar date, or returns "" when it does not exist.
func validDate(y, m, d int) string {
	if y < 1949 || y > 2200 || m < 1 || m > 12 || d < 1 {
		return ""
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return ""
	}
	return t.Format("2006-01-02")
}
