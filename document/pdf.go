package document

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/enduse/enduse"
)

// ErrGarbled is returned (wrapped) for a PDF whose text layer cannot be
// decoded: its fonts map codes to glyphs without saying which characters
// they are (a GBK-EUC-H or Identity-H font without a ToUnicode map), so
// the extracted "text" is noise. Such a file is refused rather than read
// as a notice of nonsense.
var ErrGarbled = errors.New("garbled text")

// fillPDF extracts a PDF's text with the word positions of pdftotext
// -bbox-layout, so tables keep their columns (see geometryToText). A PDF
// whose text looks garbled is refused with ErrGarbled naming the font.
// Pages without a text layer (scans) are recognised with tesseract when it
// is installed (OCR text, Document.OCR set); without it a PDF with no
// text at all is an error that names the package to install.
func fillPDF(ctx context.Context, doc *enduse.Document, raw []byte, opt Options) error {
	// Pages beyond the budget are not read (-l), so a PDF of a million
	// blank pages costs no more than one of MaxPages.
	out, err := runTool(ctx, "pdftotext", "poppler-utils", opt.PDFToText, raw, ".pdf", opt,
		"-bbox-layout", "-enc", "UTF-8", "-l", strconv.FormatInt(opt.budget().MaxPages, 10), "{}", "-")
	if err != nil {
		return err
	}
	pages, err := readBBox(bytes.NewReader(out))
	if err != nil {
		return err
	}
	doc.Charset = charsetUTF8
	var all strings.Builder
	blank := 0
	for _, p := range pages {
		if len(p) == 0 {
			blank++
		}
		for _, w := range p {
			all.WriteString(w.text)
		}
	}
	if all.Len() > 0 && garbled(all.String()) {
		return garbledError(ctx, raw, opt)
	}
	if all.Len() == 0 {
		if err := missingCMap(ctx, raw, opt); err != nil {
			return err
		}
	}
	if blank > 0 {
		ocrd, oerr := ocrPDFPages(ctx, raw, pages, opt)
		switch {
		case oerr == nil:
			doc.OCR = ocrd > 0
		case all.Len() == 0:
			return fmt.Errorf("pdf has no text layer (a scanned image): %w", oerr)
		}
		// A text PDF with a few image-only pages keeps its text; the
		// pages OCR could not read are left out.
	}
	doc.Text, doc.Blocks, doc.PageStarts = geometryToText(pages)
	if strings.TrimSpace(doc.Text) == "" {
		return errors.New("pdf has no text layer (scanned image?)")
	}
	return nil
}

// garbled reports whether extracted text is mostly not text — what a
// font without a character map yields: its codes come out as arbitrary
// code points (rare CJK, Tibetan, Georgian, private use…). Chinese notices
// are written in the characters of GB 2312 (and ASCII, full-width forms,
// common punctuation), so text where more than 30% of the characters fall
// outside them is noise. Up to 20,000 characters are looked at.
func garbled(s string) bool {
	enc := simplifiedchinese.GBK.NewEncoder()
	var bad, total int
	var buf [8]byte
	for _, r := range s {
		if unicode.IsSpace(r) {
			continue
		}
		if total++; total > 20000 {
			break
		}
		switch {
		case r < 0x80, r >= 0xFF01 && r <= 0xFF5E, r >= 0x2000 && r <= 0x206F, r >= 0x3000 && r <= 0x303F:
			continue
		case r == '\uFFFD', unicode.Is(unicode.Co, r), unicode.IsControl(r):
			bad++
			continue
		}
		enc.Reset()
		n, _, err := enc.Transform(buf[:], []byte(string(r)), true)
		if err != nil || n != 2 || buf[0] < 0xA1 || buf[0] > 0xF7 || buf[1] < 0xA1 {
			bad++ // not a GB 2312 character
		}
	}
	if total < 20 {
		return total > 0 && bad*2 > total
	}
	return bad*10 > total*3
}

// fontLine matches a pdffonts row's last columns: encoding, emb, sub, uni,
// object number and generation.
var fontLine = regexp.MustCompile(`^(.*?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$`)

// garbledError names the font that makes a PDF's text undecodable, from
// pdffonts, when it can.
func garbledError(ctx context.Context, raw []byte, opt Options) error {
	out, err := runTool(ctx, "pdffonts", "poppler-utils", "", raw, ".pdf", opt, "{}")
	if err == nil {
		for _, line := range strings.Split(string(out), "\n") {
			m := fontLine.FindStringSubmatch(line)
			if m == nil || m[5] != "no" {
				continue
			}
			enc := m[2]
			if strings.Contains(enc, "EUC") || strings.Contains(enc, "GBK") || strings.HasPrefix(enc, "Identity") || enc == "Custom" {
				name := strings.Fields(m[1])
				font := "?"
				if len(name) > 0 {
					font = name[0]
				}
				return fmt.Errorf("%w: font %s is encoded %s without a ToUnicode map, so its characters cannot be decoded; OCR the pages or obtain the original document", ErrGarbled, font, enc)
			}
		}
	}
	return fmt.Errorf("%w: the text layer decodes to noise (a font without a character map?); OCR the pages or obtain the original document", ErrGarbled)
}

// popplerCMaps is where Debian's poppler-data keeps the character maps of
// Chinese CID fonts (GBK-EUC-H, UniGB-UCS2-H, …).
const popplerCMaps = "/usr/share/poppler/cMap/Adobe-GB1"

// missingCMap explains a PDF without extractable text whose Chinese fonts
// use a predefined CMap poppler cannot load because poppler-data is not
// installed: the text is there, but cannot be decoded here.
func missingCMap(ctx context.Context, raw []byte, opt Options) error {
	if _, err := os.Stat(popplerCMaps); err == nil {
		return nil
	}
	out, err := runTool(ctx, "pdffonts", "poppler-utils", "", raw, ".pdf", opt, "{}")
	if err != nil {
		return nil
	}
	for _, line := range strings.Split(string(out), "\n") {
		m := fontLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		if enc := m[2]; strings.Contains(enc, "GB") || strings.Contains(enc, "EUC") {
			return fmt.Errorf("%w: font encoded %s needs the Adobe-GB1 character maps (install the poppler-data package)", ErrGarbled, enc)
		}
	}
	return nil
}
