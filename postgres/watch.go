package postgres

import (
	"context"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/storeutil"
)

var _ enduse.WatchStore = (*DB)(nil)

// watches runs the shared watch queries (storeutil/watch.go).
func (db *DB) watches() storeutil.Watches {
	return storeutil.Watches{DB: pgAdapter{db.pool}, Now: db.now}
}

// AddWatch implements enduse.WatchStore.
func (db *DB) AddWatch(ctx context.Context, w enduse.Watch) error {
	return db.watches().AddWatch(ctx, w)
}

// Watches implements enduse.WatchStore.
func (db *DB) Watches(ctx context.Context) ([]enduse.Watch, error) {
	return db.watches().Watches(ctx)
}

// RemoveWatch implements enduse.WatchStore.
func (db *DB) RemoveWatch(ctx context.Context, name string) error {
	return db.watches().RemoveWatch(ctx, name)
}

// RecordAlerts implements enduse.WatchStore.
func (db *DB) RecordAlerts(ctx context.Context, alerts []enduse.Alert) ([]enduse.Alert, error) {
	return db.watches().RecordAlerts(ctx, alerts)
}

// Alerts implements enduse.WatchStore.
func (db *DB) Alerts(ctx context.Context, f enduse.AlertFilter) ([]enduse.Alert, error) {
	return db.watches().Alerts(ctx, f)
}

// Undelivered implements enduse.WatchStore.
func (db *DB) Undelivered(ctx context.Context, target string, limit int) ([]enduse.Alert, error) {
	return db.watches().Undelivered(ctx, target, limit)
}

// RecordDelivery implements enduse.WatchStore.
func (db *DB) RecordDelivery(ctx context.Context, d enduse.Delivery) error {
	return db.watches().RecordDelivery(ctx, d)
}

// Deliveries implements enduse.WatchStore.
func (db *DB) Deliveries(ctx context.Context, alert int64) ([]enduse.Delivery, error) {
	return db.watches().Deliveries(ctx, alert)
}

// NoticeRecords implements enduse.WatchStore.
func (db *DB) NoticeRecords(ctx context.Context, docs []string) ([]enduse.NoticeRecord, error) {
	return db.watches().NoticeRecords(ctx, docs)
}
