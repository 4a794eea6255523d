package screen

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/enduse/enduse/safetext"
)

// detect reads the file name of fsys (label names it in errors) with the
// importer its content calls for.
func detect(fsys fs.FS, name, label string) (fileSet, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fileSet{}, fmt.Errorf("read list %s: %w", label, err)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		return fileSet{}, fmt.Errorf("read list %s: not UTF-8 text", label)
	}
	base := strings.ToLower(path.Base(name))
	if role, ok := ofacRoleOf(base); ok {
		return readOFAC(fsys, name, label, role)
	}
	head := firstLine(data)
	trim := bytes.TrimSpace(data)
	switch {
	case len(trim) == 0:
		return fileSet{}, fmt.Errorf("read list %s: empty file: %w", label, ErrUnknownFormat)
	case trim[0] == '{' || trim[0] == '[':
		return readJSON(fsys, name, label, data)
	case strings.HasPrefix(head, `"Name"`+"\t") || strings.HasPrefix(head, "Name\tStreet_Address"):
		l, err := readDPL(data, label, versionFromPath(label))
		return fileSet{lists: l, files: []string{name}}, err
	}
	hdr := headerFields(head)
	switch {
	case hdr["entity_number"] && hdr["alt_names"] && hdr["source"]:
		l, err := readCSL(data, label)
		return fileSet{lists: l, files: []string{name}}, err
	case hdr["english_name"] && hdr["zh_name"]:
		l, err := readCompiledEL(data, label)
		return fileSet{lists: l, files: []string{name}}, err
	case hdr["name"] || hdr["covered_equipment_or_services"]:
		l, err := readOpenSanctionsCSV(data, label, base)
		return fileSet{lists: l, files: []string{name}}, err
	case ofacPrimaryLine.MatchString(head):
		return readOFAC(fsys, name, label, roleMain)
	}
	return fileSet{}, fmt.Errorf("read list %s: %w (first line %q)", label, ErrUnknownFormat, safetext.Clip(head, 80))
}

// ofacPrimaryLine matches the first line of a headerless OFAC primary file:
// an entry number, a quoted name and the -0- empty marker.
var ofacPrimaryLine = regexp.MustCompile(`^\d+,"[^"]*",.*-0-`)

func firstLine(data []byte) string {
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		data = data[:i]
	}
	return strings.TrimRight(string(data), "\r")
}

// headerFields returns the lower-cased names of a CSV header line.
func headerFields(line string) map[string]bool {
	r := csv.NewReader(strings.NewReader(line))
	r.LazyQuotes = true
	rec, err := r.Read()
	out := map[string]bool{}
	if err != nil {
		return out
	}
	for _, f := range rec {
		out[strings.ToLower(strings.TrimSpace(f))] = true
	}
	return out
}

// csvTable is a CSV file read with its header, for importers that pick
// columns by name.
type csvTable struct {
	label string
	cols  map[string]int
	rows  [][]string
	lines []int // lines[i] is the 1-based line where rows[i] starts
}

// readCSVTable parses data as CSV with a header row.
func readCSVTable(data []byte, label string, comma rune) (*csvTable, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = comma
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	hdr, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("read list %s: header: %w", label, err)
	}
	t := &csvTable{label: label, cols: map[string]int{}}
	for i, h := range hdr {
		k := strings.ToLower(strings.TrimSpace(h))
		if _, dup := t.cols[k]; !dup {
			t.cols[k] = i
		}
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read list %s: %w", label, err)
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		line, _ := r.FieldPos(0)
		t.rows = append(t.rows, rec)
		t.lines = append(t.lines, line)
	}
	return t, nil
}

// get returns the trimmed value of the first named column present in row i.
func (t *csvTable) get(i int, names ...string) string {
	for _, n := range names {
		if c, ok := t.cols[n]; ok && c < len(t.rows[i]) {
			if v := strings.TrimSpace(t.rows[i][c]); v != "" {
				return v
			}
		}
	}
	return ""
}

func (t *csvTable) has(names ...string) bool {
	for _, n := range names {
		if _, ok := t.cols[n]; ok {
			return true
		}
	}
	return false
}

// splitList splits a multi-valued cell on ';' (and '|' used by some
// exports), trimming and dropping empties.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '|' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

var dateLayouts = []string{
	"2006-01-02", "2006-1-2", "02.01.2006", "2.1.2006", "02.01.06", "2.1.06", "01/02/2006", "1/2/2006",
	"January 2, 2006", "Jan 2, 2006", "2 January 2006", "02 Jan 2006", "2006/01/02", "2006-01-02T15:04:05Z07:00",
	"2006-01-02T15:04:05.999999Z07:00",
}

// normDate returns s as YYYY-MM-DD (or YYYY when only a year is given), or
// "" when s is not a date.
func normDate(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if len(s) == 4 && s[0] >= '1' && s[0] <= '2' && strings.Trim(s, "0123456789") == "" {
		return s
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.Format("2006-01-02")
		}
	}
	if m := dirDate.FindString(s); m != "" && len(m) == 10 {
		return m
	}
	return ""
}

// maxDate keeps the later of two normalised dates.
func maxDate(a, b string) string {
	if b > a {
		return b
	}
	return a
}

// dedupe removes empty and repeated strings (case-insensitive) and any equal
// to skip, keeping order.
func dedupe(skip string, in []string) []string {
	seen := map[string]bool{strings.ToLower(skip): true}
	var out []string
	for _, s := range in {
		s = strings.TrimSpace(s)
		k := strings.ToLower(s)
		if s == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, s)
	}
	return out
}
