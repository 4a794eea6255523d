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
}

// ProductLine is a line of products of a brand, recognisable by aliases
// (SkyHawk, 酷鹰) and by model-number patterns (ST\d+VX\d+).
type ProductLine struct {
	Name     string   `json:"name" yaml:"name"`
	Category string   `json:"category" yaml:"category"`
	Aliases  []string `json:"aliases,omitempty" yaml:"aliases,omitempty"`
	Patterns []string `json:"patterns,omitempty" yaml:"patterns,omitempty"` // Go regular expressions over normalised text
	Sources  []string `json:"sources,omitempty" yaml:"sources,omitempty"`
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
