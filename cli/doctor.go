package cli

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/enduse/enduse/document"
)

// runDoctor lists the external tools the document readers use, where they
// were found and the formats they enable, so a missing tool is seen before
// an ingest rather than in its errors.
func runDoctor(ctx context.Context, env Env, cfg Config, args []string) error {
	fs := newFlags(env, "doctor", "[--json]")
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := parseFlags(fs, "doctor", args); err != nil {
		return err
	}
	tools := document.Tools(ctx, document.Options{})
	disabled := document.Disabled(tools)
	if *asJSON {
		return writeJSON(env.Stdout, map[string]any{"tools": tools, "disabled": disabled})
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TOOL\tFOUND\tPACKAGE\tENABLES")
	for _, t := range tools {
		found := "no"
		if t.Found {
			found = "yes"
			if t.Path != "" {
				found = t.Path
			}
		} else if t.Note != "" {
			found = "no (" + t.Note + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", t.Name, found, t.Package, strings.Join(t.Formats, ", "))
	}
	tw.Flush()
	fmt.Fprintln(env.Stdout, "HTML, MHT, RTF, DOCX, XLSX, ZIP and crawler exports need no external tool.")
	if len(disabled) == 0 {
		fmt.Fprintln(env.Stdout, "every format is enabled")
	}
	for _, d := range disabled {
		fmt.Fprintln(env.Stdout, d)
	}
	return nil
}
