// Package report turns the answer to a query into what analysts publish:
// a finding-first summary in plain sentences ("Between 1 Jan 2022 and 12
// May 2022, at least 18 unique award or contract announcements from 16
// public-security buyers … referenced Seagate"), tables and charts of the
// figures, and an appendix with one entry per announcement — buyer,
// dates, items, amounts, the quoted evidence spans, source, sha256 and
// re-publications — so every number can be traced to the exact text of
// its notices. Build gathers the data once; WriteMarkdown and WriteHTML
// render it, and Data marshals to JSON for scripts.
//
// Reports show only the stored, redacted text: organisations, never
// people.
package report

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/enduse/enduse"
)

// MaxNotices is the most announcements a report lists in its appendix (the
// store's page limit); the figures always cover every matching notice.
const MaxNotices = 10000

// Data is everything a report shows.
type Data struct {
	Title    string         `json:"title"`
	Filter   enduse.Filter  `json:"filter"`
	Criteria []string       `json:"criteria"` // the filter in words
	Findings []Finding      `json:"findings"`
	Result   *enduse.Result `json:"result"`
	Tables   []Table        `json:"tables"`
	// Notices is the appendix: one entry per unique announcement, newest
	// first. Truncated is set when more matched than the appendix holds.
	Notices   []Entry `json:"notices"`
	Truncated bool    `json:"truncated,omitempty"`
	// Notes say how to read the figures (lower bounds, de-duplication).
	Notes []string `json:"notes"`
}

// Finding is one sentence of the summary with the notices behind it.
type Finding struct {
	Text string   `json:"text"`
	IDs  []string `json:"ids"`
}

// Table is one breakdown of the result (by brand, product line, buyer …).
type Table struct {
	ID      string     `json:"id"`    // anchor, e.g. "by-brand"
	Title   string     `json:"title"` // e.g. "By brand"
	Label   string     `json:"label"` // header of the label column
	Rows    []TableRow `json:"rows"`
	HasQty  bool       `json:"has_quantity"`
	HasAmt  bool       `json:"has_amount"`
	Comment string     `json:"comment,omitempty"`
}

// TableRow is one figure of a table.
type TableRow struct {
	Anchor string `json:"anchor"`
	Label  string `json:"label"`
	Detail string `json:"detail,omitempty"` // e.g. the English name of a buyer
	enduse.Figure
}

// Entry is one announcement of the appendix.
type Entry struct {
	ID          string            `json:"id"` // sha256 of the representative document
	Anchor      string            `json:"anchor"`
	Title       string            `json:"title"`
	Type        enduse.NoticeType `json:"type"`
	Published   string            `json:"published,omitempty"`
	ProjectCode string            `json:"project_code,omitempty"`
	ProjectName string            `json:"project_name,omitempty"`
	Buyer       *enduse.Org       `json:"buyer,omitempty"`
	Agency      string            `json:"agency,omitempty"`
	Suppliers   []enduse.Supplier `json:"suppliers,omitempty"`
	Budget      float64           `json:"budget,omitempty"`
	AwardAmount float64           `json:"award_amount,omitempty"`
	Items       []enduse.Item     `json:"items,omitempty"`
	Quotes      []Quote           `json:"quotes,omitempty"`
	Hits        []enduse.Hit      `json:"hits,omitempty"`
	Reason      *enduse.Reason    `json:"reason,omitempty"`
	Source      string            `json:"source"`
	URL         string            `json:"url,omitempty"`
	Group       string            `json:"group,omitempty"`
	// Copies are the re-publications of the same announcement.
	Copies []Copy `json:"copies,omitempty"`
}

// Quote is a span of a notice's redacted text that supports a field or a
// brand mention.
type Quote struct {
	Field string `json:"field"` // "buyer", "award_amount", "mention Seagate" …
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Copy is a re-publication of an announcement.
type Copy struct {
	ID        string `json:"id"`
	Source    string `json:"source"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"`
}

// Build runs the filter and reads every announcement it matches (up to
// MaxNotices) for the appendix. It returns the store's errors wrapped,
// ErrInvalid for a bad filter.
func Build(ctx context.Context, q enduse.Querier, r enduse.NoticeReader, f enduse.Filter) (*Data, error) {
	if q == nil || r == nil {
		return nil, fmt.Errorf("build report: no store: %w", enduse.ErrInvalid)
	}
	f.Limit, f.Offset = MaxNotices, 0
	res, err := q.Query(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("build report: %w", err)
	}
	d := &Data{Filter: res.Filter, Result: res, Truncated: res.Total > len(res.Rows)}
	if d.Filter.Limit == 0 {
		d.Filter = f
	}
	for _, row := range res.Rows {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("build report: %w", err)
		}
		e, err := entry(ctx, r, row)
		if err != nil {
			return nil, fmt.Errorf("build report: notice %s: %w", row.ID, err)
		}
		d.Notices = append(d.Notices, e)
	}
	d.Criteria = criteria(d.Filter)
	d.Title = title(d.Filter)
	d.Tables = tables(res, d.Notices)
	d.Findings = findings(d.Filter, res, d.Notices)
	d.Notes = notes(res, d.Truncated)
	return d, nil
}

// entry reads one announcement and its copies.
func entry(ctx context.Context, r enduse.NoticeReader, row enduse.Row) (Entry, error) {
	n, err := r.Notice(ctx, row.ID)
	if err != nil {
		return Entry{}, err
	}
	e := Entry{ID: n.SHA256, Anchor: Anchor(n.SHA256), Title: n.Title, Type: n.Type, Published: n.Published,
		ProjectCode: n.ProjectCode, ProjectName: n.ProjectName, Buyer: n.Buyer, Suppliers: n.Suppliers,
		Budget: n.Budget, AwardAmount: n.AwardAmount, Items: n.Items, Hits: n.Hits, Reason: n.Reason,
		Source: n.Source, URL: n.URL, Group: n.Group}
	if e.ID == "" {
		e.ID, e.Anchor = row.ID, Anchor(row.ID)
	}
	if n.Agency != nil {
		e.Agency = n.Agency.Name
	}
	e.Quotes = quotes(n)
	for _, id := range n.Copies {
		if id == e.ID {
			continue
		}
		c, err := r.Notice(ctx, id)
		if errors.Is(err, enduse.ErrNotFound) {
			continue // removed since the query ran
		}
		if err != nil {
			return Entry{}, fmt.Errorf("copy %s: %w", id, err)
		}
		e.Copies = append(e.Copies, Copy{ID: c.SHA256, Source: c.Source, URL: c.URL, Published: c.Published})
	}
	return e, nil
}

// quoteContext is how many runes around a mention a quote shows.
const quoteContext = 24

// quotes are the evidence spans of a notice: its fields, then each
// distinct brand mention with some context, all from the redacted text.
func quotes(n *enduse.StoredNotice) []Quote {
	var out []Quote
	keys := make([]string, 0, len(n.Evidence))
	for k := range n.Evidence {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		ev := n.Evidence[k]
		text := ev.Text
		if s := enduse.RuneSpan(n.Text, ev.Start, ev.End); s != "" {
			text = s
		}
		if strings.TrimSpace(text) == "" {
			continue
		}
		out = append(out, Quote{Field: k, Text: oneLine(text), Start: ev.Start, End: ev.End})
	}
	seen := map[string]bool{}
	for _, m := range n.Mentions {
		if m.Brand == "" {
			continue
		}
		key := m.Brand + "\x00" + m.Text
		if seen[key] {
			continue
		}
		seen[key] = true
		field := "mention " + m.Brand
		if m.ProductLine != "" {
			field += " " + m.ProductLine
		}
		if m.Spec {
			field += " (specification only)"
		}
		start, end := max(m.Start-quoteContext, 0), m.End+quoteContext
		text := enduse.RuneSpan(n.Text, start, end)
		if text == "" {
			text = m.Text
		}
		out = append(out, Quote{Field: field, Text: oneLine(text), Start: start, End: min(end, utf8.RuneCountInString(n.Text))})
	}
	return out
}

// Anchor is the HTML id of an announcement's appendix entry.
func Anchor(id string) string {
	if len(id) > 12 {
		id = id[:12]
	}
	return "n-" + id
}

// criteria describes the filter in words (enduse.Filter.Criteria).
func criteria(f enduse.Filter) []string {
	var c []string
	for _, cr := range f.Criteria() {
		c = append(c, cr.Words)
	}
	if len(c) == 0 {
		c = append(c, "all stored notices")
	}
	return c
}

// title names the report after what it is about.
func title(f enduse.Filter) string {
	subject := firstNonEmpty(f.Brand, f.ProductLine, f.Company, f.Category, f.Text, f.Buyer, f.Supplier)
	if subject == "" {
		subject = "procurement notices"
	}
	t := "enduse report: " + subject
	if f.Sector != "" {
		t += ", " + sectorWords(f.Sector) + " buyers"
	}
	if f.Region != "" {
		t += ", region " + f.Region
	}
	return t
}

// notes explain how to read the figures.
func notes(res *enduse.Result, truncated bool) []string {
	n := []string{
		"Figures are lower bounds (\"at least\"): they count only notices enduse stored and could read, and items whose quantity the notice states.",
		fmt.Sprintf("Announcements are counted once however often they were published: %d stored documents are %d unique announcements.", res.Documents, res.Notices),
		"Award and contract notices of the same purchase are two announcements but one purchase: quantities and amounts count each purchase once.",
		"Brands named only as a specification (\"希捷或同等档次\", \"参考品牌\") do not make a notice count unless the filter asks for them.",
		"Quotes are from the stored text with personal data (names, phone and ID numbers) masked.",
	}
	if truncated {
		n = append(n, fmt.Sprintf("The appendix lists the newest %d of %d announcements; the figures cover all of them.", MaxNotices, res.Total))
	}
	return n
}

// ---- figures and tables ----

// lineInfo is what the appendix says about a product line.
type lineInfo struct{ brand, category string }

// lines collects each product line's brand and category from the items
// and mentions of the appendix.
func lines(entries []Entry, n map[string]lineInfo) {
	for _, e := range entries {
		for _, it := range e.Items {
			if it.Resolved != nil && it.Resolved.ProductLine != "" {
				if _, ok := n[it.Resolved.ProductLine]; !ok {
					n[it.Resolved.ProductLine] = lineInfo{it.Resolved.Brand, it.Resolved.Category}
				}
			}
		}
	}
}

// tables builds every breakdown table of the result.
func tables(res *enduse.Result, entries []Entry) []Table {
	buyerName := map[string]*enduse.Org{}
	provinceName := map[string]string{}
	for _, e := range entries {
		if b := e.Buyer; b != nil {
			key := orgKey(b)
			if cur := buyerName[key]; cur == nil || utf8.RuneCountInString(b.Name) > utf8.RuneCountInString(cur.Name) {
				buyerName[key] = b
			}
			if b.Region != nil && len(b.Region.Code) >= 2 {
				p := b.Region.Code[:2] + "0000"
				if _, ok := provinceName[p]; !ok && b.Region.Path != "" {
					provinceName[p] = strings.SplitN(b.Region.Path, "/", 2)[0]
				}
				if _, ok := provinceName[p]; !ok && b.Region.Code == p {
					provinceName[p] = b.Region.Name
				}
			}
		}
	}
	var ts []Table
	add := func(id, title, label string, m map[string]enduse.Figure, order func([]string, map[string]enduse.Figure), detail func(string) (string, string)) {
		if len(m) == 0 {
			return
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		order(keys, m)
		t := Table{ID: id, Title: title, Label: label}
		for i, k := range keys {
			f := m[k]
			lbl, det := k, ""
			if detail != nil {
				lbl, det = detail(k)
			}
			t.Rows = append(t.Rows, TableRow{Anchor: id + "-" + strconv.Itoa(i+1), Label: lbl, Detail: det, Figure: f})
			t.HasQty = t.HasQty || f.Quantity > 0 || f.QuantityUnknown > 0
			t.HasAmt = t.HasAmt || f.Amount > 0
		}
		ts = append(ts, t)
	}
	add("by-brand", "By brand", "Brand", res.ByBrand, byNotices, nil)
	add("by-product-line", "By product line", "Product line", res.ByProductLine, byQuantity, nil)
	add("by-category", "By technology category", "Category", res.ByCategory, byNotices, nil)
	add("by-pathway", "By pathway (how the product reached the buyer)", "Pathway", res.ByPathway, byNotices, nil)
	add("co-mentions", "Other brands in the same announcements", "Brand", res.CoMentions, byNotices, nil)
	add("by-buyer", "By buyer", "Buyer", res.ByBuyer, byNotices, func(k string) (string, string) {
		if o := buyerName[k]; o != nil {
			return o.Name, strings.TrimSpace(o.NameEN + " " + orgDetail(o))
		}
		return k, ""
	})
	add("by-sector", "By buyer sector", "Sector", res.BySector, byNotices, nil)
	add("by-level", "By buyer level", "Level", res.ByLevel, byNotices, nil)
	add("by-region", "By province", "Province", res.ByRegion, byNotices, func(k string) (string, string) {
		if n := provinceName[k]; n != "" {
			return n, k
		}
		return k, ""
	})
	add("by-type", "By announcement type", "Type", res.ByType, byNotices, nil)
	add("by-month", "By month of publication", "Month", res.ByMonth, byKey, nil)
	for i := range ts {
		if ts[i].ID == "co-mentions" {
			ts[i].Comment = "Brands other than the filtered ones named (not as mere specifications) in the matching announcements."
		}
	}
	return ts
}

// orgDetail is "sector, level, region" of an organisation.
func orgDetail(o *enduse.Org) string {
	var parts []string
	if o.Sector != "" {
		parts = append(parts, string(o.Sector))
	}
	if o.Level != "" {
		parts = append(parts, string(o.Level))
	}
	if o.Region != nil && o.Region.Code != "" {
		parts = append(parts, o.Region.Code)
	}
	if len(parts) == 0 {
		return ""
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

func byNotices(keys []string, m map[string]enduse.Figure) {
	sort.Slice(keys, func(i, j int) bool {
		a, b := m[keys[i]], m[keys[j]]
		if a.Notices != b.Notices {
			return a.Notices > b.Notices
		}
		if a.Quantity != b.Quantity {
			return a.Quantity > b.Quantity
		}
		return keys[i] < keys[j]
	})
}

func byQuantity(keys []string, m map[string]enduse.Figure) {
	sort.Slice(keys, func(i, j int) bool {
		a, b := m[keys[i]], m[keys[j]]
		if a.Quantity != b.Quantity {
			return a.Quantity > b.Quantity
		}
		if a.Notices != b.Notices {
			return a.Notices > b.Notices
		}
		return keys[i] < keys[j]
	})
}

func byKey(keys []string, _ map[string]enduse.Figure) { sort.Strings(keys) }

// ---- findings ----

// findings writes the summary sentences from the figures.
func findings(f enduse.Filter, res *enduse.Result, entries []Entry) []Finding {
	all := make([]string, 0, len(res.Rows))
	for _, r := range res.Rows {
		all = append(all, r.ID)
	}
	sort.Strings(all)
	if res.Notices == 0 {
		return []Finding{{Text: "No stored announcement matches these criteria.", IDs: []string{}}}
	}
	var out []Finding

	// The headline: when, how many, from whom, where, about what.
	var b strings.Builder
	b.WriteString(period(f, entries))
	fmt.Fprintf(&b, ", at least %s %s%s from %s %s",
		count(res.Notices), plural(res.Notices, "unique "+typeWords(f.Types)+"announcement", "unique "+typeWords(f.Types)+"announcements"),
		"", count(res.Buyers), plural(res.Buyers, buyerWords(f.Sector), buyerWords(f.Sector)+"s"))
	if place := regionWords(f.Region, entries); place != "" {
		b.WriteString(" in " + place)
	}
	subject := firstNonEmpty(f.Brand, f.ProductLine, f.Company)
	switch {
	case subject != "":
	case f.USLinked && f.Country != "":
		subject = "US-linked brands of companies based in " + f.Country
	case f.USLinked:
		subject = "US-linked brands"
	case f.Country != "":
		subject = "brands of companies based in " + f.Country
	case f.Category != "":
		subject = "products in category " + f.Category
	}
	if subject != "" {
		b.WriteString(" referenced " + subject)
	} else {
		b.WriteString(" matched the criteria")
	}

	// What was bought: the filtered brand's items by product line.
	info := map[string]lineInfo{}
	lines(entries, info)
	matched := map[string]bool{}
	for k := range res.ByBrand {
		if _, co := res.CoMentions[k]; !co {
			matched[strings.ToLower(k)] = true
		}
	}
	if _, counted := enduse.CountedQuantity(res.Quantity); counted {
		noun := "items"
		type part struct {
			line string
			q    float64
			cat  string
		}
		var parts []part
		storage := true
		for l, fig := range res.ByProductLine {
			li, ok := info[l]
			if _, counted := enduse.CountedQuantity(fig.Quantity); !ok || !counted || (len(matched) > 0 && !matched[strings.ToLower(li.brand)]) {
				continue
			}
			parts = append(parts, part{l, fig.Quantity, li.category})
			storage = storage && strings.HasPrefix(li.category, "storage")
		}
		if storage && len(parts) > 0 {
			noun = "drives"
		}
		sort.Slice(parts, func(i, j int) bool {
			if parts[i].q != parts[j].q {
				return parts[i].q > parts[j].q
			}
			return parts[i].line < parts[j].line
		})
		fmt.Fprintf(&b, "; they bought at least %s %s", number(res.Quantity), noun)
		if len(parts) > 0 {
			var ps []string
			for _, p := range parts {
				s := number(p.q) + " " + p.line
				if c := categoryWords(p.cat); c != "" {
					s += " (" + c + ")"
				}
				ps = append(ps, s)
			}
			b.WriteString(", of them " + strings.Join(ps, ", "))
		}
	}
	if u := res.QuantityUnknown; u > 0 {
		// a brand named without a count is units unknown, never zero units
		if res.Quantity > 0 {
			fmt.Fprintf(&b, "; %s of the announcements %s no quantity (units unknown, not counted)", count(u), plural(u, "states", "state"))
		} else {
			fmt.Fprintf(&b, "; %s %s no quantity (units unknown)", count(u), plural(u, "announcement states", "announcements state"))
		}
	}
	b.WriteString(".")
	out = append(out, Finding{Text: b.String(), IDs: all})

	// Alongside: other brands in the same announcements.
	if len(res.CoMentions) > 0 {
		names := make([]string, 0, len(res.CoMentions))
		union := map[string]bool{}
		for k, fig := range res.CoMentions {
			names = append(names, k)
			for _, id := range fig.IDs {
				union[id] = true
			}
		}
		byNotices(names, res.CoMentions)
		var parts []string
		for _, k := range names {
			parts = append(parts, fmt.Sprintf("%s (%s)", k, count(res.CoMentions[k].Notices)))
		}
		ids := keysOf(union)
		out = append(out, Finding{
			Text: fmt.Sprintf("%s of these %s also named equipment of %s.", count(len(ids)),
				plural(res.Notices, "announcement", "announcements"), joinOr(parts)),
			IDs: ids})
	}

	// Re-publications and purchases.
	if res.Documents > res.Notices {
		var ids []string
		for _, e := range entries {
			if len(e.Copies) > 0 {
				ids = append(ids, e.ID)
			}
		}
		sort.Strings(ids)
		out = append(out, Finding{
			Text: fmt.Sprintf("The %s announcements were published as %s documents; re-publications are counted once.",
				count(res.Notices), count(res.Documents)),
			IDs: ids})
	}

	// The buyers that bought most often.
	if len(res.ByBuyer) > 1 {
		keys := make([]string, 0, len(res.ByBuyer))
		for k := range res.ByBuyer {
			keys = append(keys, k)
		}
		byNotices(keys, res.ByBuyer)
		top := keys[:min(3, len(keys))]
		if res.ByBuyer[top[0]].Notices > 1 {
			names := buyerNames(entries)
			var parts []string
			ids := map[string]bool{}
			for _, k := range top {
				n := names[k]
				if n == "" {
					n = k
				}
				parts = append(parts, fmt.Sprintf("%s with %s", n, count(res.ByBuyer[k].Notices)))
				for _, id := range res.ByBuyer[k].IDs {
					ids[id] = true
				}
			}
			out = append(out, Finding{Text: "The most frequent buyers were " + joinAnd(parts) + " announcements.", IDs: keysOf(ids)})
		}
	}

	// Screening-list hits of buyers.
	hitIDs := map[string]bool{}
	direct, sub := map[string]bool{}, map[string]bool{}
	for _, e := range entries {
		for _, h := range e.Hits {
			if h.Org != "buyer" || e.Buyer == nil {
				continue
			}
			hitIDs[e.ID] = true
			if h.Relation == enduse.RelationSubordinate {
				sub[orgKey(e.Buyer)] = true
			} else {
				direct[orgKey(e.Buyer)] = true
			}
		}
	}
	for k := range direct {
		delete(sub, k)
	}
	if len(hitIDs) > 0 {
		n := len(direct) + len(sub)
		out = append(out, Finding{
			Text: fmt.Sprintf("%s of the announcements came from %s %s matched to export-control or sanctions lists: %s by name or alias, %s as a unit of a listed body (see each entry's screening hits).",
				count(len(hitIDs)), count(n), plural(n, "buyer", "buyers"), count(len(direct)), count(len(sub))),
			IDs: keysOf(hitIDs)})
	}
	return out
}

// orgKey is an organisation's key, else its name.
func orgKey(o *enduse.Org) string {
	if o.Key != "" {
		return o.Key
	}
	return o.Name
}

// buyerNames maps each buyer key to its fullest written name (the longest
// spelling seen), with the English rendering.
func buyerNames(entries []Entry) map[string]string {
	best := map[string]*enduse.Org{}
	for _, e := range entries {
		if e.Buyer == nil {
			continue
		}
		k := orgKey(e.Buyer)
		if b := best[k]; b == nil || utf8.RuneCountInString(e.Buyer.Name) > utf8.RuneCountInString(b.Name) {
			best[k] = e.Buyer
		}
	}
	out := make(map[string]string, len(best))
	for k, o := range best {
		out[k] = o.Name
		if o.NameEN != "" {
			out[k] += " (" + o.NameEN + ")"
		}
	}
	return out
}

// period is the sentence's time frame: the filter's, else the span of the
// matched announcements.
func period(f enduse.Filter, entries []Entry) string {
	switch {
	case f.From != "" && f.To != "":
		return "Between " + longDate(f.From) + " and " + longDate(f.To)
	case f.From != "":
		return "Since " + longDate(f.From)
	case f.To != "":
		return "Up to " + longDate(f.To)
	}
	first, last := "", ""
	for _, e := range entries {
		if e.Published == "" {
			continue
		}
		if first == "" || e.Published < first {
			first = e.Published
		}
		if e.Published > last {
			last = e.Published
		}
	}
	if first == "" {
		return "In the stored notices"
	}
	if first == last {
		return "On " + longDate(first)
	}
	return "Between " + longDate(first) + " and " + longDate(last)
}

// longDate writes 2022-05-12 as "12 May 2022".
func longDate(s string) string {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return s
	}
	return t.Format("2 Jan 2006")
}

// typeWords is "award or contract " for the filter's types.
func typeWords(ts []enduse.NoticeType) string {
	if len(ts) == 0 {
		return ""
	}
	var w []string
	for _, t := range ts {
		w = append(w, strings.ReplaceAll(string(t), "_", "-"))
	}
	return joinWith(w, "or") + " "
}

func buyerWords(s enduse.Sector) string {
	if s == "" {
		return "distinct buyer"
	}
	return sectorWords(s) + " buyer"
}

// sectorWords writes a sector as analysts do.
func sectorWords(s enduse.Sector) string {
	switch s {
	case enduse.SectorPublicSecurity:
		return "public-security"
	case enduse.SectorPrisonJustice:
		return "prison and justice"
	case enduse.SectorXPCC:
		return "XPCC"
	case enduse.SectorArmedPolice:
		return "armed-police"
	case enduse.SectorStateSecurity:
		return "state-security"
	case enduse.SectorOtherGovernment:
		return "other government"
	}
	return strings.ReplaceAll(string(s), "_", " ")
}

// regionWords names the filter's region from the matched buyers' regions.
func regionWords(region string, entries []Entry) string {
	if region == "" {
		return ""
	}
	if !isDigits(region) {
		return region
	}
	for _, e := range entries {
		b := e.Buyer
		if b == nil || b.Region == nil || !strings.HasPrefix(b.Region.Code, region) {
			continue
		}
		parts := strings.Split(b.Region.Path, "/")
		depth := 1
		switch {
		case len(region) >= 6:
			depth = 3
		case len(region) >= 4:
			depth = 2
		}
		if b.Region.Path != "" && len(parts) >= depth {
			return strings.Join(parts[:depth], "/") + " (" + region + ")"
		}
	}
	return "region " + region
}

// categoryWords turns "storage.surveillance" into "surveillance".
func categoryWords(c string) string {
	if i := strings.LastIndexByte(c, '.'); i >= 0 {
		return c[i+1:]
	}
	return c
}

// ---- small helpers ----

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func count(n int) string { return number(float64(n)) }

// number writes a figure without trailing zeros, with thousands separators.
func number(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "?"
	}
	neg := v < 0
	v = math.Abs(v)
	s := strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
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

// hitLists names the lists of a hit: every list, version and entry id that
// names its entity, each once, or its one list.
func hitLists(h enduse.Hit) string {
	if len(h.Listings) == 0 {
		return h.List
	}
	var parts []string
	for _, l := range h.Listings {
		s := l.List
		if l.Version != "" {
			s += " (" + l.Version + ")"
		}
		if l.EntryID != "" {
			s += " " + l.EntryID
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

// quantity writes a summed item quantity as the count it is; a fractional
// sum (metres or tonnes added to sets, see enduse.CountedQuantity) is no
// count and is written "mixed units", and no quantity at all is left empty.
func quantity(v float64) string {
	if v == 0 {
		return ""
	}
	if n, ok := enduse.CountedQuantity(v); ok {
		return number(float64(n))
	}
	return "mixed units"
}

// yuan writes an amount in yuan.
func yuan(v float64) string {
	if v == 0 {
		return ""
	}
	return "¥" + number(v)
}

func joinWith(parts []string, conj string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " " + conj + " " + parts[len(parts)-1]
}

func joinOr(parts []string) string  { return joinWith(parts, "or") }
func joinAnd(parts []string) string { return joinWith(parts, "and") }

func keysOf(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// oneLine collapses a span's line breaks and tabs for quoting.
func oneLine(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.NewReplacer("\t", " | ", "\r", " ", "\n", " / ").Replace(s)
	return strings.TrimSpace(s)
}

// quantityCell is a figure's quantity for a table: the summed units, and
// how many of its announcements state none ("248 + 3 unknown", "unknown
// (3)"), so a notice without a count never reads as zero units.
func quantityCell(f enduse.Figure) string {
	switch {
	case f.QuantityUnknown == 0 && f.Quantity == 0:
		return number(0)
	case f.QuantityUnknown == 0:
		return quantity(f.Quantity)
	case f.Quantity > 0:
		return quantity(f.Quantity) + " + " + count(f.QuantityUnknown) + " unknown"
	}
	return "unknown (" + count(f.QuantityUnknown) + ")"
}
