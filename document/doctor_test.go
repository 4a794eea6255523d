package document

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestToolsMissing: with no tool on PATH every external format is named as
// disabled with its package, and a tool put back is found.
func TestToolsMissing(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("PATH", dir)
	tools := Tools(context.Background(), Options{})
	dis := strings.Join(Disabled(tools), "\n")
	for _, want := range []string{"PDF disabled: pdftotext not found (install poppler-utils)",
		"DOC, XLS disabled: soffice", "RAR, 7z disabled: bsdtar not found (install libarchive-tools)",
		"scanned PDF pages disabled: tesseract"} {
		if !strings.Contains(dis, want) {
			t.Errorf("disabled lacks %q:\n%s", want, dis)
		}
	}
	if strings.Contains(dis, "chi_sim") {
		t.Errorf("chi_sim reported although tesseract itself is missing:\n%s", dis)
	}
	fake := filepath.Join(dir, "bsdtar")
	if err := os.WriteFile(fake, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tool := range Tools(context.Background(), Options{}) {
		if tool.Name == "bsdtar" && (!tool.Found || tool.Path != fake) {
			t.Errorf("bsdtar on PATH: %+v", tool)
		}
	}
}

func TestDisabledFallbacks(t *testing.T) {
	cases := []struct {
		name  string
		found map[string]bool
		want  []string // substrings, in order
	}{
		{"all found", map[string]bool{"pdftotext": true, "pdffonts": true, "poppler-data": true, "soffice": true, "antiword": true,
			"xls2csv": true, "bsdtar": true, "tesseract": true, "chi_sim": true, "pdftoppm": true}, nil},
		{"soffice missing, fallbacks there", map[string]bool{"pdftotext": true, "pdffonts": true, "poppler-data": true, "antiword": true,
			"xls2csv": true, "bsdtar": true, "tesseract": true, "chi_sim": true, "pdftoppm": true}, []string{"read through the fallbacks"}},
		{"fallbacks missing, soffice there", map[string]bool{"pdftotext": true, "pdffonts": true, "poppler-data": true, "soffice": true,
			"bsdtar": true, "tesseract": true, "chi_sim": true, "pdftoppm": true}, nil},
		{"no chinese ocr data", map[string]bool{"pdftotext": true, "pdffonts": true, "poppler-data": true, "soffice": true,
			"bsdtar": true, "tesseract": true, "pdftoppm": true}, []string{"OCR of Chinese text disabled"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tools := Tools(context.Background(), Options{})
			for i := range tools {
				tools[i].Found = c.found[tools[i].Name]
			}
			got := Disabled(tools)
			if len(got) != len(c.want) {
				t.Fatalf("disabled %q, want %d lines like %q", got, len(c.want), c.want)
			}
			for i, w := range c.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("line %d %q lacks %q", i, got[i], w)
				}
			}
		})
	}
}
