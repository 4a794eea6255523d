package screen

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/org"
	"github.com/enduse/enduse/region"
)

// A snapshot stores what a Screener's build reads from its lists (the
// lists themselves, each entry's identity, names, keys and forms, and the
// English place keys), so that a process can load the built-in screener
// in milliseconds instead of building it for a third of a second: most of
// a one-file `enduse extract`. Filling the lookup maps from it is left to
// the loader; it is cheap.
//
// The format is ours and versioned by snapshotMagic: the magic, the
// fingerprint of the data it was built from, a table of distinct strings
// (their lengths, then their bytes), then the body, in which every number
// is a uvarint and every string an index into the table. Strings are
// sliced from the snapshot, so loading allocates little.

// snapshotMagic opens every snapshot; bump its version when the layout or
// what a build reads changes.
const snapshotMagic = "enduse screener snapshot 1\n"

// ErrSnapshot is wrapped by errors of a snapshot that cannot be read.
var ErrSnapshot = errors.New("screener snapshot")

// Fingerprint hashes the data a built-in screener is built from: the
// embedded lists and this package's glossaries, and the files of inputs
// (the data of the knowledge base, organisation analyser and region table
// the screener is built with). A snapshot whose fingerprint differs was
// built from other data and must not be loaded.
func Fingerprint(inputs ...fs.FS) (string, error) {
	h := sha256.New()
	h.Write([]byte(snapshotMagic))
	h.Write([]byte(glossaryTSV))
	h.Write([]byte(listFamiliesTSV))
	for _, fsys := range append([]fs.FS{bundle}, inputs...) {
		err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "%s\x00%d\x00", p, len(b))
			h.Write(b)
			return nil
		})
		if err != nil {
			return "", fmt.Errorf("fingerprint screener data: %w", err)
		}
	}
	h.Write([]byte{0xff}) // end of the file sets
	return hex.EncodeToString(h.Sum(nil)), nil
}

// WriteSnapshot builds a screener as NewScreener does and returns its
// snapshot, stamped with fingerprint (see Fingerprint).
func WriteSnapshot(l *Lists, a *org.Analyzer, aliases func(string) []string, fingerprint string) ([]byte, error) {
	english, canon, tab, err := analyzerParts(a)
	if err != nil {
		return nil, err
	}
	s, read, err := buildScreener(l, tab, english, canon, aliases)
	if err != nil {
		return nil, err
	}
	w := &snapWriter{ids: map[string]int{}}
	w.lists(s.l)
	for _, id := range s.ident {
		w.str(id.id)
		w.str(id.name)
	}
	for _, en := range read {
		w.names(en)
	}
	keys := make([]string, 0, len(s.gaz.en))
	for k := range s.gaz.en {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	w.uint(len(keys))
	for _, k := range keys {
		w.str(k)
		w.strs(s.gaz.en[k])
	}
	return w.bytes(fingerprint), nil
}

// SnapshotFingerprint returns the fingerprint a snapshot was stamped with.
func SnapshotFingerprint(snap string) (string, error) {
	r := &snapReader{data: snap}
	return r.header()
}

// Snapshot is a decoded snapshot: a screener's lists and the entries'
// names, waiting for the functions a screener calls when it screens.
type Snapshot struct {
	lists *Lists
	ident []entryIdentity
	read  []entryNames
	en    map[string][]string
}

// ReadSnapshot decodes a snapshot. The strings of the result are slices
// of snap. Errors wrap ErrSnapshot.
func ReadSnapshot(snap string) (*Snapshot, error) {
	r := &snapReader{data: snap}
	if _, err := r.header(); err != nil {
		return nil, err
	}
	r.readTable()
	out := &Snapshot{lists: r.lists()}
	n := len(out.lists.entries)
	if r.err == nil {
		out.ident = make([]entryIdentity, n)
		for i := range out.ident {
			out.ident[i] = entryIdentity{id: r.str(), name: r.str()}
		}
		out.read = make([]entryNames, n)
		for i := range out.read {
			out.read[i] = r.names(i)
		}
		keys := r.count()
		out.en = make(map[string][]string, keys)
		for range keys {
			k := r.str()
			out.en[k] = r.strs()
		}
	}
	if r.err == nil && r.pos != len(r.data) {
		r.fail("%d bytes after the end", len(r.data)-r.pos)
	}
	if r.err != nil {
		return nil, r.err
	}
	return out, nil
}

// Lists returns the lists the snapshot was built from.
func (sn *Snapshot) Lists() *Lists { return sn.lists }

// Screener returns a screener over the snapshot. a and aliases must be
// built from the data the snapshot was (see Fingerprint): the analyser's
// region table, its canonical names and aliases are used as they were
// when the snapshot was written.
func (sn *Snapshot) Screener(a *org.Analyzer, aliases func(string) []string) *Screener {
	_, canon, tab, err := analyzerParts(a)
	if err != nil {
		return &Screener{err: err, l: &Lists{}}
	}
	g, err := newGlossary()
	if err != nil {
		return &Screener{err: err, l: &Lists{}}
	}
	return sn.screener(g, tab, canon, aliases)
}

// screener fills a screener's lookup maps from the snapshot.
func (sn *Snapshot) screener(g *glossary, tab *region.Table, canon func(string) string, aliases func(string) []string) *Screener {
	s := bareScreener(sn.lists, g, canon, aliases)
	s.gaz = &gazetteer{tab: tab, en: sn.en, zh: divisionsByCode(tab)}
	s.ident = sn.ident
	s.fill(sn.read)
	return s
}

// analyzerParts returns what a screener takes from an organisation
// analyser (nil: none): English renderings, canonical names and the
// region table (the built-in one without an analyser).
func analyzerParts(a *org.Analyzer) (english, canon func(string) string, tab *region.Table, err error) {
	if a != nil {
		return a.English, a.Canonical, a.Regions(), nil
	}
	tab, err = region.Load()
	if err != nil {
		return nil, nil, nil, fmt.Errorf("screen without places: %w", err)
	}
	return nil, nil, tab, nil
}

// snapWriter writes a snapshot's body and collects its string table.
type snapWriter struct {
	body  []byte
	ids   map[string]int
	table []string
}

func (w *snapWriter) uint(n int) { w.body = binary.AppendUvarint(w.body, uint64(n)) }

func (w *snapWriter) bool(b bool) {
	if b {
		w.uint(1)
	} else {
		w.uint(0)
	}
}

func (w *snapWriter) str(s string) {
	id, ok := w.ids[s]
	if !ok {
		id = len(w.table)
		w.ids[s] = id
		w.table = append(w.table, s)
	}
	w.uint(id)
}

func (w *snapWriter) strs(ss []string) {
	w.uint(len(ss))
	for _, s := range ss {
		w.str(s)
	}
}

func (w *snapWriter) lists(l *Lists) {
	w.uint(len(l.infos))
	for _, in := range l.infos {
		for _, s := range []string{in.Name, in.Version, in.Source, in.Format} {
			w.str(s)
		}
		w.uint(in.Count)
	}
	w.uint(len(l.entries))
	for i, e := range l.entries {
		for _, s := range []string{e.List, e.Version, e.ID, e.Name, e.NameZH, e.Type, e.Country, e.Address, e.Citation, e.Date, e.SourceURL} {
			w.str(s)
		}
		w.strs(e.Aliases)
		w.strs(e.Programs)
		w.uint(l.owner[i])
	}
	w.strs(l.ended)
}

func (w *snapWriter) names(en entryNames) {
	w.uint(len(en.names))
	w.bool(en.forms != nil)
	for j, n := range en.names {
		w.uint(int(n.kind))
		w.str(n.text)
		w.strs(en.keys[j])
		if en.forms == nil {
			continue
		}
		f := en.forms[j]
		w.uint(len(f.places))
		for _, p := range f.places {
			w.str(p.text)
			w.strs(p.codes)
			w.uint(p.end)
		}
		for _, s := range []string{f.inst, f.instText, f.units, f.trade, f.tradePY} {
			w.str(s)
		}
		w.bool(f.psunit)
		w.bool(f.zh)
		w.bool(f.company)
		w.strs(f.concepts)
		w.uint(f.enEnd)
	}
}

// bytes returns the whole snapshot.
func (w *snapWriter) bytes(fingerprint string) []byte {
	out := []byte(snapshotMagic + fingerprint + "\n")
	out = binary.AppendUvarint(out, uint64(len(w.table)))
	for _, s := range w.table {
		out = binary.AppendUvarint(out, uint64(len(s)))
	}
	for _, s := range w.table {
		out = append(out, s...)
	}
	return append(out, w.body...)
}

// snapReader reads a snapshot; the first problem sticks in err and every
// later read returns zero values, so decoding code checks once.
type snapReader struct {
	data  string
	pos   int
	table []string
	err   error
}

func (r *snapReader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf("%w: at byte %d: %s", ErrSnapshot, r.pos, fmt.Sprintf(format, args...))
	}
}

// header reads the magic and returns the fingerprint.
func (r *snapReader) header() (string, error) {
	if !strings.HasPrefix(r.data, snapshotMagic) {
		return "", fmt.Errorf("%w: not a snapshot of this version", ErrSnapshot)
	}
	rest := r.data[len(snapshotMagic):]
	nl := strings.IndexByte(rest, '\n')
	if nl < 0 {
		return "", fmt.Errorf("%w: no fingerprint", ErrSnapshot)
	}
	r.pos = len(snapshotMagic) + nl + 1
	return rest[:nl], nil
}

func (r *snapReader) uint() int {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint([]byte(r.data[r.pos:min(len(r.data), r.pos+binary.MaxVarintLen64)]))
	if n <= 0 || v > uint64(len(r.data)) {
		r.fail("bad number")
		return 0
	}
	r.pos += n
	return int(v)
}

// count reads the length of a sequence; each element takes at least a
// byte, so a length beyond what is left is corrupt (and allocating it
// would let a bad file take any amount of memory).
func (r *snapReader) count() int {
	n := r.uint()
	if n > len(r.data)-r.pos {
		r.fail("length %d beyond the end", n)
		return 0
	}
	return n
}

func (r *snapReader) bool() bool {
	switch r.uint() {
	case 0:
		return false
	case 1:
		return true
	}
	r.fail("bad flag")
	return false
}

// readTable reads the string table.
func (r *snapReader) readTable() {
	n := r.count()
	lens := make([]int, n)
	total := 0
	for i := range lens {
		lens[i] = r.uint()
		total += lens[i]
	}
	if r.err == nil && total > len(r.data)-r.pos {
		r.fail("strings run past the end")
	}
	if r.err != nil {
		return
	}
	r.table = make([]string, n)
	for i, l := range lens {
		r.table[i] = r.data[r.pos : r.pos+l]
		r.pos += l
	}
}

func (r *snapReader) str() string {
	id := r.uint()
	if r.err != nil {
		return ""
	}
	if id >= len(r.table) {
		r.fail("string %d of %d", id, len(r.table))
		return ""
	}
	return r.table[id]
}

func (r *snapReader) strs() []string {
	n := r.count()
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = r.str()
	}
	return out
}

func (r *snapReader) lists() *Lists {
	l := &Lists{}
	l.infos = make([]ListInfo, r.count())
	for i := range l.infos {
		l.infos[i] = ListInfo{Name: r.str(), Version: r.str(), Source: r.str(), Format: r.str(), Count: r.uint()}
	}
	n := r.count()
	l.entries = make([]enduse.ListEntry, n)
	l.owner = make([]int, n)
	for i := range l.entries {
		e := &l.entries[i]
		for _, p := range []*string{&e.List, &e.Version, &e.ID, &e.Name, &e.NameZH, &e.Type, &e.Country, &e.Address, &e.Citation, &e.Date, &e.SourceURL} {
			*p = r.str()
		}
		e.Aliases = r.strs()
		e.Programs = r.strs()
		if l.owner[i] = r.uint(); l.owner[i] >= len(l.infos) && r.err == nil {
			r.fail("entry %d of list %d of %d", i, l.owner[i], len(l.infos))
		}
	}
	l.ended = r.strs()
	if len(l.ended) > len(l.entries) {
		r.fail("%d end dates for %d entries", len(l.ended), len(l.entries))
	}
	return l
}

func (r *snapReader) names(entry int) entryNames {
	n := r.count()
	en := entryNames{names: make([]nameRef, n), keys: make([][]string, n)}
	if r.bool() {
		en.forms = make([]form, n)
	}
	for j := range en.names {
		k := r.uint()
		if k > int(kindKB) {
			r.fail("bad name kind %d", k)
		}
		en.names[j] = nameRef{entry: entry, kind: nameKind(k), text: r.str()}
		en.keys[j] = r.strs()
		if en.forms == nil {
			continue
		}
		f := &en.forms[j]
		if np := r.count(); np > 0 {
			f.places = make([]placeRef, np)
			for i := range f.places {
				f.places[i] = placeRef{text: r.str(), codes: r.strs(), end: r.uint()}
				if len(f.places[i].codes) == 0 {
					r.fail("a place without codes")
				}
			}
		}
		for _, p := range []*string{&f.inst, &f.instText, &f.units, &f.trade, &f.tradePY} {
			*p = r.str()
		}
		f.psunit, f.zh, f.company = r.bool(), r.bool(), r.bool()
		f.concepts = r.strs()
		f.enEnd = r.uint()
	}
	return en
}
