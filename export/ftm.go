package export

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/enduse/enduse"
)

// Ownerships is the knowledge base as the FtM export reads it: companies
// and their corporate links (*kb.KB has these methods).
type Ownerships interface {
	FindCompany(name string) (enduse.Company, bool)
	Company(id string) (enduse.Company, bool)
	LinksFrom(companyID string) []enduse.Link
}

// Entity is one FollowTheMoney entity: every property is a list of
// strings, entity-typed ones holding other entities' ids.
type Entity struct {
	ID         string              `json:"id"`
	Schema     string              `json:"schema"`
	Properties map[string][]string `json:"properties"`
}

// FtM writes FollowTheMoney entities as JSON Lines (the form `ftm` and
// Aleph import): the buyer as PublicBody (Organization when it is not a
// public body), agency and suppliers as Organization/Company, a Contract
// per procurement, a ContractAward per winner, a Document per notice, a
// Mention per brand named in it, and each mentioned company with its
// Ownership links from the knowledge base. An entity shared by many notices
// is written once.
type FtM struct {
	buf  *bufio.Writer
	enc  *json.Encoder
	base string
	own  Ownerships
	seen map[string]bool
}

// NewFtM returns the FtM writer; own may be nil (no Ownership entities).
func NewFtM(out io.Writer, base string, own Ownerships) *FtM {
	buf := bufio.NewWriterSize(out, 64<<10)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	return &FtM{buf: buf, enc: enc, base: base, own: own, seen: map[string]bool{}}
}

// Close implements Writer.
func (f *FtM) Close() error { return f.buf.Flush() }

// ftmID is a stable entity id from its kind and key.
func ftmID(kind string, parts ...string) string {
	h := sha256.Sum256([]byte(kind + "\x00" + strings.Join(parts, "\x00")))
	return "enduse-" + kind + "-" + hex.EncodeToString(h[:10])
}

// emit writes e unless an entity of its id was written before.
func (f *FtM) emit(e Entity) error {
	if f.seen[e.ID] {
		return nil
	}
	f.seen[e.ID] = true
	for k, v := range e.Properties {
		var keep []string
		for _, s := range v {
			if s = strings.TrimSpace(s); s != "" {
				keep = append(keep, s)
			}
		}
		if len(keep) == 0 {
			delete(e.Properties, k)
		} else {
			e.Properties[k] = keep
		}
	}
	return f.enc.Encode(e)
}

// publicSectors are the buyer sectors that are public bodies.
var publicSectors = map[enduse.Sector]bool{
	enduse.SectorPublicSecurity: true, enduse.SectorProcuratorate: true, enduse.SectorCourt: true,
	enduse.SectorPrisonJustice: true, enduse.SectorXPCC: true, enduse.SectorArmedPolice: true,
	enduse.SectorStateSecurity: true, enduse.SectorOtherGovernment: true, enduse.SectorEducation: true,
	enduse.SectorHealth: true,
}

// org writes an organisation as schema and returns its id.
func (f *FtM) org(o enduse.Org, schema string) (string, error) {
	key := o.Key
	if key == "" {
		key = o.Name
	}
	id := ftmID("org", key)
	p := map[string][]string{"name": {o.Name}, "country": {"cn"}}
	if o.NameEN != "" {
		p["alias"] = []string{o.NameEN}
	}
	if o.Address != "" {
		p["address"] = []string{o.Address}
	} else if o.Region != nil && o.Region.Path != "" {
		p["address"] = []string{strings.ReplaceAll(o.Region.Path, "/", "")}
	}
	if o.Sector != "" && o.Sector != enduse.SectorUnknown {
		p["classification"] = []string{string(o.Sector)}
	}
	return id, f.emit(Entity{ID: id, Schema: schema, Properties: p})
}

// company writes a brand's company and returns its id; when the knowledge
// base knows it, its Chinese name, source and ownership links (to parents,
// themselves written as companies) are written too.
func (f *FtM) company(name, country string) (string, error) {
	id := ftmID("company", strings.ToLower(name))
	p := map[string][]string{"name": {name}}
	if country != "" {
		p["country"] = []string{strings.ToLower(country)}
	}
	if f.seen[id] {
		return id, nil
	}
	var c enduse.Company
	found := false
	if f.own != nil {
		c, found = f.own.FindCompany(name)
	}
	if found {
		if c.NameZH != "" {
			p["alias"] = []string{c.NameZH}
		}
		p["sourceUrl"] = firstURL(c.Sources)
	}
	if err := f.emit(Entity{ID: id, Schema: "Company", Properties: p}); err != nil {
		return id, err
	}
	if !found {
		return id, nil
	}
	for _, l := range f.own.LinksFrom(c.ID) {
		if l.Type != enduse.LinkSubsidiaryOf && l.Type != enduse.LinkJointVentureOf && l.Type != enduse.LinkAcquiredBy {
			continue
		}
		parent, ok := f.own.Company(l.To)
		if !ok {
			continue
		}
		owner, err := f.company(parent.Name, parent.Country)
		if err != nil {
			return id, err
		}
		op := map[string][]string{"owner": {owner}, "asset": {id}, "ownershipType": {string(l.Type)},
			"startDate": {l.Since}, "endDate": {l.Until}, "summary": {l.Note}, "sourceUrl": firstURL(l.Sources)}
		if l.Share > 0 {
			op["percentage"] = []string{strconv.FormatFloat(l.Share, 'f', -1, 64)}
		}
		if err := f.emit(Entity{ID: ftmID("ownership", owner, id, string(l.Type)), Schema: "Ownership", Properties: op}); err != nil {
			return id, err
		}
	}
	return id, nil
}

// absURL is u as a one-value property when it is an absolute http(s) URL
// (FtM's url type); crawler exports sometimes give site-relative paths.
func absURL(u string) []string {
	if strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://") {
		return []string{u}
	}
	return nil
}

// firstURL keeps the sources that are URLs (FtM's url type), the first one.
func firstURL(sources []string) []string {
	for _, s := range sources {
		if strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") {
			return []string{s}
		}
	}
	return nil
}

func amount(v float64) []string {
	if v <= 0 {
		return nil
	}
	return []string{strconv.FormatFloat(v, 'f', -1, 64)}
}

// Write implements Writer.
func (f *FtM) Write(r *Record) error {
	n := &r.Notice
	docID := ftmID("document", n.SHA256)
	var buyerID string
	if n.Buyer != nil && n.Buyer.Name != "" {
		var err error
		if buyerID, err = f.org(*n.Buyer, orgSchema(*n.Buyer)); err != nil {
			return err
		}
	}
	if n.Agency != nil && n.Agency.Name != "" {
		if _, err := f.org(*n.Agency, orgSchema(*n.Agency)); err != nil {
			return err
		}
	}
	file := path.Base(strings.ReplaceAll(n.Source, "!", "/"))
	if file == "" || file == "." || file == "/" {
		file = n.SHA256
	}
	published := n.Published
	if err := f.emit(Entity{ID: docID, Schema: "Document", Properties: map[string][]string{
		"fileName": {file}, "name": {firstNonEmpty(n.Title, file)}, "title": {n.Title}, "mimeType": {r.MediaType}, "publishedAt": {published},
		"sourceUrl": absURL(n.URL), "language": {"zho"},
		"description": {evidence(f.base, n.SHA256)},
	}}); err != nil {
		return err
	}

	purchase := r.Purchase
	if purchase == "" {
		purchase = r.Group
	}
	title := firstNonEmpty(n.ProjectName, n.Title, n.ProjectCode, file)
	contractID := ftmID("contract", purchase)
	cp := map[string][]string{"title": {title}, "name": {title}, "procedureNumber": {n.ProjectCode}, "method": {n.Method},
		"noticeId": {n.SHA256}, "currency": {"CNY"}, "sourceUrl": absURL(n.URL), "language": {"zho"}}
	if buyerID != "" {
		cp["authority"] = []string{buyerID}
	}
	if n.Type == enduse.TypeContract {
		cp["contractDate"] = []string{published}
	}
	if n.Budget > 0 {
		cp["amount"] = amount(n.Budget)
	}
	// A procurement's Contract is written with its first notice; later
	// notices of it add awards and documents.
	if err := f.emit(Entity{ID: contractID, Schema: "Contract", Properties: cp}); err != nil {
		return err
	}
	for i, s := range n.Suppliers {
		if s.Role != enduse.RoleWinner && s.Role != enduse.RoleSingleSource {
			continue
		}
		if s.Role == enduse.RoleSingleSource && n.Type == enduse.TypeSingleSource {
			continue // proposed, not awarded
		}
		sid, err := f.org(s.Org, orgSchema(s.Org))
		if err != nil {
			return err
		}
		amt := s.Amount
		if amt == 0 && len(winners(n)) == 1 {
			amt = n.AwardAmount
		}
		if err := f.emit(Entity{ID: ftmID("award", purchase, sid, s.Lot), Schema: "ContractAward", Properties: map[string][]string{
			"contract": {contractID}, "supplier": {sid}, "amount": amount(amt), "currency": {"CNY"},
			"lotNumber": {s.Lot}, "date": {published}, "role": {string(s.Role)}, "sourceUrl": absURL(n.URL),
			"recordId": {strconv.Itoa(i + 1)}, "documentNumber": {n.SHA256},
		}}); err != nil {
			return err
		}
	}
	// Mentions: each brand named (not as a mere specification) once per
	// notice, resolved to its company.
	type mark struct{ brand, company, country string }
	marks := map[string]mark{}
	for _, m := range n.Mentions {
		if m.Spec || m.Brand == "" {
			continue
		}
		marks[m.Brand] = mark{m.Brand, m.Company, m.Country}
	}
	for _, it := range n.Items {
		if it.Resolved != nil && it.Resolved.Brand != "" {
			marks[it.Resolved.Brand] = mark{it.Resolved.Brand, it.Resolved.Company, it.Resolved.Country}
		}
	}
	brands := make([]string, 0, len(marks))
	for b := range marks {
		brands = append(brands, b)
	}
	sort.Strings(brands)
	for _, b := range brands {
		m := marks[b]
		p := map[string][]string{"document": {docID}, "name": {m.brand}, "detectedSchema": {"Company"}}
		if m.company != "" {
			cid, err := f.company(m.company, m.country)
			if err != nil {
				return err
			}
			p["resolved"] = []string{cid}
		}
		if err := f.emit(Entity{ID: ftmID("mention", n.SHA256, m.brand), Schema: "Mention", Properties: p}); err != nil {
			return err
		}
	}
	return nil
}

// orgSchema is Company for an organisation the name analysis classed as
// an enterprise (its legal form, org/data/glossary.tsv), PublicBody for a
// public one, else Organization.
func orgSchema(o enduse.Org) string {
	switch {
	case o.Sector == enduse.SectorEnterprise:
		return "Company"
	case publicSectors[o.Sector]:
		return "PublicBody"
	}
	return "Organization"
}

// firstNonEmpty is the first of ss that is not empty.
func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
