package crawl

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// robots is the part of a robots.txt that applies to this crawler: the
// rules of the group naming its agent, else of the "*" group.
type robots struct {
	allow, disallow []string
}

// parseRobots reads the rules for agent (a product token, matched
// case-insensitively as a substring of the group's User-agent).
func parseRobots(body []byte, agent string) *robots {
	agent = strings.ToLower(agent)
	var star, mine robots
	var inStar, inMine, haveMine, lastWasAgent bool
	sc := bufio.NewScanner(bytes.NewReader(body))
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		k = strings.ToLower(strings.TrimSpace(k))
		v = strings.TrimSpace(v)
		switch k {
		case "user-agent":
			if !lastWasAgent {
				inStar, inMine = false, false
			}
			ua := strings.ToLower(v)
			if ua == "*" {
				inStar = true
			} else if agent != "" && strings.Contains(agent, ua) {
				inMine, haveMine = true, true
			}
			lastWasAgent = true
			continue
		case "allow", "disallow":
			for _, g := range []struct {
				on bool
				r  *robots
			}{{inStar, &star}, {inMine, &mine}} {
				if !g.on || v == "" {
					continue
				}
				if k == "allow" {
					g.r.allow = append(g.r.allow, v)
				} else {
					g.r.disallow = append(g.r.disallow, v)
				}
			}
		}
		lastWasAgent = false
	}
	if haveMine {
		return &mine
	}
	return &star
}

// allowed applies the longest-match rule: the longest matching pattern
// wins, Allow on a tie.
func (r *robots) allowed(path string) bool {
	best, allow := -1, true
	for _, p := range r.allow {
		if matchRobots(p, path) && len(p) >= best {
			best, allow = len(p), true
		}
	}
	for _, p := range r.disallow {
		if matchRobots(p, path) && len(p) > best {
			best, allow = len(p), false
		}
	}
	return allow
}

// matchRobots matches a robots.txt path pattern with '*' and a trailing '$'.
func matchRobots(pat, path string) bool {
	anchored := strings.HasSuffix(pat, "$")
	pat = strings.TrimSuffix(pat, "$")
	parts := strings.Split(pat, "*")
	if !strings.HasPrefix(path, parts[0]) {
		return false
	}
	rest := path[len(parts[0]):]
	for _, p := range parts[1:] {
		i := strings.Index(rest, p)
		if i < 0 {
			return false
		}
		rest = rest[i+len(p):]
	}
	return !anchored || rest == "" || strings.HasSuffix(pat, "*")
}

// robotsAllow fetches the host's robots.txt once and checks u against it.
// A missing robots.txt (4xx) allows everything; one that cannot be fetched
// at all (5xx after retries, network failure) is a failure of the URL, as
// the robots convention asks.
func (c *Client) robotsAllow(ctx context.Context, h *hostState, u *url.URL) (bool, error) {
	h.once.Do(func() {
		ru := url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
		resp, err := c.Get(ctx, ru.String(), "", "")
		if err != nil {
			var se *StatusError
			if errors.As(err, &se) && se.Code >= 400 && se.Code < 500 {
				h.robots = &robots{}
				return
			}
			h.robErr = fmt.Errorf("robots.txt of %s: %w", u.Host, err)
			return
		}
		token, _, _ := strings.Cut(c.opt.UserAgent, "/")
		h.robots = parseRobots(resp.Body, token)
	})
	if h.robErr != nil {
		return false, h.robErr
	}
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return h.robots.allowed(p), nil
}
