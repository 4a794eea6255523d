package document

import (
	"bytes"
	"fmt"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// Charset names recorded in Document.Charset.
const (
	charsetUTF8    = "utf-8"
	charsetGB18030 = "gb18030"
	charsetUTF16LE = "utf-16le"
	charsetUTF16BE = "utf-16be"
)

// metaScanBytes is how far into an HTML file a <meta> charset declaration
// is looked for. Browsers look at 1024 bytes; notices exported from Word
// carry long style blocks first, so enduse looks further.
const metaScanBytes = 32 << 10

// DecodeHTML detects the charset of HTML bytes and returns them as UTF-8
// with the name of the charset used ("utf-8", "gb18030", "big5", …).
//
// The order of evidence is: a byte-order mark, the charset parameter of
// contentType (an HTTP Content-Type header; may be empty), then
// <meta charset> and <meta http-equiv="Content-Type">. Declarations are
// validated, because wrong ones are common on Chinese sites: a page that
// declares GB2312 but is valid UTF-8 is read as UTF-8, and a page that
// declares UTF-8 but is not is read as GB18030 when that decodes it with
// fewer errors. Undeclared pages are UTF-8 when valid, else GB18030. GB2312
// and GBK are always decoded as GB18030, their superset.
func DecodeHTML(raw []byte, contentType string) (string, string, error) {
	declared := ""
	if contentType != "" {
		if _, params, err := mime.ParseMediaType(contentType); err == nil {
			declared = params["charset"]
		}
	}
	if declared == "" || !knownCharset(declared) {
		declared = metaCharset(raw)
	}
	return decodeBytes(raw, declared)
}

// knownCharset reports whether label names an encoding enduse can decode.
func knownCharset(label string) bool {
	e, _ := charset.Lookup(label)
	return e != nil
}

// metaCharset returns the charset declared by the first <meta charset> or
// <meta http-equiv="Content-Type" content="…; charset=…"> in the head of
// raw, or "" when there is none.
func metaCharset(raw []byte) string {
	if len(raw) > metaScanBytes {
		raw = raw[:metaScanBytes]
	}
	z := html.NewTokenizer(bytes.NewReader(raw))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if string(name) == "body" {
				return ""
			}
			if string(name) != "meta" || !hasAttr {
				continue
			}
			var cs, httpEquiv, content string
			for {
				k, v, more := z.TagAttr()
				switch strings.ToLower(string(k)) {
				case "charset":
					cs = string(v)
				case "http-equiv":
					httpEquiv = string(v)
				case "content":
					content = string(v)
				}
				if !more {
					break
				}
			}
			if cs = strings.TrimSpace(cs); cs != "" && knownCharset(cs) {
				return cs
			}
			if strings.EqualFold(strings.TrimSpace(httpEquiv), "content-type") || content != "" {
				if c := contentCharset(content); c != "" && knownCharset(c) {
					return c
				}
			}
		}
	}
}

// contentCharset extracts the charset parameter of a Content-Type value,
// tolerating the malformed forms seen in the wild ("text/html;
// charset=gb2312;", "charset='utf-8'").
func contentCharset(content string) string {
	i := indexFoldASCII(content, "charset")
	if i < 0 {
		return ""
	}
	rest := strings.TrimLeft(content[i+len("charset"):], " \t")
	if !strings.HasPrefix(rest, "=") {
		return ""
	}
	rest = strings.Trim(strings.TrimLeft(rest[1:], " \t"), "\"' ")
	if j := strings.IndexAny(rest, ";,\"' \t"); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

// indexFoldASCII is the byte index of the first match of the lower-case
// ASCII word in s, ignoring ASCII case. Unlike strings.ToLower it never
// changes the length of s (ToLower turns each invalid byte into three),
// so the index holds in s itself.
func indexFoldASCII(s, word string) int {
	for i := 0; i+len(word) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(word)], word) {
			return i
		}
	}
	return -1
}

// decodeBytes decodes raw given an optional declared charset label,
// validating the declaration as DecodeHTML describes.
func decodeBytes(raw []byte, declared string) (string, string, error) {
	switch {
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		return strings.ToValidUTF8(string(raw[3:]), "\uFFFD"), charsetUTF8, nil
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}):
		return decodeWith(raw, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), charsetUTF16LE)
	case bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		return decodeWith(raw, unicode.UTF16(unicode.BigEndian, unicode.UseBOM), charsetUTF16BE)
	}
	var enc encoding.Encoding
	name := ""
	if declared != "" {
		enc, name = charset.Lookup(declared)
	}
	ascii := isASCII(raw)
	valid := ascii || utf8.Valid(raw)
	switch {
	case enc == nil, name == "utf-8", strings.HasPrefix(name, "utf-16"):
		// Undeclared, or UTF-8 declared (a <meta> cannot truly declare
		// UTF-16 in ASCII-compatible bytes): UTF-8 if it is, else
		// whichever of UTF-8 and GB18030 reads the bytes with fewer errors.
		if valid {
			return string(raw), charsetUTF8, nil
		}
		return bestOfUTF8GB(raw)
	case name == "gbk" || name == "gb18030":
		if !ascii && valid {
			return string(raw), charsetUTF8, nil
		}
		return decodeWith(raw, simplifiedchinese.GB18030, charsetGB18030)
	default:
		if !ascii && valid {
			return string(raw), charsetUTF8, nil
		}
		if name == "windows-1252" || name == "iso-8859-1" {
			// Chinese servers often label GBK pages as Latin-1.
			if s, n, err := decodeWith(raw, simplifiedchinese.GB18030, charsetGB18030); err == nil &&
				strings.Count(s, "\uFFFD") == 0 && mostlyCJK(s) {
				return s, n, nil
			}
		}
		return decodeWith(raw, enc, name)
	}
}

// bestOfUTF8GB decodes bytes that are not valid UTF-8. GBK text read as
// UTF-8 is invalid almost everywhere, while UTF-8 with a few broken bytes
// (a truncated page, one stray byte) is valid almost everywhere; so the
// bytes are UTF-8 when invalid sequences are rare among multi-byte ones,
// else GB18030.
func bestOfUTF8GB(raw []byte) (string, string, error) {
	valid, invalid := utf8Counts(raw)
	if valid > 0 && invalid*10 < valid {
		return strings.ToValidUTF8(string(raw), "\uFFFD"), charsetUTF8, nil
	}
	return decodeWith(raw, simplifiedchinese.GB18030, charsetGB18030)
}

// utf8Counts reads b as UTF-8 and counts valid multi-byte runes and runs
// of invalid bytes; an incomplete rune at the very end (a truncated file
// or buffer) is not counted as invalid.
func utf8Counts(b []byte) (valid, invalid int) {
	prevBad := false
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			prevBad = false
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		switch {
		case r != utf8.RuneError || n > 1:
			valid++
			prevBad = false
		case !utf8.FullRune(b[i:]):
			// incomplete rune at the end
		case !prevBad:
			invalid++
			prevBad = true
		}
		i += n
	}
	return valid, invalid
}

// decodeWith decodes raw with enc, recording name.
func decodeWith(raw []byte, enc encoding.Encoding, name string) (string, string, error) {
	out, err := enc.NewDecoder().Bytes(raw)
	if err != nil {
		return "", name, fmt.Errorf("decode %s: %w", name, err)
	}
	return strings.ToValidUTF8(string(out), "\uFFFD"), name, nil
}

// isASCII reports whether b holds only 7-bit bytes.
func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// mostlyCJK reports whether most non-ASCII runes of s are CJK ideographs
// or CJK punctuation, which is what a correctly decoded Chinese page holds.
func mostlyCJK(s string) bool {
	cjk, other := 0, 0
	for _, r := range s {
		switch {
		case r < 0x80:
		case r >= 0x4E00 && r <= 0x9FFF, r >= 0x3000 && r <= 0x303F, r >= 0xFF00 && r <= 0xFFEF:
			cjk++
		default:
			other++
		}
	}
	return cjk > 0 && cjk >= 4*other
}
