package document

import "github.com/enduse/enduse"

// maxGridCols bounds the width of a grid built from spans, so a bogus
// colspan cannot allocate without limit.
const maxGridCols = 512

// gridCost is what a row's cells cost in grid positions, as Grid will
// lay them out: each cell's colspan (at most maxGridCols) times its
// rowspan (at most the rows left in the table, rowsLeft counting this
// one). Spans are clipped as Grid clips them, so an honest table pays
// for what it draws and a hostile rowspan=65534 colspan=1000 pays for
// the grid it would make.
func gridCost(cells []enduse.Cell, rowsLeft int) int64 {
	var n int64
	for _, c := range cells {
		n += int64(min(max(c.ColSpan, 1), maxGridCols)) * int64(max(min(c.RowSpan, rowsLeft), 1))
	}
	return n
}

// Grid expands the rows of table number table (Block.Table) into a
// rectangular grid, as a browser would draw it: a cell spanning several
// columns or rows appears in each position it covers (with the same Text
// and offsets, so callers can tell repeats by Start), and short rows are
// padded with empty cells (Start = End = -1). Line-item extractors use it
// to read a column of a table whose header and body cells are merged.
// Blocks of other tables and paragraphs are ignored; a table with no rows
// gives nil. Parse has counted each table against Budget.MaxCells; Grid
// itself stops adding rows at DefaultMaxCells positions, so blocks from
// elsewhere cannot make it allocate without limit either.
func Grid(blocks []enduse.Block, table int) [][]enduse.Cell {
	var grid [][]enduse.Cell
	// pending[c] counts the rows still covered by a rowspan in column c,
	// with the cell that covers them.
	type cover struct {
		left int
		cell enduse.Cell
	}
	var pending []cover
	width, cells := 0, 0
	for _, b := range blocks {
		if b.Kind != enduse.BlockRow || b.Table != table {
			continue
		}
		var row []enduse.Cell
		col := 0
		next := 0 // next source cell
		for next < len(b.Cells) || col < len(pending) {
			if col >= maxGridCols {
				break
			}
			if col < len(pending) && pending[col].left > 0 {
				row = append(row, pending[col].cell)
				pending[col].left--
				col++
				continue
			}
			if next >= len(b.Cells) {
				// nothing more in this row; later columns may still be covered
				col++
				row = append(row, enduse.Cell{Start: -1, End: -1})
				continue
			}
			c := b.Cells[next]
			next++
			span := max(c.ColSpan, 1)
			for k := 0; k < span && col < maxGridCols; k++ {
				row = append(row, c)
				for len(pending) <= col {
					pending = append(pending, cover{})
				}
				if c.RowSpan > 1 {
					pending[col] = cover{left: c.RowSpan - 1, cell: c}
				}
				col++
			}
		}
		// drop trailing padding that no covered column needed
		for len(row) > 0 && row[len(row)-1].Start == -1 && row[len(row)-1].End == -1 {
			row = row[:len(row)-1]
		}
		width = max(width, len(row))
		grid = append(grid, row)
		if cells += len(row); int64(cells) > DefaultMaxCells || int64(len(grid))*int64(width) > DefaultMaxCells {
			break
		}
	}
	for i := range grid {
		for len(grid[i]) < width {
			grid[i] = append(grid[i], enduse.Cell{Start: -1, End: -1})
		}
	}
	return grid
}
