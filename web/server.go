// Package web serves enduse's JSON API (/api/v1) and its server-rendered UI:
// search with filters and counts, the notice page with its evidence
// highlighted, organisation and brand pages, a province map and the
// corporate-link graph. Every number on a page links to the notices behind
// it.
//
// Notice content is hostile input: pages render only the stored, redacted
// text through html/template escaping, original bytes are served as
// sandboxed attachments, and every response carries a strict
// Content-Security-Policy. The server binds loopback by default and demands
// an access token anywhere else; it is read-only unless ingest is enabled.
package web

import (
	"context"
	"crypto/subtle"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/kb"
	"github.com/enduse/enduse/region"
	"github.com/enduse/enduse/resolve"
	"github.com/enduse/enduse/screen"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Store is what the server reads from a storage backend: stored notices and
// their original bytes, filter answers, and organisation/brand profiles.
type Store interface {
	enduse.NoticeReader
	enduse.Querier
	enduse.Profiler
}

// IngestFunc processes one uploaded document (its file name and bytes) and
// stores it, returning what happened and the stored notice ids. The
// command wires it to the pipeline; the server only calls it when
// Config.AllowIngest is set.
type IngestFunc func(ctx context.Context, name string, data []byte) (enduse.IngestOutcome, []string, error)

// Config is everything a Server needs. Store is required; the knowledge
// base, regions, screener and lists enable the pages that use them (a nil
// one makes those pages answer "not available").
type Config struct {
	Store    Store
	KB       *kb.KB
	Regions  *region.Table
	Screener *screen.Screener
	Lists    *screen.Lists
	// Token, when set, is required on every request: as
	// "Authorization: Bearer TOKEN", or once as ?token=TOKEN, after which a
	// cookie carries it. It must have at least MinTokenLength characters.
	// POST requests also need the server's own Origin and a JSON,
	// multipart or binary body.
	Token string
	// AllowIngest accepts POST /api/v1/ingest (default off: read-only);
	// it requires a Token.
	AllowIngest bool
	// Ingest stores an uploaded document; required when AllowIngest is set.
	Ingest IngestFunc
	// AllowedHosts are the host names (or addresses) requests may name in
	// their Host header besides the loopback names, which are always
	// allowed; any other Host is refused (DNS-rebinding defence).
	AllowedHosts []string
	// ServeRaw serves stored originals at GET /api/v1/notices/{id}/raw
	// (default off). Originals carry the personal data the stored text
	// masks, so the operator must opt in, a Token is required, and each
	// download must send it as a Bearer header, even on loopback.
	ServeRaw bool
}

// Server is the HTTP face of enduse. It is safe for concurrent use.
type Server struct {
	cfg     Config
	names   *resolve.Resolver // brand and company names as the store keeps them
	pages   map[string]*template.Template
	hosts   hostSet
	geo     *geoFile
	routes  []route
	handler http.Handler
}

// route is one registered endpoint; the OpenAPI test walks them.
type route struct {
	method, pattern string
	api             bool
	h               http.HandlerFunc
}

const tokenCookie = "enduse_token"

// New builds a Server: it parses every embedded template (a missing or
// broken template is an error) and loads the bundled province outlines.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("web: config has no store")
	}
	if cfg.AllowIngest && cfg.Ingest == nil {
		return nil, errors.New("web: ingest is allowed but config has no Ingest function")
	}
	if err := checkToken(cfg.Token); err != nil {
		return nil, err
	}
	if cfg.AllowIngest && cfg.Token == "" {
		return nil, errors.New("web: ingest over HTTP changes the database and needs an access token; set one (serve --token)")
	}
	if cfg.ServeRaw && cfg.Token == "" {
		return nil, errors.New("web: serving stored originals (--serve-raw) requires an access token (--token): originals carry unmasked personal data")
	}
	s := &Server{cfg: cfg}
	var err error
	if s.names, err = resolve.New(cfg.KB); err != nil {
		return nil, err
	}
	if s.hosts, err = newHostSet(cfg.AllowedHosts); err != nil {
		return nil, err
	}
	if s.pages, err = parseTemplates(templateFS); err != nil {
		return nil, err
	}
	if s.geo, err = loadGeo(staticFS); err != nil {
		return nil, err
	}
	s.routes = s.routeTable()
	mux := http.NewServeMux()
	for _, r := range s.routes {
		mux.HandleFunc(r.method+" "+r.pattern, r.h)
	}
	static, err := fs.Sub(staticFS, "static")
	if err != nil {
		return nil, fmt.Errorf("web: static files: %w", err)
	}
	mux.Handle("GET /static/", http.StripPrefix("/static/", noListing(static, http.FileServerFS(static))))
	// The catch-all answers API misses as JSON: 405 with Allow when the
	// path exists under another method, else 404.
	allow := map[string][]string{}
	probe := http.NewServeMux()
	for _, r := range s.routes {
		if len(allow[r.pattern]) == 0 {
			probe.HandleFunc(r.pattern, func(http.ResponseWriter, *http.Request) {})
		}
		allow[r.pattern] = append(allow[r.pattern], r.method)
	}
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		if _, pat := probe.Handler(r); pat != "" && pat != "/" {
			w.Header().Set("Allow", strings.Join(allow[pat], ", "))
			writeJSONError(w, http.StatusMethodNotAllowed, "method_not_allowed",
				fmt.Sprintf("%s is not allowed on %s; use %s", r.Method, r.URL.Path, strings.Join(allow[pat], " or ")))
			return
		}
		s.apiError(w, fmt.Errorf("no API endpoint %s %s: %w", r.Method, r.URL.Path, enduse.ErrNotFound))
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.pageError(w, r, fmt.Errorf("no page at %s: %w", r.URL.Path, enduse.ErrNotFound))
	})
	s.handler = s.secure(s.allowHost(s.limitQuery(s.guardWrites(s.authorize(mux)))))
	return s, nil
}

// routeTable lists every endpoint of the server.
func (s *Server) routeTable() []route {
	return []route{
		{"GET", "/api/v1/notices", true, s.apiNotices},
		{"GET", "/api/v1/notices/{id}", true, s.apiNotice},
		{"GET", "/api/v1/notices/{id}/raw", true, s.apiRaw},
		{"GET", "/api/v1/orgs", true, s.apiOrgs},
		{"GET", "/api/v1/orgs/{key}", true, s.apiOrg},
		{"GET", "/api/v1/brands", true, s.apiBrands},
		{"GET", "/api/v1/brands/{name}", true, s.apiBrand},
		{"GET", "/api/v1/companies/{id}", true, s.apiCompany},
		{"GET", "/api/v1/query", true, s.apiQuery},
		{"GET", "/api/v1/screen", true, s.apiScreen},
		{"GET", "/api/v1/lists", true, s.apiLists},
		{"GET", "/api/v1/stats", true, s.apiStats},
		{"GET", "/api/v1/openapi.json", true, s.apiOpenAPI},
		{"POST", "/api/v1/ingest", true, s.apiIngest},
		{"GET", "/api/v1/watches", true, s.apiWatches},
		{"POST", "/api/v1/watches", true, s.apiAddWatch},
		{"DELETE", "/api/v1/watches/{name}", true, s.apiRemoveWatch},
		{"GET", "/api/v1/alerts", true, s.apiAlerts},

		{"GET", "/{$}", false, s.pageHome},
		{"GET", "/notices", false, s.pageNoticeList},
		{"GET", "/notices/{id}", false, s.pageNotice},
		{"GET", "/orgs", false, s.pageOrgs},
		{"GET", "/orgs/{key}", false, s.pageOrg},
		{"GET", "/brands", false, s.pageBrands},
		{"GET", "/brands/{name}", false, s.pageBrand},
		{"GET", "/companies/{id}", false, s.pageCompany},
		{"GET", "/map", false, s.pageMap},
		{"GET", "/graph", false, s.pageGraph},
		{"GET", "/alerts", false, s.pageAlerts},
	}
}

// Handler returns the server's HTTP handler, with security headers, the
// Host allow-list, query limits, write guards and token checks applied.
func (s *Server) Handler() http.Handler { return s.handler }

// contentSecurityPolicy allows only the server's own stylesheet and images;
// no script runs on any page.
const contentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self' data:; " +
	"form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// secure sets the security headers of every response.
func (s *Server) secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}

// authorize enforces Config.Token: a bearer header, the cookie, or a
// ?token= parameter that is exchanged for the cookie with a redirect to the
// same URL without it (so the token does not linger in history or logs).
func (s *Server) authorize(next http.Handler) http.Handler {
	if s.cfg.Token == "" {
		return next
	}
	want := []byte(s.cfg.Token)
	ok := func(got string) bool { return got != "" && subtle.ConstantTimeCompare([]byte(got), want) == 1 }
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if auth := r.Header.Get("Authorization"); strings.HasPrefix(auth, "Bearer ") && ok(strings.TrimPrefix(auth, "Bearer ")) {
			next.ServeHTTP(w, r)
			return
		}
		if c, err := r.Cookie(tokenCookie); err == nil && ok(c.Value) {
			next.ServeHTTP(w, r)
			return
		}
		if t := r.URL.Query().Get("token"); t != "" && ok(t) && r.Method == http.MethodGet {
			http.SetCookie(w, &http.Cookie{Name: tokenCookie, Value: s.cfg.Token, Path: "/",
				HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil})
			u := *r.URL
			q := u.Query()
			q.Del("token")
			u.RawQuery = q.Encode()
			http.Redirect(w, r, u.RequestURI(), http.StatusSeeOther)
			return
		}
		w.Header().Set("WWW-Authenticate", `Bearer realm="enduse"`)
		err := errors.New("an access token is required: send 'Authorization: Bearer TOKEN' or open the URL with ?token=TOKEN once")
		if strings.HasPrefix(r.URL.Path, "/api/") {
			writeJSONError(w, http.StatusUnauthorized, "unauthorized", err.Error())
			return
		}
		http.Error(w, err.Error(), http.StatusUnauthorized)
	})
}

// ListenAndServe binds addr (default 127.0.0.1:8080; port 0 picks one),
// calls ready with the base URL once it accepts connections, and serves
// until ctx ends, then shuts down gracefully. It refuses a non-loopback
// address when no Token is set.
func (s *Server) ListenAndServe(ctx context.Context, addr string, ready func(url string)) error {
	if addr == "" {
		addr = "127.0.0.1:8080"
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("serve: address %q: %w (want HOST:PORT, e.g. 127.0.0.1:8080)", addr, err)
	}
	if s.cfg.Token == "" && !isLoopback(host) {
		return fmt.Errorf("serve: refusing to listen on %s without an access token: set --token (or bind 127.0.0.1)", addr)
	}
	if !isLoopback(host) && len(s.hosts) == len(loopbackHosts()) {
		return fmt.Errorf("serve: listening on %s, but only loopback Host names are allowed, so no other machine could use the server: set --allowed-hosts (the names clients use to reach it)", addr)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("serve: listen %s: %w", addr, err)
	}
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      5 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	if ready != nil {
		u := url.URL{Scheme: "http", Host: ln.Addr().String(), Path: "/"}
		ready(u.String())
	}
	select {
	case err := <-errc:
		return fmt.Errorf("serve %s: %w", addr, err)
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := srv.Shutdown(sctx); err != nil {
			return fmt.Errorf("serve: shut down: %w", err)
		}
		return nil
	}
}

// isLoopback reports whether host names only this machine.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// errorCode maps an error to its HTTP status and API code: the one place
// where domain errors become statuses.
func errorCode(err error) (int, string) {
	switch {
	case errors.Is(err, enduse.ErrNotFound):
		return http.StatusNotFound, "not_found"
	case errors.Is(err, enduse.ErrInvalid):
		return http.StatusBadRequest, "invalid"
	case errors.Is(err, errForbidden):
		return http.StatusForbidden, "forbidden"
	case errors.Is(err, errUnavailable):
		return http.StatusNotImplemented, "unavailable"
	case errors.Is(err, errMisdirected):
		return http.StatusMisdirectedRequest, "misdirected_host"
	case errors.Is(err, errUnsupportedType):
		return http.StatusUnsupportedMediaType, "unsupported_media_type"
	case errors.Is(err, errTooLarge):
		return http.StatusRequestEntityTooLarge, "too_large"
	case errors.Is(err, enduse.ErrSchema), errors.Is(err, enduse.ErrSchemaNewer):
		return http.StatusServiceUnavailable, "schema"
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable, "timeout"
	}
	return http.StatusInternalServerError, "internal"
}

// Errors of the web layer, mapped to statuses by errorCode.
var (
	errForbidden   = errors.New("forbidden")
	errUnavailable = errors.New("not available on this server")
	errTooLarge    = errors.New("request body too large")
)
