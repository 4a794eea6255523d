package storeutil

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
// Same type + buyer + project code is one announcement, and award and
// contract notices of one buyer and project code are one purchase: those
// ids follow from the notice alone (Direct). Without a project code, a
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

// LockKey names the scope, for backends that serialise concurrent
// grouping decisions (e.g. a PostgreSQL advisory lock).
func (g Grouping) LockKey() string {
	typ, buyer, title := g.Scope()
	return "group\x00" + typ + "\x00" + buyer + "\x00" + title
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
