package screen

import (
	"strings"
	"testing"

	"github.com/enduse/enduse"
)

// TestOneHitPerListedEntity screens names that several lists, or several
// versions of one list, name: each listed entity is one hit that lists
// every list, version and entry id naming it, while distinct entities that
// only share a positional row id or a number in another family stay apart.
func TestOneHitPerListedEntity(t *testing.T) {
	entity := func(list, id, name string) enduse.ListEntry {
		return enduse.ListEntry{List: list, ID: id, Name: name, Type: "entity"}
	}
	lists := func(parts ...*Lists) *Lists {
		l := parts[0]
		for _, p := range parts[1:] {
			l = l.Merge(p)
		}
		return l
	}
	ofacSDN := func(entries ...enduse.ListEntry) *Lists {
		return FromEntries(ListInfo{Name: "OFAC SDN", Version: "2021-07"}, entries)
	}
	csl := func(entries ...enduse.ListEntry) *Lists {
		return FromEntries(ListInfo{Name: "CSL", Version: "2025-06"}, entries)
	}
	dod := func(version string, entries ...enduse.ListEntry) *Lists {
		return FromEntries(ListInfo{Name: "DoD 1260H Chinese Military Companies", Version: version}, entries)
	}
	const dodList = "DoD 1260H Chinese Military Companies"
	const cslSDN = "Specially Designated Nationals (SDN) - Treasury Department"
	tests := []struct {
		name   string
		lists  *Lists
		screen string
		// want is one line per hit: its listings as "list version id"
		// joined by " | ", best hit first.
		want []string
	}{
		{
			name: "OFAC id with and without the SDN- prefix",
			lists: lists(
				ofacSDN(entity("OFAC SDN", "29159", "XINJIANG PUBLIC SECURITY BUREAU")),
				csl(entity(cslSDN, "SDN-29159", "Xinjiang Public Security Bureau")),
			),
			screen: "Xinjiang Public Security Bureau",
			want:   []string{"OFAC SDN 2021-07 29159 | " + cslSDN + " 2025-06 SDN-29159"},
		},
		{
			name: "OFAC id prefixed OFAC- under another spelling of the name",
			lists: lists(
				ofacSDN(entity("OFAC SDN", "29159", "XINJIANG PUBLIC SECURITY BUREAU")),
				csl(entity("US OFAC Specially Designated Nationals", "OFAC-29159", "Xinjiang Public Security Bureau (XPSB)")),
			),
			screen: "Xinjiang Public Security Bureau",
			want:   []string{"OFAC SDN 2021-07 29159 | US OFAC Specially Designated Nationals 2025-06 OFAC-29159"},
		},
		{
			name: "one DoD 1260H entity in three list versions with different row ids",
			lists: lists(
				dod("2021-06", entity(dodList, "dod-12", "Hangzhou Hikvision Digital Technology Co., Ltd.")),
				dod("2024-01", entity(dodList, "dod-40", "Hangzhou Hikvision Digital Technology Co., Ltd.*")),
				dod("2025-01", entity(dodList, "dod-7", "HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD.")),
			),
			screen: "Hangzhou Hikvision Digital Technology Co., Ltd.",
			want: []string{dodList + " 2021-06 dod-12 | " + dodList + " 2024-01 dod-40 | " +
				dodList + " 2025-01 dod-7"},
		},
		{
			name: "the same row id in two DoD versions names two entities",
			lists: lists(
				dod("2021-06", entity(dodList, "dod-7", "Zhejiang Dahua Technology Co., Ltd.")),
				dod("2025-01", entity(dodList, "dod-7", "Zhejiang Dahua Vision Technology Co., Ltd.")),
			),
			screen: "Zhejiang Dahua Technology Co., Ltd.",
			want:   []string{dodList + " 2021-06 dod-7"},
		},
		{
			name: "two OFAC entries with different ids and names stay two hits",
			lists: lists(
				ofacSDN(entity("OFAC SDN", "29159", "XINJIANG PUBLIC SECURITY BUREAU"),
					entity("OFAC SDN", "29160", "XINJIANG PUBLIC SECURITY BUREAU INVESTIGATION DIVISION")),
			),
			screen: "Xinjiang Public Security Bureau Investigation Division",
			want:   []string{"OFAC SDN 2021-07 29160", "OFAC SDN 2021-07 29159"},
		},
		{
			name: "an OFAC number and the same number on a list with its own numbering stay apart",
			lists: lists(
				ofacSDN(entity("OFAC SDN", "5", "Xinjiang Public Security Bureau")),
				FromEntries(ListInfo{Name: "FCC Covered List", Version: "2026-07"}, []enduse.ListEntry{
					entity("FCC Covered List", "5", "Xinjiang Public Security Bureau Investigation Division")}),
			),
			screen: "Xinjiang Public Security Bureau Investigation Division",
			want:   []string{"FCC Covered List 2026-07 5", "OFAC SDN 2021-07 5"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := screenerFor(t, tc.lists, nil)
			hs := s.Screen(tc.screen, Options{})
			var got []string
			for _, h := range hs {
				ls := h.Listings
				if len(ls) == 0 {
					ls = []enduse.HitListing{{List: h.List, Version: s.l.infoOf(entryIndex(t, s.l, h)).Version, EntryID: h.EntryID}}
				} else if !strings.Contains(h.Why, "also on") {
					t.Errorf("merged hit %s does not say which other lists name it: %s", h.EntryID, h.Why)
				}
				var parts []string
				for _, l := range ls {
					parts = append(parts, l.List+" "+l.Version+" "+l.EntryID)
				}
				got = append(got, strings.Join(parts, " | "))
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("Screen(%q) hits:\n%s\nwant:\n%s", tc.screen, strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// entryIndex finds the entry a hit names.
func entryIndex(t *testing.T, l *Lists, h enduse.Hit) int {
	t.Helper()
	for i, e := range l.entries {
		if e.List == h.List && e.ID == h.EntryID {
			return i
		}
	}
	t.Fatalf("no entry %s %s", h.List, h.EntryID)
	return -1
}

// TestNormaliseID checks the list prefixes stripped from entry ids.
func TestNormaliseID(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"29159", "29159"},
		{"SDN-29159", "29159"},
		{"OFAC-29159", "29159"},
		{"ofac-29159", "29159"},
		{"NONSDN_29159", "29159"},
		{" 029159 ", "29159"},
		{"EL2019-17", "EL2019-17"},
		{"dod_chinese_milcorps_sanctions-169", "DOD_CHINESE_MILCORPS_SANCTIONS-169"},
		{"", ""},
	} {
		if got := normaliseID(tc.in); got != tc.want {
			t.Errorf("normaliseID(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestListFamilies checks the family data: every family parses, and the
// list names the importers write fall in the family they belong to.
func TestListFamilies(t *testing.T) {
	fams, err := loadListFamilies()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ list, want string }{
		{"OFAC SDN", "ofac"},
		{"OFAC Consolidated (non-SDN)", "ofac"},
		{"Specially Designated Nationals (SDN) - Treasury Department", "ofac"},
		{"Sectoral Sanctions Identifications List (SSI) - Treasury Department", "ofac"},
		{"BIS Entity List", "bis-entity"},
		{"Entity List (EL) - Bureau of Industry and Security", "bis-entity"},
		{"DoD 1260H Chinese Military Companies", "dod-1260h"},
		{"Denied Persons List (DPL) - Bureau of Industry and Security", "bis-dpl"},
		{"PRC counter-sanctions", ""},
	} {
		got := ""
		if f := familyOf(fams, tc.list); f != nil {
			got = f.name
		}
		if got != tc.want {
			t.Errorf("familyOf(%q) = %q, want %q", tc.list, got, tc.want)
		}
	}
}
