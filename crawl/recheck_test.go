package crawl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nlnwa/gowarc/v3"

	"github.com/enduse/enduse/sqlite"
)

// TestRecheckCountsUpdated: an incremental run with a recheck window fetches
// the known notices again as conditional GETs; the unchanged ones answer 304
// and count as unchanged, the one corrected in place counts as updated and
// its new text is stored beside the old.
func TestRecheckCountsUpdated(t *testing.T) {
	ns := loadNotices(t)[:4]
	profiles, _ := Shipped()
	r := newReplay(t, profiles["hainan"], ns, false)
	r.perPage = 10
	p, _ := profiles["hainan"].WithBase(r.srv.URL)
	r.profile = p
	path := filepath.Join(t.TempDir(), "recheck.db")
	if st := crawlInto(t, path, p, "day1"); st.New != 4 {
		t.Fatalf("first run stored %d, want 4", st.New)
	}
	r.mu.Lock()
	r.notices = append([]notice(nil), r.notices...)
	r.notices[2].InfoContent += "<p>更正：开标时间顺延。</p>"
	r.mu.Unlock()
	st := crawlWith(t, path, p, "day2", true, func(c *Crawler) { c.Recheck = 100 * 365 * 24 * time.Hour })
	if st.Updated != 1 || st.Same != 3 || st.New != 0 {
		t.Errorf("recheck run %+v, want 1 updated, 3 unchanged, 0 new", st)
	}
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	stats, err := db.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if stats.Documents != 5 {
		t.Errorf("%d documents stored, want 5 (the corrected page beside its first version)", stats.Documents)
	}
	// Without --recheck an incremental run leaves known notices alone.
	if st := crawlIntoSince(t, path, p, "day3", true); st.Updated != 0 || st.Same != 0 || st.Fetches != 1 {
		t.Errorf("incremental run without recheck %+v, want only the list page fetched", st)
	}
}

// TestArchiveWARC: with an Archive every fetched response is written as a
// WARC response record, POST list pages with their request, readable by a
// WARC reader, bodies byte for byte.
func TestArchiveWARC(t *testing.T) {
	ns := loadNotices(t)[:3]
	profiles, _ := Shipped()
	base := profiles["xinjiang"] // a POST list API
	r := newReplay(t, base, ns, false)
	p, _ := base.WithBase(r.srv.URL)
	r.profile = p
	dir := t.TempDir()
	arch, err := OpenArchive(dir, "test", 0)
	if err != nil {
		t.Fatal(err)
	}
	st := crawlWith(t, filepath.Join(t.TempDir(), "warc.db"), p, "w", false, func(c *Crawler) { c.Archive = arch })
	if err := arch.Close(); err != nil {
		t.Fatal(err)
	}
	if st.New != 3 {
		t.Fatalf("crawl %+v, want 3 new", st)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.warc.gz"))
	if len(files) == 0 {
		entries, _ := os.ReadDir(dir)
		t.Fatalf("no .warc.gz in %s: %v", dir, entries)
	}
	responses, requests, details := 0, 0, 0
	for _, f := range files {
		rd, err := gowarc.NewWarcFileReader(f, 0)
		if err != nil {
			t.Fatal(err)
		}
		for {
			rec, err := rd.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			w := rec.WarcRecord
			switch w.Type() {
			case gowarc.Response:
				responses++
				target := w.WarcHeader().Get(gowarc.WarcTargetURI)
				if strings.Contains(target, "/jyxx/") {
					details++
					hb, ok := w.Block().(gowarc.HttpResponseBlock)
					if !ok {
						t.Fatalf("response block is %T", w.Block())
					}
					rd, _ := hb.PayloadBytes()
					body, _ := io.ReadAll(rd)
					var idx int
					_, err := fmt.Sscanf(target[strings.LastIndex(target, "/d")+2:], "%d.html", &idx)
					if err != nil || string(body) != r.page(idx) {
						t.Errorf("%s: archived body differs from what was served", target)
					}
				}
			case gowarc.Request:
				requests++
			}
			rec.Close()
		}
		rd.Close()
	}
	// Fetches count every list page and notice; robots.txt is not archived.
	if responses != st.Fetches || details != 3 || requests != st.Lists {
		t.Errorf("%d response records (%d notices), %d request records; crawl made %d fetches of %d list pages",
			responses, details, requests, st.Fetches, st.Lists)
	}
}
