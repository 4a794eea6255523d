package notice

import (
	"testing"

	"github.com/enduse/enduse"
)

func TestMethod(t *testing.T) {
	for _, tc := range []struct{ title, text, want string }{
		{"某项目成交公告", "采购方式：竞争性磋商\n成交供应商：某公司", "competitive_consultation"},
		{"某项目成交公告", "采购方式: 公开招标", "open_tender"},
		{"某市公安局监控设备采购项目竞争性谈判成交公告", "成交供应商：某公司", "competitive_negotiation"},
		{"某单位办公用品采购项目的协议供货成交公告", "", "framework_agreement"},
		{"某医院设备单一来源采购公示", "", "single_source"},
		// The label's value, not a later sentence, gives the method.
		{"某项目公开招标公告", "本项目采购方式变更为竞争性谈判的理由见附件", "open_tender"},
		{"某项目结果公告", "中标供应商：某公司", ""},
		// A sentence of the opening paragraph names it.
		{"某项目成交结果公告", "某公司受某局委托，就“某项目”（项目编号：X-1）以询价方式进行采购，现将结果公告如下", "inquiry"},
		{"某项目成交公告", "某项目采用竞争性磋商方式，于2022年4月22日完成磋商", "competitive_consultation"},
		{"某项目成交公告", "依照公开招标的有关规定，中标供应商：某公司", ""},
	} {
		n := Extract(&enduse.Document{Source: "t", Title: tc.title, Text: tc.text})
		if n.Method != tc.want {
			t.Errorf("Extract(%q, %q).Method = %q, want %q", tc.title, tc.text, n.Method, tc.want)
		}
		if e, ok := n.Evidence["method"]; ok && e.Text == "" {
			t.Errorf("method evidence %+v quotes nothing", e)
		}
	}
}
