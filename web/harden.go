package web

import (
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"net/url"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/enduse/enduse"
)

// Limits and rules of the request checks that run before any handler.
const (
	// MinTokenLength is the shortest access token the server accepts: a
	// token is the only secret between the network and the database.
	MinTokenLength = 16
	// maxQueryBytes bounds the raw query string of a request.
	maxQueryBytes = 4096
	// maxParamRunes bounds any single query parameter (q, brand, name…).
	maxParamRunes = 1000
)

// Errors of the request checks, mapped to statuses by errorCode.
var (
	errMisdirected     = errors.New("misdirected request")
	errUnsupportedType = errors.New("unsupported media type")
)

// writeContentTypes are the bodies a state-changing request may carry.
// All but multipart are outside the CORS-safelisted types, so a foreign
// page cannot send them without a preflight the server never grants;
// multipart is accepted for uploads and relies on the origin check.
// text/plain and application/x-www-form-urlencoded (what a cross-site
// <form> sends) are refused.
var writeContentTypes = map[string]bool{
	"application/json":         true,
	"multipart/form-data":      true,
	"application/octet-stream": true,
}

// checkToken refuses an access token too weak to guard the server. An
// empty token means none is configured (loopback only); a blank one is a
// configuration mistake, not a wish for no token.
func checkToken(token string) error {
	if token == "" {
		return nil
	}
	if strings.TrimSpace(token) == "" {
		return errors.New("web: the access token is blank; give a random token of at least 16 characters (e.g. `openssl rand -hex 16`) or none at all on loopback")
	}
	if n := utf8.RuneCountInString(strings.TrimSpace(token)); n < MinTokenLength {
		return fmt.Errorf("web: the access token has %d characters; it needs at least %d (e.g. `openssl rand -hex 16`)", n, MinTokenLength)
	}
	return nil
}

// loopbackHosts are the names every server answers to.
func loopbackHosts() []string { return []string{"localhost", "127.0.0.1", "::1"} }

// hostSet is the Host allow-list: lower-case host names without port.
type hostSet map[string]bool

// newHostSet normalises the configured host names; loopback names are
// always allowed. An entry may carry a port (ignored) or IPv6 brackets.
func newHostSet(hosts []string) (hostSet, error) {
	set := hostSet{}
	for _, h := range loopbackHosts() {
		set[h] = true
	}
	for _, h := range hosts {
		h = strings.TrimSpace(h)
		if h == "" {
			continue
		}
		name := hostName(h)
		if name == "" || strings.ContainsAny(h, "*/@ ") {
			return nil, fmt.Errorf("web: allowed host %q is not a host name or address (wildcards are not accepted)", h)
		}
		set[name] = true
	}
	return set, nil
}

// hostName returns the lower-case host of a Host value ("a.b:8080",
// "[::1]:80", "localhost"), without port or brackets.
func hostName(hostport string) string {
	h := hostport
	if host, _, err := net.SplitHostPort(hostport); err == nil {
		h = host
	}
	return strings.ToLower(strings.TrimSuffix(strings.TrimPrefix(h, "["), "]"))
}

// refuse answers a request the checks turned away: JSON under /api/,
// the error page elsewhere.
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, err error) {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		s.apiError(w, err)
		return
	}
	s.pageError(w, r, err)
}

// allowHost refuses requests whose Host is not on the allow-list, so a
// hostile page cannot reach the server through a DNS name it controls
// (DNS rebinding): the browser would send that name as Host.
func (s *Server) allowHost(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.hosts[hostName(r.Host)] {
			s.refuse(w, r, fmt.Errorf("host %q is not served here; use http://127.0.0.1 or add the name to allowed_hosts (serve --allowed-hosts): %w",
				r.Host, errMisdirected))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// limitQuery refuses oversized query strings with 400 before any handler
// parses them or passes them to a store.
func (s *Server) limitQuery(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n := len(r.URL.RawQuery); n > maxQueryBytes {
			s.refuse(w, r, fmt.Errorf("the query string has %d bytes; at most %d are accepted: %w", n, maxQueryBytes, enduse.ErrInvalid))
			return
		}
		q, err := url.ParseQuery(r.URL.RawQuery)
		if err != nil {
			s.refuse(w, r, fmt.Errorf("the query string is malformed: %v: %w", err, enduse.ErrInvalid))
			return
		}
		for k, vs := range q {
			for _, v := range vs {
				if n := utf8.RuneCountInString(v); n > maxParamRunes {
					s.refuse(w, r, fmt.Errorf("parameter %.40q has %d characters; at most %d are accepted: %w", k, n, maxParamRunes, enduse.ErrInvalid))
					return
				}
			}
		}
		next.ServeHTTP(w, r)
	})
}

// guardWrites lets a state-changing request through only when it comes
// from the server's own origin and carries a JSON, multipart or binary
// body: the cookie that carries the token would otherwise let any page
// the user visits post on their behalf (CSRF).
func (s *Server) guardWrites(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			next.ServeHTTP(w, r)
			return
		}
		if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
			s.refuse(w, r, fmt.Errorf("cross-site %s refused (Sec-Fetch-Site: %s): %w", r.Method, site, errForbidden))
			return
		}
		if origin := r.Header.Get("Origin"); origin != "" && !sameOrigin(origin, r) {
			s.refuse(w, r, fmt.Errorf("cross-origin %s from %q refused: %w", r.Method, origin, errForbidden))
			return
		}
		// A request without a body carries nothing to decode; the handler
		// answers it (405, 403 or "empty body").
		ct := r.Header.Get("Content-Type")
		mt, _, err := mime.ParseMediaType(ct)
		if r.ContentLength != 0 && (err != nil || !writeContentTypes[mt]) {
			s.refuse(w, r, fmt.Errorf("a %s body must be application/json, multipart/form-data or application/octet-stream, not %q: %w",
				r.Method, ct, errUnsupportedType))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// sameOrigin reports whether an Origin header names the scheme, host and
// port r was sent to (default ports made explicit on both sides).
func sameOrigin(origin string, r *http.Request) bool {
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" {
		return false // includes "null", sent by sandboxed and file pages
	}
	scheme, port := "http", "80"
	if r.TLS != nil {
		scheme, port = "https", "443"
	}
	return u.Scheme == scheme && withPort(u.Host, port) == withPort(r.Host, port)
}

// withPort lower-cases hostport and adds port when it has none.
func withPort(hostport, port string) string {
	if _, _, err := net.SplitHostPort(hostport); err == nil {
		return strings.ToLower(hostport)
	}
	return strings.ToLower(net.JoinHostPort(strings.TrimSuffix(strings.TrimPrefix(hostport, "["), "]"), port))
}

// noListing serves fsys's files but answers 404 for directories, so the
// static tree is not browsable.
func noListing(fsys fs.FS, files http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		if name == "" {
			name = "."
		}
		if fi, err := fs.Stat(fsys, name); err != nil || fi.IsDir() {
			http.NotFound(w, r)
			return
		}
		files.ServeHTTP(w, r)
	})
}
