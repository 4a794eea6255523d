package cli

import (
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
