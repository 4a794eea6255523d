package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/enduse/enduse/pipeline"
	"github.com/enduse/enduse/web"
)

// runServe serves the web UI and JSON API over a database.
func runServe(ctx context.Context, env Env, cfg Config, args []string) error {
	fs := newFlags(env, "serve", "[--db DSN] [--addr HOST:PORT] [--token TOKEN] [--allowed-hosts NAME,...] [--allow-ingest] [--serve-raw]")
	db := fs.String("db", cfg.DB, "database: SQLite file path or postgres:// DSN")
	addr := fs.String("addr", cfg.Addr, "address to listen on; anything but loopback requires --token")
	token := fs.String("token", cfg.Token, "access token required on every request, at least 16 characters (also ENDUSE_TOKEN)")
	hosts := fs.String("allowed-hosts", strings.Join(cfg.AllowedHosts, ","),
		"comma-separated host names clients use to reach the server, besides localhost/127.0.0.1/[::1]; other Host headers are refused")
	allowIngest := fs.Bool("allow-ingest", cfg.AllowIngest, "accept documents over HTTP (POST /api/v1/ingest); off by default")
	serveRaw := fs.Bool("serve-raw", cfg.ServeRaw, "serve stored originals (unmasked personal data) at /api/v1/notices/{id}/raw to 'Authorization: Bearer TOKEN' holders; requires --token; off by default")
	args, err := parseFlags(fs, "serve", args)
	if err != nil {
		return err
	}
	if len(args) > 0 {
		return usagef("serve", "unexpected argument %q", args[0])
	}
	cfg.Token, cfg.AllowIngest, cfg.ServeRaw = *token, *allowIngest, *serveRaw
	cfg.AllowedHosts = nil
	for _, h := range strings.Split(*hosts, ",") {
		if h = strings.TrimSpace(h); h != "" {
			cfg.AllowedHosts = append(cfg.AllowedHosts, h)
		}
	}
	if cfg.ServeRaw && cfg.Token == "" {
		return usagef("serve", "--serve-raw requires --token: stored originals carry unmasked personal data")
	}
	st, err := openExistingStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	return serve(ctx, env, cfg, st, *addr)
}

// serve runs the web server on st until ctx ends.
func serve(ctx context.Context, env Env, cfg Config, st store, addr string) error {
	lists, err := loadLists(ctx, st)
	if err != nil {
		return err
	}
	p, err := pipeline.New(pipeline.Config{KBDirs: cfg.KBDirs, Lists: lists})
	if err != nil {
		return err
	}
	wc := web.Config{
		Store: st, KB: p.KB, Regions: p.Regions, Screener: p.Screener, Lists: lists,
		Token: cfg.Token, AllowIngest: cfg.AllowIngest, AllowedHosts: cfg.AllowedHosts,
		ServeRaw: cfg.ServeRaw,
	}
	if cfg.AllowIngest {
		wc.Ingest = web.PipelineIngest(st, p)
	}
	srv, err := web.New(wc)
	if err != nil {
		return err
	}
	// Stores that keep broad answers compute them in the background, so the
	// first visitor of the home and brand pages does not wait for them.
	if w, ok := st.(interface{ Warm(context.Context) error }); ok {
		go func() {
			if err := w.Warm(ctx); err != nil && ctx.Err() == nil {
				fmt.Fprintf(env.Stderr, "enduse serve: precomputing answers: %v\n", err)
			}
		}()
	}
	return srv.ListenAndServe(ctx, addr, func(url string) {
		fmt.Fprintf(env.Stdout, "\nServing the enduse UI and API on %s (Ctrl-C to stop)\n", url)
	})
}
