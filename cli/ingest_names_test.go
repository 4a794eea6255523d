package cli

import (
	"archive/zip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestIngestEscapesHostileMemberNames: a ZIP member name carrying an ANSI
// escape, a newline or a bidi override reaches stderr escaped, so it can
// neither recolour the terminal nor forge a line of the summary.
func TestIngestEscapesHostileMemberNames(t *testing.T) {
	dir := t.TempDir()
	zpath := filepath.Join(dir, "hostile.zip")
	f, err := os.Create(zpath)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for name, body := range map[string]string{
		"a\x1b[31m\nforged line.bin": "\x00\x01\x02\xff\xfe binary, no known format",
		"b\u202excod.exe.docx":       "PK\x03\x04 not really a docx",
		"good.html":                  "<html><head><title>某某市公安局硬盘采购项目中标公告</title></head><body><p>采购人：某某市公安局</p><p>中标金额：12,000.00元</p></body></html>",
	} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()

	code, out, stderr := run(t, "", "ingest", "--db", filepath.Join(dir, "e.db"), zpath)
	if code != 0 {
		t.Fatalf("exit %d: %s %s", code, out, stderr)
	}
	if strings.ContainsAny(stderr, "\x1b\u202e") || strings.ContainsAny(out, "\x1b\u202e") {
		t.Errorf("raw control characters reached the terminal:\nstdout %q\nstderr %q", out, stderr)
	}
	for _, want := range []string{`a\x1b[31m\nforged line.bin`, `b\u202excod.exe.docx`} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks the escaped name %s:\n%s", want, stderr)
		}
	}
	for _, line := range strings.Split(strings.TrimRight(stderr, "\n"), "\n") {
		if !strings.HasPrefix(line, "  ") {
			t.Errorf("stderr line %q is not an indented message: a name forged a line", line)
		}
	}
	if !strings.Contains(out, "1 stored") {
		t.Errorf("the good member after the hostile ones was not stored: %s", out)
	}

	// extract prints the same failures and a table of sources.
	_, out, stderr = run(t, "", "extract", zpath)
	if strings.ContainsAny(stderr+out, "\x1b\u202e") || !strings.Contains(stderr, `a\x1b[31m\nforged line.bin`) {
		t.Errorf("extract printed a raw or unescaped name:\nstdout %q\nstderr %q", out, stderr)
	}
}
