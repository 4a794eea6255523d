package crawl

import (
	"embed"
	"encoding/json"
	"fmt"
	"html"
	"io/fs"
	"net/url"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

//go:embed profiles/*.json
var shipped embed.FS

// Profile describes one site: where its lists are, how to read them, and
// how politely to fetch. docs/crawl-profiles.md documents every field.
type Profile struct {
	Name        string    `json:"name"`
	Title       string    `json:"title"`
	BaseURL     string    `json:"base_url"`
	Hosts       []string  `json:"hosts"`
	Rate        float64   `json:"rate"`        // requests/s per host
	Concurrency int       `json:"concurrency"` // requests in flight per host
	Charset     string    `json:"charset,omitempty"`
	Channels    []Channel `json:"channels"`
	// Attachment is a regexp with a named group "url" finding attachment
	// links in a detail page.
	Attachment string `json:"attachment,omitempty"`
	Source     string `json:"-"` // file the profile was read from

	attachment *regexp.Regexp
}

// Channel is one list of notices (a notice type, a region, an API).
type Channel struct {
	Name string `json:"name"`
	// List is the URL template of one list page; placeholders: {base},
	// {page}, {keyword}, {from:LAYOUT}, {to:LAYOUT} (Go time layouts,
	// default 2006-01-02).
	List      string `json:"list"`
	Format    string `json:"format"` // "html" or "json"
	FirstPage int    `json:"first_page"`
	MaxPages  int    `json:"max_pages"`
	// Item (html) is a regexp matching one list entry with named groups
	// url, title and date.
	Item string `json:"item,omitempty"`
	// Items (json) is the dot path of the entry array; Fields maps url,
	// title and date to each entry's keys.
	Items  string            `json:"items,omitempty"`
	Fields map[string]string `json:"fields,omitempty"`
	// Method is GET (the default) or POST, for list APIs that take their
	// query in the request body (政采云, Epoint full-text search). Body is
	// the body's template, with the placeholders of List; ContentType is
	// its type (default application/json when Body starts with "{", else
	// application/x-www-form-urlencoded). Values are JSON-escaped in a JSON
	// body and URL-escaped in a form.
	Method      string `json:"method,omitempty"`
	Body        string `json:"body,omitempty"`
	ContentType string `json:"content_type,omitempty"`
	// DetailPrefix is prepended to relative detail links from JSON APIs
	// (resolved against the base URL when empty).
	DetailPrefix string `json:"detail_prefix,omitempty"`

	item *regexp.Regexp
}

// Entry is one notice found on a list page.
type Entry struct {
	URL, Title, Date string
}

// LoadProfile reads one profile file.
func LoadProfile(file string) (*Profile, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("profile: %w", err)
	}
	return parseProfile(b, file)
}

// Shipped returns the profiles embedded in enduse, by name.
func Shipped() (map[string]*Profile, error) {
	out := map[string]*Profile{}
	files, err := fs.Glob(shipped, "profiles/*.json")
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		b, err := shipped.ReadFile(f)
		if err != nil {
			return nil, err
		}
		p, err := parseProfile(b, f)
		if err != nil {
			return nil, err
		}
		out[p.Name] = p
	}
	return out, nil
}

// Names lists the shipped profiles' names, sorted.
func Names(m map[string]*Profile) []string {
	var n []string
	for k := range m {
		n = append(n, k)
	}
	sort.Strings(n)
	return n
}

func parseProfile(b []byte, file string) (*Profile, error) {
	var p Profile
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("profile %s: %w", file, err)
	}
	p.Source = file
	bad := func(f string, a ...any) error {
		return fmt.Errorf("profile %s: %s", file, fmt.Sprintf(f, a...))
	}
	if p.Name == "" || p.BaseURL == "" || len(p.Channels) == 0 {
		return nil, bad("name, base_url and channels are required")
	}
	if u, err := url.Parse(p.BaseURL); err != nil || u.Host == "" {
		return nil, bad("base_url %q is not an absolute URL", p.BaseURL)
	}
	if p.Rate < 0 {
		return nil, bad("rate must be ≥ 0")
	}
	if p.Attachment != "" {
		re, err := regexp.Compile(p.Attachment)
		if err != nil || re.SubexpIndex("url") < 0 {
			return nil, bad("attachment must be a regexp with a (?P<url>…) group: %v", err)
		}
		p.attachment = re
	}
	for i := range p.Channels {
		c := &p.Channels[i]
		if c.Name == "" || c.List == "" {
			return nil, bad("channel %d needs a name and a list template", i)
		}
		switch c.Format {
		case "html":
			re, err := regexp.Compile(c.Item)
			if err != nil || re.SubexpIndex("url") < 0 {
				return nil, bad("channel %s: item must be a regexp with a (?P<url>…) group: %v", c.Name, err)
			}
			c.item = re
		case "json":
			if c.Items == "" || c.Fields["url"] == "" {
				return nil, bad("channel %s: json channels need items and fields.url", c.Name)
			}
		default:
			return nil, bad("channel %s: format must be html or json, not %q", c.Name, c.Format)
		}
		if c.MaxPages <= 0 {
			c.MaxPages = 1000
		}
		switch strings.ToUpper(c.Method) {
		case "", "GET":
			if c.Body != "" {
				return nil, bad("channel %s: a body needs \"method\": \"POST\"", c.Name)
			}
			c.Method = "GET"
		case "POST":
			c.Method = "POST"
			if c.ContentType == "" {
				c.ContentType = "application/x-www-form-urlencoded"
				if strings.HasPrefix(strings.TrimSpace(c.Body), "{") {
					c.ContentType = "application/json"
				}
			}
			if strings.Contains(c.ContentType, "json") && !json.Valid([]byte(placeholder.ReplaceAllString(c.Body, "0"))) {
				return nil, bad("channel %s: the body template is not JSON", c.Name)
			}
		default:
			return nil, bad("channel %s: method must be GET or POST, not %q", c.Name, c.Method)
		}
	}
	return &p, nil
}

// WithBase returns a copy of p pointed at base (a mirror or a replay
// server): {base} expands to it and its host joins the allowed hosts.
func (p *Profile) WithBase(base string) (*Profile, error) {
	u, err := url.Parse(base)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("--base-url %q is not an absolute URL", base)
	}
	q := *p
	q.BaseURL = strings.TrimSuffix(base, "/")
	q.Hosts = append([]string{u.Host}, p.Hosts...)
	return &q, nil
}

// AllowedHosts are the hosts links and redirects may go to.
func (p *Profile) AllowedHosts() []string {
	u, _ := url.Parse(p.BaseURL)
	return append([]string{u.Host}, p.Hosts...)
}

var placeholder = regexp.MustCompile(`\{(\w+)(?::([^}]*))?\}`)

// postMark separates a POST list page's URL from its body in the page's
// frontier key, so the key alone says how to fetch the page again after a
// restart (fragments are never sent to the server).
const postMark = "#post:"

// ListURL is the frontier key of one list page of channel c: its URL, and
// for a POST channel the URL, postMark and the body (see SplitPost).
func (p *Profile) ListURL(c *Channel, page int, keyword string, from, to time.Time) string {
	u := p.expand(c.List, page, keyword, from, to, url.QueryEscape)
	if c.Method != "POST" {
		return u
	}
	esc := url.QueryEscape
	if strings.Contains(c.ContentType, "json") {
		esc = jsonEscape
	}
	return u + postMark + p.expand(c.Body, page, keyword, from, to, esc)
}

// SplitPost splits a frontier key made by ListURL into the URL and the POST
// body ("" for a GET).
func SplitPost(key string) (u, body string) {
	u, body, _ = strings.Cut(key, postMark)
	return u, body
}

// jsonEscape escapes s for use inside a JSON string literal.
func jsonEscape(s string) string {
	b, _ := json.Marshal(s)
	return string(b[1 : len(b)-1])
}

// expand fills a template's placeholders, escaping values with esc.
func (p *Profile) expand(tmpl string, page int, keyword string, from, to time.Time, esc func(string) string) string {
	return placeholder.ReplaceAllStringFunc(tmpl, func(m string) string {
		g := placeholder.FindStringSubmatch(m)
		layout := g[2]
		if layout == "" {
			layout = "2006-01-02"
		}
		switch g[1] {
		case "base":
			return strings.TrimSuffix(p.BaseURL, "/")
		case "page":
			return strconv.Itoa(page)
		case "keyword":
			return esc(keyword)
		case "from":
			if from.IsZero() {
				return ""
			}
			return esc(from.Format(layout))
		case "to":
			if to.IsZero() {
				return ""
			}
			return esc(to.Format(layout))
		}
		return m
	})
}

var tags = regexp.MustCompile(`<[^>]*>`)

// clean turns a list title into plain text.
func clean(s string) string {
	return strings.Join(strings.Fields(html.UnescapeString(tags.ReplaceAllString(s, ""))), " ")
}

var dateRe = regexp.MustCompile(`(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})`)

// normDate turns 2022.05.12, 2022年5月12日 or 2022-05-12 10:00 into
// YYYY-MM-DD; "" when s has no date.
func normDate(s string) string {
	m := dateRe.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	return fmt.Sprintf("%s-%02d-%02d", m[1], mo, d)
}

// ParseList finds the entries of one list page (already decoded to
// UTF-8), resolving links against pageURL and dropping links off the
// profile's hosts.
func (p *Profile) ParseList(c *Channel, pageURL string, body string) ([]Entry, error) {
	base, err := url.Parse(pageURL)
	if err != nil {
		return nil, err
	}
	var out []Entry
	add := func(link, title, date string) {
		link = strings.TrimSpace(html.UnescapeString(link))
		if link == "" {
			return
		}
		ref := base
		if c.DetailPrefix != "" && !strings.Contains(link, "://") {
			link = strings.TrimSuffix(c.DetailPrefix, "/") + "/" + strings.TrimPrefix(link, "/")
			link = strings.ReplaceAll(link, "{base}", strings.TrimSuffix(p.BaseURL, "/"))
		}
		u, err := ref.Parse(link)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !hostIn(u, p.AllowedHosts()) {
			return
		}
		u.Fragment = ""
		out = append(out, Entry{URL: u.String(), Title: clean(title), Date: normDate(date)})
	}
	switch c.Format {
	case "html":
		for _, m := range c.item.FindAllStringSubmatch(body, -1) {
			get := func(n string) string {
				if i := c.item.SubexpIndex(n); i >= 0 {
					return m[i]
				}
				return ""
			}
			add(get("url"), get("title"), get("date"))
		}
	case "json":
		var v any
		if err := json.Unmarshal([]byte(body), &v); err != nil {
			return nil, fmt.Errorf("list %s: not JSON: %w", pageURL, err)
		}
		for _, k := range strings.Split(c.Items, ".") {
			m, ok := v.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("list %s: no %q in the JSON", pageURL, c.Items)
			}
			v = m[k]
			// Epoint APIs wrap the payload as a JSON string in "custom".
			if s, ok := v.(string); ok && strings.HasPrefix(strings.TrimSpace(s), "{") {
				json.Unmarshal([]byte(s), &v)
			}
		}
		arr, _ := v.([]any)
		for _, it := range arr {
			m, _ := it.(map[string]any)
			str := func(n string) string {
				var v any = m
				for _, k := range strings.Split(c.Fields[n], ".") {
					mm, _ := v.(map[string]any)
					v = mm[k]
				}
				switch x := v.(type) {
				case string:
					return x
				case float64: // epoch milliseconds (政采云 publishDate)
					if x > 1e11 {
						return time.UnixMilli(int64(x)).UTC().Format("2006-01-02")
					}
				}
				return ""
			}
			add(str("url"), str("title"), str("date"))
		}
	}
	return out, nil
}

// Attachments finds attachment links in a detail page.
func (p *Profile) Attachments(pageURL, body string) []string {
	if p.attachment == nil {
		return nil
	}
	base, err := url.Parse(pageURL)
	if err != nil {
		return nil
	}
	seen := map[string]bool{}
	var out []string
	i := p.attachment.SubexpIndex("url")
	for _, m := range p.attachment.FindAllStringSubmatch(body, -1) {
		u, err := base.Parse(html.UnescapeString(m[i]))
		if err != nil || !hostIn(u, p.AllowedHosts()) {
			continue
		}
		u.Fragment = ""
		if seen[u.String()] {
			continue
		}
		seen[u.String()] = true
		out = append(out, u.String())
	}
	return out
}
