package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/enduse/enduse"
)

// maxLinks is how many notice links a table cell lists before pointing to
// the appendix for the rest.
const maxLinks = 40

// WriteMarkdown writes the report as Markdown: findings, tables whose
// figures link to the appendix entries (by anchor and short sha256), and
// the appendix.
func WriteMarkdown(w io.Writer, d *Data) error {
	if d == nil || d.Result == nil {
		return fmt.Errorf("write markdown: no report data")
	}
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	p("# %s\n\n", mdText(d.Title))
	p("Criteria: %s.\n\n", mdText(strings.Join(d.Criteria, "; ")))
	p("## Findings\n\n")
	for _, f := range d.Findings {
		p("- %s %s\n", mdText(f.Text), mdLinks(f.IDs))
	}
	p("\n")
	r := d.Result
	p("## Figures\n\n")
	p("| unique announcements | documents | distinct buyers | quantity | amount |\n|---:|---:|---:|---:|---:|\n")
	p("| %s | %s | %s | %s | %s |\n\n", count(r.Notices), count(r.Documents), count(r.Buyers),
		quantityCell(enduse.Figure{Quantity: r.Quantity, QuantityUnknown: r.QuantityUnknown}), yuan(r.Amount))
	for _, t := range d.Tables {
		p("### %s\n\n", mdText(t.Title))
		if t.Comment != "" {
			p("%s\n\n", mdText(t.Comment))
		}
		head, rule := "| "+mdCell(t.Label)+" | announcements", "|---|---:"
		if t.HasQty {
			head, rule = head+" | quantity", rule+"|---:"
		}
		if t.HasAmt {
			head, rule = head+" | amount", rule+"|---:"
		}
		p("%s | notices |\n%s|---|\n", head, rule)
		for _, row := range t.Rows {
			label := mdCell(row.Label)
			if row.Detail != "" {
				label += " — " + mdCell(row.Detail)
			}
			p("| %s | %s", label, count(row.Notices))
			if t.HasQty {
				p(" | %s", quantityCell(row.Figure))
			}
			if t.HasAmt {
				p(" | %s", yuan(row.Amount))
			}
			p(" | %s |\n", mdLinks(row.IDs))
		}
		p("\n")
	}
	p("## Notes\n\n")
	for _, n := range d.Notes {
		p("- %s\n", mdText(n))
	}
	p("\n## Appendix: the announcements\n\n")
	for i, e := range d.Notices {
		writeEntryMarkdown(bw, i+1, e)
	}
	return bw.Flush()
}

func writeEntryMarkdown(bw *bufio.Writer, i int, e Entry) {
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	p("<a id=\"%s\"></a>\n### %d. %s\n\n", e.Anchor, i, mdText(orDash(e.Title)))
	p("- id (sha256): `%s`\n", e.ID)
	p("- type: %s; published: %s", e.Type, orDash(e.Published))
	if e.ProjectCode != "" {
		p("; project code: %s", mdText(e.ProjectCode))
	}
	p("\n")
	if e.Buyer != nil {
		p("- buyer: %s", mdText(e.Buyer.Name))
		if e.Buyer.NameEN != "" {
			p(" (%s)", mdText(e.Buyer.NameEN))
		}
		if d := orgDetail(e.Buyer); d != "" {
			p(" %s", mdText(d))
		}
		if e.Buyer.Region != nil && e.Buyer.Region.Path != "" {
			p(", %s", mdText(e.Buyer.Region.Path))
		}
		p("\n")
	}
	if e.Agency != "" {
		p("- agency: %s\n", mdText(e.Agency))
	}
	for _, s := range e.Suppliers {
		p("- %s: %s", s.Role, mdText(s.Name))
		if s.NameEN != "" {
			p(" (%s)", mdText(s.NameEN))
		}
		if s.Amount > 0 {
			p(", %s", yuan(s.Amount))
		}
		p("\n")
	}
	if e.Budget > 0 {
		p("- budget: %s\n", yuan(e.Budget))
	}
	if e.AwardAmount > 0 {
		p("- award amount: %s\n", yuan(e.AwardAmount))
	}
	p("- source: %s\n", mdCode(e.Source))
	if e.URL != "" {
		p("- url: %s\n", mdText(e.URL))
	}
	if len(e.Copies) > 0 {
		p("- re-published as (group %s):\n", mdCode(e.Group))
		for _, c := range e.Copies {
			p("  - `%s` %s", c.ID, mdCode(c.Source))
			if c.URL != "" {
				p(" %s", mdText(c.URL))
			}
			p("\n")
		}
	}
	if len(e.Items) > 0 {
		p("\n| item | brand | model | quantity | unit price | total | recognised as |\n|---|---|---|---:|---:|---:|---|\n")
		for _, it := range e.Items {
			p("| %s | %s | %s | %s | %s | %s | %s |\n", mdCell(it.Name), mdCell(it.Brand), mdCell(it.Model),
				qty(it), yuan(it.UnitPrice), yuan(it.Total), mdCell(resolved(it.Resolved)))
		}
	}
	if len(e.Quotes) > 0 {
		p("\nEvidence:\n\n")
		for _, q := range e.Quotes {
			p("- %s [%d–%d]: «%s»\n", mdText(q.Field), q.Start, q.End, mdText(q.Text))
		}
	}
	if len(e.Hits) > 0 {
		p("\nScreening hits:\n\n")
		for _, h := range e.Hits {
			p("- %s %s → %s: %s (%s, score %.2f) — %s\n", h.Org, mdText(h.Name), mdText(hitLists(h)), mdText(h.Entry), h.Relation, h.Score, mdText(h.Why))
		}
	}
	if e.Reason != nil {
		p("\nSingle-source reason (%s): «%s»\n", joinClasses(e.Reason.Classes), mdText(oneLine(e.Reason.Text)))
	}
	p("\n")
}

func joinClasses(cs []enduse.ReasonClass) string {
	var s []string
	for _, c := range cs {
		s = append(s, string(c))
	}
	return strings.Join(s, ", ")
}

// qty writes an item's quantity with its unit.
func qty(it enduse.Item) string {
	if it.Quantity == 0 {
		return enduse.QuantityUnknown
	}
	return number(it.Quantity) + mdCell(it.Unit)
}

// resolved writes what the knowledge base made of an item.
func resolved(r *enduse.Resolution) string {
	if r == nil || r.Brand == "" {
		return ""
	}
	s := r.Brand
	if r.ProductLine != "" {
		s += " " + r.ProductLine
	}
	if r.Category != "" {
		s += " (" + r.Category + ")"
	}
	return s
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// mdLinks writes notice ids as links to their appendix entries.
func mdLinks(ids []string) string {
	if len(ids) == 0 {
		return ""
	}
	var parts []string
	for i, id := range ids {
		if i == maxLinks {
			parts = append(parts, fmt.Sprintf("… and %d more in the appendix", len(ids)-maxLinks))
			break
		}
		short := id
		if len(short) > 8 {
			short = short[:8]
		}
		parts = append(parts, fmt.Sprintf("[%s](#%s)", mdText(short), Anchor(id)))
	}
	return strings.Join(parts, " ")
}

// mdEscapes are the replacements mdText makes: what what Markdown or embedded HTML would interpret.
var mdEscapes = []string{
	"\\", "\\\\", "`", "\\`", "*", "\\*", "_", "\\_", "[", "\\[", "]", "\\]", "<", "&lt;", ">", "&gt;",
	"|", "\\|", "#", "\\#", "\r", " ", "\n", " ",
}

// mdText escapes text from notices for Markdown: no markup, links or HTML
// can come through.
func mdText(s string) string {
	return strings.NewReplacer(mdEscapes...).Replace(strings.ToValidUTF8(s, "\uFFFD"))
}

// mdCell is mdText for a table cell.
func mdCell(s string) string { return mdText(s) }

// mdCode writes s as inline code (paths), falling back to escaped text when
// s holds a backtick.
func mdCode(s string) string {
	if s == "" {
		return "—"
	}
	if strings.ContainsAny(s, "`\n\r") {
		return mdText(s)
	}
	return "`" + s + "`"
}
