package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/enduse/enduse"
)

// TestWatchAPI adds, lists and removes a watch over the API and shows its
// alerts (as JSON and on the alerts page) with their evidence links.
func TestWatchAPI(t *testing.T) {
	s, _ := testServer(t, func(c *Config) {
		c.AllowIngest = true
		c.Token = testToken
		// Ingest stores the body as a tender notice titled by it.
		c.Ingest = func(ctx context.Context, name string, data []byte) (enduse.IngestOutcome, []string, error) {
			sum := sha256.Sum256(data)
			d := &enduse.Document{SHA256: hex.EncodeToString(sum[:]), Source: name, MediaType: "text/html", Raw: data, Text: string(data)}
			n := &enduse.Notice{Schema: 1, SHA256: d.SHA256, Source: name, Type: enduse.TypeTender, Title: string(data), Published: "2023-01-02"}
			out, err := c.Store.(enduse.DocumentStore).SaveNotice(ctx, d, d.Text, n, nil)
			return out, []string{d.SHA256}, err
		}
	})
	do := func(method, target, body string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(method, target, strings.NewReader(body))
		r.Header.Set("Authorization", "Bearer "+testToken)
		if body != "" {
			r.Header.Set("Content-Type", "application/json")
		}
		w := httptest.NewRecorder()
		s.Handler().ServeHTTP(w, r)
		return w
	}
	w := do("POST", "/api/v1/watches", `{"name":"everything","filter":{},"backfill":true}`)
	if w.Code != 201 {
		t.Fatalf("add: %d %s", w.Code, w.Body)
	}
	var added struct{ Matching int }
	json.Unmarshal(w.Body.Bytes(), &added)
	if added.Matching == 0 {
		t.Fatalf("add: %s; want the fixtures matching", w.Body)
	}
	for _, c := range []struct{ body, why string }{
		{`{"name":"everything"}`, "duplicate name"},
		{`{"name":""}`, "empty name"},
		{`{"name":"x","filter":{"from":"2022-13-40"}}`, "bad filter"},
		{`{"name":"x","unknown":1}`, "unknown field"},
		{`not json`, "not JSON"},
	} {
		if w := do("POST", "/api/v1/watches", c.body); w.Code != 400 {
			t.Errorf("%s: %d %s, want 400", c.why, w.Code, w.Body)
		}
	}
	w = do("GET", "/api/v1/watches", "")
	if w.Code != 200 || !strings.Contains(w.Body.String(), `"everything"`) {
		t.Fatalf("list: %d %s", w.Code, w.Body)
	}
	w = do("GET", "/api/v1/alerts?limit=1", "")
	var alerts struct {
		Alerts []struct {
			Alert    enduse.Alert
			Evidence []string
		}
	}
	if err := json.Unmarshal(w.Body.Bytes(), &alerts); err != nil || w.Code != 200 || len(alerts.Alerts) != 1 {
		t.Fatalf("alerts: %d %s", w.Code, w.Body)
	}
	a := alerts.Alerts[0]
	if len(a.Evidence) == 0 || a.Evidence[0] != "/notices/"+a.Alert.Notice {
		t.Errorf("alert evidence %v, want the notice page first", a.Evidence)
	}
	for _, bad := range []string{"?limit=0", "?limit=5000", "?after=x"} {
		if w := do("GET", "/api/v1/alerts"+bad, ""); w.Code != 400 {
			t.Errorf("alerts%s: %d, want 400", bad, w.Code)
		}
	}
	w = do("GET", "/alerts", "")
	if w.Code != 200 || !strings.Contains(w.Body.String(), "/notices/"+a.Alert.Notice) || !strings.Contains(w.Body.String(), "everything") {
		t.Errorf("alerts page: %d, no link to the alert's notice", w.Code)
	}
	// A watch without backfill alerts on a document ingested over HTTP.
	if w := do("POST", "/api/v1/watches", `{"name":"new"}`); w.Code != 201 {
		t.Fatalf("add new: %d %s", w.Code, w.Body)
	}
	if w := do("GET", "/api/v1/alerts?watch=new", ""); !strings.Contains(w.Body.String(), `"alerts": []`) {
		t.Fatalf("new watch has alerts before any ingest: %s", w.Body)
	}
	r := httptest.NewRequest("POST", "/api/v1/ingest?name=n.html", strings.NewReader("视频监控硬盘采购公告"))
	r.Header.Set("Authorization", "Bearer "+testToken)
	r.Header.Set("Content-Type", "application/octet-stream")
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, r)
	if rec.Code != 201 {
		t.Fatalf("ingest: %d %s", rec.Code, rec.Body)
	}
	if w := do("GET", "/api/v1/alerts?watch=new", ""); !strings.Contains(w.Body.String(), "视频监控硬盘采购公告") {
		t.Errorf("no alert for the document ingested over HTTP: %s", w.Body)
	}
	if w := do("DELETE", "/api/v1/watches/everything", ""); w.Code != 204 {
		t.Errorf("remove: %d %s", w.Code, w.Body)
	}
	if w := do("DELETE", "/api/v1/watches/everything", ""); w.Code != 404 {
		t.Errorf("remove again: %d, want 404", w.Code)
	}
}

// TestWatchWritesNeedWriteMode: a read-only server lists watches but
// refuses to change them.
func TestWatchWritesNeedWriteMode(t *testing.T) {
	s, _ := testServer(t, nil)
	r := httptest.NewRequest("POST", "/api/v1/watches", strings.NewReader(`{"name":"x"}`))
	r.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, r)
	if w.Code != 403 {
		t.Errorf("add on a read-only server: %d, want 403", w.Code)
	}
	if w := get(t, s.Handler(), "GET", "/api/v1/watches", nil); w.Code != 200 {
		t.Errorf("list: %d", w.Code)
	}
	if w := get(t, s.Handler(), "GET", "/alerts", nil); w.Code != 200 || !strings.Contains(w.Body.String(), "No watches yet") {
		t.Errorf("alerts page: %d", w.Code)
	}
}
