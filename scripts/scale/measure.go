package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"time"
)

// answer is one measured command: enduse's arguments after --db.
type answer struct {
	name string
	args []string
}

// answers is what measure times: the broad answers of issue 13. org is
// the key of the most frequent buyer.
func answers(org string) []answer {
	return []answer{
		{"unfiltered query", []string{"query", "--json"}},
		{"case-study query", []string{"query", "--json", "--brand", "Seagate", "--sector", "public_security", "--region", "65",
			"--type", "award,contract", "--from", "2022-01-01", "--to", "2022-05-12"}},
		{"brand profile Seagate", []string{"brand", "--json", "Seagate"}},
		{"org profile (top buyer)", []string{"org", "--json", org}},
		{"text search 视频监控", []string{"query", "--json", "--text", "视频监控"}},
	}
}

// run is one timed run: wall seconds, CPU seconds (user+sys), peak RSS in
// MB, and the announcements the answer counts (-1 when it has none).
type run struct {
	wall, cpu float64
	rssMB     int
	notices   int
}

func runMeasure(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("measure", flag.ContinueOnError)
	dsn := fs.String("db", "", "store: SQLite path or postgres:// DSN")
	bin := fs.String("bin", "", "enduse binary to measure")
	label := fs.String("label", "", "label of the rows (default: the store's notices)")
	warm := fs.Int("warm", 1, "warm runs after each cold one (the median is reported)")
	timeout := fs.Duration("timeout", 20*time.Minute, "longest a run may take")
	only := fs.String("only", "", "measure only the answers whose name contains this")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dsn == "" || *bin == "" {
		return errors.New("measure: -db and -bin are required")
	}
	s, err := open(*dsn)
	if err != nil {
		return err
	}
	defer s.db.Close()
	var notices int
	var org string
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM notices`).Scan(&notices); err != nil {
		return fmt.Errorf("measure: %w", err)
	}
	if err := s.db.QueryRowContext(ctx, `SELECT key FROM orgs ORDER BY as_buyer DESC, key LIMIT 1`).Scan(&org); err != nil {
		return fmt.Errorf("measure: top buyer: %w", err)
	}
	if *label == "" {
		*label = strconv.Itoa(notices)
	}
	engine := "SQLite"
	if s.pg {
		engine = "PostgreSQL"
	}
	for _, a := range answers(org) {
		if *only != "" && !strings.Contains(a.name, *only) {
			continue
		}
		// A write invalidates stored answers: bump the generation as any
		// save does (PostgreSQL stores none).
		if !s.pg {
			if _, err := s.db.ExecContext(ctx, `UPDATE generation SET value = value + 1 WHERE id = 1`); err != nil {
				return fmt.Errorf("measure: invalidate: %w", err)
			}
		}
		cold, err := timed(ctx, *timeout, *bin, *dsn, a.args)
		if err != nil {
			return fmt.Errorf("measure %s: %w", a.name, err)
		}
		var ws []run
		for i := 0; i < *warm; i++ {
			w, err := timed(ctx, *timeout, *bin, *dsn, a.args)
			if err != nil {
				return fmt.Errorf("measure %s: %w", a.name, err)
			}
			ws = append(ws, w)
		}
		w := median(ws)
		fmt.Printf("| %s | %s | %s | %.2f | %.2f | %d | %.2f | %d | %d |\n", engine, *label, a.name,
			cold.wall, cold.cpu, cold.rssMB, w.wall, w.rssMB, cold.notices)
	}
	return nil
}

// timed runs bin --db dsn args once under /usr/bin/time in a fresh
// process.
func timed(ctx context.Context, timeout time.Duration, bin, dsn string, args []string) (run, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	full := append([]string{"-f", "%e %U %S %M", bin, args[0], "--db", dsn}, args[1:]...)
	cmd := exec.CommandContext(ctx, "/usr/bin/time", full...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return run{}, fmt.Errorf("%s: %w: %s", strings.Join(args, " "), err, lastLine(errb.String()))
	}
	var r run
	var user, sys float64
	var rssKB int
	if _, err := fmt.Sscanf(lastLine(errb.String()), "%f %f %f %d", &r.wall, &user, &sys, &rssKB); err != nil {
		return run{}, fmt.Errorf("read /usr/bin/time output %q: %w", lastLine(errb.String()), err)
	}
	r.cpu, r.rssMB = user+sys, rssKB/1024
	r.notices = countOf(out.Bytes())
	return r, nil
}

// countOf is the announcements an answer counts: a query's notices, a
// brand profile's notices figure, an org profile's records.
func countOf(b []byte) int {
	var v struct {
		Notices json.RawMessage `json:"notices"`
		Records *struct {
			Notices int `json:"notices"`
		} `json:"records"`
	}
	if json.Unmarshal(b, &v) != nil {
		return -1
	}
	if v.Records != nil {
		return v.Records.Notices
	}
	var n int
	if json.Unmarshal(v.Notices, &n) == nil {
		return n
	}
	var fig struct {
		Notices int `json:"notices"`
	}
	if json.Unmarshal(v.Notices, &fig) == nil {
		return fig.Notices
	}
	return -1
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}

// median is the run of median wall time.
func median(rs []run) run {
	if len(rs) == 0 {
		return run{}
	}
	sorted := slices.Clone(rs)
	slices.SortFunc(sorted, func(a, b run) int { return cmp.Compare(a.wall, b.wall) })
	return sorted[len(sorted)/2]
}
