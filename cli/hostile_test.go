package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/enduse/enduse/document"
	"github.com/enduse/enduse/hostile"
	"github.com/enduse/enduse/ingest"
)

// hostileDir makes TestWriteHostileCorpus write the full-size corpus for
// scripts/hostile, which measures it with the real binary.
var hostileDir = flag.String("hostile-dir", "", "write the full-size hostile corpus to this folder (scripts/hostile)")

// TestWriteHostileCorpus writes the full-size hostile corpus when
// -hostile-dir is given.
func TestWriteHostileCorpus(t *testing.T) {
	if *hostileDir == "" {
		t.Skip("give -hostile-dir DIR to write the corpus")
	}
	if err := os.MkdirAll(*hostileDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, in := range hostile.Corpus(1) {
		if err := in.Write(filepath.Join(*hostileDir, in.Name)); err != nil {
			t.Fatal(err)
		}
	}
}

// scaledBudget is the default budget times scale, so a corpus scaled down
// for speed meets the same limits in the same order.
func scaledBudget(scale float64) document.Budget {
	b := document.DefaultBudget()
	s := func(v int64) int64 { return max(int64(float64(v)*scale), 1) }
	return document.Budget{
		MaxBytes: s(b.MaxBytes), MaxExpanded: s(b.MaxExpanded), MaxRecordBytes: s(b.MaxRecordBytes),
		MaxFieldBytes: s(b.MaxFieldBytes), MaxCells: s(b.MaxCells), MaxNodes: s(b.MaxNodes), MaxTextBytes: s(b.MaxTextBytes), MaxPages: s(b.MaxPages), MaxMentions: s(b.MaxMentions),
	}
}

// TestHostileCorpus ingests every hostile input followed by a good notice
// in one batch: the hostile input must end with the budget error it is
// built to reach (naming the file, the limit and its value) or with a
// bounded result, and the good notice after it must be stored. The corpus
// and the budget are scaled down a hundredfold; ENDUSE_HOSTILE_FULL=1 runs
// it at full size under the default budget (slow: the figures of
// scripts/hostile come from that size).
func TestHostileCorpus(t *testing.T) {
	scale := 0.01
	if os.Getenv("ENDUSE_HOSTILE_FULL") != "" {
		scale = 1
	}
	good, err := os.ReadFile("testdata/yichang-psb-award.html")
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(good)
	goodSHA := hex.EncodeToString(sum[:])
	for _, in := range hostile.Corpus(scale) {
		t.Run(in.Name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, in.Name)
			if err := in.Write(path); err != nil {
				t.Fatal(err)
			}
			cfg := map[string]any{"budget": scaledBudget(scale)}
			if scale == 1 {
				cfg = map[string]any{}
			}
			cb, _ := json.Marshal(cfg)
			cfgPath := filepath.Join(dir, "enduse.json")
			if err := os.WriteFile(cfgPath, cb, 0o644); err != nil {
				t.Fatal(err)
			}
			db := filepath.Join(dir, "t.db")
			goodPath := filepath.Join(dir, "good.html")
			if err := os.WriteFile(goodPath, good, 0o644); err != nil {
				t.Fatal(err)
			}
			var out, errb bytes.Buffer
			env := Env{
				Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
				Getenv: func(k string) string {
					if k == "ENDUSE_CONFIG" {
						return cfgPath
					}
					return ""
				},
				Interactive: func(io.Writer) bool { return false },
			}
			start := time.Now()
			code := Main(context.Background(), []string{"ingest", "--db", db, "--json", path, goodPath}, env)
			t.Logf("%s: %s", in.Name, time.Since(start).Round(time.Millisecond))
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			var s ingest.Summary
			if err := json.Unmarshal(out.Bytes(), &s); err != nil {
				t.Fatalf("summary %q: %v", out.String(), err)
			}
			msgs := strings.Join(s.Errors, "\n")
			t.Logf("summary %+v", s)
			if in.Limit != "" {
				if !strings.Contains(msgs, in.Name) || !strings.Contains(msgs, "budget."+in.Limit) || !strings.Contains(msgs, "exceeds the limit of") {
					t.Errorf("errors %q: want one naming %s and budget.%s with its value", msgs, in.Name, in.Limit)
				}
			} else if s.Stored+s.Failed+s.Unreadable < 2 {
				t.Errorf("summary %+v: want the hostile input stored, failed or unreadable besides the good notice", s)
			}
			st, err := openStore(context.Background(), db)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			has, err := st.HasDocument(context.Background(), goodSHA)
			if err != nil || !has {
				t.Errorf("good notice after %s not stored (has=%v, err=%v)", in.Name, has, err)
			}
		})
	}
}

// TestTopLevelErrorEscaped checks that an error quoting a hostile name
// reaches the terminal with its control characters escaped.
func TestTopLevelErrorEscaped(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "no\x1b[2Jsuch", "t.db")
	code, _, stderr := run(t, "", "ingest", "--db", bad, "testdata/yichang-psb-award.html")
	if code == 0 {
		t.Fatalf("ingest into %q succeeded", bad)
	}
	if strings.ContainsRune(stderr, 0x1b) {
		t.Errorf("stderr holds a raw ESC: %q", stderr)
	}
	if !strings.Contains(stderr, "enduse ingest:") {
		t.Errorf("stderr %q: want the command's error", stderr)
	}
}

// TestIngestRunErr checks what an interrupted ingest says.
func TestIngestRunErr(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	saveErr := errors.New("save x: insert mention 3: context canceled")
	for _, tc := range []struct {
		name string
		ctx  context.Context
		err  error
		want string
	}{
		{"interrupted", cancelled, saveErr, "interrupted after storing 7 documents; run the same command again to resume"},
		{"store failure", context.Background(), saveErr, saveErr.Error()},
		{"done", cancelled, nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := ""
			if err := runErr(tc.ctx, tc.err, ingest.Summary{Stored: 7}); err != nil {
				got = err.Error()
			}
			if got != tc.want {
				t.Errorf("runErr = %q, want %q", got, tc.want)
			}
		})
	}
}
