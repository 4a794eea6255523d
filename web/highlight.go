package web

import (
	"sort"
	"strconv"

	"github.com/enduse/enduse"
)

// spanKind orders highlights: where spans overlap, the higher kind shows.
type spanKind int

const (
	spanItem    spanKind = iota + 1 // the table row an item was read from
	spanField                       // evidence of an extracted field
	spanMention                     // a recognised brand, product or model
)

// span is a highlight over [start, end) rune offsets of a notice's text.
type span struct {
	start, end int
	kind       spanKind
	label      string // what the span is evidence of, for the tooltip
}

// segment is a run of text with at most one highlight, ready for the
// template (which escapes Text).
type segment struct {
	Text  string
	Class string // "", "mention", "field" or "item"
	Title string
	ID    string // anchor of the first segment of a highlight
}

// noticeSpans collects the highlights of a notice: mentions, field
// evidence and item rows.
func noticeSpans(n *enduse.Notice) []span {
	var out []span
	for _, m := range n.Mentions {
		label := m.Brand
		if label == "" {
			label = m.Company
		}
		if m.ProductLine != "" {
			label += " " + m.ProductLine
		}
		if m.Spec {
			label += " (named as a specification)"
		}
		out = append(out, span{m.Start, m.End, spanMention, label})
	}
	for name, ev := range n.Evidence {
		out = append(out, span{ev.Start, ev.End, spanField, name})
	}
	for _, it := range n.Items {
		if it.Evidence != nil {
			out = append(out, span{it.Evidence.Start, it.Evidence.End, spanItem, "item: " + it.Name})
		}
	}
	return out
}

// highlight cuts text into segments so that every rune inside a valid span
// is marked with the highest-ranking span covering it. Spans outside the
// text or empty are ignored, never trusted: offsets come from the store.
func highlight(text string, spans []span) []segment {
	rs := []rune(text)
	n := len(rs)
	var valid []span
	for _, s := range spans {
		if s.start < 0 || s.end > n || s.start >= s.end {
			continue
		}
		valid = append(valid, s)
	}
	if len(valid) == 0 {
		if n == 0 {
			return nil
		}
		return []segment{{Text: text}}
	}
	// Boundaries at every span edge; each elementary interval takes the
	// best span covering it.
	cuts := []int{0, n}
	for _, s := range valid {
		cuts = append(cuts, s.start, s.end)
	}
	sort.Ints(cuts)
	cuts = compactInts(cuts)
	// Sweep the cuts left to right, keeping the spans that cover the
	// current interval; the best is the highest kind, then the earliest.
	sort.SliceStable(valid, func(i, j int) bool { return valid[i].start < valid[j].start })
	better := func(a, b *span) bool {
		if a.kind != b.kind {
			return a.kind > b.kind
		}
		return a.start < b.start
	}
	var out []segment
	var active []*span
	var prev *span
	anchored := map[int]bool{} // span starts that already have an id
	next := 0
	for i := 0; i+1 < len(cuts); i++ {
		a, b := cuts[i], cuts[i+1]
		for next < len(valid) && valid[next].start <= a {
			active = append(active, &valid[next])
			next++
		}
		kept := active[:0]
		for _, sp := range active {
			if sp.end > a {
				kept = append(kept, sp)
			}
		}
		active = kept
		var best *span
		for _, sp := range active {
			if sp.end >= b && (best == nil || better(sp, best)) {
				best = sp
			}
		}
		seg := segment{Text: string(rs[a:b])}
		if best != nil {
			seg.Class = kindClass(best.kind)
			seg.Title = best.label
			if best != prev && !anchored[best.start] {
				seg.ID = "s" + strconv.Itoa(best.start)
				anchored[best.start] = true
			}
		}
		// Merge with the previous segment when the highlight continues.
		if len(out) > 0 && best == prev {
			out[len(out)-1].Text += seg.Text
		} else {
			out = append(out, seg)
		}
		prev = best
	}
	return out
}

func kindClass(k spanKind) string {
	switch k {
	case spanMention:
		return "mention"
	case spanField:
		return "field"
	case spanItem:
		return "item"
	}
	return ""
}

func compactInts(s []int) []int {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}
