// Package pipeline wires the stages of enduse into one function over a
// decoded document: notice fields → line items → brand mentions →
// organisations → screening hits → single-source reason, plus the redacted
// text that is the only text ever stored or shown. Each stage lives in its
// own package and runs alone; this package only composes them, so
// `enduse extract`, `enduse ingest` and the benchmarks run the same code.
package pipeline

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/justify"
	"github.com/enduse/enduse/kb"
	"github.com/enduse/enduse/lineitem"
	"github.com/enduse/enduse/notice"
	"github.com/enduse/enduse/org"
	"github.com/enduse/enduse/recognize"
	"github.com/enduse/enduse/reconcile"
	"github.com/enduse/enduse/redact"
	"github.com/enduse/enduse/region"
	"github.com/enduse/enduse/screen"
)

// Config says which knowledge and lists the pipeline uses.
type Config struct {
	KBDirs []string      // user knowledge-base directories merged over the built-in one
	Lists  *screen.Lists // screening lists; nil = the built-in bundle
}

// Pipeline holds the immutable, shared state of every stage (automata,
// tables, indexes). It is safe for concurrent use.
type Pipeline struct {
	KB         *kb.KB
	Recognizer *recognize.Recognizer
	Regions    *region.Table
	Orgs       *org.Analyzer
	Lists      *screen.Lists
	Screener   *screen.Screener
}

// New loads the knowledge base, the region table and the lists, and builds
// the recogniser and screener.
func New(cfg Config) (*Pipeline, error) {
	k, err := kb.Load(cfg.KBDirs...)
	if err != nil {
		return nil, fmt.Errorf("load knowledge base: %w", err)
	}
	rec, err := recognize.New(k)
	if err != nil {
		return nil, fmt.Errorf("build recogniser: %w", err)
	}
	regions, err := region.Load()
	if err != nil {
		return nil, fmt.Errorf("load regions: %w", err)
	}
	orgs, err := org.NewAnalyzer(regions)
	if err != nil {
		return nil, fmt.Errorf("build organisation analyser: %w", err)
	}
	lists := cfg.Lists
	if lists == nil {
		if lists, err = screen.Default(); err != nil {
			return nil, fmt.Errorf("load built-in screening lists: %w", err)
		}
	}
	aliases := func(name string) []string {
		c, ok := k.FindCompany(name)
		if !ok {
			return nil
		}
		out := append([]string{c.Name}, c.Aliases...)
		if c.NameZH != "" {
			out = append(out, c.NameZH)
		}
		return out
	}
	scr := screen.NewScreener(lists, orgs, aliases)
	if err := scr.Err(); err != nil {
		return nil, fmt.Errorf("build screener: %w", err)
	}
	return &Pipeline{KB: k, Recognizer: rec, Regions: regions, Orgs: orgs, Lists: lists, Screener: scr}, nil
}

// Result is one processed document.
type Result struct {
	Notice   *enduse.Notice
	Redacted string // d.Text with personal data masked, rune for rune
}

// Process runs every stage on a decoded document. It never fails: what a
// stage cannot read stays empty in the notice.
func (p *Pipeline) Process(d *enduse.Document) Result {
	withTitle(d)
	n := notice.Extract(d)
	n.Items = lineitem.Items(d)
	placeItems(n, d.Text)
	if len(n.Items) > 0 || n.AwardAmount > 0 {
		r := reconcile.Notice(n)
		n.Reconciliation = &r
	}
	for i := range n.Items {
		p.brandFirst(&n.Items[i])
		p.Recognizer.ResolveItem(&n.Items[i])
	}
	n.Mentions = p.Recognizer.Find(d.Text)
	if n.Type == enduse.TypeSingleSource {
		n.Reason = justify.Reason(d)
	}
	var hints []string
	if n.Region != nil {
		hints = append(hints, n.Region.Name)
	}
	p.analyze(n.Buyer, hints)
	p.analyze(n.Agency, hints)
	for i := range n.Suppliers {
		p.analyze(&n.Suppliers[i].Org, nil)
	}
	if n.Region != nil && n.Region.Code == "" {
		if r, ok := p.Regions.Resolve(n.Region.Name); ok {
			n.Region = &r
		}
	}
	n.Hits = p.screen(n)

	spans := redact.Find(d.Text)
	redacted := redact.Apply(d.Text, spans)
	for k, ev := range n.Evidence {
		ev.Text = enduse.RuneSpan(redacted, ev.Start, ev.End)
		n.Evidence[k] = ev
	}
	for i := range n.Items {
		if ev := n.Items[i].Evidence; ev != nil {
			ev.Text = enduse.RuneSpan(redacted, ev.Start, ev.End)
		}
	}
	if n.Reason != nil {
		n.Reason.Evidence.Text = enduse.RuneSpan(redacted, n.Reason.Evidence.Start, n.Reason.Evidence.End)
		n.Reason.Text = n.Reason.Evidence.Text
	}
	return Result{Notice: n, Redacted: redacted}
}

// analyze fills an organisation's derived attributes in place, keeping the
// address the notice gave.
func (p *Pipeline) analyze(o *enduse.Org, hints []string) {
	if o == nil || o.Name == "" {
		return
	}
	if o.Address != "" {
		hints = append([]string{o.Address}, hints...)
	}
	a := p.Orgs.Analyze(o.Name, hints...)
	a.Address = o.Address
	// Companies the knowledge base knows keep their own English name
	// (海康威视 is Hikvision, not a pinyin rendering).
	if en, ok := p.KB.EnglishName(o.Name); ok && a.Sector == enduse.SectorEnterprise {
		a.NameEN = en
	}
	if a.Key == "" {
		a.Key = p.Orgs.Canonical(o.Name)
	}
	*o = a
}

// screen matches the buyer, agency and suppliers against the lists.
func (p *Pipeline) screen(n *enduse.Notice) []enduse.Hit {
	var hits []enduse.Hit
	add := func(role string, o *enduse.Org) {
		if o == nil || o.Name == "" {
			return
		}
		for _, h := range p.Screener.Screen(o.Name, screen.Options{}) {
			h.Org, h.Name = role, o.Name
			hits = append(hits, h)
		}
	}
	add("buyer", n.Buyer)
	add("agency", n.Agency)
	for i := range n.Suppliers {
		add("supplier", &n.Suppliers[i].Org)
	}
	return hits
}

// withTitle makes the title part of the text when the body does not repeat
// it (crawler exports keep the title in its own field), so mentions and
// evidence in the title have offsets like everything else.
func withTitle(d *enduse.Document) {
	title := strings.TrimSpace(d.Title)
	if title == "" {
		return
	}
	head := d.Text
	if len(head) > 2000 {
		head = head[:2000]
	}
	if strings.Contains(head, title) {
		return
	}
	shift := utf8.RuneCountInString(title) + 1
	for i := range d.Blocks {
		b := &d.Blocks[i]
		b.Start += shift
		b.End += shift
		for j := range b.Cells {
			b.Cells[j].Start += shift
			b.Cells[j].End += shift
		}
	}
	d.Blocks = append([]enduse.Block{{Kind: enduse.BlockHeading, Start: 0, End: shift - 1}}, d.Blocks...)
	d.Text = title + "\n" + d.Text
}
