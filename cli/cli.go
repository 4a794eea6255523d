// Package cli is the enduse command line: one file per subcommand, each a
// thin layer that parses flags, calls the pipeline, store or server, and
// prints a human table on a terminal or JSON/CSV for scripts. Main is the
// whole program, so end-to-end tests run exactly what users run.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/mattn/go-isatty"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/jsonout"
	"github.com/enduse/enduse/safetext"
)

// Env is what a command sees of the world: its streams and environment.
// Tests replace every part of it.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	// Interactive reports whether w is a terminal (progress and tables are
	// for terminals; pipes get quiet, machine-readable output).
	Interactive func(w io.Writer) bool
}

// OSEnv is the Env of a real process.
func OSEnv() Env {
	return Env{
		Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv,
		Interactive: func(w io.Writer) bool {
			f, ok := w.(*os.File)
			return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
		},
	}
}

// errUsage marks an error whose message already tells the user what to do;
// Main prints it with a pointer to the command's help.
var errUsage = errors.New("usage")

// usageError is a bad command line.
type usageError struct{ cmd, msg string }

func (e *usageError) Error() string { return e.msg }
func (e *usageError) Unwrap() error { return errUsage }

func usagef(cmd, format string, args ...any) error {
	return &usageError{cmd: cmd, msg: fmt.Sprintf(format, args...)}
}

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env Env, cfg Config, args []string) error
}

func commands() []command {
	return []command{
		{"demo", "ingest the bundled real sample into a local database, print a summary and serve the UI", runDemo},
		{"extract", "extract notices from files (no database); JSON Lines with --json", runExtract},
		{"ingest", "store files, folders, ZIPs and crawler exports in the database", runIngest},
		{"crawl", "fetch notices from a site profile (ccgp, provincial platforms) into the database", runCrawl},
		{"query", "count and list stored notices matching filters", runQuery},
		{"report", "write an evidence-linked report of a query (Markdown, HTML or JSON)", runReport},
		{"org", "profile of a buyer or supplier: records, roles, counterparties, brands, list hits", runOrg},
		{"brand", "profile of a brand: who buys it, where, when, through which suppliers", runBrand},
		{"screen", "screen names (or every stored organisation with --db) against export-control lists", runScreen},
		{"lists", "import and list screening lists", runLists},
		{"kb", "check, list and explain the knowledge base", runKB},
		{"exhibitors", "resolve exhibition exhibitor lists: US-linked exhibitors and agents, as of the event year", runExhibitors},
		{"serve", "serve the web UI and JSON API", runServe},
		{"bench", "measure extraction and ingest throughput on the bundled sample", runBench},
		{"watch", "save a query as a watch that alerts on new announcements (add, list, rm, run)", runWatch},
		{"alerts", "list the alerts recorded by watches", runAlerts},
		{"export", "export matching notices or items as CSV, JSON Lines, OCDS or FollowTheMoney", runExport},
		{"doctor", "list the external tools found and the formats they enable", runDoctor},
		{"reconcile", "check item totals against award and contract amounts on files (share that reconcile)", runReconcile},
		{"version", "print the version", runVersion},
		{"migrate", "show (status) or apply (up) a database's schema migrations", runMigrate},
		{"db", "database statistics (stats) and copying SQLite into PostgreSQL (copy)", runDB},
	}
}

// Version is the program version, set at build time with -ldflags.
var Version = "dev"

// Main runs the enduse command line and returns the process exit code:
// 0 success, 1 failure, 2 usage error.
func Main(ctx context.Context, args []string, env Env) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		printUsage(env.Stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	name := args[0]
	for _, c := range commands() {
		if c.name != name {
			continue
		}
		cfg, err := LoadConfig(env)
		if err == nil {
			err = c.run(enduse.WithStepProgress(ctx, stepProgress(env)), env, cfg, args[1:])
		}
		if err == nil || errors.Is(err, flag.ErrHelp) {
			return 0
		}
		var ue *usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(env.Stderr, "enduse %s: %s\nRun 'enduse %s -h' for usage.\n", ue.cmd, safetext.Escape(ue.msg), ue.cmd)
			return 2
		}
		// Errors quote file names and input text: escape control
		// characters so they cannot drive the terminal.
		fmt.Fprintf(env.Stderr, "enduse %s: %s\n", name, safetext.Escape(err.Error()))
		return 1
	}
	fmt.Fprintf(env.Stderr, "enduse: unknown command %q\nRun 'enduse help' for the list of commands.\n", name)
	return 2
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "enduse — end-use intelligence from public procurement notices")
	fmt.Fprintln(w, "\nUsage: enduse COMMAND [flags] [args]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'enduse COMMAND -h' for a command's flags.")
}

// newFlags returns a flag set that reports errors instead of exiting and
// prints its usage to env.Stderr.
func newFlags(env Env, name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet("enduse "+name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "Usage: enduse %s %s\n\nFlags:\n", name, usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, flags before or after the positional arguments
// ("enduse brand 希捷 --json" as well as "enduse brand --json 希捷"), and
// returns the positional arguments. Everything after "--" is positional.
// Flag errors become usage errors.
func parseFlags(fs *flag.FlagSet, cmd string, args []string) ([]string, error) {
	var pos []string
	for {
		dashes := len(args) > 0 && containsDashes(args)
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usagef(cmd, "%v", err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		// fs.Parse stopped at a positional argument or after "--".
		if dashes && len(rest) < len(args) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func containsDashes(args []string) bool {
	for _, a := range args {
		if a == "--" {
			return true
		}
	}
	return false
}

// writeJSONLine writes v as one line of JSON.
func writeJSONLine(w io.Writer, v any) error {
	return jsonout.Line(w, v)
}

// writeJSON writes v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	return jsonout.Indented(w, v, false)
}

// listFlag is a repeatable or comma-separated string flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error {
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*l = append(*l, p)
		}
	}
	return nil
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
