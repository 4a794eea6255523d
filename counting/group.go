package counting

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// MaxRepublishDays is how far apart re-publications of one announcement
// may be published.
const MaxRepublishDays = 31

// MaxSimhashDistance is the number of differing simhash bits under which
// two texts count as near-identical.
const MaxSimhashDistance = 3

// MaxGroupCandidates bounds how many earlier notices a new notice is
// compared with.
const MaxGroupCandidates = 2000

// Grouping decides a new notice's announcement group and purchase.
//
// Same type + buyer + project code + project name (what is bought, when
// the notice names it) is one announcement, and award and contract notices
// of one buyer, project code and project name are one purchase: those ids
// follow from the notice alone (Direct). Without a project code, a
// notice of the same type and buyer (or, without a buyer, the same
// normalised title) published within a month, with the same normalised
// title or near-identical text and no conflicting award amount, is a
// re-publication and joins its group and purchase: the backend loads the
// candidates (Scope, Window) in insertion order and takes the first that
// Joins; else the notice starts its own (Own).
type Grouping struct{ r NoticeRow }

// NewGrouping returns the grouping decision of a notice row.
func NewGrouping(r NoticeRow) Grouping { return Grouping{r: r} }

// Direct returns the group and purchase when the notice alone decides them.
func (g Grouping) Direct() (group, purchase string, ok bool) {
	r := g.r
	if r.Buyer != "" && r.ProjectCode != "" {
		code := Normalize(r.ProjectCode)
		if subject := subjectKey(r.ProjectName); subject != "" {
			// An agency numbers its commissions, and some reuse one code
			// for several procurements of a buyer (NBGZ2024ZBDL011-27:
			// escalator maintenance and UPS batteries): the project name
			// says what is bought, so it is part of the key.
			return "p" + ShortHash(r.Type, r.Buyer, code, subject), "b" + ShortHash(r.Buyer, code, subject), true
		}
		return "p" + ShortHash(r.Type, r.Buyer, code), "b" + ShortHash(r.Buyer, code), true
	}
	if r.Buyer == "" && r.TitleKey == "" {
		group, purchase = g.Own()
		return group, purchase, true
	}
	return "", "", false
}

// MaxLotMembers bounds how many members of a project-code group LotGroup
// is given.
const MaxLotMembers = 100

// LotProbe reports whether Direct's group must be checked against the
// award amounts of the notices already in it (LotGroup): the notice has a
// buyer, a project code and an award amount.
func (g Grouping) LotProbe() bool {
	return g.r.Buyer != "" && g.r.ProjectCode != "" && g.r.AwardAmount > 0
}

// LotGroup is the group of a notice whose Direct group already holds
// notices with these award amounts. When every member states an award
// amount that differs from the notice's, the notice announces a lot
// awarded separately: a different announcement of the same purchase, with
// a group of its own. Otherwise it is group.
func (g Grouping) LotGroup(group string, members []float64) string {
	r := g.r
	if !g.LotProbe() || len(members) == 0 {
		return group
	}
	for _, a := range members {
		if a <= 0 || closeAmount(a, r.AwardAmount) {
			return group
		}
	}
	return "p" + ShortHash(r.Type, r.Buyer, Normalize(r.ProjectCode), strconv.FormatFloat(r.AwardAmount, 'f', 2, 64))
}

// Own is the group and purchase of a notice that joins none.
func (g Grouping) Own() (group, purchase string) {
	id := "d" + g.r.Doc[:min(16, len(g.r.Doc))]
	return id, id
}

// Scope describes the candidates: notices of this type with this buyer key
// (Buyer non-empty), or without a buyer and with this title key.
func (g Grouping) Scope() (typ, buyer, titleKey string) {
	if g.r.Buyer != "" {
		return g.r.Type, g.r.Buyer, ""
	}
	return g.r.Type, "", g.r.TitleKey
}

// Window is the range of publication dates candidates must fall in (or be
// undated); ok is false when the notice is undated and any date will do.
func (g Grouping) Window() (from, to string, ok bool) {
	if g.r.Published == "" {
		return "", "", false
	}
	d, err := time.Parse(time.DateOnly, g.r.Published)
	if err != nil {
		return "", "", false
	}
	return d.AddDate(0, 0, -MaxRepublishDays).Format(time.DateOnly), d.AddDate(0, 0, MaxRepublishDays).Format(time.DateOnly), true
}

// Candidate is an earlier notice in the scope and window.
type Candidate struct {
	Group, Purchase, TitleKey string
	AwardAmount               float64
	Simhash                   uint64
}

// Joins reports whether the notice is a re-publication of the candidate.
func (g Grouping) Joins(c Candidate) bool {
	r := g.r
	if c.AwardAmount > 0 && r.AwardAmount > 0 && !closeAmount(c.AwardAmount, r.AwardAmount) {
		return false
	}
	return (c.TitleKey != "" && c.TitleKey == r.TitleKey) ||
		(r.TextLen >= MinSimhashRunes && Hamming(c.Simhash, r.Simhash) <= MaxSimhashDistance)
}

// subjectKey is what a notice buys, for grouping: its project name without
// bracketed remarks, so a re-issue ("…项目（重发）", "（第二次）") stays the
// same procurement.
func subjectKey(projectName string) string {
	var b strings.Builder
	depth := 0
	for _, r := range projectName {
		switch r {
		case '（', '(', '【', '[':
			depth++
		case '）', ')', '】', ']':
			if depth > 0 {
				depth--
			}
		default:
			if depth == 0 {
				b.WriteRune(r)
			}
		}
	}
	return Normalize(b.String())
}

// closeAmount reports whether two amounts are the same up to rounding.
func closeAmount(a, b float64) bool {
	d := a - b
	if d < 0 {
		d = -d
	}
	return d <= 0.5 || d <= 1e-6*max(a, b)
}

// ShortHash is a 64-bit hex digest of parts, for opaque group ids.
func ShortHash(parts ...string) string {
	h := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(h[:8])
}
