package export

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/enduse/enduse"
)

// OCDSOptions tunes the OCDS export.
type OCDSOptions struct {
	// Prefix starts every ocid. A publisher registers its own with the
	// Open Contracting Partnership; the default marks the data as an
	// enduse compilation of Chinese notices, not an official publication.
	Prefix string
	Base   string // prefixed to evidence links
	// Published is the package's publication time (default now).
	Published time.Time
}

// DefaultOCDSPrefix is the ocid prefix when none is given.
const DefaultOCDSPrefix = "ocds-enduse-cn"

// OCDS writes an OCDS 1.1 release package: one release per announcement,
// one ocid per procurement (award and contract notices of a purchase share
// it), with parties and their roles, tender, awards, contracts, items,
// amounts in CNY and the notice itself as a document.
type OCDS struct {
	buf    *bufio.Writer
	enc    *json.Encoder
	opt    OCDSOptions
	n      int
	closed bool
}

// NewOCDS starts a release package on out.
func NewOCDS(out io.Writer, opt OCDSOptions) (*OCDS, error) {
	if opt.Prefix == "" {
		opt.Prefix = DefaultOCDSPrefix
	}
	if opt.Published.IsZero() {
		opt.Published = time.Now()
	}
	buf := bufio.NewWriterSize(out, 64<<10)
	head := map[string]any{
		"uri":           "urn:enduse:export:" + opt.Published.UTC().Format("20060102T150405Z"),
		"version":       "1.1",
		"publishedDate": opt.Published.UTC().Format(time.RFC3339),
		"publisher":     map[string]string{"name": "enduse (compiled from public procurement notices)"},
	}
	b, err := json.Marshal(head)
	if err != nil {
		return nil, err
	}
	// The package object is written by hand around the streamed releases.
	if _, err := buf.Write(b[:len(b)-1]); err != nil {
		return nil, err
	}
	if _, err := buf.WriteString(`,"releases":[` + "\n"); err != nil {
		return nil, err
	}
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	return &OCDS{buf: buf, enc: enc, opt: opt}, nil
}

// Write implements Writer.
func (o *OCDS) Write(r *Record) error {
	rel := o.release(r)
	if o.n > 0 {
		if _, err := o.buf.WriteString(","); err != nil {
			return err
		}
	}
	o.n++
	return o.enc.Encode(rel)
}

// Close implements Writer.
func (o *OCDS) Close() error {
	if o.closed {
		return nil
	}
	o.closed = true
	if _, err := o.buf.WriteString("]}\n"); err != nil {
		return err
	}
	return o.buf.Flush()
}

type (
	ocdsValue struct {
		Amount   float64 `json:"amount"`
		Currency string  `json:"currency"`
	}
	ocdsOrgRef struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	ocdsAddress struct {
		Region      string `json:"region,omitempty"`
		Locality    string `json:"locality,omitempty"`
		CountryName string `json:"countryName,omitempty"`
	}
	ocdsParty struct {
		ID      string       `json:"id"`
		Name    string       `json:"name"`
		Address *ocdsAddress `json:"address,omitempty"`
		Roles   []string     `json:"roles"`
	}
	ocdsClassification struct {
		Scheme      string `json:"scheme"`
		ID          string `json:"id"`
		Description string `json:"description,omitempty"`
	}
	ocdsUnit struct {
		Name  string     `json:"name,omitempty"`
		Value *ocdsValue `json:"value,omitempty"`
	}
	ocdsItem struct {
		ID             string              `json:"id"`
		Description    string              `json:"description,omitempty"`
		Classification *ocdsClassification `json:"classification,omitempty"`
		Quantity       float64             `json:"quantity,omitempty"`
		Unit           *ocdsUnit           `json:"unit,omitempty"`
	}
	ocdsDocument struct {
		ID            string `json:"id"`
		DocumentType  string `json:"documentType,omitempty"`
		Title         string `json:"title,omitempty"`
		URL           string `json:"url,omitempty"`
		DatePublished string `json:"datePublished,omitempty"`
		Format        string `json:"format,omitempty"`
		Language      string `json:"language,omitempty"`
	}
	ocdsTender struct {
		ID                       string         `json:"id"`
		Title                    string         `json:"title,omitempty"`
		Status                   string         `json:"status,omitempty"`
		ProcuringEntity          *ocdsOrgRef    `json:"procuringEntity,omitempty"`
		Items                    []ocdsItem     `json:"items,omitempty"`
		Value                    *ocdsValue     `json:"value,omitempty"`
		ProcurementMethod        string         `json:"procurementMethod,omitempty"`
		ProcurementMethodDetails string         `json:"procurementMethodDetails,omitempty"`
		Tenderers                []ocdsOrgRef   `json:"tenderers,omitempty"`
		Documents                []ocdsDocument `json:"documents,omitempty"`
	}
	ocdsAward struct {
		ID        string       `json:"id"`
		Title     string       `json:"title,omitempty"`
		Status    string       `json:"status,omitempty"`
		Date      string       `json:"date,omitempty"`
		Value     *ocdsValue   `json:"value,omitempty"`
		Suppliers []ocdsOrgRef `json:"suppliers,omitempty"`
		Items     []ocdsItem   `json:"items,omitempty"`
	}
	ocdsContract struct {
		ID        string         `json:"id"`
		AwardID   string         `json:"awardID"`
		Title     string         `json:"title,omitempty"`
		Status    string         `json:"status,omitempty"`
		Value     *ocdsValue     `json:"value,omitempty"`
		Items     []ocdsItem     `json:"items,omitempty"`
		Documents []ocdsDocument `json:"documents,omitempty"`
	}
	ocdsRelease struct {
		OCID           string         `json:"ocid"`
		ID             string         `json:"id"`
		Date           string         `json:"date"`
		Tag            []string       `json:"tag"`
		InitiationType string         `json:"initiationType"`
		Language       string         `json:"language"`
		Parties        []ocdsParty    `json:"parties,omitempty"`
		Buyer          *ocdsOrgRef    `json:"buyer,omitempty"`
		Tender         *ocdsTender    `json:"tender,omitempty"`
		Awards         []ocdsAward    `json:"awards,omitempty"`
		Contracts      []ocdsContract `json:"contracts,omitempty"`
	}
)

// ocdsTags maps notice types to the release tag codelist.
var ocdsTags = map[enduse.NoticeType]string{
	enduse.TypeTender: "tender", enduse.TypeCorrection: "tenderAmendment", enduse.TypeTermination: "tenderCancellation",
	enduse.TypeCandidates: "award", enduse.TypeAward: "award", enduse.TypeContract: "contract",
	enduse.TypeSingleSource: "tender", enduse.TypeOther: "tender",
}

// ocdsDocTypes maps notice types to the documentType codelist.
var ocdsDocTypes = map[enduse.NoticeType]string{
	enduse.TypeTender: "tenderNotice", enduse.TypeCorrection: "tenderNotice", enduse.TypeTermination: "tenderNotice",
	enduse.TypeCandidates: "awardNotice", enduse.TypeAward: "awardNotice", enduse.TypeContract: "contractNotice",
	enduse.TypeSingleSource: "tenderNotice", enduse.TypeOther: "tenderNotice",
}

// partyID is a stable id for an organisation within the export: the same
// organisation has the same id in every release.
func partyID(o enduse.Org) string {
	k := o.Key
	if k == "" {
		k = o.Name
	}
	h := sha256.Sum256([]byte(k))
	return "org-" + hex.EncodeToString(h[:8])
}

// ocdsDate is a publication date as an OCDS date-time (China Standard Time).
func ocdsDate(d string) string {
	if t, err := time.Parse(time.DateOnly, d); err == nil {
		return t.Format("2006-01-02") + "T00:00:00+08:00"
	}
	return ""
}

func value(v float64) *ocdsValue {
	if v <= 0 {
		return nil
	}
	return &ocdsValue{Amount: v, Currency: "CNY"}
}

func (o *OCDS) release(r *Record) ocdsRelease {
	n := &r.Notice
	purchase := r.Purchase
	if purchase == "" {
		purchase = r.Group
	}
	if purchase == "" {
		purchase = "d" + n.SHA256[:min(16, len(n.SHA256))]
	}
	date := ocdsDate(n.Published)
	if date == "" {
		// Undated notice: the release is dated by the export, which is
		// when this compilation published it.
		date = o.opt.Published.UTC().Format(time.RFC3339)
	}
	tag := ocdsTags[n.Type]
	if tag == "" {
		tag = "tender"
	}
	rel := ocdsRelease{OCID: o.opt.Prefix + "-" + purchase, ID: n.SHA256, Date: date, Tag: []string{tag},
		InitiationType: "tender", Language: "zh"}

	parties := map[string]*ocdsParty{}
	var order []string
	party := func(org enduse.Org, role string) ocdsOrgRef {
		id := partyID(org)
		p := parties[id]
		if p == nil {
			p = &ocdsParty{ID: id, Name: org.Name}
			if org.Region != nil && org.Region.Name != "" {
				p.Address = &ocdsAddress{Region: org.Region.Path, Locality: org.Region.Name, CountryName: "China"}
			}
			parties[id] = p
			order = append(order, id)
		}
		for _, have := range p.Roles {
			if have == role {
				return ocdsOrgRef{ID: id, Name: org.Name}
			}
		}
		p.Roles = append(p.Roles, role)
		return ocdsOrgRef{ID: id, Name: org.Name}
	}
	if n.Buyer != nil && n.Buyer.Name != "" {
		ref := party(*n.Buyer, "buyer")
		rel.Buyer = &ref
	}
	// The document's url is where it was published, else its evidence
	// page; a relative link (some crawler exports give site paths) is no
	// URI and is left out.
	doc := ocdsDocument{ID: "notice-" + n.SHA256[:min(16, len(n.SHA256))], DocumentType: ocdsDocTypes[n.Type], Title: n.Title,
		DatePublished: ocdsDate(n.Published), Format: r.MediaType, Language: "zh"}
	for _, u := range []string{n.URL, evidence(o.opt.Base, n.SHA256)} {
		if strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://") {
			doc.URL = u
			break
		}
	}
	items := ocdsItems(n.Items)
	tender := &ocdsTender{ID: "tender", Title: n.ProjectName, Value: value(n.Budget),
		ProcurementMethodDetails: n.Method, ProcurementMethod: ocdsMethod(n.Method, n.Type)}
	if n.ProjectCode != "" {
		tender.ID = n.ProjectCode
	}
	if tender.Title == "" {
		tender.Title = n.Title
	}
	if n.Agency != nil && n.Agency.Name != "" {
		ref := party(*n.Agency, "procuringEntity")
		tender.ProcuringEntity = &ref
	} else if rel.Buyer != nil {
		ref := party(*n.Buyer, "procuringEntity")
		tender.ProcuringEntity = &ref
	}
	switch n.Type {
	case enduse.TypeTermination:
		tender.Status = "cancelled"
	case enduse.TypeTender, enduse.TypeCorrection, enduse.TypeSingleSource:
		tender.Status = "active"
	}
	rel.Tender = tender

	var awarded []ocdsOrgRef
	for _, s := range n.Suppliers {
		switch s.Role {
		case enduse.RoleWinner:
			awarded = append(awarded, party(s.Org, "supplier"))
		case enduse.RoleSingleSource:
			tender.Tenderers = append(tender.Tenderers, party(s.Org, "tenderer"))
		default:
			tender.Tenderers = append(tender.Tenderers, party(s.Org, "tenderer"))
		}
	}
	switch n.Type {
	case enduse.TypeAward, enduse.TypeCandidates, enduse.TypeContract:
		status := "active"
		if n.Type == enduse.TypeCandidates {
			status = "pending"
		}
		award := ocdsAward{ID: "award-" + purchase, Title: n.ProjectName, Status: status, Date: ocdsDate(n.Published),
			Value: value(n.AwardAmount), Suppliers: awarded}
		if n.Type != enduse.TypeContract {
			award.Items = items
			tender.Documents = nil
		}
		rel.Awards = []ocdsAward{award}
		if n.Type == enduse.TypeContract {
			rel.Contracts = []ocdsContract{{ID: "contract-" + purchase, AwardID: award.ID, Title: n.ProjectName,
				Status: "active", Value: value(n.AwardAmount), Items: items, Documents: []ocdsDocument{doc}}}
		}
	default:
		tender.Items = items
	}
	if n.Type != enduse.TypeContract {
		tender.Documents = []ocdsDocument{doc}
	}
	for _, id := range order {
		rel.Parties = append(rel.Parties, *parties[id])
	}
	return rel
}

// ocdsMethod maps enduse's procurement method ids to the method codelist
// (open, selective, limited, direct); "" when unknown.
func ocdsMethod(method string, t enduse.NoticeType) string {
	switch {
	case t == enduse.TypeSingleSource || method == "single_source":
		return "limited"
	case method == "open_tender":
		return "open"
	case method == "invited_tender":
		return "selective"
	case method != "":
		return "limited"
	}
	return ""
}

// ocdsItems are a notice's line items; the technology category (the
// knowledge base's taxonomy) is the item's classification.
func ocdsItems(items []enduse.Item) []ocdsItem {
	var out []ocdsItem
	for i, it := range items {
		desc := strings.TrimSpace(strings.Join([]string{it.Name, it.Brand, it.Model}, " "))
		oi := ocdsItem{ID: strconv.Itoa(i + 1), Description: strings.Join(strings.Fields(desc), " "), Quantity: it.Quantity}
		if it.Resolved != nil && it.Resolved.Category != "" {
			d := it.Resolved.Brand
			if it.Resolved.ProductLine != "" {
				d += " " + it.Resolved.ProductLine
			}
			oi.Classification = &ocdsClassification{Scheme: "X-ENDUSE-CATEGORY", ID: it.Resolved.Category, Description: strings.TrimSpace(d)}
		}
		if it.Unit != "" || it.UnitPrice > 0 {
			oi.Unit = &ocdsUnit{Name: it.Unit, Value: value(it.UnitPrice)}
		}
		out = append(out, oi)
	}
	return out
}
