package document

import (
	"context"
	"errors"
	"fmt"
	"io"
)

// Budget bounds what one input may cost where its bytes expand: archives
// decompress, records and fields are read, tables grow by their spans,
// markup turns into nodes. Inputs from the open web are hostile as often as
// they are broken; a budget turns "the process ran out of memory" into a
// recorded error naming the input, the limit and its value, and the run
// goes on with the next input. A zero field means its default (see
// DefaultBudget); the JSON names are the config file's keys.
type Budget struct {
	// MaxBytes caps one input held in memory: a file, an archive member,
	// a decoded MHT part.
	MaxBytes int64 `json:"max_bytes,omitempty"`
	// MaxExpanded caps the bytes decompressed from one archive (all its
	// members, nested archives and streamed exports included) and from
	// the XML of one DOCX/XLSX package.
	MaxExpanded int64 `json:"max_expanded,omitempty"`
	// MaxRecordBytes caps one record of a crawler export (a JSON object
	// or CSV record).
	MaxRecordBytes int64 `json:"max_record_bytes,omitempty"`
	// MaxFieldBytes caps one field value of a record (its html or text).
	MaxFieldBytes int64 `json:"max_field_bytes,omitempty"`
	// MaxCells caps the table cells of one document, each cell counted
	// as the grid positions its colspan × rowspan covers, and a
	// spreadsheet's used range (rows × last column) likewise.
	MaxCells int64 `json:"max_cells,omitempty"`
	// MaxNodes caps the HTML/XML elements of one document.
	MaxNodes int64 `json:"max_nodes,omitempty"`
	// MaxTextBytes caps the decoded text of one document. The later
	// stages (fields, line items, mentions, redaction, the store's
	// index) take some eighty times a text's size in passing, so this is
	// what keeps one input's memory bounded once it is parsed.
	MaxTextBytes int64 `json:"max_text_bytes,omitempty"`
	// MaxPages caps the pages of one PDF.
	MaxPages int64 `json:"max_pages,omitempty"`
	// MaxMentions caps the brand and model mentions of one document;
	// the pipeline counts them after recognition, and a document over
	// it is stored as failed with the reason.
	MaxMentions int64 `json:"max_mentions,omitempty"`
}

// Defaults of Budget, sized so that one input stays well under 512 MB of
// memory while the largest real notices (a few MB, tables of some
// thousand rows) pass untouched.
const (
	DefaultMaxExpanded    = 256 << 20
	DefaultMaxRecordBytes = 32 << 20
	DefaultMaxFieldBytes  = 16 << 20
	DefaultMaxCells       = 1 << 20
	DefaultMaxNodes       = 1 << 20
	DefaultMaxTextBytes   = 4 << 20
	DefaultMaxPages       = 2000
	DefaultMaxMentions    = 20000
)

// DefaultBudget returns the budget used where a field is zero.
func DefaultBudget() Budget {
	return Budget{
		MaxBytes:       DefaultMaxBytes,
		MaxExpanded:    DefaultMaxExpanded,
		MaxRecordBytes: DefaultMaxRecordBytes,
		MaxFieldBytes:  DefaultMaxFieldBytes,
		MaxCells:       DefaultMaxCells,
		MaxNodes:       DefaultMaxNodes,
		MaxTextBytes:   DefaultMaxTextBytes,
		MaxPages:       DefaultMaxPages,
		MaxMentions:    DefaultMaxMentions,
	}
}

// WithDefaults returns b with every zero (or negative) field set to its
// default.
func (b Budget) WithDefaults() Budget {
	d := DefaultBudget()
	pick := func(v, def int64) int64 {
		if v <= 0 {
			return def
		}
		return v
	}
	return Budget{
		MaxBytes:       pick(b.MaxBytes, d.MaxBytes),
		MaxExpanded:    pick(b.MaxExpanded, d.MaxExpanded),
		MaxRecordBytes: pick(b.MaxRecordBytes, d.MaxRecordBytes),
		MaxFieldBytes:  pick(b.MaxFieldBytes, d.MaxFieldBytes),
		MaxCells:       pick(b.MaxCells, d.MaxCells),
		MaxNodes:       pick(b.MaxNodes, d.MaxNodes),
		MaxTextBytes:   pick(b.MaxTextBytes, d.MaxTextBytes),
		MaxPages:       pick(b.MaxPages, d.MaxPages),
		MaxMentions:    pick(b.MaxMentions, d.MaxMentions),
	}
}

// ErrBudget is matched (errors.Is) by every BudgetError.
var ErrBudget = errors.New("over budget")

// BudgetError says which limit of a Budget an input exceeded. Callers wrap
// it with the file and member it concerns.
type BudgetError struct {
	Limit string // the Budget field's config key, e.g. "max_cells"
	Value int64  // what the input reached (at least Max+1)
	Max   int64  // the limit
}

// Error names the limit, the value reached and how to raise it.
func (e *BudgetError) Error() string {
	return fmt.Sprintf("over budget: %s %d exceeds the limit of %d (raise budget.%s in the config to allow it)", e.what(), e.Value, e.Max, e.Limit)
}

func (e *BudgetError) what() string {
	switch e.Limit {
	case "max_bytes":
		return "size in bytes"
	case "max_expanded":
		return "decompressed bytes"
	case "max_record_bytes":
		return "record bytes"
	case "max_field_bytes":
		return "field bytes"
	case "max_cells":
		return "table cells"
	case "max_nodes":
		return "markup elements"
	case "max_text_bytes":
		return "text bytes"
	case "max_pages":
		return "pages"
	case "max_mentions":
		return "brand and model mentions"
	}
	return e.Limit
}

// Is makes errors.Is(err, ErrBudget) hold.
func (e *BudgetError) Is(target error) bool { return target == ErrBudget }

// OverBudget returns the BudgetError of value against the limit named
// by its config key, for stages after this one that enforce a Budget
// field (the pipeline's mention count).
func OverBudget(limit string, value, max int64) error {
	return overBudget(limit, value, max)
}

// overBudget returns the BudgetError of value against limit.
func overBudget(limit string, value, max int64) error {
	return &BudgetError{Limit: limit, Value: value, Max: max}
}

// meter counts the work one parse does against a budget and watches the
// context, so a long parse stops soon after Ctrl-C. The zero value counts
// against the default budget and never cancels.
type meter struct {
	ctx   context.Context
	b     Budget
	cells int64
	nodes int64
	ticks int
}

// newMeter returns a meter for one input.
func newMeter(ctx context.Context, b Budget) *meter {
	if ctx == nil {
		ctx = context.Background()
	}
	return &meter{ctx: ctx, b: b.WithDefaults()}
}

// tick is called in parsing loops; every 4096 calls it checks the
// context, so cancellation costs next to nothing.
func (m *meter) tick() error {
	m.ticks++
	if m.ticks&4095 == 0 && m.ctx != nil {
		return m.ctx.Err()
	}
	return nil
}

// addCells counts n table cells (or grid positions).
func (m *meter) addCells(n int64) error {
	m.cells += n
	if m.cells > m.b.MaxCells {
		return overBudget("max_cells", m.cells, m.b.MaxCells)
	}
	return m.tick()
}

// addNodes counts n markup elements.
func (m *meter) addNodes(n int64) error {
	m.nodes += n
	if m.nodes > m.b.MaxNodes {
		return overBudget("max_nodes", m.nodes, m.b.MaxNodes)
	}
	return m.tick()
}

// checkText fails with a BudgetError when a document's text is longer
// than the budget allows.
func checkText(text string, b Budget) error {
	if n := int64(len(text)); n > b.MaxTextBytes {
		return overBudget("max_text_bytes", n, b.MaxTextBytes)
	}
	return nil
}

// limitedReader reads at most Max bytes from R and then fails with a
// BudgetError naming Limit, instead of silently truncating (a truncated
// document would be stored as if it were whole). Count is shared, so one
// counter can bound every member of an archive.
type limitedReader struct {
	r     io.Reader
	count *int64
	max   int64
	limit string
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if *l.count > l.max {
		return 0, overBudget(l.limit, *l.count, l.max)
	}
	// Read at most one byte past the limit, to tell "exactly at" from
	// "over".
	if room := l.max - *l.count + 1; int64(len(p)) > room {
		p = p[:room]
	}
	n, err := l.r.Read(p)
	*l.count += int64(n)
	if *l.count > l.max {
		return n, overBudget(l.limit, *l.count, l.max)
	}
	return n, err
}

// readAllLimited reads r to the end, failing with a BudgetError of limit
// when it holds more than max bytes.
func readAllLimited(r io.Reader, max int64, limit string) ([]byte, error) {
	var n int64
	return io.ReadAll(&limitedReader{r: r, count: &n, max: max, limit: limit})
}
