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
	ErrSchema   = errors.New("database schema is behind; run `enduse migrate up`")
	// ErrChanged: what a write was computed from changed before it was
	// made; read again and retry.
	ErrChanged = errors.New("changed meanwhile")
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
	// Pathway selects brand mentions and items by how the product reached
	// the buyer (pathway.go): "distributor", "joint_venture", ….
	Pathway Pathway `json:"pathway,omitempty"`
	// Method is a procurement method id (notice/data/methods.tsv:
	// open_tender, competitive_consultation, inquiry, single_source, …).
	Method string `json:"method,omitempty"`
}

// Figure is one number of an answer with the notices behind it.
type Figure struct {
	Notices  int      `json:"notices"`            // unique announcements
	Quantity float64  `json:"quantity,omitempty"` // summed item quantities
	Amount   float64  `json:"amount,omitempty"`   // yuan
	IDs      []string `json:"ids"`                // notice ids (sha256) behind the figure
	// IDsTruncated is true when IDs holds only the first of the figure's
	// notices (stores cap the list so broad answers stay small); Notices
	// still counts them all.
	IDsTruncated bool `json:"ids_truncated,omitempty"`
	// QuantityUnknown is how many of the figure's notices belong to a
	// purchase no item of which states a quantity of what the figure
	// counts: they name the brand or line but not how many. Their units are
	// unknown — not zero — and Quantity leaves them out.
	QuantityUnknown int `json:"quantity_unknown,omitempty"`
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
	// ByPathway counts notices by the pathway of their brand mentions and
	// items (direct, subsidiary, joint_venture, acquired, distributor,
	// unknown_third_party).
	ByPathway map[string]Figure `json:"by_pathway,omitempty"`
	// QuantityUnknown is how many of the notices state no quantity of the
	// filtered brands or lines (Figure.QuantityUnknown of all notices).
	QuantityUnknown int `json:"quantity_unknown"`
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

// NoticeRefresher is a store that can read a stored notice again with
// attachments saved after it (a crawler downloads a notice's attachments
// after the notice page).
type NoticeRefresher interface {
	// Family returns a stored document as it was saved and its
	// attachments, in ingest order; ErrNotFound when it is not stored.
	Family(ctx context.Context, sha256 string) (SaveItem, []SaveItem, error)
	// ReplaceNotice replaces the stored notice and redacted text of d
	// with n, read with children attachments, in one transaction; it
	// returns ErrChanged, changing nothing, when the store holds another
	// number of attachments of d.
	ReplaceNotice(ctx context.Context, d *Document, redacted string, n *Notice, children int) error
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

// RowIterator gives every row of an answer: fn is called with each row of
// the answer to f (one per announcement group, newest first, the rows
// Query pages through), ignoring f's Limit and Offset, without computing
// the aggregate. Exports and watches read whole answers.
type RowIterator interface {
	EachRow(ctx context.Context, f Filter, fn func(Row) error) error
}

// ErrSchemaNewer is returned when a database was written by a newer enduse
// (it has migrations this binary does not know). Opening it could corrupt
// data the newer version relies on, so stores refuse it.
var ErrSchemaNewer = errors.New("database was written by a newer enduse; upgrade enduse to open it")

// OrgProfile is everything the store knows about one organisation across
// the notices that name it, each count with the notices behind it.
type OrgProfile struct {
	Key    string   `json:"key"`
	Name   string   `json:"name"`
	Names  []string `json:"names"` // every spelling seen in notices
	NameEN string   `json:"name_en,omitempty"`
	Sector Sector   `json:"sector,omitempty"`
	Level  Level    `json:"level,omitempty"`
	Region *Region  `json:"region,omitempty"`
	Parent string   `json:"parent,omitempty"`
	// Records are the announcements that name the organisation in any role.
	Records        Figure `json:"records"`
	AsBuyer        Figure `json:"as_buyer"`
	AsAgency       Figure `json:"as_agency"`
	AsWinner       Figure `json:"as_winner"`
	AsCandidate    Figure `json:"as_candidate"`
	AsBidder       Figure `json:"as_bidder"`
	AsSingleSource Figure `json:"as_single_source"`
	First          string `json:"first,omitempty"` // earliest publication date
	Last           string `json:"last,omitempty"`  // latest publication date
	// Counterparties are the suppliers of a buyer's notices and the buyers
	// of a supplier's notices, keyed by organisation key.
	Counterparties      map[string]Figure `json:"counterparties"`
	CounterpartySectors map[string]Figure `json:"counterparty_sectors"`
	CounterpartyLevels  map[string]Figure `json:"counterparty_levels"`
	CounterpartyRegions map[string]Figure `json:"counterparty_regions"` // province code
	Brands              map[string]Figure `json:"brands"`               // bought as buyer or supplied as supplier
	ProductLines        map[string]Figure `json:"product_lines"`
	ByMonth             map[string]Figure `json:"by_month"`
	// Bought is the amount of the organisation's purchases as buyer (award
	// amount, else budget, once per purchase); Won is the amount awarded to
	// it as winner or single-source supplier.
	Bought Figure       `json:"bought"`
	Won    Figure       `json:"won"`
	Hits   []ProfileHit `json:"hits,omitempty"`
}

// ProfileHit is a screening-list hit of an organisation with the notices it
// was recorded in.
type ProfileHit struct {
	Hit
	IDs []string `json:"ids"`
}

// BrandProfile is who buys a brand, where, when, through whom and which of
// its product lines — each count with the notices behind it.
type BrandProfile struct {
	Brand         string            `json:"brand"`
	Company       string            `json:"company,omitempty"`
	Country       string            `json:"country,omitempty"`
	USLinked      bool              `json:"us_linked,omitempty"`
	Notices       Figure            `json:"notices"` // announcements mentioning or listing the brand (not as a mere specification)
	Buyers        int               `json:"buyers"`  // distinct buyers
	First         string            `json:"first,omitempty"`
	Last          string            `json:"last,omitempty"`
	ByBuyer       map[string]Figure `json:"by_buyer"`
	BySector      map[string]Figure `json:"by_sector"`
	ByLevel       map[string]Figure `json:"by_level"`
	ByRegion      map[string]Figure `json:"by_region"` // province code
	ByMonth       map[string]Figure `json:"by_month"`
	BySupplier    map[string]Figure `json:"by_supplier"` // winners and single-source suppliers
	ByProductLine map[string]Figure `json:"by_product_line"`
	ByCategory    map[string]Figure `json:"by_category"`
	ByType        map[string]Figure `json:"by_type"`
}

// OrgSummary is one line of an organisation listing.
type OrgSummary struct {
	Key        string `json:"key"`
	Name       string `json:"name"`
	NameEN     string `json:"name_en,omitempty"`
	Sector     Sector `json:"sector,omitempty"`
	Level      Level  `json:"level,omitempty"`
	RegionCode string `json:"region_code,omitempty"`
	RegionName string `json:"region_name,omitempty"`
	Documents  int    `json:"documents"` // stored documents naming the organisation
	AsBuyer    int    `json:"as_buyer"`  // documents naming it as buyer
	Listed     bool   `json:"listed,omitempty"`
}

// BrandSummary is one line of a brand listing.
type BrandSummary struct {
	Brand     string `json:"brand"`
	Company   string `json:"company,omitempty"`
	Country   string `json:"country,omitempty"`
	USLinked  bool   `json:"us_linked,omitempty"`
	Category  string `json:"category,omitempty"`
	Documents int    `json:"documents"` // stored documents mentioning or listing it
}

// Stats summarises a store.
type Stats struct {
	Documents int            `json:"documents"` // all stored documents
	Notices   int            `json:"notices"`   // unique announcements (re-publications grouped)
	Parsed    int            `json:"parsed"`    // documents stored with a notice
	Failed    int            `json:"failed"`    // documents stored with a parse failure
	ByType    map[string]int `json:"by_type"`   // documents by notice type
	First     string         `json:"first,omitempty"`
	Last      string         `json:"last,omitempty"`
}

// Profiler answers the organisation and brand pages and listings.
type Profiler interface {
	// OrgProfile returns the profile of the organisation with this key or
	// name. It returns ErrNotFound when no notice names it.
	OrgProfile(ctx context.Context, key string) (*OrgProfile, error)
	// BrandProfile returns the profile of a brand given by canonical name or
	// alias as written. It returns ErrNotFound when no notice has it.
	BrandProfile(ctx context.Context, brand string) (*BrandProfile, error)
	// Orgs lists organisations whose name, key or English name contains q
	// (all when q is empty), most referenced first, at most limit (default 100).
	Orgs(ctx context.Context, q string, limit int) ([]OrgSummary, error)
	// Brands lists every brand seen, most documents first.
	Brands(ctx context.Context) ([]BrandSummary, error)
	// Stats summarises the store.
	Stats(ctx context.Context) (Stats, error)
}

// Store is everything a storage backend provides; every backend passes the
// storetest conformance suite.
type Store interface {
	DocumentStore
	NoticeReader
	Querier
	Profiler
	Close() error
}
