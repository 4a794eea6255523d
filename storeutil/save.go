package storeutil

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/counting"
)

// Save is a validated SaveNotice call, ready for a backend to write: the
// document's id, the failure it is stored with, and for a parsed notice
// everything derived from it.
type Save struct {
	ID      string // sha256 of the bytes, lower case
	Failure string // non-empty: store the document as failed with this reason
	Status  string // "stored" or "failed"
	Outcome enduse.IngestOutcome
	// Child is true for an attachment stored without a notice of its own:
	// its items and mentions are part of its parent's notice.
	Child bool
	// The rest is set only when Failure is empty and Child false.
	Notice *enduse.Notice // sanitised copy with defaults applied
	JSON   []byte         // Notice as stored
	Row    counting.NoticeRow
	// pairs are the title's and redacted text's pairs for text search
	// (Pairs), made by Prepare on a parse worker; TextPairs makes them
	// for a Save that was not prepared.
	pairs    string
	hasPairs bool
	// raw and codec are the document's bytes as stored (Raws.Pack),
	// packed by Prepare on a parse worker when packed is set.
	raw    []byte
	codec  string
	packed bool
	// of is the item this was checked for (Prepare), so a Check carried
	// to another item is not trusted.
	of *enduse.SaveItem
}

// Prepare returns it with Check set to its checked Save, or unchanged
// when it does not check (CheckItem reports why when it is saved). The
// document's bytes are packed for storage with raws.
func Prepare(it enduse.SaveItem, raws *Raws) enduse.SaveItem {
	sv, err := CheckSave(it.Document, it.Redacted, it.Notice, it.ParseErr)
	if err != nil {
		return it
	}
	if sv.Failure == "" && !sv.Child {
		sv.pairs, sv.hasPairs = Pairs(sv.Row.Title, it.Redacted), true
	}
	sv.raw, sv.codec = raws.Pack(it.Document.Raw)
	sv.packed = true
	sv.of = &enduse.SaveItem{Document: it.Document, Redacted: it.Redacted, Notice: it.Notice, ParseErr: it.ParseErr}
	it.Check = sv
	return it
}

// CheckItem is CheckSave of it, or the Save Prepare made for this very
// item: the same document, text, notice and parse error.
func CheckItem(it enduse.SaveItem) (*Save, error) {
	if sv, ok := it.Check.(*Save); ok && sv.of != nil && sv.of.Document == it.Document && sv.of.Notice == it.Notice &&
		sv.of.Redacted == it.Redacted && sameErr(sv.of.ParseErr, it.ParseErr) {
		return sv, nil
	}
	return CheckSave(it.Document, it.Redacted, it.Notice, it.ParseErr)
}

// StoredRaw is raw, the document's bytes, as they are to be stored, and
// their codec: packed by Prepare, or now with raws.
func (s *Save) StoredRaw(raws *Raws, raw []byte) ([]byte, string) {
	if !s.packed {
		s.raw, s.codec = raws.Pack(raw)
		s.packed = true
	}
	return s.raw, s.codec
}

// TextPairs is Pairs of the notice's title and of redacted, its text.
func (s *Save) TextPairs(redacted string) string {
	if !s.hasPairs {
		s.pairs, s.hasPairs = Pairs(s.Row.Title, redacted), true
	}
	return s.pairs
}

// sameErr reports whether a and b are both nil or say the same thing
// (errors need not be comparable with ==).
func sameErr(a, b error) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Error() == b.Error()
}

// CheckSave validates the arguments of enduse.DocumentStore.SaveNotice and
// prepares what is to be written. It returns ErrInvalid for a nil document,
// bytes that do not match the stated sha256, redacted text that is not
// UTF-8 or not of the document text's rune length, a missing notice without
// a parse error (unless the document is an attachment, d.Parent set, which
// is stored as a child without a notice), or an unknown notice type.
func CheckSave(d *enduse.Document, redacted string, n *enduse.Notice, parseErr error) (*Save, error) {
	if d == nil {
		return nil, fmt.Errorf("save notice: nil document: %w", enduse.ErrInvalid)
	}
	sum := sha256.Sum256(d.Raw)
	actual := hex.EncodeToString(sum[:])
	id := enduse.SHAKey(d.SHA256)
	if id == "" {
		id = actual
	}
	if id != actual {
		return nil, fmt.Errorf("save notice %s: sha256 %s does not match the bytes (%s): %w", d.Source, d.SHA256, actual, enduse.ErrInvalid)
	}
	if !utf8.ValidString(redacted) {
		return nil, fmt.Errorf("save notice %s: redacted text is not valid UTF-8: %w", d.Source, enduse.ErrInvalid)
	}
	if d.Text != "" {
		if a, b := utf8.RuneCountInString(d.Text), utf8.RuneCountInString(redacted); a != b {
			return nil, fmt.Errorf("save notice %s: redacted text has %d runes, document text %d (offsets would not hold): %w",
				d.Source, b, a, enduse.ErrInvalid)
		}
	}
	s := &Save{ID: id, Status: "stored", Outcome: enduse.OutcomeStored}
	switch {
	case parseErr != nil:
		s.Failure = parseErr.Error()
	case n == nil && d.Parent != "":
		s.Child = true
		return s, nil
	case n == nil:
		return nil, fmt.Errorf("save notice %s: no notice and no parse error: %w", d.Source, enduse.ErrInvalid)
	case n.Error != "":
		s.Failure = n.Error
	}
	if n != nil && n.SHA256 != "" && !strings.EqualFold(n.SHA256, id) {
		return nil, fmt.Errorf("save notice %s: notice sha256 %s differs from document %s: %w", d.Source, n.SHA256, id, enduse.ErrInvalid)
	}
	if n != nil && s.Failure == "" && n.Type != "" && !ValidType(n.Type) {
		return nil, fmt.Errorf("save notice %s: unknown notice type %q: %w", d.Source, n.Type, enduse.ErrInvalid)
	}
	if s.Failure != "" {
		s.Status, s.Outcome = "failed", enduse.OutcomeFailed
		return s, nil
	}
	if err := s.prepare(d, redacted, n); err != nil {
		return nil, fmt.Errorf("save notice %s: %w", d.Source, err)
	}
	return s, nil
}

// prepare derives the stored notice and its row.
func (s *Save) prepare(d *enduse.Document, redacted string, in *enduse.Notice) error {
	n := Sanitize(in, redacted)
	n.SHA256 = s.ID
	if n.Source == "" {
		n.Source = d.Source
	}
	if n.Type == "" {
		n.Type = enduse.TypeOther
	}
	if n.Schema == 0 {
		n.Schema = enduse.SchemaVersion
	}
	blob, err := json.Marshal(n)
	if err != nil {
		return fmt.Errorf("encode notice: %w", err)
	}
	r := counting.NoticeRow{Doc: s.ID, Type: string(n.Type), Title: strings.TrimSpace(n.Title), ProjectCode: strings.TrimSpace(n.ProjectCode),
		ProjectName: n.ProjectName, Currency: n.Currency, Budget: n.Budget, AwardAmount: n.AwardAmount}
	if r.Title == "" {
		r.Title = strings.TrimSpace(d.Title)
	}
	r.TitleKey = counting.Normalize(r.Title)
	r.Published = n.Published
	if r.Published == "" {
		r.Published = d.Published
	}
	if !ValidDate(r.Published) {
		r.Published = ""
	}
	if n.Buyer != nil {
		r.Buyer, r.BuyerName, r.BuyerEN = OrgKey(n.Buyer), strings.TrimSpace(n.Buyer.Name), n.Buyer.NameEN
		r.Sector, r.Level = string(n.Buyer.Sector), string(n.Buyer.Level)
	}
	if n.Agency != nil {
		r.Agency = OrgKey(n.Agency)
	}
	reg := n.Region
	if reg == nil && n.Buyer != nil {
		reg = n.Buyer.Region
	}
	if reg != nil {
		r.RegionCode, r.RegionName, r.RegionPath = strings.TrimSpace(reg.Code), reg.Name, reg.Path
		if r.RegionPath == "" {
			r.RegionPath = reg.Name
		}
	}
	norm := counting.Normalize(redacted)
	r.Simhash = counting.Simhash(norm)
	r.TextLen = utf8.RuneCountInString(norm)
	for _, it := range n.Items {
		if it.Quantity > 0 {
			r.Detail++
		}
	}
	s.Notice, s.JSON, s.Row = n, blob, r
	return nil
}

// OrgRef is an organisation a notice names, under its stored key.
type OrgRef struct {
	Key string
	Org *enduse.Org
}

// Orgs is every organisation the notice names, ordered by key (the order
// in which backends lock their rows, so concurrent saves cannot deadlock);
// an organisation named twice appears twice, in the notice's order.
func (s *Save) Orgs() []OrgRef {
	n := s.Notice
	var out []OrgRef
	add := func(o *enduse.Org) {
		if k := OrgKey(o); k != "" {
			out = append(out, OrgRef{Key: k, Org: o})
		}
	}
	if n.Buyer != nil {
		add(n.Buyer)
	}
	if n.Agency != nil {
		add(n.Agency)
	}
	for i := range n.Suppliers {
		add(&n.Suppliers[i].Org)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// OrgKeys is the distinct keys of Orgs, sorted.
func (s *Save) OrgKeys() []string {
	var out []string
	for _, r := range s.Orgs() {
		if len(out) == 0 || out[len(out)-1] != r.Key {
			out = append(out, r.Key)
		}
	}
	return out
}

// OrgValues are the stored attributes of an organisation.
type OrgValues struct {
	Key, Name, NameEN, Sector, Level           string
	RegionCode, RegionName, RegionPath, Parent string
}

// Values returns the attributes an organisation is upserted with.
func (r OrgRef) Values() OrgValues {
	o := r.Org
	v := OrgValues{Key: r.Key, Name: strings.TrimSpace(o.Name), NameEN: o.NameEN, Sector: string(o.Sector),
		Level: string(o.Level), Parent: o.Parent}
	if v.Name == "" {
		v.Name = r.Key
	}
	if o.Region != nil {
		v.RegionCode, v.RegionName, v.RegionPath = strings.TrimSpace(o.Region.Code), o.Region.Name, o.Region.Path
	}
	return v
}

// Link is an organisation's role in a notice, in the notice's order.
type Link struct {
	Org, Name, Role string
	Rank            int
	Amount          float64
	Lot             string
}

// Links is the notice's buyer, agency and suppliers with their roles.
func (s *Save) Links() []Link {
	n := s.Notice
	var out []Link
	add := func(o *enduse.Org, role string, rank int, amount float64, lot string) {
		if k := OrgKey(o); k != "" {
			out = append(out, Link{Org: k, Name: strings.TrimSpace(o.Name), Role: role, Rank: rank, Amount: amount, Lot: lot})
		}
	}
	if n.Buyer != nil {
		add(n.Buyer, counting.RoleBuyer, 0, 0, "")
	}
	if n.Agency != nil {
		add(n.Agency, counting.RoleAgency, 0, 0, "")
	}
	for i := range n.Suppliers {
		sp := &n.Suppliers[i]
		role := string(sp.Role)
		if role == "" {
			role = counting.RoleSupplier
		}
		add(&sp.Org, role, sp.Rank, sp.Amount, sp.Lot)
	}
	return out
}

// Brands is the brands the notice counts for the brand listing (items, and
// mentions that are not mere specifications), one per brand up to case,
// ordered by lower-case name (the backends' lock order).
func (s *Save) Brands() []enduse.Resolution {
	n := s.Notice
	brands := map[string]enduse.Resolution{}
	for _, it := range n.Items {
		if it.Resolved != nil && it.Resolved.Brand != "" {
			brands[strings.ToLower(it.Resolved.Brand)] = *it.Resolved
		}
	}
	for _, m := range n.Mentions {
		if m.Brand != "" && !m.Spec {
			if _, ok := brands[strings.ToLower(m.Brand)]; !ok || m.Company != "" {
				brands[strings.ToLower(m.Brand)] = m.Resolution
			}
		}
	}
	keys := make([]string, 0, len(brands))
	for k := range brands {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]enduse.Resolution, len(keys))
	for i, k := range keys {
		out[i] = brands[k]
	}
	return out
}

// Reasons is the notice's distinct single-source reason classes.
func (s *Save) Reasons() []string {
	if s.Notice.Reason == nil {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	for _, c := range s.Notice.Reason.Classes {
		if !seen[string(c)] {
			seen[string(c)] = true
			out = append(out, string(c))
		}
	}
	return out
}

// HitOrg is the key of the organisation a hit was recorded for.
func (s *Save) HitOrg(h enduse.Hit) string {
	n, r := s.Notice, s.Row
	switch h.Org {
	case counting.RoleBuyer:
		if h.Name == "" || n.Buyer == nil || sameOrg(n.Buyer, h.Name) {
			return r.Buyer
		}
	case counting.RoleAgency:
		if h.Name == "" || n.Agency == nil || sameOrg(n.Agency, h.Name) {
			return r.Agency
		}
	}
	for i := range n.Suppliers {
		if sameOrg(&n.Suppliers[i].Org, h.Name) {
			return OrgKey(&n.Suppliers[i].Org)
		}
	}
	if n.Buyer != nil && sameOrg(n.Buyer, h.Name) {
		return r.Buyer
	}
	return strings.TrimSpace(h.Name)
}

// sameOrg reports whether name is o's name or key.
func sameOrg(o *enduse.Org, name string) bool {
	name = strings.TrimSpace(name)
	return name != "" && (name == strings.TrimSpace(o.Name) || name == strings.TrimSpace(o.Key))
}

// OrgKey is the key an organisation is stored under: its canonical key,
// else its name.
func OrgKey(o *enduse.Org) string {
	if o == nil {
		return ""
	}
	if k := strings.TrimSpace(o.Key); k != "" {
		return k
	}
	return strings.TrimSpace(o.Name)
}

// ValidDate reports whether s is a YYYY-MM-DD date.
func ValidDate(s string) bool {
	if len(s) != 10 {
		return false
	}
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// ValidType reports whether t is a known notice type.
func ValidType(t enduse.NoticeType) bool {
	for _, k := range enduse.NoticeTypes {
		if k == t {
			return true
		}
	}
	return false
}

// Sanitize returns a copy of n whose evidence snippets are cut from the
// redacted text, so no unredacted span reaches the database. Snippets whose
// offsets do not fit the text are dropped rather than trusted.
func Sanitize(in *enduse.Notice, redacted string) *enduse.Notice {
	n := *in
	text := []rune(redacted)
	cut := func(start, end int) (string, bool) {
		if start < 0 || end < start || end > len(text) {
			return "", false
		}
		return string(text[start:end]), true
	}
	fix := func(e enduse.Evidence) enduse.Evidence {
		e.Text, _ = cut(e.Start, e.End)
		return e
	}
	if in.Evidence != nil {
		n.Evidence = make(map[string]enduse.Evidence, len(in.Evidence))
		for k, e := range in.Evidence {
			n.Evidence[k] = fix(e)
		}
	}
	if in.Items != nil {
		n.Items = make([]enduse.Item, len(in.Items))
		copy(n.Items, in.Items)
		for i := range n.Items {
			if e := n.Items[i].Evidence; e != nil {
				fe := fix(*e)
				n.Items[i].Evidence = &fe
			}
		}
	}
	if in.Mentions != nil {
		n.Mentions = make([]enduse.Mention, len(in.Mentions))
		copy(n.Mentions, in.Mentions)
		for i := range n.Mentions {
			if s, ok := cut(n.Mentions[i].Start, n.Mentions[i].End); ok && s != "" {
				n.Mentions[i].Text = s
			}
		}
	}
	if in.Reason != nil {
		rs := *in.Reason
		rs.Evidence = fix(rs.Evidence)
		switch {
		case rs.Evidence.Text != "":
			rs.Text = rs.Evidence.Text
		case !strings.Contains(redacted, rs.Text):
			rs.Text = "" // not verifiable against the redacted text
		}
		n.Reason = &rs
	}
	return &n
}

// PathwayOf is the pathway a resolution's route gives, "" when it has
// none: the value of the pathway column of items and mentions.
func PathwayOf(r enduse.Resolution) string {
	if r.Route == nil {
		return ""
	}
	return string(r.Route.Pathway)
}
