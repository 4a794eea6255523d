package export

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
	"strings"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/safetext"
)

// csvWriter is the shared part of the CSV exports.
type csvWriter struct {
	buf  *bufio.Writer
	w    *csv.Writer
	base string
}

func newCSV(out io.Writer, bom bool, base string, header []string) (*csvWriter, error) {
	buf := bufio.NewWriterSize(out, 64<<10)
	if bom {
		if _, err := buf.WriteString("\uFEFF"); err != nil {
			return nil, err
		}
	}
	c := &csvWriter{buf: buf, w: csv.NewWriter(buf), base: base}
	return c, c.w.Write(header)
}

// Close implements Writer.
func (c *csvWriter) Close() error {
	c.w.Flush()
	if err := c.w.Error(); err != nil {
		return err
	}
	return c.buf.Flush()
}

// number is a figure as a cell: empty when unknown (zero), no exponent.
func number(v float64) string {
	if v == 0 {
		return ""
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func orgName(o *enduse.Org) string {
	if o == nil {
		return ""
	}
	return o.Name
}

// winners are the notice's winning (or single-source) suppliers.
func winners(n *enduse.Notice) []string {
	var out []string
	for _, s := range n.Suppliers {
		if s.Role == enduse.RoleWinner || s.Role == enduse.RoleSingleSource {
			out = append(out, s.Name)
		}
	}
	return out
}

// NoticeCSV writes one row per announcement. Every cell passes
// safetext.CSVCell: notice text comes from the open web, and a cell a
// spreadsheet would run as a formula is quoted.
type NoticeCSV struct{ *csvWriter }

// NoticeColumns is the header of the notice-level CSV.
var NoticeColumns = []string{"id", "group", "copies", "type", "published", "title", "project_code", "project_name", "method",
	"buyer", "buyer_en", "buyer_sector", "buyer_level", "region_code", "region_name", "agency", "winners",
	"budget", "award_amount", "currency", "brands", "quantity", "url", "source", "evidence_url"}

// NewNoticeCSV returns the notice-level CSV writer.
func NewNoticeCSV(out io.Writer, bom bool, base string) (*NoticeCSV, error) {
	c, err := newCSV(out, bom, base, NoticeColumns)
	return &NoticeCSV{c}, err
}

// Write implements Writer.
func (c *NoticeCSV) Write(r *Record) error {
	n, row := &r.Notice, r.Row
	var buyerEN string
	if n.Buyer != nil {
		buyerEN = n.Buyer.NameEN
	}
	return c.w.Write(safetext.CSVRecord([]string{row.ID, row.Group, strings.Join(r.Copies, ";"), string(row.Type), row.Published,
		n.Title, n.ProjectCode, n.ProjectName, n.Method,
		orgName(n.Buyer), buyerEN, string(row.Sector), string(row.Level), row.Region, row.RegionName,
		orgName(n.Agency), strings.Join(winners(n), ";"),
		number(n.Budget), number(n.AwardAmount), n.Currency, strings.Join(row.Brands, ";"), number(row.Quantity),
		n.URL, n.Source, evidence(c.base, row.ID)}))
}

// ItemCSV writes one row per line item, with its notice, buyer and
// supplier: what a spreadsheet of purchases needs.
type ItemCSV struct{ *csvWriter }

// ItemColumns is the header of the item-level CSV.
var ItemColumns = []string{"notice", "item", "type", "published", "title", "buyer", "buyer_sector", "region_code", "region_name",
	"supplier", "name", "brand", "brand_as_written", "company", "country", "us_linked", "pathway", "model", "product_line",
	"category", "quantity", "unit", "unit_price", "total", "currency", "evidence_start", "evidence_end", "url", "evidence_url"}

// NewItemCSV returns the item-level CSV writer.
func NewItemCSV(out io.Writer, bom bool, base string) (*ItemCSV, error) {
	c, err := newCSV(out, bom, base, ItemColumns)
	return &ItemCSV{c}, err
}

// Write implements Writer. A notice without items writes nothing.
func (c *ItemCSV) Write(r *Record) error {
	n, row := &r.Notice, r.Row
	supplier := strings.Join(winners(n), ";")
	for i, it := range n.Items {
		var res enduse.Resolution
		if it.Resolved != nil {
			res = *it.Resolved
		}
		brand := res.Brand
		if brand == "" {
			brand = it.Brand
		}
		var start, end string
		if it.Evidence != nil {
			start, end = strconv.Itoa(it.Evidence.Start), strconv.Itoa(it.Evidence.End)
		}
		us := ""
		if res.USLinked {
			us = "true"
		}
		if err := c.w.Write(safetext.CSVRecord([]string{row.ID, strconv.Itoa(i + 1), string(row.Type), row.Published, n.Title,
			orgName(n.Buyer), string(row.Sector), row.Region, row.RegionName, supplier,
			it.Name, brand, it.Brand, res.Company, res.Country, us, strings.Join(res.USLinkPath, " → "),
			it.Model, res.ProductLine, res.Category,
			number(it.Quantity), it.Unit, number(it.UnitPrice), number(it.Total), currency(n),
			start, end, n.URL, evidence(c.base, row.ID)})); err != nil {
			return err
		}
	}
	return nil
}

// currency is the notice's currency; amounts in notices are yuan unless
// stated otherwise.
func currency(n *enduse.Notice) string {
	if n.Currency != "" {
		return n.Currency
	}
	return "CNY"
}

// JSONL writes the extract schema (DESIGN §4), one notice per line, with
// the announcement group and its copies.
type JSONL struct {
	buf *bufio.Writer
	enc *json.Encoder
}

// NewJSONL returns the JSON Lines writer.
func NewJSONL(out io.Writer) *JSONL {
	buf := bufio.NewWriterSize(out, 64<<10)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	return &JSONL{buf: buf, enc: enc}
}

// jsonlRecord is a notice of the extract schema with its grouping.
type jsonlRecord struct {
	enduse.Notice
	Group  string   `json:"group,omitempty"`
	Copies []string `json:"copies,omitempty"`
}

// Write implements Writer.
func (j *JSONL) Write(r *Record) error {
	return j.enc.Encode(jsonlRecord{Notice: r.Notice, Group: r.Group, Copies: r.Copies})
}

// Close implements Writer.
func (j *JSONL) Close() error { return j.buf.Flush() }
