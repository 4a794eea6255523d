package web

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/kb"
	"github.com/enduse/enduse/safetext"
)

// graphNode is a company box of the link graph.
type graphNode struct {
	ID, Name, Country string
	Brands            string // the company's brands, comma-separated
	X, Y, W, H        int
	Class             string // us, cn or other
	Href              string
	Focus             bool
}

// graphEdge is a link drawn between two boxes.
type graphEdge struct {
	X1, Y1, X2, Y2 int
	MX, MY         int // label position
	Label          string
	Class          string // the link type
}

// graphComponent is one connected group of linked companies, laid out in
// columns: owners and principals on the left, their subsidiaries, joint
// ventures, acquisitions and distributors to the right.
type graphComponent struct {
	Title         string
	Nodes         []graphNode
	Edges         []graphEdge
	Width, Height int
	Href          string
}

// graphData is the graph page.
type graphData struct {
	Focus      string
	Components []graphComponent
	Companies  int
	Links      int
}

const (
	nodeW, nodeH = 190, 34
	colGap       = 120
	rowGap       = 14
)

// buildGraph lays out the knowledge base's corporate links, every
// connected group of companies (or only the one holding focus, a company
// id or name) as its own diagram.
func buildGraph(k *kb.KB, focus string) (*graphData, error) {
	links := k.Links()
	adj := map[string][]string{}
	for _, l := range links {
		adj[l.From] = append(adj[l.From], l.To)
		adj[l.To] = append(adj[l.To], l.From)
	}
	d := &graphData{}
	if focus != "" {
		c, ok := k.Company(focus)
		if !ok {
			if c, ok = k.FindCompany(focus); !ok {
				return nil, fmt.Errorf("company %q is not in the knowledge base: %w", focus, enduse.ErrNotFound)
			}
		}
		d.Focus = c.ID
	}
	brands := map[string][]string{}
	for _, b := range k.Brands() {
		brands[b.Company] = append(brands[b.Company], b.Name)
	}
	seen := map[string]bool{}
	ids := make([]string, 0, len(adj))
	for id := range adj {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	if d.Focus != "" && len(adj[d.Focus]) == 0 {
		ids = []string{d.Focus}
	}
	for _, start := range ids {
		if seen[start] {
			continue
		}
		var comp []string
		stack := []string{start}
		seen[start] = true
		for len(stack) > 0 {
			id := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			comp = append(comp, id)
			for _, n := range adj[id] {
				if !seen[n] {
					seen[n] = true
					stack = append(stack, n)
				}
			}
		}
		if d.Focus != "" && !contains(comp, d.Focus) {
			continue
		}
		d.Components = append(d.Components, layoutComponent(k, comp, links, brands, d.Focus))
	}
	sort.SliceStable(d.Components, func(i, j int) bool { return len(d.Components[i].Nodes) > len(d.Components[j].Nodes) })
	for _, c := range d.Components {
		d.Companies += len(c.Nodes)
		d.Links += len(c.Edges)
	}
	return d, nil
}

func contains(ss []string, s string) bool {
	for _, v := range ss {
		if v == s {
			return true
		}
	}
	return false
}

// layoutComponent places a component's companies in columns by the length
// of the longest link chain above them (cycles are cut where met).
func layoutComponent(k *kb.KB, comp []string, links []enduse.Link, brands map[string][]string, focus string) graphComponent {
	in := map[string]bool{}
	for _, id := range comp {
		in[id] = true
	}
	var ls []enduse.Link
	out := map[string][]string{}
	for _, l := range links {
		if in[l.From] && in[l.To] {
			ls = append(ls, l)
			out[l.From] = append(out[l.From], l.To)
		}
	}
	depth := map[string]int{}
	var visit func(id string, onPath map[string]bool) int
	visit = func(id string, onPath map[string]bool) int {
		if d, ok := depth[id]; ok {
			return d
		}
		onPath[id] = true
		best := 0
		for _, to := range out[id] {
			if onPath[to] {
				continue
			}
			best = max(best, visit(to, onPath)+1)
		}
		delete(onPath, id)
		depth[id] = best
		return best
	}
	cols := map[int][]string{}
	maxCol := 0
	for _, id := range comp {
		d := visit(id, map[string]bool{})
		cols[d] = append(cols[d], id)
		maxCol = max(maxCol, d)
	}
	g := graphComponent{}
	pos := map[string]*graphNode{}
	rows := 0
	nodes := make([]graphNode, 0, len(comp))
	// Order each column by the mean row of its neighbours in the columns
	// already placed (barycentre), which keeps most edges from crossing.
	row := map[string]int{}
	nb := map[string][]string{}
	for _, l := range ls {
		nb[l.From] = append(nb[l.From], l.To)
		nb[l.To] = append(nb[l.To], l.From)
	}
	for c := 0; c <= maxCol; c++ {
		ids := cols[c]
		bary := map[string]float64{}
		for _, id := range ids {
			sum, n := 0.0, 0
			for _, o := range nb[id] {
				if r, ok := row[o]; ok {
					sum += float64(r)
					n++
				}
			}
			bary[id] = 1e9
			if n > 0 {
				bary[id] = sum / float64(n)
			}
		}
		sort.Slice(ids, func(i, j int) bool {
			if bary[ids[i]] != bary[ids[j]] {
				return bary[ids[i]] < bary[ids[j]]
			}
			return label(k, ids[i]) < label(k, ids[j])
		})
		for r, id := range ids {
			row[id] = r
		}
		for r, id := range ids {
			co, _ := k.Company(id)
			n := graphNode{ID: id, Name: label(k, id), Country: co.Country, X: 10 + c*(nodeW+colGap), Y: 10 + r*(nodeH+rowGap),
				W: nodeW, H: nodeH, Href: "/companies/" + pathEscape(id), Focus: id == focus}
			switch co.Country {
			case "US":
				n.Class = "us"
			case "CN":
				n.Class = "cn"
			default:
				n.Class = "other"
			}
			if bs := brands[id]; len(bs) > 0 {
				sort.Strings(bs)
				n.Brands = safetext.Clip(strings.Join(bs, ", "), 30)
			}
			nodes = append(nodes, n)
		}
		rows = max(rows, len(ids))
	}
	for i := range nodes {
		pos[nodes[i].ID] = &nodes[i]
	}
	for _, l := range ls {
		a, b := pos[l.From], pos[l.To]
		e := graphEdge{Class: string(l.Type), Label: linkLabel(l)}
		// Draw from the owner/principal (b) to the owned/agent (a).
		if b.X < a.X {
			e.X1, e.Y1, e.X2, e.Y2 = b.X+b.W, b.Y+b.H/2, a.X, a.Y+a.H/2
		} else if b.X > a.X {
			e.X1, e.Y1, e.X2, e.Y2 = b.X, b.Y+b.H/2, a.X+a.W, a.Y+a.H/2
		} else {
			e.X1, e.Y1, e.X2, e.Y2 = b.X+b.W/2, b.Y+b.H, a.X+a.W/2, a.Y
		}
		// Label near the owned end, where edges fan out least.
		e.MX, e.MY = (e.X1+3*e.X2)/4, (e.Y1+3*e.Y2)/4-3
		g.Edges = append(g.Edges, e)
	}
	sort.Slice(nodes, func(i, j int) bool { return nodes[i].ID < nodes[j].ID })
	g.Nodes = nodes
	g.Width = 20 + (maxCol+1)*nodeW + maxCol*colGap
	g.Height = 20 + rows*(nodeH+rowGap)
	root := cols[0]
	if len(root) > 0 {
		g.Title = label(k, root[0])
		if len(root) > 1 {
			g.Title += " and " + strconv.Itoa(len(root)-1) + " more"
		}
	}
	if focus == "" && len(comp) > 0 {
		g.Href = "/graph?company=" + pathEscape(comp[0])
	}
	return g
}

// label is the display name of a company id.
func label(k *kb.KB, id string) string {
	if c, ok := k.Company(id); ok {
		return c.Name
	}
	return id
}

// linkLabel words a link for its edge.
func linkLabel(l enduse.Link) string {
	s := strings.ReplaceAll(string(l.Type), "_", " ")
	if l.Share > 0 && l.Share < 100 {
		s += " " + strconv.FormatFloat(l.Share, 'f', -1, 64) + "%"
	}
	if l.Since != "" {
		s += " " + l.Since
	}
	if l.Until != "" {
		s += "–" + l.Until
	}
	return s
}
