package document

import (
	"strings"
	"testing"

	"github.com/enduse/enduse"
)

// gridText renders a grid as rows of "|"-joined cell texts ("·" for padding).
func gridText(g [][]enduse.Cell) string {
	var rows []string
	for _, r := range g {
		var cells []string
		for _, c := range r {
			if c.Start == -1 {
				cells = append(cells, "·")
			} else {
				cells = append(cells, c.Text)
			}
		}
		rows = append(rows, strings.Join(cells, "|"))
	}
	return strings.Join(rows, "\n")
}

func TestGrid(t *testing.T) {
	tests := []struct {
		name  string
		html  string
		table int
		want  string
	}{
		{"plain", "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>", 1, "a|b\nc|d"},
		{"colspan", "<table><tr><td colspan=2>合计</td><td>9</td></tr><tr><td>a</td><td>b</td><td>c</td></tr></table>", 1, "合计|合计|9\na|b|c"},
		{"rowspan", "<table><tr><td>1</td><td>便携式计算机（一）</td><td rowspan=2>详见</td><td rowspan=2>60</td></tr><tr><td>2</td><td>便携式计算机（二）</td></tr></table>", 1,
			"1|便携式计算机（一）|详见|60\n2|便携式计算机（二）|详见|60"},
		{"rowspan first column", "<table><tr><td rowspan=3>拟派人员</td><td>项目经理</td><td>x</td></tr><tr><td>总工</td><td>y</td></tr><tr><td>安全员</td><td>z</td></tr></table>", 1,
			"拟派人员|项目经理|x\n拟派人员|总工|y\n拟派人员|安全员|z"},
		{"both spans", "<table><tr><td rowspan=2 colspan=2>名次</td><td>第一名</td></tr><tr><td>甲</td></tr></table>", 1, "名次|名次|第一名\n名次|名次|甲"},
		{"ragged rows padded", "<table><tr><td>a</td></tr><tr><td>b</td><td>c</td></tr></table>", 1, "a|·\nb|c"},
		{"second table only", "<table><tr><td>x</td></tr></table><table><tr><td>y</td></tr></table>", 2, "y"},
		{"missing table", "<p>x</p>", 1, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, blocks, _ := HTMLToText(tc.html)
			if got := gridText(Grid(blocks, tc.table)); got != tc.want {
				t.Errorf("grid:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}
