package web

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/watch"
)

// Watch routes: watches are listed by anyone who may read; adding and
// removing one changes the database, so, like ingest, it needs a server
// started with writes enabled (AllowIngest, which requires a token).

// maxWatchBody bounds a POSTed watch.
const maxWatchBody = 64 << 10

// watches is the store's watch side, or an "unavailable" error.
func (s *Server) watches() (watch.Store, error) {
	ws, ok := s.cfg.Store.(watch.Store)
	if !ok {
		return nil, fmt.Errorf("this store keeps no watches: %w", errUnavailable)
	}
	return ws, nil
}

// evaluateWatches records the alerts of a document stored over HTTP, as
// every ingest does; delivery is left to the next command-line run (the
// server knows no alert targets). A failure is logged, not answered: the
// document is stored, and the next evaluation finds its alerts.
func (s *Server) evaluateWatches(ctx context.Context) {
	ws, err := s.watches()
	if err != nil {
		return
	}
	if _, err := watch.Evaluate(ctx, ws); err != nil {
		slog.Error("web: evaluate watches after ingest", "err", err)
	}
}

// apiWatches answers GET /api/v1/watches.
func (s *Server) apiWatches(w http.ResponseWriter, r *http.Request) {
	ws, err := s.watches()
	if err != nil {
		s.apiError(w, err)
		return
	}
	list, err := ws.Watches(r.Context())
	if err != nil {
		s.apiError(w, fmt.Errorf("list watches: %w", err))
		return
	}
	if list == nil {
		list = []enduse.Watch{}
	}
	writeJSON(w, http.StatusOK, struct {
		Watches []enduse.Watch `json:"watches"`
	}{list})
}

// watchRequest is the body of POST /api/v1/watches.
type watchRequest struct {
	Name     string        `json:"name"`
	Filter   enduse.Filter `json:"filter"`
	Backfill bool          `json:"backfill"` // alert on what already matches
}

// apiAddWatch answers POST /api/v1/watches.
func (s *Server) apiAddWatch(w http.ResponseWriter, r *http.Request) {
	if !s.cfg.AllowIngest {
		s.apiError(w, fmt.Errorf("adding a watch changes the database; start the server with writes (ingest) enabled: %w", errForbidden))
		return
	}
	ws, err := s.watches()
	if err != nil {
		s.apiError(w, err)
		return
	}
	var req watchRequest
	dec := json.NewDecoder(io.LimitReader(r.Body, maxWatchBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		s.apiError(w, fmt.Errorf("watch body: want {\"name\":…, \"filter\":{…}, \"backfill\":false}: %v: %w", err, enduse.ErrInvalid))
		return
	}
	req.Filter.Limit, req.Filter.Offset = 0, 0
	n, err := watch.Add(r.Context(), ws, enduse.Watch{Name: req.Name, Filter: req.Filter}, req.Backfill)
	if err != nil {
		s.apiError(w, fmt.Errorf("add watch: %w", err))
		return
	}
	writeJSON(w, http.StatusCreated, struct {
		Name     string `json:"name"`
		Matching int    `json:"matching"` // announcements matching now
		Backfill bool   `json:"backfill"`
	}{req.Name, n, req.Backfill})
}

// apiRemoveWatch answers DELETE /api/v1/watches/{name}.
func (s *Server) apiRemoveWatch(w http.ResponseWriter, r *http.Request) {
	if !s.cfg.AllowIngest {
		s.apiError(w, fmt.Errorf("removing a watch changes the database; start the server with writes (ingest) enabled: %w", errForbidden))
		return
	}
	ws, err := s.watches()
	if err != nil {
		s.apiError(w, err)
		return
	}
	if err := ws.RemoveWatch(r.Context(), r.PathValue("name")); err != nil {
		s.apiError(w, fmt.Errorf("remove watch: %w", err))
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// alertFilter reads ?watch=&after=&limit= (limit default 100, at most 1000).
func alertFilter(r *http.Request) (enduse.AlertFilter, error) {
	q := r.URL.Query()
	f := enduse.AlertFilter{Watch: q.Get("watch"), Limit: 100}
	if v := q.Get("after"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return f, fmt.Errorf("after %q: want an alert id: %w", v, enduse.ErrInvalid)
		}
		f.After = n
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1000 {
			return f, fmt.Errorf("limit %q: want 1..1000: %w", v, enduse.ErrInvalid)
		}
		f.Limit = n
	}
	return f, nil
}

// apiAlerts answers GET /api/v1/alerts: each alert with its evidence links.
func (s *Server) apiAlerts(w http.ResponseWriter, r *http.Request) {
	ws, err := s.watches()
	if err != nil {
		s.apiError(w, err)
		return
	}
	f, err := alertFilter(r)
	if err != nil {
		s.apiError(w, err)
		return
	}
	alerts, err := ws.Alerts(r.Context(), f)
	if err != nil {
		s.apiError(w, fmt.Errorf("list alerts: %w", err))
		return
	}
	out := make([]watch.Payload, len(alerts))
	for i, a := range alerts {
		out[i] = watch.NewPayload(a)
	}
	writeJSON(w, http.StatusOK, struct {
		Alerts []watch.Payload `json:"alerts"`
	}{out})
}

// alertsData is the alerts page.
type alertsData struct {
	Watches []watchLine
	Alerts  []enduse.Alert
	Watch   string
	Next    int64 // id to page on from (0: no more)
}

// watchLine is a watch with the link to its query's notices.
type watchLine struct {
	enduse.Watch
	Href string
}

// pageAlerts lists the watches and their alerts, newest last, each alert
// linking to its notice page (the evidence) and the original.
func (s *Server) pageAlerts(w http.ResponseWriter, r *http.Request) {
	ws, err := s.watches()
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f, err := alertFilter(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	list, err := ws.Watches(r.Context())
	if err != nil {
		s.pageError(w, r, fmt.Errorf("list watches: %w", err))
		return
	}
	alerts, err := ws.Alerts(r.Context(), f)
	if err != nil {
		s.pageError(w, r, fmt.Errorf("list alerts: %w", err))
		return
	}
	d := &alertsData{Alerts: alerts, Watch: f.Watch}
	for _, wt := range list {
		d.Watches = append(d.Watches, watchLine{Watch: wt, Href: "/?" + filterValues(wt.Filter).Encode()})
	}
	if len(alerts) == f.Limit {
		d.Next = alerts[len(alerts)-1].ID
	}
	s.render(w, r, http.StatusOK, "alerts", page{Title: "Watches and alerts", Nav: "alerts", Data: d})
}
