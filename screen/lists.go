// Package screen loads export-control and sanctions lists (OFAC SDN and
// consolidated, trade.gov CSL, BIS Denied Persons, OpenSanctions CSV and
// FollowTheMoney JSON, the compiled Entity List and its university subset)
// and screens organisation names against them across scripts: a Chinese
// buyer name against English entries, English against English, Chinese
// against Chinese aliases.
//
// Lists are read once into immutable values; a Screener builds its indexes
// once and answers Screen calls concurrently. Every hit says why it matched
// in terms a person can check against the entry and the name.
package screen

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/enduse/enduse"
)

//go:embed lists
var bundle embed.FS

// ListInfo describes one loaded list file (or file set).
type ListInfo struct {
	Name    string `json:"name"`    // list name, e.g. "OFAC SDN"
	Version string `json:"version"` // as-of date of the list, YYYY-MM-DD or YYYY-MM when only that is known
	Source  string `json:"source"`  // the file or directory it was read from
	Format  string `json:"format"`  // importer that read it, e.g. "ofac-legacy-csv"
	Count   int    `json:"count"`   // entries read
}

// Lists is a set of loaded screening lists. It is immutable once built and
// safe for concurrent use.
type Lists struct {
	infos   []ListInfo
	entries []enduse.ListEntry
	owner   []int    // owner[i] is the index in infos of entries[i]
	ended   []string // ended[i] is the date entry i left its list, when the list says so
}

// ErrUnknownFormat is returned by Import for a file whose format is not
// one of the supported list formats.
var ErrUnknownFormat = errors.New("unknown list format")

// Default returns the built-in bundle of lists embedded in the binary (see
// lists/SOURCES.md for their origin and as-of dates).
func Default() (*Lists, error) {
	sub, err := fs.Sub(bundle, "lists")
	if err != nil {
		return nil, fmt.Errorf("open embedded lists: %w", err)
	}
	l, err := importFS(sub, ".", "lists")
	if err != nil {
		return nil, fmt.Errorf("load embedded lists: %w", err)
	}
	return l, nil
}

// Import reads one list file or a directory of list files. The format of
// each file is detected from its content (and name, for the headerless OFAC
// files). Given one file of an OFAC or university set, its sibling files
// are read with it. Errors name the file, line and problem.
func Import(p string) (*Lists, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, fmt.Errorf("import list %s: %w", p, err)
	}
	if st.IsDir() {
		return importFS(os.DirFS(p), ".", p)
	}
	dir, base := filepath.Split(p)
	if dir == "" {
		dir = "."
	}
	fsys := os.DirFS(dir)
	return importFile(fsys, base, filepath.Clean(p))
}

// importFS reads every list below root of fsys. label is used in error
// messages and ListInfo.Source as the directory's name.
func importFS(fsys fs.FS, root, label string) (*Lists, error) {
	var files []string
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		files = append(files, p)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read list directory %s: %w", label, err)
	}
	sort.Strings(files)
	var sets []*Lists
	done := map[string]bool{}
	for _, f := range files {
		if done[f] || skipFile(f) {
			continue
		}
		src := path.Join(label, f)
		set, err := detect(fsys, f, src)
		if errors.Is(err, ErrUnknownFormat) {
			continue // documentation and other files in a list directory
		}
		if err != nil {
			return nil, err
		}
		for _, used := range set.files {
			done[used] = true
		}
		sets = append(sets, set.lists)
	}
	out := mergeAll(sets)
	if len(out.infos) == 0 {
		return nil, fmt.Errorf("read list directory %s: no list files found", label)
	}
	return out, nil
}

// skipFile reports files that are never lists themselves (notes) or are
// read only as siblings of a main file.
func skipFile(p string) bool {
	ext := strings.ToLower(path.Ext(p))
	switch ext {
	case ".md", ".txt", ".csv", ".json", ".jsonl", ".ndjson", ".tsv":
	default:
		return true
	}
	return strings.EqualFold(path.Base(p), "README.md") || ext == ".md"
}

func importFile(fsys fs.FS, name, label string) (*Lists, error) {
	set, err := detect(fsys, name, label)
	if err != nil {
		return nil, err
	}
	return set.lists, nil
}

// fileSet is what one detection step read: the lists and every file used
// (main file and siblings), so directory imports do not read siblings twice.
type fileSet struct {
	lists *Lists
	files []string
}

// single wraps entries read from one file into a Lists.
func single(info ListInfo, entries []enduse.ListEntry) *Lists {
	info.Count = len(entries)
	for i := range entries {
		if entries[i].Version == "" {
			entries[i].Version = info.Version
		}
		if entries[i].List == "" {
			entries[i].List = info.Name
		}
	}
	owner := make([]int, len(entries))
	return &Lists{infos: []ListInfo{info}, entries: entries, owner: owner}
}

// Merge returns a new Lists holding the lists of l followed by those of o.
// Neither l nor o is changed.
func (l *Lists) Merge(o *Lists) *Lists {
	return mergeAll([]*Lists{l, o})
}

// mergeAll returns a new Lists holding the lists of ls in order (nil ones
// skipped). A directory's files are merged in one call: merging them two
// at a time copied every entry read so far once per file.
func mergeAll(ls []*Lists) *Lists {
	n := 0
	for _, l := range ls {
		if l != nil {
			n += len(l.entries)
		}
	}
	out := &Lists{entries: make([]enduse.ListEntry, 0, n), ended: make([]string, 0, n), owner: make([]int, 0, n)}
	for _, src := range ls {
		if src == nil {
			continue
		}
		base := len(out.infos)
		out.infos = append(out.infos, src.infos...)
		out.entries = append(out.entries, src.entries...)
		for i := range src.entries {
			e := ""
			if i < len(src.ended) {
				e = src.ended[i]
			}
			out.ended = append(out.ended, e)
		}
		for _, w := range src.owner {
			out.owner = append(out.owner, base+w)
		}
	}
	return out
}

// Names describes the loaded lists: name, version, source, format, count.
func (l *Lists) Names() []ListInfo {
	return append([]ListInfo(nil), l.infos...)
}

// Entries returns every entry of every loaded list (a copy of the slice;
// the entries share their alias slices with the Lists and must not be
// modified).
func (l *Lists) Entries() []enduse.ListEntry {
	return append([]enduse.ListEntry(nil), l.entries...)
}

// infoOf returns the ListInfo of entry i.
func (l *Lists) infoOf(i int) ListInfo { return l.infos[l.owner[i]] }

var dirDate = regexp.MustCompile(`(19|20)\d\d-(0[1-9]|1[0-2])(-\d\d)?`)

// versionFromPath takes an as-of date from a directory or file name such
// as "ofac-sdn-2021-07", the convention of the bundled lists.
func versionFromPath(p string) string {
	ms := dirDate.FindAllString(p, -1)
	if len(ms) == 0 {
		return ""
	}
	return ms[len(ms)-1]
}

// FromEntries builds a Lists holding one list from entries kept elsewhere
// (a store's copy of an imported list). Entries without a list name or
// version take the info's.
func FromEntries(info ListInfo, entries []enduse.ListEntry) *Lists {
	return single(info, append([]enduse.ListEntry(nil), entries...))
}

// EntriesOf returns the entries of the i-th list of Names().
func (l *Lists) EntriesOf(i int) []enduse.ListEntry {
	var out []enduse.ListEntry
	for j, o := range l.owner {
		if o == i {
			out = append(out, l.entries[j])
		}
	}
	return out
}
