package cli

import (
	"encoding/json"
	"os"
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

// TestExhibitors answers the exhibition questions on the
// constructed 5th-CIEPE list: US-linked exhibitors, the agents of a
// brand, and exhibitors that later sold to public-security buyers; the
// agents' links written with --kb-out load and check clean.
func TestExhibitors(t *testing.T) {
	list := filepath.Join("..", "exhibit", "testdata", "ciepe-5-2010-constructed.csv")
	ev := []string{"exhibitors", "--event", "CIEPE", "--edition", "5", "--year", "2010"}
	code, out, stderr := run(t, "", append(ev, "--us-linked", "--json", list)...)
	if code != 0 {
		t.Fatalf("exhibitors: %d %s", code, stderr)
	}
	var xs []exhibitorOut
	if err := json.Unmarshal([]byte(out), &xs); err != nil {
		t.Fatal(err)
	}
	if len(xs) != 4 {
		t.Errorf("US-linked exhibitors = %d, want 4 (FLIR, Motorola China, Ryan Wende, H3C)", len(xs))
	}
	code, out, _ = run(t, "", append(ev, "--agents", "--brand", "Cognitech", list)...)
	if code != 0 || !strings.Contains(out, "香港某某安防科技有限公司") || strings.Contains(out, "北京瑞源文德") {
		t.Errorf("agents of Cognitech: %d\n%s", code, out)
	}
	// Exhibited in 2010, sold to a public-security buyer in 2019.
	db := filepath.Join(t.TempDir(), "p.db")
	if code, _, stderr := run(t, "", "ingest", "--db", db, filepath.Join(pathwayNotices, "ryan-rapidhit-2019.html")); code != 0 {
		t.Fatalf("ingest: %s", stderr)
	}
	code, out, stderr = run(t, "", append(ev, "--agents", "--db", db, "--json", list)...)
	if code != 0 {
		t.Fatalf("exhibitors --db: %d %s", code, stderr)
	}
	xs = nil
	if err := json.Unmarshal([]byte(out), &xs); err != nil {
		t.Fatal(err)
	}
	for _, x := range xs {
		n := 0
		if x.LaterPublicSecurity != nil {
			n = x.LaterPublicSecurity.Notices
		}
		if want := map[string]int{"北京瑞源文德科技有限公司": 1}[x.Name]; n != want {
			t.Errorf("%s: later public-security notices = %d, want %d", x.Name, n, want)
		}
	}
	dir := t.TempDir()
	if code, _, stderr := run(t, "", append(ev, "--kb-out", filepath.Join(dir, "ciepe2010.yaml"), list)...); code != 0 {
		t.Fatalf("--kb-out: %s", stderr)
	}
	code, out, stderr = run(t, "", "kb", "check", "--kb", dir)
	if code != 0 || !strings.Contains(out, ": 0 problems") {
		t.Errorf("kb check of the written links: %d %s\n%s", code, stderr, out)
	}
	code, out, _ = run(t, "", "kb", "list", "links", "--kb", dir)
	if code != 0 || !strings.Contains(out, "cognitech") {
		t.Errorf("kb list links lacks the Cognitech agency:\n%s", out)
	}
}

// TestKBHarvest grows the knowledge base from a notice: the right it
// states, written by `kb harvest --out`, checks clean and gives the
// distributor pathway to a later notice of the same supplier that states
// nothing.
func TestKBHarvest(t *testing.T) {
	dir := t.TempDir()
	stated := filepath.Join(pathwayNotices, "stated-right-2022.html")
	code, out, stderr := run(t, "", "kb", "harvest", "--out", filepath.Join(dir, "harvested.yaml"), stated)
	if code != 0 || !strings.Contains(out, "中国区总代理") || !strings.Contains(out, "1 rights stated") {
		t.Fatalf("harvest: %d %s\n%s", code, stderr, out)
	}
	if code, out, _ := run(t, "", "kb", "check", "--kb", dir); code != 0 || !strings.Contains(out, ": 0 problems") {
		t.Fatalf("kb check of the harvest: %d\n%s", code, out)
	}
	raw, err := os.ReadFile(stated)
	if err != nil {
		t.Fatal(err)
	}
	later := strings.Replace(string(raw), "北京某某数据存储科技有限公司为希捷硬盘中国区总代理，具有唯一性。", "", 1)
	later = strings.Replace(later, "2022-08-01", "2023-02-01", -1)
	if later == string(raw) {
		t.Fatal("the statement was not removed")
	}
	f := filepath.Join(t.TempDir(), "later.html")
	if err := os.WriteFile(f, []byte(later), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		kb   []string
		want enduse.Pathway
	}{{nil, enduse.PathwayUnknownThirdParty}, {[]string{"--kb", dir}, enduse.PathwayDistributor}} {
		code, out, stderr := run(t, "", append(append([]string{"extract", "--json"}, tt.kb...), f)...)
		if code != 0 {
			t.Fatalf("extract: %s", stderr)
		}
		var n enduse.Notice
		if err := json.Unmarshal([]byte(strings.SplitN(out, "\n", 2)[0]), &n); err != nil {
			t.Fatal(err)
		}
		if len(n.Rights) != 0 {
			t.Errorf("later notice states rights: %+v", n.Rights)
		}
		for _, m := range n.Mentions {
			if m.Brand == "Seagate" && (m.Route == nil || m.Route.Pathway != tt.want) {
				t.Errorf("kb %v: Seagate route %+v, want %s", tt.kb, m.Route, tt.want)
			}
		}
	}
}

// TestExhibitorPathway: an agency stated at an exhibition, written with
// --kb-out and loaded with --kb, gives a later purchase from that agent
// the distributor pathway with the exhibitor record as its basis.
func TestExhibitorPathway(t *testing.T) {
	dir := t.TempDir()
	list := filepath.Join("..", "exhibit", "testdata", "ciepe-5-2010-constructed.csv")
	if code, _, stderr := run(t, "", "exhibitors", "--event", "CIEPE", "--edition", "5", "--year", "2010",
		"--kb-out", filepath.Join(dir, "ciepe.yaml"), list); code != 0 {
		t.Fatalf("exhibitors: %s", stderr)
	}
	raw, err := os.ReadFile(filepath.Join(pathwayNotices, "stated-right-2022.html"))
	if err != nil {
		t.Fatal(err)
	}
	notice := strings.NewReplacer("北京某某数据存储科技有限公司为希捷硬盘中国区总代理，具有唯一性。", "",
		"北京某某数据存储科技有限公司", "香港某某安防科技有限公司", "监控硬盘", "模糊图像处理软件",
		"希捷", "Cognitech", "ST8000VX004", "VideoActive").Replace(string(raw))
	f := filepath.Join(t.TempDir(), "cognitech.html")
	if err := os.WriteFile(f, []byte(notice), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := run(t, "", "extract", "--json", "--kb", dir, f)
	if code != 0 {
		t.Fatalf("extract: %s", stderr)
	}
	var n enduse.Notice
	if err := json.Unmarshal([]byte(strings.SplitN(out, "\n", 2)[0]), &n); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, m := range n.Mentions {
		if m.Company != "Cognitech, Inc." || m.Kind == enduse.MentionCompany {
			continue
		}
		found = true
		if m.Route == nil || m.Route.Pathway != enduse.PathwayDistributor || m.Route.Basis != enduse.BasisExhibitor {
			t.Errorf("Cognitech route = %+v, want distributor from the exhibitor record", m.Route)
		}
	}
	if !found {
		t.Errorf("no Cognitech mention in %s", out)
	}
}
