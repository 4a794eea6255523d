package notice

import (
	"strings"

	"github.com/enduse/enduse"
)

// span is a half-open range of rune offsets into the document text.
type span struct{ s, e int }

// line is one line of the document text: a paragraph or a table row whose
// cells are separated by '\t'.
type line struct {
	s, e  int
	cells []span // one cell for a paragraph
	table int    // table number for rows, 0 for paragraphs
}

// isRow reports whether the line is a table row.
func (l line) isRow() bool { return l.table != 0 }

// splitLines cuts text into lines and cells. Rows are recognised from the
// document's blocks when it has them, else from tabs; consecutive tabbed
// lines without blocks form one table.
//
// Text embedded from code sometimes arrives with its separators escaped:
// the two characters backslash-t between cells and backslash-n between
// lines. When the text holds such escapes (and no real line structure to
// speak of), they are read as the separators they stand for; the cells'
// offsets still index the text as given.
func splitLines(rs []rune, blocks []enduse.Block) []line {
	rowTable := make(map[int]int, len(blocks))
	for _, b := range blocks {
		if b.Kind == enduse.BlockRow {
			t := b.Table
			if t == 0 {
				t = -1
			}
			rowTable[b.Start] = t
		}
	}
	escaped := hasEscapes(rs)
	// sep returns the width of a separator of kind c ('t' or 'n') at i.
	sep := func(i int, c rune) int {
		switch {
		case c == 'n' && rs[i] == '\n', c == 't' && rs[i] == '\t':
			return 1
		case escaped && rs[i] == '\\' && i+1 < len(rs) && (rs[i+1] == c || c == 'n' && rs[i+1] == 'r'):
			return 2
		}
		return 0
	}
	var out []line
	synth := 1 << 20 // synthetic table numbers, beyond any real one
	prevRow := false
	start := 0
	for i := 0; i <= len(rs); i++ {
		w := 1
		if i < len(rs) {
			if w = sep(i, 'n'); w == 0 {
				continue
			}
		}
		l := line{s: start, e: i}
		cs := start
		for j := start; j <= i; j++ {
			cw := 1
			if j < i {
				if cw = sep(j, 't'); cw == 0 {
					continue
				}
			}
			l.cells = append(l.cells, span{cs, j})
			cs = j + cw
			j += cw - 1
		}
		if t, ok := rowTable[start]; ok && len(blocks) > 0 {
			l.table = t
		} else if (len(blocks) == 0 || escaped) && len(l.cells) > 1 {
			if !prevRow {
				synth++
			}
			l.table = synth
		}
		prevRow = l.table != 0
		out = append(out, l)
		start = i + w
		i += w - 1
	}
	return out
}

// hasEscapes reports whether text holds escaped separators (backslash-t,
// backslash-n) often enough to be text embedded from code: at least three,
// and more of them than real line breaks.
func hasEscapes(rs []rune) bool {
	esc, nl := 0, 0
	for i, r := range rs {
		switch {
		case r == '\n':
			nl++
		case r == '\\' && i+1 < len(rs) && (rs[i+1] == 't' || rs[i+1] == 'n'):
			esc++
		}
	}
	return esc >= 3 && esc > nl
}

// trim narrows sp to exclude surrounding white space and separators.
func trim(rs []rune, sp span) span {
	for sp.s < sp.e && (isSpace(rs[sp.s]) || strings.ContainsRune(":：,，;；、_", rs[sp.s])) {
		sp.s++
	}
	for sp.e > sp.s && (isSpace(rs[sp.e-1]) || strings.ContainsRune(",，;；、(（_", rs[sp.e-1])) {
		sp.e--
	}
	return sp
}
