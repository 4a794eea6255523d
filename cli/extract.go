package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/attach"
	"github.com/enduse/enduse/document"
	"github.com/enduse/enduse/ordered"
	"github.com/enduse/enduse/pipeline"
	"github.com/enduse/enduse/safetext"
)

// runExtract runs the pipeline on files with no database and prints one
// notice per document.
func runExtract(ctx context.Context, env Env, cfg Config, args []string) error {
	fs := newFlags(env, "extract", "[--json] [--workers N] [--fields MAP] FILE... (- for stdin)")
	asJSON := fs.Bool("json", false, "write JSON Lines, one notice per document (schema 1)")
	workers := fs.Int("workers", cfg.Workers, "parallel workers (0 = one per CPU); output stays in input order")
	fields := fs.String("fields", "", "map enduse record fields to a crawler export's keys, e.g. title=bulletinTitle,html=bulletinContent,published=publishDate,id=bulletinId")
	var kbDirs listFlag
	fs.Var(&kbDirs, "kb", "extra knowledge-base directory (repeatable)")
	args, err := parseFlags(fs, "extract", args)
	if err != nil {
		return err
	}
	if len(args) == 0 {
		return usagef("extract", "no input files; give paths, or - to read standard input")
	}
	if *workers < 0 {
		return usagef("extract", "--workers must be 0 (one per CPU) or more")
	}
	fm, err := document.ParseFieldMap(*fields)
	if err != nil {
		return usagef("extract", "--fields: %v", err)
	}
	p, err := pipeline.New(pipeline.Config{KBDirs: append(cfg.KBDirs, kbDirs...)})
	if err != nil {
		return err
	}

	var tw *tabwriter.Writer
	if !*asJSON {
		tw = tabwriter.NewWriter(env.Stdout, 0, 2, 2, ' ', 0)
		fmt.Fprintln(tw, "SOURCE\tTYPE\tPUBLISHED\tBUYER\tWINNER\tAMOUNT\tMENTIONS")
	}
	var failed []string
	// work runs on the workers: parse, every pipeline stage and the JSON
	// encoding; emit prints in input order on one goroutine.
	type result struct {
		doc  *enduse.Document
		n    *enduse.Notice
		line []byte
		err  error
	}
	work := func(it document.Item) result {
		d, err := it.Document()
		if err != nil {
			return result{err: err}
		}
		r := result{doc: d, n: p.Process(d).Notice}
		if *asJSON {
			var buf bytes.Buffer
			r.err = writeJSONLine(&buf, r.n)
			r.line = buf.Bytes()
		}
		return r
	}
	emit := func(r result) error {
		if r.err != nil && r.doc == nil {
			failed = append(failed, r.err.Error())
			fmt.Fprintf(env.Stderr, "enduse extract: %s\n", safetext.Escape(r.err.Error()))
			return nil
		}
		if r.err != nil {
			return fmt.Errorf("encode %s: %w", safetext.Escape(r.doc.Source), r.err)
		}
		if *asJSON {
			_, err := env.Stdout.Write(r.line)
			return err
		}
		n, d := r.n, r.doc
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", clip(safetext.Escape(d.Source), 40), n.Type, n.Published,
			clip(orgName(n.Buyer), 30), clip(winners(n), 30), yuan(amountOf(n)), brandList(n.Mentions))
		return nil
	}
	var paths []string
	for _, a := range args {
		if a != "-" {
			paths = append(paths, a)
			continue
		}
		if err := extractStdin(env.Stdin, fm, func(d *enduse.Document, err error) error {
			if err != nil {
				return emit(result{err: err})
			}
			return emit(work(document.ParsedItem(d)))
		}); err != nil {
			return err
		}
	}
	if len(paths) > 0 {
		// Attachments are read as part of their notice page (see attach):
		// grouping needs each folder's files parsed, so the files are
		// parsed on one pool of workers before grouping and the pipeline
		// runs on a second pool after it.
		walk := attach.Group(func(fn func(*enduse.Document, error) error) error {
			return document.WalkParsed(ctx, *workers, paths, fm, document.Options{Budget: cfg.Budget}, fn)
		})
		produce := func(yield func(document.Item) error) error {
			return walk(func(d *enduse.Document, err error) error {
				if err != nil {
					return yield(document.FailedItem(err))
				}
				return yield(document.ParsedItem(d))
			})
		}
		if err := ordered.Map(ctx, *workers, produce, work, emit); err != nil {
			return err
		}
	}
	if tw != nil {
		tw.Flush()
	}
	if len(failed) > 0 {
		return fmt.Errorf("%d input(s) could not be read (see above)", len(failed))
	}
	return nil
}

// extractStdin reads standard input as a crawler export when it looks like
// JSON or a field map was given, else as one document.
func extractStdin(r io.Reader, fm document.FieldMap, fn func(*enduse.Document, error) error) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("read standard input: %w", err)
	}
	trimmed := bytes.TrimLeft(raw, " \t\r\n\ufeff")
	if len(fm) > 0 || (len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[')) {
		return document.ReadRecords(bytes.NewReader(raw), "-", fm, fn)
	}
	d, err := document.Parse(raw, "-", document.Options{})
	return fn(d, err)
}

func orgName(o *enduse.Org) string {
	if o == nil {
		return ""
	}
	return o.Name
}

func winners(n *enduse.Notice) string {
	var names []string
	for _, s := range n.Suppliers {
		if s.Role == enduse.RoleWinner || s.Role == enduse.RoleSingleSource {
			names = append(names, s.Name)
		}
	}
	return strings.Join(names, "; ")
}

func amountOf(n *enduse.Notice) float64 {
	if n.AwardAmount > 0 {
		return n.AwardAmount
	}
	return n.Budget
}

// brandList names the distinct brands mentioned, in order of appearance.
func brandList(ms []enduse.Mention) string {
	seen := map[string]bool{}
	var out []string
	for _, m := range ms {
		if m.Brand != "" && !seen[m.Brand] {
			seen[m.Brand] = true
			out = append(out, m.Brand)
		}
	}
	return strings.Join(out, ",")
}

// yuan formats an amount for a table; zero is blank (unknown).
func yuan(v float64) string {
	if v == 0 {
		return ""
	}
	return fmt.Sprintf("%.2f", v)
}

// clip shortens s to n runes for a table cell.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
