package document_test

import (
	"fmt"

	"github.com/enduse/enduse/document"
)

// A label/value table of a notice becomes one '\t'-separated line per row,
// with the cells' rune offsets in the row block.
func ExampleHTMLToText() {
	text, blocks, title := document.HTMLToText(`<title>某局中标结果公告</title>
<p><b>一、中标信息</b></p>
<table><tr><td>中标人:</td><td>某某科技有限公司</td><td>中标价(元):</td><td>48000.00</td></tr></table>`)
	fmt.Println(title)
	fmt.Println(text)
	row := blocks[1]
	fmt.Println(row.Kind, row.Table, row.Cells[3].Text, row.Cells[3].Start, row.Cells[3].End)
	// Output:
	// 某局中标结果公告
	// 一、中标信息
	// 中标人:	某某科技有限公司	中标价(元):	48000.00
	// tr 1 48000.00 29 37
}
