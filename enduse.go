// Package enduse holds the domain of the end-use intelligence engine: the
// documents it reads, the procurement notices it extracts from them, the
// organisations, items and brand mentions inside those notices, the knowledge
// base that resolves brands to companies and countries, and the screening
// lists that organisations are matched against.
//
// The root package imports nothing of ours. Every stage of the pipeline
// (document → notice → mentions → orgs → store → answers) lives in its own
// package and speaks in these types, so stages can be run and tested alone.
package enduse

import (
	"time"
	"unicode/utf8"
)

// SchemaVersion is the version of the extraction output contract (DESIGN §4).
// It changes only when a field changes meaning or disappears.
const SchemaVersion = 1

// NoticeType is the kind of procurement announcement.
type NoticeType string

// Notice types. A notice whose kind cannot be told is TypeOther, never a guess.
const (
	TypeTender       NoticeType = "tender"        // 招标/采购/磋商/谈判/询价 announcements
	TypeCandidates   NoticeType = "candidates"    // 中标候选人公示
	TypeAward        NoticeType = "award"         // 中标/成交 results
	TypeContract     NoticeType = "contract"      // 合同公告
	TypeSingleSource NoticeType = "single_source" // 单一来源公示
	TypeCorrection   NoticeType = "correction"    // 更正/变更/澄清
	TypeTermination  NoticeType = "termination"   // 废标/流标/终止
	TypeOther        NoticeType = "other"
)

// NoticeTypes lists every notice type in a stable order (for validation and UIs).
var NoticeTypes = []NoticeType{TypeTender, TypeCandidates, TypeAward, TypeContract,
	TypeSingleSource, TypeCorrection, TypeTermination, TypeOther}

// Sector is the kind of body an organisation is.
type Sector string

// Sectors (DESIGN §2).
const (
	SectorPublicSecurity  Sector = "public_security"
	SectorProcuratorate   Sector = "procuratorate"
	SectorCourt           Sector = "court"
	SectorPrisonJustice   Sector = "prison_justice"
	SectorXPCC            Sector = "xpcc"
	SectorArmedPolice     Sector = "armed_police"
	SectorStateSecurity   Sector = "state_security"
	SectorOtherGovernment Sector = "other_government"
	SectorEducation       Sector = "education"
	SectorHealth          Sector = "health"
	SectorEnterprise      Sector = "enterprise"
	SectorUnknown         Sector = "unknown"
)

// Level is the administrative level of an organisation.
type Level string

// Levels (DESIGN §2).
const (
	LevelMinistry   Level = "ministry"
	LevelProvince   Level = "province"
	LevelPrefecture Level = "prefecture"
	LevelCounty     Level = "county"
	LevelDistrict   Level = "district"
	LevelStation    Level = "station"
	LevelUnit       Level = "unit"
	LevelUnknown    Level = "unknown"
)

// Region is a GB/T 2260 administrative division.
type Region struct {
	Code string `json:"code"`           // six digits, e.g. "650100"
	Name string `json:"name"`           // the division's own name, e.g. "乌鲁木齐市"
	Path string `json:"path,omitempty"` // province to this division, e.g. "新疆维吾尔自治区/乌鲁木齐市"
}

// Evidence is a span of a document's text that supports a field or figure.
// Offsets are rune offsets into Document.Text (which has the same rune
// length as its redacted form, so offsets hold for both).
type Evidence struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	// Doc and File name the attachment the span lies in (its sha256 and
	// source) when it is not the notice page itself; OCR marks text read
	// from an image, which deserves less trust (see attachment.go).
	Doc  string `json:"doc,omitempty"`
	File string `json:"file,omitempty"`
	OCR  bool   `json:"ocr,omitempty"`
	Page int    `json:"page,omitempty"` // 1-based page of a paged attachment (PDF)
}

// BlockKind says what a block of decoded text was in its source.
type BlockKind string

// Block kinds.
const (
	BlockPara    BlockKind = "p"  // a paragraph, list item, heading or line
	BlockRow     BlockKind = "tr" // a table row; its cells are separated by '\t' in Text
	BlockHeading BlockKind = "h"  // a heading (h1–h6, or a bold stand-alone line)
)

// Block is one line of decoded text: a paragraph or a table row. Extractors
// use blocks to read label/value tables without re-parsing HTML.
type Block struct {
	Kind  BlockKind `json:"kind"`
	Table int       `json:"table,omitempty"` // 1-based table number for rows; 0 otherwise
	Row   int       `json:"row,omitempty"`   // 0-based row number within the table
	Start int       `json:"start"`           // rune offset of the block in Document.Text
	End   int       `json:"end"`             // rune offset just past the block (before '\n')
	Cells []Cell    `json:"cells,omitempty"` // for rows: the cells, in order
}

// Cell is one table cell of a row block.
type Cell struct {
	Text    string `json:"text"`
	Start   int    `json:"start"` // rune offsets in Document.Text
	End     int    `json:"end"`
	ColSpan int    `json:"colspan,omitempty"`
	RowSpan int    `json:"rowspan,omitempty"`
}

// Document is one source document: the original bytes, kept unchanged, and
// their decoded text with structure. The sha256 of Raw is its identity.
type Document struct {
	SHA256    string    `json:"sha256"`
	Source    string    `json:"source"`              // file path (with "!member" for archive members) or URL
	URL       string    `json:"url,omitempty"`       // where it was published, when known
	RecordID  string    `json:"id,omitempty"`        // the crawler export's record id (mapped by --fields)
	MediaType string    `json:"media_type"`          // e.g. "text/html", "application/pdf"
	Charset   string    `json:"charset,omitempty"`   // the charset the bytes were decoded from
	Raw       []byte    `json:"-"`                   // the original bytes
	Title     string    `json:"title,omitempty"`     // <title> or the record's title
	Published string    `json:"published,omitempty"` // the record's own date (YYYY-MM-DD), when it has one
	Fetched   time.Time `json:"fetched,omitempty"`
	Parent    string    `json:"parent,omitempty"` // sha256 of the containing document, for attachments
	// Text is the decoded text: one block per line, table cells separated
	// by '\t'. It still holds personal data; see Redacted.
	Text   string  `json:"-"`
	Blocks []Block `json:"-"`
	// Meta holds record fields of a crawler export that enduse has no name
	// for (e.g. a region column), for extractors that can use them.
	Meta map[string]string `json:"meta,omitempty"`
	// OCR is true when Text was recognised from images (a scan), not read
	// from a text layer.
	OCR bool `json:"ocr,omitempty"`
	// PageStarts holds the rune offset in Text where each page begins, for
	// paged formats (PDF).
	PageStarts []int `json:"-"`
	// Children are the attachments read as part of this document (see
	// attachment.go); each has Parent set to this document's sha256.
	Children []*Document `json:"-"`
}

// Org is a named organisation as it appears in a notice, with what enduse
// derived about it.
type Org struct {
	Name    string  `json:"name"`
	Key     string  `json:"key,omitempty"` // canonical name: spellings of the same body share it
	NameEN  string  `json:"name_en,omitempty"`
	Sector  Sector  `json:"sector,omitempty"`
	Level   Level   `json:"level,omitempty"`
	Region  *Region `json:"region,omitempty"`
	Parent  string  `json:"parent,omitempty"`  // the body this one is a unit of, when its name says so
	Address string  `json:"address,omitempty"` // the organisation's address, when the notice gives it
	// From says where the name was read when not from a labelled field:
	// "title" for a buyer read from the notice title (the body names none).
	From string `json:"from,omitempty"`
}

// SupplierRole is what a supplier was in a notice.
type SupplierRole string

// Supplier roles.
const (
	RoleWinner       SupplierRole = "winner"
	RoleCandidate    SupplierRole = "candidate"
	RoleBidder       SupplierRole = "bidder"
	RoleSingleSource SupplierRole = "single_source" // the proposed supplier of a 单一来源 notice
)

// Supplier is a company named in a notice with its role.
type Supplier struct {
	Org
	Role   SupplierRole `json:"role"`
	Rank   int          `json:"rank,omitempty"`   // for candidates: 1 = first
	Amount float64      `json:"amount,omitempty"` // yuan
	Lot    string       `json:"lot,omitempty"`    // 标段/包 the supplier is named for
	// Consortium is the consortium (联合体) the supplier was named in, as
	// the notice writes it; each member is its own Supplier with the
	// consortium's role, rank and amount.
	Consortium string `json:"consortium,omitempty"`
}

// Lot is one 标段/包 of a notice with its own amounts.
type Lot struct {
	Code        string  `json:"code,omitempty"`
	Name        string  `json:"name,omitempty"`
	Budget      float64 `json:"budget,omitempty"`
	AwardAmount float64 `json:"award_amount,omitempty"`
}

// Resolution is what the knowledge base says about a brand or product: the
// canonical brand, its company and country, whether it is US-linked (and
// the path of corporate links that makes it so), its product line and
// technology category.
type Resolution struct {
	Brand       string   `json:"brand,omitempty"`
	Company     string   `json:"company,omitempty"`
	Country     string   `json:"country,omitempty"` // ISO 3166-1 alpha-2 of the company's headquarters
	USLinked    bool     `json:"us_linked,omitempty"`
	USLinkPath  []string `json:"us_link_path,omitempty"` // e.g. ["H3C","joint_venture_of 49% Hewlett Packard Enterprise (US)"]
	ProductLine string   `json:"product_line,omitempty"`
	Category    string   `json:"category,omitempty"` // e.g. "storage.surveillance"
	// AsOf is the date the corporate links were evaluated at (the notice's
	// date); empty means as of today. USLinkNote says so in words ("H3C:
	// Hewlett Packard Enterprise 49% from 2016-05 to 2024-09; this notice is
	// dated 2023-04"). Route is the pathway the product took (pathway.go).
	AsOf       string `json:"as_of,omitempty"`
	USLinkNote string `json:"us_link_note,omitempty"`
	Route      *Route `json:"route,omitempty"`
}

// Item is one line of an equipment or service list.
type Item struct {
	Name      string      `json:"name,omitempty"`
	Brand     string      `json:"brand,omitempty"` // the brand cell as written
	Model     string      `json:"model,omitempty"`
	Quantity  float64     `json:"quantity,omitempty"`
	Unit      string      `json:"unit,omitempty"`
	UnitPrice float64     `json:"unit_price,omitempty"`
	Total     float64     `json:"total,omitempty"`
	Resolved  *Resolution `json:"resolved,omitempty"`
	Evidence  *Evidence   `json:"evidence,omitempty"` // the row the item was read from

	// Supplier is the row's supplier (供应商名称 column), else the notice's
	// winner for the item's lot, else its single winner; empty when the
	// notice names no winner.
	Supplier string `json:"supplier,omitempty"`
	// Lot is the 包/标段 number the item is listed under ("1", "2"), in the
	// form of Org.Lot; empty when the notice has no lots.
	Lot string `json:"lot,omitempty"`
}

// MentionKind says how a mention was recognised.
type MentionKind string

// Mention kinds.
const (
	MentionAlias MentionKind = "alias" // a brand or product alias
	MentionModel MentionKind = "model" // a model number matched by a product-line pattern
	// MentionCompany is a company's own name (a legal name the knowledge base
	// lists, e.g. 希捷科技（苏州）有限公司) written as an organisation, not a
	// product: it links the notice to the company without counting as a
	// brand-product mention.
	MentionCompany MentionKind = "company"
)

// Mention is a brand, product or model number recognised in a document.
// Start and End are rune offsets into Document.Text.
type Mention struct {
	Text  string      `json:"text"`
	Start int         `json:"start"`
	End   int         `json:"end"`
	Kind  MentionKind `json:"kind,omitempty"`
	// Spec is true when the mention names a brand as a specification
	// ("希捷或同等档次", "参考品牌") rather than as what was bought.
	Spec bool `json:"spec,omitempty"`
	Resolution
}

// HitRelation is how a screened organisation relates to a list entry.
type HitRelation string

// Hit relations.
const (
	RelationListed      HitRelation = "listed"      // the body itself
	RelationSubordinate HitRelation = "subordinate" // a sub-unit of a listed body
	RelationAlias       HitRelation = "alias"       // matched through an alias of the entry
)

// Hit is an organisation matched to a screening-list entry.
type Hit struct {
	Org      string      `json:"org,omitempty"` // "buyer", "agency" or "supplier", in notice output
	Name     string      `json:"name,omitempty"`
	List     string      `json:"list"`
	EntryID  string      `json:"entry_id,omitempty"`
	Entry    string      `json:"entry"`
	Relation HitRelation `json:"relation"`
	Score    float64     `json:"score"`
	Why      string      `json:"why"`
	// Listings names every list and version that names the hit's entity,
	// when more than one does (see hitlisting.go).
	Listings []HitListing `json:"listings,omitempty"`
}

// ReasonClass is the class of a single-source justification.
type ReasonClass string

// Single-source reason classes.
const (
	ReasonImported      ReasonClass = "imported"      // an imported product is required
	ReasonOutperforms   ReasonClass = "outperforms"   // foreign product outperforms domestic
	ReasonCompatibility ReasonClass = "compatibility" // compatibility with existing equipment or partners
	ReasonSoleService   ReasonClass = "sole_service"  // sole authorised maintainer / after-sales
	ReasonPatent        ReasonClass = "patent"        // patent, exclusive right
	ReasonUrgent        ReasonClass = "urgent"
	ReasonOther         ReasonClass = "other"
)

// Reason is the stated justification of a single-source procurement.
type Reason struct {
	Classes  []ReasonClass `json:"classes"`
	Text     string        `json:"text"`
	Evidence Evidence      `json:"evidence"`
}

// Notice is a procurement announcement extracted from a document: the
// output contract of `enduse extract --json` (DESIGN §4). Fields the notice
// does not state are left empty and omitted, never guessed.
type Notice struct {
	Schema      int        `json:"schema"`
	Source      string     `json:"source"`
	SHA256      string     `json:"sha256"`
	ID          string     `json:"id,omitempty"`  // the crawler export's record id
	URL         string     `json:"url,omitempty"` // where the notice was published
	Type        NoticeType `json:"type,omitempty"`
	Title       string     `json:"title,omitempty"`
	Published   string     `json:"published,omitempty"` // YYYY-MM-DD
	ProjectCode string     `json:"project_code,omitempty"`
	ProjectName string     `json:"project_name,omitempty"`
	// Method is the procurement method (采购方式) as an id of
	// notice/data/methods.tsv: open_tender, competitive_consultation, …
	Method      string     `json:"method,omitempty"`
	Region      *Region    `json:"region,omitempty"` // the notice's region line or record, when stated
	Buyer       *Org       `json:"buyer,omitempty"`
	Agency      *Org       `json:"agency,omitempty"`
	Suppliers   []Supplier `json:"suppliers,omitempty"`
	Lots        []Lot      `json:"lots,omitempty"`
	Budget      float64    `json:"budget,omitempty"`       // yuan
	AwardAmount float64    `json:"award_amount,omitempty"` // yuan
	Currency    string     `json:"currency,omitempty"`
	Items       []Item     `json:"items,omitempty"`
	Mentions    []Mention  `json:"mentions,omitempty"`
	Hits        []Hit      `json:"hits,omitempty"`
	Reason      *Reason    `json:"reason,omitempty"` // single-source justification
	// Evidence maps a field name ("buyer", "award_amount", …) to the text
	// span it was read from.
	Evidence map[string]Evidence `json:"evidence,omitempty"`
	// Error is set when the document could not be read as a notice.
	Error string `json:"error,omitempty"`
	// Rights are the distribution rights the notice states (唯一授权代理商,
	// 中国区总代理, …), each a link with the notice as its source.
	Rights []StatedLink `json:"rights,omitempty"`
	// Attachments are the files read as part of the notice, each with the
	// span of its text in the notice's text.
	Attachments []Attachment `json:"attachments,omitempty"`
	// Reconciliation compares the items' totals with AwardAmount; set when
	// the notice has items or an award amount.
	Reconciliation *Reconciliation `json:"reconciliation,omitempty"`
}

// Runes cuts many rune spans of one string, each in time proportional to
// its length rather than to its offset: it keeps the byte offset of every
// runeMark-th rune. A notice's evidence is cut from its redacted text
// with it; RuneSpan, which walks from the start, suits a single cut.
type Runes struct {
	s     string
	marks []int // marks[k] is the byte offset of rune k*runeMark
	n     int   // runes in s
}

const runeMark = 64

// NewRunes indexes s (one pass over it).
func NewRunes(s string) Runes {
	r := Runes{s: s, marks: make([]int, 0, len(s)/runeMark/2+1)}
	for pos := range s {
		if r.n%runeMark == 0 {
			r.marks = append(r.marks, pos)
		}
		r.n++
	}
	return r
}

// Span is RuneSpan(s, start, end).
func (r Runes) Span(start, end int) string {
	start = max(start, 0)
	if end <= start || start >= r.n {
		return ""
	}
	from := r.skip(r.marks[start/runeMark], start%runeMark)
	if end >= r.n {
		return r.s[from:]
	}
	var to int
	if end/runeMark == start/runeMark {
		to = r.skip(from, end-start)
	} else {
		to = r.skip(r.marks[end/runeMark], end%runeMark)
	}
	return r.s[from:to]
}

// skip returns the byte offset k runes after byte offset pos; invalid
// bytes count one rune each, as ranging over a string reads them.
func (r Runes) skip(pos, k int) int {
	for ; k > 0; k-- {
		if r.s[pos] < utf8.RuneSelf {
			pos++
			continue
		}
		_, w := utf8.DecodeRuneInString(r.s[pos:])
		pos += w
	}
	return pos
}

// RuneSpan returns the text of the rune span [start, end) of s, clamped to
// s; "" when the span is empty or starts past the end. Every offset in
// enduse counts runes, so evidence is cut with this.
func RuneSpan(s string, start, end int) string {
	if start < 0 {
		start = 0
	}
	if end <= start {
		return ""
	}
	i, from, to := 0, -1, len(s)
	for pos := range s {
		if i == start {
			from = pos
		}
		if i == end {
			to = pos
			break
		}
		i++
	}
	if from < 0 {
		return ""
	}
	return s[from:to]
}
