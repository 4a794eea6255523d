package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/pipeline"
	"github.com/enduse/enduse/safetext"
)

// get performs a request against the handler and returns the recorder.
func get(t *testing.T, h http.Handler, method, target string, hdr map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, target, nil)
	for k, v := range hdr {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func decode(t *testing.T, w *httptest.ResponseRecorder) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &m); err != nil {
		t.Fatalf("body is not a JSON object: %v\n%s", err, safetext.Clip(w.Body.String(), 400))
	}
	return m
}

func TestAPI(t *testing.T) {
	s, ids := testServer(t, nil)
	h := s.Handler()
	urumqi := ids[0]
	missing := strings.Repeat("ab", 32)
	tests := []struct {
		name, method, target string
		status               int
		code                 string                               // error code expected
		check                func(t *testing.T, m map[string]any) // on the JSON body
	}{
		{name: "notices all", target: "/api/v1/notices", status: 200, check: func(t *testing.T, m map[string]any) {
			if m["total"] != 3.0 {
				t.Errorf("total = %v, want 3", m["total"])
			}
			rows := m["notices"].([]any)
			r0 := rows[0].(map[string]any)
			for _, k := range []string{"id", "title", "type", "published", "buyer", "buyer_en", "page"} {
				if _, ok := r0[k]; !ok {
					t.Errorf("row lacks %q: %v", k, r0)
				}
			}
			if !strings.HasPrefix(r0["page"].(string), "/notices/") {
				t.Errorf("page = %v", r0["page"])
			}
		}},
		{name: "notices by alias brand and sector", target: "/api/v1/notices?brand=" + url.QueryEscape("希捷") + "&sector=public_security", status: 200,
			check: func(t *testing.T, m map[string]any) {
				if m["total"] != 1.0 {
					t.Errorf("total = %v, want 1 (Urumqi award)", m["total"])
				}
			}},
		{name: "notices paging", target: "/api/v1/notices?limit=1&offset=1", status: 200, check: func(t *testing.T, m map[string]any) {
			if n := len(m["notices"].([]any)); n != 1 || m["total"] != 3.0 {
				t.Errorf("rows %d total %v, want 1 of 3", n, m["total"])
			}
		}},
		{name: "notices bad type", target: "/api/v1/notices?type=bogus", status: 400, code: "invalid"},
		{name: "notices bad date", target: "/api/v1/notices?from=2022-13-01", status: 400, code: "invalid"},
		{name: "notices bad bool", target: "/api/v1/notices?us_linked=maybe", status: 400, code: "invalid"},
		{name: "notices negative limit", target: "/api/v1/notices?limit=-1", status: 400, code: "invalid"},
		{name: "notices from after to", target: "/api/v1/notices?from=2023-01-01&to=2022-01-01", status: 400, code: "invalid"},
		{name: "notice", target: "/api/v1/notices/" + urumqi, status: 200, check: func(t *testing.T, m map[string]any) {
			ms, _ := m["mentions"].([]any)
			if len(ms) != 2 {
				t.Fatalf("mentions = %v", m["mentions"])
			}
			if _, ok := ms[0].(map[string]any)["start"]; !ok {
				t.Error("mention has no start offset")
			}
			if len(m["items"].([]any)) != 1 || len(m["hits"].([]any)) != 1 {
				t.Errorf("items %v hits %v", m["items"], m["hits"])
			}
			if txt := m["text"].(string); strings.Contains(txt, "13912345678") || strings.Contains(txt, "张三") {
				t.Error("personal data in text")
			}
			if raw, ok := m["raw"]; ok {
				t.Errorf("raw = %v, want no download link while originals are not served", raw)
			}
		}},
		{name: "notice by prefix", target: "/api/v1/notices/" + urumqi[:10], status: 200},
		{name: "notice malformed id", target: "/api/v1/notices/zzz", status: 400, code: "invalid"},
		{name: "notice missing", target: "/api/v1/notices/" + missing, status: 404, code: "not_found"},
		{name: "orgs", target: "/api/v1/orgs?q=" + url.QueryEscape("公安局"), status: 200, check: func(t *testing.T, m map[string]any) {
			if n := len(m["orgs"].([]any)); n != 2 {
				t.Errorf("orgs = %d, want 2", n)
			}
		}},
		{name: "orgs bad limit", target: "/api/v1/orgs?limit=x", status: 400, code: "invalid"},
		{name: "org", target: "/api/v1/orgs/" + url.PathEscape("乌鲁木齐市公安局"), status: 200, check: func(t *testing.T, m map[string]any) {
			if m["name"] != "乌鲁木齐市公安局" || m["page"] == nil {
				t.Errorf("profile = %v", m)
			}
			if len(m["hits"].([]any)) != 1 {
				t.Errorf("hits = %v", m["hits"])
			}
		}},
		{name: "org missing", target: "/api/v1/orgs/" + url.PathEscape("不存在的单位"), status: 404, code: "not_found"},
		{name: "brands", target: "/api/v1/brands", status: 200, check: func(t *testing.T, m map[string]any) {
			bs := m["brands"].([]any)
			if len(bs) == 0 || bs[0].(map[string]any)["brand"] != "Seagate" {
				t.Errorf("brands = %v", bs)
			}
		}},
		{name: "brand", target: "/api/v1/brands/Seagate", status: 200, check: func(t *testing.T, m map[string]any) {
			if m["brand"] != "Seagate" || m["company_id"] != "seagate" {
				t.Errorf("brand %v company_id %v", m["brand"], m["company_id"])
			}
			fp := m["footprint"].([]any)
			if len(fp) != 2 {
				t.Fatalf("footprint = %v, want Xinjiang 2022-03 and Hubei 2023-01", fp)
			}
			c := fp[0].(map[string]any)
			if c["region"] != "420000" || c["month"] != "2023-01" || c["notices"] != 1.0 {
				t.Errorf("footprint[0] = %v", c)
			}
			if len(m["link_path"].([]any)) == 0 {
				t.Error("no link path")
			}
		}},
		{name: "brand by alias", target: "/api/v1/brands/" + url.PathEscape("希捷"), status: 200},
		{name: "brand missing", target: "/api/v1/brands/Nonexistentbrand", status: 404, code: "not_found"},
		{name: "company", target: "/api/v1/companies/h3c", status: 200, check: func(t *testing.T, m map[string]any) {
			if m["us_linked"] != true || len(m["links_from"].([]any)) == 0 || len(m["us_link_path"].([]any)) == 0 {
				t.Errorf("h3c = %v", m)
			}
		}},
		{name: "company missing", target: "/api/v1/companies/no-such-company", status: 404, code: "not_found"},
		{name: "query", target: "/api/v1/query?region=65", status: 200, check: func(t *testing.T, m map[string]any) {
			if m["notices"] != 2.0 {
				t.Errorf("notices = %v, want 2 in Xinjiang", m["notices"])
			}
			if _, ok := m["by_region"].(map[string]any)["650000"]; !ok {
				t.Errorf("by_region = %v", m["by_region"])
			}
		}},
		{name: "screen needs name", target: "/api/v1/screen", status: 400, code: "invalid"},
		{name: "screen", target: "/api/v1/screen?name=" + url.QueryEscape("Huawei Technologies Co., Ltd."), status: 200, check: func(t *testing.T, m map[string]any) {
			if _, ok := m["hits"].([]any); !ok {
				t.Errorf("hits = %v", m["hits"])
			}
		}},
		{name: "lists", target: "/api/v1/lists", status: 200, check: func(t *testing.T, m map[string]any) {
			if len(m["lists"].([]any)) == 0 {
				t.Error("no lists")
			}
		}},
		{name: "stats", target: "/api/v1/stats", status: 200, check: func(t *testing.T, m map[string]any) {
			if m["documents"] != 3.0 {
				t.Errorf("documents = %v", m["documents"])
			}
		}},
		{name: "openapi", target: "/api/v1/openapi.json", status: 200, check: func(t *testing.T, m map[string]any) {
			if m["openapi"] != "3.1.0" {
				t.Errorf("openapi = %v", m["openapi"])
			}
		}},
		{name: "unknown endpoint", target: "/api/v1/nothing", status: 404, code: "not_found"},
		{name: "ingest off", method: "POST", target: "/api/v1/ingest?name=a.html", status: 403, code: "forbidden"},
		{name: "wrong method", method: "DELETE", target: "/api/v1/notices", status: 405},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			method := tc.method
			if method == "" {
				method = "GET"
			}
			w := get(t, h, method, tc.target, nil)
			if w.Code != tc.status {
				t.Fatalf("status = %d, want %d\n%s", w.Code, tc.status, safetext.Clip(w.Body.String(), 400))
			}
			if tc.status == 405 {
				return
			}
			if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type = %q", ct)
			}
			m := decode(t, w)
			if tc.code != "" {
				e, _ := m["error"].(map[string]any)
				if e == nil || e["code"] != tc.code || e["message"] == "" {
					t.Errorf("error = %v, want code %q with a message", m["error"], tc.code)
				}
			}
			if tc.check != nil {
				tc.check(t, m)
			}
		})
	}
}

func TestRaw(t *testing.T) {
	const token = "s3cret-raw-token-0123"
	off, ids := testServer(t, func(c *Config) { c.Token = token })
	on, _ := testServer(t, func(c *Config) { c.Token, c.ServeRaw = token, true })
	target := "/api/v1/notices/" + ids[2] + "/raw"
	bearer := map[string]string{"Authorization": "Bearer " + token}
	tests := []struct {
		name   string
		s      *Server
		hdr    map[string]string
		status int
		code   string
	}{
		{name: "default off, even with the token", s: off, hdr: bearer, status: 403, code: "raw_disabled"},
		{name: "enabled without a token", s: on, status: 401, code: "unauthorized"},
		{name: "enabled with a wrong token", s: on, hdr: map[string]string{"Authorization": "Bearer nope"}, status: 401, code: "unauthorized"},
		{name: "enabled with the token only as a cookie", s: on, hdr: map[string]string{"Cookie": tokenCookie + "=" + token}, status: 401, code: "unauthorized"},
		{name: "enabled with the bearer token", s: on, hdr: bearer, status: 200},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := get(t, tc.s.Handler(), "GET", target, tc.hdr)
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.status, safetext.Clip(w.Body.String(), 300))
			}
			if tc.code != "" {
				m := decode(t, w)
				e, _ := m["error"].(map[string]any)
				if e["code"] != tc.code {
					t.Errorf("error = %v, want code %s", m["error"], tc.code)
				}
				if msg, _ := e["message"].(string); tc.code == "raw_disabled" && !strings.Contains(msg, "--serve-raw") {
					t.Errorf("message %q does not say how to enable originals", msg)
				}
				if strings.Contains(w.Body.String(), "<script>alert(1)</script>") {
					t.Error("refusal carries the original bytes")
				}
			}
		})
	}
	if _, err := New(Config{Store: off.cfg.Store, ServeRaw: true}); err == nil {
		t.Error("New accepted ServeRaw without a token")
	}
	// Enabled: the page and the API link the original; off: the redacted text.
	if w := get(t, on.Handler(), "GET", "/api/v1/notices/"+ids[2], bearer); decode(t, w)["raw"] != target {
		t.Errorf("enabled: notice JSON does not link %s", target)
	}
	if w := get(t, on.Handler(), "GET", "/notices/"+ids[2], bearer); !strings.Contains(w.Body.String(), `href="`+target+`"`) {
		t.Error("enabled: notice page does not link the original")
	}
	if w := get(t, off.Handler(), "GET", "/notices/"+ids[2], bearer); strings.Contains(w.Body.String(), "/raw") || !strings.Contains(w.Body.String(), `href="#text"`) {
		t.Error("off: notice page links the original or not the redacted text")
	}
	w := get(t, on.Handler(), "GET", target, bearer)
	h := w.Header()
	if ct := h.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		t.Errorf("Content-Type = %q, want text/plain (never text/html)", ct)
	}
	if csp := h.Get("Content-Security-Policy"); !strings.HasPrefix(csp, "sandbox") {
		t.Errorf("CSP = %q, want sandbox", csp)
	}
	if cd := h.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment") {
		t.Errorf("Content-Disposition = %q", cd)
	}
	if h.Get("X-Content-Type-Options") != "nosniff" {
		t.Error("no nosniff")
	}
	if want, _, err := on.cfg.Store.Raw(context.Background(), ids[2]); err != nil || !bytes.Equal(w.Body.Bytes(), want) {
		t.Errorf("raw bytes changed (store: %v)", err)
	}
	for _, tc := range []struct{ media, want string }{
		{"application/pdf", ".pdf"}, {"text/html", ".html.txt"}, {"application/x-weird", ".bin"}, {"", ".bin"},
	} {
		if got := rawExt(tc.media); got != tc.want {
			t.Errorf("rawExt(%q) = %q, want %q", tc.media, got, tc.want)
		}
	}
}

func TestXSSProbeShowsAsText(t *testing.T) {
	s, ids := testServer(t, nil)
	h := s.Handler()
	for _, target := range []string{"/notices/" + ids[2], "/", "/?text=" + url.QueryEscape("宜昌"), "/notices?ids=" + ids[2][:16],
		"/orgs/" + url.PathEscape("宜昌市第一中学"), "/brands/Seagate"} {
		w := get(t, h, "GET", target, nil)
		if w.Code != 200 {
			t.Fatalf("%s: status %d", target, w.Code)
		}
		body := w.Body.String()
		for _, bad := range []*regexp.Regexp{
			regexp.MustCompile(`(?i)<script`),
			regexp.MustCompile(`(?i)<img`),
			regexp.MustCompile(`(?i)<[a-z][^>]*\son[a-z]+=`),
			regexp.MustCompile(`(?i)<a[^>]*href="javascript:`),
		} {
			if loc := bad.FindStringIndex(body); loc != nil {
				t.Errorf("%s: page has live markup %q", target, body[loc[0]:min(loc[1]+40, len(body))])
			}
		}
	}
	body := get(t, h, "GET", "/notices/"+ids[2], nil).Body.String()
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;", "&lt;a href=&#34;javascript:alert(1)&#34;&gt;"} {
		if !strings.Contains(body, want) {
			t.Errorf("notice page lacks the escaped probe %q", want)
		}
	}
	api := get(t, h, "GET", "/api/v1/notices/"+ids[2], nil)
	if strings.Contains(api.Body.String(), "<script>") {
		t.Error("API JSON carries a raw <script> (want \\u003c escapes)")
	}
	m := decode(t, api)
	if !strings.Contains(m["text"].(string), "<script>alert(1)</script>") {
		t.Error("API text lost the probe: it must be data, escaped, not dropped")
	}
}

func TestSecurityHeaders(t *testing.T) {
	s, ids := testServer(t, nil)
	for _, target := range []string{"/", "/notices/" + ids[0], "/api/v1/notices", "/static/style.css", "/nowhere"} {
		w := get(t, s.Handler(), "GET", target, nil)
		h := w.Header()
		if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s: CSP = %q", target, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("%s: headers %v", target, h)
		}
	}
}

func TestToken(t *testing.T) {
	s, _ := testServer(t, func(c *Config) { c.Token = testToken })
	h := s.Handler()
	tests := []struct {
		name, target string
		hdr          map[string]string
		status       int
	}{
		{"no token api", "/api/v1/notices", nil, 401},
		{"no token page", "/", nil, 401},
		{"wrong bearer", "/api/v1/notices", map[string]string{"Authorization": "Bearer nope"}, 401},
		{"bearer", "/api/v1/notices", map[string]string{"Authorization": "Bearer " + testToken}, 200},
		{"cookie", "/", map[string]string{"Cookie": tokenCookie + "=" + testToken}, 200},
		{"wrong cookie", "/", map[string]string{"Cookie": tokenCookie + "=x"}, 401},
		{"query token", "/?token=" + testToken + "&brand=Seagate", nil, 303},
		{"wrong query token", "/?token=bad", nil, 401},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := get(t, h, "GET", tc.target, tc.hdr)
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d", w.Code, tc.status)
			}
			if tc.status == 401 && strings.HasPrefix(tc.target, "/api/") {
				if e := decode(t, w)["error"].(map[string]any); e["code"] != "unauthorized" {
					t.Errorf("error = %v", e)
				}
			}
			if tc.status == 303 {
				loc := w.Header().Get("Location")
				if strings.Contains(loc, "token") || !strings.Contains(loc, "brand=Seagate") {
					t.Errorf("redirect to %q: want the URL without the token", loc)
				}
				c := w.Result().Cookies()
				if len(c) != 1 || c[0].Value != testToken || !c[0].HttpOnly || c[0].SameSite != http.SameSiteStrictMode {
					t.Errorf("cookies = %v", c)
				}
			}
		})
	}
}

func TestIngest(t *testing.T) {
	var got string
	s, _ := testServer(t, func(c *Config) {
		c.AllowIngest = true
		c.Token = testToken
		c.Ingest = func(ctx context.Context, name string, data []byte) (enduse.IngestOutcome, []string, error) {
			got = name + ":" + string(data)
			if strings.Contains(string(data), "bad") {
				return "", nil, errors.New("boom")
			}
			if strings.Contains(string(data), "dup") {
				return enduse.OutcomeDuplicate, []string{"x"}, nil
			}
			return enduse.OutcomeStored, []string{"abc"}, nil
		}
	})
	post := func(target, body string) *httptest.ResponseRecorder {
		r := httptest.NewRequest("POST", target, strings.NewReader(body))
		r.Header.Set("Authorization", "Bearer "+testToken)
		r.Header.Set("Content-Type", "application/octet-stream")
		w := httptest.NewRecorder()
		s.Handler().ServeHTTP(w, r)
		return w
	}
	if w := post("/api/v1/ingest?name=dir/a.html", "<p>hi</p>"); w.Code != 201 || got != "a.html:<p>hi</p>" {
		t.Errorf("ingest: %d %q %s", w.Code, got, w.Body)
	}
	if w := post("/api/v1/ingest?name=a.html", "dup"); w.Code != 200 {
		t.Errorf("duplicate: %d", w.Code)
	}
	if w := post("/api/v1/ingest", "x"); w.Code != 400 {
		t.Errorf("no name: %d", w.Code)
	}
	if w := post("/api/v1/ingest?name=a.html", ""); w.Code != 400 {
		t.Errorf("empty: %d", w.Code)
	}
	if w := post("/api/v1/ingest?name=a.html", "bad"); w.Code != 500 || strings.Contains(w.Body.String(), "boom") {
		t.Errorf("failure: %d %s (internal detail must not leak)", w.Code, w.Body)
	}
	if _, err := New(Config{Store: s.cfg.Store, AllowIngest: true, Token: testToken}); err == nil {
		t.Error("AllowIngest without Ingest accepted")
	}
	if _, err := New(Config{Store: s.cfg.Store, AllowIngest: true, Ingest: s.cfg.Ingest}); err == nil || !strings.Contains(err.Error(), "token") {
		t.Errorf("AllowIngest without a token: err = %v", err)
	}
}

func TestPages(t *testing.T) {
	s, ids := testServer(t, nil)
	h := s.Handler()
	tests := []struct {
		name, target string
		status       int
		want         []string
	}{
		{"home leads with foreign brands", "/", 200, []string{"Which foreign brands", `href="/brands/Seagate"`, "US-linked", `action="/"`}},
		{"home filtered", "/?brand=" + url.QueryEscape("希捷") + "&sector=public_security", 200, []string{"<b>1</b></a> unique notices", "乌鲁木齐市公安局", "Urumqi City Public Security Bureau"}},
		{"home bad filter", "/?type=bogus", 400, []string{"unknown notice type"}},
		{"notice", "/notices/" + ids[0], 200, []string{`<mark class="mention"`, `<mark class="field"`, `<mark class="item"`, "ST8000VX004", "BIS Entity List", "Public security", "公安", `href="#text"`, "新疆天诚科技有限公司", "**"}},
		{"notice missing", "/notices/" + strings.Repeat("cd", 32), 404, []string{"not found"}},
		{"notice list", "/notices?ids=" + ids[0][:16] + "," + ids[1][:16], 200, []string{"2 notices", ids[0]}},
		{"notice list bad id", "/notices?ids=xyz", 400, []string{"want a sha256 or at least 8 of its hex digits"}},
		{"orgs", "/orgs?q=" + url.QueryEscape("公安"), 200, []string{"喀什地区公安局"}},
		{"org", "/orgs/" + url.PathEscape("乌鲁木齐市公安局"), 200, []string{"Urumqi City Public Security Bureau", "Seagate", "Screening-list hits", "新疆天诚科技有限公司"}},
		{"brands", "/brands", 200, []string{"Seagate", "Cisco"}},
		{"brand", "/brands/Seagate", 200, []string{"Seagate Technology", "乌鲁木齐市公安局", "Public security", "新疆", "<svg class=\"timeline\""}},
		{"brand missing", "/brands/Nothing", 404, nil},
		{"company", "/companies/h3c", 200, []string{"H3C", "Why US-linked", "joint_venture_of"}},
		{"map", "/map?brand=Seagate", 200, []string{"<svg class=\"map\"", `class="q5"`, "region=65"}},
		{"graph", "/graph", 200, []string{"<svg", "joint venture of", "/companies/h3c"}},
		{"graph focus", "/graph?company=h3c", 200, []string{"Hewlett Packard Enterprise"}},
		{"graph unknown", "/graph?company=nobody-at-all", 404, nil},
		{"no such page", "/nowhere", 404, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := get(t, h, "GET", tc.target, nil)
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d\n%s", w.Code, tc.status, safetext.Clip(w.Body.String(), 600))
			}
			if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
				t.Errorf("Content-Type %q", ct)
			}
			body := w.Body.String()
			for _, want := range tc.want {
				if !strings.Contains(body, want) {
					t.Errorf("page lacks %q", want)
				}
			}
			if strings.Contains(body, "13912345678") {
				t.Error("page shows a phone number")
			}
		})
	}
}

// TestEveryNumberLinks checks that the counts of the search and brand
// pages link to notices that exist, and that following them gives the
// same count.
func TestEveryNumberLinks(t *testing.T) {
	s, _ := testServer(t, nil)
	h := s.Handler()
	count := regexp.MustCompile(`<td class="n"><a href="([^"]+)"[^>]*>(\d+)</a>`)
	for _, page := range []string{"/?region=65", "/brands/Seagate"} {
		body := get(t, h, "GET", page, nil).Body.String()
		ms := count.FindAllStringSubmatch(body, -1)
		if len(ms) < 3 {
			t.Fatalf("%s: only %d linked counts", page, len(ms))
		}
		for _, m := range ms {
			href := strings.ReplaceAll(m[1], "&amp;", "&")
			w := get(t, h, "GET", href, nil)
			if w.Code != 200 {
				t.Errorf("%s: count %s links to %s: status %d", page, m[2], href, w.Code)
				continue
			}
			b := w.Body.String()
			if strings.HasPrefix(href, "/notices?") {
				if !strings.Contains(b, "<h1>"+m[2]+" notices</h1>") {
					t.Errorf("%s: count %s but %s lists another number", page, m[2], href)
				}
			} else if !strings.Contains(b, "<b>"+m[2]+"</b></a> unique notices") {
				t.Errorf("%s: count %s but %s finds another number", page, m[2], href)
			}
		}
	}
}

// TestOpenAPIDocumentsEveryRoute keeps static/openapi.json true: every
// registered API route is documented with its method, and every
// documented path is served.
func TestOpenAPIDocumentsEveryRoute(t *testing.T) {
	s, _ := testServer(t, nil)
	b, err := staticFS.ReadFile("static/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.1.0" {
		t.Errorf("openapi = %q", doc.OpenAPI)
	}
	served := map[string]bool{}
	for _, r := range s.routes {
		if !r.api {
			continue
		}
		served[r.pattern] = true
		ops, ok := doc.Paths[r.pattern]
		if !ok {
			t.Errorf("route %s %s is not documented", r.method, r.pattern)
			continue
		}
		if _, ok := ops[strings.ToLower(r.method)]; !ok {
			t.Errorf("route %s %s: method not documented", r.method, r.pattern)
		}
		var params []string
		for _, m := range regexp.MustCompile(`\{(\w+)\}`).FindAllStringSubmatch(r.pattern, -1) {
			params = append(params, m[1])
		}
		var op struct {
			Parameters []struct{ Name, In string } `json:"parameters"`
		}
		json.Unmarshal(ops[strings.ToLower(r.method)], &op)
		for _, p := range params {
			found := false
			for _, dp := range op.Parameters {
				found = found || (dp.Name == p && dp.In == "path")
			}
			if !found {
				t.Errorf("route %s: path parameter %s not documented", r.pattern, p)
			}
		}
	}
	for p := range doc.Paths {
		if !served[p] {
			t.Errorf("documented path %s is not served", p)
		}
	}
}

func TestListenAndServe(t *testing.T) {
	s, _ := testServer(t, nil)
	err := s.ListenAndServe(context.Background(), "0.0.0.0:0", nil)
	if err == nil || !strings.Contains(err.Error(), "--token") {
		t.Fatalf("non-loopback without token: %v", err)
	}
	if err := s.ListenAndServe(context.Background(), "nonsense", nil); err == nil {
		t.Fatal("bad address accepted")
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	urls := make(chan string, 1)
	go func() { done <- s.ListenAndServe(ctx, "127.0.0.1:0", func(u string) { urls <- u }) }()
	var base string
	select {
	case base = <-urls:
	case err := <-done:
		t.Fatal(err)
	case <-time.After(10 * time.Second):
		t.Fatal("server did not start")
	}
	resp, err := http.Get(base + "api/v1/stats")
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("status %d", resp.StatusCode)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("shutdown: %v", err)
	}
}

func TestNewNeedsEveryTemplate(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, n := range []string{"layout", "partials"} {
		b, _ := templateFS.ReadFile("templates/" + n + ".html")
		fsys["templates/"+n+".html"] = &fstest.MapFile{Data: b}
	}
	names := pageNames()
	for _, n := range names[:len(names)-1] {
		b, _ := templateFS.ReadFile("templates/" + n + ".html")
		fsys["templates/"+n+".html"] = &fstest.MapFile{Data: b}
	}
	if _, err := parseTemplates(fsys); err == nil || !strings.Contains(err.Error(), "error") {
		t.Errorf("missing error.html: err = %v", err)
	}
	if _, err := parseTemplates(templateFS); err != nil {
		t.Errorf("embedded templates: %v", err)
	}
	if _, err := New(Config{}); err == nil {
		t.Error("New without a store succeeded")
	}
}

func TestPipelineIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the pipeline")
	}
	p, err := pipeline.New(pipeline.Config{})
	if err != nil {
		t.Fatal(err)
	}
	db, _ := testStore(t)
	s, err := New(Config{Store: db, AllowIngest: true, Ingest: PipelineIngest(db, p), Token: testToken, AllowedHosts: []string{testHost}})
	if err != nil {
		t.Fatal(err)
	}
	html := `<html><head><meta charset="utf-8"><title>某市公安局硬盘采购中标公告</title></head><body>
<p>采购人：某市公安局</p><p>中标供应商：某某科技有限公司</p><p>中标金额：12.5万元</p>
<table><tr><td>名称</td><td>品牌</td><td>型号</td><td>数量</td></tr><tr><td>硬盘</td><td>希捷</td><td>ST8000VX004</td><td>10</td></tr></table></body></html>`
	post := func(body string) *httptest.ResponseRecorder {
		r := httptest.NewRequest("POST", "/api/v1/ingest?name=award.html", strings.NewReader(body))
		r.Header.Set("Authorization", "Bearer "+testToken)
		r.Header.Set("Content-Type", "application/octet-stream")
		r.Header.Set("Origin", "http://"+testHost)
		w := httptest.NewRecorder()
		s.Handler().ServeHTTP(w, r)
		return w
	}
	w := post(html)
	if w.Code != 201 {
		t.Fatalf("ingest: %d %s", w.Code, w.Body)
	}
	id := decode(t, w)["ids"].([]any)[0].(string)
	n := decode(t, get(t, s.Handler(), "GET", "/api/v1/notices/"+id, map[string]string{"Authorization": "Bearer " + testToken}))
	if n["type"] != "award" || len(n["mentions"].([]any)) == 0 {
		t.Errorf("ingested notice: type %v mentions %v", n["type"], n["mentions"])
	}
	if w := post(html); w.Code != 200 || decode(t, w)["outcome"] != "duplicate" {
		t.Errorf("second ingest: %d %s", w.Code, w.Body)
	}
}
