// Package chart draws the two charts enduse reports need — horizontal bars
// (notices or quantities by brand, product line, buyer …) and a monthly
// timeline — as inline SVG. The output needs no JavaScript, fonts or
// network, so a report stays one self-contained file that can be archived
// and opened offline; every text is escaped and every link checked, so
// labels taken from notices (buyer names, brands) cannot inject markup.
// Each bar or month is a link to the notices behind it, keeping the
// project's rule that no number appears without its evidence.
package chart

import (
	"fmt"
	"html/template"
	"math"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Bar is one bar of a bar chart: a label (a brand, buyer, product line),
// its value and the link to the notices behind it (empty for none).
type Bar struct {
	Label string
	Value float64
	Href  string
}

// Point is one month of a timeline: Month as "YYYY-MM", its value and the
// link to the notices behind it.
type Point struct {
	Month string
	Value float64
	Href  string
}

// Layout of the charts, in SVG user units (pixels at 100 % zoom).
const (
	width       = 640
	barRow      = 22   // height of one bar row
	barHeight   = 14   // height of a bar inside its row
	titleHeight = 28   // space for the chart title
	labelMax    = 220  // widest label column
	labelMin    = 60   // narrowest label column
	charWidth   = 7    // approximate width of a Latin character at font-size 12
	labelRunes  = 30   // labels longer than this are cut with "…" (full text in the tooltip)
	valueSpace  = 70   // room right of the longest bar for its value
	plotHeight  = 160  // timeline plot height
	axisSpace   = 40   // timeline room below the plot for month labels
	leftSpace   = 44   // timeline room left of the plot for the scale
	rightSpace  = 30   // timeline room right of the plot, so the last month label fits
	maxMonths   = 1200 // a timeline spans at most 100 years; wider ranges are cut
	maxBars     = 500  // at most this many bars are drawn
	fontFamily  = "system-ui, -apple-system, 'Segoe UI', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif"
	barColor    = "#3b6ea5"
	textColor   = "#222"
	mutedColor  = "#666"
	gridColor   = "#ddd"
	emptyNotice = "No data."
)

// Bars draws a horizontal bar chart: one row per bar, in the given order,
// each label and bar a link to its Href. Negative, NaN and infinite values
// are drawn as zero. With no bars it draws the title and "No data.".
func Bars(title string, bars []Bar) template.HTML {
	var note string
	if len(bars) > maxBars {
		note = fmt.Sprintf("%d more not shown", len(bars)-maxBars)
		bars = bars[:maxBars]
	}
	labelW := labelMin
	maxV := 0.0
	for _, b := range bars {
		if w := textWidth(shorten(clean(b.Label), labelRunes)) + 8; w > labelW {
			labelW = w
		}
		maxV = math.Max(maxV, finite(b.Value))
	}
	labelW = min(labelW, labelMax)
	plotW := width - labelW - valueSpace
	rows := max(len(bars), 1)
	if note != "" {
		rows++
	}
	height := titleHeight + rows*barRow + 8

	var s svg
	s.open(title, width, height)
	s.desc(barsDesc(bars))
	s.text(0, 18, "start", "14", "bold", textColor, clean(title))
	if len(bars) == 0 {
		s.text(0, titleHeight+14, "start", "12", "", mutedColor, emptyNotice)
	}
	for i, b := range bars {
		label := clean(b.Label)
		v := finite(b.Value)
		y := titleHeight + i*barRow
		w := 0.0
		if maxV > 0 {
			w = v / maxV * float64(plotW)
		}
		if v > 0 && w < 1 {
			w = 1 // a non-zero value is always visible
		}
		s.linkOpen(b.Href)
		s.printf(`<title>%s: %s</title>`, esc(label), esc(formatValue(v)))
		s.text(labelW-6, y+barHeight-2, "end", "12", "", textColor, shorten(label, labelRunes))
		s.printf(`<rect x="%d" y="%d" width="%s" height="%d" fill="%s"/>`, labelW, y+(barRow-barHeight)/2, num(w), barHeight, barColor)
		s.text(labelW+int(math.Ceil(w))+4, y+barHeight-2, "start", "12", "", textColor, formatValue(v))
		s.linkClose(b.Href)
	}
	if note != "" {
		s.text(labelW, titleHeight+len(bars)*barRow+14, "start", "12", "", mutedColor, note)
	}
	s.close()
	return template.HTML(s.b.String())
}

// Timeline draws a column chart of values per month from the earliest to
// the latest month given, months without a point shown as zero, each
// column a link to its Href. Points whose Month is not YYYY-MM (e.g.
// "unknown") cannot be placed; their total is stated under the chart.
// Repeated months are summed (the first link is kept).
func Timeline(title string, points []Point) template.HTML {
	type cell struct {
		v    float64
		href string
	}
	byMonth := map[int]*cell{}
	lo, hi := math.MaxInt, math.MinInt
	undated := 0.0
	for _, p := range points {
		m, ok := monthIndex(p.Month)
		if !ok {
			undated += finite(p.Value)
			continue
		}
		c := byMonth[m]
		if c == nil {
			c = &cell{href: p.Href}
			byMonth[m] = c
		}
		c.v += finite(p.Value)
		lo, hi = min(lo, m), max(hi, m)
	}
	n := 0
	if len(byMonth) > 0 {
		if hi-lo+1 > maxMonths {
			lo = hi - maxMonths + 1
		}
		n = hi - lo + 1
	}
	maxV := 0.0
	for m, c := range byMonth {
		if m >= lo {
			maxV = math.Max(maxV, c.v)
		}
	}
	height := titleHeight + plotHeight + axisSpace
	if undated > 0 {
		height += 18
	}
	plotW := width - leftSpace - rightSpace
	var s svg
	s.open(title, width, height)
	s.desc(timelineDesc(lo, n, func(m int) float64 {
		if c := byMonth[m]; c != nil {
			return c.v
		}
		return 0
	}))
	s.text(0, 18, "start", "14", "bold", textColor, clean(title))
	base := titleHeight + plotHeight
	if n == 0 {
		s.text(leftSpace, titleHeight+14, "start", "12", "", mutedColor, emptyNotice)
	} else {
		top := niceMax(maxV)
		for _, f := range []float64{0, 0.5, 1} {
			y := float64(base) - f*float64(plotHeight-10)
			s.printf(`<line x1="%d" y1="%s" x2="%d" y2="%s" stroke="%s"/>`, leftSpace, num(y), width-rightSpace, num(y), gridColor)
			s.text(leftSpace-4, int(y)+4, "end", "11", "", mutedColor, formatValue(f*top))
		}
		colW := float64(plotW) / float64(n)
		every := labelEvery(n, colW)
		for i := 0; i < n; i++ {
			m := lo + i
			c := byMonth[m]
			v, href := 0.0, ""
			if c != nil {
				v, href = c.v, c.href
			}
			h := 0.0
			if top > 0 {
				h = v / top * float64(plotHeight-10)
			}
			if v > 0 && h < 1 {
				h = 1
			}
			x := float64(leftSpace) + float64(i)*colW
			label := monthLabel(m)
			s.linkOpen(href)
			s.printf(`<title>%s: %s</title>`, esc(label), esc(formatValue(v)))
			s.printf(`<rect x="%s" y="%s" width="%s" height="%s" fill="%s"/>`,
				num(x+colW*0.1), num(float64(base)-h), num(math.Max(colW*0.8, 0.5)), num(h), barColor)
			s.linkClose(href)
			if i%every == 0 || i == n-1 && (n-1)%every > every/2 {
				s.text(int(x+colW/2), base+14, "middle", "10", "", textColor, label)
			}
		}
	}
	if undated > 0 {
		s.text(leftSpace, base+axisSpace+10, "start", "12", "", mutedColor,
			fmt.Sprintf("%s without a usable date not shown", formatValue(undated)))
	}
	s.close()
	return template.HTML(s.b.String())
}

// svg accumulates an SVG document.
type svg struct{ b strings.Builder }

func (s *svg) printf(format string, args ...any) { fmt.Fprintf(&s.b, format, args...) }

// open starts the element with its accessible name (aria-label and
// <title>, which browsers show and screen readers announce).
func (s *svg) open(title string, w, h int) {
	t := esc(clean(title))
	s.printf(`<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="%d" height="%d" viewBox="0 0 %d %d" aria-label="%s" font-family="%s">`,
		w, h, w, h, t, fontFamily)
	s.printf(`<title>%s</title>`, t)
}

// desc writes the data as text for screen readers and text browsers.
func (s *svg) desc(d string) {
	if d != "" {
		s.printf(`<desc>%s</desc>`, esc(d))
	}
}

func (s *svg) close() { s.b.WriteString(`</svg>`) }

// text writes one text element; content is escaped here.
func (s *svg) text(x, y int, anchor, size, weight, color, content string) {
	w := ""
	if weight != "" {
		w = ` font-weight="` + weight + `"`
	}
	s.printf(`<text x="%d" y="%d" text-anchor="%s" font-size="%s"%s fill="%s">%s</text>`, x, y, anchor, size, w, color, esc(content))
}

// linkOpen starts a link when href is safe; otherwise a plain group, so the
// markup stays balanced either way.
func (s *svg) linkOpen(href string) {
	if h, ok := SafeHref(href); ok {
		s.printf(`<a href="%s">`, esc(h))
		return
	}
	s.b.WriteString(`<g>`)
}

func (s *svg) linkClose(href string) {
	if _, ok := SafeHref(href); ok {
		s.b.WriteString(`</a>`)
		return
	}
	s.b.WriteString(`</g>`)
}

// SafeHref reports whether href may be used as a link in a report and
// returns it trimmed: fragment links ("#n-1a2b"), relative paths and
// http(s) URLs are allowed; other schemes (javascript:, data:) and
// malformed URLs are refused.
func SafeHref(href string) (string, bool) {
	href = strings.TrimSpace(href)
	if href == "" || !utf8.ValidString(href) || strings.ContainsFunc(href, unicode.IsControl) {
		return "", false
	}
	u, err := url.Parse(href)
	if err != nil {
		return "", false
	}
	switch strings.ToLower(u.Scheme) {
	case "", "http", "https":
	default:
		return "", false
	}
	if u.Scheme == "" && u.Opaque != "" {
		return "", false
	}
	return href, true
}

// esc escapes text for XML content and attribute values.
func esc(s string) string {
	return template.HTMLEscapeString(s)
}

// clean makes a label valid XML text: valid UTF-8, no control characters
// (XML 1.0 forbids most of them), single spaces.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return ' '
		case unicode.IsControl(r), r == 0xFFFE, r == 0xFFFF, r >= 0xD800 && r <= 0xDFFF:
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// shorten cuts s to n runes, marking the cut with "…".
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// textWidth estimates the rendered width of s: wide (CJK) runes count
// double.
func textWidth(s string) int {
	w := 0
	for _, r := range s {
		if wide(r) {
			w += 2 * charWidth
		} else {
			w += charWidth
		}
	}
	return w
}

// wide reports whether r is drawn at double width (CJK and full-width forms).
func wide(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) ||
		unicode.Is(unicode.Hangul, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFF60)
}

// finite is v, or 0 for negative, NaN and infinite values.
func finite(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		return 0
	}
	return v
}

// formatValue prints a value without trailing zeros and with thousands
// separators: 1234 → "1,234", 2.5 → "2.5".
func formatValue(v float64) string {
	s := strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return b.String()
}

// num prints an SVG coordinate with at most one decimal.
func num(v float64) string {
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
}

// monthIndex turns "YYYY-MM" into months since year 0.
func monthIndex(s string) (int, bool) {
	if len(s) != 7 || s[4] != '-' {
		return 0, false
	}
	y, err1 := strconv.Atoi(s[:4])
	m, err2 := strconv.Atoi(s[5:])
	if err1 != nil || err2 != nil || y < 1000 || m < 1 || m > 12 {
		return 0, false
	}
	return y*12 + m - 1, true
}

// monthLabel turns a month index back into "YYYY-MM".
func monthLabel(i int) string {
	return fmt.Sprintf("%04d-%02d", i/12, i%12+1)
}

// labelEvery is how many columns apart month labels are drawn so they do
// not overlap (a label is about 45 units wide).
func labelEvery(n int, colW float64) int {
	if colW <= 0 {
		return n
	}
	return max(1, int(math.Ceil(48/colW)))
}

// niceMax rounds the largest value up to 1, 2 or 5 × 10^k for the scale.
func niceMax(v float64) float64 {
	if v <= 0 {
		return 0
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, f := range []float64{1, 2, 5, 10} {
		if f*p >= v {
			return f * p
		}
	}
	return 10 * p
}

// barsDesc is the bar data as one line of text.
func barsDesc(bars []Bar) string {
	parts := make([]string, 0, len(bars))
	for _, b := range bars {
		parts = append(parts, clean(b.Label)+": "+formatValue(finite(b.Value)))
	}
	return shorten(strings.Join(parts, "; "), 4000)
}

// timelineDesc is the timeline data as one line of text.
func timelineDesc(lo, n int, value func(int) float64) string {
	parts := make([]string, 0, n)
	for i := 0; i < n; i++ {
		parts = append(parts, monthLabel(lo+i)+": "+formatValue(value(lo+i)))
	}
	return shorten(strings.Join(parts, "; "), 4000)
}
