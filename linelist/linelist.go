// Package linelist reads the line-list data files that hold enduse's
// vocabulary (lexicons, glossaries, place names, header words): one entry
// a line, blank lines and '#' comment lines ignored, the fields of an
// entry separated by tabs. Every package that keeps vocabulary as data
// reads it here, so a data file means the same in every package and a
// malformed line is reported the same way: by file and line.
package linelist

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Row is one entry of a tab-separated line list.
type Row struct {
	File   string   // the file's name as the caller gave it, for messages
	Line   int      // 1-based line number in the file
	Fields []string // the tab-separated fields, each trimmed of white space
}

// Errorf is an error about the row that names its file and line, for the
// checks a caller makes of a row's fields.
func (r Row) Errorf(format string, args ...any) error {
	return fmt.Errorf("%s line %d: %s", r.File, r.Line, fmt.Sprintf(format, args...))
}

// Entries returns the entries of a one-entry-a-line file in file order,
// each trimmed of surrounding white space (a CRLF file reads as an LF one).
func Entries(data string) []string {
	var out []string
	each(data, func(_ int, l string) { out = append(out, strings.TrimSpace(l)) })
	return out
}

// Rows returns the entries of a tab-separated file in file order. Every
// entry must have at least n fields (more are allowed: a caller that wants
// exactly n checks len(Fields)) and a non-empty first field, its key; an
// entry that has not is an error naming file (the name to report) and the
// line. A trailing empty field counts: "110000\t北京市\t" has three.
func Rows(file, data string, n int) ([]Row, error) {
	var out []Row
	var err error
	each(data, func(line int, l string) {
		if err != nil {
			return
		}
		f := strings.Split(l, "\t")
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		switch {
		case len(f) < n:
			err = fmt.Errorf("%s line %d: want %d tab-separated fields, got %q", file, line, n, l)
		case f[0] == "":
			err = fmt.Errorf("%s line %d: empty first field in %q", file, line, l)
		default:
			out = append(out, Row{File: file, Line: line, Fields: f})
		}
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// MustRows is Rows for a file embedded in the binary, read where its
// package has no error to return: a malformed line there is a defect of
// the build, not of any input, and every test of the package reports it.
func MustRows(file, data string, n int) []Row {
	rows, err := Rows(file, data, n)
	if err != nil {
		panic("embedded data file: " + err.Error())
	}
	return rows
}

// Header returns the text of the file's first comment line without its
// '#' and surrounding white space, or "" when it has none: generated
// files name their source and version there.
func Header(data string) string {
	for l := range strings.SplitSeq(data, "\n") {
		if t := strings.TrimSpace(l); strings.HasPrefix(t, "#") {
			return strings.TrimSpace(strings.TrimPrefix(t, "#"))
		}
	}
	return ""
}

// LongestFirst sorts entries longest first, in runes, keeping file order
// among entries of one length, so that a matcher trying them in order
// finds the longest entry at a place (唯一授权代理商 before 总代理). It
// sorts in place and returns entries.
func LongestFirst(entries []string) []string {
	sort.SliceStable(entries, func(i, j int) bool {
		return utf8.RuneCountInString(entries[i]) > utf8.RuneCountInString(entries[j])
	})
	return entries
}

// each calls fn with the 1-based number and text of every line that is
// neither blank nor a comment (its first non-blank character '#'). The
// text keeps its surrounding white space, so that a trailing empty
// tab-separated field survives; callers trim (and so drop a CRLF's CR).
func each(data string, fn func(line int, text string)) {
	n := 0
	for l := range strings.SplitSeq(data, "\n") {
		n++
		if t := strings.TrimSpace(l); t == "" || t[0] == '#' {
			continue
		}
		fn(n, l)
	}
}
