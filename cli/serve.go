package cli

import (
	"bytes"
	"context"
	"fmt"
	"sync"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/document"
	"github.com/enduse/enduse/ingest"
	"github.com/enduse/enduse/pipeline"
	"github.com/enduse/enduse/web"
)

// runServe serves the web UI and JSON API over a database.
func runServe(ctx context.Context, env Env, cfg Config, args []string) error {
	fs := newFlags(env, "serve", "[--db DSN] [--addr HOST:PORT] [--token TOKEN] [--allow-ingest]")
	db := fs.String("db", cfg.DB, "database: SQLite file path or postgres:// DSN")
	addr := fs.String("addr", cfg.Addr, "address to listen on; anything but loopback requires --token")
	token := fs.String("token", cfg.Token, "access token required on every request (also ENDUSE_TOKEN)")
	allowIngest := fs.Bool("allow-ingest", cfg.AllowIngest, "accept documents over HTTP (POST /api/v1/ingest); off by default")
	args, err := parseFlags(fs, "serve", args)
	if err != nil {
		return err
	}
	if len(args) > 0 {
		return usagef("serve", "unexpected argument %q", args[0])
	}
	cfg.Token, cfg.AllowIngest = *token, *allowIngest
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
		Token: cfg.Token, AllowIngest: cfg.AllowIngest,
	}
	if cfg.AllowIngest {
		wc.Ingest = uploader(st, p)
	}
	srv, err := web.New(wc)
	if err != nil {
		return err
	}
	return srv.ListenAndServe(ctx, addr, func(url string) {
		fmt.Fprintf(env.Stdout, "\nServing the enduse UI and API on %s (Ctrl-C to stop)\n", url)
	})
}

// uploader stores one uploaded file — a notice or a crawler export — with
// the same pipeline as `enduse ingest`.
func uploader(st enduse.DocumentStore, p *pipeline.Pipeline) web.IngestFunc {
	var mu sync.Mutex // one upload at a time: SQLite has one writer anyway
	return func(ctx context.Context, name string, data []byte) (enduse.IngestOutcome, []string, error) {
		mu.Lock()
		defer mu.Unlock()
		var ids []string
		src := func(fn func(*enduse.Document, error) error) error {
			collect := func(d *enduse.Document, err error) error {
				if d != nil {
					ids = append(ids, d.SHA256)
				}
				return fn(d, err)
			}
			if document.IsRecordFile(name) {
				return document.ReadRecords(bytes.NewReader(data), name, nil, collect)
			}
			d, err := document.Parse(data, name, document.Options{})
			return collect(d, err)
		}
		sum, err := ingest.Run(ctx, st, p, src, ingest.Options{Workers: 1})
		if err != nil {
			return "", nil, err
		}
		if sum.Unreadable > 0 && len(ids) == 0 {
			return "", nil, fmt.Errorf("%s: %v: %w", name, sum.Errors, enduse.ErrInvalid)
		}
		switch {
		case sum.Stored > 0:
			return enduse.OutcomeStored, ids, nil
		case sum.Failed > 0:
			return enduse.OutcomeFailed, ids, nil
		default:
			return enduse.OutcomeDuplicate, ids, nil
		}
	}
}
