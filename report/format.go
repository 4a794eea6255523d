package report

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/enduse/enduse/jsonout"
)

// Format is an output format of a report.
type Format string

// Report formats.
const (
	Markdown Format = "md"
	HTML     Format = "html"
	JSON     Format = "json"
)

// FormatOf picks the format from an output file's extension (.md,
// .markdown, .html, .htm, .json). It fails, naming the file, for any
// other extension, so `--out report.txt` gets a clear error.
func FormatOf(path string) (Format, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".md", ".markdown":
		return Markdown, nil
	case ".html", ".htm":
		return HTML, nil
	case ".json":
		return JSON, nil
	}
	return "", fmt.Errorf("report %s: unknown format %q; use .md, .html or .json", path, filepath.Ext(path))
}

// Write renders d in format f.
func Write(w io.Writer, d *Data, f Format) error {
	switch f {
	case Markdown:
		return WriteMarkdown(w, d)
	case HTML:
		return WriteHTML(w, d)
	case JSON:
		if d == nil {
			return fmt.Errorf("write json: no report data")
		}
		if err := jsonout.Indented(w, d, true); err != nil {
			return fmt.Errorf("write json: %w", err)
		}
		return nil
	}
	return fmt.Errorf("write report: unknown format %q", f)
}
