package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/sqlite"
)

// benchServer serves the store named by $ENDUSE_BENCH_DB (an existing
// SQLite file, e.g. one holding a million notices), else a temp store of
// $ENDUSE_BENCH_NOTICES constructed notices (default 2,000).
func benchServer(b *testing.B) http.Handler {
	b.Helper()
	base, err := shared()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	cfg := *base
	if path := os.Getenv("ENDUSE_BENCH_DB"); path != "" {
		db, err := sqlite.Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { db.Close() })
		cfg.Store = db
	} else {
		n := 2000
		if v, err := strconv.Atoi(os.Getenv("ENDUSE_BENCH_NOTICES")); err == nil && v > 0 {
			n = v
		}
		db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { db.Close() })
		if err := fillSynthetic(ctx, db, n); err != nil {
			b.Fatal(err)
		}
		cfg.Store = db
	}
	s, err := New(cfg)
	if err != nil {
		b.Fatal(err)
	}
	return s.Handler()
}

// fillSynthetic stores n notices varied from the fixtures: buyers across
// prefectures, months across four years, brands alternating.
func fillSynthetic(ctx context.Context, db *sqlite.DB, n int) error {
	fx := fixtures()[:2]
	places := []enduse.Region{{Code: "650100", Name: "乌鲁木齐市"}, {Code: "653100", Name: "喀什地区"}, {Code: "420500", Name: "宜昌市"},
		{Code: "330200", Name: "宁波市"}, {Code: "540100", Name: "拉萨市"}, {Code: "110000", Name: "北京市"}}
	for i := 0; i < n; i++ {
		f := fx[i%len(fx)]
		p := places[i%len(places)]
		f.buyer.Region = &p
		f.buyer.Name = fmt.Sprintf("%s公安局第%d分局", p.Name, i%97)
		f.buyer.Key = f.buyer.Name
		f.title = fmt.Sprintf("%s采购项目%d", f.buyer.Name, i)
		f.published = time.Date(2020+i%4, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
		d, red, nt := f.build()
		if _, err := db.SaveNotice(ctx, d, red, nt, nil); err != nil {
			return fmt.Errorf("save synthetic notice %d: %w", i, err)
		}
	}
	return nil
}

// benchPages requests the targets in parallel and reports latency
// percentiles (ms) besides ns/op.
func benchPages(b *testing.B, h http.Handler, targets []string) {
	var mu sync.Mutex
	var lat []time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		var local []time.Duration
		for pb.Next() {
			r := httptest.NewRequest("GET", targets[i%len(targets)], nil)
			w := httptest.NewRecorder()
			start := time.Now()
			h.ServeHTTP(w, r)
			local = append(local, time.Since(start))
			if w.Code != 200 {
				b.Errorf("%s: status %d", targets[i%len(targets)], w.Code)
				return
			}
			i++
		}
		mu.Lock()
		lat = append(lat, local...)
		mu.Unlock()
	})
	b.StopTimer()
	if len(lat) == 0 {
		return
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.95), "p95-ms")
}

// BenchmarkSearchPage is the home/search page under parallel load: no
// filter, a brand filter, and a region + sector filter.
func BenchmarkSearchPage(b *testing.B) {
	h := benchServer(b)
	benchPages(b, h, []string{"/", "/?brand=Seagate", "/?region=65&sector=public_security", "/?text=" + url.QueryEscape("公安局")})
}

// BenchmarkBrandPage is a brand's page under parallel load
// ($ENDUSE_BENCH_BRAND, default Seagate).
func BenchmarkBrandPage(b *testing.B) {
	h := benchServer(b)
	brand := os.Getenv("ENDUSE_BENCH_BRAND")
	if brand == "" {
		brand = "Seagate"
	}
	benchPages(b, h, []string{"/brands/" + url.PathEscape(brand)})
}

// BenchmarkHighlight is the notice page's span cutting on a long text.
func BenchmarkHighlight(b *testing.B) {
	var text []rune
	for len(text) < 20000 {
		text = append(text, []rune("采购人：乌鲁木齐市公安局 硬盘\t希捷\tST8000VX004\t100\t块\n")...)
	}
	var spans []span
	for i := 0; i+10 < len(text); i += 37 {
		spans = append(spans, span{i, i + 4, spanMention, "m"}, span{i, i + 20, spanItem, "i"})
	}
	s := string(text)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		highlight(s, spans)
	}
}
