package redact_test

import (
	"fmt"

	"github.com/enduse/enduse/redact"
)

func ExampleApply() {
	text := "采购人：张家港市公安局\n联系人：王先生\t电话：0512-58123456"
	fmt.Println(redact.Apply(text, redact.Find(text)))
	// Output:
	// 采购人：张家港市公安局
	// 联系人：＊＊＊	电话：＊＊＊＊＊＊＊＊＊＊＊＊＊
}
