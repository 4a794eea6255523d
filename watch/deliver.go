package watch

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"time"

	"github.com/enduse/enduse"
)

// Sink is somewhere alerts are delivered to.
type Sink interface {
	// Target names the sink in delivery records ("file:PATH",
	// "webhook:URL"); an alert is delivered once per target.
	Target() string
	// Send delivers one alert, retrying as the sink sees fit, and returns
	// the attempts made and the error of the last one.
	Send(ctx context.Context, a enduse.Alert) (attempts int, err error)
}

// Payload is the JSON document a sink writes for one alert: the alert
// and where to read the evidence.
type Payload struct {
	Type  string       `json:"type"` // "enduse.alert"
	Alert enduse.Alert `json:"alert"`
	// Evidence is the notice page (highlighted evidence) relative to the
	// server's root, and the original publication URL when known.
	Evidence []string `json:"evidence"`
}

// NewPayload is the payload of an alert.
func NewPayload(a enduse.Alert) Payload {
	ev := []string{"/notices/" + a.Notice}
	if a.Row.URL != "" {
		ev = append(ev, a.Row.URL)
	}
	return Payload{Type: "enduse.alert", Alert: a, Evidence: ev}
}

// File appends alerts to a JSON Lines file, one Payload per line.
type File struct{ Path string }

// Target implements Sink.
func (f File) Target() string { return "file:" + f.Path }

// Send implements Sink. The line is written and synced before the alert
// counts as delivered; a crash between the two delivers the line again on
// the next run (at least once, never lost).
func (f File) Send(_ context.Context, a enduse.Alert) (int, error) {
	b, err := json.Marshal(NewPayload(a))
	if err != nil {
		return 1, fmt.Errorf("alert %d: %w", a.ID, err)
	}
	fh, err := os.OpenFile(f.Path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return 1, fmt.Errorf("alert file: %w", err)
	}
	_, err = fh.Write(append(b, '\n'))
	if err == nil {
		err = fh.Sync()
	}
	if cerr := fh.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 1, fmt.Errorf("alert file %s: %w", f.Path, err)
	}
	return 1, nil
}

// Webhook POSTs each alert as a JSON Payload to a URL. With a secret, the
// body is signed: the header X-Enduse-Signature is "sha256=" and the hex
// HMAC-SHA256 of the body under the secret. X-Enduse-Alert carries the
// alert id so a receiver can drop a repeat (delivery is at least once).
type Webhook struct {
	URL    string
	Secret string
	Client *http.Client // nil: a client with a 30 s timeout
	// Attempts is how many times one run tries an alert (default 4);
	// Backoff the wait before the second, doubled before each further one
	// (default 1 s).
	Attempts int
	Backoff  time.Duration
}

// Target implements Sink.
func (w Webhook) Target() string { return "webhook:" + w.URL }

// Signature is the X-Enduse-Signature header of body under secret.
func Signature(secret string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// errPermanent marks a response retrying will not change (a 4xx other
// than 408 and 429) within this run; the next run still tries again.
var errPermanent = errors.New("rejected")

// Send implements Sink: 2xx is delivered; network errors, 408, 429 and 5xx
// are retried with exponential backoff; other answers fail at once.
func (w Webhook) Send(ctx context.Context, a enduse.Alert) (int, error) {
	body, err := json.Marshal(NewPayload(a))
	if err != nil {
		return 1, fmt.Errorf("alert %d: %w", a.ID, err)
	}
	client := w.Client
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	attempts := w.Attempts
	if attempts <= 0 {
		attempts = 4
	}
	wait := w.Backoff
	if wait <= 0 {
		wait = time.Second
	}
	var last error
	for i := 1; i <= attempts; i++ {
		if i > 1 {
			t := time.NewTimer(wait)
			select {
			case <-ctx.Done():
				t.Stop()
				return i - 1, ctx.Err()
			case <-t.C:
			}
			wait *= 2
		}
		last = w.post(ctx, client, a, body)
		if last == nil {
			return i, nil
		}
		if errors.Is(last, errPermanent) || ctx.Err() != nil {
			return i, last
		}
	}
	return attempts, last
}

func (w Webhook) post(ctx context.Context, client *http.Client, a enduse.Alert, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.URL, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("webhook %s: %w: %w", w.URL, err, errPermanent)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "enduse-alerts")
	req.Header.Set("X-Enduse-Alert", strconv.FormatInt(a.ID, 10))
	if w.Secret != "" {
		req.Header.Set("X-Enduse-Signature", Signature(w.Secret, body))
	}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("webhook %s: %w", w.URL, err)
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	resp.Body.Close()
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		return nil
	case resp.StatusCode == http.StatusRequestTimeout || resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		return fmt.Errorf("webhook %s: %s", w.URL, resp.Status)
	default:
		return fmt.Errorf("webhook %s: %s: %w", w.URL, resp.Status, errPermanent)
	}
}

// Report is what one delivery run did for one target.
type Report struct {
	Target    string `json:"target"`
	Delivered int    `json:"delivered"`
	Failed    int    `json:"failed"`
	// Pending are the alerts still undelivered after the run (the failed
	// one and those not tried after it), retried on the next run.
	Pending   int    `json:"pending"`
	LastError string `json:"last_error,omitempty"`
}

// deliverBatch is how many undelivered alerts are read at a time.
const deliverBatch = 500

// Deliver sends every alert not yet delivered to each sink (new ones and
// ones that failed before) and records each outcome. A sink that fails an
// alert is not given later alerts in this run (the receiver is down; they
// wait for the next run), so delivery order per target is alert order.
func Deliver(ctx context.Context, st enduse.WatchStore, sinks []Sink) ([]Report, error) {
	var out []Report
	for _, s := range sinks {
		rep := Report{Target: s.Target()}
		after := int64(0)
	target:
		for {
			alerts, err := st.Undelivered(ctx, rep.Target, deliverBatch)
			if err != nil {
				return out, err
			}
			var fresh []enduse.Alert
			for _, a := range alerts {
				if a.ID > after {
					fresh = append(fresh, a)
				}
			}
			if len(fresh) == 0 {
				break
			}
			for _, a := range fresh {
				after = a.ID
				n, sendErr := s.Send(ctx, a)
				d := enduse.Delivery{Alert: a.ID, Target: rep.Target, State: enduse.DeliveryDelivered, Attempts: n}
				if sendErr != nil {
					d.State, d.Reason = enduse.DeliveryFailed, sendErr.Error()
				}
				if err := st.RecordDelivery(context.WithoutCancel(ctx), d); err != nil {
					return out, err
				}
				if sendErr != nil {
					rep.Failed++
					rep.LastError = sendErr.Error()
					if ctx.Err() != nil {
						out = append(out, rep)
						return out, ctx.Err()
					}
					break target
				}
				rep.Delivered++
			}
		}
		rest, err := st.Undelivered(ctx, rep.Target, maxPending)
		if err != nil {
			return out, err
		}
		rep.Pending = len(rest)
		out = append(out, rep)
	}
	return out, nil
}

// maxPending caps the count of pending alerts a report states.
const maxPending = 100000
