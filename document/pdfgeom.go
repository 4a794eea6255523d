package document

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/enduse/enduse"
)

// Limits of the PDF geometry reader: a hostile or huge PDF ends in a clear
// error instead of unbounded memory.
const (
	// MaxPDFPages caps the pages of one PDF read.
	MaxPDFPages = 2000
	// maxPDFWords caps the words of one PDF read.
	maxPDFWords = 1 << 20
)

// pdfWord is one word of pdftotext -bbox-layout output with its box.
type pdfWord struct {
	x0, y0, x1, y1 float64
	text           string
}

func (w pdfWord) h() float64  { return w.y1 - w.y0 }
func (w pdfWord) cy() float64 { return (w.y0 + w.y1) / 2 }

// pdfLine is one visual line: words on the same baseline, left to right.
type pdfLine struct {
	words  []pdfWord
	y0, y1 float64
}

// readBBox parses pdftotext -bbox-layout XHTML into pages of words.
func readBBox(r io.Reader) ([][]pdfWord, error) {
	dec := xml.NewDecoder(r)
	dec.Strict = false
	var pages [][]pdfWord
	var cur []pdfWord
	inPage, words := false, 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("pdftotext -bbox-layout output: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "page":
				if len(pages) >= MaxPDFPages {
					return nil, fmt.Errorf("more than %d pages", MaxPDFPages)
				}
				inPage, cur = true, nil
			case "word":
				if !inPage {
					continue
				}
				var w pdfWord
				for _, a := range t.Attr {
					v, _ := strconv.ParseFloat(a.Value, 64)
					switch a.Name.Local {
					case "xMin":
						w.x0 = v
					case "yMin":
						w.y0 = v
					case "xMax":
						w.x1 = v
					case "yMax":
						w.y1 = v
					}
				}
				var text string
				if err := dec.DecodeElement(&text, &t); err != nil {
					return nil, fmt.Errorf("pdftotext -bbox-layout output: %w", err)
				}
				w.text = strings.TrimSpace(text)
				if w.text == "" || w.x1 <= w.x0 || w.y1 <= w.y0 {
					continue
				}
				if words++; words > maxPDFWords {
					return nil, fmt.Errorf("more than %d words", maxPDFWords)
				}
				cur = append(cur, w)
			}
		case xml.EndElement:
			if t.Name.Local == "page" && inPage {
				pages = append(pages, cur)
				inPage = false
			}
		}
	}
	if len(pages) == 0 {
		return nil, errors.New("pdftotext -bbox-layout output has no page")
	}
	return pages, nil
}

// geometryToText lays out the words of each page: lines whose words stand
// in aligned columns become table rows (cells that wrap over several
// lines joined back into one row), the rest paragraphs. Page breaks end
// tables. It returns the text, its blocks and the rune offset where each
// page starts.
func geometryToText(pages [][]pdfWord) (string, []enduse.Block, []int) {
	var t textBuilder
	starts := make([]int, 0, len(pages))
	for _, words := range pages {
		t.endTable()
		if t.out.Len() > 0 {
			starts = append(starts, t.runes+1)
		} else {
			starts = append(starts, 0)
		}
		lines := toLines(words)
		right := 0.0
		for _, w := range words {
			right = math.Max(right, w.x1)
		}
		for i := 0; i < len(lines); {
			if n, rows := tableAt(lines[i:]); n > 0 {
				for _, cells := range rows {
					t.rowLine(cells, nil)
				}
				t.endTable()
				i += n
				continue
			}
			// A line that runs to the right margin continues on the next
			// one: join them back into the paragraph they were wrapped from.
			text := joinWords(lines[i].words)
			for i+1 < len(lines) && wraps(lines[i], lines[i+1], right) {
				if n, _ := tableAt(lines[i+1:]); n > 0 {
					break
				}
				i++
				text = joinText(text, joinWords(lines[i].words))
			}
			t.para(text, enduse.BlockPara)
			i++
		}
	}
	return t.out.String(), t.blocks, starts
}

// wraps reports whether paragraph line a was wrapped onto b: a ends
// within two characters of the page's right edge and b follows closely.
func wraps(a, b pdfLine, right float64) bool {
	h, hb := a.y1-a.y0, b.y1-b.y0
	last := a.words[len(a.words)-1]
	// A heading's size differs from the text's: never joined.
	same := math.Abs(h-hb) <= 0.15*math.Max(h, hb)
	return same && last.x1 >= right-2*h && lineGap(a, b) < 1.0 && segments(b) < 2
}

// toLines groups words into visual lines by their vertical centre.
func toLines(words []pdfWord) []pdfLine {
	ws := append([]pdfWord(nil), words...)
	sort.SliceStable(ws, func(i, j int) bool { return ws[i].cy() < ws[j].cy() })
	var lines []pdfLine
	for _, w := range ws {
		if n := len(lines); n > 0 {
			l := &lines[n-1]
			mid := (l.y0 + l.y1) / 2
			if math.Abs(w.cy()-mid) < 0.5*math.Min(w.h(), l.y1-l.y0) {
				l.words = append(l.words, w)
				l.y0, l.y1 = math.Min(l.y0, w.y0), math.Max(l.y1, w.y1)
				continue
			}
		}
		lines = append(lines, pdfLine{words: []pdfWord{w}, y0: w.y0, y1: w.y1})
	}
	for i := range lines {
		sort.SliceStable(lines[i].words, func(a, b int) bool { return lines[i].words[a].x0 < lines[i].words[b].x0 })
	}
	return lines
}

// segments counts the runs of a line separated by a gap of at least one
// character height: a line with two or more is laid out in columns.
func segments(l pdfLine) int {
	n := 1
	for i := 1; i < len(l.words); i++ {
		if l.words[i].x0-l.words[i-1].x1 >= l.words[i].h() {
			n++
		}
	}
	return n
}

// lineGap is the vertical space between two lines, in heights of the
// first.
func lineGap(a, b pdfLine) float64 {
	h := a.y1 - a.y0
	if h <= 0 {
		return math.Inf(1)
	}
	return (b.y0 - a.y1) / h
}

// tableAt reads a table starting at lines[0], if one starts there: a run
// of lines laid out in columns (gaps of a character height or more), close
// together, with the lines of wrapped cells between them. Columns are the
// x ranges that no word of the run crosses; rows start at the lines that
// fill the anchor column (the first column filled on more than one line),
// and every other line joins the row whose anchor line is nearest. It
// returns the lines consumed and the rows' cells, or 0 when no table of
// at least two rows and three columns starts here.
func tableAt(lines []pdfLine) (int, [][]string) {
	if len(lines) == 0 || segments(lines[0]) < 2 {
		return 0, nil
	}
	// The run: lines close to the one before; it ends after the last
	// columned line.
	end, last := 1, 0
	for end < len(lines) && lineGap(lines[end-1], lines[end]) < 1.2 {
		if segments(lines[end]) >= 2 {
			last = end
		}
		end++
	}
	// Wrapped cell lines below the last row: tight under it, one column.
	for k := 0; k < 4 && last+1 < len(lines) && segments(lines[last+1]) < 2 &&
		lineGap(lines[last], lines[last+1]) < 0.7 && !crosses(lines[last+1], columns(lines[:last+1])); k++ {
		last++
	}
	run := lines[:last+1]
	// Columns come from the columned lines; a line between them that
	// crosses a column boundary (a caption, a paragraph) is text, not a
	// wrapped cell, and ends the table before it.
	cols := columns(run)
	for i, l := range run {
		if segments(l) < 2 && crosses(l, cols) {
			run = run[:i]
			cols = columns(run)
			break
		}
	}
	if len(run) < 2 || len(cols) < 3 {
		return 0, nil
	}
	grid := make([][]string, len(run)) // line × column text
	filled := make([]int, len(cols))
	for i, l := range run {
		grid[i] = make([]string, len(cols))
		for _, w := range l.words {
			c := columnOf(w, cols)
			grid[i][c] = joinText(grid[i][c], w.text)
		}
		for c, s := range grid[i] {
			if s != "" {
				filled[c]++
			}
		}
	}
	anchor := -1
	for c := range cols {
		if filled[c] > 1 {
			anchor = c
			break
		}
	}
	if anchor < 0 {
		return 0, nil
	}
	var anchors []int
	for i := range run {
		if grid[i][anchor] != "" {
			anchors = append(anchors, i)
		}
	}
	if len(anchors) < 2 {
		return 0, nil
	}
	rows := make([][]string, len(anchors))
	for k := range rows {
		rows[k] = make([]string, len(cols))
	}
	for i := range run {
		k := nearest(run, anchors, i)
		for c, s := range grid[i] {
			if s != "" {
				rows[k][c] = joinText(rows[k][c], s)
			}
		}
	}
	return len(run), rows
}

// nearest returns the index in anchors of the anchor line nearest to line
// i by vertical centre (the earlier one on a tie).
func nearest(run []pdfLine, anchors []int, i int) int {
	cy := func(l pdfLine) float64 { return (l.y0 + l.y1) / 2 }
	best, dist := 0, math.Inf(1)
	for k, a := range anchors {
		if d := math.Abs(cy(run[a]) - cy(run[i])); d < dist-0.01 {
			best, dist = k, d
		}
	}
	return best
}

// span is a column's x range.
type span struct{ x0, x1 float64 }

// columns returns the x ranges covered by the words of the columned lines
// (two or more segments), merged where they overlap: the gaps between them
// are the table's column separators.
func columns(lines []pdfLine) []span {
	var ss []span
	for _, l := range lines {
		if segments(l) < 2 {
			continue
		}
		for _, w := range l.words {
			ss = append(ss, span{w.x0, w.x1})
		}
	}
	sort.Slice(ss, func(i, j int) bool { return ss[i].x0 < ss[j].x0 })
	var out []span
	for _, s := range ss {
		if n := len(out); n > 0 && s.x0 <= out[n-1].x1+0.5 {
			out[n-1].x1 = math.Max(out[n-1].x1, s.x1)
			continue
		}
		out = append(out, s)
	}
	return out
}

// crosses reports whether a word of l overlaps two columns.
func crosses(l pdfLine, cols []span) bool {
	for _, w := range l.words {
		n := 0
		for _, c := range cols {
			if w.x0 < c.x1-0.5 && w.x1 > c.x0+0.5 {
				n++
			}
		}
		if n > 1 {
			return true
		}
	}
	return false
}

// columnOf returns the column a word overlaps most, or the nearest.
func columnOf(w pdfWord, cols []span) int {
	best, score := 0, math.Inf(-1)
	for i, c := range cols {
		ov := math.Min(w.x1, c.x1) - math.Max(w.x0, c.x0) // negative: the distance
		if ov > score {
			best, score = i, ov
		}
	}
	return best
}

// joinWords joins the words of a paragraph line.
func joinWords(ws []pdfWord) string {
	s := ""
	for _, w := range ws {
		s = joinText(s, w.text)
	}
	return s
}

// joinText appends b to a: Chinese text takes no space between words or
// wrapped lines, other scripts one.
func joinText(a, b string) string {
	if a == "" {
		return b
	}
	last, _ := utf8.DecodeLastRuneInString(a)
	first, _ := utf8.DecodeRuneInString(b)
	if isCJK(last) || isCJK(first) {
		return a + b
	}
	return a + " " + b
}

// isCJK reports whether r is a Han character or CJK/full-width punctuation.
func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF)
}
