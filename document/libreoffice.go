package document

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/enduse/enduse"
)

// Legacy Word and Excel files (.doc, .xls) are read through LibreOffice
// when it is installed: it converts them to DOCX/XLSX, which the Go readers
// lay out with every table row and cell, and decodes their Chinese text
// correctly. antiword and xls2csv (catdoc) remain the fallback: antiword
// runs a table's rows together and xls2csv garbles some Chinese
// spreadsheets, so their output is checked and a garbled result is an
// error that names LibreOffice.

// sofficePackage is the Debian package that provides soffice headless.
const sofficePackage = "libreoffice-writer-nogui and libreoffice-calc-nogui"

// fillLegacyWord reads a Word 97–2003 document.
func fillLegacyWord(ctx context.Context, doc *enduse.Document, raw []byte, opt Options) error {
	docx, err := convertOffice(ctx, raw, "doc", "docx", opt)
	if errors.Is(err, ErrToolMissing) {
		if err := fillDOC(ctx, doc, raw, opt); err != nil {
			return fmt.Errorf("%w (or install %s)", err, sofficePackage)
		}
		return checkLegacy(doc, "antiword")
	}
	if err != nil {
		return err
	}
	if err := fillDOCX(newMeter(ctx, opt.budget()), doc, docx); err != nil {
		return fmt.Errorf("read the DOCX LibreOffice made: %w", err)
	}
	return nil
}

// fillLegacyExcel reads an Excel 97–2003 workbook.
func fillLegacyExcel(ctx context.Context, doc *enduse.Document, raw []byte, opt Options) error {
	xlsx, err := convertOffice(ctx, raw, "xls", "xlsx", opt)
	if errors.Is(err, ErrToolMissing) {
		if err := fillXLS(ctx, doc, raw, opt); err != nil {
			return fmt.Errorf("%w (or install %s)", err, sofficePackage)
		}
		return checkLegacy(doc, "xls2csv")
	}
	if err != nil {
		return err
	}
	if err := fillXLSX(newMeter(ctx, opt.budget()), doc, xlsx); err != nil {
		return fmt.Errorf("read the XLSX LibreOffice made: %w", err)
	}
	return nil
}

// checkLegacy refuses a fallback converter's garbled output.
func checkLegacy(doc *enduse.Document, tool string) error {
	if garbled(doc.Text) {
		doc.Text, doc.Blocks = "", nil
		return fmt.Errorf("%w: %s decoded this file to noise; install %s to read it", ErrGarbled, tool, sofficePackage)
	}
	return nil
}

// convertOffice converts a legacy office file with LibreOffice headless in
// a private profile (so parallel conversions do not share one) and returns
// the converted bytes.
func convertOffice(ctx context.Context, raw []byte, from, to string, opt Options) ([]byte, error) {
	if _, err := toolPath("soffice", sofficePackage, opt.Soffice); err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "enduse-lo-*")
	if err != nil {
		return nil, fmt.Errorf("soffice: temp dir: %w", err)
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "in."+from)
	if err := os.WriteFile(in, raw, 0o600); err != nil {
		return nil, fmt.Errorf("soffice: write temp file: %w", err)
	}
	profile := "file://" + filepath.ToSlash(filepath.Join(dir, "profile"))
	if _, err := execTool(ctx, "soffice", sofficePackage, opt.Soffice, opt,
		"--headless", "--norestore", "--nolockcheck", "-env:UserInstallation="+profile,
		"--convert-to", to, "--outdir", dir, in); err != nil {
		return nil, err
	}
	outPath := filepath.Join(dir, "in."+to)
	info, err := os.Stat(outPath)
	if err != nil {
		return nil, fmt.Errorf("soffice could not convert the file (damaged or not a %s file)", from)
	}
	if info.Size() > opt.maxBytes()*4 {
		return nil, fmt.Errorf("soffice: converted file of %d bytes exceeds the limit", info.Size())
	}
	return os.ReadFile(outPath)
}
