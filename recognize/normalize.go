package recognize

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// foldTable maps every BMP rune to its folded form (0 = whitespace). It is
// built once, on first use, from width and case folding plus the
// traditional→simplified pairs of t2s.txt, and never changes afterwards.
var foldTable = sync.OnceValue(buildFoldTable)

// t2sPairs is t2s.txt: one "traditional simplified" rune pair a line,
// OpenCC's t2s dictionary read one character at a time. It is embedded
// rather than derived from OpenCC at start-up because the derivation
// (converting every CJK ideograph) cost each process ~25 ms of CPU;
// TestT2SPairs derives it again and fails when it drifts (-update
// rewrites it).
//
//go:embed t2s.txt
var t2sPairs string

func buildFoldTable() *[0x10000]rune {
	var t [0x10000]rune
	for r := rune(0); r < 0x10000; r++ {
		t[r] = foldRune(r)
	}
	for line := range strings.Lines(t2sPairs) {
		from, n := utf8.DecodeRuneInString(line)
		to, _ := utf8.DecodeRuneInString(line[n+1:])
		t[from] = to
	}
	return &t
}

// foldRune folds width and case of one rune; whitespace folds to 0.
func foldRune(r rune) rune {
	switch {
	case r == 0x3000 || r == 0x200B || r == 0xFEFF || unicode.IsSpace(r):
		return 0
	case r >= 'A' && r <= 'Z':
		return r + ('a' - 'A')
	case r < utf8.RuneSelf:
		return r
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
		return unicode.ToLower(r - 0xFEE0)
	case r >= 0x2010 && r <= 0x2015, r == 0x2212, r == 0xFE63:
		return '-' // hyphens and dashes
	case r == 0x00B7 || r == 0x30FB || r == 0xFF65:
		return 0x00B7 // middle dots
	}
	return unicode.ToLower(r)
}

// Normalize folds text for matching: full-width → half-width, traditional →
// simplified Chinese, case-folded, every run of whitespace → one space. It
// returns the folded text and, for each rune of it, the rune offset in s of
// the rune it came from (a folded space points at the first rune of its
// run), so a match in the folded text maps back exactly to s. Invalid UTF-8
// bytes fold to U+FFFD, one per byte, like a range loop over s.
func Normalize(s string) (string, []int) {
	var n normText
	n.fold(s, false)
	offs := make([]int, 0, utf8.RuneCount(n.b))
	for i := 0; i < len(n.b); {
		_, size := utf8.DecodeRune(n.b[i:])
		offs = append(offs, n.runeOffset(int(n.ob[i])))
		i += size
	}
	return string(n.b), offs
}

// normText is folded text with, for the first byte of every folded rune,
// the byte offset in the original of the rune it came from. Rune offsets
// are counted on demand (runeOffset), since only matched spans need them.
type normText struct {
	src   string  // the original text
	valid bool    // src is valid UTF-8 (rune counting may take the fast path)
	b     []byte  // folded text, valid UTF-8
	ob    []int32 // len(ob) == cap(b); ob[i] is set where b[i] starts a rune
	// cursor for runeOffset: the rune offset of byte curByte of src.
	curByte, curRune int
}

// runeOffset returns the rune offset in the original of byte offset bo.
// Calls in increasing order cost time proportional to the distance moved.
func (n *normText) runeOffset(bo int) int {
	if bo < n.curByte {
		n.curByte, n.curRune = 0, 0
	}
	seg := n.src[n.curByte:bo]
	if n.valid {
		k := 0
		for i := 0; i < len(seg); i++ {
			if seg[i]&0xC0 != 0x80 {
				k++
			}
		}
		n.curRune += k
	} else {
		n.curRune += utf8.RuneCountInString(seg)
	}
	n.curByte = bo
	return n.curRune
}

// origStart returns the original byte offset of the folded rune holding
// folded byte i.
func (n *normText) origStart(i int) int {
	for i > 0 && n.b[i]&0xC0 == 0x80 {
		i--
	}
	return int(n.ob[i])
}

// asciiFold folds ASCII bytes: upper case to lower, whitespace to 0.
var asciiFold = func() (t [utf8.RuneSelf]byte) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = byte(foldRune(rune(c)))
	}
	return t
}()

// grow makes room for at least need more folded bytes.
func (n *normText) grow(b []byte, need int) []byte {
	if len(b)+need <= cap(b) {
		return b
	}
	nb := make([]byte, len(b), 2*cap(b)+need)
	copy(nb, b)
	nob := make([]int32, cap(nb))
	copy(nob, n.ob)
	n.ob = nob
	return nb
}

// fold folds s into n, reusing n's buffers. With breaks, a whitespace run
// that holds a line break or tab folds to '\n' (so clause and cell
// boundaries survive); otherwise every run folds to ' '.
func (n *normText) fold(s string, breaks bool) {
	t := foldTable()
	n.src, n.valid, n.curByte, n.curRune = s, true, 0, 0
	if cap(n.b) < len(s)+utf8.UTFMax {
		n.b = make([]byte, 0, len(s)+len(s)/8+utf8.UTFMax)
		n.ob = make([]int32, cap(n.b))
	}
	b, ob := n.b[:0], n.ob
	inSpace := false
	spaceAt := 0 // index in b of the pending space
	for bi := 0; bi < len(s); {
		if len(b)+utf8.UTFMax > cap(b) {
			b = n.grow(b, utf8.UTFMax)
			ob = n.ob
		}
		c := s[bi]
		if c < utf8.RuneSelf {
			if f := asciiFold[c]; f != 0 {
				inSpace = false
				ob[len(b)] = int32(bi)
				b = append(b, f)
				bi++
				continue
			}
		}
		// Fast path for the common case, a valid three-byte rune (all of
		// CJK) that folds to itself.
		if c >= 0xE0 && c < 0xF0 && bi+2 < len(s) {
			c1, c2 := s[bi+1], s[bi+2]
			if c1&0xC0 == 0x80 && c2&0xC0 == 0x80 {
				r := rune(c&0x0F)<<12 | rune(c1&0x3F)<<6 | rune(c2&0x3F)
				if r >= 0x800 && (r < 0xD800 || r > 0xDFFF) && t[r] == r {
					inSpace = false
					ob[len(b)] = int32(bi)
					b = append(b, c, c1, c2)
					bi += 3
					continue
				}
			}
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[bi:])
			if size == 1 {
				n.valid = false
			}
		}
		var f rune
		if r < 0x10000 {
			f = t[r]
		} else {
			f = unicode.ToLower(r)
		}
		switch {
		case f == 0:
			hard := breaks && (r == '\n' || r == '\r' || r == '\t' || r == '\v' || r == '\f' || r == 0x2028 || r == 0x2029)
			if !inSpace {
				inSpace = true
				spaceAt = len(b)
				sp := byte(' ')
				if hard {
					sp = '\n'
				}
				ob[len(b)] = int32(bi)
				b = append(b, sp)
			} else if hard {
				b[spaceAt] = '\n'
			}
		case f == r && size > 1:
			inSpace = false
			ob[len(b)] = int32(bi)
			b = append(b, s[bi:bi+size]...)
		default:
			inSpace = false
			ob[len(b)] = int32(bi)
			b = utf8.AppendRune(b, f)
		}
		bi += size
	}
	n.b = b
}

// key folds an alias or cue to its matching form: Normalize without offsets,
// trimmed.
func key(s string) string {
	var n normText
	n.fold(s, false)
	return strings.TrimSpace(string(n.b))
}
