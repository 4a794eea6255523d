package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/casestudy"
	"github.com/enduse/enduse/watch"
)

// runWithConfig is run with ENDUSE_CONFIG set to config.
func runWithConfig(t *testing.T, config string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := Env{
		Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string {
			if k == "ENDUSE_CONFIG" {
				return config
			}
			return ""
		},
		Interactive: func(io.Writer) bool { return false },
	}
	code := Main(context.Background(), args, env)
	return code, out.String(), errb.String()
}

// TestWatchAlertsExport runs the watch, alerts and export commands as a
// user would: a watch of the case study, the corpus ingested in two
// batches, alerts delivered to a file and a local webhook, then every
// export format.
func TestWatchAlertsExport(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the pipeline over the case corpus")
	}
	dir := t.TempDir()
	truth, err := casestudy.LoadTruth()
	if err != nil {
		t.Fatal(err)
	}
	names, err := fs.Glob(casestudy.Corpus(), "*.html")
	if err != nil {
		t.Fatal(err)
	}
	for i, n := range names {
		b, err := fs.ReadFile(casestudy.Corpus(), n)
		if err != nil {
			t.Fatal(err)
		}
		sub := filepath.Join(dir, []string{"b1", "b2"}[i%2])
		if err := os.MkdirAll(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(sub, n), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var mu sync.Mutex
	got := map[int64]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if r.Header.Get("X-Enduse-Signature") != watch.Signature("k3y", body) {
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		var p watch.Payload
		if err := json.Unmarshal(body, &p); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		mu.Lock()
		got[p.Alert.ID]++
		mu.Unlock()
	}))
	defer srv.Close()
	db := filepath.Join(dir, "w.db")
	alertsFile := filepath.Join(dir, "alerts.jsonl")
	cfg := filepath.Join(dir, "enduse.json")
	b, _ := json.Marshal(map[string]any{"db": db, "alerts": map[string]any{"file": alertsFile,
		"webhooks": []map[string]string{{"url": srv.URL, "secret": "k3y"}}}})
	if err := os.WriteFile(cfg, b, 0o600); err != nil {
		t.Fatal(err)
	}

	f := truth.Filter
	code, out, stderr := runWithConfig(t, cfg, "watch", "add", "xinjiang seagate", "--brand", "希捷", "--sector", string(f.Sector),
		"--region", f.Region, "--type", "award,contract", "--from", f.From, "--to", f.To)
	if code != 0 || !strings.Contains(out, "0 announcements match") {
		t.Fatalf("watch add: exit %d, %q, %s", code, out, stderr)
	}
	if code, _, _ := runWithConfig(t, cfg, "watch", "add", "xinjiang seagate"); code == 0 {
		t.Error("second watch of the same name accepted")
	}
	code, out, _ = runWithConfig(t, cfg, "watch", "list", "--json")
	var ws []map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &ws) != nil || len(ws) != 1 {
		t.Fatalf("watch list: exit %d, %q", code, out)
	}
	if ws[0]["filter"].(map[string]any)["brand"] != "Seagate" {
		t.Errorf("the watch's brand was not resolved to the canonical name: %v", ws[0]["filter"])
	}
	for _, batch := range []string{"b1", "b2"} {
		code, _, stderr = runWithConfig(t, cfg, "ingest", filepath.Join(dir, batch))
		if code != 0 || !strings.Contains(stderr, "new alerts") {
			t.Fatalf("ingest %s: exit %d, %s", batch, code, stderr)
		}
	}
	code, out, _ = runWithConfig(t, cfg, "alerts", "--json")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != truth.Notices {
		t.Fatalf("alerts --json: exit %d, %d lines; want %d", code, len(lines), truth.Notices)
	}
	if len(got) != truth.Notices {
		t.Errorf("webhook got %d alerts, want %d", len(got), truth.Notices)
	}
	if code, out, _ = runWithConfig(t, cfg, "watch", "run"); code != 0 || !strings.Contains(out, "0 new alerts") {
		t.Errorf("watch run after ingest: exit %d, %q", code, out)
	}
	if code, out, _ = runWithConfig(t, cfg, "alerts"); code != 0 || !strings.Contains(out, "希捷") && !strings.Contains(out, "公安") {
		t.Errorf("alerts table: exit %d, %q", code, out)
	}

	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--format", "csv", "--bom"}, "\uFEFFid,group"},
		{[]string{"--format", "csv", "--rows", "item"}, "notice,item"},
		{[]string{"--format", "jsonl"}, `{"schema":1`},
		{[]string{"--format", "ocds"}, `{"publishedDate"`},
		{[]string{"--format", "ftm"}, `{"id":"enduse-`},
	} {
		outFile := filepath.Join(dir, "export.out")
		args := append([]string{"export", "--out", outFile, "--brand", "Seagate"}, c.args...)
		code, _, stderr := runWithConfig(t, cfg, args...)
		if code != 0 {
			t.Fatalf("export %v: exit %d: %s", c.args, code, stderr)
		}
		b, err := os.ReadFile(outFile)
		if err != nil || !strings.HasPrefix(string(b), c.want) {
			t.Errorf("export %v: starts %q, want %q (%v)", c.args, string(b[:min(len(b), 40)]), c.want, err)
		}
	}
	for _, bad := range [][]string{{"--format", "xlsx", "--out", "x"}, {"--format", "csv"}, {"--format", "ocds", "--bom", "--out", "x"}} {
		if code, _, _ := runWithConfig(t, cfg, append([]string{"export"}, bad...)...); code != 2 {
			t.Errorf("export %v: exit %d, want 2 (usage)", bad, code)
		}
	}
	if code, _, _ = runWithConfig(t, cfg, "watch", "rm", "xinjiang seagate"); code != 0 {
		t.Errorf("watch rm: exit %d", code)
	}
	if code, _, stderr = runWithConfig(t, cfg, "watch", "rm", "xinjiang seagate"); code != 1 || !strings.Contains(stderr, "no watch named") {
		t.Errorf("watch rm again: exit %d, %s", code, stderr)
	}
}

// TestAlertConfigInvalid: a webhook that is no http(s) URL is refused at
// start-up, before anything is ingested.
func TestAlertConfigInvalid(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "enduse.json")
	if err := os.WriteFile(cfg, []byte(`{"alerts":{"webhooks":[{"url":"ftp://x"}]}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runWithConfig(t, cfg, "alerts")
	if code != 1 || !strings.Contains(stderr, "not an http(s) URL") {
		t.Fatalf("exit %d, %s", code, stderr)
	}
}

func TestDescribeFilter(t *testing.T) {
	cases := []struct {
		f    enduse.Filter
		want string
	}{
		{enduse.Filter{}, "(every notice)"},
		{enduse.Filter{Brand: "Seagate", Region: "65", Types: []enduse.NoticeType{"award", "contract"}},
			"--brand Seagate --region 65 --type award,contract"},
		{enduse.Filter{Sector: enduse.SectorPublicSecurity, Listed: true, USLinked: true}, "--us-linked --sector public_security --listed"},
		{enduse.Filter{Listed: true, Lists: []string{"BIS Entity List"}}, "--lists BIS Entity List"},
		{enduse.Filter{Brand: "H3C", Method: "single_source", Pathway: enduse.Pathway("joint_venture")},
			"--brand H3C --method single_source --pathway joint_venture"},
	}
	for _, c := range cases {
		if got := describeFilter(c.f); got != c.want {
			t.Errorf("describeFilter(%+v) = %q, want %q", c.f, got, c.want)
		}
	}
}

// TestDescribeFilterRoundTrip: a watch's description is the flags that
// would make it. A filter with every field set (reflection finds one left
// unset, as a new field would be) is described, the description parsed by
// the query flags, and the filter comes back.
func TestDescribeFilterRoundTrip(t *testing.T) {
	want := enduse.Filter{Brand: "Seagate", Company: "seagate", Country: "US", USLinked: true, Category: "storage",
		ProductLine: "SkyHawk", Buyer: "公安", Supplier: "科技", Sector: enduse.SectorPublicSecurity,
		Level: enduse.LevelCounty, Region: "65", Types: []enduse.NoticeType{"award", "contract"},
		From: "2022-01-01", To: "2022-05-12", Listed: true, Lists: []string{"BIS", "UFLPA"}, Text: "硬盘",
		Reason: enduse.ReasonImported, Method: "single_source", Pathway: "distributor", IncludeSpec: true,
		Limit: 100}
	v := reflect.ValueOf(want)
	for i := range v.NumField() {
		if name := v.Type().Field(i).Name; v.Field(i).IsZero() && name != "Offset" {
			t.Fatalf("the sample filter leaves %s unset: set it (and give it a flag)", name)
		}
	}
	desc := describeFilter(want)
	fs := flag.NewFlagSet("query", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	build := filterFlags(fs)
	if err := fs.Parse(strings.Fields(desc)); err != nil {
		t.Fatalf("parse %q: %v", desc, err)
	}
	got, err := build()
	if err != nil {
		t.Fatalf("filter of %q: %v", desc, err)
	}
	if got, _ = got.Validate(); !reflect.DeepEqual(got, want) {
		t.Errorf("%q parses to\n%+v, want\n%+v", desc, got, want)
	}
}
