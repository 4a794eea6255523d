package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"sort"
	"strconv"

	"github.com/enduse/enduse"
)

// bar is one labelled count with the link to its notices.
type bar struct {
	Key    string // the figure's key (brand, sector code, …)
	Label  string // what the page shows
	Sub    string // a second label (English, country, …)
	Count  int
	Amount float64
	Href   string
	Width  float64 // percent of the largest count, for CSS-free SVG bars
	Y      int     // SVG row offset
}

// bars turns a figure map into rows sorted by count (then key), at most
// limit (0 = all), each linking to its notices.
func bars(m map[string]enduse.Figure, base enduse.Filter, dim string, label func(string) (string, string), limit int) []bar {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := m[keys[i]].Notices, m[keys[j]].Notices
		if a != b {
			return a > b
		}
		return keys[i] < keys[j]
	})
	if limit > 0 && len(keys) > limit {
		keys = keys[:limit]
	}
	maxN := 1
	for _, k := range keys {
		maxN = max(maxN, m[k].Notices)
	}
	out := make([]bar, 0, len(keys))
	for i, k := range keys {
		fig := m[k]
		l, sub := k, ""
		if label != nil {
			l, sub = label(k)
		}
		if l == "" {
			l = "(unknown)"
		}
		out = append(out, bar{Key: k, Label: l, Sub: sub, Count: fig.Notices, Amount: fig.Amount,
			Href: figureHref(base, dim, k, fig), Width: 100 * float64(fig.Notices) / float64(maxN), Y: i * 22})
	}
	return out
}

// column is one month of a timeline chart.
type column struct {
	Month      string
	Count      int
	Href       string
	X, Y, W, H float64
	Label      string // shown under some columns
	LabelX     float64
}

// timeline is an SVG column chart of notices per month.
type timeline struct {
	Columns       []column
	Width, Height int
	Max           int
	BaseY         float64
}

// monthly lays out a timeline from a by-month figure map, filling empty
// months between the first and last so gaps show. At most 240 months
// (the latest) are drawn.
func monthly(m map[string]enduse.Figure, base enduse.Filter) *timeline {
	var months []string
	for k := range m {
		if _, _, ok := monthRange(k); ok {
			months = append(months, k)
		}
	}
	if len(months) == 0 {
		return nil
	}
	sort.Strings(months)
	all := []string{months[0]}
	for cur := months[0]; cur < months[len(months)-1]; {
		y, _ := strconv.Atoi(cur[:4])
		mo, _ := strconv.Atoi(cur[5:])
		mo++
		if mo > 12 {
			y, mo = y+1, 1
		}
		cur = fmt.Sprintf("%04d-%02d", y, mo)
		all = append(all, cur)
	}
	if len(all) > 240 {
		all = all[len(all)-240:]
	}
	t := &timeline{Width: 720, Height: 170, BaseY: 140}
	for _, mo := range all {
		t.Max = max(t.Max, m[mo].Notices)
	}
	if t.Max == 0 {
		return nil
	}
	w := math.Min(float64(t.Width-40)/float64(len(all)), 36)
	every := max(1, int(math.Ceil(64/w))) // a label needs about 64 units
	for i, mo := range all {
		fig := m[mo]
		h := 120 * float64(fig.Notices) / float64(t.Max)
		c := column{Month: mo, Count: fig.Notices, X: 30 + float64(i)*w, W: math.Max(w-1, 1), H: h, Y: t.BaseY - h}
		if fig.Notices > 0 {
			c.Href = figureHref(base, "month", mo, fig)
		}
		if i%every == 0 {
			c.Label, c.LabelX = mo, c.X
		}
		t.Columns = append(t.Columns, c)
	}
	return t
}

// geoFile is the bundled province outline file (see static/SOURCES.md).
type geoFile struct {
	Source    string `json:"source"`
	Width     int    `json:"width"`
	Height    int    `json:"height"`
	Provinces []struct {
		Code string `json:"code"`
		Name string `json:"name"`
		D    string `json:"d"`
	} `json:"provinces"`
}

// loadGeo reads static/china-provinces.json.
func loadGeo(fsys fs.FS) (*geoFile, error) {
	b, err := fs.ReadFile(fsys, "static/china-provinces.json")
	if err != nil {
		return nil, fmt.Errorf("web: province outlines: %w", err)
	}
	var g geoFile
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&g); err != nil {
		return nil, fmt.Errorf("web: province outlines static/china-provinces.json: %w", err)
	}
	if len(g.Provinces) == 0 || g.Width <= 0 || g.Height <= 0 {
		return nil, fmt.Errorf("web: province outlines static/china-provinces.json: empty")
	}
	return &g, nil
}

// mapArea is one province of the map page.
type mapArea struct {
	Code, Name, NameEN string
	D                  string
	Count              int
	Href               string
	Class              string // colour bucket q0..q5
}

// provinceMap colours provinces by the notices of a by-region figure map
// (keys are province codes) in six buckets on a square-root scale.
func (g *geoFile) provinceMap(byRegion map[string]enduse.Figure, base enduse.Filter, english func(string) string) ([]mapArea, int) {
	maxN := 0
	for _, f := range byRegion {
		maxN = max(maxN, f.Notices)
	}
	out := make([]mapArea, 0, len(g.Provinces))
	for _, p := range g.Provinces {
		fig := byRegion[p.Code]
		a := mapArea{Code: p.Code, Name: p.Name, D: p.D, Count: fig.Notices, Class: "q0"}
		if english != nil {
			a.NameEN = english(p.Code)
		}
		if fig.Notices > 0 && maxN > 0 {
			q := int(math.Ceil(5 * math.Sqrt(float64(fig.Notices)/float64(maxN))))
			a.Class = "q" + strconv.Itoa(min(max(q, 1), 5))
			a.Href = figureHref(base, "region", p.Code, fig)
		}
		out = append(out, a)
	}
	return out, maxN
}
