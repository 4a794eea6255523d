// Package exhibit reads exhibitor lists of industry exhibitions (CIEPE,
// Security China, CPSE, …) and resolves each exhibitor against the
// knowledge base as of the event's year: which exhibitors are US-linked
// (directly, through a subsidiary, joint venture or acquirer, or as an
// agent of a US company), and which are agents — exhibitors that say they
// represent or distribute other companies' brands (代理, 总代理, 授权,
// "agent for"), each represented brand becoming a link with the exhibitor
// record as its source. The report this project follows found 52 US-linked
// exhibitors at CIEPE 2002–2020 and 20 self-described agents at the 5th
// CIEPE this way, by hand.
package exhibit

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/document"
	"github.com/enduse/enduse/kb"
	"github.com/enduse/enduse/linelist"
	"github.com/enduse/enduse/recognize"
)

var (
	//go:embed data/headers.tsv
	headersData string
	//go:embed data/agent.txt
	agentData string
	//go:embed data/countries.tsv
	countriesData string
)

// Event is one edition of a named exhibition.
type Event struct {
	Name    string `json:"name"`              // e.g. "CIEPE"
	Edition int    `json:"edition,omitempty"` // e.g. 5 for the 5th CIEPE
	Year    int    `json:"year"`
}

// String renders the event as "5th CIEPE (2010)".
func (e Event) String() string {
	if e.Edition <= 0 {
		return fmt.Sprintf("%s (%d)", e.Name, e.Year)
	}
	return fmt.Sprintf("%s %s (%d)", ordinal(e.Edition), e.Name, e.Year)
}

func ordinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return strconv.Itoa(n) + suffix
}

// Row is one exhibitor as the list writes it.
type Row struct {
	Name     string `json:"name"`
	Country  string `json:"country,omitempty"`
	Booth    string `json:"booth,omitempty"`
	Products string `json:"products,omitempty"`
	Brands   string `json:"brands,omitempty"` // the brands it says it represents
	Source   string `json:"source"`           // the list's file
	Line     int    `json:"line"`             // 1-based row of the list (header excluded)
}

// ErrNoExhibitors is returned for a list in which no table has a header
// naming the exhibitor column.
var ErrNoExhibitors = errors.New("no exhibitor table: no header names the exhibitor (参展商, 展商, 公司名称, exhibitor, company)")

// Read reads the exhibitor rows of a list: CSV or TSV (UTF-8 or GBK), or
// any document the document package reads (HTML, XLSX, XLS, DOCX, PDF)
// whose tables have a header row naming at least the exhibitor column.
// Rows with an empty exhibitor are skipped. The error names the file.
func Read(raw []byte, source string) ([]Row, error) {
	var tables [][][]string
	switch strings.ToLower(source[strings.LastIndexByte(source, '.')+1:]) {
	case "csv", "tsv":
		t, err := readDelimited(raw, source)
		if err != nil {
			return nil, fmt.Errorf("read exhibitor list %s: %w", source, err)
		}
		tables = append(tables, t)
	default:
		d, err := document.Parse(raw, source, document.Options{})
		if err != nil {
			return nil, fmt.Errorf("read exhibitor list: %w", err)
		}
		seen := map[int]bool{}
		for _, b := range d.Blocks {
			if b.Kind != enduse.BlockRow || seen[b.Table] {
				continue
			}
			seen[b.Table] = true
			var t [][]string
			for _, row := range document.Grid(d.Blocks, b.Table) {
				var cells []string
				for _, c := range row {
					cells = append(cells, c.Text)
				}
				t = append(t, cells)
			}
			tables = append(tables, t)
		}
	}
	cols := headerColumns()
	var out []Row
	found := false
	for _, t := range tables {
		for hi, head := range t {
			idx := mapHeader(head, cols)
			if _, ok := idx["name"]; !ok {
				continue
			}
			found = true
			for li, cells := range t[hi+1:] {
				get := func(f string) string {
					if i, ok := idx[f]; ok && i < len(cells) {
						return strings.TrimSpace(cells[i])
					}
					return ""
				}
				r := Row{Name: get("name"), Country: get("country"), Booth: get("booth"), Products: get("products"),
					Brands: get("brands"), Source: source, Line: li + 1}
				if r.Name == "" {
					continue
				}
				out = append(out, r)
			}
			break
		}
	}
	if !found {
		return nil, fmt.Errorf("read exhibitor list %s: %w", source, ErrNoExhibitors)
	}
	return out, nil
}

// readDelimited reads CSV or TSV text, decoding GBK when the bytes are not
// UTF-8.
func readDelimited(raw []byte, source string) ([][]string, error) {
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	text := string(raw)
	if !utf8.Valid(raw) {
		t, _, err := document.DecodeHTML(raw, "text/plain; charset=gbk")
		if err != nil {
			return nil, fmt.Errorf("decode: %w", err)
		}
		text = t
	}
	cr := csv.NewReader(strings.NewReader(text))
	if strings.HasSuffix(strings.ToLower(source), ".tsv") {
		cr.Comma = '\t'
	}
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	var out [][]string
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		out = append(out, rec)
	}
}

// column is a field with a header word that names it.
type column struct{ field, word string }

// headerColumns reads data/headers.tsv in order.
func headerColumns() []column {
	var out []column
	for _, r := range linelist.MustRows("exhibit/data/headers.tsv", headersData, 2) {
		if w := r.Fields[1]; w != "" {
			out = append(out, column{r.Fields[0], strings.ToLower(w)})
		}
	}
	return out
}

// mapHeader maps fields to the index of the first header cell naming
// them; a cell names at most one field.
func mapHeader(head []string, cols []column) map[string]int {
	idx := map[string]int{}
	for i, h := range head {
		h = strings.ToLower(strings.TrimSpace(h))
		if h == "" || utf8.RuneCountInString(h) > 30 {
			continue
		}
		for _, c := range cols {
			if _, taken := idx[c.field]; taken {
				continue
			}
			if strings.Contains(h, c.word) {
				idx[c.field] = i
				break
			}
		}
	}
	return idx
}

// Represented is a brand an agent exhibitor says it represents, resolved
// as of the event's year, with the link it states.
type Represented struct {
	Text string `json:"text"` // as the list writes it
	enduse.Resolution
	Link enduse.StatedLink `json:"link"`
}

// Exhibitor is one resolved exhibitor of an event.
type Exhibitor struct {
	Row
	Event       Event  `json:"event"`
	CountryCode string `json:"country_code,omitempty"` // ISO code of the list's country column
	Company     string `json:"company,omitempty"`      // the knowledge-base company, when known
	// USLinked says the exhibitor is US-linked in the event's year: a US
	// company, or linked to one by ownership or agency (Via says how).
	USLinked   bool           `json:"us_linked,omitempty"`
	Via        enduse.Pathway `json:"via,omitempty"`
	USLinkPath []string       `json:"us_link_path,omitempty"`
	USLinkNote string         `json:"us_link_note,omitempty"`
	// Agent marks an exhibitor that says it represents or distributes
	// others' brands (AgentPhrase is the wording); Represents are those
	// brands.
	Agent       bool          `json:"agent,omitempty"`
	AgentPhrase string        `json:"agent_phrase,omitempty"`
	Represents  []Represented `json:"represents,omitempty"`
}

// USAgent reports whether the exhibitor is an agent of at least one
// US-linked brand.
func (x *Exhibitor) USAgent() bool {
	for _, r := range x.Represents {
		if r.USLinked {
			return true
		}
	}
	return false
}

// Resolver resolves exhibitor rows. It is immutable and safe for
// concurrent use.
type Resolver struct {
	kb        *kb.KB
	rec       *recognize.Recognizer
	agent     []string
	countries map[string]string
}

// New builds a resolver over the knowledge base and its recogniser.
func New(k *kb.KB, rec *recognize.Recognizer) *Resolver {
	r := &Resolver{kb: k, rec: rec, countries: map[string]string{}}
	for _, l := range linelist.Entries(agentData) {
		r.agent = append(r.agent, strings.ToLower(l))
	}
	sort.SliceStable(r.agent, func(i, j int) bool { return len(r.agent[i]) > len(r.agent[j]) })
	for _, row := range linelist.MustRows("exhibit/data/countries.tsv", countriesData, 2) {
		r.countries[strings.ToLower(row.Fields[0])] = row.Fields[1]
	}
	return r
}

// Resolve resolves the rows of one event's list as of the event's year.
func (r *Resolver) Resolve(ev Event, rows []Row) []Exhibitor {
	date := fmt.Sprintf("%04d", ev.Year)
	out := make([]Exhibitor, 0, len(rows))
	for _, row := range rows {
		x := Exhibitor{Row: row, Event: ev, CountryCode: r.countries[strings.ToLower(row.Country)]}
		from := row.Name
		if c, ok := r.kb.FindCompany(row.Name); ok {
			from = c.ID
			x.Company = c.Name
			x.USLinked, x.USLinkPath, x.USLinkNote = r.kb.USLinkAsOf(c.ID, date)
			if x.USLinked {
				x.Via, _ = r.kb.USPathway(c.ID, date)
			}
		} else if x.CountryCode == "US" {
			x.USLinked, x.Via = true, enduse.PathwayDirect
			x.USLinkPath = []string{row.Name + " (US, per the exhibitor list)"}
		}
		r.agents(&x, from, date)
		out = append(out, x)
	}
	return out
}

// agents finds the brands an exhibitor says it represents: the brands
// recognised in its brands and products columns when they hold an agency
// word, other than the exhibitor's own.
func (r *Resolver) agents(x *Exhibitor, from, date string) {
	text := strings.TrimSpace(x.Brands + "\n" + x.Products)
	lower := strings.ToLower(text)
	for _, w := range r.agent {
		if strings.Contains(lower, w) {
			x.AgentPhrase = w
			break
		}
	}
	if x.AgentPhrase == "" {
		return
	}
	seen := map[string]bool{}
	for _, m := range r.rec.Find(text) {
		if m.Spec {
			continue
		}
		res := r.kb.AsOf(m.Resolution, date)
		to, ok := r.kb.CompanyID(res)
		if !ok || to == from || seen[to] {
			continue
		}
		seen[to] = true
		res.Route = nil
		link := enduse.Link{From: from, Type: enduse.LinkAgentOf, To: to, Since: date, Basis: enduse.BasisExhibitor,
			Note:    "stated by the exhibitor: " + x.AgentPhrase,
			Sources: []string{fmt.Sprintf("%s exhibitor list, %s row %d", x.Event, x.Source, x.Line)}}
		x.Represents = append(x.Represents, Represented{Text: m.Text, Resolution: res,
			Link: enduse.StatedLink{Org: x.Name, Brand: res.Brand, Phrase: x.AgentPhrase, Link: link}})
	}
	x.Agent = len(x.Represents) > 0
	if !x.Agent {
		x.AgentPhrase = ""
	}
}
