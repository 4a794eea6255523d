package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/enduse/enduse"
)

// pathwayNotices are the constructed notices of the report's pathway
// examples (see their README).
var pathwayNotices = filepath.Join("..", "pipeline", "testdata", "pathways")

// TestPathwayQuery ingests the pathway examples and answers `enduse query
// --pathway` and the counts by pathway, as an analyst would.
func TestPathwayQuery(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	if code, _, stderr := run(t, "", "ingest", "--db", db, pathwayNotices); code != 0 {
		t.Fatalf("ingest: %d %s", code, stderr)
	}
	want := map[enduse.Pathway]int{enduse.PathwayDistributor: 2, enduse.PathwayJointVenture: 2,
		enduse.PathwaySubsidiary: 1, enduse.PathwayAcquired: 1, enduse.PathwayUnknownThirdParty: 2, enduse.PathwayDirect: 0}
	for p, n := range want {
		code, out, stderr := run(t, "", "query", "--db", db, "--pathway", string(p), "--json")
		if code != 0 {
			t.Fatalf("query --pathway %s: %d %s", p, code, stderr)
		}
		var res enduse.Result
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatalf("query --pathway %s: %v", p, err)
		}
		if res.Notices != n {
			t.Errorf("query --pathway %s: %d notices, want %d", p, res.Notices, n)
		}
	}
	code, out, _ := run(t, "", "query", "--db", db)
	if code != 0 || !strings.Contains(out, "by pathway:") || !strings.Contains(out, "distributor") {
		t.Errorf("query: %d, want counts by pathway in\n%s", code, out)
	}
	if code, _, stderr := run(t, "", "query", "--db", db, "--pathway", "smuggled"); code == 0 || !strings.Contains(stderr, "unknown pathway") {
		t.Errorf("query --pathway smuggled: %d %q, want a usage error", code, stderr)
	}
}

// TestPathwayExtract checks `enduse extract --json` output of one example:
// the route, the as-of date and the explanation are in the contract.
func TestPathwayExtract(t *testing.T) {
	code, out, stderr := run(t, "", "extract", "--json", filepath.Join(pathwayNotices, "h3c-switch-2025.html"))
	if code != 0 {
		t.Fatalf("extract: %d %s", code, stderr)
	}
	var n enduse.Notice
	if err := json.Unmarshal([]byte(strings.SplitN(out, "\n", 2)[0]), &n); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, m := range n.Mentions {
		if m.Brand != "H3C" || m.Route == nil {
			continue
		}
		found = true
		if m.Route.Pathway != enduse.PathwayJointVenture || m.AsOf != "2025-03-18" ||
			!strings.Contains(strings.Join(m.Route.Path, " "), "19% since 2024-09") ||
			!strings.Contains(m.USLinkNote, "this notice is dated 2025-03-18") {
			t.Errorf("H3C mention = %+v route %+v", m.Resolution, m.Route)
		}
	}
	if !found {
		t.Errorf("no H3C mention with a route in %s", out)
	}
}

// TestPathwaySupplierProfile shows a supplier's known links in its profile.
func TestPathwaySupplierProfile(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	if code, _, stderr := run(t, "", "ingest", "--db", db, filepath.Join(pathwayNotices, "ryan-rapidhit-2019.html")); code != 0 {
		t.Fatalf("ingest: %d %s", code, stderr)
	}
	code, out, stderr := run(t, "", "org", "--db", db, "北京瑞源文德科技有限公司")
	if code != 0 {
		t.Fatalf("org: %d %s", code, stderr)
	}
	if !strings.Contains(out, "known link: agent of Ryan Technologies (US), since 2008") {
		t.Errorf("org profile lacks the Ryan Technologies link:\n%s", out)
	}
}
