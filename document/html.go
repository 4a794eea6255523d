package document

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/enduse/enduse"
)

// headingMaxRunes is the longest line that a bold stand-alone line may have
// to count as a heading; longer bold lines are emphasised prose.
const headingMaxRunes = 60

// HTMLToText converts UTF-8 HTML to enduse's text layout: one block per
// line. Paragraphs, headings, list items and <br>-separated lines become
// BlockPara or BlockHeading lines; each table row becomes one BlockRow line
// with its cells separated by '\t'. Whitespace inside a line (including
// &nbsp; and the full-width space U+3000) collapses to one space; empty
// lines are dropped; script, style, head and hidden elements are dropped.
// Rows whose cells are all empty are dropped (Block.Row numbers the rows
// kept; Block.Table numbers, from 1, the tables that kept a row). A row
// whose only non-empty cell holds a nested table, or a one-column table
// whose cell holds several paragraphs, is a layout wrapper and is rendered
// as ordinary content; a nested table inside a data cell is flattened into
// that cell's text. Spaces that letter-spacing puts between single Chinese
// characters ("联 系 人") are removed.
//
// It returns the text, its blocks (with rune offsets into text) and the
// document's title: <meta name="ArticleTitle"> (government sites' own
// article title) when present, else <title>, else the first <h1>.
//
// Markup beyond the default Budget (too many elements or table cells) is
// laid out token by token, without table structure, so the result stays
// bounded.
func HTMLToText(src string) (text string, blocks []enduse.Block, title string) {
	p, err := parseHTML(newMeter(nil, Budget{}), src)
	if err != nil {
		return tokensToText(src)
	}
	return p.text, p.blocks, p.title
}

// parsedHTML is the layout of an HTML page and what its head says about
// it.
type parsedHTML struct {
	text   string
	blocks []enduse.Block
	title  string
	// meta holds the page's <meta name=… content=…> values for the names
	// in pageMetaNames (lower-cased), which Chinese government sites use
	// for the article's own title, date and source.
	meta map[string]string
}

// pageMetaNames are the <meta> names of the national standard for
// government web sites (政府网站发展指引) and common CMSs that describe the
// article itself.
var pageMetaNames = map[string]bool{
	"articletitle": true, "pubdate": true, "publishdate": true, "contentsource": true,
	"sitename": true, "columnname": true, "columntype": true, "url": true,
}

// parseHTML lays out src (see HTMLToText) and collects its page metadata.
// The title is <meta name="ArticleTitle"> when present (page titles often
// carry the site's name too), else <title>, else the first <h1>. It fails
// with a BudgetError when the markup has more elements or table cells
// than m allows, and with the context's error when m's context ends.
func parseHTML(m *meter, src string) (parsedHTML, error) {
	// The tree costs about 200 bytes per element: count the elements
	// before building it. Every element starts with '<', so the exact
	// count is only needed when the cheap bound is over the budget.
	if lt := int64(strings.Count(src, "<")); lt > m.b.MaxNodes {
		if err := m.addNodes(countTags(m, src)); err != nil {
			return parsedHTML{}, err
		}
	}
	root, err := html.Parse(strings.NewReader(src))
	if err != nil {
		// html.Parse rejects markup nested deeper than 512 elements;
		// such pages are read token by token, without table structure.
		t, b, title := tokensToText(src)
		return parsedHTML{text: t, blocks: b, title: title}, nil
	}
	c := newConverter(root)
	c.m = m
	c.walk(root)
	if c.err != nil {
		return parsedHTML{}, c.err
	}
	c.flushLine()
	p := parsedHTML{text: c.out.String(), blocks: c.blocks, title: stripSiteName(c.title, c.meta["sitename"]), meta: c.meta}
	if t := collapseSpace(c.meta["articletitle"]); t != "" {
		p.title = t
	}
	if p.title == "" {
		p.title = c.firstH1
	}
	return p, nil
}

// countTags counts the start tags of src with the tokenizer, which keeps
// no tree.
func countTags(m *meter, src string) int64 {
	z := html.NewTokenizer(strings.NewReader(src))
	var n int64
	for {
		switch z.Next() {
		case html.ErrorToken:
			return n
		case html.StartTagToken, html.SelfClosingTagToken:
			n++
			if n&4095 == 0 && m.ctx.Err() != nil {
				return n
			}
		}
	}
}

// tokensToText lays out HTML without building a tree: text tokens are
// lines' content, block and <br> tags end lines, script and style
// content is dropped. It is the fallback for markup html.Parse rejects.
func tokensToText(src string) (string, []enduse.Block, string) {
	c := &converter{}
	z := html.NewTokenizer(strings.NewReader(src))
	skip := 0
	inTitle := false
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			c.flushLine()
			return c.out.String(), c.blocks, c.title
		case html.TextToken:
			if skip > 0 {
				continue
			}
			if inTitle {
				if c.title == "" {
					c.title = collapseSpace(string(z.Text()))
				}
				continue
			}
			c.text(string(z.Text()))
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch {
			case a == atom.Script || a == atom.Style:
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
			case a == atom.Title:
				inTitle = tt == html.StartTagToken
			case a == atom.Br || a == atom.Table || blockElems[a]:
				c.flushLine()
			}
		}
	}
}

// converter walks a parsed HTML tree once and writes the text layout.
type converter struct {
	out    strings.Builder
	runes  int // runes written to out so far
	blocks []enduse.Block

	line      lineBuf
	cell      textBuf                 // the table cell being read
	heading   int                     // >0 while inside h1–h6
	bold      int                     // >0 while inside b/strong or a bold-styled element
	pre       int                     // >0 while inside pre/textarea
	tables    int                     // tables numbered so far
	cellHolds map[*html.Node]contents // what table cells hold, once asked
	hidden    map[string]bool
	title     string
	firstH1   string
	inH1      bool
	h1Collect strings.Builder
	meta      map[string]string
	// m meters the walk (table cells, cancellation); err is the first
	// budget or context error, which ends the walk.
	m   *meter
	err error
}

// lineBuf accumulates the inline text of the current line with whitespace
// collapsed.
type lineBuf struct {
	textBuf
	visible   int  // non-space runes written
	boldRunes int  // of which inside bold
	heading   bool // the line was inside an h1–h6
}

// textBuf accumulates text on one line: runs of white space become one
// space between words; invisible and control characters are dropped.
type textBuf struct {
	// b is kept between lines, so a line costs one allocation: its
	// string.
	b     []byte
	space bool // a space is pending before the next non-space text
	runes int  // runes written, spaces included, so offsets need no recount
}

// write appends s and returns the number of non-space runes it wrote.
// Runs of visible characters are copied whole rather than rune by rune;
// an invalid UTF-8 byte is written as U+FFFD, as ranging over s reads it.
func (t *textBuf) write(s string) int {
	visible := 0
	for i := 0; i < len(s); {
		start, n := i, 0
		for i < len(s) {
			if c := s[i]; c < utf8.RuneSelf {
				if c <= ' ' || c == 0x7F {
					break
				}
				i++
				n++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if (r == utf8.RuneError && size == 1) || isSpace(r) || isInvisible(r) {
				break
			}
			i += size
			n++
		}
		if n > 0 {
			t.sep()
			t.b = append(t.b, s[start:i]...)
			t.runes += n
			visible += n
		}
		if i == len(s) {
			break
		}
		// s[i] is a space, an invisible or control character or an
		// invalid byte.
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		switch {
		case isSpace(r):
			t.space = true
		case isInvisible(r) || r < 0x20 || r == 0x7F:
		default:
			t.sep()
			t.b = utf8.AppendRune(t.b, r)
			t.runes++
			visible++
		}
	}
	return visible
}

// sep writes the pending space, if any, before more text.
func (t *textBuf) sep() {
	if t.space && len(t.b) > 0 {
		t.b = append(t.b, ' ')
		t.runes++
	}
	t.space = false
}

// reset empties t for the next line.
func (t *textBuf) reset() {
	t.b = t.b[:0]
	t.space = false
	t.runes = 0
}

// despaced returns t's text without letter-spacing (see despace) and its
// length in runes.
func (t *textBuf) despaced() (string, int) {
	raw := string(t.b)
	s := despace(raw)
	// despace removes one-byte spaces only.
	return s, t.runes - (len(raw) - len(s))
}

func newConverter(root *html.Node) *converter {
	c := &converter{}
	c.hidden = hiddenClasses(root)
	return c
}

// hiddenClassRE finds simple ".name { … display:none … }" rules in <style>.
var hiddenClassRE = regexp.MustCompile(`\.([A-Za-z_][\w-]*)\s*\{[^}]*display\s*:\s*none`)

// hiddenClasses collects the class names that the document's own <style>
// sheets hide with display:none, so hidden template blocks are not read
// as text.
func hiddenClasses(root *html.Node) map[string]bool {
	var m map[string]bool
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Style {
			for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
				if ch.Type != html.TextNode {
					continue
				}
				for _, sm := range hiddenClassRE.FindAllStringSubmatch(ch.Data, -1) {
					if m == nil {
						m = map[string]bool{}
					}
					m[sm[1]] = true
				}
			}
			return
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			visit(ch)
		}
	}
	visit(root)
	return m
}

// blockElems are elements that start and end a line.
var blockElems = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Center: true, atom.Dd: true, atom.Details: true, atom.Dialog: true, atom.Dir: true,
	atom.Div: true, atom.Dl: true, atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true,
	atom.Figure: true, atom.Footer: true, atom.Form: true, atom.H1: true, atom.H2: true,
	atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Header: true,
	atom.Hgroup: true, atom.Hr: true, atom.Li: true, atom.Main: true, atom.Menu: true,
	atom.Nav: true, atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true,
	atom.Summary: true, atom.Ul: true, atom.Caption: true, atom.Legend: true,
	atom.Body: true, atom.Html: true, atom.Tr: true, atom.Td: true, atom.Th: true,
	atom.Tbody: true, atom.Thead: true, atom.Tfoot: true, atom.Option: true,
	atom.Textarea: true,
}

// skipElems are elements whose content is never text of the notice.
var skipElems = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Head: true, atom.Noscript: true,
	atom.Template: true, atom.Iframe: true, atom.Object: true, atom.Embed: true,
	atom.Svg: true, atom.Math: true, atom.Select: true, atom.Button: true,
	atom.Input: true, atom.Img: true, atom.Audio: true, atom.Video: true,
	atom.Canvas: true, atom.Map: true,
}

// isHidden reports whether an element is not rendered: the hidden
// attribute, an inline display:none/visibility:hidden, or a class that the
// page's style sheet hides.
func (c *converter) isHidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "style":
			if styleHas(a.Val, hiddenDisplay) || styleHas(a.Val, hiddenVisibility) {
				return true
			}
		case "class":
			if c.hidden != nil {
				for _, cl := range strings.Fields(a.Val) {
					if c.hidden[cl] {
						return true
					}
				}
			}
		}
	}
	return false
}

// isBoldElem reports whether n renders its content bold.
func isBoldElem(n *html.Node) bool {
	switch n.DataAtom {
	case atom.B, atom.Strong:
		return true
	}
	for _, a := range n.Attr {
		if a.Key == "style" && styleHas(a.Val, boldWeight) {
			return true
		}
	}
	return false
}

// styleRule names CSS properties and the values of them that make an
// inline style match.
type styleRule struct {
	properties, values []string
}

// The inline styles that hide an element or make it bold. Word writes
// mso-ansi-font-weight for bold list numbers.
var (
	hiddenDisplay    = styleRule{[]string{"display"}, []string{"none"}}
	hiddenVisibility = styleRule{[]string{"visibility"}, []string{"hidden"}}
	boldWeight       = styleRule{[]string{"font-weight", "mso-ansi-font-weight"}, []string{"bold", "bolder", "700", "800", "900"}}
)

// styleHas reports whether an inline style declares one of r's
// properties with one of its values (ASCII case-insensitive, spaces and
// !important tolerated). It reads the style once, whatever the number of
// properties and values, and does not allocate.
func styleHas(style string, r styleRule) bool {
	for style != "" {
		var decl string
		decl, style, _ = strings.Cut(style, ";")
		k, v, ok := strings.Cut(decl, ":")
		if !ok || !equalFoldAny(strings.TrimSpace(k), r.properties) {
			continue
		}
		v = strings.TrimSpace(v)
		v = strings.TrimSpace(strings.TrimSuffix(v, "!important"))
		if equalFoldAny(v, r.values) {
			return true
		}
	}
	return false
}

// equalFoldAny reports whether s equals one of list under case folding.
func equalFoldAny(s string, list []string) bool {
	for _, w := range list {
		if strings.EqualFold(s, w) {
			return true
		}
	}
	return false
}

func (c *converter) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		if c.inH1 {
			c.h1Collect.WriteString(n.Data)
		}
		c.text(n.Data)
		return
	case html.ElementNode:
		if c.err != nil {
			return
		}
		if err := c.m.tick(); err != nil {
			c.err = err
			return
		}
	case html.DocumentNode:
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			c.walk(ch)
		}
		return
	default:
		return
	}
	if n.DataAtom == atom.Title {
		if c.title == "" {
			c.title = collapseSpace(nodeText(n))
		}
		return
	}
	if n.DataAtom == atom.Meta {
		c.pageMeta(n)
		return
	}
	if n.DataAtom == atom.Head {
		// The title and meta tags sit in head; nothing else there is text.
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			if ch.Type == html.ElementNode && (ch.DataAtom == atom.Title || ch.DataAtom == atom.Meta) {
				c.walk(ch)
			}
		}
		return
	}
	if skipElems[n.DataAtom] || c.isHidden(n) {
		return
	}
	switch n.DataAtom {
	case atom.Br:
		c.flushLine()
		return
	case atom.Table:
		c.flushLine()
		c.table(n)
		return
	}
	block := blockElems[n.DataAtom]
	if block {
		c.flushLine()
	}
	isH := false
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		isH = true
		c.heading++
		if n.DataAtom == atom.H1 && c.firstH1 == "" && !c.inH1 {
			c.inH1 = true
			defer func() {
				c.inH1 = false
				c.firstH1 = collapseSpace(c.h1Collect.String())
				c.h1Collect.Reset()
			}()
		}
	case atom.Pre, atom.Textarea:
		c.pre++
	}
	b := isBoldElem(n)
	if b {
		c.bold++
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		c.walk(ch)
	}
	if b {
		c.bold--
	}
	if block {
		c.flushLine()
	}
	if isH {
		c.heading--
	}
	switch n.DataAtom {
	case atom.Pre, atom.Textarea:
		c.pre--
	}
}

// pageMeta records a <meta name=… content=…> whose name is in
// pageMetaNames; the first value of each name wins.
func (c *converter) pageMeta(n *html.Node) {
	var name, content string
	for _, a := range n.Attr {
		switch a.Key {
		case "name":
			name = strings.ToLower(strings.TrimSpace(a.Val))
		case "content":
			content = strings.TrimSpace(a.Val)
		}
	}
	if !pageMetaNames[name] || content == "" {
		return
	}
	if c.meta == nil {
		c.meta = map[string]string{}
	}
	if _, ok := c.meta[name]; !ok {
		c.meta[name] = content
	}
}

// isSpace reports whether r separates words in rendered HTML: ASCII and
// Unicode spaces, including no-break and full-width spaces.
func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '\v', 0xA0, 0x3000, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x85:
		return true
	}
	return r >= 0x2000 && r <= 0x200A
}

// isInvisible reports whether r is a zero-width or format character that
// carries no text (zero-width space, BOM, soft hyphen) and is dropped.
func isInvisible(r rune) bool {
	switch r {
	case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0xAD, 0:
		return true
	}
	return false
}

// text appends a text node's content to the current line.
func (c *converter) text(s string) {
	l := &c.line
	if c.heading > 0 {
		l.heading = true
	}
	if c.pre > 0 {
		// Inside pre every newline ends a line.
		for {
			i := strings.IndexByte(s, '\n')
			if i < 0 {
				break
			}
			c.lineText(s[:i])
			c.flushLine()
			s = s[i+1:]
		}
	}
	c.lineText(s)
}

// lineText appends text without newlines of its own to the current line.
func (c *converter) lineText(s string) {
	n := c.line.write(s)
	c.line.visible += n
	if c.bold > 0 || c.heading > 0 {
		c.line.boldRunes += n
	}
}

// flushLine ends the current line: a non-empty line is written to the
// output as a paragraph or heading block.
func (c *converter) flushLine() {
	l := &c.line
	if l.visible == 0 {
		l.reset()
		l.heading = false
		l.boldRunes = 0
		return
	}
	s, runes := l.despaced()
	kind := enduse.BlockPara
	if l.heading || (l.boldRunes == l.visible && l.visible <= headingMaxRunes && !labelValue(s)) {
		kind = enduse.BlockHeading
	}
	c.emit(enduse.Block{Kind: kind}, s, runes, nil)
	l.reset()
	l.heading = false
	l.visible = 0
	l.boldRunes = 0
}

// despace removes the spaces that justified or letter-spaced layouts put
// between Chinese characters ("联 系 人：", "宁 波 市 阳 光"), which no
// Chinese text has otherwise: a space goes when it stands between two Han
// characters and the word on one side of it is a single character (or a
// single character and a colon). Spaces between longer words, such as
// two company names, are kept.
func despace(s string) string {
	if strings.IndexByte(s, ' ') < 0 {
		return s
	}
	var b strings.Builder
	last := 0 // bytes of s before last are written to b
	for i := 1; i < len(s)-1; i++ {
		if s[i] != ' ' {
			continue
		}
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+1:])
		if !unicode.Is(unicode.Han, before) || !unicode.Is(unicode.Han, after) {
			continue
		}
		if !singleBefore(s[:i]) && !singleAfter(s[i+1:]) {
			continue
		}
		if last == 0 {
			b.Grow(len(s))
		}
		b.WriteString(s[last:i])
		last = i + 1
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// singleBefore reports whether the word ending s is one character.
func singleBefore(s string) bool {
	_, n := utf8.DecodeLastRuneInString(s)
	return n == len(s) || s[len(s)-n-1] == ' '
}

// singleAfter reports whether the word starting s is one character,
// possibly followed by a colon.
func singleAfter(s string) bool {
	_, n := utf8.DecodeRuneInString(s)
	rest := s[n:]
	if strings.HasPrefix(rest, ":") {
		return true
	}
	if strings.HasPrefix(rest, "：") {
		return true
	}
	return rest == "" || rest[0] == ' '
}

// labelValue reports whether a line reads "label：value" (a colon with
// text after it). Such bold lines are fields, not headings.
func labelValue(s string) bool {
	i := strings.IndexAny(s, ":：")
	if i < 0 {
		return false
	}
	_, n := utf8.DecodeRuneInString(s[i:])
	return strings.TrimSpace(s[i+n:]) != ""
}

// emit writes one line of runes runes and records its block: s for a
// paragraph or heading, the cells' texts joined by '\t' for a row. A
// row's cells have offsets from the line's start.
func (c *converter) emit(b enduse.Block, s string, runes int, cells []enduse.Cell) {
	if c.out.Len() > 0 {
		c.out.WriteByte('\n')
		c.runes++
	}
	b.Start = c.runes
	c.out.WriteString(s)
	for i := range cells {
		if i > 0 {
			c.out.WriteByte('\t')
		}
		c.out.WriteString(cells[i].Text)
		cells[i].Start += b.Start
		cells[i].End += b.Start
	}
	c.runes += runes
	b.End = c.runes
	b.Cells = cells
	c.blocks = append(c.blocks, b)
}

// tableRows returns the rows of table t in order, looking through
// thead/tbody/tfoot (and stray wrappers that broken markup leaves) but not
// into nested tables.
func tableRows(t *html.Node) []*html.Node {
	var rows []*html.Node
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			if ch.Type != html.ElementNode {
				continue
			}
			switch ch.DataAtom {
			case atom.Tr:
				rows = append(rows, ch)
			case atom.Table:
				// a nested table outside any cell: not this table's rows
			default:
				visit(ch)
			}
		}
	}
	visit(t)
	return rows
}

// rowCells returns the td/th cells of a row.
func rowCells(tr *html.Node) []*html.Node {
	var cells []*html.Node
	for ch := tr.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.ElementNode && (ch.DataAtom == atom.Td || ch.DataAtom == atom.Th) {
			cells = append(cells, ch)
		}
	}
	return cells
}

// table renders a table: data rows become BlockRow lines, layout rows are
// rendered as ordinary content.
func (c *converter) table(t *html.Node) {
	if c.isHidden(t) {
		return
	}
	// A caption is a line of its own before the rows.
	for ch := t.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.ElementNode && ch.DataAtom == atom.Caption {
			c.walk(ch)
		}
	}
	rows := tableRows(t)
	maxCells, textRows := 0, 0
	for _, tr := range rows {
		if n := len(rowCells(tr)); n > maxCells {
			maxCells = n
		}
		if c.hasText(tr) {
			textRows++
		}
	}
	num, rowNum := 0, 0
	for ri, tr := range rows {
		if c.err != nil {
			return
		}
		if c.isHidden(tr) {
			continue
		}
		tds := rowCells(tr)
		var visible []*html.Node
		for _, td := range tds {
			if !c.isHidden(td) {
				visible = append(visible, td)
			}
		}
		if layout := c.layoutCells(visible, maxCells, textRows); layout != nil {
			for _, td := range layout {
				c.flushLine()
				for ch := td.FirstChild; ch != nil; ch = ch.NextSibling {
					c.walk(ch)
				}
				c.flushLine()
			}
			continue
		}
		cells := make([]enduse.Cell, 0, len(visible))
		nonEmpty := false
		off := 0 // runes of the row's line so far
		for i, td := range visible {
			c.cell.reset()
			c.cellText(td, &c.cell)
			txt, n := c.cell.despaced()
			if txt != "" {
				nonEmpty = true
			}
			if i > 0 {
				off++ // the '\t' before the cell
			}
			cells = append(cells, enduse.Cell{
				Text:    txt,
				Start:   off,
				End:     off + n,
				ColSpan: spanAttr(td, "colspan"),
				RowSpan: spanAttr(td, "rowspan"),
			})
			off += n
		}
		if !nonEmpty {
			continue
		}
		if err := c.m.addCells(gridCost(cells, len(rows)-ri)); err != nil {
			c.err = err
			return
		}
		if num == 0 {
			c.tables++
			num = c.tables
		}
		c.emit(enduse.Block{Kind: enduse.BlockRow, Table: num, Row: rowNum}, "", off, cells)
		rowNum++
	}
}

// layoutCells returns the cells to render as ordinary content when a row
// is page layout rather than data, or nil for a data row. A row is layout
// when:
//   - its only non-empty cell holds a nested table, or the table has one
//     column and the cell holds several paragraphs or lines;
//   - a cell holds a heading (h1–h6);
//   - a cell holds a nested table of two or more rows with paragraphs of
//     its own around it (a content column of a table-based page);
//   - the table has a single row with text, of several cells, one of which
//     holds three or more paragraphs (navigation beside content).
//
// A data cell with a few lines (a specification list) or a small nested
// table stays a cell.
func (c *converter) layoutCells(cells []*html.Node, maxCells, textRows int) []*html.Node {
	var filled []*html.Node
	for _, td := range cells {
		if c.hasText(td) {
			filled = append(filled, td)
		}
	}
	switch {
	case len(filled) == 0:
		return nil
	case len(filled) == 1:
		only := filled[0]
		if c.holds(only).table || (maxCells == 1 && c.blockChildren(only) >= 2) {
			return filled
		}
	}
	for _, td := range filled {
		h := c.holds(td)
		if h.heading {
			return filled
		}
		if h.table && nestedRows(td) >= 2 && c.blockChildren(td) >= 1 {
			return filled
		}
		if textRows == 1 && len(filled) >= 2 && c.blockChildren(td) >= 3 {
			return filled
		}
	}
	return nil
}

// nestedRows counts the rows of the tables nested in n.
func nestedRows(n *html.Node) int {
	count := 0
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type != html.ElementNode {
			continue
		}
		if ch.DataAtom == atom.Table {
			count += len(tableRows(ch))
		} else {
			count += nestedRows(ch)
		}
	}
	return count
}

// contents is what the descendants of an element hold, for telling
// layout rows from data rows.
type contents struct {
	text    bool // non-space text outside skipped elements
	heading bool // an h1–h6 element
	table   bool // a table element
}

// hasText reports whether n has any non-space text outside skipped
// elements.
func (c *converter) hasText(n *html.Node) bool {
	switch n.Type {
	case html.TextNode:
		return visibleText(n.Data)
	case html.ElementNode:
		if skipElems[n.DataAtom] {
			return false
		}
	}
	return c.holds(n).text
}

// visibleText reports whether s has a character other than spaces and
// invisible ones.
func visibleText(s string) bool {
	return strings.TrimFunc(s, func(r rune) bool { return isSpace(r) || isInvisible(r) }) != ""
}

// holds returns what n's descendants hold. It is asked of every cell of
// every table, and a layout table's cells hold the tables nested in it:
// a cell's answer is kept, so nested tables' content is read once rather
// than once per table around it.
func (c *converter) holds(n *html.Node) contents {
	cell := n.Type == html.ElementNode && (n.DataAtom == atom.Td || n.DataAtom == atom.Th)
	if cell {
		if h, ok := c.cellHolds[n]; ok {
			return h
		}
	}
	var h contents
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		switch ch.Type {
		case html.TextNode:
			h.text = h.text || visibleText(ch.Data)
		case html.ElementNode:
			switch ch.DataAtom {
			case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				h.heading = true
			case atom.Table:
				h.table = true
			}
			sub := c.holds(ch)
			h.text = h.text || (sub.text && !skipElems[ch.DataAtom])
			h.heading = h.heading || sub.heading
			h.table = h.table || sub.table
		}
	}
	if cell {
		if c.cellHolds == nil {
			c.cellHolds = map[*html.Node]contents{}
		}
		c.cellHolds[n] = h
	}
	return h
}

// blockChildren counts the line breaks a cell's content would make
// outside nested tables: block elements with text and <br>s.
func (c *converter) blockChildren(n *html.Node) int {
	count := 0
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type != html.ElementNode || ch.DataAtom == atom.Table {
			continue
		}
		if ch.DataAtom == atom.Br {
			count++
		} else if blockElems[ch.DataAtom] && c.hasText(ch) {
			count++
		} else {
			count += c.blockChildren(ch)
		}
	}
	return count
}

// spanAttr reads a colspan/rowspan attribute; 0 when absent, invalid or 1.
func spanAttr(n *html.Node, key string) int {
	for _, a := range n.Attr {
		if a.Key == key {
			v, err := strconv.Atoi(strings.TrimSpace(a.Val))
			if err != nil || v <= 1 {
				return 0
			}
			if v > 1000 {
				v = 1000
			}
			return v
		}
	}
	return 0
}

// cellText writes the text of a cell with all whitespace, line breaks and
// block boundaries collapsed to single spaces; nested tables contribute
// their cells' text separated by spaces.
func (c *converter) cellText(n *html.Node, cb *textBuf) {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		switch ch.Type {
		case html.TextNode:
			cb.write(ch.Data)
		case html.ElementNode:
			if skipElems[ch.DataAtom] || c.isHidden(ch) {
				continue
			}
			if ch.DataAtom == atom.Br || blockElems[ch.DataAtom] || ch.DataAtom == atom.Table {
				cb.space = true
			}
			c.cellText(ch, cb)
			if blockElems[ch.DataAtom] || ch.DataAtom == atom.Table {
				cb.space = true
			}
		}
	}
}

// nodeText returns the concatenated text nodes under n.
func nodeText(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		b.WriteString(nodeText(ch))
	}
	return b.String()
}

// collapseSpace trims s and collapses its whitespace runs (including
// no-break and full-width spaces) to single spaces.
func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	emit := func() {
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
	}
	for i := 0; i < len(s); {
		// ASCII, the bulk of many texts and all of a hostile file of
		// zeros, a byte at a time; the rest rune by rune.
		if c := s[i]; c < utf8.RuneSelf {
			i++
			switch {
			case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
				space = true
			case c < 0x20 || c == 0x7F:
			default:
				// a run of printable ASCII is copied whole
				j := i
				for j < len(s) && s[j] > ' ' && s[j] < 0x7F {
					j++
				}
				emit()
				b.WriteString(s[i-1 : j])
				i = j
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case isSpace(r) || unicode.IsSpace(r):
			space = true
		case isInvisible(r) || r == 0x7F:
		default:
			emit()
			b.WriteRune(r)
		}
	}
	return b.String()
}

// titleSeparators split a page title from the site name many sites append
// ("…成交结果公告_中国政府采购网", "…中标公告 - 宜昌市公共资源交易中心").
var titleSeparators = []string{"_", " - ", " – ", " — ", "——", "|", "｜", "-"}

// siteWords end a site's name.
var siteWords = []string{"网", "平台", "中心", "门户", "网站", "官网", "政府", "系统", "服务"}

// stripSiteName removes a site name appended to a page title, so copies of
// one notice on several sites share one title. sitename is the page's
// <meta name="SiteName">, when it has one.
func stripSiteName(title, sitename string) string {
	title = strings.TrimSpace(title)
	for _, sep := range titleSeparators {
		i := strings.LastIndex(title, sep)
		if i <= 0 {
			continue
		}
		head, tail := strings.TrimSpace(title[:i]), strings.TrimSpace(title[i+len(sep):])
		if utf8.RuneCountInString(head) < 6 || tail == "" || utf8.RuneCountInString(tail) > 30 {
			continue
		}
		if sitename != "" && strings.TrimSpace(sitename) == tail {
			return head
		}
		for _, w := range siteWords {
			if strings.HasSuffix(tail, w) {
				return head
			}
		}
	}
	return title
}
