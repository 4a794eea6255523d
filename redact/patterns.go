package redact

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Patterns over folded text (full-width digits, letters and punctuation
// already ASCII). Each match is checked for digit and letter boundaries
// before it counts, so project codes and amounts are left alone.
var (
	mobileRe   = regexp.MustCompile(`(?:\+?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}[- ]?\d{4}|\*{4}\d{4})`)
	landlineRe = regexp.MustCompile(`(?:\(0\d{2,3}\)|0\d{2,3})[- ]?[2-9]\d{6,7}(?:(?:转|-|ext\.?|分机)\d{1,5})?`)
	idRe       = regexp.MustCompile(`\d[0-9*Xx]{14,18}`)
	emailRe    = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`)
	safetyRe   = regexp.MustCompile(`\p{Han}建安[A-Ca-c]\d?\s*[(\[]?\s*\d{4}\s*[)\]]?\s*[\d*]{4,10}`)
)

// freeMail are the mail domains of personal mailboxes; addresses there (or
// with an all-digit QQ-number local part) are personal.
var freeMail = []string{"qq.com", "163.com", "126.com", "yeah.net", "sina.com", "sina.cn", "sohu.com", "139.com",
	"189.cn", "foxmail.com", "gmail.com", "hotmail.com", "outlook.com", "live.com", "yahoo.com", "aliyun.com",
	"icloud.com", "tom.com", "21cn.com", "wo.cn"}

// patterns runs the pattern detectors. Regular expressions only see
// short candidate runs (digits with their punctuation, the surroundings of
// '@' and of 建安), which keeps Find fast on long notices.
func (f *finder) patterns() {
	rs := f.rs
	for i := 0; i < len(rs); {
		if !isDigit(rs[i]) && rs[i] != '(' && rs[i] != '+' {
			i++
			continue
		}
		j := i
		digits := 0
		for j < len(rs) && (isDigit(rs[j]) || strings.ContainsRune("*Xx()-+ 转", rs[j]) || rs[j] == 'e' && hasPrefixAt(rs, j, "ext")) {
			if isDigit(rs[j]) {
				digits++
			}
			if rs[j] == 'e' {
				j += 2
			}
			j++
		}
		j = min(j, len(rs))
		if digits >= 7 {
			f.numberRun(i, j)
		}
		i = max(j, i+1)
	}
	for at, r := range rs {
		if r == '@' {
			f.email(at)
		}
	}
	for at := 0; at+1 < len(rs); at++ {
		if rs[at] != '建' || rs[at+1] != '安' {
			continue
		}
		s := max(at-1, 0)
		e := min(at+30, len(rs))
		win := string(rs[s:e])
		if m := safetyRe.FindStringIndex(win); m != nil && m[0] == 0 {
			idx := byteIndex(win)
			f.add(s+idx[m[0]], s+idx[m[1]], KindCert)
		}
	}
}

// numberRun applies the phone and ID patterns to the candidate run [s,e).
func (f *finder) numberRun(s, e int) {
	sub := string(f.rs[s:e])
	idx := byteIndex(sub)
	for _, m := range mobileRe.FindAllStringIndex(sub, -1) {
		if a, b := s+idx[m[0]], s+idx[m[1]]; f.digitBounded(a, b) {
			f.add(a, b, KindPhone)
		}
	}
	for _, m := range landlineRe.FindAllStringIndex(sub, -1) {
		if a, b := s+idx[m[0]], s+idx[m[1]]; f.digitBounded(a, b) {
			f.add(a, b, KindPhone)
		}
	}
	for _, m := range idRe.FindAllStringIndex(sub, -1) {
		a, b := s+idx[m[0]], s+idx[m[1]]
		if !f.digitBounded(a, b) {
			continue
		}
		if tok := string(f.rs[a:b]); validID(tok) || maskedID(tok) {
			f.add(a, b, KindIDNumber)
		}
	}
}

// email checks the address around the '@' at rune at and redacts it when
// it is personal: a free-mail domain or an all-digit (QQ number) mailbox.
func (f *finder) email(at int) {
	rs := f.rs
	s := at
	for s > 0 && (isASCIIAlnum(rs[s-1]) || strings.ContainsRune("._%+-", rs[s-1])) {
		s--
	}
	e := at + 1
	for e < len(rs) && (isASCIIAlnum(rs[e]) || rs[e] == '.' || rs[e] == '-') {
		e++
	}
	cand := string(rs[s:e])
	m := emailRe.FindStringIndex(cand)
	if m == nil {
		return
	}
	addr := strings.ToLower(cand[m[0]:m[1]])
	k := strings.LastIndexByte(addr, '@')
	local, domain := addr[:k], addr[k+1:]
	// A dotted name (tongwangdong.gyl) is a person's mailbox at any domain.
	personal := allDigits(local) || dottedLocal.MatchString(local)
	for _, d := range freeMail {
		if domain == d || strings.HasSuffix(domain, "."+d) {
			personal = true
		}
	}
	if personal {
		f.add(s+m[0], s+m[1], KindEmail) // the candidate is ASCII: bytes are runes
	}
}

// dottedLocal is a mailbox local part written as a dotted name.
var dottedLocal = regexp.MustCompile(`^[a-z]{2,}\.[a-z]{2,}$`)

// digitBounded reports whether [s,e) is not glued to letters, digits or
// code punctuation on either side (so it is not part of a longer code).
func (f *finder) digitBounded(s, e int) bool {
	if s > 0 {
		p := f.rs[s-1]
		if isASCIIAlnum(p) || p == '-' || p == '_' || p == '/' || p == '.' || p == '*' {
			return false
		}
	}
	if e < len(f.rs) {
		n := f.rs[e]
		if isASCIIAlnum(n) || n == '*' || n == '_' || (n == '.' || n == '-') && e+1 < len(f.rs) && isDigit(f.rs[e+1]) {
			return false
		}
	}
	return true
}

// validID reports whether s is an 18-character resident ID number with a
// plausible region, birth date and a correct ISO 7064 check digit.
func validID(s string) bool {
	if len(s) != 18 {
		return false
	}
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := range 17 {
		if !isDigit(rune(s[i])) {
			return false
		}
		sum += int(s[i]-'0') * weights[i]
	}
	if s[0] < '1' || s[0] > '8' {
		return false
	}
	year := atoi(s[6:10])
	month := atoi(s[10:12])
	day := atoi(s[12:14])
	if year < 1900 || year > 2030 || month < 1 || month > 12 || day < 1 || day > 31 {
		return false
	}
	check := "10X98765432"[sum%11]
	last := s[17]
	if last == 'x' {
		last = 'X'
	}
	return last == check
}

// maskedID reports whether s is a partly masked ID number:
// 420822********3833, 421003197907XXXXXX: 15 to 19 characters (some sites
// mask with one star too many), leading region digits, at least three
// masked characters.
func maskedID(s string) bool {
	if len(s) < 15 || len(s) > 19 {
		return false // 19: sites that mask with one star too many
	}
	lead := 0
	for lead < len(s) && isDigit(rune(s[lead])) {
		lead++
	}
	if lead < 3 || s[0] < '1' || s[0] > '8' {
		return false
	}
	masked := strings.Count(s, "*") + strings.Count(s[lead:], "X") + strings.Count(s[lead:], "x")
	return masked >= 3
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if !isDigit(c) {
			return false
		}
	}
	return true
}

// byteIndex maps each byte offset of s (at rune starts, and len(s)) to
// its rune offset.
func byteIndex(s string) []int {
	idx := make([]int, len(s)+1)
	r := 0
	for i := range s {
		idx[i] = r
		r++
	}
	idx[len(s)] = r
	// fill continuation bytes (never used as match bounds, but keep sane)
	for i := 1; i < len(s); i++ {
		if !utf8.RuneStart(s[i]) {
			idx[i] = idx[i-1]
		}
	}
	return idx
}

// phoneLabels are the labels of phone and fax numbers.
var phoneLabels = []string{"电话", "电 话", "手机", "手 机", "传真", "传 真", "联系方式", "热线", "座机", "固话", "Tel", "TEL", "tel", "Fax", "FAX", "fax", "Phone", "PHONE", "Mobile"}

// phoneLists redacts numbers after phone and fax labels, including
// numbers without an area code and lists ("0574-87198579、87307605").
func (f *finder) phoneLists() {
	for _, end := range phoneLabelIndex.ends(f.rs) {
		f.phoneList(end)
	}
}

// phoneLabelIndex finds the phone labels in one scan; built once, only read.
var phoneLabelIndex = newLabelIndex(phoneLabels)

// phoneList redacts the phone numbers listed from rune p on.
func (f *finder) phoneList(p int) {
	rs := f.rs
	if hasPrefixAt(rs, p, "号码") {
		p += 2
	} else if hasPrefixAt(rs, p, "号") {
		p++
	}
	end := f.lineEnd(p)
	for p < end {
		for p < end && strings.ContainsRune(" \t:,;、/或和及", rs[p]) {
			p++
		}
		q := p
		digits := 0
		for q < end && (isDigit(rs[q]) || strings.ContainsRune("-() +*转", rs[q])) {
			if isDigit(rs[q]) {
				digits++
			}
			q++
		}
		if digits < 7 || q < end && isASCIIAlnum(rs[q]) {
			return
		}
		s, e := trimSpan(rs, p, q)
		f.add(s, e, KindPhone)
		p = q
	}
}
