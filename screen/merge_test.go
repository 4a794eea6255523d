package screen

import (
	"strings"
	"testing"

	"github.com/enduse/enduse"
)

// TestMergeHits merges stored hits of one organisation, recorded in
// different notices and screening runs, by the identity of the listed
// entity: the OFAC/consolidated-list pair and a DoD 1260H entity under
// three row ids become one hit each that lists every listing once, while
// different entities stay apart.
func TestMergeHits(t *testing.T) {
	const dod = "DoD 1260H Chinese Military Companies"
	const cslSDN = "Specially Designated Nationals (SDN) - Treasury Department"
	hit := func(list, id, entry string, score float64) enduse.Hit {
		return enduse.Hit{List: list, EntryID: id, Entry: entry, Score: score, Relation: enduse.RelationListed, Why: "name matches"}
	}
	tests := []struct {
		name string
		in   []enduse.Hit
		want []string // per merged hit: "list id" of its listings joined by " | "
		into []int
	}{
		{
			name: "OFAC id with and without the SDN- prefix, in two notices",
			in: []enduse.Hit{
				hit("OFAC SDN", "29159", "XINJIANG PUBLIC SECURITY BUREAU", 1),
				hit(cslSDN, "SDN-29159", "Xinjiang Public Security Bureau", 0.9),
			},
			want: []string{"OFAC SDN 29159 | " + cslSDN + " SDN-29159"},
			into: []int{0, 0},
		},
		{
			name: "one DoD entity under three row ids",
			in: []enduse.Hit{
				hit(dod, "dod-12", "Hangzhou Hikvision Digital Technology Co., Ltd.", 1),
				hit(dod, "dod-40", "Hangzhou Hikvision Digital Technology Co., Ltd.*", 1),
				hit(dod, "dod-7", "HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD.", 1),
			},
			want: []string{dod + " dod-12 | " + dod + " dod-40 | " + dod + " dod-7"},
			into: []int{0, 0, 0},
		},
		{
			name: "a hit already merged by the screener meets a bare copy",
			in: []enduse.Hit{
				{List: "OFAC SDN", EntryID: "29159", Entry: "XINJIANG PUBLIC SECURITY BUREAU", Score: 1,
					Listings: []enduse.HitListing{{List: "OFAC SDN", Version: "2021-07", EntryID: "29159"}, {List: cslSDN, Version: "2025-06", EntryID: "SDN-29159"}}},
				hit(cslSDN, "SDN-29159", "Xinjiang Public Security Bureau", 0.9),
				hit("OFAC SDN", "29159", "XINJIANG PUBLIC SECURITY BUREAU", 0.8),
			},
			want: []string{"OFAC SDN 29159 | " + cslSDN + " SDN-29159"},
			into: []int{0, 0, 0},
		},
		{
			name: "different entities stay apart",
			in: []enduse.Hit{
				hit("OFAC SDN", "29159", "XINJIANG PUBLIC SECURITY BUREAU", 1),
				hit("OFAC SDN", "29160", "XINJIANG PUBLIC SECURITY BUREAU INVESTIGATION DIVISION", 0.9),
				hit("FCC Covered List", "29159", "Hikvision", 0.5),
			},
			want: []string{"OFAC SDN 29159", "OFAC SDN 29160", "FCC Covered List 29159"},
			into: []int{0, 1, 2},
		},
		{name: "no hits"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, into, err := MergeHits(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			var lines []string
			for _, h := range got {
				var parts []string
				for _, l := range listingsOf(h) {
					parts = append(parts, l.List+" "+l.EntryID)
				}
				lines = append(lines, strings.Join(parts, " | "))
				if len(h.Listings) > 1 && !strings.Contains(h.Why, "also on") && len(tc.in[0].Listings) == 0 {
					t.Errorf("merged hit does not say which other lists name it: %s", h.Why)
				}
			}
			if strings.Join(lines, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("merged:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(tc.want, "\n"))
			}
			if len(into) != len(tc.into) {
				t.Fatalf("into = %v, want %v", into, tc.into)
			}
			for i := range into {
				if into[i] != tc.into[i] {
					t.Errorf("into = %v, want %v", into, tc.into)
					break
				}
			}
			if len(got) > 0 && got[0].Score != tc.in[0].Score {
				t.Errorf("merged hit is not the best one: score %v", got[0].Score)
			}
		})
	}
}
