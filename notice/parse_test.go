package notice

import "testing"

func TestParseAmount(t *testing.T) {
	for _, tc := range []struct {
		name, in, unit string
		want           float64
		ok             bool
	}{
		{"below half a fen rounds to nothing", "0.001", "0", 0, false},
		{"half a fen rounds up", "0.005元", "", 0.01, true},
		{"tiny wan part of a labelled sum", "设计费：0.0000001万元、施工费：0.0000002万元", "", 0, false},
		{"yuan with thousands", "123,456.78元", "", 123456.78, true},
		{"wan yuan", "12.5万元", "", 125000, true},
		{"yen sign full width", "￥1,234", "", 1234, true},
		{"yen sign", "¥ 98,000.00", "", 98000, true},
		{"capital", "人民币壹拾贰万叁仟肆佰元整", "", 123400, true},
		{"capital with jiao fen", "叁佰零柒万捌仟陆佰壹拾元伍角贰分", "", 3078610.52, true},
		{"capital and digits agree", "人民币壹拾贰万叁仟肆佰元整（¥123,400.00）", "", 123400, true},
		{"capital and digits disagree", "人民币壹拾贰万元整（¥123,400.00）", "", 0, false},
		{"header unit wan", "25.00", "万元", 250000, true},
		{"header unit yuan", "180014035.01", "元", 180014035.01, true},
		{"own unit beats header", "45万元", "元", 450000, true},
		{"bare number", "3078610.00", "", 3078610, true},
		{"tax included prefix", "含税价238369元", "", 238369, true},
		{"rmb prefix", "人民币9000元整", "", 9000, true},
		{"full width digits", "１２３４５元", "", 12345, true},
		{"yi yuan", "1.2亿元", "", 120000000, true},
		{"percent", "下浮率5%", "", 0, false},
		{"rate", "费率：0.8%", "", 0, false},
		{"discount", "设计费折扣率70", "", 0, false},
		{"two sums", "BIM技术服务费1332000元；工艺设计费3500000元", "", 0, false},
		{"slash", "/", "", 0, false},
		{"empty", "", "", 0, false},
		{"words", "详见附件", "", 0, false},
		{"code not amount", "GC2025JC04802", "", 0, false},
		{"date not amount", "2025年3月1日", "", 0, false},
		{"days not amount", "420日历天", "", 0, false},
		{"zero", "0元", "", 0, false},
		{"unit price per ton", "施工费（含运输）报价14（元/吨）", "", 0, false},
		{"per year", "10万元/年", "", 0, false},
		{"per square metre", "每平方米120元", "", 0, false},
		{"unit in brackets", "123.4（万元）", "", 1234000, true},
		{"total with a unit price note", "1671540元，其中复垦方案编制最高投标限价为1700元/亩", "", 1671540, true},
		{"plain chinese numerals", "五十万元", "", 500000, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := ParseAmount(tc.in, tc.unit)
			if ok != tc.ok || (ok && !sameAmount(got, tc.want)) {
				t.Errorf("ParseAmount(%q, %q) = %v, %v; want %v, %v", tc.in, tc.unit, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
		ok             bool
	}{
		{"chinese", "2022年3月1日", "2022-03-01", true},
		{"chinese padded spaced", "2025年 09 月 02 日9：00", "2025-09-02", true},
		{"iso", "2022-03-01", "2022-03-01", true},
		{"iso with time", "2025-03-21 00:00:00", "2025-03-21", true},
		{"slash", "2022/3/1", "2022-03-01", true},
		{"dots", "2022.03.01", "2022-03-01", true},
		{"chinese numerals", "二〇二二年三月一日", "2022-03-01", true},
		{"chinese numerals twenties", "二〇二二年十二月二十五日", "2022-12-25", true},
		{"in a sentence", "公告时间：2018年11月20日 10:00", "2018-11-20", true},
		{"full width", "２０２２－０３－０１", "2022-03-01", true},
		{"invalid day", "2022-02-30", "", false},
		{"leap day", "2024-02-29", "2024-02-29", true},
		{"invalid month", "2022-13-01", "", false},
		{"year only", "2022年", "", false},
		{"code", "YCA010199-202501-01", "", false},
		{"empty", "", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := ParseDate(tc.in)
			if got != tc.want || ok != tc.ok {
				t.Errorf("ParseDate(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"123,456.78元", "12.5万元", "￥1,234", "人民币壹拾贰万叁仟肆佰元整", "下浮率5%", "拾万", "元", "亿亿元",
		"建安工程费：15601182.63元、设计费：694400.00元", "合计：120元（其中暂列金10元）", "可研服务费报价63500元，工程设计费报价1238000元"} {
		f.Add(s, "")
		f.Add(s, "万元")
		f.Add(s, "%")
	}
	f.Fuzz(func(t *testing.T, s, unit string) {
		v, ok := ParseAmount(s, unit)
		if ok && (v <= 0 || v > maxAmount) {
			t.Fatalf("ParseAmount(%q, %q) = %v outside (0, %v]", s, unit, v, maxAmount)
		}
		if !ok && v != 0 {
			t.Fatalf("ParseAmount(%q, %q) = %v with ok=false", s, unit, v)
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2022年3月1日", "2022-03-01", "2022/3/1", "2022.03.01", "二〇二二年三月一日", "2025-03-21 00:00:00", "2022-02-30"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := ParseDate(s)
		if !ok {
			if d != "" {
				t.Fatalf("ParseDate(%q) = %q with ok=false", s, d)
			}
			return
		}
		if len(d) != 10 || d[4] != '-' || d[7] != '-' {
			t.Fatalf("ParseDate(%q) = %q, not YYYY-MM-DD", s, d)
		}
		if again, ok2 := ParseDate(d); !ok2 || again != d {
			t.Fatalf("ParseDate(%q) = %q does not round-trip (%q, %v)", s, d, again, ok2)
		}
	})
}
