// Package pipeline wires the stages of enduse into one function over a
// decoded document: notice fields → line items → brand mentions →
// organisations → screening hits → single-source reason, plus the redacted
// text that is the only text ever stored or shown. Each stage lives in its
// own package and runs alone; this package only composes them, so
// `enduse extract`, `enduse ingest` and the benchmarks run the same code.
package pipeline

import (
	_ "embed"
	"fmt"
	"runtime/debug"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/document"
	"github.com/enduse/enduse/justify"
	"github.com/enduse/enduse/kb"
	"github.com/enduse/enduse/lineitem"
	"github.com/enduse/enduse/notice"
	"github.com/enduse/enduse/org"
	"github.com/enduse/enduse/recognize"
	"github.com/enduse/enduse/reconcile"
	"github.com/enduse/enduse/redact"
	"github.com/enduse/enduse/region"
	"github.com/enduse/enduse/rights"
	"github.com/enduse/enduse/screen"
)

// Config says which knowledge and lists the pipeline uses.
type Config struct {
	KBDirs []string      // user knowledge-base directories merged over the built-in one
	Lists  *screen.Lists // screening lists; nil = the built-in bundle
	// MaxMentions caps the mentions of one document (Budget.MaxMentions);
	// 0 means document.DefaultMaxMentions.
	MaxMentions int64
}

// Pipeline holds the immutable, shared state of every stage (automata,
// tables, indexes). It is safe for concurrent use. Pipelines share their
// parts: never modify a field or what it points to.
type Pipeline struct {
	KB         *kb.KB
	Recognizer *recognize.Recognizer
	Regions    *region.Table
	Orgs       *org.Analyzer
	Lists      *screen.Lists
	Screener   *screen.Screener
	Rights     *rights.Reader
	// MaxMentions is the mention budget of one document.
	MaxMentions int64
}

// New returns a pipeline over the built-in knowledge base and lists, or
// over cfg's when given. The built-in parts are built once per process, on
// first use, with independent parts built concurrently, and then shared by
// every pipeline (they are immutable): a second New, a test, or a one-file
// `enduse extract` does not rebuild them. Only what cfg changes is built
// anew: user knowledge-base directories (a knowledge base and recogniser
// of their own) and user lists (a screener of their own).
func New(cfg Config) (*Pipeline, error) {
	b, err := builtin()
	if err != nil {
		return nil, err
	}
	if cfg.Lists == b.Lists {
		cfg.Lists = nil // the built-in lists, already indexed
	}
	if len(cfg.KBDirs) == 0 && cfg.Lists == nil && (cfg.MaxMentions <= 0 || cfg.MaxMentions == b.MaxMentions) {
		return b, nil
	}
	p := *b
	if cfg.MaxMentions > 0 {
		p.MaxMentions = cfg.MaxMentions
	}
	if len(cfg.KBDirs) > 0 {
		if p.KB, p.Recognizer, err = buildKB(cfg.KBDirs); err != nil {
			return nil, err
		}
		if p.Orgs, err = buildOrgs(p.Regions, p.KB); err != nil {
			return nil, err
		}
		p.Rights = rights.New(p.KB)
	}
	if cfg.Lists != nil || len(cfg.KBDirs) > 0 {
		// The screener reads company aliases from the knowledge base, so a
		// user knowledge base needs a screener of its own too.
		lists := cfg.Lists
		if lists == nil {
			lists = b.Lists
		}
		if p.Screener, err = buildScreener(lists, p.Orgs, p.KB); err != nil {
			return nil, err
		}
		p.Lists = lists
	}
	return &p, nil
}

// builtin builds the pipeline of the built-in knowledge base and lists
// once per process (a process-wide cache of immutable tables, the one
// exception to "no package-level state": rebuilding them cost every
// command and test seconds). The knowledge base and recogniser are built
// while the regions and lists load; the organisation analyser and the
// screener, which need both sides, come last.
var builtin = sync.OnceValues(buildBuiltin)

// buildGCPercent is the collector's GOGC while buildBuiltin runs.
const buildGCPercent = 400

// buildBuiltin builds what builtin caches.
func buildBuiltin() (*Pipeline, error) {
	// The build allocates many short-lived strings while the heap is
	// small, so the collector ran over and over: a rarer collection during
	// the build made a one-file extract 13% quicker when the screener was
	// built (0.60 s against 0.69 s wall, medians of 7), and still ×0.93–
	// 0.95 in wall time with the screener loaded from its snapshot (0.177
	// against 0.183 s, 15 pairs, for under 1 MB more peak). A collector
	// already set rarer (or off) is left so.
	if old := debug.SetGCPercent(buildGCPercent); old < 0 || old > buildGCPercent {
		debug.SetGCPercent(old)
	} else {
		defer debug.SetGCPercent(old)
	}
	p := &Pipeline{MaxMentions: document.DefaultMaxMentions}
	var kbErr error
	kbDone := make(chan struct{})
	go func() {
		defer close(kbDone)
		p.KB, p.Recognizer, kbErr = buildKB(nil)
	}()
	var err error
	if p.Regions, err = region.Load(); err != nil {
		<-kbDone
		return nil, fmt.Errorf("load regions: %w", err)
	}
	snap := builtinSnapshot()
	if snap != nil {
		p.Lists = snap.Lists()
	} else if p.Lists, err = screen.Default(); err != nil {
		<-kbDone
		return nil, fmt.Errorf("load built-in screening lists: %w", err)
	}
	<-kbDone
	if kbErr != nil {
		return nil, kbErr
	}
	if p.Orgs, err = buildOrgs(p.Regions, p.KB); err != nil {
		return nil, err
	}
	p.Rights = rights.New(p.KB)
	if snap != nil {
		p.Screener = snap.Screener(p.Orgs, kbAliases(p.KB))
		if err := p.Screener.Err(); err != nil {
			return nil, fmt.Errorf("load screener: %w", err)
		}
	} else if p.Screener, err = buildScreener(p.Lists, p.Orgs, p.KB); err != nil {
		return nil, err
	}
	return p, nil
}

// screenerSnapshot is the built-in screener's indexes, written by
// `go test ./pipeline -run TestScreenerSnapshot -update` (see
// screen.WriteSnapshot): loading it instead of building the screener is
// most of what makes a one-file extract quick.
//
//go:embed data/screener.snap
var screenerSnapshot string

// builtinSnapshot decodes the built-in screener's snapshot, or returns
// nil when it was written from other data than this binary holds (the
// lists, glossaries, knowledge base or region table have changed since:
// TestScreenerSnapshot fails until it is written again) or cannot be
// read. Then the screener is built, as it would be without a snapshot.
func builtinSnapshot() *screen.Snapshot {
	fp, err := builtinFingerprint()
	if err != nil {
		return nil
	}
	if got, err := screen.SnapshotFingerprint(screenerSnapshot); err != nil || got != fp {
		return nil
	}
	snap, err := screen.ReadSnapshot(screenerSnapshot)
	if err != nil {
		return nil
	}
	return snap
}

// builtinFingerprint fingerprints the data the built-in screener is built
// from.
func builtinFingerprint() (string, error) {
	return screen.Fingerprint(kb.Data(), org.Data(), region.Data())
}

// buildKB loads the built-in knowledge base merged with dirs and builds
// its recogniser.
func buildKB(dirs []string) (*kb.KB, *recognize.Recognizer, error) {
	k, err := kb.Load(dirs...)
	if err != nil {
		return nil, nil, fmt.Errorf("load knowledge base: %w", err)
	}
	rec, err := recognize.New(k)
	if err != nil {
		return nil, nil, fmt.Errorf("build recogniser: %w", err)
	}
	return k, rec, nil
}

// buildOrgs builds the organisation analyser; names containing a company
// or brand the knowledge base knows render it in English (…海康威视… →
// …Hikvision…).
func buildOrgs(regions *region.Table, k *kb.KB) (*org.Analyzer, error) {
	orgs, err := org.NewAnalyzer(regions)
	if err != nil {
		return nil, fmt.Errorf("build organisation analyser: %w", err)
	}
	return orgs.WithNames(k.ChineseNames()), nil
}

// buildScreener indexes lists for screening, with the knowledge base's
// company aliases.
func buildScreener(lists *screen.Lists, orgs *org.Analyzer, k *kb.KB) (*screen.Screener, error) {
	scr := screen.NewScreener(lists, orgs, kbAliases(k))
	if err := scr.Err(); err != nil {
		return nil, fmt.Errorf("build screener: %w", err)
	}
	return scr, nil
}

// kbAliases returns the names k knows for a company: what the screener
// matches list entries and screened names through.
func kbAliases(k *kb.KB) func(string) []string {
	return func(name string) []string {
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
}

// Result is one processed document.
type Result struct {
	Notice   *enduse.Notice
	Redacted string // d.Text with personal data masked, rune for rune
	// Children holds the redacted text of each of d.Children, in order:
	// attachments are stored as documents of their own.
	Children []string
}

// Process runs every stage on a decoded document. It never fails: what a
// stage cannot read stays empty in the notice. When d has children
// (attachments), the notice's fields are read from d's own text, then the
// attachments' text is appended to d.Text (see combine) and items, mentions
// and redaction run over the whole, so the result's Redacted has d.Text's
// new length.
func (p *Pipeline) Process(d *enduse.Document) Result {
	return p.ProcessTimed(d, nil)
}

// ProcessTimed is Process that adds the time each stage took to t (when t
// is not nil), for benchmarks.
func (p *Pipeline) ProcessTimed(d *enduse.Document, t *Stages) Result {
	clock := t.start()
	withTitle(d)
	n := notice.Extract(d)
	if n.Type == enduse.TypeSingleSource {
		n.Reason = justify.Reason(d)
	}
	children := make([]string, len(d.Children))
	for i, c := range d.Children {
		if c != nil {
			children[i] = redact.Apply(c.Text, redact.Find(c.Text))
		}
	}
	n.Attachments = combine(d)
	clock.lap(stageNotice)
	n.Items = lineitem.Items(d)
	placeAttachmentItems(n)
	placeItems(n, d.Text)
	if len(n.Items) > 0 || n.AwardAmount > 0 {
		r := reconcile.Notice(n)
		n.Reconciliation = &r
	}
	for i := range n.Items {
		p.brandFirst(&n.Items[i])
		p.Recognizer.ResolveItem(&n.Items[i])
	}
	clock.lap(stageItems)
	n.Mentions = p.Recognizer.Find(d.Text)
	if max := p.MaxMentions; max > 0 && int64(len(n.Mentions)) > max {
		// Text built to hold mentions by the ten thousand is no notice;
		// storing them would cost the store more than the text.
		n.Error = document.OverBudget("max_mentions", int64(len(n.Mentions)), max).Error()
		n.Mentions = nil
	}
	clock.lap(stageMentions)
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
	clock.lap(stageOrgs)
	n.Hits = p.screen(n)
	n.Rights = p.Rights.Find(d.Text, n, d.Source)
	p.asOf(n, d)
	clock.lap(stageScreen)

	spans := redact.Find(d.Text)
	redacted := redact.Apply(d.Text, spans)
	cut := enduse.NewRunes(redacted)
	for k, ev := range n.Evidence {
		ev.Text = cut.Span(ev.Start, ev.End)
		n.Evidence[k] = ev
	}
	for i := range n.Items {
		if ev := n.Items[i].Evidence; ev != nil {
			ev.Text = cut.Span(ev.Start, ev.End)
		}
	}
	for i := range n.Rights {
		ev := &n.Rights[i].Evidence
		ev.Text = cut.Span(ev.Start, ev.End)
	}
	if n.Reason != nil {
		n.Reason.Evidence.Text = cut.Span(n.Reason.Evidence.Start, n.Reason.Evidence.End)
		n.Reason.Text = n.Reason.Evidence.Text
	}
	clock.lap(stageRedact)
	return Result{Notice: n, Redacted: redacted, Children: children}
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
	// New slices, not shifts in place: a shallow copy of a document (a
	// benchmark's, a caller's) must keep its own offsets.
	blocks := make([]enduse.Block, 0, len(d.Blocks)+1)
	blocks = append(blocks, enduse.Block{Kind: enduse.BlockHeading, Start: 0, End: shift - 1})
	for _, b := range d.Blocks {
		b.Start += shift
		b.End += shift
		if b.Cells != nil {
			cells := make([]enduse.Cell, len(b.Cells))
			for j, c := range b.Cells {
				c.Start += shift
				c.End += shift
				cells[j] = c
			}
			b.Cells = cells
		}
		blocks = append(blocks, b)
	}
	d.Blocks = blocks
	d.Text = title + "\n" + d.Text
}
