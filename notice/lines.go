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
	var out []line
	synth := 1 << 20 // synthetic table numbers, beyond any real one
	prevRow := false
	start := 0
	for i := 0; i <= len(rs); i++ {
		if i < len(rs) && rs[i] != '\n' {
			continue
		}
		l := line{s: start, e: i}
		cs := start
		for j := start; j <= i; j++ {
			if j == i || rs[j] == '\t' {
				l.cells = append(l.cells, span{cs, j})
				cs = j + 1
			}
		}
		if t, ok := rowTable[start]; ok && len(blocks) > 0 {
			l.table = t
		} else if len(blocks) == 0 && len(l.cells) > 1 {
			if !prevRow {
				synth++
			}
			l.table = synth
		}
		prevRow = l.table != 0
		out = append(out, l)
		start = i + 1
	}
	return out
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
