package cli

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/pipeline"
	"github.com/enduse/enduse/sample"
	"github.com/enduse/enduse/sqlite"
	"github.com/enduse/enduse/web"
)

// TestQueryParityCLIAPI runs the same filters through `enduse query
// --json` and GET /api/v1/query over one database of the bundled sample
// and requires the same answer — filter echo, counts, figures and rows —
// or the same refusal, for every filter field.
func TestQueryParityCLIAPI(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	files, err := sample.Files()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		path, fields := sampleExport(t, dir, f.Name, 1<<30)
		if code, _, stderr := run(t, "", "ingest", "--db", db, "--fields", fields, path); code != 0 {
			t.Fatalf("ingest %s: exit %d: %s", f.Name, code, stderr)
		}
	}
	ctx := context.Background()
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p, err := pipeline.New(pipeline.Config{})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := web.New(web.Config{Store: st, KB: p.KB, Regions: p.Regions, Screener: p.Screener})
	if err != nil {
		t.Fatal(err)
	}
	api := func(q url.Values) (int, []byte) {
		req := httptest.NewRequest(http.MethodGet, "/api/v1/query?"+q.Encode(), nil)
		req.Host = "127.0.0.1"
		rec := httptest.NewRecorder()
		srv.Handler().ServeHTTP(rec, req)
		return rec.Code, rec.Body.Bytes()
	}
	cases := []struct {
		name string
		cli  []string // flags of enduse query
		api  url.Values
		// nonZero: the answer must find something (the filter is not
		// trivially empty on the sample).
		nonZero bool
	}{
		{"none", nil, url.Values{}, true},
		{"company 华为", []string{"--company", "华为"}, url.Values{"company": {"华为"}}, true},
		{"company 联想", []string{"--company", "联想"}, url.Values{"company": {"联想"}}, true},
		{"company 大华", []string{"--company", "大华"}, url.Values{"company": {"大华"}}, true},
		{"brand 希捷", []string{"--brand", "希捷"}, url.Values{"brand": {"希捷"}}, false},
		{"brand 曙光", []string{"--brand", "曙光"}, url.Values{"brand": {"曙光"}}, false},
		{"brand model number", []string{"--brand", "ST4000VX013"}, url.Values{"brand": {"ST4000VX013"}}, false},
		{"brand huawei", []string{"--brand", "huawei"}, url.Values{"brand": {"huawei"}}, false},
		{"country lower case", []string{"--country", "us"}, url.Values{"country": {"us"}}, false},
		{"us-linked", []string{"--us-linked"}, url.Values{"us_linked": {"true"}}, false},
		{"category", []string{"--category", "storage"}, url.Values{"category": {"storage"}}, false},
		{"product line", []string{"--product-line", "SkyHawk"}, url.Values{"product_line": {"SkyHawk"}}, false},
		{"buyer", []string{"--buyer", "公安"}, url.Values{"buyer": {"公安"}}, true},
		{"supplier", []string{"--supplier", "公司"}, url.Values{"supplier": {"公司"}}, true},
		{"sector", []string{"--sector", "public_security"}, url.Values{"sector": {"public_security"}}, true},
		{"level", []string{"--level", "county"}, url.Values{"level": {"county"}}, false},
		{"region code", []string{"--region", "42"}, url.Values{"region": {"42"}}, true},
		{"region name", []string{"--region", "宜昌"}, url.Values{"region": {"宜昌"}}, true},
		{"types", []string{"--type", "award,contract"}, url.Values{"type": {"award", "contract"}}, true},
		{"dates", []string{"--from", "2020-01-01", "--to", "2025-12-31"}, url.Values{"from": {"2020-01-01"}, "to": {"2025-12-31"}}, true},
		{"listed", []string{"--listed"}, url.Values{"listed": {"true"}}, false},
		{"lists", []string{"--lists", "BIS Entity List"}, url.Values{"lists": {"BIS Entity List"}}, false},
		{"text", []string{"--text", "监控"}, url.Values{"text": {"监控"}}, true},
		{"short text", []string{"--text", "硬盘"}, url.Values{"text": {"硬盘"}}, false},
		{"reason", []string{"--reason", "imported"}, url.Values{"reason": {"imported"}}, false},
		{"include spec", []string{"--include-spec", "--brand", "希捷"}, url.Values{"include_spec": {"true"}, "brand": {"希捷"}}, false},
		{"page", []string{"--limit", "5", "--offset", "3"}, url.Values{"limit": {"5"}, "offset": {"3"}}, true},
		{"limit at the maximum", []string{"--limit", "10000"}, url.Values{"limit": {"10000"}}, true},
		{"limit over the maximum", []string{"--limit", "20000"}, url.Values{"limit": {"20000"}}, false},
		{"bad sector", []string{"--sector", "police"}, url.Values{"sector": {"police"}}, false},
		{"bad date", []string{"--to", "2022-02-30"}, url.Values{"to": {"2022-02-30"}}, false},
		{"from after to", []string{"--from", "2023-01-01", "--to", "2022-01-01"}, url.Values{"from": {"2023-01-01"}, "to": {"2022-01-01"}}, false},
		{"bad type", []string{"--type", "rumour"}, url.Values{"type": {"rumour"}}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, stderr := run(t, "", append([]string{"query", "--db", db, "--json"}, c.cli...)...)
			status, body := api(c.api)
			if (code == 0) != (status == http.StatusOK) {
				t.Fatalf("CLI exit %d (%s), API status %d (%s): one accepts what the other refuses", code,
					strings.TrimSpace(stderr), status, body)
			}
			if code != 0 {
				if status != http.StatusBadRequest {
					t.Errorf("API refused with %d, want 400", status)
				}
				return
			}
			var a, b enduse.Result
			if err := json.Unmarshal([]byte(out), &a); err != nil {
				t.Fatalf("CLI JSON: %v", err)
			}
			if err := json.Unmarshal(body, &b); err != nil {
				t.Fatalf("API JSON: %v", err)
			}
			if c.nonZero && a.Notices == 0 {
				t.Errorf("filter finds nothing on the sample: the case tests nothing")
			}
			if !reflect.DeepEqual(a, b) {
				ja, _ := json.Marshal(a)
				jb, _ := json.Marshal(b)
				t.Errorf("CLI and API answers differ:\nCLI %d notices, filter %+v\nAPI %d notices, filter %+v\n%s",
					a.Notices, a.Filter, b.Notices, b.Filter, firstDifference(string(ja), string(jb)))
			}
		})
	}
}

// firstDifference is the text around where a and b first differ.
func firstDifference(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-80)
	return "CLI …" + a[lo:min(len(a), i+80)] + "\nAPI …" + b[lo:min(len(b), i+80)]
}
