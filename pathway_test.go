package enduse

import "testing"

func TestDateActive(t *testing.T) {
	tests := []struct {
		d, since, until string
		want            bool
	}{
		{"2018-06-01", "2016-05", "2024-09", true},
		{"2024-09-15", "2016-05", "2024-09", false}, // the month it ended
		{"2016-03-01", "2016", "", true},            // same year as a year-only start
		{"2015-12-31", "2016", "", false},
		{"2016-05", "2016-05-20", "", true}, // coarser date: common prefix equal
		{"", "2016", "", true},              // today: only until matters
		{"", "2016", "2020", false},
		{"2010", "", "", true},
	}
	for _, tt := range tests {
		if got := DateActive(tt.d, tt.since, tt.until); got != tt.want {
			t.Errorf("DateActive(%q, %q, %q) = %v, want %v", tt.d, tt.since, tt.until, got, tt.want)
		}
	}
}

func TestValidPathway(t *testing.T) {
	for _, p := range Pathways() {
		if !ValidPathway(p) {
			t.Errorf("%q not valid", p)
		}
	}
	if ValidPathway("smuggled") || ValidPathway("") {
		t.Error("unknown pathway accepted")
	}
}
