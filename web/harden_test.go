package web

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/safetext"
)

func TestTokenStrength(t *testing.T) {
	base, _ := testServer(t, nil)
	tests := []struct {
		name, token string
		ok          bool
		msg         string
	}{
		{"none", "", true, ""},
		{"blank", "                    ", false, "blank"},
		{"tab and newline", "\t\n", false, "blank"},
		{"short", "s3cret", false, "at least 16"},
		{"15 characters", "abcdefghijklmno", false, "has 15 characters"},
		{"short padded with spaces", "   abcdefghijklmno    ", false, "has 15 characters"},
		{"16 characters", "abcdefghijklmnop", true, ""},
		{"16 Chinese characters", "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳", true, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := New(Config{Store: base.cfg.Store, Token: tc.token})
			if tc.ok != (err == nil) {
				t.Fatalf("token %q: err = %v, want ok=%v", tc.token, err, tc.ok)
			}
			if err != nil && !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("err = %v, want it to mention %q", err, tc.msg)
			}
		})
	}
}

func TestHostAllowList(t *testing.T) {
	s, _ := testServer(t, func(c *Config) { c.AllowedHosts = []string{"enduse.example.org:8443", "10.0.0.5"} })
	tests := []struct {
		host   string
		status int
	}{
		{"localhost", 200},
		{"localhost:8080", 200},
		{"LOCALHOST:1", 200},
		{"127.0.0.1:8080", 200},
		{"[::1]:8080", 200},
		{"[::1]", 200},
		{"enduse.example.org", 200}, // configured; port ignored
		{"Enduse.Example.Org:9000", 200},
		{"10.0.0.5:80", 200},
		{"example.com", 421}, // the tests' default host, not configured here
		{"attacker.example", 421},
		{"attacker.example:8080", 421},
		{"localhost.attacker.example", 421},
		{"127.0.0.1.nip.io", 421},
		{"", 421},
	}
	for _, tc := range tests {
		for _, target := range []string{"/api/v1/stats", "/"} {
			r := httptest.NewRequest("GET", target, nil)
			r.Host = tc.host
			w := httptest.NewRecorder()
			s.Handler().ServeHTTP(w, r)
			if w.Code != tc.status {
				t.Errorf("Host %q %s: status %d, want %d", tc.host, target, w.Code, tc.status)
				continue
			}
			if tc.status != 421 {
				continue
			}
			if !strings.Contains(w.Body.String(), "allowed-hosts") {
				t.Errorf("Host %q %s: message does not say how to allow the host:\n%s", tc.host, target, safetext.Clip(w.Body.String(), 400))
			}
			if target == "/api/v1/stats" {
				if e := decode(t, w)["error"].(map[string]any); e["code"] != "misdirected_host" {
					t.Errorf("Host %q: error = %v", tc.host, e)
				}
			}
			if w.Header().Get("Content-Security-Policy") == "" {
				t.Errorf("Host %q: refusal lacks the security headers", tc.host)
			}
		}
	}
	for _, bad := range []string{"*", "*.example.org", "a b", "http://x/"} {
		if _, err := New(Config{Store: s.cfg.Store, AllowedHosts: []string{bad}}); err == nil {
			t.Errorf("allowed host %q accepted", bad)
		}
	}
}

// ingestServer is a test server with ingest on behind testToken; got
// receives each stored upload as "name:bytes".
func ingestServer(t *testing.T, got *string) *Server {
	t.Helper()
	s, _ := testServer(t, func(c *Config) {
		c.Token = testToken
		c.AllowIngest = true
		c.Ingest = func(_ context.Context, name string, data []byte) (enduse.IngestOutcome, []string, error) {
			*got = name + ":" + string(data)
			return enduse.OutcomeStored, []string{"abc"}, nil
		}
	})
	return s
}

func TestWriteGuards(t *testing.T) {
	var got string
	s := ingestServer(t, &got)
	const bin = "application/octet-stream"
	tests := []struct {
		name   string
		method string
		hdr    map[string]string
		status int
		code   string
	}{
		{"same origin", "POST", map[string]string{"Origin": "http://example.com", "Sec-Fetch-Site": "same-origin"}, 201, ""},
		{"no origin headers (curl)", "POST", nil, 201, ""},
		{"sec-fetch-site none", "POST", map[string]string{"Sec-Fetch-Site": "none"}, 201, ""},
		{"origin with default port", "POST", map[string]string{"Origin": "http://example.com:80"}, 201, ""},
		{"json body", "POST", map[string]string{"Content-Type": "application/json; charset=utf-8"}, 201, ""},
		{"cross-site fetch", "POST", map[string]string{"Sec-Fetch-Site": "cross-site"}, 403, "forbidden"},
		{"same-site fetch", "POST", map[string]string{"Sec-Fetch-Site": "same-site"}, 403, "forbidden"},
		{"foreign origin", "POST", map[string]string{"Origin": "http://attacker.example"}, 403, "forbidden"},
		{"origin on another port", "POST", map[string]string{"Origin": "http://example.com:8080"}, 403, "forbidden"},
		{"origin over another scheme", "POST", map[string]string{"Origin": "https://example.com"}, 403, "forbidden"},
		{"null origin", "POST", map[string]string{"Origin": "null"}, 403, "forbidden"},
		{"cross-origin with good type", "POST", map[string]string{"Origin": "http://attacker.example", "Content-Type": "application/json"}, 403, "forbidden"},
		{"text/plain", "POST", map[string]string{"Content-Type": "text/plain"}, 415, "unsupported_media_type"},
		{"form-encoded", "POST", map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, 415, "unsupported_media_type"},
		{"no content type", "POST", map[string]string{"Content-Type": ""}, 415, "unsupported_media_type"},
		{"malformed content type", "POST", map[string]string{"Content-Type": "application/json; ;;="}, 415, "unsupported_media_type"},
		{"put text/plain", "PUT", map[string]string{"Content-Type": "text/plain"}, 415, "unsupported_media_type"},
		{"no token", "POST", map[string]string{"Authorization": ""}, 401, "unauthorized"},
		{"token in cookie, cross-site", "POST", map[string]string{"Authorization": "", "Cookie": tokenCookie + "=" + testToken, "Sec-Fetch-Site": "cross-site"}, 403, "forbidden"},
		{"token in cookie, same origin", "POST", map[string]string{"Authorization": "", "Cookie": tokenCookie + "=" + testToken, "Origin": "http://example.com"}, 201, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got = ""
			r := httptest.NewRequest(tc.method, "/api/v1/ingest?name=a.html", strings.NewReader("<p>hi</p>"))
			r.Header.Set("Authorization", "Bearer "+testToken)
			r.Header.Set("Content-Type", bin)
			for k, v := range tc.hdr {
				if v == "" {
					r.Header.Del(k)
				} else {
					r.Header.Set(k, v)
				}
			}
			w := httptest.NewRecorder()
			s.Handler().ServeHTTP(w, r)
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.status, safetext.Clip(w.Body.String(), 300))
			}
			if tc.code != "" {
				if e := decode(t, w)["error"].(map[string]any); e["code"] != tc.code {
					t.Errorf("error = %v, want code %s", e, tc.code)
				}
				if got != "" {
					t.Errorf("refused request reached ingest: %q", got)
				}
			} else if got != "a.html:<p>hi</p>" {
				t.Errorf("ingested %q", got)
			}
		})
	}
	// Reading stays open to cross-site navigation: links into the UI work.
	w := get(t, s.Handler(), "GET", "/api/v1/stats", map[string]string{"Authorization": "Bearer " + testToken, "Sec-Fetch-Site": "cross-site"})
	if w.Code != 200 {
		t.Errorf("cross-site GET: %d", w.Code)
	}
}

func TestIngestMultipart(t *testing.T) {
	var got string
	s := ingestServer(t, &got)
	form := func(fields map[string]string, file, content string) (*bytes.Buffer, string) {
		var b bytes.Buffer
		mw := multipart.NewWriter(&b)
		for k, v := range fields {
			mw.WriteField(k, v)
		}
		if file != "" {
			fw, _ := mw.CreateFormFile("file", file)
			fw.Write([]byte(content))
		}
		mw.Close()
		return &b, mw.FormDataContentType()
	}
	post := func(target string, body *bytes.Buffer, ct string) *httptest.ResponseRecorder {
		r := httptest.NewRequest("POST", target, body)
		r.Header.Set("Authorization", "Bearer "+testToken)
		r.Header.Set("Content-Type", ct)
		r.Header.Set("Origin", "http://example.com")
		w := httptest.NewRecorder()
		s.Handler().ServeHTTP(w, r)
		return w
	}
	b, ct := form(map[string]string{"note": "x"}, "dir/公告.html", "<p>一</p>")
	if w := post("/api/v1/ingest", b, ct); w.Code != 201 || got != "公告.html:<p>一</p>" {
		t.Errorf("multipart: %d %q %s", w.Code, got, w.Body)
	}
	b, ct = form(nil, "upload.bin", "<p>二</p>")
	if w := post("/api/v1/ingest?name=b.html", b, ct); w.Code != 201 || got != "b.html:<p>二</p>" {
		t.Errorf("multipart with ?name=: %d %q %s", w.Code, got, w.Body)
	}
	b, ct = form(map[string]string{"note": "x"}, "", "")
	if w := post("/api/v1/ingest", b, ct); w.Code != 400 || !strings.Contains(w.Body.String(), "no file part") {
		t.Errorf("multipart without a file: %d %s", w.Code, w.Body)
	}
	if w := post("/api/v1/ingest", bytes.NewBufferString("garbage"), "multipart/form-data"); w.Code != 400 {
		t.Errorf("multipart without boundary: %d %s", w.Code, w.Body)
	}
}

func TestLongQuery(t *testing.T) {
	s, _ := testServer(t, nil)
	long := strings.Repeat("a", 50000)
	tests := []struct {
		name, target string
		status       int
		msg          string
	}{
		{"page 50k q", "/orgs?q=" + long, 400, "at most 4096"},
		{"api 50k q", "/api/v1/orgs?q=" + long, 400, "at most 4096"},
		{"api notices 50k brand", "/api/v1/notices?brand=" + long, 400, "at most 4096"},
		{"notice list 50k", "/notices?q=" + long, 400, "at most 4096"},
		{"1001-rune q", "/api/v1/orgs?q=" + strings.Repeat("a", 1001), 400, "has 1001 characters"},
		{"1001-rune page q", "/orgs?q=" + strings.Repeat("b", 1001), 400, "has 1001 characters"},
		{"1000-rune q", "/api/v1/orgs?q=" + strings.Repeat("a", 1000), 200, ""},
		{"short Chinese q", "/orgs?q=%E5%85%AC%E5%AE%89", 200, ""},
		{"malformed escape", "/api/v1/orgs?q=%zz", 400, "malformed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := get(t, s.Handler(), "GET", tc.target, nil)
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.status, safetext.Clip(w.Body.String(), 300))
			}
			if tc.msg != "" && !strings.Contains(w.Body.String(), tc.msg) {
				t.Errorf("body lacks %q: %s", tc.msg, safetext.Clip(w.Body.String(), 300))
			}
			if tc.status == 400 && strings.HasPrefix(tc.target, "/api/") {
				if e := decode(t, w)["error"].(map[string]any); e["code"] != "invalid" {
					t.Errorf("error = %v", e)
				}
			}
		})
	}
}

func TestStaticNoListing(t *testing.T) {
	s, _ := testServer(t, nil)
	for target, status := range map[string]int{
		"/static/style.css":  200,
		"/static/":           404,
		"/static/nowhere/":   404,
		"/static/nowhere.js": 404,
	} {
		w := get(t, s.Handler(), "GET", target, nil)
		if w.Code != status {
			t.Errorf("%s: status %d, want %d", target, w.Code, status)
		}
		if status == 404 && strings.Contains(w.Body.String(), "style.css") {
			t.Errorf("%s lists the directory: %s", target, safetext.Clip(w.Body.String(), 300))
		}
	}
}

func TestListenNeedsAllowedHosts(t *testing.T) {
	s, _ := testServer(t, func(c *Config) { c.Token = testToken; c.AllowedHosts = nil })
	err := s.ListenAndServe(context.Background(), "0.0.0.0:0", nil)
	if err == nil || !strings.Contains(err.Error(), "--allowed-hosts") {
		t.Fatalf("non-loopback without allowed hosts: %v", err)
	}
}
