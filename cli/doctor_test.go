package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestDoctor: the tools are listed with the formats they enable; with none
// on PATH each external format is named as disabled with its package, and
// an ingest summary says the same.
func TestDoctor(t *testing.T) {
	code, out, errOut := run(t, "", "doctor", "--json")
	if code != 0 {
		t.Fatalf("doctor: %d %s", code, errOut)
	}
	var r struct {
		Tools []struct {
			Name    string   `json:"name"`
			Formats []string `json:"formats"`
		} `json:"tools"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil || len(r.Tools) < 5 {
		t.Fatalf("doctor --json: %v %q", err, out)
	}

	t.Setenv("PATH", t.TempDir())
	code, out, _ = run(t, "", "doctor")
	if code != 0 || !strings.Contains(out, "RAR, 7z disabled: bsdtar not found (install libarchive-tools)") ||
		!strings.Contains(out, "PDF disabled: pdftotext not found (install poppler-utils)") {
		t.Errorf("doctor without tools: %d\n%s", code, out)
	}
	dir := t.TempDir()
	code, _, errOut = run(t, "", "ingest", "--db", dir+"/e.db", "../document/testdata/formats/equip.html")
	if code != 0 || !strings.Contains(errOut, "PDF disabled: pdftotext not found") {
		t.Errorf("ingest summary without tools: %d\n%s", code, errOut)
	}
}
