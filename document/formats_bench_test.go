package document_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/enduse/enduse/document"
)

// BenchmarkReaders measures each format's reader on the test files of
// testdata/formats: MB/s from b.SetBytes, and pages/s for paged formats
// (the PDF page count is that of the rendering).
func BenchmarkReaders(b *testing.B) {
	cases := []struct {
		file  string
		tool  string
		pages int // pages of the rendering, 0 when not paged
	}{
		{"nb-servers.html", "", 0},
		{"nb-servers.pdf", "pdftotext", 5},
		{"nb-servers.docx", "", 0},
		{"nb-servers.doc", "soffice", 0},
		{"equip.xlsx", "", 0},
		{"equip.xls", "soffice", 0},
		{"nb-gbk-euc-h.pdf", "pdftotext", 1},
		{"equip-scan.png", "tesseract", 1},
		{"equip-scan.pdf", "tesseract", 1},
	}
	for _, c := range cases {
		b.Run(c.file, func(b *testing.B) {
			if c.tool != "" {
				if _, err := exec.LookPath(c.tool); err != nil {
					b.Skipf("%s not installed", c.tool)
				}
			}
			raw, err := os.ReadFile(filepath.Join("testdata/formats", c.file))
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(raw)))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := document.Parse(raw, c.file, document.Options{}); err != nil {
					b.Fatal(err)
				}
			}
			if c.pages > 0 {
				b.ReportMetric(float64(c.pages*b.N)/b.Elapsed().Seconds(), "pages/s")
			}
		})
	}
}

// BenchmarkWalkArchives measures RAR and 7z reading (bsdtar per member).
func BenchmarkWalkArchives(b *testing.B) {
	if _, err := exec.LookPath("bsdtar"); err != nil {
		b.Skip("bsdtar not installed")
	}
	for _, name := range []string{"nb-notice.7z", "equip.rar"} {
		b.Run(name, func(b *testing.B) {
			path := filepath.Join("testdata/formats", name)
			info, err := os.Stat(path)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(info.Size())
			for i := 0; i < b.N; i++ {
				walkAllB(b, path)
			}
		})
	}
}
