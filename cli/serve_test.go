package cli

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

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
