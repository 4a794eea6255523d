package enduse

// Pathway is how a purchased product reached its buyer, read from the
// relationship between the notice's supplier and the brand's company (and
// between that company and its owners) as of the notice's date. The report
// this project follows distinguishes these routes because each calls for a
// different response: a US company selling directly, through its own
// Chinese subsidiary, through a joint venture, through a Chinese acquirer
// of a US company, or through a distributor or agent.
type Pathway string

// Pathways.
const (
	// PathwayDirect: the supplier is the brand's company itself or one of
	// its branches, and that company is not a subsidiary, joint venture or
	// acquisition of another.
	PathwayDirect Pathway = "direct"
	// PathwaySubsidiary: the supplier (or the brand's company) is a
	// subsidiary of the owner, e.g. Invitrogen (Shanghai) for Thermo Fisher.
	PathwaySubsidiary Pathway = "subsidiary"
	// PathwayJointVenture: the brand's company or the supplier is a joint
	// venture of the owner, e.g. H3C of HPE.
	PathwayJointVenture Pathway = "joint_venture"
	// PathwayAcquired: the supplier acquired the brand's company (CGAG and
	// Enstrom), or the brand's company was acquired by its present owner.
	PathwayAcquired Pathway = "acquired"
	// PathwayDistributor: the supplier is a known distributor or agent of
	// the brand's company, known from the knowledge base, an exhibition
	// record or the notice itself.
	PathwayDistributor Pathway = "distributor"
	// PathwayUnknownThirdParty: the supplier is named but no relationship
	// between it and the brand's company is known.
	PathwayUnknownThirdParty Pathway = "unknown_third_party"
)

// Pathways returns every pathway, in the order answers list them.
func Pathways() []Pathway {
	return []Pathway{PathwayDirect, PathwaySubsidiary, PathwayJointVenture, PathwayAcquired,
		PathwayDistributor, PathwayUnknownThirdParty}
}

// ValidPathway reports whether p is one of Pathways.
func ValidPathway(p Pathway) bool {
	for _, q := range Pathways() {
		if p == q {
			return true
		}
	}
	return false
}

// Route is the pathway of one item or mention, with the chain of links
// that decided it, evaluated as of the notice's date.
type Route struct {
	Pathway  Pathway `json:"pathway"`
	Supplier string  `json:"supplier,omitempty"` // the supplier as the notice names it
	// Path is the supplier-to-owner chain in words, e.g. ["Beijing Ryan
	// Wende (CN)", "distributor of IntegenX (US), since 2015", …].
	Path []string `json:"path,omitempty"`
	// Basis says where the decisive link came from: "knowledge base",
	// "stated by this notice" or "exhibitor record".
	Basis string `json:"basis,omitempty"`
	AsOf  string `json:"as_of,omitempty"` // the date the links were evaluated at (YYYY-MM-DD)
}

// ShareStep is one step of an ownership share over time: from Since the
// owner held Share percent, until the next step or the link's Until.
type ShareStep struct {
	Since   string   `json:"since" yaml:"since"`
	Share   float64  `json:"share" yaml:"share"`
	Note    string   `json:"note,omitempty" yaml:"note,omitempty"`
	Sources []string `json:"sources,omitempty" yaml:"sources,omitempty"`
}

// LineOwner bounds which brand a product line (its aliases and model
// patterns) belongs to over time: IBM's System x servers are Lenovo's from
// October 2014, so a System x model in a 2016 notice is a Lenovo product.
type LineOwner struct {
	Brand   string   `json:"brand" yaml:"brand"` // Brand.ID
	Since   string   `json:"since,omitempty" yaml:"since,omitempty"`
	Until   string   `json:"until,omitempty" yaml:"until,omitempty"`
	Sources []string `json:"sources,omitempty" yaml:"sources,omitempty"`
}

// Link bases: how a link became known, for links not taken from the
// knowledge base's reviewed data.
const (
	BasisKB        = "knowledge base"
	BasisNotice    = "stated by this notice"
	BasisExhibitor = "exhibitor record"
)

// DateActive reports whether date d (YYYY, YYYY-MM or YYYY-MM-DD) falls in
// [since, until): empty bounds are open. Dates of different precision are
// compared on their common prefix, so a link "until 2024-09" has ended for a
// notice of 2024-09-15 and a link "since 2016" holds for one of 2016-03. An
// empty d means today: only the until bound matters, and any until has
// passed.
func DateActive(d, since, until string) bool {
	if d == "" {
		return until == ""
	}
	if since != "" && dateCmp(d, since) < 0 {
		return false
	}
	if until != "" && dateCmp(d, until) >= 0 {
		return false
	}
	return true
}

// dateCmp compares two ISO dates on their common prefix.
func dateCmp(a, b string) int {
	n := min(len(a), len(b))
	switch {
	case a[:n] < b[:n]:
		return -1
	case a[:n] > b[:n]:
		return 1
	}
	return 0
}

// StatedLink is a distribution right stated in a notice or an exhibitor
// record ("北京某科技有限公司为某品牌中国区总代理"): a distributor_of or
// agent_of link from the named organisation, as written, to the brand's
// company, with the text that states it. Its Link.Basis is BasisNotice or
// BasisExhibitor and its Link.Sources name the document.
type StatedLink struct {
	Org      string   `json:"org"`             // the distributor or agent as the text names it
	Brand    string   `json:"brand,omitempty"` // canonical brand, when the text names one
	Phrase   string   `json:"phrase"`          // the wording that states the right, e.g. 中国区总代理
	Link     Link     `json:"link"`            // From is Org's knowledge-base id when known, else Org
	Evidence Evidence `json:"evidence"`
}
