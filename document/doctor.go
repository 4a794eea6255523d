package document

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"time"
)

// Tool is an external program (or data package) a format needs, and
// whether this machine has it. A missing tool disables only its formats.
type Tool struct {
	Name    string   `json:"name"`
	Package string   `json:"package"` // the Debian package that provides it
	Formats []string `json:"formats"` // what it enables
	Path    string   `json:"path,omitempty"`
	Found   bool     `json:"found"`
	// Fallback is true for a tool used only when a better one is missing.
	Fallback bool   `json:"fallback,omitempty"`
	Note     string `json:"note,omitempty"`
}

// Tools reports the external tools the readers use, in a stable order.
// HTML, MHT, RTF, DOCX, XLSX, ZIP and crawler exports need none.
func Tools(ctx context.Context, opt Options) []Tool {
	ts := []Tool{
		{Name: "pdftotext", Package: "poppler-utils", Formats: []string{"PDF"}, Path: opt.PDFToText},
		{Name: "pdffonts", Package: "poppler-utils", Formats: []string{"PDF garbled-font diagnosis"}},
		{Name: "poppler-data", Package: "poppler-data", Formats: []string{"PDF with GBK-EUC-H and other Chinese CMap fonts"}, Path: popplerCMaps},
		{Name: "soffice", Package: sofficePackage, Formats: []string{"DOC", "XLS"}, Path: opt.Soffice},
		{Name: "antiword", Package: "antiword", Formats: []string{"DOC (fallback: table rows may run together)"}, Path: opt.Antiword, Fallback: true},
		{Name: "xls2csv", Package: "catdoc", Formats: []string{"XLS (fallback: some Chinese sheets garble)"}, Path: opt.XLS2CSV, Fallback: true},
		{Name: "bsdtar", Package: archivePackage, Formats: []string{"RAR", "7z"}, Path: opt.Bsdtar},
		{Name: "tesseract", Package: "tesseract-ocr", Formats: []string{"images (PNG, JPEG, TIFF…)", "scanned PDF pages"}, Path: opt.Tesseract},
		{Name: "chi_sim", Package: "tesseract-ocr-chi-sim", Formats: []string{"OCR of Chinese text"}},
		{Name: "pdftoppm", Package: "poppler-utils", Formats: []string{"scanned PDF pages (rendering for OCR)"}, Path: opt.PDFToPPM},
	}
	for i := range ts {
		t := &ts[i]
		switch t.Name {
		case "poppler-data":
			_, err := os.Stat(t.Path)
			t.Found = err == nil
		case "chi_sim":
			t.Found, t.Note = ocrLanguage(ctx, opt)
		default:
			if p, err := toolPath(t.Name, t.Package, t.Path); err == nil {
				if _, err := exec.LookPath(p); err == nil {
					t.Path, t.Found = p, true
				}
			}
		}
		if !t.Found && t.Name != "chi_sim" {
			t.Path = ""
		}
	}
	return ts
}

// ocrLanguage reports whether tesseract has the Simplified Chinese data.
func ocrLanguage(ctx context.Context, opt Options) (bool, string) {
	bin, err := toolPath("tesseract", "tesseract-ocr", opt.Tesseract)
	if err != nil {
		return false, "needs tesseract"
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, bin, "--list-langs").CombinedOutput()
	if err != nil {
		return false, "tesseract --list-langs failed"
	}
	for _, l := range strings.Fields(string(out)) {
		if l == "chi_sim" {
			return true, ""
		}
	}
	return false, "tesseract has no chi_sim data"
}

// Disabled lists, for each missing tool that no other found tool stands
// in for, the formats it leaves unread — one line each, for run summaries.
func Disabled(tools []Tool) []string {
	found := map[string]bool{}
	for _, t := range tools {
		found[t.Name] = t.Found
	}
	var out []string
	for _, t := range tools {
		if t.Found {
			continue
		}
		// A fallback is not missed while the main tool is there; the main
		// tool's absence is softened by its fallback.
		switch {
		case t.Fallback && found["soffice"]:
			continue
		case t.Name == "soffice" && (found["antiword"] || found["xls2csv"]):
			out = append(out, "DOC and XLS read through the fallbacks (antiword, xls2csv): install "+t.Package+" to keep every table row")
			continue
		case t.Name == "chi_sim" && !found["tesseract"]:
			continue
		}
		out = append(out, strings.Join(t.Formats, ", ")+" disabled: "+t.Name+" not found (install "+t.Package+")")
	}
	return out
}
