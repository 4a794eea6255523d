package web

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"math"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/safetext"
)

// pageNames are the templates every server must have; New fails when one
// is missing.
func pageNames() []string {
	return []string{"home", "notices", "notice", "orgs", "org", "brands", "brand", "company", "map", "graph", "alerts", "error"}
}

// parseTemplates parses each page with the shared layout and partials.
func parseTemplates(fsys fs.FS) (map[string]*template.Template, error) {
	out := map[string]*template.Template{}
	for _, name := range pageNames() {
		t, err := template.New(name).Funcs(templateFuncs()).ParseFS(fsys,
			"templates/layout.html", "templates/partials.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("web: parse template %s: %w", name, err)
		}
		if t.Lookup("content") == nil {
			return nil, fmt.Errorf("web: template %s.html defines no \"content\"", name)
		}
		out[name] = t
	}
	return out, nil
}

// templateFuncs are the helpers templates use; none returns unescaped HTML.
func templateFuncs() template.FuncMap {
	return template.FuncMap{
		"num":        formatInt,
		"qty":        formatQty,
		"items":      formatItems,
		"unknownQty": func() string { return enduse.QuantityUnknown },
		"yuan":       formatYuan,
		"pathesc":    pathEscape,
		"sectorEN":   sectorLabel,
		"sectorZH":   sectorZH,
		"levelEN":    levelLabel,
		"typeEN":     typeLabel,
		"typeZH":     typeZH,
		"ids":        idsHref,
		"join":       strings.Join,
		"hasType": func(ts []enduse.NoticeType, v string) bool {
			for _, t := range ts {
				if string(t) == v {
					return true
				}
			}
			return false
		},
		"add": func(a, b int) int { return a + b },
		"pct": func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) + "%" },
		"f1":  func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) },
	}
}

// page is what every page template gets.
type page struct {
	Title  string
	Nav    string
	Filter enduse.Filter
	Form   *formOptions
	Data   any
}

// formOptions are the choices of the filter form.
type formOptions struct {
	Sectors   []option
	Levels    []option
	Types     []option
	Provinces []option
	Countries []option
	Action    string
}

type option struct{ Value, Label string }

func (s *Server) formOptions(action string) *formOptions {
	fo := &formOptions{Action: action}
	for _, v := range sectors() {
		fo.Sectors = append(fo.Sectors, option{string(v), sectorLabel(v) + " " + sectorZH(v)})
	}
	for _, v := range levels() {
		fo.Levels = append(fo.Levels, option{string(v), levelLabel(v)})
	}
	for _, v := range enduse.NoticeTypes {
		fo.Types = append(fo.Types, option{string(v), typeLabel(v) + " " + typeZH(v)})
	}
	if s.cfg.Regions != nil {
		for _, p := range s.cfg.Regions.Provinces() {
			fo.Provinces = append(fo.Provinces, option{p.Code[:2], p.Name})
		}
	}
	if s.cfg.KB != nil {
		seen := map[string]bool{}
		for _, c := range s.cfg.KB.Companies() {
			if c.Country != "" && !seen[c.Country] {
				seen[c.Country] = true
				fo.Countries = append(fo.Countries, option{c.Country, c.Country})
			}
		}
		sort.Slice(fo.Countries, func(i, j int) bool { return fo.Countries[i].Value < fo.Countries[j].Value })
	}
	return fo
}

// render executes a page template into a buffer first, so a template error
// never leaves a half-written page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, p page) {
	t, ok := s.pages[name]
	if !ok {
		s.pageError(w, r, fmt.Errorf("no template %s", name))
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		slog.Error("web: render", "page", name, "err", err)
		http.Error(w, "internal error rendering the page; the server log has the details", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// pageError renders the error page with the status errorCode maps err to.
func (s *Server) pageError(w http.ResponseWriter, r *http.Request, err error) {
	status, code := errorCode(err)
	msg := err.Error()
	if status == http.StatusInternalServerError {
		slog.Error("web: page", "path", r.URL.Path, "err", err)
		msg = "Something went wrong on the server; its log has the details."
	}
	t := s.pages["error"]
	if t == nil {
		http.Error(w, msg, status)
		return
	}
	var buf bytes.Buffer
	if terr := t.ExecuteTemplate(&buf, "layout", page{Title: http.StatusText(status), Data: struct {
		Status        int
		Code, Message string
	}{status, code, msg}}); terr != nil {
		http.Error(w, msg, status)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// homeData is the search page.
type homeData struct {
	Empty      bool
	Stats      enduse.Stats
	Countries  []countryBrands
	Result     *enduse.Result
	AllHref    string
	BuyersHref string
	Brands     []bar
	Sectors    []bar
	Levels     []bar
	Regions    []bar
	Types      []bar
	Categories []bar
	Pathways   []bar
	Buyers     []bar
	Timeline   *timeline
	Rows       []enduse.Row
	Prev, Next string
	From, To   int
	MapHref    string
}

// countryBrands is one country's brands on the home page.
type countryBrands struct {
	Country string
	Foreign bool
	Brands  []enduse.BrandSummary
	Total   int
	Href    string
}

func (s *Server) pageHome(w http.ResponseWriter, r *http.Request) {
	f, err := s.filter(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	ctx := r.Context()
	d := &homeData{Empty: isEmptyFilter(f)}
	if d.Empty {
		// Only the unfiltered home page shows the store's totals; counting a
		// million rows on every search would be wasted.
		if d.Stats, err = s.cfg.Store.Stats(ctx); err != nil {
			s.pageError(w, r, fmt.Errorf("stats: %w", err))
			return
		}
		if d.Countries, err = s.brandsByCountry(ctx); err != nil {
			s.pageError(w, r, err)
			return
		}
	}
	if f.Limit == defaultLimit && r.URL.Query().Get("limit") == "" {
		f.Limit = 25
	}
	res, err := s.cfg.Store.Query(ctx, f)
	if err != nil {
		s.pageError(w, r, fmt.Errorf("search: %w", err))
		return
	}
	s.fillResult(d, res, f)
	s.render(w, r, http.StatusOK, "home", page{Title: "Search", Nav: "search", Filter: f, Form: s.formOptions("/"), Data: d})
}

// fillResult lays out the figures of a query answer.
func (s *Server) fillResult(d *homeData, res *enduse.Result, f enduse.Filter) {
	d.Result = res
	d.AllHref = "/?" + filterValues(f).Encode()
	d.MapHref = "/map?" + filterValues(f).Encode()
	d.Brands = bars(res.ByBrand, f, "brand", s.brandLabel, 15)
	d.Sectors = bars(res.BySector, f, "sector", func(k string) (string, string) {
		return sectorLabel(enduse.Sector(k)), sectorZH(enduse.Sector(k))
	}, 0)
	d.Levels = bars(res.ByLevel, f, "level", func(k string) (string, string) { return levelLabel(enduse.Level(k)), "" }, 0)
	d.Regions = bars(res.ByRegion, f, "region", func(k string) (string, string) { return s.regionName(k), s.regionEN(k) }, 12)
	d.Types = bars(res.ByType, f, "type", func(k string) (string, string) {
		return typeLabel(enduse.NoticeType(k)), typeZH(enduse.NoticeType(k))
	}, 0)
	d.Categories = bars(res.ByCategory, f, "category", s.categoryLabel, 12)
	d.Pathways = bars(res.ByPathway, f, "pathway", pathwayLabel, 0)
	d.Buyers = bars(res.ByBuyer, f, "buyer", nil, 12)
	d.Timeline = monthly(res.ByMonth, f)
	d.Rows = res.Rows
	d.From, d.To = f.Offset+1, f.Offset+len(res.Rows)
	q := filterValues(f)
	if f.Offset > 0 {
		q.Set("offset", strconv.Itoa(max(0, f.Offset-f.Limit)))
		d.Prev = "/?" + q.Encode() + "#rows"
	}
	if f.Offset+len(res.Rows) < res.Total {
		q.Set("offset", strconv.Itoa(f.Offset+f.Limit))
		d.Next = "/?" + q.Encode() + "#rows"
	}
	d.BuyersHref = d.AllHref + "#buyers"
}

// brandsByCountry groups the stored brands by their company's country,
// foreign countries first (most documents first), then China.
func (s *Server) brandsByCountry(ctx context.Context) ([]countryBrands, error) {
	bs, err := s.cfg.Store.Brands(ctx)
	if err != nil {
		return nil, fmt.Errorf("list brands: %w", err)
	}
	by := map[string]*countryBrands{}
	for _, b := range bs {
		c := b.Country
		if c == "" {
			c = "unknown"
		}
		g := by[c]
		if g == nil {
			g = &countryBrands{Country: c, Foreign: c != "CN" && c != "unknown", Href: "/?country=" + url.QueryEscape(c)}
			if c == "unknown" {
				g.Href = ""
			}
			by[c] = g
		}
		g.Brands = append(g.Brands, b)
		g.Total += b.Documents
	}
	out := make([]countryBrands, 0, len(by))
	for _, g := range by {
		out = append(out, *g)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Foreign != out[j].Foreign {
			return out[i].Foreign
		}
		if out[i].Total != out[j].Total {
			return out[i].Total > out[j].Total
		}
		return out[i].Country < out[j].Country
	})
	return out, nil
}

// noticesData is the list of notices behind a figure.
type noticesData struct {
	Notices []*enduse.StoredNotice
	Missing []string
	Asked   int
}

func (s *Server) pageNoticeList(w http.ResponseWriter, r *http.Request) {
	ids, err := parseIDs(r.URL.Query().Get("ids"))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if len(ids) == 0 {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	d := &noticesData{Asked: len(ids)}
	for _, id := range ids {
		n, err := s.cfg.Store.Notice(r.Context(), id)
		if err != nil {
			if status, _ := errorCode(err); status == http.StatusNotFound || status == http.StatusBadRequest {
				d.Missing = append(d.Missing, id)
				continue
			}
			s.pageError(w, r, fmt.Errorf("notice %s: %w", id, err))
			return
		}
		d.Notices = append(d.Notices, n)
	}
	sort.SliceStable(d.Notices, func(i, j int) bool { return d.Notices[i].Published > d.Notices[j].Published })
	s.render(w, r, http.StatusOK, "notices", page{Title: fmt.Sprintf("%d notices", len(d.Notices)), Nav: "search", Data: d})
}

// noticeData is the notice page.
type noticeData struct {
	N         *enduse.StoredNotice
	Segments  []segment
	Mentions  []mentionView
	Fields    []fieldView
	BuyerHits []enduse.Hit
	OtherHits []enduse.Hit
	RawHref   string
	URL       string
	Amount    float64
	// Attachments are the files read as part of the notice.
	Attachments []attachmentView
}

// attachmentView is one attachment of the notice page: where its text
// starts in the notice's text and its stored original.
type attachmentView struct {
	enduse.Attachment
	Anchor string
	Href   string
}

type mentionView struct {
	enduse.Mention
	Anchor string
	Path   string
	// RouteText is the route's path in words; the route itself is
	// Mention.Route.
	RouteText string
}

type fieldView struct {
	Name, Text, Anchor string
}

func (s *Server) pageNotice(w http.ResponseWriter, r *http.Request) {
	n, err := s.notice(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d := &noticeData{N: n, RawHref: s.rawHref(n.SHA256)}
	d.Segments = highlight(n.Text, noticeSpans(&n.Notice))
	for _, m := range n.Mentions {
		mv := mentionView{Mention: m, Anchor: "#s" + strconv.Itoa(m.Start), Path: strings.Join(m.USLinkPath, " → ")}
		if m.Route != nil {
			mv.RouteText = strings.Join(m.Route.Path, " → ")
		}
		d.Mentions = append(d.Mentions, mv)
	}
	for _, a := range n.Attachments {
		v := attachmentView{Attachment: a, Anchor: "#text"}
		if d.RawHref != "" {
			v.Href = d.RawHref + "?attachment=" + url.QueryEscape(a.SHA256)
		}
		d.Attachments = append(d.Attachments, v)
	}
	names := make([]string, 0, len(n.Evidence))
	for k := range n.Evidence {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		ev := n.Evidence[k]
		d.Fields = append(d.Fields, fieldView{Name: k, Text: safetext.Clip(ev.Text, 120), Anchor: "#s" + strconv.Itoa(ev.Start)})
	}
	for _, h := range n.Hits {
		if h.Org == "buyer" {
			d.BuyerHits = append(d.BuyerHits, h)
		} else {
			d.OtherHits = append(d.OtherHits, h)
		}
	}
	if u, err := url.Parse(n.URL); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
		d.URL = u.String()
	}
	title := n.Title
	if title == "" {
		title = "Notice " + n.SHA256[:12]
	}
	s.render(w, r, http.StatusOK, "notice", page{Title: title, Nav: "search", Data: d})
}

// orgsData is the organisation search page.
type orgsData struct {
	Q    string
	Orgs []enduse.OrgSummary
}

func (s *Server) pageOrgs(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	orgs, err := s.cfg.Store.Orgs(r.Context(), q, 200)
	if err != nil {
		s.pageError(w, r, fmt.Errorf("list organisations: %w", err))
		return
	}
	s.render(w, r, http.StatusOK, "orgs", page{Title: "Organisations", Nav: "orgs", Data: &orgsData{Q: q, Orgs: orgs}})
}

// orgData is an organisation's page.
type orgData struct {
	P              *enduse.OrgProfile
	Roles          []bar
	Timeline       *timeline
	Brands         []bar
	Lines          []bar
	Counterparties []bar
	CpSectors      []bar
	CpRegions      []bar
	BoughtHref     string
	WonHref        string
	// Links are the knowledge base's corporate links of the organisation
	// ("agent of Ryan Technologies (US), since 2008").
	Links []string
}

func (s *Server) pageOrg(w http.ResponseWriter, r *http.Request) {
	p, err := s.cfg.Store.OrgProfile(r.Context(), r.PathValue("key"))
	if err != nil {
		s.pageError(w, r, fmt.Errorf("organisation %q: %w", r.PathValue("key"), err))
		return
	}
	none := enduse.Filter{}
	d := &orgData{P: p}
	if s.cfg.KB != nil {
		d.Links = s.cfg.KB.KnownLinks(append([]string{p.Name}, p.Names...)...)
	}
	roles := map[string]enduse.Figure{"buyer 采购人": p.AsBuyer, "agency 代理机构": p.AsAgency, "winner 中标人": p.AsWinner,
		"candidate 候选人": p.AsCandidate, "bidder 投标人": p.AsBidder, "single source 单一来源": p.AsSingleSource}
	for k, v := range roles {
		if v.Notices == 0 {
			delete(roles, k)
		}
	}
	d.Roles = bars(roles, none, "ids", nil, 0)
	d.Timeline = monthly(p.ByMonth, none)
	// Figures narrow nothing that a filter can express about this org,
	// so every count links to its notice ids.
	d.Brands = bars(p.Brands, none, "ids", s.brandLabel, 20)
	for i := range d.Brands {
		d.Brands[i].Sub = "/brands/" + pathEscape(d.Brands[i].Key)
	}
	d.Lines = bars(p.ProductLines, none, "ids", nil, 12)
	d.Counterparties = bars(p.Counterparties, none, "ids", nil, 20)
	d.CpSectors = bars(p.CounterpartySectors, none, "ids", func(k string) (string, string) {
		return sectorLabel(enduse.Sector(k)), sectorZH(enduse.Sector(k))
	}, 0)
	d.CpRegions = bars(p.CounterpartyRegions, none, "ids", func(k string) (string, string) { return s.regionName(k), s.regionEN(k) }, 12)
	d.BoughtHref, d.WonHref = idsHref(p.Bought.IDs), idsHref(p.Won.IDs)
	s.render(w, r, http.StatusOK, "org", page{Title: p.Name, Nav: "orgs", Data: d})
}

// brandsData is the brand listing.
type brandsData struct {
	Countries []countryBrands
}

func (s *Server) pageBrands(w http.ResponseWriter, r *http.Request) {
	cs, err := s.brandsByCountry(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "brands", page{Title: "Brands", Nav: "brands", Data: &brandsData{Countries: cs}})
}

// brandData is a brand's page.
type brandData struct {
	B          *brandJSON
	Filter     enduse.Filter
	AllHref    string
	Buyers     []bar
	Sectors    []bar
	Levels     []bar
	Regions    []bar
	Suppliers  []bar
	Lines      []bar
	Categories []bar
	Types      []bar
	Timeline   *timeline
	MapHref    string
	Company    string
}

func (s *Server) pageBrand(w http.ResponseWriter, r *http.Request) {
	b, err := s.brand(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	p := b.BrandProfile
	f := enduse.Filter{Brand: p.Brand}
	d := &brandData{B: b, Filter: f, AllHref: "/?" + filterValues(f).Encode(), MapHref: "/map?" + filterValues(f).Encode()}
	d.Buyers = bars(p.ByBuyer, f, "buyer", nil, 20)
	d.Sectors = bars(p.BySector, f, "sector", func(k string) (string, string) {
		return sectorLabel(enduse.Sector(k)), sectorZH(enduse.Sector(k))
	}, 0)
	d.Levels = bars(p.ByLevel, f, "level", func(k string) (string, string) { return levelLabel(enduse.Level(k)), "" }, 0)
	d.Regions = bars(p.ByRegion, f, "region", func(k string) (string, string) { return s.regionName(k), s.regionEN(k) }, 0)
	d.Suppliers = bars(p.BySupplier, f, "supplier", nil, 15)
	d.Lines = bars(p.ByProductLine, f, "product_line", nil, 0)
	d.Categories = bars(p.ByCategory, f, "category", s.categoryLabel, 0)
	d.Types = bars(p.ByType, f, "type", func(k string) (string, string) {
		return typeLabel(enduse.NoticeType(k)), typeZH(enduse.NoticeType(k))
	}, 0)
	d.Timeline = monthly(p.ByMonth, f)
	if b.CompanyID != "" && s.cfg.KB != nil {
		if c, ok := s.cfg.KB.Company(b.CompanyID); ok {
			d.Company = c.Name
		}
	}
	s.render(w, r, http.StatusOK, "brand", page{Title: p.Brand, Nav: "brands", Data: d})
}

func (s *Server) pageCompany(w http.ResponseWriter, r *http.Request) {
	c, err := s.company(r.PathValue("id"))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "company", page{Title: c.Name, Nav: "graph", Data: c})
}

// mapData is the map page.
type mapData struct {
	Areas         []mapArea
	Max           int
	Width, Height int
	Result        *enduse.Result
	Unplaced      bar
	Legend        []string
}

func (s *Server) pageMap(w http.ResponseWriter, r *http.Request) {
	f, err := s.filter(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	q := f
	q.Limit = 1
	res, err := s.cfg.Store.Query(r.Context(), q)
	if err != nil {
		s.pageError(w, r, fmt.Errorf("map: %w", err))
		return
	}
	d := &mapData{Width: s.geo.Width, Height: s.geo.Height, Result: res}
	d.Areas, d.Max = s.geo.provinceMap(res.ByRegion, f, s.regionEN)
	sort.SliceStable(d.Areas, func(i, j int) bool { return d.Areas[i].Count < d.Areas[j].Count })
	for i := 1; i <= 5; i++ {
		lo := int(math.Ceil(float64(d.Max) * math.Pow(float64(i-1)/5, 2)))
		d.Legend = append(d.Legend, fmt.Sprintf("≥%d", max(lo, 1)))
	}
	known := map[string]bool{}
	for _, p := range s.geo.Provinces {
		known[p.Code] = true
	}
	var ids []string
	for k, fig := range res.ByRegion {
		if !known[k] {
			ids = append(ids, fig.IDs...)
		}
	}
	if len(ids) > 0 {
		d.Unplaced = bar{Count: len(ids), Href: idsHref(ids)}
		if len(ids) > maxIDsInLink {
			d.Unplaced.Href = ""
		}
	}
	s.render(w, r, http.StatusOK, "map", page{Title: "Map", Nav: "map", Filter: f, Form: s.formOptions("/map"), Data: d})
}

func (s *Server) pageGraph(w http.ResponseWriter, r *http.Request) {
	if s.cfg.KB == nil {
		s.pageError(w, r, fmt.Errorf("knowledge base: %w", errUnavailable))
		return
	}
	focus := strings.TrimSpace(r.URL.Query().Get("company"))
	g, err := buildGraph(s.cfg.KB, focus)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "graph", page{Title: "Corporate links", Nav: "graph", Data: g})
}

// regionName is the Chinese name of a region code.
func (s *Server) regionName(code string) string {
	if s.cfg.Regions != nil {
		if r, ok := s.cfg.Regions.ByCode(code); ok {
			return r.Name
		}
	}
	if code == "" {
		return "unknown"
	}
	return code
}

// regionEN is the English (pinyin) name of a province code.
func (s *Server) regionEN(code string) string {
	return provinceEN(code)
}

// brandLabel labels a brand with its company's country.
func (s *Server) brandLabel(name string) (string, string) {
	if s.cfg.KB == nil {
		return name, ""
	}
	res := s.cfg.KB.Resolve(name, "")
	sub := res.Country
	if res.USLinked && res.Country != "US" {
		sub += " · US-linked"
	}
	return name, sub
}

// categoryLabel labels a category id with its names.
func (s *Server) categoryLabel(id string) (string, string) {
	if s.cfg.KB != nil {
		if c, ok := s.cfg.KB.Category(id); ok {
			return c.Name, c.NameZH
		}
	}
	return id, ""
}

// pathEscape escapes one path segment (org keys and brands may hold "/").
func pathEscape(s string) string { return url.PathEscape(s) }
