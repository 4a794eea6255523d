package document

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/enduse/enduse"
)

// OCR limits: recognition is slow (seconds a page), so one file gets a
// bounded share of a run.
const (
	// MaxOCRPages caps the image-only pages of one PDF that are OCRed.
	MaxOCRPages = 20
	// ocrDPI is the resolution scanned pages are rendered at: tesseract
	// misreads 10-point Chinese in table cells at less.
	ocrDPI = 300
	// ocrMaxSide caps the long side of a rendered page in pixels (A4 at
	// 300 dpi).
	ocrMaxSide = 3508
)

// OCRLanguages are the tesseract languages notices are recognised in
// (Debian packages tesseract-ocr-chi-sim and tesseract-ocr-eng).
const OCRLanguages = "chi_sim+eng"

// MediaImage is the media type prefix of images (scans, photos of pages).
const MediaImage = "image/"

// fillImage recognises the text of a scanned page with tesseract, keeping
// the words' positions so tables keep their columns. The text is marked
// as OCR (Document.OCR): evidence from it deserves less trust.
func fillImage(ctx context.Context, doc *enduse.Document, raw []byte, opt Options) error {
	dir, err := os.MkdirTemp("", "enduse-ocr-*")
	if err != nil {
		return fmt.Errorf("ocr: temp dir: %w", err)
	}
	defer os.RemoveAll(dir)
	img := filepath.Join(dir, "page")
	if err := os.WriteFile(img, raw, 0o600); err != nil {
		return fmt.Errorf("ocr: write temp file: %w", err)
	}
	words, err := tesseract(ctx, img, opt)
	if err != nil {
		return err
	}
	doc.Charset = charsetUTF8
	doc.OCR = true
	doc.Text, doc.Blocks, _ = geometryToText([][]pdfWord{words})
	if strings.TrimSpace(doc.Text) == "" {
		return fmt.Errorf("ocr: no text recognised in the image")
	}
	return nil
}

// ocrPDFPages renders the pages of a PDF that have no text layer and
// recognises them, filling pages in place. It returns how many pages were
// recognised.
func ocrPDFPages(ctx context.Context, raw []byte, pages [][]pdfWord, opt Options) (int, error) {
	if _, err := toolPath("tesseract", "tesseract-ocr", opt.Tesseract); err != nil {
		return 0, err
	}
	dir, err := os.MkdirTemp("", "enduse-ocr-*")
	if err != nil {
		return 0, fmt.Errorf("ocr: temp dir: %w", err)
	}
	defer os.RemoveAll(dir)
	pdf := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(pdf, raw, 0o600); err != nil {
		return 0, fmt.Errorf("ocr: write temp file: %w", err)
	}
	done := 0
	for i := range pages {
		if len(pages[i]) > 0 {
			continue
		}
		if done >= MaxOCRPages {
			break
		}
		n := strconv.Itoa(i + 1)
		prefix := filepath.Join(dir, "p"+n)
		// -scale-to bounds the bitmap whatever the page size says (a
		// hostile MediaBox would otherwise ask for gigapixels): the long
		// side of an A4 page at ocrDPI.
		if _, err := execTool(ctx, "pdftoppm", "poppler-utils", opt.PDFToPPM, opt,
			"-r", strconv.Itoa(ocrDPI), "-scale-to", strconv.Itoa(ocrMaxSide), "-gray", "-png", "-singlefile", "-f", n, "-l", n, pdf, prefix); err != nil {
			return done, fmt.Errorf("render page %s: %w", n, err)
		}
		words, err := tesseract(ctx, prefix+".png", opt)
		os.Remove(prefix + ".png")
		if err != nil {
			return done, fmt.Errorf("ocr page %s: %w", n, err)
		}
		pages[i] = words
		done++
	}
	return done, nil
}

// tesseract recognises an image file and returns its words with boxes
// (tesseract's TSV output, pixel coordinates).
func tesseract(ctx context.Context, img string, opt Options) ([]pdfWord, error) {
	out, err := execTool(ctx, "tesseract", "tesseract-ocr", opt.Tesseract, opt,
		img, "-", "-l", OCRLanguages, "tsv")
	if err != nil {
		if strings.Contains(err.Error(), "chi_sim") || strings.Contains(err.Error(), "language") {
			return nil, fmt.Errorf("%w (install the tesseract-ocr-chi-sim package)", err)
		}
		return nil, err
	}
	return parseTSV(out), nil
}

// parseTSV reads the word rows (level 5) of tesseract's TSV output.
func parseTSV(out []byte) []pdfWord {
	var words []pdfWord
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 12 || f[0] != "5" {
			continue
		}
		// Table rules read as bars: they are borders, not text.
		text := strings.Trim(strings.TrimSpace(f[11]), "|｜[]“”\"'")
		conf, _ := strconv.ParseFloat(f[10], 64)
		if text == "" || conf < 0 {
			continue
		}
		num := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
		x, y, w, h := num(f[6]), num(f[7]), num(f[8]), num(f[9])
		if w <= 0 || h <= 0 {
			continue
		}
		words = append(words, pdfWord{x0: x, y0: y, x1: x + w, y1: y + h, text: text})
	}
	return words
}

// toolPath finds an external converter: the configured path, else PATH.
// A missing tool is ErrToolMissing naming the Debian package to install.
func toolPath(name, pkg, configured string) (string, error) {
	if configured != "" {
		if _, err := os.Stat(configured); err != nil {
			return "", fmt.Errorf("%s: %w: %s (install the %s package)", name, ErrToolMissing, configured, pkg)
		}
		return configured, nil
	}
	p, err := exec.LookPath(name)
	if err != nil {
		return "", fmt.Errorf("%s: %w (install the %s package)", name, ErrToolMissing, pkg)
	}
	return p, nil
}

// execTool runs a converter on files already on disk, under opt's timeout,
// and returns its stdout (capped like runTool's).
func execTool(ctx context.Context, name, pkg, configured string, opt Options, args ...string) ([]byte, error) {
	return execToolLimit(ctx, name, pkg, configured, opt, opt.maxBytes()*4, args...)
}

// execToolLimit is execTool with its own cap on the output: beyond limit
// bytes the run fails (the tool gets a broken pipe) instead of filling
// memory.
func execToolLimit(ctx context.Context, name, pkg, configured string, opt Options, limit int64, args ...string) ([]byte, error) {
	bin, err := toolPath(name, pkg, configured)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, opt.timeout())
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	var stdout, stderr bytes.Buffer
	out := &limitWriter{w: &stdout, n: limit}
	cmd.Stdout = out
	cmd.Stderr = &limitWriter{w: &stderr, n: 4096, truncate: true}
	cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8", "OMP_THREAD_LIMIT=1")
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%s: %w", name, ctx.Err())
		}
		if out.over || errors.Is(err, errOutputLimit) {
			return nil, fmt.Errorf("%s: %w", name, errOutputLimit)
		}
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return nil, fmt.Errorf("%s: %w: %s", name, err, lastLine(msg))
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return stdout.Bytes(), nil
}
