package notice

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// dateRe finds a Gregorian date written with digits: 2022年3月1日,
// 2022-03-01, 2022/3/1, 2022.03.01 (after normalisation).
var dateRe = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)\d{2})\s*(?:年\s*|[-/.])(\d{1,2})\s*(?:月\s*|[-/.])(\d{1,2})(?:[^0-9]|$)`)

// cnDateRe finds a date written in Chinese numerals: 二〇二二年三月一日.
var cnDateRe = regexp.MustCompile(`([〇零○OＯ一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日`)

// ParseDate reads the first date in s written in one of the common Chinese
// forms (2022年3月1日, 2022-03-01, 2022/3/1, 2022.03.01, 二〇二二年三月一日,
// optionally followed by a time) and returns it as YYYY-MM-DD. It reports
// false when s holds no valid calendar date.
func ParseDate(s string) (string, bool) {
	n := norm(s)
	for _, m := range dateRe.FindAllStringSubmatch(n, 4) {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		if validDate(y, mo, d) {
			return fmt.Sprintf("%04d-%02d-%02d", y, mo, d), true
		}
	}
	if m := cnDateRe.FindStringSubmatch(n); m != nil {
		var y int
		for _, r := range m[1] {
			v, ok := cnDigit(r)
			if !ok {
				return "", false
			}
			y = y*10 + v
		}
		mo, ok1 := cnSmall(m[2])
		d, ok2 := cnSmall(m[3])
		if ok1 && ok2 && validDate(y, mo, d) {
			return fmt.Sprintf("%04d-%02d-%02d", y, mo, d), true
		}
	}
	return "", false
}

// validDate reports whether y-m-d is a real calendar day in a plausible range.
func validDate(y, m, d int) bool {
	if y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 {
		return false
	}
	days := [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		days[2] = 29
	}
	return d <= days[m]
}

// cnDigit reads one Chinese digit (〇 and look-alikes for zero).
func cnDigit(r rune) (int, bool) {
	if i := strings.IndexRune("〇一二三四五六七八九", r); i >= 0 {
		return len([]rune("〇一二三四五六七八九"[:i])), true
	}
	switch r {
	case '零', '○', 'O', 'Ｏ':
		return 0, true
	}
	return 0, false
}

// cnSmall reads a Chinese number from 1 to 39 (月 and 日 values).
func cnSmall(s string) (int, bool) {
	rs := []rune(s)
	switch {
	case len(rs) == 1 && rs[0] == '十':
		return 10, true
	case len(rs) == 1:
		return cnDigit(rs[0])
	case len(rs) == 2 && rs[0] == '十':
		d, ok := cnDigit(rs[1])
		return 10 + d, ok
	case len(rs) == 2 && rs[1] == '十':
		d, ok := cnDigit(rs[0])
		return d * 10, ok
	case len(rs) == 3 && rs[1] == '十':
		a, ok1 := cnDigit(rs[0])
		b, ok2 := cnDigit(rs[2])
		return a*10 + b, ok1 && ok2
	}
	return 0, false
}
