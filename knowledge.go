package enduse

// Company is a company of the knowledge base.
type Company struct {
	ID       string   `json:"id" yaml:"id"`                               // stable slug, e.g. "seagate"
	Name     string   `json:"name" yaml:"name"`                           // canonical English name, e.g. "Seagate Technology"
	NameZH   string   `json:"name_zh,omitempty" yaml:"name_zh,omitempty"` // canonical Chinese name
	Country  string   `json:"country" yaml:"country"`                     // ISO 3166-1 alpha-2 of headquarters
	Aliases  []string `json:"aliases,omitempty" yaml:"aliases,omitempty"` // names of the company itself (legal names, subsidiaries' trading names)
	Category string   `json:"category,omitempty" yaml:"category,omitempty"`
	Sources  []string `json:"sources" yaml:"sources"`
	// Until is when the company ceased to exist or to trade (YYYY, YYYY-MM
	// or YYYY-MM-DD); no link of it may start after that.
	Until string `json:"until,omitempty" yaml:"until,omitempty"`
}

// ProductLine is a line of products of a brand, recognisable by aliases
// (SkyHawk, 酷鹰) and by model-number patterns (ST\d+VX\d+).
type ProductLine struct {
	Name     string   `json:"name" yaml:"name"`
	Category string   `json:"category" yaml:"category"`
	Aliases  []string `json:"aliases,omitempty" yaml:"aliases,omitempty"`
	Patterns []string `json:"patterns,omitempty" yaml:"patterns,omitempty"` // Go regular expressions over normalised text
	Sources  []string `json:"sources,omitempty" yaml:"sources,omitempty"`
	// Owners, when set, say which brand the line belonged to when: a line
	// that changed owner (IBM System x → Lenovo) resolves to the brand of
	// the notice's date.
	Owners []LineOwner `json:"owners,omitempty" yaml:"owners,omitempty"`
}

// Brand is a brand of the knowledge base, owned by a company.
type Brand struct {
	ID           string        `json:"id" yaml:"id"`
	Name         string        `json:"name" yaml:"name"`       // canonical brand as the company writes it, e.g. "Seagate"
	Company      string        `json:"company" yaml:"company"` // Company.ID
	Category     string        `json:"category" yaml:"category"`
	Aliases      []string      `json:"aliases" yaml:"aliases"`
	ProductLines []ProductLine `json:"product_lines,omitempty" yaml:"product_lines,omitempty"`
	Sources      []string      `json:"sources" yaml:"sources"`
}

// LinkType is a kind of corporate relationship.
type LinkType string

// Link types. A link reads "From <type> To": "h3c joint_venture_of hpe".
const (
	LinkSubsidiaryOf    LinkType = "subsidiary_of"
	LinkJointVentureOf  LinkType = "joint_venture_of"
	LinkAcquiredBy      LinkType = "acquired_by"
	LinkDistributorOf   LinkType = "distributor_of"
	LinkAgentOf         LinkType = "agent_of"
	LinkFormerlyKnownAs LinkType = "formerly_known_as"
	// LinkSpunOffFrom: From was split off To as a separate company (HPE
	// from Hewlett-Packard). Unlike a rename, the two go on as different
	// companies, so the link is not walked for US links.
	LinkSpunOffFrom LinkType = "spun_off_from"
	// LinkSoldBy: From was sold by its former owner To on Since (xFusion by
	// Huawei, 2021-11). It ends the ownership; it is not walked.
	LinkSoldBy LinkType = "sold_by"
	// LinkPartnerOf: an institution-to-institution relationship stated in
	// a public document (research partnership, training or strategic
	// cooperation agreement). Organisations only, never people.
	LinkPartnerOf LinkType = "partner_of"
)

// Link is a corporate relationship between two companies.
type Link struct {
	From    string   `json:"from" yaml:"from"` // Company.ID
	Type    LinkType `json:"type" yaml:"type"`
	To      string   `json:"to" yaml:"to"`                           // Company.ID
	Share   float64  `json:"share,omitempty" yaml:"share,omitempty"` // ownership share in percent, when known
	Since   string   `json:"since,omitempty" yaml:"since,omitempty"` // YYYY or YYYY-MM-DD
	Until   string   `json:"until,omitempty" yaml:"until,omitempty"`
	Note    string   `json:"note,omitempty" yaml:"note,omitempty"`
	Sources []string `json:"sources" yaml:"sources"`
	// Shares are the owner's share over time, oldest first, when it
	// changed (HPE in H3C: 49% from 2016-05, 19% from 2024-09); Share is
	// then the latest.
	Shares []ShareStep `json:"shares,omitempty" yaml:"shares,omitempty"`
	// Unverified marks a fact written from memory or a secondary account
	// that no one has checked against its cited source yet.
	Unverified bool `json:"unverified,omitempty" yaml:"unverified,omitempty"`
	// Reviewed records the last review of the link against its sources
	// ("2026-12 dates checked against the seed report").
	Reviewed string `json:"reviewed,omitempty" yaml:"reviewed,omitempty"`
	// Basis says how the link became known when not from reviewed data:
	// BasisNotice (harvested from a notice) or BasisExhibitor.
	Basis string `json:"basis,omitempty" yaml:"basis,omitempty"`
}

// Category is a node of the technology taxonomy, e.g. "storage.surveillance".
type Category struct {
	ID     string `json:"id" yaml:"id"`
	Name   string `json:"name" yaml:"name"`
	NameZH string `json:"name_zh,omitempty" yaml:"name_zh,omitempty"`
}

// ListEntry is one entry of a screening list (Entity List, SDN, …).
type ListEntry struct {
	List      string   `json:"list"`    // list name, e.g. "BIS Entity List"
	Version   string   `json:"version"` // the list's as-of date or file version
	ID        string   `json:"id"`      // the entry's id within the list
	Name      string   `json:"name"`
	Aliases   []string `json:"aliases,omitempty"` // in any script
	NameZH    string   `json:"name_zh,omitempty"` // Chinese name, when the list or a compiler gives one
	Type      string   `json:"type,omitempty"`    // entity, individual, vessel, …
	Country   string   `json:"country,omitempty"`
	Address   string   `json:"address,omitempty"`
	Programs  []string `json:"programs,omitempty"` // sanction programmes or legal basis
	Citation  string   `json:"citation,omitempty"` // e.g. "84 FR 54002"
	Date      string   `json:"date,omitempty"`     // listing date
	SourceURL string   `json:"source_url,omitempty"`
}
