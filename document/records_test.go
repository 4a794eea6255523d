package document

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/enduse/enduse"
)

func TestParseFieldMap(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    FieldMap
		wantErr string
	}{
		{"empty", "", FieldMap{}, ""},
		{"ningbo", "title=bulletinTitle,html=bulletinContent,published=publishDate,id=bulletinId",
			FieldMap{"title": "bulletinTitle", "html": "bulletinContent", "published": "publishDate", "id": "bulletinId"}, ""},
		{"spaces and case", " Title = customtitle , url=infourl,", FieldMap{"title": "customtitle", "url": "infourl"}, ""},
		{"unknown name", "body=content", nil, `unknown field "body"`},
		{"missing key", "title=", nil, "is not name=key"},
		{"no equals", "title", nil, "is not name=key"},
		{"duplicate", "title=a,title=b", nil, "given twice"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseFieldMap(tc.in)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.String() != tc.want.String() || len(got) != len(tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

// collect reads all records and returns documents and errors in order.
func collect(t *testing.T, data []byte, source string, fm FieldMap) ([]*enduse.Document, []error) {
	t.Helper()
	var docs []*enduse.Document
	var errs []error
	err := ReadRecords(bytes.NewReader(data), source, fm, func(d *enduse.Document, err error) error {
		if err != nil {
			errs = append(errs, err)
			return nil
		}
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		t.Fatalf("ReadRecords: %v", err)
	}
	return docs, errs
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func TestReadRecordsNingboJSONL(t *testing.T) {
	data := readFile(t, "testdata/ningbo.jsonl")
	lines := bytes.Split(bytes.TrimRight(data, "\n"), []byte("\n"))
	docs, errs := collect(t, data, "ningbo.jsonl", nil)
	if len(errs) > 0 || len(docs) != len(lines) {
		t.Fatalf("%d docs, errors %v", len(docs), errs)
	}
	for i, d := range docs {
		if !bytes.Equal(d.Raw, lines[i]) || d.SHA256 != sha(lines[i]) {
			t.Errorf("record %d: Raw is not the line's bytes", i+1)
		}
		var rec map[string]any
		json.Unmarshal(lines[i], &rec)
		if d.Title != rec["bulletinTitle"] || d.RecordID != rec["bulletinId"] || d.Published != rec["publishDate"] {
			t.Errorf("record %d: title %q id %q published %q", i+1, d.Title, d.RecordID, d.Published)
		}
		if d.MediaType != MediaHTML || d.Text == "" || d.Source != "ningbo.jsonl#"+string(rune('1'+i)) {
			t.Errorf("record %d: media %q source %q", i+1, d.MediaType, d.Source)
		}
		if _, ok := d.Meta["bulletinContent"]; ok {
			t.Errorf("record %d: content leaked into Meta", i+1)
		}
		if i > 0 && d.Meta["prjNo"] == "" {
			t.Errorf("record %d: Meta lacks prjNo: %v", i+1, d.Meta)
		}
		checkOffsets(t, d.Source, d.Text, d.Blocks)
	}
	if docs[0].URL != "" || !strings.HasPrefix(docs[2].URL, "https://ygcg.nbcqjy.org/") {
		t.Errorf("url detection: %q %q", docs[0].URL, docs[2].URL)
	}
	if !strings.Contains(docs[0].Text, "采购人：宁波市轨道交通集团有限公司运营分公司\n") {
		t.Errorf("first record text:\n%s", docs[0].Text)
	}
}

func TestReadRecordsYichangDetect(t *testing.T) {
	docs, errs := collect(t, readFile(t, "testdata/yichang.jsonl"), "yichang.jsonl", FieldMap{})
	if len(errs) > 0 || len(docs) != 3 {
		t.Fatalf("%d docs, errors %v", len(docs), errs)
	}
	d := docs[0]
	if d.RecordID == "" || !strings.HasPrefix(d.URL, "/jyxx/") || d.Published == "" || d.Title == "" {
		t.Errorf("fields: id %q url %q published %q title %q", d.RecordID, d.URL, d.Published, d.Title)
	}
	if d.Meta["xiaqucode"] == "" || d.Meta["categoryname"] == "" {
		t.Errorf("meta lacks region/category: %v", d.Meta)
	}
	if !strings.Contains(d.Text, "招标人:\t") {
		t.Errorf("label/value rows missing:\n%s", d.Text)
	}
}

func TestReadRecordsJSONArray(t *testing.T) {
	lines := bytes.Split(bytes.TrimRight(readFile(t, "testdata/ningbo.jsonl"), "\n"), []byte("\n"))
	var buf bytes.Buffer
	buf.WriteString("[\n  ")
	buf.Write(lines[0])
	buf.WriteString(" ,\n")
	buf.Write(lines[1])
	buf.WriteString("\n]\n")
	docs, errs := collect(t, buf.Bytes(), "export.json", FieldMap{"html": "bulletinContent", "title": "bulletinTitle"})
	if len(errs) > 0 || len(docs) != 2 {
		t.Fatalf("%d docs, errors %v", len(docs), errs)
	}
	for i := range docs {
		if !bytes.Equal(docs[i].Raw, lines[i]) {
			t.Errorf("record %d Raw differs from the element's bytes", i+1)
		}
	}
	if docs[0].RecordID == "" {
		t.Errorf("id not detected for unmapped field")
	}
}

func TestReadRecordsCSV(t *testing.T) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write([]string{"id", "title", "content", "publishDate", "region"})
	w.Write([]string{"1", "某局硬盘采购", "<p>品牌：希捷</p>\n<table><tr><td>型号</td><td>ST8000VX004</td></tr></table>", "2025/3/1", "宁波"})
	w.Write([]string{"2", "某局交换机采购", "纯文本内容\n第二行", "2025年03月02日 10:00", strings.Repeat("长", 100)})
	w.Flush()
	data := buf.Bytes()
	docs, errs := collect(t, data, "x.csv", nil)
	if len(errs) > 0 || len(docs) != 2 {
		t.Fatalf("%d docs, errors %v", len(docs), errs)
	}
	records := strings.SplitN(string(data), "\n", 2)[1]
	first := records[:strings.Index(records, "\n2,")]
	if string(docs[0].Raw) != first {
		t.Errorf("Raw %q, want %q", docs[0].Raw, first)
	}
	if docs[0].Published != "2025-03-01" || docs[1].Published != "2025-03-02" {
		t.Errorf("published %q %q", docs[0].Published, docs[1].Published)
	}
	if !strings.Contains(docs[0].Text, "型号\tST8000VX004") || docs[0].MediaType != MediaHTML {
		t.Errorf("html field not laid out: %q", docs[0].Text)
	}
	if docs[1].Text != "纯文本内容\n第二行" || docs[1].MediaType != MediaText {
		t.Errorf("text field: %q", docs[1].Text)
	}
	if docs[0].Meta["region"] != "宁波" {
		t.Errorf("meta %v", docs[0].Meta)
	}
	if _, ok := docs[1].Meta["region"]; ok {
		t.Errorf("value over 256 bytes kept in Meta")
	}
}

func TestReadRecordsTSVGBK(t *testing.T) {
	// A ccgp-style listing: tab-separated though named .csv, GBK-encoded,
	// titles only.
	utf := "\tref\tobject\turl\n6507\t18053831\t某市公安局视频监控采购项目单一来源采购公示\thttp://www.ccgp.gov.cn/a.htm\n"
	data, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(utf))
	if err != nil {
		t.Fatal(err)
	}
	docs, errs := collect(t, data, "trade.csv", FieldMap{"title": "object"})
	if len(errs) > 0 || len(docs) != 1 {
		t.Fatalf("%d docs, errors %v", len(docs), errs)
	}
	d := docs[0]
	if d.Title != "某市公安局视频监控采购项目单一来源采购公示" || d.RecordID != "18053831" || d.URL != "http://www.ccgp.gov.cn/a.htm" || d.Charset != "gb18030" {
		t.Errorf("doc %+v", d)
	}
	lines := bytes.Split(data, []byte("\n"))
	if !bytes.Equal(d.Raw, lines[1]) {
		t.Errorf("Raw is not the original GBK line")
	}
	if d.Meta["column1"] != "6507" {
		t.Errorf("meta %v", d.Meta)
	}
}

func TestReadRecordsBadRecords(t *testing.T) {
	data := "{\"title\":\"a\",\"content\":\"<p>x</p>\"}\n{broken\n\n{\"title\":\"c\",\"content\":\"y\"}\n[1]\n{\"other\":1}\n"
	docs, errs := collect(t, []byte(data), "x.jsonl", nil)
	if len(docs) != 2 || len(errs) != 3 {
		t.Fatalf("%d docs, %d errors: %v", len(docs), len(errs), errs)
	}
	if !strings.Contains(errs[0].Error(), "x.jsonl record 2") {
		t.Errorf("error lacks record number: %v", errs[0])
	}
	if !strings.Contains(errs[2].Error(), "no content") {
		t.Errorf("error %v", errs[2])
	}
}

func TestReadRecordsBrokenArray(t *testing.T) {
	data := `[{"title":"a","html":"<p>x</p>"}, {"title": oops}, {"title":"c"}]`
	var docs int
	err := ReadRecords(strings.NewReader(data), "a.json", nil, func(d *enduse.Document, err error) error {
		if err != nil {
			t.Errorf("unexpected record error %v", err)
		} else {
			docs++
		}
		return nil
	})
	if docs != 1 || err == nil || !strings.Contains(err.Error(), "a.json") || !strings.Contains(err.Error(), "record 2") {
		t.Errorf("%d docs, err %v", docs, err)
	}
}

func TestReadRecordsNoFieldsFit(t *testing.T) {
	_, errs := collect(t, []byte(`{"foo":"<p>x</p>","bar":2}`+"\n"), "x.jsonl", nil)
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "record keys: bar,foo") || !strings.Contains(errs[0].Error(), "--fields") {
		t.Fatalf("errors %v", errs)
	}
}

func TestReadRecordsStop(t *testing.T) {
	stop := errors.New("enough")
	n := 0
	err := ReadRecords(bytes.NewReader(readFile(t, "testdata/ningbo.jsonl")), "n.jsonl", nil, func(*enduse.Document, error) error {
		n++
		return stop
	})
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("err %v after %d records", err, n)
	}
}

func TestReadRecordsUnknownField(t *testing.T) {
	err := ReadRecords(strings.NewReader("{}"), "x.json", FieldMap{"body": "x"}, func(*enduse.Document, error) error { return nil })
	if err == nil || !strings.Contains(err.Error(), `unknown field "body"`) {
		t.Errorf("err %v", err)
	}
}

func TestReadRecordsPrettyObject(t *testing.T) {
	data := "{\n  \"title\": \"公告\",\n  \"html\": \"<p>正文</p>\"\n}\n"
	docs, errs := collect(t, []byte(data), "one.json", nil)
	if len(errs) > 0 || len(docs) != 1 || docs[0].Text != "正文" || string(docs[0].Raw) != strings.TrimSpace(data) {
		t.Fatalf("docs %v errs %v", docs, errs)
	}
}

func TestReadRecordsWrapped(t *testing.T) {
	rec1 := `{"noticeTitle":"甲","noticeContent":"<p>一</p>"}`
	rec2 := `{ "noticeTitle" : "乙", "noticeContent":"<p>二</p>" }`
	data := `{"code":0,"msg":"ok","data":{"total":2,"list":[` + rec1 + `,` + rec2 + `]}}` + "\n" + `{"code":0,"data":{"list":[]}}` + "\n"
	docs, errs := collect(t, []byte(data), "api.jsonl", nil)
	if len(docs) != 2 || len(errs) != 1 {
		t.Fatalf("%d docs, errors %v", len(docs), errs)
	}
	if string(docs[0].Raw) != rec1 || string(docs[1].Raw) != rec2 || docs[1].Title != "乙" || docs[1].Source != "api.jsonl#2" {
		t.Errorf("docs %q %q %q", docs[0].Raw, docs[1].Raw, docs[1].Source)
	}
	if !strings.Contains(errs[0].Error(), "record 3") {
		t.Errorf("error %v", errs[0])
	}
}

func TestReadRecordsBOM(t *testing.T) {
	for _, tc := range []struct{ name, data string }{
		{"x.jsonl", "\ufeff{\"title\":\"甲\"}\n"},
		{"x.json", "\ufeff[{\"title\":\"甲\"}]"},
		{"x.csv", "\ufefftitle,id\n甲,1\n"},
	} {
		docs, errs := collect(t, []byte(tc.data), tc.name, nil)
		if len(docs) != 1 || len(errs) > 0 || docs[0].Title != "甲" {
			t.Errorf("%s: docs %v errs %v", tc.name, docs, errs)
		}
	}
}

func TestNormalizeDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2025-03-21", "2025-03-21"},
		{"2025-03-21 15:00:51", "2025-03-21"},
		{"2025/3/1", "2025-03-01"},
		{"2025年3月1日", "2025-03-01"},
		{"2025.12.31", "2025-12-31"},
		{"20250321", "2025-03-21"},
		{"1742540400000", "2025-03-21"},
		{"1742540400", "2025-03-21"},
		{"2025-02-30", ""},
		{"不详", ""},
		{"", ""},
	}
	for _, tc := range tests {
		if got := NormalizeDate(tc.in); got != tc.want {
			t.Errorf("NormalizeDate(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzReadRecords reads exports under a small budget, so the budget paths
// run as often as the others. Seeds are small (whole exports made each
// execution take seconds): the first record of each real export and
// hand-made shapes (multi-line objects, wrapped API responses, CSV with
// quoted line breaks, a BOM). Properties: a record with an error has no
// document; a document's Raw is bytes of the input and its SHA256 theirs;
// its text offsets are consistent and within the text budget.
func FuzzReadRecords(f *testing.F) {
	for _, p := range []string{"testdata/ningbo.jsonl", "testdata/yichang.jsonl"} {
		if b, err := os.ReadFile(p); err == nil {
			first, _, _ := bytes.Cut(b, []byte("\n"))
			f.Add(first[:min(len(first), 2048)], "x.jsonl")
		}
	}
	f.Add([]byte("{\n\"title\":\"t\",\n\"a\":[\n1,\n2]\n}\n{\"title\":\"u\"}\n"), "x.jsonl")
	f.Add([]byte(`{"code":0,"data":{"list":[{"title":"a","content":"<p>x</p>"},{"title":"b"}]}}`), "x.json")
	f.Add([]byte("\xef\xbb\xbf[{\"title\":\"a\"}]"), "x.json")
	f.Add([]byte("id,title,content\n1,a,\"<p>x\n</p>\"\n2,b,\"unterminated\n"), "x.csv")
	f.Add([]byte("[{\"title\":\"a\"},{\"title\":1},]"), "x.json")
	f.Add([]byte("\ta\tb\n1\t2\t3\n"), "x.tsv")
	budget := Budget{MaxRecordBytes: 4096, MaxFieldBytes: 1024, MaxTextBytes: 2048, MaxNodes: 256, MaxCells: 256}
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		ReadRecordsContext(context.Background(), bytes.NewReader(data), name, nil, budget, func(d *enduse.Document, err error) error {
			if err != nil {
				if d != nil {
					t.Fatal("document with error")
				}
				return nil
			}
			if !bytes.Contains(data, d.Raw) {
				t.Fatalf("Raw %q is not bytes of the input", d.Raw)
			}
			if d.SHA256 != sha(d.Raw) {
				t.Fatal("sha256 does not match Raw")
			}
			if int64(len(d.Text)) > budget.MaxTextBytes {
				t.Fatalf("text of %d bytes over the budget of %d", len(d.Text), budget.MaxTextBytes)
			}
			checkOffsets(t, d.Source, d.Text, d.Blocks)
			return nil
		})
	})
}

func BenchmarkReadRecords(b *testing.B) {
	var data []byte
	for _, p := range []string{"testdata/ningbo.jsonl", "testdata/yichang.jsonl"} {
		data = append(data, readFile(b, p)...)
	}
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for range b.N {
		err := ReadRecords(bytes.NewReader(data), "bench.jsonl", nil, func(*enduse.Document, error) error { return nil })
		if err != nil {
			b.Fatal(err)
		}
	}
}

// TestReadRecordsBudget reads exports holding one record over a budget
// between good ones: the bad record is reported with its limit and the
// records after it are read.
func TestReadRecordsBudget(t *testing.T) {
	long := strings.Repeat("x", 300)
	b := Budget{MaxRecordBytes: 200, MaxFieldBytes: 100}
	for _, tc := range []struct {
		name, data string
		want       string // per record: "ok" or the limit of its error
	}{
		{"long line", `{"title":"a"}` + "\n" + `{"title":"` + long + `"}` + "\n" + `{"title":"c"}` + "\n", "ok max_record_bytes ok"},
		{"long multi-line object", "{\n\"title\":\"a\"\n}\n{\n\"title\":\"" + long[:150] + "\",\n\"x\":\"" + long[:150] + "\"\n}\n{\"title\":\"c\"}\n", "ok max_record_bytes ok"},
		{"long array element", `[{"title":"a"},{"title":"` + long + `"},{"title":"c"}]`, "ok max_record_bytes ok"},
		{"long field", `{"title":"a","html":"<p>` + long[:150] + `</p>"}` + "\n" + `{"title":"c"}` + "\n", "max_field_bytes ok"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			err := ReadRecordsContext(context.Background(), strings.NewReader(tc.data), "e.jsonl", nil, b, func(d *enduse.Document, err error) error {
				var be *BudgetError
				switch {
				case err == nil:
					got = append(got, "ok")
				case errors.As(err, &be):
					got = append(got, be.Limit)
					if !strings.Contains(err.Error(), "e.jsonl record") {
						t.Errorf("error %q does not name the file and record", err)
					}
				default:
					got = append(got, err.Error())
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if g := strings.Join(got, " "); g != tc.want {
				t.Errorf("records %q, want %q", g, tc.want)
			}
		})
	}
}
