package cli

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/crawl"
	"github.com/enduse/enduse/pipeline"
)

// runCrawl fetches a site profile's notices into the database, resuming
// from the frontier kept there.
func runCrawl(ctx context.Context, env Env, cfg Config, args []string) error {
	fs := newFlags(env, "crawl", "--site NAME | --profile FILE [--from DATE] [--to DATE] [--keyword WORD] [--since-last [--recheck-days N]] [--warc DIR]")
	db := fs.String("db", cfg.DB, "database: SQLite file path or postgres:// DSN")
	site := fs.String("site", "", "shipped profile name (see --list)")
	profFile := fs.String("profile", "", "site profile file of your own (JSON, see docs/crawl-profiles.md)")
	baseURL := fs.String("base-url", "", "point the profile at a mirror or a local replay")
	from := fs.String("from", "", "first publication date, YYYY-MM-DD")
	to := fs.String("to", "", "last publication date, YYYY-MM-DD")
	keyword := fs.String("keyword", "", "search word the site's list filters on (e.g. 公安)")
	sinceLast := fs.Bool("since-last", false, "incremental run: read the channels' first pages again and fetch only new notices")
	recheck := fs.Int("recheck-days", 0, "with --since-last, also fetch again (conditional GET) the notices published in the last N days, to catch corrections made in place")
	warcDir := fs.String("warc", "", "also write every raw response to WARC files (.warc.gz) in this directory")
	ignoreRobots := fs.Bool("ignore-robots", false, "do not obey robots.txt (logged; only for sites you may crawl regardless)")
	rate := fs.Float64("rate", -1, "requests per second per host (default: the profile's; 0 = no limit, for your own mirrors)")
	workers := fs.Int("workers", 0, "parallel fetches (default: the profile's concurrency)")
	owner := fs.String("owner", "", "this crawler's name in the shared frontier (default host:pid)")
	list := fs.Bool("list", false, "list the shipped profiles and exit")
	asJSON := fs.Bool("json", false, "print the summary as JSON")
	if _, err := parseFlags(fs, "crawl", args); err != nil {
		return err
	}
	shipped, err := crawl.Shipped()
	if err != nil {
		return err
	}
	if *list {
		for _, n := range crawl.Names(shipped) {
			fmt.Fprintf(env.Stdout, "%-15s %s\n", n, shipped[n].Title)
		}
		return nil
	}
	var prof *crawl.Profile
	switch {
	case *profFile != "":
		if prof, err = crawl.LoadProfile(*profFile); err != nil {
			return err
		}
	case *site != "":
		if prof = shipped[*site]; prof == nil {
			return usagef("crawl", "no profile %q; shipped: %s", *site, strings.Join(crawl.Names(shipped), ", "))
		}
	default:
		return usagef("crawl", "give --site NAME or --profile FILE")
	}
	if *baseURL != "" {
		if prof, err = prof.WithBase(*baseURL); err != nil {
			return usagef("crawl", "%v", err)
		}
	}
	if *recheck < 0 || (*recheck > 0 && !*sinceLast) {
		return usagef("crawl", "--recheck-days needs --since-last and a number of days ≥ 0")
	}
	var fromT, toT time.Time
	for _, d := range []struct {
		s   string
		t   *time.Time
		arg string
	}{{*from, &fromT, "--from"}, {*to, &toT, "--to"}} {
		if d.s == "" {
			continue
		}
		if *d.t, err = time.Parse("2006-01-02", d.s); err != nil {
			return usagef("crawl", "%s %q is not a date (YYYY-MM-DD)", d.arg, d.s)
		}
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	fr, ok := st.(enduse.Frontier)
	if !ok {
		return fmt.Errorf("crawl: the %s store keeps no frontier", *db)
	}
	lists, err := loadLists(ctx, st)
	if err != nil {
		return err
	}
	p, err := pipeline.New(pipeline.Config{KBDirs: cfg.KBDirs, Lists: lists})
	if err != nil {
		return err
	}
	r := prof.Rate
	if *rate >= 0 {
		r = *rate
	}
	ua := "enduse-crawler/1"
	if cfg.Contact != "" {
		ua += " (+" + cfg.Contact + ")"
	} else {
		fmt.Fprintln(env.Stderr, "crawl: no contact configured (config \"contact\" or ENDUSE_CONTACT); sites cannot reach you about your crawler")
	}
	if *owner == "" {
		h, _ := os.Hostname()
		*owner = fmt.Sprintf("%s:%d", h, os.Getpid())
	}
	log := slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	c := &crawl.Crawler{
		Profile: prof, Frontier: fr, Save: crawl.IngestSaver(st, p, 0), Owner: *owner, Workers: *workers,
		Keyword: *keyword, From: fromT, To: toT, Recheck: time.Duration(*recheck) * 24 * time.Hour,
		Client: crawl.NewClient(crawl.Options{UserAgent: ua, Rate: r, Concurrency: max(prof.Concurrency, *workers),
			Hosts: prof.AllowedHosts(), IgnoreRobots: *ignoreRobots, Logger: log}),
	}
	if *warcDir != "" {
		if c.Archive, err = crawl.OpenArchive(*warcDir, prof.Name, 0); err != nil {
			return err
		}
		defer c.Archive.Close()
	}
	prog := newCrawlProgress(env, ctx, fr, prof.Name)
	c.Progress = prog.update
	if err := c.Seed(ctx, *sinceLast); err != nil {
		return err
	}
	start := time.Now()
	sum, err := c.Run(ctx)
	prog.finish()
	if *asJSON {
		writeJSON(env.Stdout, sum)
	} else {
		fmt.Fprintf(env.Stdout, "crawled %s in %s: %d new, %d updated, %d unchanged, %d failed, %d to retry; %d list pages, %d fetches, %d resumed without refetch; %d left queued\n",
			prof.Name, time.Since(start).Round(time.Millisecond), sum.New, sum.Updated, sum.Same, sum.Failed, sum.Retrying, sum.Lists, sum.Fetches, sum.Resumed, sum.Queued)
	}
	if err == nil {
		err = runWatchesAfter(ctx, env, cfg, st)
	}
	return err
}

// crawlProgress shows pages/s and an ETA from the frontier's queue on a
// terminal, nothing in a pipe.
type crawlProgress struct {
	mu   sync.Mutex // workers report concurrently
	bar  *progressbar.ProgressBar
	t0   time.Time
	last time.Time
	ctx  context.Context
	fr   enduse.Frontier
	site string
}

func newCrawlProgress(env Env, ctx context.Context, fr enduse.Frontier, site string) *crawlProgress {
	p := &crawlProgress{t0: time.Now(), ctx: ctx, fr: fr, site: site}
	if env.Interactive(env.Stderr) {
		p.bar = progressbar.NewOptions(-1, progressbar.OptionSetWriter(env.Stderr), progressbar.OptionSetDescription("crawl"),
			progressbar.OptionThrottle(200*time.Millisecond), progressbar.OptionClearOnFinish())
	}
	return p
}

func (p *crawlProgress) update(s crawl.Stats) {
	if p.bar == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if time.Since(p.last) < time.Second {
		return
	}
	p.last = time.Now()
	done := s.Fetches + s.Resumed
	rate := float64(done) / time.Since(p.t0).Seconds()
	left := 0
	if c, err := p.fr.FrontierCounts(p.ctx, p.site); err == nil {
		left = c[enduse.FrontierQueued] + c[enduse.FrontierFetched]
	}
	eta := "?"
	if rate > 0 {
		eta = (time.Duration(float64(left)/rate) * time.Second).Round(time.Second).String()
	}
	p.bar.Describe(fmt.Sprintf("crawl %d pages (%.1f/s), %d new, %d updated, %d failed, %d queued, ETA %s", done, rate, s.New, s.Updated, s.Failed, left, eta))
	p.bar.Add(1)
}

func (p *crawlProgress) finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}
