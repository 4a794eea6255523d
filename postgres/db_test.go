package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/sqlite"
	"github.com/enduse/enduse/storetest"
	"github.com/jackc/pgx/v5"
)

// golden compares got with testdata/name, rewriting it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	storetest.Golden(t, filepath.Join("testdata", name), got)
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name, dsn string
		is        error
	}{
		{"empty", "", enduse.ErrInvalid},
		{"not a dsn", "postgres://user:secret@host:notaport/db", enduse.ErrInvalid},
		{"unknown parameter value", "postgres://127.0.0.1:1/x?sslmode=bogus", enduse.ErrInvalid},
		{"nothing listening", "postgres://enduse:secret@127.0.0.1:1/x?sslmode=disable&connect_timeout=2", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db, err := Open(ctx, c.dsn)
			if err == nil {
				db.Close()
				t.Fatalf("Open(%q) succeeded", c.dsn)
			}
			if c.is != nil && !errors.Is(err, c.is) {
				t.Errorf("err = %v, want %v", err, c.is)
			}
			if strings.Contains(err.Error(), "secret") {
				t.Errorf("error %q shows the password", err)
			}
		})
	}
}

func TestRedactDSN(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"url with password", "postgres://u:pw@h:5432/db?sslmode=disable", "postgres://u:xxxxx@h:5432/db?sslmode=disable"},
		{"url without password", "postgres://u@h/db", "postgres://u@h/db"},
		{"unparsable url", "postgres://u:pw@h:notaport/db", "postgres://u:xxxxx@h:notaport/db"},
		{"password with colon", "postgres://u:p:w@h/db", "postgres://u:xxxxx@h/db"},
		{"key value", "host=h user=u password=pw dbname=db", "host=h user=u password=xxxxx dbname=db"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := redactDSN(c.in); got != c.want {
				t.Errorf("redactDSN(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestClean(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"plain", "希捷 ST8000VX004", "希捷 ST8000VX004"},
		{"nul", "a\x00b", "a\uFFFDb"},
		{"invalid utf-8", "a\xffb", "a\uFFFDb"},
		{"empty", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := clean(c.in); got != c.want {
				t.Errorf("clean(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func FuzzClean(f *testing.F) {
	for _, s := range []string{"", "希捷\x00硬盘", "\xff\xfe", "abc"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := clean(s)
		if !utf8.ValidString(c) || strings.IndexByte(c, 0) >= 0 {
			t.Fatalf("clean(%q) = %q: not storable", s, c)
		}
		if utf8.ValidString(s) && utf8.RuneCountInString(c) != utf8.RuneCountInString(s) {
			t.Fatalf("clean(%q) changed the rune count: offsets would not hold", s)
		}
	})
}

func TestLoadMigrations(t *testing.T) {
	ms, err := loadMigrations(migrationFS)
	if err != nil || len(ms) == 0 || ms[0].Version != 1 {
		t.Fatalf("embedded migrations: %v, %v", ms, err)
	}
	cases := []struct {
		name string
		fsys fstest.MapFS
		ok   bool
	}{
		{"ordered", fstest.MapFS{"migrations/0002_b.sql": {Data: []byte("b")}, "migrations/0001_a.sql": {Data: []byte("a")}}, true},
		{"other files ignored", fstest.MapFS{"migrations/README.md": {}, "migrations/0001_a.sql": {}}, true},
		{"no number", fstest.MapFS{"migrations/init.sql": {}}, false},
		{"zero", fstest.MapFS{"migrations/0000_x.sql": {}}, false},
		{"duplicate version", fstest.MapFS{"migrations/0001_a.sql": {}, "migrations/1_b.sql": {}}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ms, err := loadMigrations(c.fsys)
			if (err == nil) != c.ok {
				t.Fatalf("err = %v, want ok=%v", err, c.ok)
			}
			for i := 1; i < len(ms); i++ {
				if ms[i-1].Version >= ms[i].Version {
					t.Errorf("not ordered: %v", ms)
				}
			}
		})
	}
}

func TestMigrations(t *testing.T) {
	ctx := context.Background()
	dsn := freshSchema(t)
	ms, err := loadMigrations(migrationFS)
	if err != nil {
		t.Fatal(err)
	}
	// Workers starting together on an empty database: the advisory lock
	// lets one migrate while the others wait, then find nothing to do.
	var wg sync.WaitGroup
	errs := make([]error, 6)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db, err := Open(ctx, dsn)
			if err == nil {
				db.Close()
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("concurrent open %d: %v", i, err)
		}
	}
	db, err := Open(ctx, dsn)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	var n int
	if err := db.pool.QueryRow(ctx, `SELECT COUNT(*) FROM schema_migrations`).Scan(&n); err != nil || n != len(ms) {
		t.Fatalf("schema_migrations has %d rows (%v), want %d", n, err, len(ms))
	}
	// The schema as migrated, for review when a migration changes.
	rows, err := db.pool.Query(ctx, `SELECT table_name || '.' || column_name || ' ' || data_type ||
		COALESCE(' COLLATE ' || collation_name, '') || CASE WHEN is_nullable = 'NO' THEN ' NOT NULL' ELSE '' END
		FROM information_schema.columns WHERE table_schema = current_schema()
		UNION ALL SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	var schema strings.Builder
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		var cur string
		if err := db.pool.QueryRow(ctx, `SELECT current_schema()`).Scan(&cur); err == nil {
			s = strings.ReplaceAll(s, cur+".", "")
		}
		schema.WriteString(s + "\n")
	}
	rows.Close()
	golden(t, "schema.golden", []byte(schema.String()))

	// A newer enduse recorded a migration this one does not know.
	if _, err := db.pool.Exec(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, '9999_future.sql', now())`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if db, err := Open(ctx, dsn); !errors.Is(err, enduse.ErrSchemaNewer) {
		if err == nil {
			db.Close()
		}
		t.Fatalf("open newer database: err = %v, want ErrSchemaNewer", err)
	}
	// A failing migration leaves nothing half-applied and is reported.
	dsn2 := freshSchema(t)
	db2, err := Open(ctx, dsn2)
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	bad := append(ms, migration{Version: 9000, Name: "9000_bad.sql", SQL: "CREATE TABLE half (x int); SELECT no_such_function();"})
	if err := db2.migrateWith(ctx, bad); err == nil || !strings.Contains(err.Error(), "9000_bad.sql") {
		t.Fatalf("bad migration: err = %v, want one naming it", err)
	}
	var half bool
	if err := db2.pool.QueryRow(ctx, `SELECT to_regclass('half') IS NOT NULL`).Scan(&half); err != nil || half {
		t.Errorf("failed migration left its table behind (%v)", err)
	}
}

// TestConcurrentSave runs several workers, each with its own connection
// pool (as separate processes would), saving overlapping documents in
// different orders at once: each document is stored once, counters are
// not doubled, and announcements are grouped exactly as a sequential
// ingest groups them.
func TestConcurrentSave(t *testing.T) {
	ctx := context.Background()
	calls := generate(11, 300)
	ref := openFresh(t)
	defer ref.Close()
	for _, c := range calls {
		if _, err := ref.SaveNotice(ctx, c.doc, c.redacted, c.notice, nil); err != nil {
			t.Fatalf("reference save: %v", err)
		}
	}
	dsn := freshSchema(t)
	deadlocksBefore := deadlocks(t, dsn)
	const workers = 8
	var wg sync.WaitGroup
	var mu sync.Mutex
	outcomes := map[enduse.IngestOutcome]int{}
	perDoc := map[string]int{}
	errs := make(chan error, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db, err := Open(ctx, dsn)
			if err != nil {
				errs <- err
				return
			}
			defer db.Close()
			// Odd workers save one document a transaction, even ones
			// batches of up to 12, as ingest does: a batch upserts the
			// organisations of many notices in its own order.
			order := rand.New(rand.NewPCG(uint64(w), 1)).Perm(len(calls))
			batch := 1 + (w%2)*11
			for len(order) > 0 {
				k := min(batch, len(order))
				items := make([]enduse.SaveItem, k)
				for j, i := range order[:k] {
					c := calls[i]
					items[j] = enduse.SaveItem{Document: c.doc, Redacted: c.redacted, Notice: c.notice}
				}
				order = order[k:]
				outs, err := db.SaveNotices(ctx, items)
				if err != nil {
					errs <- fmt.Errorf("worker %d save %s…: %w", w, items[0].Document.SHA256[:8], err)
					return
				}
				mu.Lock()
				for j, out := range outs {
					outcomes[out]++
					if out == enduse.OutcomeStored {
						perDoc[items[j].Document.SHA256]++
					}
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	// Deadlocks are resolved by re-running a transaction, so the answers
	// below cannot show them: each costs a second's wait (the server's
	// deadlock_timeout). Writers take the store's write lock first and
	// never meet one. (The counter is the database's: another package's
	// test on this server could add to it, and should not either.)
	if n := deadlocks(t, dsn) - deadlocksBefore; n != 0 {
		t.Errorf("%d deadlocks between %d concurrent savers", n, workers)
	}
	if outcomes[enduse.OutcomeStored] != len(calls) || outcomes[enduse.OutcomeDuplicate] != (workers-1)*len(calls) {
		t.Errorf("outcomes %v; want %d stored and %d duplicates", outcomes, len(calls), (workers-1)*len(calls))
	}
	for sha, k := range perDoc {
		if k != 1 {
			t.Errorf("document %s stored %d times", sha[:8], k)
		}
	}
	db, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	want, got := mustStats(t, ref), mustStats(t, db)
	if fmt.Sprint(want) != fmt.Sprint(got) {
		t.Errorf("stats after concurrent ingest %+v; sequential %+v", got, want)
	}
	if a, b := partition(t, ref), partition(t, db); a != b {
		t.Errorf("groups after concurrent ingest differ from a sequential ingest:\n%s\nvs\n%s", b, a)
	}
	for _, f := range []enduse.Filter{{}, {Brand: "Seagate"}, {Region: "65", Sector: enduse.SectorPublicSecurity}} {
		a, b := mustQuery(t, ref, f), mustQuery(t, db, f)
		// Amounts are float64 sums over notices in id order, which differs
		// between the two ingests.
		if a.Documents != b.Documents || a.Notices != b.Notices || a.Quantity != b.Quantity || math.Abs(a.Amount-b.Amount) > 1e-6*a.Amount {
			t.Errorf("%+v: concurrent %d/%d/%v/%v, sequential %d/%d/%v/%v", f, b.Documents, b.Notices, b.Quantity, b.Amount,
				a.Documents, a.Notices, a.Quantity, a.Amount)
		}
	}
	ra, _ := ref.Orgs(ctx, "", storeutilMaxLimit)
	rb, _ := db.Orgs(ctx, "", storeutilMaxLimit)
	if ja, jb := mustJSON(t, ra), mustJSON(t, rb); ja != jb {
		t.Errorf("organisation counters differ after concurrent ingest")
	}
	ba, _ := ref.Brands(ctx)
	bb, _ := db.Brands(ctx)
	if ja, jb := mustJSON(t, ba), mustJSON(t, bb); ja != jb {
		t.Errorf("brand counters differ after concurrent ingest:\n%s\nvs\n%s", jb, ja)
	}
}

// deadlocks is how many deadlocks the server has detected in dsn's
// database. The workers' connections are closed, so their counts have
// been reported.
func deadlocks(t *testing.T, dsn string) int64 {
	t.Helper()
	ctx := context.Background()
	c, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	var n int64
	if err := c.QueryRow(ctx, `SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// storeutilMaxLimit lists every organisation of the test data.
const storeutilMaxLimit = 10000

// partition is the grouping of stored documents into announcements and
// purchases, independent of which copy came first.
func partition(t *testing.T, db *DB) string {
	t.Helper()
	rows, err := db.pool.Query(context.Background(), `SELECT doc, group_id, purchase_id FROM notices`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	groups, purchases := map[string][]string{}, map[string][]string{}
	for rows.Next() {
		var doc, g, p string
		if err := rows.Scan(&doc, &g, &p); err != nil {
			t.Fatal(err)
		}
		groups[g] = append(groups[g], doc)
		purchases[p] = append(purchases[p], doc)
	}
	canon := func(m map[string][]string) []string {
		var out []string
		for _, docs := range m {
			sort.Strings(docs)
			out = append(out, strings.Join(docs, ","))
		}
		sort.Strings(out)
		return out
	}
	return strings.Join(canon(groups), "\n") + "\n--\n" + strings.Join(canon(purchases), "\n")
}

func mustStats(t *testing.T, db *DB) enduse.Stats {
	t.Helper()
	st, err := db.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func mustQuery(t *testing.T, st enduse.Querier, f enduse.Filter) *enduse.Result {
	t.Helper()
	res, err := st.Query(context.Background(), f)
	if err != nil {
		t.Fatalf("query %+v: %v", f, err)
	}
	return res
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestParity answers the same questions from the SQLite store and this one,
// loaded with the same notices: every figure, row and profile must be
// identical (the stores share their aggregation through storeutil; this
// checks that their SQL selects the same notices).
func TestParity(t *testing.T) {
	testDSN(t)
	ctx := context.Background()
	lite, err := sqlite.Open(ctx, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	pg := openFresh(t)
	defer pg.Close()
	ids := storetest.Load(t, lite)
	storetest.Load(t, pg)
	for i, c := range generate(5, 120) {
		for _, st := range []enduse.DocumentStore{lite, pg} {
			if _, err := st.SaveNotice(ctx, c.doc, c.redacted, c.notice, nil); err != nil {
				t.Fatalf("save generated %d: %v", i, err)
			}
		}
	}
	filters := []enduse.Filter{{}, storetest.CaseStudy(), {Brand: "希捷"}, {Brand: "seagate", IncludeSpec: true},
		{Company: "tech"}, {Country: "us"}, {USLinked: true, Region: "65"}, {Category: "storage"}, {ProductLine: "skyhawk"},
		{Buyer: "公安"}, {Supplier: "科技"}, {Region: "新疆"}, {Region: "4201"}, {Sector: enduse.SectorHealth},
		{Level: enduse.LevelPrefecture}, {From: "2021-06-01", To: "2022-06-30"}, {To: "2020-01-01"}, {Listed: true},
		{Text: "希捷 设备"}, {Text: "狱"}, {Text: "ST8000"}, {Reason: enduse.ReasonImported},
		{Types: []enduse.NoticeType{enduse.TypeContract}, Limit: 7, Offset: 3}, {Brand: "Cisco", Buyer: "局", Limit: 5}}
	for _, f := range filters {
		a, err := lite.Query(ctx, f)
		if err != nil {
			t.Fatalf("sqlite %+v: %v", f, err)
		}
		b := mustQuery(t, pg, f)
		if d := firstDiff(canonJSON(t, a), canonJSON(t, b)); d != "" {
			t.Errorf("%+v: answers differ: %s", f, d)
		}
	}
	for _, key := range []string{"乌鲁木齐市公安局", "喀什地区公安局", "新疆天山科技有限公司", "Xinjiang No. 1 Prison", "新疆招标有限公司", "no such org"} {
		a, errA := lite.OrgProfile(ctx, key)
		b, errB := pg.OrgProfile(ctx, key)
		if d := firstDiff(canonJSON(t, a), canonJSON(t, b)); (errA == nil) != (errB == nil) || d != "" {
			t.Errorf("org profile %s differs: %v / %v: %s", key, errA, errB, d)
		}
	}
	for _, brand := range []string{"Seagate", "希捷", "Cisco", "Dell", "Nokia"} {
		a, errA := lite.BrandProfile(ctx, brand)
		b, errB := pg.BrandProfile(ctx, brand)
		if d := firstDiff(canonJSON(t, a), canonJSON(t, b)); (errA == nil) != (errB == nil) || d != "" {
			t.Errorf("brand profile %s differs: %v / %v: %s", brand, errA, errB, d)
		}
	}
	for _, q := range []string{"", "公安", "kashgar"} {
		a, _ := lite.Orgs(ctx, q, 50)
		b, err := pg.Orgs(ctx, q, 50)
		if err != nil || mustJSON(t, a) != mustJSON(t, b) {
			t.Errorf("orgs %q differ (%v)", q, err)
		}
	}
	a, _ := lite.Brands(ctx)
	b, _ := pg.Brands(ctx)
	if mustJSON(t, a) != mustJSON(t, b) {
		t.Errorf("brands differ:\n%s\nvs\n%s", mustJSON(t, a), mustJSON(t, b))
	}
	sa, _ := lite.Stats(ctx)
	if sb := mustStats(t, pg); fmt.Sprint(sa) != fmt.Sprint(sb) {
		t.Errorf("stats differ: %+v vs %+v", sa, sb)
	}
	for name, id := range ids {
		na, err := lite.Notice(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		nb, err := pg.Notice(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		na.Ingested, nb.Ingested = "", ""
		if mustJSON(t, na) != mustJSON(t, nb) {
			t.Errorf("notice %s differs", name)
		}
	}
}

// FuzzQuery runs storetest's query fuzzing on a fresh schema.
func FuzzQuery(f *testing.F) {
	db := openFresh(f)
	f.Cleanup(func() { db.Close() })
	storetest.FuzzQuery(f, db)
}

// canonJSON is v as indented JSON with numbers rounded to 1e-4: figures
// are sums of float64 amounts, and the SQLite store (until it sums through
// counting.NewSet) adds them in the order its query plan returned rows.
func canonJSON(t *testing.T, v any) string {
	t.Helper()
	var x any
	if err := json.Unmarshal([]byte(mustJSON(t, v)), &x); err != nil {
		t.Fatal(err)
	}
	var round func(v any) any
	round = func(v any) any {
		switch v := v.(type) {
		case float64:
			return math.Round(v*1e4) / 1e4
		case []any:
			for i := range v {
				v[i] = round(v[i])
			}
		case map[string]any:
			for k := range v {
				v[k] = round(v[k])
			}
		}
		return v
	}
	return mustJSON(t, round(x))
}

// firstDiff describes the first line where two JSON texts differ, "" when
// they are equal.
func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < max(len(la), len(lb)); i++ {
		var x, y string
		if i < len(la) {
			x = la[i]
		}
		if i < len(lb) {
			y = lb[i]
		}
		if x != y {
			return fmt.Sprintf("line %d: sqlite %q, postgres %q", i+1, strings.TrimSpace(x), strings.TrimSpace(y))
		}
	}
	return ""
}

// TestConcurrentGrouping saves copies of one announcement (no project
// code, so only the title and text group them) from several workers at
// the same instant: all copies must land in one group. Rounds alternate
// notices with a buyer (whose organisation row lock already serialises
// them) and without one (only the advisory lock on the title does).
func TestConcurrentGrouping(t *testing.T) {
	ctx := context.Background()
	dsn := freshSchema(t)
	const workers = 8
	dbs := make([]*DB, workers)
	for i := range dbs {
		db, err := Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		dbs[i] = db
	}
	buyer := &enduse.Org{Name: "喀什地区公安局", Key: "喀什地区公安局", Sector: enduse.SectorPublicSecurity}
	for round := 0; round < 15; round++ {
		title := fmt.Sprintf("喀什地区公安局视频监控存储扩容项目（第%d批）中标公告", round)
		calls := make([]saveArgs, workers)
		for w := range calls {
			text := title + "\n采购人：喀什地区公安局\n中标供应商：喀什网络科技有限公司\n"
			raw := []byte(fmt.Sprintf("<p>site %d</p><pre>%s</pre>", w, text))
			d := &enduse.Document{Source: fmt.Sprintf("site%d/%d.html", w, round), MediaType: "text/html", Raw: raw, Text: text}
			n := &enduse.Notice{Type: enduse.TypeAward, Title: title, Published: "2022-03-01", AwardAmount: 300000}
			if round%2 == 0 {
				n.Buyer = buyer
			}
			calls[w] = saveArgs{doc: d, redacted: text, notice: n}
		}
		start := make(chan struct{})
		var wg sync.WaitGroup
		errs := make([]error, workers)
		for w := range calls {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				_, errs[w] = dbs[w].SaveNotice(ctx, calls[w].doc, calls[w].redacted, calls[w].notice, nil)
			}()
		}
		close(start)
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		var groups int
		if err := dbs[0].pool.QueryRow(ctx, `SELECT COUNT(DISTINCT group_id) FROM notices WHERE title = $1`, title).Scan(&groups); err != nil {
			t.Fatal(err)
		}
		if groups != 1 {
			t.Fatalf("round %d: %d copies saved at once fell into %d groups, want 1", round, workers, groups)
		}
	}
}

// TestStorableText saves a document whose text and fields hold what
// PostgreSQL text cannot (NUL, invalid UTF-8 in metadata): it is stored
// with U+FFFD in their place, rune offsets intact, and found by search.
func TestStorableText(t *testing.T) {
	ctx := context.Background()
	db := openFresh(t)
	defer db.Close()
	text := "采购人：喀什地区公安局\x00\n希捷硬盘10块"
	d := &enduse.Document{Source: "odd\xff.html", MediaType: "text/html", Raw: []byte("<p>\x00</p>"), Text: text}
	n := &enduse.Notice{Type: enduse.TypeAward, Title: "标题\x00", Buyer: &enduse.Org{Name: "喀什地区公安局\x00"},
		Evidence: map[string]enduse.Evidence{"buyer": {Start: 4, End: 11}}}
	if out, err := db.SaveNotice(ctx, d, text, n, nil); err != nil || out != enduse.OutcomeStored {
		t.Fatalf("save: %s, %v", out, err)
	}
	res := mustQuery(t, db, enduse.Filter{Text: "希捷硬盘"})
	if len(res.Rows) != 1 {
		t.Fatalf("text search found %d rows, want 1", len(res.Rows))
	}
	sn, err := db.Notice(ctx, res.Rows[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if utf8.RuneCountInString(sn.Text) != utf8.RuneCountInString(text) || strings.ContainsRune(sn.Text, 0) {
		t.Errorf("stored text %q: want the same rune count without NUL", sn.Text)
	}
	if e := sn.Evidence["buyer"]; e.Text != "喀什地区公安局" {
		t.Errorf("buyer evidence = %q", e.Text)
	}
	raw, _, err := db.Raw(ctx, sn.SHA256)
	if err != nil || string(raw) != "<p>\x00</p>" {
		t.Errorf("raw bytes = %q, %v; want them unchanged", raw, err)
	}
}

func TestEachOrg(t *testing.T) {
	ctx := context.Background()
	db := openFresh(t)
	defer db.Close()
	storetest.Load(t, db)
	var keys []string
	if err := db.EachOrg(ctx, func(key, name string) error {
		keys = append(keys, key)
		// Writing while iterating must not deadlock or disturb the walk.
		return db.ReplaceOrgHits(ctx, key, nil)
	}); err != nil {
		t.Fatal(err)
	}
	orgs, err := db.Orgs(ctx, "", 1000)
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) != len(orgs) || !sort.StringsAreSorted(keys) {
		t.Errorf("EachOrg visited %d keys (sorted: %v), Orgs lists %d", len(keys), sort.StringsAreSorted(keys), len(orgs))
	}
	stop := errors.New("stop")
	calls := 0
	if err := db.EachOrg(ctx, func(string, string) error { calls++; return stop }); !errors.Is(err, stop) || calls != 1 {
		t.Errorf("EachOrg did not stop at the first error: %v after %d calls", err, calls)
	}
}

// TestRebuildWhileSaving rebuilds the summary tables while another
// connection saves: the rebuild runs in a transaction of its own, and
// holds the write lock, so no save lands between the chunks it reads. The
// tables after the saves must equal a rebuild done alone.
func TestRebuildWhileSaving(t *testing.T) {
	testDSN(t)
	ctx := context.Background()
	dsn := freshSchema(t)
	saver, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer saver.Close()
	rebuilder, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer rebuilder.Close()
	calls := generate(23, 240)
	for _, c := range calls[:40] {
		if _, err := saver.SaveNotice(ctx, c.doc, c.redacted, c.notice, nil); err != nil {
			t.Fatal(err)
		}
	}
	done := make(chan error, 1)
	go func() {
		for i := 40; i < len(calls); i += 8 {
			items := make([]enduse.SaveItem, 0, 8)
			for _, c := range calls[i:min(i+8, len(calls))] {
				items = append(items, enduse.SaveItem{Document: c.doc, Redacted: c.redacted, Notice: c.notice})
			}
			if _, err := saver.SaveNotices(ctx, items); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	rebuilds := 0
	for saving := true; saving; {
		if err := rebuilder.RebuildFigures(ctx); err != nil {
			t.Fatal(err)
		}
		rebuilds++
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
			saving = false
		default:
		}
	}
	kept := dumpFigures(t, saver)
	if err := rebuilder.RebuildFigures(ctx); err != nil {
		t.Fatal(err)
	}
	if rebuilt := dumpFigures(t, saver); kept != rebuilt {
		t.Errorf("after %d rebuilds during the saves the summary tables differ from a rebuild alone:\n%s", rebuilds, firstDiff(rebuilt, kept))
	}
}

// dumpFigures is both summary tables as text, in key order.
func dumpFigures(t *testing.T, db *DB) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{`SELECT dim, key, purchases, docs, notices, quantity, amount, ids FROM key_figures ORDER BY dim, key`,
		`SELECT dim, key, purchase, docs, notices, quantity, amount, ids FROM purchase_figures ORDER BY dim, key, purchase`} {
		rows, err := db.pool.Query(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			vals, err := rows.Values()
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintln(&b, vals...)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
	}
	return b.String()
}

// TestUpgradeToPairs opens a database of the schema before the pairs
// index (migrations 0018 and 0019) holding notices, and checks that the
// upgrade fills and indexes it: short terms find what they found before.
func TestUpgradeToPairs(t *testing.T) {
	ctx := context.Background()
	dsn := freshSchema(t)
	db, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range generate(3, 60) {
		if _, err := db.SaveNotice(ctx, c.doc, c.redacted, c.notice, nil); err != nil {
			t.Fatal(err)
		}
	}
	terms := []string{"公安", "硬盘", "局", "ST"}
	want := map[string]int{}
	for _, term := range terms {
		want[term] = mustQuery(t, db, enduse.Filter{Text: term}).Documents
	}
	if want["公安"] == 0 || want["局"] == 0 {
		t.Fatalf("generated notices: %v documents; the test checks nothing", want)
	}
	// Only 0018 and 0019 are undone: the documents' packed bytes keep the
	// codec column of 0020.
	for _, q := range []string{"DROP TABLE notice_pairs", "DELETE FROM schema_migrations WHERE version IN (18, 19)"} {
		if _, err := db.pool.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	db, err = Open(ctx, dsn)
	if err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	defer db.Close()
	var rows, notices int
	if err := db.pool.QueryRow(ctx, `SELECT (SELECT COUNT(*) FROM notice_pairs), (SELECT COUNT(*) FROM notices)`).Scan(&rows, &notices); err != nil {
		t.Fatal(err)
	}
	if rows != notices {
		t.Errorf("after upgrade: %d rows of pairs for %d notices", rows, notices)
	}
	var indexed bool
	if err := db.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() AND indexname = 'notice_pairs_gin')`).Scan(&indexed); err != nil || !indexed {
		t.Errorf("after upgrade: GIN index of the pairs: %v, %v", indexed, err)
	}
	for _, term := range terms {
		if got := mustQuery(t, db, enduse.Filter{Text: term}).Documents; got != want[term] {
			t.Errorf("text %q after upgrade: %d documents, want %d", term, got, want[term])
		}
	}
}
