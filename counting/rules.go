package counting

import (
	"strings"

	"github.com/enduse/enduse"
)

// Organisation roles stored with a notice besides the supplier roles of
// enduse.SupplierRole.
const (
	RoleBuyer    = "buyer"
	RoleAgency   = "agency"
	RoleSupplier = "supplier" // a supplier whose role the notice did not state
)

// SupplierRoles are the stored roles of suppliers.
func SupplierRoles() []string {
	return []string{string(enduse.RoleWinner), string(enduse.RoleCandidate), string(enduse.RoleBidder),
		string(enduse.RoleSingleSource), RoleSupplier}
}

// IsSupplier reports whether a stored role is a supplier role.
func IsSupplier(role string) bool {
	for _, r := range SupplierRoles() {
		if r == role {
			return true
		}
	}
	return false
}

// NoticeRow is the notice's columns as every backend stores them.
type NoticeRow struct {
	Doc, Type, Title, TitleKey, Published string
	ProjectCode, ProjectName, Currency    string
	Buyer, BuyerName, BuyerEN, Agency     string
	Sector, Level                         string
	RegionCode, RegionName, RegionPath    string
	Budget, AwardAmount                   float64
	Simhash                               uint64
	TextLen                               int // runes of the normalised text
	Detail                                int // items with a quantity
}

// Marks is what a filter asks of brand marks (mentions and items): the
// validated filter and the canonical brands its Brand resolves to.
type Marks struct {
	F      enduse.Filter
	Brands []string // canonical brands the Brand filter resolves to (Brand itself included)
}

// Active reports whether the filter constrains brands or products at all.
func (p *Marks) Active() bool {
	f := p.F
	return f.Brand != "" || f.Company != "" || f.Country != "" || f.USLinked || f.Category != "" || f.ProductLine != "" ||
		f.Pathway != ""
}

// Match reports whether a loaded mark meets the filter's brand and product
// fields (the SQL each backend runs selects the same notices).
func (p *Marks) Match(m *Mark) bool {
	f := p.F
	if m.Spec && !f.IncludeSpec {
		return false
	}
	if f.Brand != "" {
		ok := strings.EqualFold(m.Text, f.Brand)
		for _, b := range p.Brands {
			ok = ok || strings.EqualFold(m.Brand, b)
		}
		if !ok {
			return false
		}
	}
	if f.Company != "" && !strings.Contains(strings.ToLower(m.Company), strings.ToLower(f.Company)) {
		return false
	}
	if f.Country != "" && !strings.EqualFold(m.Country, f.Country) {
		return false
	}
	if f.USLinked && !m.USLinked {
		return false
	}
	if f.Category != "" && m.Category != f.Category && !strings.HasPrefix(m.Category, f.Category+".") {
		return false
	}
	if f.Pathway != "" && m.Pathway != string(f.Pathway) {
		return false
	}
	if f.ProductLine != "" && !strings.EqualFold(m.ProductLine, f.ProductLine) {
		return false
	}
	return true
}

// IsDigits reports whether s is a non-empty run of ASCII digits.
func IsDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// AppendFold appends s to list unless it is there up to case.
func AppendFold(list []string, s string) []string {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return list
		}
	}
	return append(list, s)
}
