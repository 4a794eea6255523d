package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/enduse/enduse"
)

// watchOps implements enduse.WatchStore over either store's SQL; the
// queries are the same in both dialects.
type watchOps struct {
	DB  simpleDB
	Now func() time.Time
}

func (s watchOps) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// MaxWatchName bounds a watch's name, which is shown in tables and URLs.
const MaxWatchName = 200

// ValidWatchName reports why a watch name is unusable ("" when it is fine):
// names are typed on command lines and appear in URL paths.
func ValidWatchName(name string) string {
	switch {
	case strings.TrimSpace(name) == "":
		return "empty"
	case len(name) > MaxWatchName:
		return fmt.Sprintf("longer than %d bytes", MaxWatchName)
	case !utf8.ValidString(name):
		return "not valid UTF-8"
	case strings.ContainsAny(name, "/\\\x00\n\r\t"):
		return "contains a slash, backslash or control character"
	case name != strings.TrimSpace(name):
		return "starts or ends with a space"
	}
	return ""
}

// AddWatch implements enduse.WatchStore.
func (s watchOps) AddWatch(ctx context.Context, w enduse.Watch) error {
	if why := ValidWatchName(w.Name); why != "" {
		return fmt.Errorf("add watch %q: name %s: %w", w.Name, why, enduse.ErrInvalid)
	}
	f := w.Filter
	f.Limit, f.Offset = 0, 0
	if _, err := f.Validate(); err != nil {
		return fmt.Errorf("add watch %s: %w", w.Name, err)
	}
	b, err := json.Marshal(f)
	if err != nil {
		return fmt.Errorf("add watch %s: %w", w.Name, err)
	}
	created := w.Created
	if created.IsZero() {
		created = s.now()
	}
	n, err := s.DB.Exec(ctx, `INSERT INTO watches (name, filter, created) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING`,
		w.Name, string(b), created.UnixMilli())
	if err != nil {
		return fmt.Errorf("add watch %s: %w", w.Name, err)
	}
	if n == 0 {
		return fmt.Errorf("add watch %s: a watch of that name exists (remove it first): %w", w.Name, enduse.ErrInvalid)
	}
	return nil
}

// Watches implements enduse.WatchStore.
func (s watchOps) Watches(ctx context.Context) ([]enduse.Watch, error) {
	var out []enduse.Watch
	err := s.DB.Query(ctx, `SELECT name, filter, created FROM watches ORDER BY name`, nil, func(scan func(...any) error) error {
		var w enduse.Watch
		var f string
		var created int64
		if err := scan(&w.Name, &f, &created); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(f), &w.Filter); err != nil {
			return fmt.Errorf("watch %s: stored filter: %w", w.Name, err)
		}
		w.Created = time.UnixMilli(created).UTC()
		out = append(out, w)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list watches: %w", err)
	}
	return out, nil
}

// RemoveWatch implements enduse.WatchStore. Deliveries and alerts are
// deleted explicitly, so the removal does not depend on the backend
// enforcing ON DELETE CASCADE.
func (s watchOps) RemoveWatch(ctx context.Context, name string) error {
	if _, err := s.DB.Exec(ctx, `DELETE FROM deliveries WHERE alert IN (SELECT id FROM alerts WHERE watch = $1)`, name); err != nil {
		return fmt.Errorf("remove watch %s: %w", name, err)
	}
	if _, err := s.DB.Exec(ctx, `DELETE FROM alerts WHERE watch = $1`, name); err != nil {
		return fmt.Errorf("remove watch %s: %w", name, err)
	}
	n, err := s.DB.Exec(ctx, `DELETE FROM watches WHERE name = $1`, name)
	if err != nil {
		return fmt.Errorf("remove watch %s: %w", name, err)
	}
	if n == 0 {
		return fmt.Errorf("remove watch %s: %w", name, enduse.ErrNotFound)
	}
	return nil
}

// RecordAlerts implements enduse.WatchStore.
func (s watchOps) RecordAlerts(ctx context.Context, alerts []enduse.Alert) ([]enduse.Alert, error) {
	var added []enduse.Alert
	now := s.now()
	for _, a := range alerts {
		if a.Watch == "" || a.Group == "" || a.Notice == "" {
			return added, fmt.Errorf("record alert: watch, group and notice are required: %w", enduse.ErrInvalid)
		}
		if a.Created.IsZero() {
			a.Created = now
		}
		row, err := json.Marshal(a.Row)
		if err != nil {
			return added, fmt.Errorf("record alert %s %s: %w", a.Watch, a.Group, err)
		}
		baseline := 0
		if a.Baseline {
			baseline = 1
		}
		var id int64
		found := false
		err = s.DB.Query(ctx, `INSERT INTO alerts (watch, group_id, notice, created, baseline, row_json)
VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (watch, group_id) DO NOTHING RETURNING id`,
			[]any{a.Watch, a.Group, a.Notice, a.Created.UnixMilli(), baseline, string(row)},
			func(scan func(...any) error) error {
				found = true
				return scan(&id)
			})
		if err != nil {
			return added, fmt.Errorf("record alert %s %s: %w", a.Watch, a.Group, err)
		}
		if found {
			a.ID = id
			a.Created = time.UnixMilli(a.Created.UnixMilli()).UTC()
			added = append(added, a)
		}
	}
	return added, nil
}

const alertColumns = `a.id, a.watch, a.group_id, a.notice, a.created, a.baseline, a.row_json`

func scanAlert(scan func(...any) error) (enduse.Alert, error) {
	var a enduse.Alert
	var created int64
	var baseline int
	var row string
	if err := scan(&a.ID, &a.Watch, &a.Group, &a.Notice, &created, &baseline, &row); err != nil {
		return a, err
	}
	a.Created = time.UnixMilli(created).UTC()
	a.Baseline = baseline != 0
	if err := json.Unmarshal([]byte(row), &a.Row); err != nil {
		return a, fmt.Errorf("alert %d: stored row: %w", a.ID, err)
	}
	return a, nil
}

// Alerts implements enduse.WatchStore.
func (s watchOps) Alerts(ctx context.Context, f enduse.AlertFilter) ([]enduse.Alert, error) {
	q := `SELECT ` + alertColumns + ` FROM alerts a WHERE a.baseline = 0 AND a.id > $1`
	args := []any{f.After}
	if f.Watch != "" {
		args = append(args, f.Watch)
		q += ` AND a.watch = $` + strconv.Itoa(len(args))
	}
	q += ` ORDER BY a.id`
	if f.Limit > 0 {
		args = append(args, f.Limit)
		q += ` LIMIT $` + strconv.Itoa(len(args))
	}
	out := []enduse.Alert{}
	err := s.DB.Query(ctx, q, args, func(scan func(...any) error) error {
		a, err := scanAlert(scan)
		if err != nil {
			return err
		}
		out = append(out, a)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list alerts: %w", err)
	}
	return out, nil
}

// Undelivered implements enduse.WatchStore.
func (s watchOps) Undelivered(ctx context.Context, target string, limit int) ([]enduse.Alert, error) {
	if limit <= 0 {
		limit = 1000
	}
	var out []enduse.Alert
	err := s.DB.Query(ctx, `SELECT `+alertColumns+` FROM alerts a
LEFT JOIN deliveries d ON d.alert = a.id AND d.target = $1
WHERE a.baseline = 0 AND (d.state IS NULL OR d.state <> 'delivered') ORDER BY a.id LIMIT $2`,
		[]any{target, limit}, func(scan func(...any) error) error {
			a, err := scanAlert(scan)
			if err != nil {
				return err
			}
			out = append(out, a)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("undelivered alerts for %s: %w", target, err)
	}
	return out, nil
}

// RecordDelivery implements enduse.WatchStore.
func (s watchOps) RecordDelivery(ctx context.Context, d enduse.Delivery) error {
	if d.Target == "" || (d.State != enduse.DeliveryDelivered && d.State != enduse.DeliveryFailed) {
		return fmt.Errorf("record delivery of alert %d: target and a known state are required: %w", d.Alert, enduse.ErrInvalid)
	}
	updated := d.Updated
	if updated.IsZero() {
		updated = s.now()
	}
	attempts := max(d.Attempts, 1)
	_, err := s.DB.Exec(ctx, `INSERT INTO deliveries (alert, target, state, attempts, reason, updated)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (alert, target) DO UPDATE SET state = excluded.state, attempts = deliveries.attempts + excluded.attempts,
reason = excluded.reason, updated = excluded.updated`,
		d.Alert, d.Target, string(d.State), attempts, d.Reason, updated.UnixMilli())
	if err != nil {
		return fmt.Errorf("record delivery of alert %d to %s: %w", d.Alert, d.Target, err)
	}
	return nil
}

// Deliveries implements enduse.WatchStore.
func (s watchOps) Deliveries(ctx context.Context, alert int64) ([]enduse.Delivery, error) {
	var out []enduse.Delivery
	err := s.DB.Query(ctx, `SELECT alert, target, state, attempts, reason, updated FROM deliveries WHERE alert = $1 ORDER BY target`,
		[]any{alert}, func(scan func(...any) error) error {
			var d enduse.Delivery
			var state string
			var updated int64
			if err := scan(&d.Alert, &d.Target, &state, &d.Attempts, &d.Reason, &updated); err != nil {
				return err
			}
			d.State = enduse.DeliveryState(state)
			d.Updated = time.UnixMilli(updated).UTC()
			out = append(out, d)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("deliveries of alert %d: %w", alert, err)
	}
	return out, nil
}

// recordBatch bounds the placeholders of one NoticeRecords statement.
const recordBatch = 500

// placeholders is "$1, $2, …" for n values.
func placeholders(n int) string {
	marks := make([]string, n)
	for i := range marks {
		marks[i] = "$" + strconv.Itoa(i+1)
	}
	return strings.Join(marks, ", ")
}

// NoticeRecords implements enduse.WatchStore: two statements per batch of
// documents (notices, then their groups' copies), not two per notice.
func (s watchOps) NoticeRecords(ctx context.Context, docs []string) ([]enduse.NoticeRecord, error) {
	out := make([]enduse.NoticeRecord, 0, len(docs))
	for start := 0; start < len(docs); start += recordBatch {
		part := docs[start:min(start+recordBatch, len(docs))]
		args := make([]any, len(part))
		for i, d := range part {
			args[i] = d
		}
		byDoc := make(map[string]*enduse.NoticeRecord, len(part))
		var groups []any
		err := s.DB.Query(ctx, `SELECT n.doc, n.json, n.group_id, n.purchase_id, d.media_type
FROM notices n JOIN documents d ON d.sha256 = n.doc WHERE n.doc IN (`+placeholders(len(part))+`)`, args,
			func(scan func(...any) error) error {
				var doc, blob string
				r := &enduse.NoticeRecord{}
				if err := scan(&doc, &blob, &r.Group, &r.Purchase, &r.MediaType); err != nil {
					return err
				}
				if err := json.Unmarshal([]byte(blob), &r.Notice); err != nil {
					return fmt.Errorf("notice %s: decode stored notice: %w", doc, err)
				}
				byDoc[doc] = r
				groups = append(groups, r.Group)
				return nil
			})
		if err != nil {
			return nil, fmt.Errorf("read notices: %w", err)
		}
		members := map[string][]string{}
		if len(groups) > 0 {
			err = s.DB.Query(ctx, `SELECT group_id, doc FROM notices WHERE group_id IN (`+placeholders(len(groups))+`) ORDER BY id`, groups,
				func(scan func(...any) error) error {
					var g, doc string
					if err := scan(&g, &doc); err != nil {
						return err
					}
					members[g] = append(members[g], doc)
					return nil
				})
			if err != nil {
				return nil, fmt.Errorf("read notice copies: %w", err)
			}
		}
		for _, d := range part {
			r := byDoc[d]
			if r == nil {
				continue
			}
			for _, m := range members[r.Group] {
				if m != d {
					r.Copies = append(r.Copies, m)
				}
			}
			out = append(out, *r)
		}
	}
	return out, nil
}
