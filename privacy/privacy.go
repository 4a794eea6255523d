// Package privacy checks that personal data in original notices reaches no
// output. It reads an ORIGINAL HTML notice on its own terms, independently
// of package redact: the values after person labels (联系人：张三), the
// cells of table columns headed by a person label (姓名, 项目负责人 …),
// mobile and landline numbers, e-mail addresses and 18-digit ID numbers.
// Leaks then lists which of those values appear in an output text (extract
// JSON, stored searchable text, a web page, an API response, a report).
//
// It is a checker, not a redactor: it errs towards finding more candidate
// values (a false alarm is read and judged), and the tests that run it
// assert zero leaks over real notices.
package privacy

import (
	_ "embed"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/enduse/enduse/linelist"
)

// Kinds of personal data a Secret can be.
const (
	KindName  = "name"
	KindPhone = "phone"
	KindEmail = "email"
	KindID    = "id_number"
)

// Secret is one personal value found in an original, with where it was
// found ("label 联系人", "column 项目负责人", "pattern").
type Secret struct {
	Kind  string `json:"kind"`
	Value string `json:"value"`
	Where string `json:"where"`
}

// Leak is a secret found in an output.
type Leak struct {
	Secret
	Output string `json:"output"`
}

//go:embed data/person-labels.txt
var labelsFile string

//go:embed data/not-names.txt
var notNamesFile string

//go:embed data/public-mail-domains.txt
var mailDomainsFile string

// Checker holds the label vocabulary. It is immutable and safe for
// concurrent use.
type Checker struct {
	labels   []string // longest first
	notNames map[string]bool
	suffixes []string
	mail     map[string]bool // public mailbox domains
	labelRe  *regexp.Regexp
}

var (
	// Numbers must not be glued to letters or digits: an id such as
	// "…-17385203815f" is not a phone number.
	mobileRe   = regexp.MustCompile(`(?:^|[^0-9A-Za-z])(1[3-9][0-9]{9})(?:[^0-9A-Za-z]|$)`)
	landlineRe = regexp.MustCompile(`(?:^|[^0-9A-Za-z])(0[1-9][0-9]{1,2}[-－—][1-9][0-9]{6,7})(?:[^0-9A-Za-z]|$)`)
	emailRe    = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)
	idRe       = regexp.MustCompile(`(?:^|[^0-9])([1-9][0-9]{5}(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx])(?:[^0-9]|$)`)
)

// New reads the embedded label vocabulary.
func New() (*Checker, error) {
	c := &Checker{notNames: map[string]bool{}, mail: map[string]bool{}}
	for _, l := range linelist.Entries(mailDomainsFile) {
		c.mail[strings.ToLower(l)] = true
	}
	c.labels = linelist.Entries(labelsFile)
	for _, l := range linelist.Entries(notNamesFile) {
		if s, ok := strings.CutPrefix(l, "suffix:"); ok {
			c.suffixes = append(c.suffixes, s)
		} else {
			c.notNames[l] = true
		}
	}
	if len(c.labels) == 0 {
		return nil, fmt.Errorf("privacy: data/person-labels.txt has no labels")
	}
	sort.Slice(c.labels, func(i, j int) bool { return len(c.labels[i]) > len(c.labels[j]) })
	alt := make([]string, len(c.labels))
	for i, l := range c.labels {
		alt[i] = regexp.QuoteMeta(l)
	}
	// label, optional spaces, a colon, then the value up to a delimiter.
	c.labelRe = regexp.MustCompile(`(` + strings.Join(alt, "|") + `)[ \t\x{3000}]*[:：][ \t\x{3000}]*([^\s,，;；。、()（）:：/\\|0-9]{2,12})`)
	return c, nil
}

// Secrets returns the personal values of an original HTML notice, each
// once, in the order found.
func (c *Checker) Secrets(src string) []Secret {
	doc, err := html.Parse(strings.NewReader(src))
	var out []Secret
	seen := map[string]bool{}
	add := func(s Secret) {
		s.Value = strings.TrimSpace(s.Value)
		if s.Value == "" || seen[s.Kind+"\x00"+s.Value] {
			return
		}
		seen[s.Kind+"\x00"+s.Value] = true
		out = append(out, s)
	}
	var text string
	if err == nil {
		var b strings.Builder
		c.walk(doc, &b, add)
		text = b.String()
	} else {
		text = src
	}
	for _, m := range c.labelRe.FindAllStringSubmatch(text, -1) {
		if name, ok := c.personName(m[2]); ok {
			add(Secret{Kind: KindName, Value: name, Where: "label " + m[1]})
		}
	}
	for _, re := range []struct {
		re   *regexp.Regexp
		kind string
	}{{mobileRe, KindPhone}, {landlineRe, KindPhone}, {idRe, KindID}} {
		for _, m := range re.re.FindAllStringSubmatch(text, -1) {
			add(Secret{Kind: re.kind, Value: m[1], Where: "pattern"})
		}
	}
	for _, m := range emailRe.FindAllString(text, -1) {
		if c.personalMail(m) {
			add(Secret{Kind: KindEmail, Value: m, Where: "pattern"})
		}
	}
	return out
}

// walk appends the text of n to b, one line per block and a tab between
// table cells, and collects the person columns of every table.
func (c *Checker) walk(n *html.Node, b *strings.Builder, add func(Secret)) {
	switch n.Type {
	case html.TextNode:
		b.WriteString(n.Data)
		return
	case html.ElementNode:
		switch n.DataAtom {
		case atom.Script, atom.Style:
			return
		case atom.Table:
			c.table(n, add)
		}
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		c.walk(ch, b, add)
	}
	if n.Type == html.ElementNode {
		switch n.DataAtom {
		case atom.Td, atom.Th:
			b.WriteByte('\t')
		case atom.Tr, atom.P, atom.Div, atom.Br, atom.Li, atom.H1, atom.H2, atom.H3, atom.H4, atom.Table:
			b.WriteByte('\n')
		}
	}
}

// table finds header rows naming a person column and reports the cells
// below them in that column, until a row that is itself a header.
func (c *Checker) table(t *html.Node, add func(Secret)) {
	var rows [][]string
	var collect func(*html.Node)
	collect = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Table && n != t {
			return // nested tables are walked on their own
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Tr {
			var cells []string
			for td := n.FirstChild; td != nil; td = td.NextSibling {
				if td.Type == html.ElementNode && (td.DataAtom == atom.Td || td.DataAtom == atom.Th) {
					cells = append(cells, strings.TrimSpace(nodeText(td)))
				}
			}
			rows = append(rows, cells)
			return
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			collect(ch)
		}
	}
	collect(t)
	var cols map[int]string
	for _, r := range rows {
		if h := c.personColumns(r); len(h) > 0 {
			cols = h
			continue
		}
		for i, label := range cols {
			if i < len(r) {
				for _, v := range splitNames(r[i]) {
					if name, ok := c.personName(v); ok {
						add(Secret{Kind: KindName, Value: name, Where: "column " + label})
					}
				}
			}
		}
	}
}

// personColumns returns the columns of a header row whose cell names a
// person (a short cell that contains a label).
func (c *Checker) personColumns(cells []string) map[int]string {
	var out map[int]string
	for i, cell := range cells {
		cell = strings.Join(strings.Fields(cell), "")
		if utf8.RuneCountInString(cell) > 10 {
			continue
		}
		for _, l := range c.labels {
			if strings.Contains(cell, strings.ReplaceAll(l, " ", "")) && !strings.Contains(cell, "电话") && !strings.Contains(cell, "证") {
				if out == nil {
					out = map[int]string{}
				}
				out[i] = l
				break
			}
		}
	}
	return out
}

func splitNames(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == '、' || r == ',' || r == '，' || r == ';' || r == '；' || r == '/' || unicode.IsSpace(r)
	})
}

// personName reports whether v reads as an individual's name: 2–4 Han
// runes (a surname and given name, or a surname with 先生/女士/工), or a
// name joined with '·', and not a placeholder or an organisation word.
func (c *Checker) personName(v string) (string, bool) {
	v = strings.TrimSpace(v)
	v = strings.TrimRight(v, "：:")
	for _, stop := range []string{"联系", "电话", "手机", "地址", "邮箱", "传真"} {
		if i := strings.Index(v, stop); i > 0 {
			v = v[:i]
		}
	}
	n := utf8.RuneCountInString(v)
	if n < 2 {
		return "", false
	}
	if n > 4 && !strings.ContainsRune(v, '·') {
		return "", false
	}
	if n > 8 || strings.HasPrefix(v, "注册") {
		return "", false // a qualification ("注册一级建造师·公路工程"), not a transliterated name
	}
	for _, r := range v {
		if !unicode.Is(unicode.Han, r) && r != '·' {
			return "", false
		}
	}
	if c.notNames[v] {
		return "", false
	}
	for _, s := range c.suffixes {
		if strings.HasSuffix(v, s) {
			return "", false
		}
	}
	for l := range c.notNames {
		if strings.HasPrefix(v, l) && utf8.RuneCountInString(l) >= 2 {
			return "", false
		}
	}
	return v, true
}

// personalMail reports whether an address is an individual's: at a public
// mailbox provider, or with a local part written as a dotted name.
func (c *Checker) personalMail(addr string) bool {
	local, domain, ok := strings.Cut(strings.ToLower(addr), "@")
	if !ok {
		return false
	}
	return c.mail[domain] || dottedName.MatchString(local)
}

var dottedName = regexp.MustCompile(`^[a-z]{2,}\.[a-z]{2,}$`)

func nodeText(n *html.Node) string {
	var b strings.Builder
	var f func(*html.Node)
	f = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			f(ch)
		}
	}
	f(n)
	return b.String()
}

// Leaks returns the secrets that appear in out, labelled with output.
// Phone and ID numbers are also looked for with their separators dropped.
func Leaks(secrets []Secret, output, out string) []Leak {
	var leaks []Leak
	for _, s := range secrets {
		found := strings.Contains(out, s.Value)
		if found && s.Kind == KindName && utf8.RuneCountInString(s.Value) == 2 {
			found = standsAlone(out, s.Value)
		}
		if !found && s.Kind == KindPhone {
			found = strings.Contains(out, strings.Map(digitsOnly, s.Value)) && len(strings.Map(digitsOnly, s.Value)) >= 10
		}
		if found {
			leaks = append(leaks, Leak{Secret: s, Output: output})
		}
	}
	return leaks
}

func digitsOnly(r rune) rune {
	if r >= '0' && r <= '9' {
		return r
	}
	return -1
}

// standsAlone reports whether a two-rune name occurs in out other than
// inside a longer Han word on both sides ("高工" in "湖北捷高工程" is not
// the contact 高工).
func standsAlone(out, name string) bool {
	for i := 0; ; {
		j := strings.Index(out[i:], name)
		if j < 0 {
			return false
		}
		at := i + j
		before, _ := utf8.DecodeLastRuneInString(out[:at])
		after, _ := utf8.DecodeRuneInString(out[at+len(name):])
		if !unicode.Is(unicode.Han, before) || !unicode.Is(unicode.Han, after) {
			return true
		}
		i = at + len(name)
	}
}
