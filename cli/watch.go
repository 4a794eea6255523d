package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/safetext"
	"github.com/enduse/enduse/watch"
)

// AlertConfig says where alerts go after each ingest and crawl (config
// key "alerts"). Secrets may come from the environment instead:
// ENDUSE_WEBHOOK_SECRET signs every webhook without a secret of its own.
type AlertConfig struct {
	File     string          `json:"file,omitempty"` // JSON Lines file alerts are appended to
	Webhooks []WebhookConfig `json:"webhooks,omitempty"`
}

// WebhookConfig is one webhook receiver.
type WebhookConfig struct {
	URL    string `json:"url"`
	Secret string `json:"secret,omitempty"` // HMAC-SHA256 key for X-Enduse-Signature
}

// validate checks the alert targets once, before anything is sent.
func (a AlertConfig) validate() error {
	for _, w := range a.Webhooks {
		u, err := url.Parse(w.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("config: alerts webhook %q is not an http(s) URL", w.URL)
		}
	}
	return nil
}

// sinks are the configured alert targets.
func alertSinks(env Env, cfg Config) ([]watch.Sink, error) {
	if err := cfg.Alerts.validate(); err != nil {
		return nil, err
	}
	var out []watch.Sink
	if cfg.Alerts.File != "" {
		out = append(out, watch.File{Path: cfg.Alerts.File})
	}
	for _, w := range cfg.Alerts.Webhooks {
		secret := w.Secret
		if secret == "" {
			secret = env.Getenv("ENDUSE_WEBHOOK_SECRET")
		}
		out = append(out, watch.Webhook{URL: w.URL, Secret: secret})
	}
	return out, nil
}

// watchStore is the store's watch side; both backends have one.
func watchStore(st store) (watch.Store, error) {
	ws, ok := st.(watch.Store)
	if !ok {
		return nil, errors.New("this store keeps no watches")
	}
	return ws, nil
}

// runWatchesAfter evaluates the watches on what an ingest or crawl stored
// and delivers the alerts, reporting on stderr (stdout may be JSON). A store
// without watches costs one small query.
func runWatchesAfter(ctx context.Context, env Env, cfg Config, st store) error {
	ws, err := watchStore(st)
	if err != nil {
		return nil
	}
	list, err := ws.Watches(ctx)
	if err != nil || len(list) == 0 {
		return err
	}
	sinks, err := alertSinks(env, cfg)
	if err != nil {
		return err
	}
	added, reps, err := watch.Run(ctx, ws, sinks)
	fmt.Fprintf(env.Stderr, "watches: %d new alerts from %d watches\n", len(added), len(list))
	printDeliveries(env.Stderr, reps)
	if err != nil {
		return fmt.Errorf("watches: %w", err)
	}
	return nil
}

func printDeliveries(w io.Writer, reps []watch.Report) {
	for _, r := range reps {
		fmt.Fprintf(w, "  %s: %d delivered, %d failed, %d pending", safetext.Escape(r.Target), r.Delivered, r.Failed, r.Pending)
		if r.LastError != "" {
			fmt.Fprintf(w, " (%s; retried on the next run)", safetext.Escape(r.LastError))
		}
		fmt.Fprintln(w)
	}
}

// runWatch manages watches: saved queries that alert on new announcements.
func runWatch(ctx context.Context, env Env, cfg Config, args []string) error {
	const usage = "add NAME [filters] [--backfill] | list [--json] | rm NAME | run"
	if len(args) == 0 {
		return usagef("watch", "give a subcommand: %s", usage)
	}
	sub, args := args[0], args[1:]
	fs := newFlags(env, "watch "+sub, usage)
	db := fs.String("db", cfg.DB, "database: SQLite file path or postgres:// DSN")
	asJSON := fs.Bool("json", false, "print JSON")
	var filter func() (enduse.Filter, error)
	var backfill *bool
	if sub == "add" {
		filter = filterFlags(fs)
		backfill = fs.Bool("backfill", false, "alert on the announcements that already match (default: they are the baseline)")
	}
	pos, err := parseFlags(fs, "watch", args)
	if err != nil {
		return err
	}
	open := func() (watch.Store, func(), error) {
		st, err := openStore(ctx, *db)
		if err != nil {
			return nil, nil, err
		}
		ws, err := watchStore(st)
		if err != nil {
			st.Close()
			return nil, nil, err
		}
		return ws, func() { st.Close() }, nil
	}
	switch sub {
	case "add":
		if len(pos) != 1 {
			return usagef("watch", "watch add takes one NAME (quote a name with spaces) and filter flags")
		}
		f, err := filter()
		if err != nil {
			return usagef("watch", "%v", err)
		}
		f.Limit, f.Offset = 0, 0
		if f, err = resolveFilter(cfg, f); err != nil {
			return err
		}
		ws, done, err := open()
		if err != nil {
			return err
		}
		defer done()
		n, err := watch.Add(ctx, ws, enduse.Watch{Name: pos[0], Filter: f}, *backfill)
		if err != nil {
			return err
		}
		what := "the baseline: only announcements stored from now on alert"
		if *backfill {
			what = "alerts, delivered with the next ingest or 'enduse watch run'"
		}
		fmt.Fprintf(env.Stdout, "watch %q added; %d announcements match now (%s)\n", pos[0], n, what)
		return nil
	case "list":
		ws, done, err := open()
		if err != nil {
			return err
		}
		defer done()
		list, err := ws.Watches(ctx)
		if err != nil {
			return err
		}
		if *asJSON {
			if list == nil {
				list = []enduse.Watch{}
			}
			return writeJSON(env.Stdout, list)
		}
		tw := tabwriter.NewWriter(env.Stdout, 0, 2, 2, ' ', 0)
		fmt.Fprintln(tw, "NAME\tCREATED\tFILTER")
		for _, w := range list {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", safetext.Escape(w.Name), w.Created.Format(time.DateOnly), safetext.Escape(describeFilter(w.Filter)))
		}
		return tw.Flush()
	case "rm":
		if len(pos) != 1 {
			return usagef("watch", "watch rm takes one NAME")
		}
		ws, done, err := open()
		if err != nil {
			return err
		}
		defer done()
		if err := ws.RemoveWatch(ctx, pos[0]); err != nil {
			if errors.Is(err, enduse.ErrNotFound) {
				return fmt.Errorf("no watch named %q; 'enduse watch list' shows them", pos[0])
			}
			return err
		}
		fmt.Fprintf(env.Stdout, "watch %q removed with its alerts\n", pos[0])
		return nil
	case "run":
		ws, done, err := open()
		if err != nil {
			return err
		}
		defer done()
		sinks, err := alertSinks(env, cfg)
		if err != nil {
			return err
		}
		added, reps, err := watch.Run(ctx, ws, sinks)
		if *asJSON {
			if werr := writeJSON(env.Stdout, map[string]any{"new_alerts": len(added), "deliveries": reps}); werr != nil {
				return werr
			}
		} else {
			fmt.Fprintf(env.Stdout, "%d new alerts\n", len(added))
			printDeliveries(env.Stdout, reps)
		}
		return err
	default:
		return usagef("watch", "unknown subcommand %q; give %s", sub, usage)
	}
}

// describeFilter is a filter as the flags that would make it
// (enduse.Filter.Criteria).
func describeFilter(f enduse.Filter) string {
	var parts []string
	for _, c := range f.Criteria() {
		parts = append(parts, c.Flag)
	}
	if len(parts) == 0 {
		return "(every notice)"
	}
	return strings.Join(parts, " ")
}

// runAlerts lists the alerts the watches recorded.
func runAlerts(ctx context.Context, env Env, cfg Config, args []string) error {
	fs := newFlags(env, "alerts", "[--db DSN] [--watch NAME] [--after ID] [--limit N] [--json]")
	db := fs.String("db", cfg.DB, "database: SQLite file path or postgres:// DSN")
	name := fs.String("watch", "", "only this watch's alerts")
	after := fs.Int64("after", 0, "only alerts with a larger id (what is new since a previous listing)")
	limit := fs.Int("limit", 0, "at most this many alerts (0 = all)")
	asJSON := fs.Bool("json", false, "print JSON Lines, one alert per line")
	pos, err := parseFlags(fs, "alerts", args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("alerts", "unexpected argument %q", pos[0])
	}
	if *limit < 0 || *after < 0 {
		return usagef("alerts", "--limit and --after must not be negative")
	}
	st, err := openExistingStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	ws, err := watchStore(st)
	if err != nil {
		return err
	}
	alerts, err := ws.Alerts(ctx, enduse.AlertFilter{Watch: *name, After: *after, Limit: *limit})
	if err != nil {
		return err
	}
	if *asJSON {
		for _, a := range alerts {
			if err := writeJSONLine(env.Stdout, watch.NewPayload(a)); err != nil {
				return err
			}
		}
		return nil
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 2, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tWATCH\tPUBLISHED\tTYPE\tBUYER\tTITLE\tNOTICE")
	for _, a := range alerts {
		r := a.Row
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", a.ID, safetext.Escape(a.Watch), r.Published, r.Type,
			safetext.Escape(r.Buyer), safetext.Escape(truncate(r.Title, 40)), a.Notice[:min(12, len(a.Notice))])
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "%d alerts\n", len(alerts))
	return nil
}

// truncate cuts s to n runes with an ellipsis.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
