package cli

import (
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/enduse/enduse"
)

func TestMigrateStatusUp(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "m.db")
	// No database yet: status names the file and the command that creates it.
	code, _, stderr := run(t, "", "migrate", "status", "--db", db)
	if code != 1 || !strings.Contains(stderr, db) || !strings.Contains(stderr, "enduse migrate up") {
		t.Fatalf("status of a missing database: exit %d, %q", code, stderr)
	}
	code, out, stderr := run(t, "", "migrate", "up", "--db", db, "--json")
	if code != 0 {
		t.Fatalf("up: exit %d: %s", code, stderr)
	}
	var up struct {
		Applied    []enduse.MigrationState `json:"applied"`
		Migrations []enduse.MigrationState `json:"migrations"`
	}
	if err := json.Unmarshal([]byte(out), &up); err != nil {
		t.Fatalf("up JSON: %v: %s", err, out)
	}
	if len(up.Applied) == 0 || len(up.Applied) != len(up.Migrations) || up.Applied[0].Name != "0001_init.sql" {
		t.Errorf("up on a new file applied %+v of %+v", up.Applied, up.Migrations)
	}
	// Again: nothing to do.
	if code, out, _ := run(t, "", "migrate", "up", "--db", db); code != 0 || !strings.Contains(out, "up to date") {
		t.Errorf("second up: exit %d, %q", code, out)
	}
	code, out, _ = run(t, "", "migrate", "--db", db, "--json")
	var states []enduse.MigrationState
	if code != 0 || json.Unmarshal([]byte(out), &states) != nil || len(states) != len(up.Migrations) {
		t.Fatalf("status: exit %d, %q", code, out)
	}
	for _, s := range states {
		if !s.Applied || s.AppliedAt == "" || s.Unknown {
			t.Errorf("status after up: %+v", s)
		}
	}
	if code, _, stderr := run(t, "", "migrate", "sideways", "--db", db); code != 2 || !strings.Contains(stderr, "sideways") {
		t.Errorf("unknown subcommand: exit %d, %q", code, stderr)
	}
}

func TestDBStatsAndCopy(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src.db")
	yich, yf := sampleExport(t, dir, "yichang-ggzy.jsonl", 25)
	if code, _, stderr := run(t, "", "ingest", "--db", src, "--fields", yf, yich); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, stderr)
	}
	code, out, stderr := run(t, "", "db", "stats", "--db", src, "--json")
	if code != 0 {
		t.Fatalf("db stats: exit %d: %s", code, stderr)
	}
	var st dbStatsOut
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatalf("db stats JSON: %v", err)
	}
	rows := map[string]int64{}
	for _, tc := range st.Tables {
		rows[tc.Table] = tc.Rows
	}
	if st.Stats.Documents != 25 || rows["documents"] != 25 || rows["notices"] != 25 || rows["orgs"] == 0 {
		t.Errorf("db stats: %+v", st)
	}
	if code, _, stderr := run(t, "", "db", "stats", "--db", filepath.Join(dir, "typo.db")); code != 1 || !strings.Contains(stderr, "typo.db") {
		t.Errorf("stats of a missing database: exit %d, %q", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "typo.db")); err == nil {
		t.Error("db stats created the missing database")
	}

	// Copy into a new store: the same answers; again: everything is already there.
	dst := filepath.Join(dir, "dst.db")
	code, out, stderr = run(t, "", "db", "copy", "--from", src, "--to", dst, "--batch", "7")
	if code != 0 || !strings.Contains(out, "25 stored") {
		t.Fatalf("copy: exit %d, %q %q", code, out, stderr)
	}
	if code, out, _ = run(t, "", "db", "copy", "--from", src, "--to", dst); code != 0 || !strings.Contains(out, "25 already there") {
		t.Errorf("second copy: exit %d, %q", code, out)
	}
	for _, args := range [][]string{{}, {"--region", "42"}, {"--text", "采购"}, {"--type", "award"}} {
		_, a, _ := run(t, "", append([]string{"query", "--json", "--db", src}, args...)...)
		_, b, _ := run(t, "", append([]string{"query", "--json", "--db", dst}, args...)...)
		if a != b || a == "" {
			t.Errorf("query %v differs after copy:\n%s\n%s", args, a, b)
		}
	}

	// Summary tables emptied behind the store's back (as a bulk load in
	// SQL leaves them) are rebuilt from the notices.
	_, want, _ := run(t, "", "query", "--json", "--db", dst)
	raw, err := sql.Open("sqlite", dst)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`DELETE FROM key_figures`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	if _, got, _ := run(t, "", "query", "--json", "--db", dst); got == want {
		t.Fatal("emptying key_figures changed nothing: the query does not read the summary tables")
	}
	if code, out, stderr := run(t, "", "db", "rebuild", "--db", dst); code != 0 || !strings.Contains(out, "rebuilt") {
		t.Fatalf("db rebuild: exit %d, %q %q", code, out, stderr)
	}
	if _, got, _ := run(t, "", "query", "--json", "--db", dst); got != want {
		t.Errorf("after db rebuild the answer differs:\n%s\n%s", got, want)
	}
	if code, _, stderr := run(t, "", "db", "rebuild", "--db", filepath.Join(dir, "typo.db")); code != 1 || !strings.Contains(stderr, "typo.db") {
		t.Errorf("rebuild of a missing database: exit %d, %q", code, stderr)
	}

	for _, bad := range [][]string{{"copy", "--from", src}, {"copy", "--from", src, "--to", src}, {"copy", "--from", src, "--to", dst, "--batch", "0"}, {"rebuild", "--bogus"}, {"nothing"}} {
		if code, _, _ := run(t, "", append([]string{"db"}, bad...)...); code != 2 {
			t.Errorf("db %v: exit %d, want 2", bad, code)
		}
	}
}
