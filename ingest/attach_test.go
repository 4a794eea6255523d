package ingest

import (
	"archive/zip"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/attach"
	"github.com/enduse/enduse/document"
	"github.com/enduse/enduse/pipeline"
)

// formats is the folder of real notices rendered to every format.
const formats = "../document/testdata/formats/"

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(formats + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestAttachmentsOneNotice ingests a notice page with two attachments, once
// packed in a ZIP and once as a crawler export with the record's downloads
// in a folder named after its id: each must become one notice whose items
// come from the page and the equipment list — the attachment that repeats
// the page's own table adds nothing — each item naming its evidence file.
func TestAttachmentsOneNotice(t *testing.T) {
	page := readFile(t, "nb-servers.html")
	record := readFile(t, "nb-servers.record.jsonl")
	equip := readFile(t, "equip.xlsx")
	repeat := readFile(t, "nb-table.xlsx")

	dir := t.TempDir()
	zipPath := filepath.Join(dir, "notice.zip")
	f, err := os.Create(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, m := range []struct {
		name string
		data []byte
	}{{"宁波银行/公告.html", page}, {"宁波银行/采购需求.xlsx", repeat}, {"宁波银行/设备清单.xlsx", equip}} {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: m.name, Method: zip.Deflate, Flags: 0x800})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(m.data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()

	export := filepath.Join(dir, "export")
	id := "f6ecb219-a635-4bea-92b9-7e6722af9b0e"
	os.MkdirAll(filepath.Join(export, id), 0o755)
	os.WriteFile(filepath.Join(export, "bulletins.jsonl"), record, 0o644)
	os.WriteFile(filepath.Join(export, id, "采购需求.xlsx"), repeat, 0o644)
	os.WriteFile(filepath.Join(export, id, "设备清单.xlsx"), equip, 0o644)

	p, err := pipeline.New(pipeline.Config{})
	if err != nil {
		t.Fatal(err)
	}
	fm, err := document.ParseFieldMap("title=bulletinTitle,html=bulletinContent,published=publishDate,id=bulletinId,url=prjUrl")
	if err != nil {
		t.Fatal(err)
	}
	seven := filepath.Join(dir, "notice.7z") // 公告.html + 附件/设备清单.pdf
	if err := os.WriteFile(seven, readFile(t, "nb-notice.7z"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, path string
		atts       int
		list       string // the equipment list's file name
		tool       string
	}{
		{"zip", zipPath, 2, "设备清单.xlsx", ""},
		{"export", export, 2, "设备清单.xlsx", ""},
		{"7z with a folder of attachments", seven, 1, "设备清单.pdf", "bsdtar"},
	}
	// Run over the grouped, parsed documents, or RunItems parsing on the
	// workers and grouping after the parse: the same notice either way.
	runs := []struct {
		name string
		run  func(ctx context.Context, db enduse.DocumentStore, path string, opt Options) (Summary, error)
	}{
		{"Run", func(ctx context.Context, db enduse.DocumentStore, path string, opt Options) (Summary, error) {
			return Run(ctx, db, p, attach.Group(func(fn func(*enduse.Document, error) error) error {
				return document.Walk(ctx, []string{path}, fm, document.Options{}, fn)
			}), opt)
		}},
		{"RunItems", func(ctx context.Context, db enduse.DocumentStore, path string, opt Options) (Summary, error) {
			opt.GroupAttachments = true
			return RunItems(ctx, db, p, Walk(ctx, []string{path}, fm, document.Options{}), opt)
		}},
	}
	for _, c := range cases {
		for _, r := range runs {
			t.Run(c.name+"/"+r.name, func(t *testing.T) {
				for _, tool := range []string{c.tool, "pdftotext"} {
					if _, err := exec.LookPath(tool); tool != "" && err != nil {
						t.Skipf("%s not installed", tool)
					}
				}
				ctx := context.Background()
				db := openDB(t, filepath.Join(t.TempDir(), "e.db"))
				var parent string
				var children []string
				watch := progressFunc(func(d *enduse.Document, _ enduse.IngestOutcome) {
					if len(d.Children) > 0 {
						parent = d.SHA256
						for _, ch := range d.Children {
							children = append(children, ch.SHA256)
						}
					}
				})
				sum, err := r.run(ctx, db, c.path, Options{Workers: 2, Progress: watch})
				if err != nil {
					t.Fatal(err)
				}
				if sum.Seen != 1 || sum.Stored != 1 || sum.Attachments != c.atts || sum.Unreadable != 0 {
					t.Fatalf("summary %+v, want 1 notice stored with %d attachments", sum, c.atts)
				}
				st, err := db.Stats(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if st.Notices != 1 || st.Parsed != 1 {
					t.Errorf("stats %+v, want one notice", st)
				}
				for _, ch := range children {
					if ok, err := db.HasDocument(ctx, ch); err != nil || !ok {
						t.Errorf("attachment %s not stored: %v", ch, err)
					}
				}
				n, err := db.Notice(ctx, parent)
				if err != nil {
					t.Fatal(err)
				}
				if n.Buyer == nil || n.Buyer.Name != "宁波银行股份有限公司" || n.Type != enduse.TypeTender || n.Published != "2026-01-16" {
					t.Errorf("notice fields not the page's: buyer %+v type %s published %s", n.Buyer, n.Type, n.Published)
				}
				want := map[string]string{ // item → the file its evidence is in ("" = the page)
					"鲲鹏920服务器": "", "磁带库（机架式）设备": "",
					"监控硬盘": c.list, "数据库服务器": c.list, "核心交换机": c.list,
				}
				if len(n.Items) != len(want) {
					t.Errorf("%d items, want %d (page items counted once): %+v", len(n.Items), len(want), n.Items)
				}
				for _, it := range n.Items {
					file, ok := want[it.Name]
					if !ok {
						t.Errorf("unexpected item %q", it.Name)
						continue
					}
					if it.Evidence == nil {
						t.Errorf("item %q has no evidence", it.Name)
						continue
					}
					if !strings.HasSuffix(it.Evidence.File, file) || (file == "") != (it.Evidence.Doc == "") {
						t.Errorf("item %q evidence file %q doc %q, want %q", it.Name, it.Evidence.File, it.Evidence.Doc, file)
					}
					if file != "" && !strings.Contains(enduse.RuneSpan(n.Text, it.Evidence.Start, it.Evidence.End), it.Name) {
						t.Errorf("item %q evidence span does not hold it", it.Name)
					}
					if wantPage := strings.HasSuffix(file, ".pdf"); wantPage != (it.Evidence.Page == 1) {
						t.Errorf("item %q evidence page %d (pdf attachment: %v)", it.Name, it.Evidence.Page, wantPage)
					}
				}
				if len(n.Attachments) != c.atts {
					t.Fatalf("notice lists %d attachments, want %d", len(n.Attachments), c.atts)
				}
				for _, a := range n.Attachments {
					items := 0
					if strings.HasSuffix(a.Source, c.list) {
						items = 3
					}
					if a.Items != items {
						t.Errorf("attachment %s has %d items, want %d", a.Source, a.Items, items)
					}
				}
				// A rerun changes nothing.
				again, err := r.run(ctx, db, c.path, Options{Workers: 1})
				if err != nil || again.Stored != 0 || again.Duplicates != 1 {
					t.Errorf("rerun %+v, %v: want one duplicate", again, err)
				}
			})
		}
	}
}

// progressFunc is a Progress of one function (not safe for concurrent
// calls: a run calls it from its saver and, for duplicates, its reader).
type progressFunc func(*enduse.Document, enduse.IngestOutcome)

func (f progressFunc) Add(d *enduse.Document, o enduse.IngestOutcome) { f(d, o) }

// TestCrawledAttachmentsJoinNotice ingests a notice page and then, one run
// each, its two attachments as a crawler hands them over (Parent set to
// the page's sha256, fetched after the page): the stored notice is read
// again each time and ends exactly as the same three files packed in one
// ZIP — the same items with the same evidence files, the repeated table
// not doubled, no notice of the attachments' own, and the organisations'
// and brands' counters as one save leaves them.
func TestCrawledAttachmentsJoinNotice(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	ctx := context.Background()
	p, err := pipeline.New(pipeline.Config{})
	if err != nil {
		t.Fatal(err)
	}
	files := []struct{ name, data string }{
		{"公告.html", string(readFile(t, "nb-servers.html"))},
		{"采购需求.xlsx", string(readFile(t, "nb-table.xlsx"))},
		{"设备清单.pdf", string(readFile(t, "equip.pdf"))},
	}
	parse := func(i int) *enduse.Document {
		url := "https://ygcg.example.cn/notice/f6ecb219/" + files[i].name
		d, err := document.Parse([]byte(files[i].data), url, document.Options{})
		if err != nil {
			t.Fatal(err)
		}
		d.URL = url
		return d
	}
	one := func(d *enduse.Document) Source {
		return func(fn func(*enduse.Document, error) error) error { return fn(d, nil) }
	}

	// Another notice stored before the attachments arrive, so the
	// notice read again cannot take back its old row id.
	other, err := document.Parse(readFile(t, "equip.html"), "other.html", document.Options{})
	if err != nil {
		t.Fatal(err)
	}

	// Reference: the three files as one notice with two children.
	refPath := filepath.Join(t.TempDir(), "ref.db")
	ref := openDB(t, refPath)
	if _, err := Run(ctx, ref, p, one(other), Options{Workers: 1}); err != nil {
		t.Fatal(err)
	}
	whole := parse(0)
	for i := 1; i < len(files); i++ {
		c := parse(i)
		c.Parent = whole.SHA256
		whole.Children = append(whole.Children, c)
	}
	if _, err := Run(ctx, ref, p, one(whole), Options{Workers: 1}); err != nil {
		t.Fatal(err)
	}
	want, err := ref.Notice(ctx, whole.SHA256)
	if err != nil {
		t.Fatal(err)
	}

	crawlPath := filepath.Join(t.TempDir(), "crawl.db")
	db := openDB(t, crawlPath)
	page := parse(0)
	if sum, err := Run(ctx, db, p, one(page), Options{Workers: 1}); err != nil || sum.Stored != 1 {
		t.Fatalf("page: %+v %v", sum, err)
	}
	if _, err := Run(ctx, db, p, one(other), Options{Workers: 1}); err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(files); i++ {
		att := parse(i)
		att.Parent = page.SHA256
		sum, err := Run(ctx, db, p, one(att), Options{Workers: 1})
		if err != nil || sum.Stored != 1 || sum.Refreshed != 1 || len(sum.Errors) > 0 {
			t.Fatalf("attachment %s: %+v %v, want stored and its notice read again", files[i].name, sum, err)
		}
		if st, err := db.Stats(ctx); err != nil || st.Notices != 2 {
			t.Errorf("after %s: stats %+v %v, want two notices (none of the attachment's own)", files[i].name, st, err)
		}
	}
	got, err := db.Notice(ctx, page.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Attachments) != 2 || got.Text != want.Text {
		t.Errorf("notice lists %d attachments (want 2); text equal to the ZIP's: %v", len(got.Attachments), got.Text == want.Text)
	}
	items := func(n *enduse.StoredNotice) []string {
		var out []string
		for _, it := range n.Items {
			file := ""
			if it.Evidence != nil {
				file = filepath.Base(it.Evidence.File)
			}
			out = append(out, it.Name+" @ "+file)
		}
		return out
	}
	if g, w := strings.Join(items(got), "; "), strings.Join(items(want), "; "); g != w || len(want.Items) != 5 {
		t.Errorf("items\n got %s\nwant %s (5)", g, w)
	}
	for _, q := range []string{
		`SELECT key, documents, as_buyer FROM orgs ORDER BY key`,
		`SELECT name, documents FROM brands ORDER BY name`,
	} {
		if g, w := dump(t, crawlPath, q), dump(t, refPath, q); g != w {
			t.Errorf("%s\n got %s\nwant %s", q, g, w)
		}
	}
	// Text search finds the notice once (not each reading of it), with
	// its attachments' text.
	crawled := openDB(t, crawlPath)
	defer crawled.Close()
	for term, n := range map[string]int{"鲲鹏920": 1, "核心交换机": 2} {
		res, err := crawled.Query(context.Background(), enduse.Filter{Text: term, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		if res.Documents != n {
			t.Errorf("text search for %s finds %d documents, want %d", term, res.Documents, n)
		}
	}
}

// dump reads the rows of q from the SQLite file at path as one line.
func dump(t *testing.T, path, q string) string {
	t.Helper()
	h, err := sql.Open("sqlite", path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	rows, err := h.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprint(vals...))
	}
	return strings.Join(out, "|")
}
