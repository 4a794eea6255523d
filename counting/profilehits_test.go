package counting

import (
	"slices"
	"testing"

	"github.com/enduse/enduse"
)

// TestProfileHitsOnePerEntity is the store side of "one answer per
// question": an organisation's hits stored from different notices and
// screening runs, naming one listed entity under OFAC SDN 29159 and the
// consolidated list's SDN-29159, or a DoD 1260H entity under three row ids,
// are one profile hit each, listing every list once and every notice once.
func TestProfileHitsOnePerEntity(t *testing.T) {
	const dod = "DoD 1260H Chinese Military Companies"
	const cslSDN = "Specially Designated Nationals (SDN) - Treasury Department"
	row := func(doc, list, id, entry string, score float64) HitRow {
		return HitRow{Doc: doc, Hit: enduse.Hit{Org: "buyer", List: list, EntryID: id, Entry: entry, Score: score,
			Relation: enduse.RelationListed, Why: "name matches"}}
	}
	rows := []HitRow{
		row("d1", "OFAC SDN", "29159", "XINJIANG PUBLIC SECURITY BUREAU", 1),
		row("d2", dod, "dod-12", "Hangzhou Hikvision Digital Technology Co., Ltd.", 0.95),
		row("d2", cslSDN, "SDN-29159", "Xinjiang Public Security Bureau", 0.9),
		row("d3", "OFAC SDN", "29159", "XINJIANG PUBLIC SECURITY BUREAU", 0.9),
		row("d3", dod, "dod-40", "Hangzhou Hikvision Digital Technology Co., Ltd.*", 0.9),
		row("d4", dod, "dod-7", "HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD.", 0.9),
		row("d4", "OFAC SDN", "29160", "XINJIANG PUBLIC SECURITY BUREAU INVESTIGATION DIVISION", 0.5),
	}
	got := profileHits(rows, &Set{})
	type want struct {
		listings []string
		ids      []string
	}
	wants := []want{
		{[]string{"OFAC SDN 29159", cslSDN + " SDN-29159"}, []string{"d1", "d2", "d3"}},
		{[]string{dod + " dod-12", dod + " dod-40", dod + " dod-7"}, []string{"d2", "d3", "d4"}},
		{[]string{"OFAC SDN 29160"}, []string{"d4"}},
	}
	if len(got) != len(wants) {
		for _, g := range got {
			t.Logf("hit %s %s %v", g.List, g.EntryID, g.IDs)
		}
		t.Fatalf("%d profile hits, want %d", len(got), len(wants))
	}
	for i, w := range wants {
		var ls []string
		for _, l := range got[i].Listings {
			ls = append(ls, l.List+" "+l.EntryID)
		}
		if len(got[i].Listings) == 0 {
			ls = []string{got[i].List + " " + got[i].EntryID}
		}
		if !slices.Equal(ls, w.listings) || !slices.Equal(got[i].IDs, w.ids) {
			t.Errorf("hit %d: listings %v notices %v; want %v, %v", i, ls, got[i].IDs, w.listings, w.ids)
		}
	}
}
