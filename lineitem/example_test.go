package lineitem_test

import (
	"fmt"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/lineitem"
)

func ExampleItems() {
	d := &enduse.Document{Text: "四、主要标的信息\n名称：硬盘 品牌（如有）：希捷 规格型号：ST8000VX004 数量：10块 单价：1,200元"}
	for _, it := range lineitem.Items(d) {
		fmt.Println(it.Name, it.Brand, it.Model, it.Quantity, it.Unit, it.UnitPrice)
	}
	// Output:
	// 硬盘 希捷 ST8000VX004 10 块 1200
}
