package enduse

import (
	"context"
	"errors"
)

// Domain errors. Each store maps its driver's errors to these inside its own
// package; the HTTP layer maps them to status codes in one place.
var (
	ErrNotFound = errors.New("not found")
	ErrInvalid  = errors.New("invalid input")
	ErrSchema   = errors.New("database schema is behind; run `enduse migrate`")
)

// Filter selects notices. Zero values mean "any". Text fields match the
// stored, redacted text. DESIGN §3 lists the command-line flags.
type Filter struct {
	Brand       string       `json:"brand,omitempty"`        // canonical brand or any alias ("Seagate", "希捷")
	Company     string       `json:"company,omitempty"`      // company name or id
	Country     string       `json:"country,omitempty"`      // ISO code of the brand's company ("US")
	USLinked    bool         `json:"us_linked,omitempty"`    // brand is US-linked through corporate links
	Category    string       `json:"category,omitempty"`     // category id prefix ("storage")
	ProductLine string       `json:"product_line,omitempty"` // e.g. "SkyHawk"
	Buyer       string       `json:"buyer,omitempty"`        // substring of the buyer name (Chinese or English)
	Supplier    string       `json:"supplier,omitempty"`     // substring of a supplier name
	Sector      Sector       `json:"sector,omitempty"`
	Level       Level        `json:"level,omitempty"`
	Region      string       `json:"region,omitempty"` // GB/T 2260 code prefix ("65") or a place name ("新疆")
	Types       []NoticeType `json:"types,omitempty"`
	From        string       `json:"from,omitempty"` // YYYY-MM-DD, inclusive
	To          string       `json:"to,omitempty"`   // YYYY-MM-DD, inclusive
	Listed      bool         `json:"listed,omitempty"`
	Lists       []string     `json:"lists,omitempty"` // screen only against these lists (with Listed)
	Text        string       `json:"text,omitempty"`
	Reason      ReasonClass  `json:"reason,omitempty"`
	// IncludeSpec counts brand mentions that are only specifications
	// ("或同等档次"); by default they do not make a notice match.
	IncludeSpec bool `json:"include_spec,omitempty"`
	Limit       int  `json:"limit,omitempty"`
	Offset      int  `json:"offset,omitempty"`
}

// Figure is one number of an answer with the notices behind it.
type Figure struct {
	Notices  int      `json:"notices"`            // unique announcements
	Quantity float64  `json:"quantity,omitempty"` // summed item quantities
	Amount   float64  `json:"amount,omitempty"`   // yuan
	IDs      []string `json:"ids"`                // notice ids (sha256) behind the figure
}

// Row is one notice in an answer.
type Row struct {
	ID          string     `json:"id"` // sha256 of the document
	Title       string     `json:"title"`
	Type        NoticeType `json:"type"`
	Published   string     `json:"published,omitempty"`
	ProjectCode string     `json:"project_code,omitempty"`
	Buyer       string     `json:"buyer,omitempty"`
	BuyerEN     string     `json:"buyer_en,omitempty"`
	Sector      Sector     `json:"sector,omitempty"`
	Level       Level      `json:"level,omitempty"`
	Region      string     `json:"region,omitempty"` // GB/T 2260 code
	RegionName  string     `json:"region_name,omitempty"`
	Winner      string     `json:"winner,omitempty"`
	Amount      float64    `json:"amount,omitempty"` // award amount, else budget
	Quantity    float64    `json:"quantity,omitempty"`
	Brands      []string   `json:"brands,omitempty"`
	Source      string     `json:"source"`
	URL         string     `json:"url,omitempty"`
	Group       string     `json:"group,omitempty"` // id of the announcement group (re-publications share it)
	Page        string     `json:"page,omitempty"`  // "/notices/{id}"
}

// Result is the answer to a Filter: the report's sentence in numbers, each
// carrying the notices behind it.
type Result struct {
	Filter        Filter            `json:"filter"`
	Notices       int               `json:"notices"`   // unique announcements
	Documents     int               `json:"documents"` // stored documents, re-publications included
	Buyers        int               `json:"buyers"`    // distinct buyers
	Quantity      float64           `json:"quantity"`  // items of the filtered brands/lines, de-duplicated
	Amount        float64           `json:"amount"`
	ByType        map[string]Figure `json:"by_type"`
	ByBrand       map[string]Figure `json:"by_brand"`
	ByProductLine map[string]Figure `json:"by_product_line"`
	ByCategory    map[string]Figure `json:"by_category"`
	CoMentions    map[string]Figure `json:"co_mentions"`
	ByBuyer       map[string]Figure `json:"by_buyer"`
	BySector      map[string]Figure `json:"by_sector"`
	ByLevel       map[string]Figure `json:"by_level"`
	ByRegion      map[string]Figure `json:"by_region"`
	ByMonth       map[string]Figure `json:"by_month"`
	Rows          []Row             `json:"rows"`
	Total         int               `json:"total"` // rows matching before Limit/Offset
}

// IngestOutcome says what happened to one document on ingest.
type IngestOutcome string

// Ingest outcomes.
const (
	OutcomeStored    IngestOutcome = "stored"    // new document, parsed
	OutcomeFailed    IngestOutcome = "failed"    // new document, stored with the parse failure
	OutcomeDuplicate IngestOutcome = "duplicate" // same bytes already stored
)

// DocumentStore keeps documents and their notices. Implementations are
// idempotent on Document.SHA256.
type DocumentStore interface {
	// HasDocument reports whether a document with this sha256 is stored.
	HasDocument(ctx context.Context, sha256 string) (bool, error)
	// SaveNotice stores the document, its redacted text and its notice in
	// one transaction. When parseErr is non-nil the document is stored with
	// the reason and n may be nil. Saving bytes already stored returns
	// OutcomeDuplicate and changes nothing.
	SaveNotice(ctx context.Context, d *Document, redacted string, n *Notice, parseErr error) (IngestOutcome, error)
}

// StoredNotice is a notice as kept in the store, with its document's
// redacted text for display.
type StoredNotice struct {
	Notice
	MediaType string   `json:"media_type"`
	Text      string   `json:"text"`             // redacted text
	Group     string   `json:"group,omitempty"`  // announcement group id
	Copies    []string `json:"copies,omitempty"` // ids of re-publications in the same group
	Ingested  string   `json:"ingested"`
}

// NoticeReader reads stored notices.
type NoticeReader interface {
	// Notice returns the notice with this id (a sha256 or a unique prefix of
	// at least 8 hex digits). It returns ErrNotFound when there is none.
	Notice(ctx context.Context, id string) (*StoredNotice, error)
	// Raw returns the original bytes and media type of a stored document.
	Raw(ctx context.Context, id string) ([]byte, string, error)
}

// Querier answers filters over the store.
type Querier interface {
	// Query returns the aggregate answer and the page of rows selected by
	// f.Limit and f.Offset. It returns ErrInvalid for a malformed filter.
	Query(ctx context.Context, f Filter) (*Result, error)
}
