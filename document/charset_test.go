package document

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

// encode returns s encoded with enc, failing the test on error.
func encode(t testing.TB, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode %q: %v", s, err)
	}
	return b
}

func TestDecodeHTML(t *testing.T) {
	const body = "<p>宁波市公安局采购希捷硬盘ST8000VX004，预算￥12万元。</p>"
	page := func(head string) string {
		return "<html><head>" + head + "<title>公告</title></head><body>" + body + "</body></html>"
	}
	gbk := simplifiedchinese.GBK
	gb18030 := simplifiedchinese.GB18030
	tests := []struct {
		name        string
		raw         func(t *testing.T) []byte
		contentType string
		wantCharset string
		wantText    string
	}{
		{"utf-8 meta charset", func(t *testing.T) []byte { return []byte(page(`<meta charset="utf-8">`)) }, "", "utf-8", body},
		{"utf-8 undeclared", func(t *testing.T) []byte { return []byte(page("")) }, "", "utf-8", body},
		{"gbk meta charset", func(t *testing.T) []byte { return encode(t, gbk, page(`<meta charset="gbk">`)) }, "", "gb18030", body},
		{"gb2312 http-equiv", func(t *testing.T) []byte {
			return encode(t, gbk, page(`<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`))
		}, "", "gb18030", body},
		{"gb2312 http-equiv malformed quotes", func(t *testing.T) []byte {
			return encode(t, gbk, page(`<META HTTP-EQUIV=Content-Type CONTENT='text/html;charset=GB2312;'>`))
		}, "", "gb18030", body},
		{"gb18030 four-byte character", func(t *testing.T) []byte {
			return encode(t, gb18030, "<meta charset=gb18030><p>𠮷野家 €</p>")
		}, "", "gb18030", "<p>𠮷野家 €</p>"},
		{"gbk undeclared", func(t *testing.T) []byte { return encode(t, gbk, page("")) }, "", "gb18030", body},
		{"gb2312 declared but utf-8", func(t *testing.T) []byte { return []byte(page(`<meta charset="gb2312">`)) }, "", "utf-8", body},
		{"utf-8 declared but gbk", func(t *testing.T) []byte { return encode(t, gbk, page(`<meta charset="utf-8">`)) }, "", "gb18030", body},
		{"header gbk wins over meta utf-8", func(t *testing.T) []byte { return encode(t, gbk, page(`<meta charset="utf-8">`)) }, "text/html; charset=GBK", "gb18030", body},
		{"header utf-8 but bytes gbk", func(t *testing.T) []byte { return encode(t, gbk, page("")) }, "text/html; charset=utf-8", "gb18030", body},
		{"unknown header charset falls to meta", func(t *testing.T) []byte { return encode(t, gbk, page(`<meta charset="gbk">`)) }, "text/html; charset=x-nonsense", "gb18030", body},
		{"iso-8859-1 declared but gbk", func(t *testing.T) []byte { return encode(t, gbk, page(`<meta charset="iso-8859-1">`)) }, "", "gb18030", body},
		{"big5 declared", func(t *testing.T) []byte {
			return encode(t, traditionalchinese.Big5, "<meta charset=big5><p>臺北市政府警察局</p>")
		}, "", "big5", "<p>臺北市政府警察局</p>"},
		{"utf-8 bom", func(t *testing.T) []byte { return append([]byte{0xEF, 0xBB, 0xBF}, page(`<meta charset=gbk>`)...) }, "", "utf-8", body},
		{"utf-16le bom", func(t *testing.T) []byte {
			return encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), page(""))
		}, "", "utf-16le", body},
		{"meta late in a long head", func(t *testing.T) []byte {
			return encode(t, gbk, page("<style>"+strings.Repeat("p{margin:0}\n", 300)+"</style><meta charset=gbk>"))
		}, "", "gb18030", body},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, cs, err := DecodeHTML(tc.raw(t), tc.contentType)
			if err != nil {
				t.Fatal(err)
			}
			if cs != tc.wantCharset {
				t.Errorf("charset %q, want %q", cs, tc.wantCharset)
			}
			if !strings.Contains(got, tc.wantText) {
				t.Errorf("decoded text lacks %q:\n%s", tc.wantText, got)
			}
		})
	}
}

func TestDecodeHTMLInvalidBytes(t *testing.T) {
	// Truncated UTF-8 in a mostly-UTF-8 page stays UTF-8 with a
	// replacement character rather than turning the page into mojibake.
	raw := []byte("<meta charset=utf-8><p>宁波市公安局宁波市公安局宁波市公安局</p>\xe5\x85")
	got, cs, err := DecodeHTML(raw, "")
	if err != nil {
		t.Fatal(err)
	}
	if cs != "utf-8" || !strings.Contains(got, "宁波市公安局") || !utf8.ValidString(got) {
		t.Errorf("got charset %q text %q", cs, got)
	}
}

func FuzzDecodeHTML(f *testing.F) {
	files, _ := filepath.Glob("testdata/golden/*.html")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b[:min(len(b), 4096)], "")
		}
	}
	gbkPage, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte("<meta charset=gb2312><p>公安局</p>"))
	f.Add(gbkPage, "text/html; charset=gbk")
	f.Add([]byte{0xFF, 0xFE, 0x00}, "")
	f.Add([]byte("<meta http-equiv=content-type content='charset=\"'>"), "text/html; charset=")
	f.Fuzz(func(t *testing.T, raw []byte, ct string) {
		s, cs, err := DecodeHTML(raw, ct)
		if err != nil {
			return
		}
		if cs == "" {
			t.Fatal("empty charset name")
		}
		if !utf8.ValidString(s) {
			t.Fatalf("invalid UTF-8 output for charset %s", cs)
		}
	})
}

func BenchmarkDecodeHTMLGBK(b *testing.B) {
	raw, err := os.ReadFile("testdata/golden/ningbo-single-source.html")
	if err != nil {
		b.Fatal(err)
	}
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(raw)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(gbk)))
	for range b.N {
		if _, cs, err := DecodeHTML(gbk, ""); err != nil || cs != "gb18030" {
			b.Fatal(cs, err)
		}
	}
}
