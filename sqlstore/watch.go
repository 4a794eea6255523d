package sqlstore

import (
	"context"

	"github.com/enduse/enduse"
)

var _ enduse.WatchStore = (*Store)(nil)

func (s *Store) watches() watchOps {
	return watchOps{DB: simpleSQL{s}, Now: s.now}
}

// AddWatch implements enduse.WatchStore.
func (s *Store) AddWatch(ctx context.Context, w enduse.Watch) error {
	return s.watches().AddWatch(ctx, w)
}

// Watches implements enduse.WatchStore.
func (s *Store) Watches(ctx context.Context) ([]enduse.Watch, error) {
	return s.watches().Watches(ctx)
}

// RemoveWatch implements enduse.WatchStore.
func (s *Store) RemoveWatch(ctx context.Context, name string) error {
	return s.watches().RemoveWatch(ctx, name)
}

// RecordAlerts implements enduse.WatchStore.
func (s *Store) RecordAlerts(ctx context.Context, alerts []enduse.Alert) ([]enduse.Alert, error) {
	return s.watches().RecordAlerts(ctx, alerts)
}

// Alerts implements enduse.WatchStore.
func (s *Store) Alerts(ctx context.Context, f enduse.AlertFilter) ([]enduse.Alert, error) {
	return s.watches().Alerts(ctx, f)
}

// Undelivered implements enduse.WatchStore.
func (s *Store) Undelivered(ctx context.Context, target string, limit int) ([]enduse.Alert, error) {
	return s.watches().Undelivered(ctx, target, limit)
}

// RecordDelivery implements enduse.WatchStore.
func (s *Store) RecordDelivery(ctx context.Context, d enduse.Delivery) error {
	return s.watches().RecordDelivery(ctx, d)
}

// Deliveries implements enduse.WatchStore.
func (s *Store) Deliveries(ctx context.Context, alert int64) ([]enduse.Delivery, error) {
	return s.watches().Deliveries(ctx, alert)
}

// NoticeRecords implements enduse.WatchStore.
func (s *Store) NoticeRecords(ctx context.Context, docs []string) ([]enduse.NoticeRecord, error) {
	return s.watches().NoticeRecords(ctx, docs)
}
