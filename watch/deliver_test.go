package watch_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/sqlite"
	"github.com/enduse/enduse/watch"
)

func TestSignature(t *testing.T) {
	// RFC 4231 test case 2.
	got := watch.Signature("Jefe", []byte("what do ya want for nothing?"))
	want := "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
	if got != want {
		t.Fatalf("Signature = %s, want %s", got, want)
	}
}

// TestWebhookStatuses checks which answers a webhook retries within a run.
func TestWebhookStatuses(t *testing.T) {
	cases := []struct {
		name     string
		statuses []int // answers in order; the last repeats
		attempts int
		ok       bool
	}{
		{"ok", []int{200}, 1, true},
		{"no content", []int{204}, 1, true},
		{"5xx then ok", []int{503, 502, 200}, 3, true},
		{"429 retried", []int{429, 201}, 2, true},
		{"always 500", []int{500}, 4, false},
		{"400 not retried", []int{400}, 1, false},
		{"404 not retried", []int{404}, 1, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var n atomic.Int64
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				i := int(n.Add(1)) - 1
				w.WriteHeader(c.statuses[min(i, len(c.statuses)-1)])
			}))
			defer srv.Close()
			wh := watch.Webhook{URL: srv.URL, Client: srv.Client(), Attempts: 4, Backoff: time.Millisecond}
			attempts, err := wh.Send(context.Background(), enduse.Alert{ID: 1, Watch: "w", Group: "g", Notice: "n"})
			if (err == nil) != c.ok || attempts != c.attempts || int(n.Load()) != c.attempts {
				t.Fatalf("Send = %d attempts (server saw %d), %v; want %d attempts, ok %v", attempts, n.Load(), err, c.attempts, c.ok)
			}
		})
	}
}

// TestWebhookCancelled: a cancelled run stops waiting between retries.
func TestWebhookCancelled(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(503) }))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	wh := watch.Webhook{URL: srv.URL, Client: srv.Client(), Attempts: 10, Backoff: time.Hour}
	start := time.Now()
	if _, err := wh.Send(ctx, enduse.Alert{ID: 1}); err == nil {
		t.Fatal("no error from a cancelled send")
	}
	if time.Since(start) > 10*time.Second {
		t.Fatal("send waited out its backoff after cancellation")
	}
}

// failingQuery is a store whose queries fail.
type failingQuery struct{ *sqlite.DB }

func (failingQuery) EachRow(context.Context, enduse.Filter, func(enduse.Row) error) error {
	return errors.New("disk on fire")
}

// TestAddRollsBack: a watch whose baseline cannot be recorded is not kept
// (it would alert on everything that already matches).
func TestAddRollsBack(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "w.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := watch.Add(ctx, failingQuery{db}, enduse.Watch{Name: "w"}, false); err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Fatalf("add = %v, want the query's error", err)
	}
	if ws, err := db.Watches(ctx); err != nil || len(ws) != 0 {
		t.Fatalf("watches after a failed add = %+v, %v; want none", ws, err)
	}
}
