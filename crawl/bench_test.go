package crawl

import (
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkCrawlReplay measures end-to-end throughput with politeness off
// (no rate limit, 4 workers): list pages and notices from the replay
// server through ingest into SQLite. It reports pages/s.
func BenchmarkCrawlReplay(b *testing.B) {
	base := loadNotices(b)
	var ns []notice
	for len(ns) < 200 {
		ns = append(ns, base...)
	}
	profiles, _ := Shipped()
	for i := 0; i < b.N; i++ {
		r := newReplay(b, profiles["yichang"], ns, false)
		r.perPage = 20
		p, _ := profiles["yichang"].WithBase(r.srv.URL)
		r.profile = p
		path := filepath.Join(b.TempDir(), "bench.db")
		start := time.Now()
		st := crawlInto(b, path, p, "bench")
		b.ReportMetric(float64(st.Fetches)/time.Since(start).Seconds(), "pages/s")
		b.ReportMetric(float64(st.New)/time.Since(start).Seconds(), "notices/s")
	}
}
