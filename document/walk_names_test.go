package document

import (
	"archive/zip"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/enduse/enduse"
)

// TestWalkErrorsEscapeMemberNames: the error Walk reports for a bad
// archive member names it with its control characters escaped, whoever
// prints or stores the message (CLI summary, web ingest response).
func TestWalkErrorsEscapeMemberNames(t *testing.T) {
	dir := t.TempDir()
	zpath := filepath.Join(dir, "a.zip")
	f, err := os.Create(zpath)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	w, _ := zw.Create("x\x1b[31m\ny.bin")
	w.Write([]byte("\x00\x01\xff binary"))
	zw.Close()
	f.Close()

	var msgs []string
	err = Walk(context.Background(), []string{zpath}, nil, Options{}, func(_ *enduse.Document, err error) error {
		if err != nil {
			msgs = append(msgs, err.Error())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 1 {
		t.Fatalf("got %d errors, want 1: %q", len(msgs), msgs)
	}
	if strings.ContainsAny(msgs[0], "\x1b\n") || !strings.Contains(msgs[0], `x\x1b[31m\ny.bin`) {
		t.Errorf("error %q does not escape the member name", msgs[0])
	}
}
