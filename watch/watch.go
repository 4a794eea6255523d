// Package watch runs saved queries (watches) over the store and delivers
// what they find: every ingest or crawl evaluates each watch and records an
// alert per announcement that newly matches it, once per announcement group
// so copies arriving later and re-ingested batches never alert twice; the
// alerts are then written to a JSON Lines file or POSTed, signed, to
// webhooks, and an alert a receiver did not take is retried on the next
// run.
//
// A watch's answer is exactly what `enduse query` answers for its filter:
// evaluation runs the store's own Query, so the two can never disagree.
package watch

import (
	"context"
	"errors"
	"fmt"

	"github.com/enduse/enduse"
)

// Store is what watches need of a backend.
type Store interface {
	enduse.RowIterator
	enduse.WatchStore
}

// Add saves a watch. Unless backfill is set, the announcements that already
// match it are recorded as its baseline, so the watch alerts only on what
// arrives from now on; with backfill they become alerts. It returns how
// many announcements matched.
func Add(ctx context.Context, st Store, w enduse.Watch, backfill bool) (int, error) {
	if err := st.AddWatch(ctx, w); err != nil {
		return 0, err
	}
	alerts, err := matches(ctx, st, w)
	if err == nil {
		for i := range alerts {
			alerts[i].Baseline = !backfill
		}
		_, err = st.RecordAlerts(ctx, alerts)
	}
	if err != nil {
		// A watch without its baseline would alert on everything that
		// already matches: take it back.
		if rerr := st.RemoveWatch(context.WithoutCancel(ctx), w.Name); rerr != nil {
			err = errors.Join(err, rerr)
		}
		return 0, fmt.Errorf("add watch %s: %w", w.Name, err)
	}
	return len(alerts), nil
}

// Evaluate runs every watch and records an alert for each announcement that
// matches it and has none yet. It returns the new alerts in the order
// recorded.
func Evaluate(ctx context.Context, st Store) ([]enduse.Alert, error) {
	ws, err := st.Watches(ctx)
	if err != nil {
		return nil, err
	}
	var added []enduse.Alert
	for _, w := range ws {
		alerts, err := matches(ctx, st, w)
		if err != nil {
			return added, fmt.Errorf("evaluate watch %s: %w", w.Name, err)
		}
		n, err := st.RecordAlerts(ctx, alerts)
		added = append(added, n...)
		if err != nil {
			return added, fmt.Errorf("evaluate watch %s: %w", w.Name, err)
		}
	}
	return added, nil
}

// Run evaluates the watches and delivers every undelivered alert to the
// sinks: what an ingest or crawl does when it has stored its notices.
func Run(ctx context.Context, st Store, sinks []Sink) ([]enduse.Alert, []Report, error) {
	added, err := Evaluate(ctx, st)
	if err != nil {
		return added, nil, err
	}
	reps, err := Deliver(ctx, st, sinks)
	return added, reps, err
}

// matches lists one alert per announcement group matching the watch: the
// rows of its query, all of them.
func matches(ctx context.Context, st enduse.RowIterator, w enduse.Watch) ([]enduse.Alert, error) {
	var out []enduse.Alert
	err := st.EachRow(ctx, w.Filter, func(r enduse.Row) error {
		group := r.Group
		if group == "" {
			group = "d" + r.ID
		}
		out = append(out, enduse.Alert{Watch: w.Name, Group: group, Notice: r.ID, Row: r})
		return nil
	})
	return out, err
}
