package document

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"github.com/enduse/enduse"
)

// MediaRTF is the media type of Rich Text Format documents, which many
// ".doc" attachments of Chinese notices really are.
const MediaRTF = "application/rtf"

// maxRTFDepth bounds group nesting in RTF input.
const maxRTFDepth = 1024

// rtfSkipDest are RTF destinations whose content is not document text.
var rtfSkipDest = map[string]bool{
	"fonttbl": true, "colortbl": true, "stylesheet": true, "info": true, "pict": true,
	"object": true, "header": true, "headerl": true, "headerr": true, "headerf": true,
	"footer": true, "footerl": true, "footerr": true, "footerf": true, "listtable": true,
	"listoverridetable": true, "rsidtbl": true, "generator": true, "xmlnstbl": true,
	"themedata": true, "colorschememapping": true, "datastore": true, "latentstyles": true,
	"mmathPr": true, "pgdsctbl": true, "revtbl": true, "filetbl": true, "fldinst": true,
	"bkmkstart": true, "bkmkend": true, "footnote": true, "annotation": true, "atnid": true,
	"atnauthor": true, "shpinst": true, "nonshppict": true, "blipuid": true, "userprops": true,
}

// rtfState is the state an RTF group inherits and restores.
type rtfState struct {
	skip  bool // inside an ignored destination
	uc    int  // characters to skip after \uN
	inTbl bool // paragraph is in a table
}

// fillRTF reads the text of an RTF document: paragraphs become lines,
// table rows (\cell … \row) BlockRow lines. 8-bit text (\'hh) is decoded
// from the document's ANSI code page (\ansicpg936 = GBK, the default for
// Chinese documents; 950 = Big5) and \uN escapes as Unicode.
func fillRTF(m *meter, doc *enduse.Document, raw []byte) error {
	s := string(raw)
	if !strings.HasPrefix(strings.TrimLeft(s, " \t\r\n\ufeff"), `{\rtf`) {
		return errors.New("rtf: missing {\\rtf header")
	}
	enc := rtfEncoding(s)
	var (
		t       = textBuilder{m: m}
		para    strings.Builder
		cells   []string
		bytesIn []byte // pending \'hh bytes
		st      = rtfState{uc: 1}
		stack   []rtfState
		pendSkp int // characters still to skip after \uN
	)
	flushBytes := func() {
		if len(bytesIn) == 0 {
			return
		}
		if out, err := enc.NewDecoder().Bytes(bytesIn); err == nil {
			para.Write(out)
		}
		bytesIn = bytesIn[:0]
	}
	endPara := func() {
		flushBytes()
		if st.inTbl {
			para.WriteByte(' ')
			return
		}
		if len(cells) > 0 {
			// a row without \row: emit what was read
			t.rowLine(cells, nil)
			cells = nil
		}
		t.para(para.String(), enduse.BlockPara)
		para.Reset()
	}
	for i := 0; i < len(s); {
		if t.err != nil {
			return fmt.Errorf("rtf: %w", t.err)
		}
		if err := m.tick(); err != nil {
			return err
		}
		c := s[i]
		switch c {
		case '{':
			flushBytes()
			if len(stack) >= maxRTFDepth {
				return fmt.Errorf("rtf: groups nested deeper than %d", maxRTFDepth)
			}
			stack = append(stack, st)
			i++
			// an ignorable destination: {\* …}
			if strings.HasPrefix(s[i:], `\*`) {
				st.skip = true
			}
			continue
		case '}':
			flushBytes()
			if len(stack) > 0 {
				inTbl := st.inTbl
				st = stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				st.inTbl = st.inTbl || inTbl
			}
			i++
			continue
		case '\r', '\n':
			i++
			continue
		case '\\':
			// handled below
		default:
			if pendSkp > 0 {
				pendSkp--
			} else if !st.skip {
				if c >= 0x80 {
					// raw 8-bit text, outside the standard but common
					bytesIn = append(bytesIn, c)
				} else {
					flushBytes()
					para.WriteByte(c)
				}
			}
			i++
			continue
		}
		// control word or symbol
		i++
		if i >= len(s) {
			break
		}
		c = s[i]
		if !isASCIILetter(c) {
			i++
			switch c {
			case '\'':
				if i+2 <= len(s) {
					if v, err := strconv.ParseUint(s[i:i+2], 16, 8); err == nil {
						i += 2
						if pendSkp > 0 {
							pendSkp--
						} else if !st.skip {
							bytesIn = append(bytesIn, byte(v))
						}
					}
				}
			case '\\', '{', '}':
				flushBytes()
				if pendSkp > 0 {
					pendSkp--
				} else if !st.skip {
					para.WriteByte(c)
				}
			case '~':
				flushBytes()
				if !st.skip {
					para.WriteByte(' ')
				}
			case '\r', '\n':
				if !st.skip {
					endPara()
				}
			}
			continue
		}
		j := i
		for j < len(s) && isASCIILetter(s[j]) {
			j++
		}
		word := s[i:j]
		k := j
		if k < len(s) && (s[k] == '-' || (s[k] >= '0' && s[k] <= '9')) {
			k++
			for k < len(s) && s[k] >= '0' && s[k] <= '9' {
				k++
			}
		}
		param, hasParam := 0, k > j
		if hasParam {
			param, _ = strconv.Atoi(s[j:k])
		}
		if k < len(s) && s[k] == ' ' {
			k++
		}
		i = k
		if word != "u" {
			flushBytes()
		}
		if rtfSkipDest[word] {
			st.skip = true
			continue
		}
		if st.skip {
			continue
		}
		switch word {
		case "uc":
			st.uc = max(param, 0)
		case "u":
			flushBytes()
			r := param
			if r < 0 {
				r += 65536
			}
			para.WriteRune(rune(r))
			pendSkp = st.uc
		case "par", "line", "sect", "page":
			endPara()
		case "tab", "emspace", "enspace", "qmspace":
			para.WriteByte(' ')
		case "intbl":
			st.inTbl = true
		case "pard":
			st.inTbl = false
		case "cell":
			cells = append(cells, para.String())
			para.Reset()
		case "nestcell":
			para.WriteByte(' ')
		case "row":
			t.rowLine(cells, nil)
			cells = nil
			para.Reset()
			st.inTbl = false
		case "trowd":
			if len(cells) > 0 {
				t.rowLine(cells, nil)
				cells = nil
			}
		case "bullet":
			para.WriteString("•")
		case "endash":
			para.WriteString("–")
		case "emdash":
			para.WriteString("—")
		case "lquote":
			para.WriteString("‘")
		case "rquote":
			para.WriteString("’")
		case "ldblquote":
			para.WriteString("“")
		case "rdblquote":
			para.WriteString("”")
		}
	}
	flushBytes()
	if len(cells) > 0 {
		t.rowLine(cells, nil)
	}
	st.inTbl = false
	t.para(para.String(), enduse.BlockPara)
	if t.err != nil {
		return fmt.Errorf("rtf: %w", t.err)
	}
	doc.Charset = charsetUTF8
	doc.Text, doc.Blocks = t.out.String(), t.blocks
	return nil
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// rtfEncoding returns the encoding of an RTF document's 8-bit text from
// its \ansicpgN, or from a \fcharset of its font table (134 = GB2312,
// 136 = Big5); GBK when neither says, since enduse reads Chinese notices.
func rtfEncoding(s string) encoding.Encoding {
	head := s
	if len(head) > 64<<10 {
		head = head[:64<<10]
	}
	if i := strings.Index(head, `\ansicpg`); i >= 0 {
		j := i + len(`\ansicpg`)
		k := j
		for k < len(head) && head[k] >= '0' && head[k] <= '9' {
			k++
		}
		switch head[j:k] {
		case "936", "54936":
			return simplifiedchinese.GB18030
		case "950":
			return traditionalchinese.Big5
		case "1252":
			if !strings.Contains(head, `\fcharset134`) && !strings.Contains(head, `\fcharset136`) {
				return charmap.Windows1252
			}
		}
	}
	if strings.Contains(head, `\fcharset136`) && !strings.Contains(head, `\fcharset134`) {
		return traditionalchinese.Big5
	}
	return simplifiedchinese.GB18030
}
