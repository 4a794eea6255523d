package notice

import (
	"math"
	"regexp"
	"strconv"
	"strings"
)

// numRe finds an Arabic amount with an optional unit after it:
// 123,456.78元, 12.5万元, 1 234 元. Group 1 is the number, group 2 the unit.
var numRe = regexp.MustCompile(`(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(亿元|亿|万元|万|千元|元|圆)?`)

// capitalRe finds an amount written in financial (大写) or plain Chinese
// numerals, ending in a currency unit.
var capitalRe = regexp.MustCompile(`[零〇壹贰貳叁參肆伍陆陸柒捌玖拾佰仟一二两三四五六七八九十百千万萬亿億]+(?:元|圆)(?:[零〇壹贰叁肆伍陆柒捌玖一二三四五六七八九]角)?(?:[零〇壹贰叁肆伍陆柒捌玖一二三四五六七八九]分)?整?`)

// unitParenRe matches a unit written in brackets after a figure: 123.4（万元）.
var unitParenRe = regexp.MustCompile(`\s*\((亿元|万元|元)\)`)

// perUnitRe matches what follows the figure of a unit price: "/吨", "（元/吨）".
var perUnitRe = regexp.MustCompile(`^\s*\(?\s*(?:元|万元)?\s*/`)

// notAmountRe marks values that are rates, discounts, percentages or
// prices per unit (每平方米), not sums.
var notAmountRe = regexp.MustCompile(`%|‰|百分之|下浮|上浮|费率|折扣|优惠率|倍|每(?:吨|年|月|天|日|人|次|台|个|平方|米|件|套|小时|公里|辆)`)

// maxAmount bounds plausible notice amounts (one trillion yuan).
const maxAmount = 1e12

// ParseAmount reads a sum of money from s and returns it in yuan. It accepts
// 123,456.78元, 12.5万元, ￥1,234, 人民币壹拾贰万叁仟肆佰元整 and bare numbers;
// unit is the unit a column or label header declares ("万元", "元" or "")
// and applies when the number carries none. Rates and percentages, values
// holding several different sums, and text without a sum report false.
func ParseAmount(s, unit string) (float64, bool) {
	if unit == "%" {
		return 0, false // the label declares a rate
	}
	n := strings.TrimSpace(unitParenRe.ReplaceAllString(norm(s), "$1"))
	if n == "" || len([]rune(n)) > 200 || notAmountRe.MatchString(n) {
		return 0, false
	}
	var (
		val   float64
		found bool
	)
	for _, m := range numRe.FindAllStringSubmatchIndex(n, -1) {
		// A number glued to letters or a hyphenated code (GC2025, 2025-01)
		// is an identifier, not a sum; years and dates are not sums either.
		if m[0] > 0 {
			p := n[m[0]-1]
			if p == '-' || p == '/' || p == '_' || isASCIILetter(p) {
				continue
			}
		}
		if m[1] < len(n) {
			q := n[m[1]]
			rest := n[m[1]:]
			if q == '-' || isASCIILetter(q) || perUnitRe.MatchString(rest) {
				continue // a code, or a unit price (元/吨, 万元/年)
			}
			if strings.HasPrefix(rest, "年") || strings.HasPrefix(rest, "月") || strings.HasPrefix(rest, "日") ||
				strings.HasPrefix(rest, "天") || strings.HasPrefix(rest, "个") || strings.HasPrefix(rest, "号") {
				continue
			}
		}
		num := strings.ReplaceAll(n[m[2]:m[3]], ",", "")
		v, err := strconv.ParseFloat(num, 64)
		if err != nil {
			continue
		}
		u := ""
		if m[4] >= 0 {
			u = n[m[4]:m[5]]
		}
		if u == "" {
			u = unit
		}
		v *= unitFactor(u)
		if found && !sameAmount(v, val) {
			return labelledSum(n, unit) // several different sums
		}
		val, found = v, true
	}
	if m := capitalRe.FindString(n); m != "" {
		if v, ok := parseCapital(m); ok {
			if found && !sameAmount(v, val) {
				return 0, false // the 大写 and 小写 forms disagree
			}
			val, found = v, true
		}
	}
	if !found {
		return 0, false
	}
	return toFen(val)
}

// toFen rounds a sum to the fen and checks the result, not the raw
// reading, against (0, maxAmount]: a reading below half a fen (0.001 元)
// rounds to zero and is no sum at all.
func toFen(v float64) (float64, bool) {
	if math.IsNaN(v) {
		return 0, false
	}
	r := math.Round(v*100) / 100
	if r <= 0 || r > maxAmount {
		return 0, false
	}
	return r, true
}

// unitFactor is the number of yuan in one unit.
func unitFactor(u string) float64 {
	switch {
	case strings.HasPrefix(u, "亿"):
		return 1e8
	case strings.HasPrefix(u, "万"):
		return 1e4
	case strings.HasPrefix(u, "千"):
		return 1e3
	}
	return 1
}

// sameAmount reports whether two readings of a sum agree to the fen.
func sameAmount(a, b float64) bool { return math.Abs(a-b) < 0.005 }

func isASCIILetter(c byte) bool { return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' }

// capitalDigits maps Chinese digits (financial and plain) to values.
func capitalDigit(r rune) (int, bool) {
	switch r {
	case '零', '〇':
		return 0, true
	case '壹', '一':
		return 1, true
	case '贰', '貳', '二', '两':
		return 2, true
	case '叁', '參', '三':
		return 3, true
	case '肆', '四':
		return 4, true
	case '伍', '五':
		return 5, true
	case '陆', '陸', '六':
		return 6, true
	case '柒', '七':
		return 7, true
	case '捌', '八':
		return 8, true
	case '玖', '九':
		return 9, true
	}
	return 0, false
}

// parseCapital reads 壹拾贰万叁仟肆佰元伍角整 style amounts.
func parseCapital(s string) (float64, bool) {
	var (
		total   float64 // completed 亿 groups
		section float64 // completed 万 groups below the current 亿
		group   float64 // below 万
		digit   = -1
		seen    bool
	)
	flushDigit := func(mult float64) {
		d := digit
		if d < 0 {
			d = 1 // 拾万 = 十万
		}
		group += float64(d) * mult
		digit = -1
	}
	var frac float64
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if d, ok := capitalDigit(r); ok {
			digit = d
			seen = true
			continue
		}
		switch r {
		case '拾', '十':
			flushDigit(10)
		case '佰', '百':
			flushDigit(100)
		case '仟', '千':
			flushDigit(1000)
		case '万', '萬':
			if digit > 0 {
				group += float64(digit)
			}
			digit = -1
			section += group * 1e4
			group = 0
		case '亿', '億':
			if digit > 0 {
				group += float64(digit)
			}
			digit = -1
			total += (section + group) * 1e8
			section, group = 0, 0
		case '元', '圆':
			if digit > 0 {
				group += float64(digit)
			}
			digit = -1
		case '角':
			if digit > 0 {
				frac += float64(digit) * 0.1
			}
			digit = -1
		case '分':
			if digit > 0 {
				frac += float64(digit) * 0.01
			}
			digit = -1
		case '整':
		default:
			return 0, false
		}
	}
	if !seen {
		return 0, false
	}
	return total + section + group + frac, true
}

// totalRe finds a stated total among several sums: "合计：16295582.63元".
var totalRe = regexp.MustCompile(`(?:合计|总计|共计|总价|总额|总报价|总金额|总投标报价)\s*(?:为|:)?\s*(?:人民币)?\s*¥?\s*(\d[\d,]*(?:\.\d+)?)\s*(亿元|万元|元|万)?`)

// partRe is one labelled part of a price: "建安工程费:15601182.63元".
var partRe = regexp.MustCompile(`^\p{Han}{1,14}(?:费|价|款|金|税)(?:\([^()]{0,10}\))?\s*(?:为|:)?\s*(?:人民币)?\s*¥?\s*(\d[\d,]*(?:\.\d+)?)\s*(亿元|万元|元|万)?$`)

// partSepRe separates the parts of a price.
var partSepRe = regexp.MustCompile(`\s*(?:[、,;]|和|及)\s*`)

// labelledSum reads a value holding several sums (normalised text). The
// rule: a total the value states (合计/总价/共计…) is the amount; else,
// when the value is nothing but labelled parts of one price (建安工程费：
// …元、设计费：…元 — every part a 费/价/款/金/税 with its figure), the
// amount is their sum; anything else is ambiguous and reports false.
func labelledSum(n, unit string) (float64, bool) {
	if ms := totalRe.FindAllStringSubmatch(n, 2); len(ms) == 1 {
		return figure(ms[0][1], ms[0][2], unit)
	}
	parts := partSepRe.Split(strings.TrimRight(n, "。.;, "), -1)
	if len(parts) < 2 {
		return 0, false
	}
	var sum float64
	for _, p := range parts {
		m := partRe.FindStringSubmatch(p)
		if m == nil {
			return 0, false
		}
		v, ok := figure(m[1], m[2], unit)
		if !ok {
			return 0, false
		}
		sum += v
	}
	return toFen(sum)
}

// figure converts a number with its unit (or the label's) to yuan.
func figure(num, u, unit string) (float64, bool) {
	v, err := strconv.ParseFloat(strings.ReplaceAll(num, ",", ""), 64)
	if err != nil || v <= 0 {
		return 0, false
	}
	if u == "" {
		u = unit
	}
	return toFen(v * unitFactor(u))
}
