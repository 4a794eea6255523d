package storetest

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/enduse/enduse"
)

// WatchBackend is what the watch conformance suite needs of a store.
type WatchBackend interface {
	enduse.WatchStore
	enduse.Store
}

// RunWatch checks a store's enduse.WatchStore: watch names are unique,
// alerts are recorded once per (watch, group), baseline alerts are never
// listed or delivered, deliveries count attempts and a failed one stays
// undelivered, and removing a watch removes its alerts. open returns a
// fresh store each call.
func RunWatch(t *testing.T, open func(t *testing.T) WatchBackend) {
	ctx := context.Background()
	t.Run("watches", func(t *testing.T) {
		st := open(t)
		w := enduse.Watch{Name: "seagate-xj", Filter: enduse.Filter{Brand: "Seagate", Region: "65", Sector: enduse.SectorPublicSecurity}}
		if err := st.AddWatch(ctx, w); err != nil {
			t.Fatal(err)
		}
		if err := st.AddWatch(ctx, w); !errors.Is(err, enduse.ErrInvalid) {
			t.Fatalf("second add of the same name = %v, want ErrInvalid", err)
		}
		for _, bad := range []enduse.Watch{{Name: ""}, {Name: "a/b"}, {Name: "x", Filter: enduse.Filter{From: "2022-13-01"}}} {
			if err := st.AddWatch(ctx, bad); !errors.Is(err, enduse.ErrInvalid) {
				t.Errorf("add %+v = %v, want ErrInvalid", bad, err)
			}
		}
		ws, err := st.Watches(ctx)
		if err != nil || len(ws) != 1 || ws[0].Name != w.Name || ws[0].Filter.Brand != "Seagate" || ws[0].Filter.Region != "65" || ws[0].Created.IsZero() {
			t.Fatalf("watches = %+v, %v", ws, err)
		}
		if err := st.RemoveWatch(ctx, "nope"); !errors.Is(err, enduse.ErrNotFound) {
			t.Fatalf("remove unknown = %v, want ErrNotFound", err)
		}
	})
	t.Run("alerts", func(t *testing.T) {
		st := open(t)
		for _, name := range []string{"w1", "w2"} {
			if err := st.AddWatch(ctx, enduse.Watch{Name: name}); err != nil {
				t.Fatal(err)
			}
		}
		row := enduse.Row{ID: "aa", Title: "硬盘采购", Buyer: "乌鲁木齐市公安局"}
		batch := []enduse.Alert{
			{Watch: "w1", Group: "g1", Notice: "aa", Row: row},
			{Watch: "w1", Group: "g2", Notice: "bb"},
			{Watch: "w2", Group: "g1", Notice: "aa"},
			{Watch: "w1", Group: "g0", Notice: "cc", Baseline: true},
		}
		added, err := st.RecordAlerts(ctx, batch)
		if err != nil || len(added) != 4 {
			t.Fatalf("record = %d, %v; want 4", len(added), err)
		}
		// The same groups again (a copy arriving, a batch re-ingested): nothing new.
		again, err := st.RecordAlerts(ctx, []enduse.Alert{{Watch: "w1", Group: "g1", Notice: "dd"}, {Watch: "w1", Group: "g0", Notice: "ee"}})
		if err != nil || len(again) != 0 {
			t.Fatalf("re-record = %+v, %v; want none", again, err)
		}
		if _, err := st.RecordAlerts(ctx, []enduse.Alert{{Watch: "w1"}}); !errors.Is(err, enduse.ErrInvalid) {
			t.Fatalf("alert without group = %v, want ErrInvalid", err)
		}
		all, err := st.Alerts(ctx, enduse.AlertFilter{})
		if err != nil || len(all) != 3 {
			t.Fatalf("alerts = %+v, %v; want 3 (baseline hidden)", all, err)
		}
		if all[0].Row.Buyer != "乌鲁木齐市公安局" || all[0].Notice != "aa" || all[0].ID >= all[1].ID {
			t.Fatalf("first alert = %+v", all[0])
		}
		w1, _ := st.Alerts(ctx, enduse.AlertFilter{Watch: "w1"})
		after, _ := st.Alerts(ctx, enduse.AlertFilter{After: all[0].ID, Limit: 1})
		if len(w1) != 2 || len(after) != 1 || after[0].ID != all[1].ID {
			t.Fatalf("w1 = %d alerts, after first (limit 1) = %+v", len(w1), after)
		}

		const target = "webhook:http://127.0.0.1/x"
		und, err := st.Undelivered(ctx, target, 0)
		if err != nil || len(und) != 3 {
			t.Fatalf("undelivered = %d, %v; want 3", len(und), err)
		}
		if err := st.RecordDelivery(ctx, enduse.Delivery{Alert: und[0].ID, Target: target, State: enduse.DeliveryFailed, Attempts: 3, Reason: "connection refused"}); err != nil {
			t.Fatal(err)
		}
		if err := st.RecordDelivery(ctx, enduse.Delivery{Alert: und[1].ID, Target: target, State: enduse.DeliveryDelivered}); err != nil {
			t.Fatal(err)
		}
		und, _ = st.Undelivered(ctx, target, 0)
		if len(und) != 2 || und[0].ID != all[0].ID {
			t.Fatalf("after one failure and one delivery, undelivered = %+v; want the failed and the untried", und)
		}
		if other, _ := st.Undelivered(ctx, "file:/tmp/x", 0); len(other) != 3 {
			t.Fatalf("another target sees %d undelivered, want 3", len(other))
		}
		if err := st.RecordDelivery(ctx, enduse.Delivery{Alert: all[0].ID, Target: target, State: enduse.DeliveryDelivered}); err != nil {
			t.Fatal(err)
		}
		ds, err := st.Deliveries(ctx, all[0].ID)
		if err != nil || len(ds) != 1 || ds[0].State != enduse.DeliveryDelivered || ds[0].Attempts != 4 {
			t.Fatalf("deliveries = %+v, %v; want delivered after 4 attempts", ds, err)
		}
		if err := st.RecordDelivery(ctx, enduse.Delivery{Alert: all[0].ID, Target: target, State: "lost"}); !errors.Is(err, enduse.ErrInvalid) {
			t.Fatalf("unknown state = %v, want ErrInvalid", err)
		}

		if err := st.RemoveWatch(ctx, "w1"); err != nil {
			t.Fatal(err)
		}
		left, _ := st.Alerts(ctx, enduse.AlertFilter{})
		if len(left) != 1 || left[0].Watch != "w2" {
			t.Fatalf("after removing w1, alerts = %+v", left)
		}
		// A watch added again under the old name starts afresh.
		if err := st.AddWatch(ctx, enduse.Watch{Name: "w1"}); err != nil {
			t.Fatal(err)
		}
		if n, _ := st.RecordAlerts(ctx, []enduse.Alert{{Watch: "w1", Group: "g1", Notice: "aa"}}); len(n) != 1 {
			t.Fatalf("re-added watch: %d new alerts, want 1", len(n))
		}
	})
	t.Run("records", func(t *testing.T) {
		w := load(t, func(t *testing.T) enduse.Store { return open(t) })
		st := w.st.(enduse.WatchStore)
		ctx := context.Background()
		var docs []string
		for _, f := range w.fx {
			docs = append(docs, f.doc.SHA256)
		}
		// Reversed, with an unknown id: the order given, unknown ids left out.
		slices.Reverse(docs)
		got, err := st.NoticeRecords(ctx, append([]string{"0000"}, docs...))
		if err != nil {
			t.Fatal(err)
		}
		i := 0
		for _, d := range docs {
			sn, err := w.st.Notice(ctx, d)
			if err != nil {
				t.Fatal(err)
			}
			if sn.Notice.Error != "" {
				continue // stored as failed: no notice
			}
			if i >= len(got) {
				t.Fatalf("records stop at %d", i)
			}
			r := got[i]
			i++
			if r.Notice.SHA256 != d || r.Notice.Title != sn.Title || r.Group != sn.Group || r.MediaType != sn.MediaType ||
				strings.Join(r.Copies, ",") != strings.Join(sn.Copies, ",") || r.Purchase == "" {
				t.Errorf("record of %s = group %s copies %v purchase %q; Notice says group %s copies %v",
					d, r.Group, r.Copies, r.Purchase, sn.Group, sn.Copies)
			}
		}
		if i != len(got) || i == 0 {
			t.Errorf("%d records, %d notices", len(got), i)
		}
	})
}
