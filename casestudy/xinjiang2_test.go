package casestudy

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/cli"
)

// xinjiang2Truth is the part of testdata/xinjiang2/truth.json (written by
// the corpus generator, gen/main.go) the test checks.
type xinjiang2Truth struct {
	Query struct {
		Brand, Region, Sector, From, To string
		Types                           []string
	} `json:"query"`
	Notices       int                `json:"notices"`
	Documents     int                `json:"documents"`
	Buyers        int                `json:"buyers"`
	Unknown       int                `json:"quantity_unknown_notices"`
	UnitsByBrand  map[string]float64 `json:"units_by_brand"`
	UnitsByLine   map[string]float64 `json:"units_by_product_line"`
	WDUnitsByLine map[string]float64 `json:"wd_units_by_product_line"`
	CoBrands      map[string]int     `json:"co_brands"`
	Announcements []struct {
		ProjectCode string `json:"project_code"`
		Type        string `json:"type"`
	} `json:"announcements"`
}

// TestXinjiang2 runs the second constructed case corpus (testdata/
// xinjiang2: Xinjiang public-security awards and contracts in the four
// template shapes, several brands and series, re-publications and
// distractors, written by another hand than the extractor's) through the
// command line a user runs — enduse ingest, enduse query --json, enduse
// report --json — and requires the generator's truth exactly: notices,
// documents, buyers, units by brand and by product line, co-brands, the
// announcements behind the rows and the notices whose quantity is unknown.
func TestXinjiang2(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "xinjiang2", "truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	var tr xinjiang2Truth
	if err := json.Unmarshal(b, &tr); err != nil {
		t.Fatalf("truth.json: %v", err)
	}
	db := filepath.Join(t.TempDir(), "x2.db")
	run := func(args ...string) string {
		t.Helper()
		var out, errb bytes.Buffer
		env := cli.Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
			Getenv: func(string) string { return "" }, Interactive: func(io.Writer) bool { return false }}
		if code := cli.Main(context.Background(), args, env); code != 0 {
			t.Fatalf("enduse %s: exit %d: %s", strings.Join(args, " "), code, errb.String())
		}
		return out.String()
	}
	run("ingest", "--db", db, filepath.Join("testdata", "xinjiang2", "notices"))
	q := tr.Query
	filter := []string{"--db", db, "--brand", q.Brand, "--region", q.Region, "--sector", q.Sector,
		"--type", strings.Join(q.Types, ","), "--from", q.From, "--to", q.To, "--json"}
	var res enduse.Result
	if err := json.Unmarshal([]byte(run(append([]string{"query", "--limit", "1000"}, filter...)...)), &res); err != nil {
		t.Fatalf("query --json: %v", err)
	}
	var rep struct {
		Findings []struct{ Text string } `json:"findings"`
		Result   enduse.Result           `json:"result"`
	}
	if err := json.Unmarshal([]byte(run(append([]string{"report"}, filter...)...)), &rep); err != nil {
		t.Fatalf("report --json: %v", err)
	}
	for _, c := range []struct {
		name string
		r    *enduse.Result
	}{{"query", &res}, {"report", &rep.Result}} {
		r := c.r
		check := func(what string, got, want any) {
			t.Helper()
			if got != want {
				t.Errorf("%s: %s = %v, want %v", c.name, what, got, want)
			}
		}
		check("notices", r.Notices, tr.Notices)
		check("documents", r.Documents, tr.Documents)
		check("buyers", r.Buyers, tr.Buyers)
		check("quantity", r.Quantity, tr.UnitsByBrand[q.Brand])
		check("quantity unknown", r.QuantityUnknown, tr.Unknown)
		for brand, want := range tr.UnitsByBrand {
			check("by_brand["+brand+"].quantity", r.ByBrand[brand].Quantity, want)
		}
		for _, lines := range []map[string]float64{tr.UnitsByLine, tr.WDUnitsByLine} {
			for line, want := range lines {
				check("by_product_line["+line+"].quantity", r.ByProductLine[line].Quantity, want)
			}
		}
		for brand, want := range tr.CoBrands {
			check("co_mentions["+brand+"].notices", r.CoMentions[brand].Notices, want)
		}
		check("co-mentioned brands", len(r.CoMentions), len(tr.CoBrands))
	}
	var want, got []string
	for _, a := range tr.Announcements {
		want = append(want, a.ProjectCode+" "+a.Type)
	}
	for _, r := range res.Rows {
		got = append(got, r.ProjectCode+" "+string(r.Type))
	}
	sort.Strings(want)
	sort.Strings(got)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("announcements differ from the truth:\n%s", diffSets(want, got))
	}
	if len(rep.Findings) == 0 || !strings.Contains(rep.Findings[0].Text, "1,088 drives") ||
		!strings.Contains(rep.Findings[0].Text, "2 of the announcements state no quantity") {
		t.Errorf("report finding does not state the units and the unknown quantities: %+v", rep.Findings)
	}
}
