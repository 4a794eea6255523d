package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
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

// TestHostileCorpus ingests the whole hostile corpus in one batch, each
// input followed by a good notice (a distinct copy each time): every
// hostile input must end with the budget error it is built to reach
// (naming the file, the limit and its value) or with a bounded result, and
// every good notice after one must be stored. The corpus and the budget
// are scaled down a hundredfold; ENDUSE_HOSTILE_FULL=1 runs it at full
// size under the default budget (slow: the figures of scripts/hostile come
// from that size).
func TestHostileCorpus(t *testing.T) {
	scale := 0.01
	if os.Getenv("ENDUSE_HOSTILE_FULL") != "" {
		scale = 1
	}
	good, err := os.ReadFile("testdata/yichang-psb-award.html")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	corpus := hostile.Corpus(scale)
	var args []string
	goodSHA := map[string]string{} // good copy → sha256
	for i, in := range corpus {
		// Inputs are read in lexical order within a folder: number them
		// so each good copy comes right after its hostile input.
		path := filepath.Join(dir, fmt.Sprintf("%02d-a-%s", i, in.Name))
		if err := in.Write(path); err != nil {
			t.Fatal(err)
		}
		copy := append(bytes.Clone(good), fmt.Sprintf("<!-- copy %d -->\n", i)...)
		gp := filepath.Join(dir, fmt.Sprintf("%02d-b-good.html", i))
		if err := os.WriteFile(gp, copy, 0o644); err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(copy)
		goodSHA[gp] = hex.EncodeToString(sum[:])
		args = append(args, path, gp)
	}
	cfg := map[string]any{"budget": scaledBudget(scale)}
	if scale == 1 {
		cfg = map[string]any{}
	}
	cb, _ := json.Marshal(cfg)
	cfgPath := filepath.Join(t.TempDir(), "enduse.json")
	if err := os.WriteFile(cfgPath, cb, 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "t.db")
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
	code := Main(context.Background(), append([]string{"ingest", "--db", db, "--json"}, args...), env)
	t.Logf("%d inputs: %s", len(args), time.Since(start).Round(time.Millisecond))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var s ingest.Summary
	if err := json.Unmarshal(out.Bytes(), &s); err != nil {
		t.Fatalf("summary %q: %v", out.String(), err)
	}
	for i, in := range corpus {
		name := fmt.Sprintf("%02d-a-%s", i, in.Name)
		var msgs []string
		for _, e := range s.Errors {
			if strings.Contains(e, name) {
				msgs = append(msgs, e)
			}
		}
		joined := strings.Join(msgs, "\n")
		t.Logf("%s: %s", in.Name, joined)
		if in.Limit != "" && (!strings.Contains(joined, "budget."+in.Limit) || !strings.Contains(joined, "exceeds the limit of")) {
			t.Errorf("%s: errors %q, want one naming it and budget.%s with its value", in.Name, joined, in.Limit)
		}
	}
	st, err := openStore(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for gp, sha := range goodSHA {
		has, err := st.HasDocument(context.Background(), sha)
		if err != nil || !has {
			t.Errorf("good notice %s not stored (has=%v, err=%v)", filepath.Base(gp), has, err)
		}
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
