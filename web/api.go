package web

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"mime/multipart"
	"net/http"
	"path"
	"sort"
	"strings"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/jsonout"
	"github.com/enduse/enduse/screen"
)

// writeJSON writes v as indented JSON with the given status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if err := jsonout.Indented(w, v, true); err != nil {
		slog.Debug("web: write json", "err", err)
	}
}

// apiErrorBody is the JSON shape of every API error.
type apiErrorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func writeJSONError(w http.ResponseWriter, status int, code, msg string) {
	var b apiErrorBody
	b.Error.Code, b.Error.Message = code, msg
	writeJSON(w, status, b)
}

// apiError answers err as JSON with the status errorCode maps it to.
// Internal errors are logged and answered without their detail.
func (s *Server) apiError(w http.ResponseWriter, err error) {
	status, code := errorCode(err)
	msg := err.Error()
	if status == http.StatusInternalServerError {
		slog.Error("web: api", "err", err)
		msg = "internal error; the server log has the details"
	}
	writeJSONError(w, status, code, msg)
}

// apiNotices answers GET /api/v1/notices: the rows of a filter with the
// total before paging.
func (s *Server) apiNotices(w http.ResponseWriter, r *http.Request) {
	f, err := s.filter(r)
	if err != nil {
		s.apiError(w, err)
		return
	}
	res, err := s.cfg.Store.Query(r.Context(), f)
	if err != nil {
		s.apiError(w, fmt.Errorf("search notices: %w", err))
		return
	}
	rows := res.Rows
	if rows == nil {
		rows = []enduse.Row{}
	}
	for i := range rows {
		rows[i].Page = "/notices/" + rows[i].ID
	}
	writeJSON(w, http.StatusOK, struct {
		Total   int          `json:"total"`
		Limit   int          `json:"limit"`
		Offset  int          `json:"offset"`
		Notices []enduse.Row `json:"notices"`
	}{res.Total, f.Limit, f.Offset, rows})
}

// filter parses the request's filter and resolves its brand and company
// through the knowledge base (希捷 → Seagate, 华为 → Huawei Technologies),
// as the command line does.
func (s *Server) filter(r *http.Request) (enduse.Filter, error) {
	f, err := parseFilter(r.URL.Query())
	if err != nil {
		return f, err
	}
	return s.names.Filter(f), nil
}

// canonicalBrand returns the knowledge base's name for a brand alias or
// model number, or the name as written.
func (s *Server) canonicalBrand(name string) string { return s.names.Brand(name) }

// noticeJSON is GET /api/v1/notices/{id}: the stored notice (fields,
// items, mentions with spans, hits, redacted text) and its page links.
type noticeJSON struct {
	*enduse.StoredNotice
	Page string `json:"page"`
	// Raw is the original's download link, present only when the operator
	// serves originals (Config.ServeRaw).
	Raw string `json:"raw,omitempty"`
}

func (s *Server) apiNotice(w http.ResponseWriter, r *http.Request) {
	n, err := s.notice(r)
	if err != nil {
		s.apiError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, noticeJSON{StoredNotice: n, Page: "/notices/" + n.SHA256, Raw: s.rawHref(n.SHA256)})
}

// rawHref is the download link of a stored original, or "" when originals
// are not served.
func (s *Server) rawHref(sha string) string {
	if !s.cfg.ServeRaw {
		return ""
	}
	return "/api/v1/notices/" + sha + "/raw"
}

// errRawOff explains to a caller of the raw endpoint why it is closed and
// how the operator opens it.
const errRawOff = "stored originals are not served: they carry personal data (names, phone numbers) that the stored text masks; " +
	"read the redacted text at /api/v1/notices/{id} or /notices/{id}. An operator enables downloads with " +
	"'enduse serve --serve-raw --token TOKEN' (or \"serve_raw\": true in the config file); each download then needs 'Authorization: Bearer TOKEN'"

// rawAuthorized reports whether r carries the access token as a Bearer
// header; a cookie or ?token= is not enough for an original.
func (s *Server) rawAuthorized(r *http.Request) bool {
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return ok && s.cfg.Token != "" && got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(s.cfg.Token)) == 1
}

// notice loads the notice named by the {id} path value.
func (s *Server) notice(r *http.Request) (*enduse.StoredNotice, error) {
	id, err := enduse.NoticeID(r.PathValue("id"))
	if err != nil {
		return nil, fmt.Errorf("notice %w", err)
	}
	n, err := s.cfg.Store.Notice(r.Context(), id)
	if err != nil {
		return nil, fmt.Errorf("notice %s: %w", id, err)
	}
	return n, nil
}

// apiRaw serves a stored document's original bytes as an attachment that
// no browser renders: text types as text/plain, everything else as
// application/octet-stream, sandboxed by CSP. It answers 403 unless the
// operator enabled Config.ServeRaw, and 401 without the Bearer token.
func (s *Server) apiRaw(w http.ResponseWriter, r *http.Request) {
	if !s.cfg.ServeRaw {
		writeJSONError(w, http.StatusForbidden, "raw_disabled", errRawOff)
		return
	}
	if !s.rawAuthorized(r) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="enduse"`)
		writeJSONError(w, http.StatusUnauthorized, "unauthorized",
			"a stored original needs the access token as 'Authorization: Bearer TOKEN' (a cookie or ?token= is not enough)")
		return
	}
	n, err := s.notice(r)
	if err != nil {
		s.apiError(w, err)
		return
	}
	id := n.SHA256
	// An attachment's original is served through its notice, and only one
	// the notice lists: child documents have no notice of their own.
	if a := r.URL.Query().Get("attachment"); a != "" {
		id = ""
		for _, att := range n.Attachments {
			if strings.EqualFold(att.SHA256, a) {
				id = att.SHA256
			}
		}
		if id == "" {
			s.apiError(w, fmt.Errorf("attachment %s of %s: %w", a, n.SHA256, enduse.ErrNotFound))
			return
		}
	}
	raw, media, err := s.cfg.Store.Raw(r.Context(), id)
	if err != nil {
		s.apiError(w, fmt.Errorf("original of %s: %w", id, err))
		return
	}
	ct := "application/octet-stream"
	if mt, params, perr := mime.ParseMediaType(media); perr == nil && (strings.HasPrefix(mt, "text/") || mt == "application/json") {
		ct = "text/plain"
		if cs := params["charset"]; cs != "" {
			ct = mime.FormatMediaType("text/plain", map[string]string{"charset": cs})
		}
	}
	h := w.Header()
	h.Set("Content-Type", ct)
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": n.SHA256[:16] + rawExt(media)}))
	h.Set("X-Enduse-Media-Type", media)
	h.Set("Cache-Control", "private, max-age=3600")
	w.WriteHeader(http.StatusOK)
	if _, err := w.Write(raw); err != nil {
		slog.Debug("web: write raw", "err", err)
	}
}

// rawExt is the file extension of a stored original's download name.
func rawExt(media string) string {
	mt, _, _ := mime.ParseMediaType(media)
	switch mt {
	case "text/html", "application/xhtml+xml":
		return ".html.txt"
	case "text/plain":
		return ".txt"
	case "application/pdf":
		return ".pdf"
	case "application/msword":
		return ".doc"
	case "application/vnd.ms-excel":
		return ".xls"
	case "application/json":
		return ".json"
	}
	if exts, _ := mime.ExtensionsByType(mt); len(exts) > 0 && !strings.Contains(mt, "html") {
		return exts[0]
	}
	return ".bin"
}

func (s *Server) apiOrgs(w http.ResponseWriter, r *http.Request) {
	limit, err := parseInt("limit", r.URL.Query().Get("limit"), 100)
	if err != nil {
		s.apiError(w, err)
		return
	}
	orgs, err := s.cfg.Store.Orgs(r.Context(), strings.TrimSpace(r.URL.Query().Get("q")), min(limit, maxLimit))
	if err != nil {
		s.apiError(w, fmt.Errorf("list organisations: %w", err))
		return
	}
	if orgs == nil {
		orgs = []enduse.OrgSummary{}
	}
	writeJSON(w, http.StatusOK, struct {
		Orgs []enduse.OrgSummary `json:"orgs"`
	}{orgs})
}

func (s *Server) apiOrg(w http.ResponseWriter, r *http.Request) {
	p, err := s.cfg.Store.OrgProfile(r.Context(), r.PathValue("key"))
	if err != nil {
		s.apiError(w, fmt.Errorf("organisation %q: %w", r.PathValue("key"), err))
		return
	}
	writeJSON(w, http.StatusOK, struct {
		*enduse.OrgProfile
		Page string `json:"page"`
	}{p, "/orgs/" + pathEscape(p.Key)})
}

func (s *Server) apiBrands(w http.ResponseWriter, r *http.Request) {
	bs, err := s.cfg.Store.Brands(r.Context())
	if err != nil {
		s.apiError(w, fmt.Errorf("list brands: %w", err))
		return
	}
	if bs == nil {
		bs = []enduse.BrandSummary{}
	}
	writeJSON(w, http.StatusOK, struct {
		Brands []enduse.BrandSummary `json:"brands"`
	}{bs})
}

// brandJSON is GET /api/v1/brands/{name}: the store's profile, the
// knowledge base's record and corporate path, and the footprint.
type brandJSON struct {
	*enduse.BrandProfile
	Resolution *enduse.Resolution `json:"resolution,omitempty"`
	CompanyID  string             `json:"company_id,omitempty"`
	LinkPath   []string           `json:"link_path,omitempty"`
	Footprint  []footprintCell    `json:"footprint"`
	Page       string             `json:"page"`
}

// footprintCell is the notices of a brand in one province and month.
type footprintCell struct {
	Region     string   `json:"region"` // province code
	RegionName string   `json:"region_name,omitempty"`
	Month      string   `json:"month"`
	Notices    int      `json:"notices"`
	IDs        []string `json:"ids"`
}

// footprint crosses a brand's by-region and by-month figures through their
// notice ids.
func footprint(p *enduse.BrandProfile, name func(string) string) []footprintCell {
	monthOf := map[string]string{}
	for m, f := range p.ByMonth {
		for _, id := range f.IDs {
			monthOf[id] = m
		}
	}
	type key struct{ r, m string }
	cells := map[key][]string{}
	for reg, f := range p.ByRegion {
		for _, id := range f.IDs {
			k := key{reg, monthOf[id]}
			cells[k] = append(cells[k], id)
		}
	}
	out := make([]footprintCell, 0, len(cells))
	for k, ids := range cells {
		sort.Strings(ids)
		c := footprintCell{Region: k.r, Month: k.m, Notices: len(ids), IDs: ids}
		if name != nil {
			c.RegionName = name(k.r)
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Region != out[j].Region {
			return out[i].Region < out[j].Region
		}
		return out[i].Month < out[j].Month
	})
	return out
}

// brand loads a brand's profile with what the knowledge base says of it.
func (s *Server) brand(r *http.Request) (*brandJSON, error) {
	name := strings.TrimSpace(r.PathValue("name"))
	if name == "" {
		return nil, fmt.Errorf("empty brand name: %w", enduse.ErrInvalid)
	}
	p, err := s.cfg.Store.BrandProfile(r.Context(), s.canonicalBrand(name))
	if err != nil {
		return nil, fmt.Errorf("brand %q: %w", name, err)
	}
	out := &brandJSON{BrandProfile: p, Page: "/brands/" + pathEscape(p.Brand)}
	if k := s.cfg.KB; k != nil {
		if b, ok := k.FindBrand(p.Brand); ok {
			res := k.Resolve(b.ID, "")
			out.Resolution, out.CompanyID = &res, b.Company
			out.LinkPath = k.CompanyPath(b.Company)
		} else if c, ok := k.FindCompany(p.Brand); ok {
			res := k.Resolve(c.ID, "")
			out.Resolution, out.CompanyID = &res, c.ID
			out.LinkPath = k.CompanyPath(c.ID)
		}
	}
	out.Footprint = footprint(p, s.regionName)
	return out, nil
}

func (s *Server) apiBrand(w http.ResponseWriter, r *http.Request) {
	b, err := s.brand(r)
	if err != nil {
		s.apiError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, b)
}

// companyJSON is GET /api/v1/companies/{id}: the knowledge-base record,
// its brands, its links both ways, and the US-link path.
type companyJSON struct {
	enduse.Company
	Brands     []enduse.Brand `json:"brands"`
	LinksFrom  []enduse.Link  `json:"links_from"`
	LinksTo    []enduse.Link  `json:"links_to"`
	USLinked   bool           `json:"us_linked"`
	USLinkPath []string       `json:"us_link_path,omitempty"`
	Paths      []string       `json:"paths"`
	Page       string         `json:"page"`
}

// company assembles the KB view of a company by id or name.
func (s *Server) company(id string) (*companyJSON, error) {
	k := s.cfg.KB
	if k == nil {
		return nil, fmt.Errorf("knowledge base: %w", errUnavailable)
	}
	c, ok := k.Company(id)
	if !ok {
		if c, ok = k.FindCompany(id); !ok {
			return nil, fmt.Errorf("company %q is not in the knowledge base: %w", id, enduse.ErrNotFound)
		}
	}
	out := &companyJSON{Company: c, Brands: []enduse.Brand{}, LinksFrom: k.LinksFrom(c.ID), LinksTo: []enduse.Link{},
		Paths: k.CompanyPath(c.ID), Page: "/companies/" + pathEscape(c.ID)}
	if out.LinksFrom == nil {
		out.LinksFrom = []enduse.Link{}
	}
	for _, b := range k.Brands() {
		if b.Company == c.ID {
			out.Brands = append(out.Brands, b)
		}
	}
	for _, l := range k.Links() {
		if l.To == c.ID {
			out.LinksTo = append(out.LinksTo, l)
		}
	}
	res := k.Resolve(c.ID, "")
	out.USLinked, out.USLinkPath = res.USLinked, res.USLinkPath
	return out, nil
}

func (s *Server) apiCompany(w http.ResponseWriter, r *http.Request) {
	c, err := s.company(r.PathValue("id"))
	if err != nil {
		s.apiError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, c)
}

// apiQuery answers GET /api/v1/query with the same Result as `enduse
// query --json`.
func (s *Server) apiQuery(w http.ResponseWriter, r *http.Request) {
	f, err := s.filter(r)
	if err != nil {
		s.apiError(w, err)
		return
	}
	res, err := s.cfg.Store.Query(r.Context(), f)
	if err != nil {
		s.apiError(w, fmt.Errorf("query: %w", err))
		return
	}
	writeJSON(w, http.StatusOK, res)
}

// apiScreen screens one name against the loaded lists.
func (s *Server) apiScreen(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Screener == nil {
		s.apiError(w, fmt.Errorf("screening: %w", errUnavailable))
		return
	}
	q := r.URL.Query()
	name := strings.TrimSpace(q.Get("name"))
	if name == "" {
		s.apiError(w, fmt.Errorf("parameter name is required (the organisation to screen): %w", enduse.ErrInvalid))
		return
	}
	if len([]rune(name)) > 300 {
		s.apiError(w, fmt.Errorf("name is longer than 300 characters: %w", enduse.ErrInvalid))
		return
	}
	var opt screen.Options
	for _, v := range q["lists"] {
		for _, l := range strings.Split(v, ",") {
			if l = strings.TrimSpace(l); l != "" {
				opt.Lists = append(opt.Lists, l)
			}
		}
	}
	hits := s.cfg.Screener.Screen(name, opt)
	if hits == nil {
		hits = []enduse.Hit{}
	}
	writeJSON(w, http.StatusOK, struct {
		Name string       `json:"name"`
		Hits []enduse.Hit `json:"hits"`
	}{name, hits})
}

func (s *Server) apiLists(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Lists == nil {
		s.apiError(w, fmt.Errorf("screening lists: %w", errUnavailable))
		return
	}
	ls := s.cfg.Lists.Names()
	if ls == nil {
		ls = []screen.ListInfo{}
	}
	writeJSON(w, http.StatusOK, struct {
		Lists []screen.ListInfo `json:"lists"`
	}{ls})
}

func (s *Server) apiStats(w http.ResponseWriter, r *http.Request) {
	st, err := s.cfg.Store.Stats(r.Context())
	if err != nil {
		s.apiError(w, fmt.Errorf("stats: %w", err))
		return
	}
	writeJSON(w, http.StatusOK, st)
}

func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request) {
	b, err := staticFS.ReadFile("static/openapi.json")
	if err != nil {
		s.apiError(w, fmt.Errorf("openapi document: %w", err))
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	if _, err := w.Write(b); err != nil {
		slog.Debug("web: write openapi", "err", err)
	}
}

// maxIngestBytes bounds an uploaded document.
const maxIngestBytes = 64 << 20

// apiIngest stores one uploaded document: the POST body, or the first
// file of a multipart/form-data body; ?name= (or the part's file name)
// gives its file name, which decides how it is read. Off unless
// AllowIngest.
func (s *Server) apiIngest(w http.ResponseWriter, r *http.Request) {
	if !s.cfg.AllowIngest {
		s.apiError(w, fmt.Errorf("ingest over HTTP is off; start the server with ingest enabled: %w", errForbidden))
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxIngestBytes)
	var body io.Reader = r.Body
	rawName := r.URL.Query().Get("name")
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "multipart/form-data" {
		part, err := firstFilePart(r)
		if err != nil {
			s.apiError(w, err)
			return
		}
		defer part.Close()
		if rawName == "" {
			rawName = part.FileName()
		}
		body = part
	}
	name := path.Base(strings.TrimSpace(rawName))
	if name == "" || name == "." || name == "/" {
		s.apiError(w, fmt.Errorf("parameter name is required (the file name, e.g. notice.html): %w", enduse.ErrInvalid))
		return
	}
	data, err := io.ReadAll(body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			s.apiError(w, fmt.Errorf("ingest %s: more than %d bytes: %w", name, maxIngestBytes, errTooLarge))
			return
		}
		s.apiError(w, fmt.Errorf("ingest %s: read body: %w", name, err))
		return
	}
	if len(data) == 0 {
		s.apiError(w, fmt.Errorf("ingest %s: empty body: %w", name, enduse.ErrInvalid))
		return
	}
	outcome, ids, err := s.cfg.Ingest(r.Context(), name, data)
	if err != nil {
		s.apiError(w, fmt.Errorf("ingest %s: %w", name, err))
		return
	}
	if ids == nil {
		ids = []string{}
	}
	status := http.StatusCreated
	if outcome == enduse.OutcomeDuplicate {
		status = http.StatusOK
	} else {
		s.evaluateWatches(r.Context())
	}
	writeJSON(w, status, struct {
		Outcome enduse.IngestOutcome `json:"outcome"`
		IDs     []string             `json:"ids"`
	}{outcome, ids})
}

// firstFilePart returns the first part of a multipart upload that carries
// a file (the body is already bounded by maxIngestBytes).
func firstFilePart(r *http.Request) (*multipart.Part, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, fmt.Errorf("ingest: multipart body: %v: %w", err, enduse.ErrInvalid)
	}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return nil, fmt.Errorf("ingest: the multipart body has no file part: %w", enduse.ErrInvalid)
		}
		if err != nil {
			return nil, fmt.Errorf("ingest: multipart body: %v: %w", err, enduse.ErrInvalid)
		}
		if part.FileName() != "" {
			return part, nil
		}
		part.Close()
	}
}
