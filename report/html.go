package report

import (
	"fmt"
	"html/template"
	"io"
	"sort"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/chart"
)

// WriteHTML writes the report as one self-contained HTML page: inline CSS,
// inline SVG charts, no scripts and no network. Every figure links to the
// appendix entries of its notices.
func WriteHTML(w io.Writer, d *Data) error {
	if d == nil || d.Result == nil {
		return fmt.Errorf("write html: no report data")
	}
	t, err := template.New("report").Funcs(template.FuncMap{
		"number": number, "quantity": quantityCell, "hitLists": hitLists, "figure": func(q float64, u int) enduse.Figure { return enduse.Figure{Quantity: q, QuantityUnknown: u} }, "count": count, "inc": func(i int) int { return i + 1 }, "yuan": yuan, "anchor": Anchor, "short": short,
		"firstIDs": func(ids []string) []string { return ids[:min(len(ids), maxLinks)] },
		"moreIDs":  func(ids []string) int { return max(len(ids)-maxLinks, 0) },
		"resolved": resolved, "qtyText": qtyText, "orgDetail": orgDetail, "classes": joinClasses,
		"href": func(s string) template.URL {
			if h, ok := chart.SafeHref(s); ok {
				return template.URL(h)
			}
			return ""
		},
	}).Parse(htmlTemplate)
	if err != nil {
		return fmt.Errorf("write html: parse template: %w", err)
	}
	view := struct {
		*Data
		Timeline template.HTML
		Lines    template.HTML
		Brands   template.HTML
	}{Data: d}
	view.Timeline = chart.Timeline("Announcements per month", monthPoints(d))
	if t := table(d, "by-product-line"); t != nil && t.HasQty {
		view.Lines = chart.Bars("Quantity by product line", bars(t, true))
	}
	if t := table(d, "by-brand"); t != nil {
		view.Brands = chart.Bars("Announcements by brand", bars(t, false))
	}
	if err := t.Execute(w, view); err != nil {
		return fmt.Errorf("write html: %w", err)
	}
	return nil
}

func table(d *Data, id string) *Table {
	for i := range d.Tables {
		if d.Tables[i].ID == id {
			return &d.Tables[i]
		}
	}
	return nil
}

// monthPoints are the by-month figures, each linked to its table row.
func monthPoints(d *Data) []chart.Point {
	t := table(d, "by-month")
	if t == nil {
		return nil
	}
	var pts []chart.Point
	for _, r := range t.Rows {
		pts = append(pts, chart.Point{Month: r.Label, Value: float64(r.Notices), Href: "#" + r.Anchor})
	}
	sort.Slice(pts, func(i, j int) bool { return pts[i].Month < pts[j].Month })
	return pts
}

// bars are a table's rows as bars linked to the rows.
func bars(t *Table, quantity bool) []chart.Bar {
	var out []chart.Bar
	for _, r := range t.Rows {
		v := float64(r.Notices)
		if quantity {
			v = r.Quantity
			if v == 0 {
				continue
			}
		}
		out = append(out, chart.Bar{Label: r.Label, Value: v, Href: "#" + r.Anchor})
	}
	return out
}

func short(id string) string {
	if len(id) > 8 {
		return id[:8]
	}
	return id
}

func qtyText(it enduse.Item) string {
	if it.Quantity == 0 {
		return enduse.QuantityUnknown
	}
	return number(it.Quantity) + it.Unit
}

const htmlTemplate = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em auto;max-width:60em;padding:0 1em;color:#222;line-height:1.45}
h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}h3{margin-top:1.5em}
table{border-collapse:collapse;margin:.5em 0 1em;font-size:.92em}th,td{border:1px solid #ddd;padding:.25em .5em;vertical-align:top}
th{background:#f3f5f8;text-align:left}td.n{text-align:right;white-space:nowrap}
.ids a{font-family:ui-monospace,monospace;font-size:.85em;margin-right:.3em}
.finding{font-size:1.08em;margin:.6em 0}.muted{color:#666}.entry{border-top:1px solid #eee;padding-top:.5em}
blockquote{margin:.3em 0 .3em 1em;padding-left:.6em;border-left:3px solid #c9d4e3;color:#333}
code{font-family:ui-monospace,monospace;font-size:.88em;word-break:break-all}
svg.chart{max-width:100%;height:auto;display:block;margin:1em 0}svg.chart a:hover rect{fill:#1d4f85}
:target{background:#fff7d6}
</style></head><body>
<h1>{{.Title}}</h1>
<p class="muted">Criteria: {{range $i, $c := .Criteria}}{{if $i}}; {{end}}{{$c}}{{end}}.</p>
<h2 id="findings">Findings</h2>
{{range .Findings}}<p class="finding">{{.Text}} <span class="ids">{{template "ids" .IDs}}</span></p>
{{end}}
<h2 id="figures">Figures</h2>
<table><tr><th>unique announcements</th><th>documents</th><th>distinct buyers</th><th>quantity</th><th>amount</th></tr>
<tr><td class="n">{{count .Result.Notices}}</td><td class="n">{{count .Result.Documents}}</td><td class="n">{{count .Result.Buyers}}</td><td class="n">{{quantity (figure .Result.Quantity .Result.QuantityUnknown)}}</td><td class="n">{{yuan .Result.Amount}}</td></tr></table>
{{.Timeline}}{{.Lines}}{{.Brands}}
{{range .Tables}}<h3 id="{{.ID}}">{{.Title}}</h3>
{{if .Comment}}<p class="muted">{{.Comment}}</p>{{end}}
<table><tr><th>{{.Label}}</th><th>announcements</th>{{if .HasQty}}<th>quantity</th>{{end}}{{if .HasAmt}}<th>amount</th>{{end}}<th>notices</th></tr>
{{$t := .}}{{range .Rows}}<tr id="{{.Anchor}}"><td>{{.Label}}{{if .Detail}} <span class="muted">{{.Detail}}</span>{{end}}</td><td class="n">{{count .Notices}}</td>{{if $t.HasQty}}<td class="n">{{quantity .Figure}}</td>{{end}}{{if $t.HasAmt}}<td class="n">{{yuan .Amount}}</td>{{end}}<td class="ids">{{template "ids" .IDs}}</td></tr>
{{end}}</table>
{{end}}
<h2 id="notes">Notes</h2>
<ul>{{range .Notes}}<li>{{.}}</li>{{end}}</ul>
<h2 id="appendix">Appendix: the announcements</h2>
{{range $i, $e := .Notices}}<div class="entry" id="{{.Anchor}}">
<h3>{{inc $i}}. {{if .Title}}{{.Title}}{{else}}—{{end}}</h3>
<table>
<tr><th>id (sha256)</th><td><code>{{.ID}}</code></td></tr>
<tr><th>type</th><td>{{.Type}}</td></tr>
<tr><th>published</th><td>{{.Published}}</td></tr>
{{if .ProjectCode}}<tr><th>project code</th><td>{{.ProjectCode}}</td></tr>{{end}}
{{with .Buyer}}<tr><th>buyer</th><td>{{.Name}}{{if .NameEN}}<br><span class="muted">{{.NameEN}}</span>{{end}} {{orgDetail .}}{{with .Region}}{{if .Path}}<br>{{.Path}}{{end}}{{end}}</td></tr>{{end}}
{{if .Agency}}<tr><th>agency</th><td>{{.Agency}}</td></tr>{{end}}
{{range .Suppliers}}<tr><th>{{.Role}}</th><td>{{.Name}}{{if .NameEN}} <span class="muted">{{.NameEN}}</span>{{end}}{{if .Amount}} — {{yuan .Amount}}{{end}}</td></tr>{{end}}
{{if .Budget}}<tr><th>budget</th><td>{{yuan .Budget}}</td></tr>{{end}}
{{if .AwardAmount}}<tr><th>award amount</th><td>{{yuan .AwardAmount}}</td></tr>{{end}}
<tr><th>source</th><td><code>{{.Source}}</code>{{if .URL}}<br>{{with href .URL}}<a href="{{.}}">{{$e.URL}}</a>{{else}}{{$e.URL}}{{end}}{{end}}</td></tr>
{{if .Copies}}<tr><th>re-published as</th><td>group <code>{{.Group}}</code>{{range .Copies}}<br><code>{{.ID}}</code> <code>{{.Source}}</code>{{if .URL}} {{.URL}}{{end}}{{end}}</td></tr>{{end}}
</table>
{{if .Items}}<table><tr><th>item</th><th>brand</th><th>model</th><th>quantity</th><th>unit price</th><th>total</th><th>recognised as</th></tr>
{{range .Items}}<tr><td>{{.Name}}</td><td>{{.Brand}}</td><td>{{.Model}}</td><td class="n">{{qtyText .}}</td><td class="n">{{yuan .UnitPrice}}</td><td class="n">{{yuan .Total}}</td><td>{{resolved .Resolved}}</td></tr>
{{end}}</table>{{end}}
{{if .Quotes}}<p>Evidence:</p>{{range .Quotes}}<blockquote><span class="muted">{{.Field}} [{{.Start}}–{{.End}}]</span><br>{{.Text}}</blockquote>
{{end}}{{end}}
{{if .Hits}}<p>Screening hits:</p><ul>{{range .Hits}}<li>{{.Org}} {{.Name}} → {{hitLists .}}: {{.Entry}} ({{.Relation}}) — {{.Why}}</li>{{end}}</ul>{{end}}
{{with .Reason}}<p>Single-source reason ({{classes .Classes}}):</p><blockquote>{{.Text}}</blockquote>{{end}}
</div>
{{end}}
</body></html>
{{define "ids"}}{{range firstIDs .}}<a href="#{{anchor .}}">{{short .}}</a> {{end}}{{with moreIDs .}} <span class="muted">and {{.}} more in the appendix</span>{{end}}{{end}}`
