package enduse

import (
	"context"
	"time"
)

// Watch is a saved query with a name: every ingest evaluates it on the
// store and records an Alert for each announcement that newly matches.
type Watch struct {
	Name    string    `json:"name"`
	Filter  Filter    `json:"filter"`
	Created time.Time `json:"created"`
}

// Alert is one announcement that matched a watch. It is recorded once per
// (watch, announcement group): copies of the announcement that arrive later
// and re-ingested batches add nothing.
type Alert struct {
	ID      int64     `json:"id"`
	Watch   string    `json:"watch"`
	Group   string    `json:"group"`  // announcement group id
	Notice  string    `json:"notice"` // sha256 of the document that stood for the group when it matched
	Created time.Time `json:"created"`
	// Baseline marks a match that existed when the watch was added: it is
	// kept so it never alerts, and is neither listed nor delivered.
	Baseline bool `json:"baseline,omitempty"`
	// The matched notice as the query row showed it (organisations, not
	// people: no contact data is ever part of a row).
	Row Row `json:"row"`
}

// AlertFilter selects alerts.
type AlertFilter struct {
	Watch string // one watch; "" for all
	After int64  // alerts with a larger id (for paging and "since")
	Limit int    // 0 = no limit
}

// DeliveryState is where an alert stands with one delivery target.
type DeliveryState string

// Delivery states. A failed delivery is retried on the next run.
const (
	DeliveryDelivered DeliveryState = "delivered"
	DeliveryFailed    DeliveryState = "failed"
)

// Delivery is the outcome of sending an alert to a target ("file:PATH",
// "webhook:URL").
type Delivery struct {
	Alert    int64         `json:"alert"`
	Target   string        `json:"target"`
	State    DeliveryState `json:"state"`
	Attempts int           `json:"attempts"`
	Reason   string        `json:"reason,omitempty"` // last failure
	Updated  time.Time     `json:"updated"`
}

// WatchStore keeps watches, their alerts and the alerts' deliveries.
type WatchStore interface {
	// AddWatch saves a new watch. It returns ErrInvalid when the name is
	// empty or taken, or the filter is malformed.
	AddWatch(ctx context.Context, w Watch) error
	// Watches lists the watches by name.
	Watches(ctx context.Context) ([]Watch, error)
	// RemoveWatch deletes a watch with its alerts and deliveries. It
	// returns ErrNotFound when there is none of that name.
	RemoveWatch(ctx context.Context, name string) error
	// RecordAlerts stores the alerts whose (watch, group) is new and
	// returns those, with their ids; the others are ignored.
	RecordAlerts(ctx context.Context, alerts []Alert) ([]Alert, error)
	// Alerts lists non-baseline alerts in id order.
	Alerts(ctx context.Context, f AlertFilter) ([]Alert, error)
	// Undelivered lists the non-baseline alerts not yet delivered to
	// target (never tried, or failed), in id order, at most limit.
	Undelivered(ctx context.Context, target string, limit int) ([]Alert, error)
	// RecordDelivery records the outcome of one attempt to deliver an
	// alert to a target, counting attempts.
	RecordDelivery(ctx context.Context, d Delivery) error
	// Deliveries lists the deliveries of an alert.
	Deliveries(ctx context.Context, alert int64) ([]Delivery, error)
	// NoticeRecords reads the stored notices of docs (sha256) for export,
	// in the order given, without the document text; documents without a
	// notice are left out.
	NoticeRecords(ctx context.Context, docs []string) ([]NoticeRecord, error)
}

// NoticeRecord is a stored notice as exports read it: the notice, its
// announcement group with the group's other documents, and the purchase it
// belongs to (award and contract notices of one procurement share it).
type NoticeRecord struct {
	Notice    Notice
	MediaType string
	Group     string
	Copies    []string // the group's other documents, in storage order
	Purchase  string
}
