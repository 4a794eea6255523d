package document

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/enduse/enduse"
)

// writeTree writes name → content files under dir.
func writeTree(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// gbkZip builds an archive whose member names are GBK without the UTF-8
// flag, as Chinese Windows tools write them, plus a nested archive and a
// records file.
func gbkZip(t *testing.T) []byte {
	t.Helper()
	inner := zipOf(t, map[string]string{"深层/公告.txt": "内层公告"})
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name string, gbk bool, body []byte) {
		h := &zip.FileHeader{Name: name, Method: zip.Deflate}
		if gbk {
			b, err := simplifiedchinese.GBK.NewEncoder().String(name)
			if err != nil {
				t.Fatal(err)
			}
			h.Name, h.NonUTF8 = b, true
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(body)
	}
	add("附件/采购公告.html", true, []byte("<title>采购公告</title><p>采购人：某市公安局</p>"))
	add("inner.zip", false, inner)
	add("records.jsonl", false, []byte(`{"title":"记录一","content":"<p>甲</p>"}`+"\n"+`{"title":"记录二","content":"<p>乙</p>"}`+"\n"))
	add("__MACOSX/._junk", false, []byte("x"))
	add("附件/", false, nil)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestWalk(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string][]byte{
		"b/notice.html":        []byte("<p>中标人：乙公司</p>"),
		"a/deeper/notice.txt":  []byte("第一行\n第二行"),
		"a/bad.bin":            {0x89, 'P', 'N', 'G', 0, 0, 0},
		".hidden/skip.html":    []byte("<p>x</p>"),
		"a/.DS_Store":          []byte("junk"),
		"c/archive.zip":        gbkZip(t),
		"c/export.csv":         []byte("id,title,html\n7,表格记录,<p>丙</p>\n"),
		"d/damaged.zip":        []byte("PK\x03\x04 not really"),
		"e/not-a-notice.jsonl": []byte("{\"x\":1}\n"),
		"f/renamed-docx.zip":   makeDOCX(t),
	})
	var sources, errs []string
	err := Walk(context.Background(), []string{dir}, nil, Options{}, func(d *enduse.Document, err error) error {
		if err != nil {
			errs = append(errs, err.Error())
			return nil
		}
		sources = append(sources, strings.TrimPrefix(d.Source, dir+"/")+" = "+d.Text)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"a/deeper/notice.txt = 第一行\n第二行",
		"b/notice.html = 中标人：乙公司",
		"c/archive.zip!inner.zip!深层/公告.txt = 内层公告",
		"c/archive.zip!records.jsonl#1 = 甲",
		"c/archive.zip!records.jsonl#2 = 乙",
		"c/archive.zip!附件/采购公告.html = 采购人：某市公安局",
		"c/export.csv#1 = 丙",
		"f/renamed-docx.zip = 采购需求\n采购人： 某市公安局\n预算：12万元\n一、货物清单\n品牌\t型号\t数量\n希捷 Seagate\tST8000VX004 4块\n合计\ta\t1\nb\t2\n其他",
	}
	if strings.Join(sources, "\n") != strings.Join(want, "\n") {
		t.Errorf("documents:\n%s\nwant:\n%s", strings.Join(sources, "\n"), strings.Join(want, "\n"))
	}
	if len(errs) != 3 {
		t.Fatalf("errors: %q", errs)
	}
	for i, frag := range []string{"a/bad.bin", "d/damaged.zip", "e/not-a-notice.jsonl record 1"} {
		if !strings.Contains(errs[i], frag) {
			t.Errorf("error %d %q does not name %q", i, errs[i], frag)
		}
	}
}

func TestWalkSingleFileAndMissing(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string][]byte{"one.htm": []byte("<p>一</p>")})
	var n int
	var errs []error
	err := Walk(context.Background(), []string{filepath.Join(dir, "one.htm"), filepath.Join(dir, "missing.html")}, nil, Options{},
		func(d *enduse.Document, err error) error {
			if err != nil {
				errs = append(errs, err)
			} else {
				n++
			}
			return nil
		})
	if err != nil || n != 1 || len(errs) != 1 || !strings.Contains(errs[0].Error(), "missing.html") {
		t.Errorf("err %v, %d docs, errors %v", err, n, errs)
	}
}

func TestWalkStopAndCancel(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string][]byte{"1.html": []byte("<p>1</p>"), "2.html": []byte("<p>2</p>"), "3.jsonl": []byte(`{"title":"t","html":"<p>x</p>"}` + "\n" + `{"title":"u","html":"<p>y</p>"}`)})
	stop := errors.New("stop")
	n := 0
	err := Walk(context.Background(), []string{dir}, nil, Options{}, func(*enduse.Document, error) error {
		n++
		return stop
	})
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("stop: err %v after %d", err, n)
	}
	n = 0
	err = Walk(context.Background(), []string{filepath.Join(dir, "3.jsonl")}, nil, Options{}, func(*enduse.Document, error) error {
		n++
		return stop
	})
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("stop in records: err %v after %d", err, n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	n = 0
	err = Walk(ctx, []string{dir}, nil, Options{}, func(*enduse.Document, error) error {
		n++
		cancel()
		return nil
	})
	if !errors.Is(err, context.Canceled) || n != 1 {
		t.Errorf("cancel: err %v after %d", err, n)
	}
}

func TestWalkSizeLimit(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string][]byte{"big.html": bytes.Repeat([]byte("<p>x</p>"), 100), "z.zip": zipOf(t, map[string]string{"big.html": strings.Repeat("<p>x</p>", 100)})})
	var errs []string
	Walk(context.Background(), []string{dir}, nil, Options{MaxBytes: 100}, func(d *enduse.Document, err error) error {
		if err != nil {
			errs = append(errs, err.Error())
		}
		return nil
	})
	if len(errs) != 2 || !strings.Contains(errs[0], "big.html") || !strings.Contains(errs[1], "z.zip!big.html") {
		t.Errorf("errors %q", errs)
	}
}
