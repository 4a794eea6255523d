package web

import (
	"context"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/enduse/enduse/ingest"
	"github.com/enduse/enduse/pipeline"
	"github.com/enduse/enduse/sample"
	"github.com/enduse/enduse/sqlite"
)

// chromium returns the browser binary for the browser tests, skipping the
// test when there is none (failing when ENDUSE_TEST_REQUIRE_SERVICES=1).
func chromium(t *testing.T) string {
	t.Helper()
	path := os.Getenv("ENDUSE_TEST_CHROMIUM")
	if path == "" {
		path = "/usr/bin/chromium"
	}
	if _, err := os.Stat(path); err != nil {
		msg := "headless Chromium not found at " + path + " (apt-get install chromium, or set ENDUSE_TEST_CHROMIUM)"
		if os.Getenv("ENDUSE_TEST_REQUIRE_SERVICES") == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return path
}

// artifacts is the directory screenshots go to.
func artifacts(t *testing.T) string {
	dir := os.Getenv("ENDUSE_TEST_ARTIFACTS")
	if dir == "" {
		dir = t.TempDir()
	}
	dir = filepath.Join(dir, "web")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// sampleServer serves the bundled real sample (what `enduse demo` shows)
// plus the XSS fixture notice.
func sampleServer(t *testing.T) *httptest.Server {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "sample.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	p, err := pipeline.New(pipeline.Config{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ingest.Run(ctx, db, p, sample.Read, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	d, red, n := fixtures()[2].build()
	if _, err := db.SaveNotice(ctx, d, red, n, nil); err != nil {
		t.Fatal(err)
	}
	s, err := New(Config{Store: db, KB: p.KB, Regions: p.Regions, Screener: p.Screener, Lists: p.Lists})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	return srv
}

// TestBrowser drives headless Chromium through the newcomer's path:
// home → a foreign brand → its buyers; a filter; a figure to its notices;
// a notice with its highlights. Screenshots are saved as artefacts.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test in -short mode")
	}
	exec := chromium(t)
	dir := artifacts(t)
	srv := sampleServer(t)

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exec), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1400, 1000),
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true), chromedp.Flag("disable-default-apps", true),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelA()
	bctx, cancelC := chromedp.NewContext(actx)
	defer cancelC()
	if err := chromedp.Do(bctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start Chromium %s: %v", exec, err)
	}

	// step runs browser actions with a bound on each step.
	step := func(name string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		ctx, cancel := context.WithTimeout(bctx, 30*time.Second)
		defer cancel()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		ctx, cancel := context.WithTimeout(bctx, 30*time.Second)
		defer cancel()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return strings.TrimSpace(s)
	}
	count := func(sel string) int {
		t.Helper()
		n, err := chromedp.Run(bctx, chromedp.Evaluate[int](`document.querySelectorAll(`+strconvQuote(sel)+`).length`))
		if err != nil {
			t.Fatalf("count %s: %v", sel, err)
		}
		return n
	}
	shot := func(name string) {
		t.Helper()
		png, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		p := filepath.Join(dir, name+".png")
		if err := os.WriteFile(p, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot %s", p)
	}

	// 1. Home leads with foreign brands; click 1 opens a brand.
	step("load home", chromedp.Navigate(srv.URL+"/"))
	heading, brand := text("h1"), text(".country.foreign a.brand")
	if !strings.Contains(heading, "foreign brands") || brand == "" {
		t.Fatalf("home: heading %q, first foreign brand %q", heading, brand)
	}
	shot("01-home")
	step("open brand", chromedp.Click(chromedp.CSS(".country.foreign a.brand")), chromedp.WaitVisible(chromedp.CSS("#buyers")))
	if title := text("h1"); title != brand {
		t.Errorf("brand page h1 %q, want %q", title, brand)
	}
	shot("02-brand")
	// Click 2: the buyers of the brand, each with the notices behind it.
	if count("#buyers td.lbl a") == 0 {
		t.Fatal("brand page lists no buyers")
	}

	// 2. Apply a filter on the search page.
	step("filter", chromedp.Navigate(srv.URL+"/"), chromedp.SetValue(chromedp.CSS(`select[name="sector"]`), "other_government"),
		chromedp.Submit(chromedp.CSS(`form.filters`)), chromedp.WaitVisible(chromedp.CSS("p.sentence")))
	loc, err := chromedp.Run(bctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if sentence := text("p.sentence"); !strings.Contains(loc, "sector=other_government") || !strings.Contains(sentence, "unique notices") {
		t.Fatalf("after filter: %s, %q", loc, sentence)
	}
	shot("03-search-filtered")

	// 3. Follow a figure (the first brand count) to its notices.
	step("home again", chromedp.Navigate(srv.URL+"/"))
	figure := text("section table.bars td.n a")
	step("follow figure", chromedp.Click(chromedp.CSS("section table.bars td.n a")), chromedp.WaitVisible(chromedp.CSS("p.sentence")))
	if listed := text("p.sentence b"); figure == "" || figure != listed {
		t.Errorf("figure %q leads to a page of %q notices", figure, listed)
	}
	shot("04-figure-notices")

	// 4. Open a notice that names the brand and check its highlights.
	step("open notice", chromedp.Click(chromedp.CSS(`#rows table.rows td a[href^="/notices/"]`)), chromedp.WaitVisible(chromedp.CSS("div.text")))
	if count("div.text mark.mention") == 0 {
		t.Error("notice page has no highlighted mention")
	}
	if count("div.text mark.field") == 0 {
		t.Error("notice page has no highlighted field evidence")
	}
	shot("05-notice")

	// 5. The XSS fixture renders as text: no <img> or <script> exists.
	step("xss", chromedp.Navigate(srv.URL+"/?text="+url.QueryEscape("宜昌市第一中学")),
		chromedp.Click(chromedp.CSS(`#rows table.rows td a[href^="/notices/"]`)), chromedp.WaitVisible(chromedp.CSS("div.text")))
	if n := count("img, script"); n != 0 {
		t.Errorf("XSS probe produced %d live elements", n)
	}
	if !strings.Contains(text("div.text"), "<script>alert(1)</script>") {
		t.Error("XSS probe not shown as text")
	}
	shot("06-xss-notice")

	// 6. Map, graph, organisation.
	step("map", chromedp.Navigate(srv.URL+"/map"), chromedp.WaitVisible(chromedp.CSS("svg.map")))
	if n := count("svg.map path"); n < 30 {
		t.Errorf("map draws %d provinces", n)
	}
	shot("07-map")
	step("graph", chromedp.Navigate(srv.URL+"/graph?company=h3c"), chromedp.WaitVisible(chromedp.CSS("section.graph svg")))
	shot("08-graph")
	step("orgs", chromedp.Navigate(srv.URL+"/orgs"))
	href, err := chromedp.Run(bctx, chromedp.AttributeValue(chromedp.CSS("table.rows td a"), "href"))
	if err != nil || !href.Exists {
		t.Fatalf("org link: %v", err)
	}
	step("org page", chromedp.Navigate(srv.URL+href.Value), chromedp.WaitVisible(chromedp.CSS("div.numbers")))
	shot("09-org")
}

func strconvQuote(s string) string { return strconv.Quote(s) }
