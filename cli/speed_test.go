package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/enduse/enduse/sample"
)

// htmlFolder writes the HTML bodies of the first n records of every bundled
// sample file as one file per notice (as an archive of saved pages holds
// them), plus one unreadable file, and returns the folder.
func htmlFolder(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	files, err := sample.Files()
	if err != nil {
		t.Fatal(err)
	}
	k := 0
	for _, f := range files {
		lines := bytes.Split(f.Data, []byte("\n"))
		for i := 0; i < n && i < len(lines); i++ {
			var rec map[string]any
			if json.Unmarshal(lines[i], &rec) != nil {
				continue
			}
			for _, key := range []string{"infocontent", "bulletinContent", "html", "content"} {
				if h, ok := rec[key].(string); ok && h != "" {
					k++
					name := filepath.Join(dir, fmt.Sprintf("%03d.html", k))
					if err := os.WriteFile(name, []byte(h), 0o644); err != nil {
						t.Fatal(err)
					}
					break
				}
			}
		}
	}
	if k < 2*n {
		t.Fatalf("only %d HTML notices in the sample", k)
	}
	if err := os.WriteFile(filepath.Join(dir, "005b.bin"), []byte("\x89PNG\r\n\x1a\n\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestExtractWorkersKeepOrder checks that extraction on several workers
// prints exactly what one worker prints, in input order, with the same
// error for the unreadable file.
func TestExtractWorkersKeepOrder(t *testing.T) {
	dir := htmlFolder(t, 8)
	code1, out1, err1 := run(t, "", "extract", "--json", "--workers", "1", dir)
	code4, out4, err4 := run(t, "", "extract", "--json", "--workers", "4", dir)
	if code1 != 1 || code4 != 1 {
		t.Errorf("exit %d and %d, want 1 (one unreadable input)", code1, code4)
	}
	if !strings.Contains(err1, "005b.bin") || err1 != err4 {
		t.Errorf("stderr with 1 worker %q, with 4 %q; want the same, naming 005b.bin", err1, err4)
	}
	if out1 != out4 {
		t.Fatal("4 workers printed other notices than 1 worker")
	}
	var prev string
	for i, line := range strings.Split(strings.TrimSpace(out4), "\n") {
		var n struct{ Source string }
		if err := json.Unmarshal([]byte(line), &n); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if n.Source <= prev {
			t.Errorf("line %d: %s after %s: not in input order", i+1, n.Source, prev)
		}
		prev = n.Source
	}
	// The table output goes through the same pool.
	_, tab1, _ := run(t, "", "extract", "--workers", "1", dir)
	_, tab2, _ := run(t, "", "extract", "--workers", "2", dir)
	if tab1 != tab2 || strings.Count(tab1, "\n") != strings.Count(out1, "\n")+1 {
		t.Errorf("table output differs between 1 and 2 workers or lacks the files:\n%s", tab2)
	}
	if code, _, _ := run(t, "", "extract", "--workers", "-1", dir); code != 2 {
		t.Errorf("--workers -1: exit %d, want 2", code)
	}
}

// TestBenchFolder runs bench on a folder and checks it reports every stage,
// extraction and ingest with documents, bytes and CPU time.
func TestBenchFolder(t *testing.T) {
	dir := htmlFolder(t, 4)
	code, out, stderr := run(t, "", "bench", "--rounds", "1", "--workers", "2", "--json", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rep benchReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.html"))
	if rep.Documents != len(files) || rep.Bytes == 0 || rep.PeakRSSMB <= 0 || rep.StartupSeconds <= 0 {
		t.Errorf("report %d documents (want %d), %d bytes, peak %.1f MB, start-up %.3fs", rep.Documents, len(files), rep.Bytes, rep.PeakRSSMB, rep.StartupSeconds)
	}
	want := []string{"start-up", "read", "decode", "notice fields", "line items", "mentions", "organisations", "screening", "redaction", "all stages", "extract --json (2 workers)", "ingest into SQLite (2 workers)"}
	if len(rep.Figures) != len(want) {
		t.Fatalf("%d figures, want %d: %+v", len(rep.Figures), len(want), rep.Figures)
	}
	for i, f := range rep.Figures {
		if !strings.HasPrefix(f.Stage, want[i]) {
			t.Errorf("figure %d is %q, want %q", i, f.Stage, want[i])
		}
		if i > 1 && (f.Documents != len(files) || f.Bytes != rep.Bytes || f.CPUSeconds <= 0 || f.DocsPerSec <= 0) {
			t.Errorf("figure %q: %+v", f.Stage, f)
		}
	}
	if code, _, _ := run(t, "", "bench", "--rounds", "0"); code != 2 {
		t.Errorf("--rounds 0: exit %d, want 2", code)
	}
	if code, _, stderr := run(t, "", "bench", t.TempDir()); code == 0 || !strings.Contains(stderr, "no readable documents") {
		t.Errorf("empty folder: exit %d, %q", code, stderr)
	}
}
