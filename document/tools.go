package document

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/enduse/enduse"
)

// ErrToolMissing is returned (wrapped) when an external converter needed
// for a format is not installed; the message names the package to install.
var ErrToolMissing = errors.New("converter not installed")

// runTool writes raw to a temporary file (the converters read files, not
// stdin), runs the named converter with args (the placeholder "{}" is
// replaced by the file path) under opt's timeout, and returns its stdout.
func runTool(ctx context.Context, name, pkg, configured string, raw []byte, suffix string, opt Options, args ...string) ([]byte, error) {
	bin := configured
	if bin == "" {
		p, err := exec.LookPath(name)
		if err != nil {
			return nil, fmt.Errorf("%s: %w (install the %s package)", name, ErrToolMissing, pkg)
		}
		bin = p
	}
	f, err := os.CreateTemp("", "enduse-*"+suffix)
	if err != nil {
		return nil, fmt.Errorf("%s: temp file: %w", name, err)
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(raw); err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: write temp file: %w", name, err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("%s: write temp file: %w", name, err)
	}
	full := make([]string, len(args))
	for i, a := range args {
		if a == "{}" {
			a = f.Name()
		}
		full[i] = a
	}
	ctx, cancel := context.WithTimeout(ctx, opt.timeout())
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, full...)
	var stdout, stderr bytes.Buffer
	// Converter output is text held in memory like any input: it gets
	// the same cap.
	cmd.Stdout = &limitWriter{w: &stdout, n: opt.maxBytes()}
	cmd.Stderr = &limitWriter{w: &stderr, n: 4096, truncate: true}
	cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8")
	cmd.WaitDelay = 5 * time.Second // children holding stdout open cannot block us
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%s: %w", name, ctx.Err())
		}
		msg := strings.TrimSpace(stderr.String())
		if msg != "" {
			return nil, fmt.Errorf("%s: %w: %s", name, err, lastLine(msg))
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return stdout.Bytes(), nil
}

// lastLine returns the last line of s: converters print warnings first
// and the reason they failed last.
func lastLine(s string) string {
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}

// errOutputLimit is the error of a converter whose output outgrew its cap.
var errOutputLimit = errors.New("converter output exceeds the size limit")

// limitWriter writes at most n bytes to w, so a runaway converter cannot
// exhaust memory. Beyond n it fails or, with truncate (for diagnostics),
// keeps the first n bytes and discards the rest.
type limitWriter struct {
	w        io.Writer
	n        int64
	truncate bool
	over     bool // output was refused for exceeding n
}

func (l *limitWriter) Write(p []byte) (int, error) {
	if int64(len(p)) > l.n {
		if !l.truncate {
			l.over = true
			return 0, fmt.Errorf("%w (budget.max_bytes): %w", errOutputLimit, ErrBudget)
		}
		k := l.n
		l.n = 0
		if _, err := l.w.Write(p[:k]); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	l.n -= int64(len(p))
	return l.w.Write(p)
}

// columnGap separates columns in pdftotext -layout output.
var columnGap = regexp.MustCompile(`\s{2,}`)

// layoutToText lays out column-aligned text (pdftotext -layout): lines
// with three or more columns are rows, consecutive rows form a table.
func layoutToText(s string) (string, []enduse.Block) {
	var t textBuilder
	for line := range strings.Lines(s) {
		if strings.Contains(line, "\f") {
			t.endTable()
			line = strings.ReplaceAll(line, "\f", "")
		}
		line = strings.TrimRight(line, "\r\n")
		trimmed := strings.TrimSpace(strings.ReplaceAll(line, "\u3000", "  "))
		if trimmed == "" {
			continue
		}
		cols := columnGap.Split(trimmed, -1)
		if len(cols) >= 3 && !letterSpaced(cols) {
			t.rowLine(cols, nil)
			continue
		}
		t.para(trimmed, enduse.BlockPara)
	}
	return t.out.String(), t.blocks
}

// letterSpaced reports whether columns split from a layout line are in
// fact the characters of justified Chinese text ("宁  波  市"): most of
// them a single Han character.
func letterSpaced(cols []string) bool {
	single := 0
	for _, c := range cols {
		r, n := utf8.DecodeRuneInString(c)
		if n == len(c) && unicode.Is(unicode.Han, r) {
			single++
		}
	}
	return single*5 >= len(cols)*4
}

// fillDOC extracts a Word 97–2003 document's text with antiword. Table
// rows, which antiword draws as "|cell|cell|", become BlockRow lines.
func fillDOC(ctx context.Context, doc *enduse.Document, raw []byte, opt Options) error {
	out, err := runTool(ctx, "antiword", "antiword", opt.Antiword, raw, ".doc", opt,
		"-m", "UTF-8.txt", "-w", "0", "{}")
	if err != nil {
		return err
	}
	doc.Charset = charsetUTF8
	var t textBuilder
	for line := range strings.Lines(strings.ToValidUTF8(string(out), "\uFFFD")) {
		line = strings.TrimRight(line, "\r\n")
		tl := strings.TrimSpace(line)
		if strings.HasPrefix(tl, "|") && strings.HasSuffix(tl, "|") && len(tl) > 1 {
			t.rowLine(strings.Split(tl[1:len(tl)-1], "|"), nil)
			continue
		}
		t.para(line, enduse.BlockPara)
	}
	doc.Text, doc.Blocks = t.out.String(), t.blocks
	return nil
}

// fillXLS extracts an Excel 97–2003 workbook with xls2csv (catdoc): each
// sheet's rows become BlockRow lines, one table per sheet.
func fillXLS(ctx context.Context, doc *enduse.Document, raw []byte, opt Options) error {
	out, err := runTool(ctx, "xls2csv", "catdoc", opt.XLS2CSV, raw, ".xls", opt,
		"-d", "utf-8", "-q", "3", "-c", ",", "-b", "\f\n", "{}")
	if err != nil {
		return err
	}
	doc.Charset = charsetUTF8
	var t textBuilder
	for _, sheet := range strings.Split(strings.ToValidUTF8(string(out), "\uFFFD"), "\f") {
		r := csv.NewReader(strings.NewReader(sheet))
		r.FieldsPerRecord = -1
		r.LazyQuotes = true
		for {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				return fmt.Errorf("xls2csv output: %w", err)
			}
			t.rowLine(rec, nil)
		}
		t.endTable()
	}
	doc.Text, doc.Blocks = t.out.String(), t.blocks
	return nil
}
