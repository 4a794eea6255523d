package cli

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestServeRefusesWeakSetups checks that serve stops at start, with a
// clear message, on settings that would leave the server open: each case
// fails before anything listens.
func TestServeRefusesWeakSetups(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "e.db")
	export, fields := sampleExport(t, dir, "ningbo-ygcg.jsonl", 1)
	if code, _, stderr := run(t, "", "ingest", "--db", db, "--fields", fields, export); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, stderr)
	}
	strong := "0123456789abcdef0123"
	tests := []struct {
		name string
		args []string
		msg  string
	}{
		{"blank token", []string{"--token", "   "}, "blank"},
		{"short token", []string{"--token", "s3cret"}, "at least 16"},
		{"wildcard host", []string{"--token", strong, "--allowed-hosts", "example.org,*"}, "wildcards"},
		{"beyond loopback without allowed hosts", []string{"--addr", "0.0.0.0:0", "--token", strong}, "--allowed-hosts"},
		{"ingest without token", []string{"--allow-ingest"}, "needs an access token"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"serve", "--db", db}, tc.args...)
			code, _, stderr := run(t, "", args...)
			if code == 0 || !strings.Contains(stderr, tc.msg) {
				t.Errorf("exit %d, stderr %q: want a failure mentioning %q", code, stderr, tc.msg)
			}
		})
	}
}

// TestServeRaw checks that serving originals is an explicit operator
// choice: the config field is read, and the flag is refused without a token
// before any database is opened.
func TestServeRaw(t *testing.T) {
	dir := t.TempDir()
	conf := filepath.Join(dir, "enduse.json")
	if err := os.WriteFile(conf, []byte(`{"db": "x.db", "serve_raw": true}`), 0o644); err != nil {
		t.Fatal(err)
	}
	env := Env{Getenv: func(k string) string {
		if k == "ENDUSE_CONFIG" {
			return conf
		}
		return ""
	}, Interactive: func(io.Writer) bool { return false }}
	cfg, err := LoadConfig(env)
	if err != nil || !cfg.ServeRaw {
		t.Fatalf("serve_raw from config = %v (%v), want true", cfg.ServeRaw, err)
	}
	if cfg, _ := LoadConfig(Env{Getenv: func(string) string { return "" }}); cfg.ServeRaw {
		t.Error("serve_raw is on by default")
	}
	for _, args := range [][]string{
		{"serve", "--serve-raw", "--db", filepath.Join(dir, "none.db")},
		{"serve", "--db", filepath.Join(dir, "none.db"), "--serve-raw=true", "--token", ""},
	} {
		code, _, stderr := run(t, "", args...)
		if code != 2 || !strings.Contains(stderr, "--token") {
			t.Errorf("%v: exit %d %q, want usage error naming --token", args, code, stderr)
		}
	}
}
