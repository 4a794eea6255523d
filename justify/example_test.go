package justify_test

import (
	"fmt"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/justify"
)

func ExampleReason() {
	d := &enduse.Document{
		Title: "某市公安局DNA测序仪单一来源采购公示",
		Text:  "三、采用单一来源采购方式的原因及说明：\n该设备为进口产品，须与原有设备兼容。\n四、公示期限：5个工作日",
	}
	r := justify.Reason(d)
	fmt.Println(r.Classes, r.Text)
	// Output:
	// [imported compatibility] 该设备为进口产品，须与原有设备兼容。
}
