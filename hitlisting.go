package enduse

// HitListing is one list (and version) that names the entity of a
// screening hit, with the entry id it uses there. A hit on an entity that
// several lists or list versions name is shown once, with a listing each.
type HitListing struct {
	List    string `json:"list"`
	Version string `json:"version,omitempty"`
	EntryID string `json:"entry_id,omitempty"`
}

// String renders a listing for an explanation: "on OFAC SDN (2021-07) as 29159".
func (l HitListing) String() string {
	s := "on " + l.List
	if l.Version != "" {
		s += " (" + l.Version + ")"
	}
	if l.EntryID != "" {
		s += " as " + l.EntryID
	}
	return s
}
