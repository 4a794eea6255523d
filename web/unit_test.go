package web

import (
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/enduse/enduse"
)

func TestHighlight(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		spans []span
		want  string // segments rendered as [class:text] or text
	}{
		{"none", "采购人：公安局", nil, "采购人：公安局"},
		{"empty text", "", []span{{0, 1, spanMention, ""}}, ""},
		{"one mention", "买希捷硬盘", []span{{1, 3, spanMention, "Seagate"}}, "买[mention:希捷]硬盘"},
		{"mention inside field", "中标：希捷硬盘", []span{{0, 7, spanField, "award"}, {3, 5, spanMention, "Seagate"}},
			"[field:中标：][mention:希捷][field:硬盘]"},
		{"mention inside item row", "硬盘\t希捷\t4", []span{{0, 7, spanItem, "item"}, {3, 5, spanMention, "Seagate"}},
			"[item:硬盘\t][mention:希捷][item:\t4]"},
		{"overlapping mentions keep the first", "ABCDEF", []span{{0, 4, spanMention, "a"}, {2, 6, spanMention, "b"}},
			"[mention:ABCD][mention:EF]"},
		{"out of range ignored", "abc", []span{{-1, 2, spanMention, ""}, {1, 9, spanMention, ""}, {2, 2, spanMention, ""}, {2, 1, spanField, ""}},
			"abc"},
		{"adjacent", "abcd", []span{{0, 2, spanField, "x"}, {2, 4, spanField, "y"}}, "[field:ab][field:cd]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			for _, s := range highlight(tc.text, tc.spans) {
				if s.Class == "" {
					b.WriteString(s.Text)
				} else {
					b.WriteString("[" + s.Class + ":" + s.Text + "]")
				}
			}
			if b.String() != tc.want {
				t.Errorf("got %q, want %q", b.String(), tc.want)
			}
		})
	}
}

func FuzzHighlight(f *testing.F) {
	f.Add("采购人：乌鲁木齐市公安局\n希捷 ST8000VX004", 2, 5, 0, 9)
	f.Add(xssProbe, 0, 8, 3, 40)
	f.Add("", 0, 0, -1, 3)
	f.Fuzz(func(t *testing.T, text string, a, b, c, d int) {
		segs := highlight(text, []span{{a, b, spanMention, "m"}, {c, d, spanField, "f"}, {a, d, spanItem, "i"}})
		var got strings.Builder
		for _, s := range segs {
			if s.Text == "" {
				t.Fatalf("empty segment in %q", segs)
			}
			got.WriteString(s.Text)
		}
		if utf8.ValidString(text) && got.String() != text {
			t.Fatalf("segments do not rebuild the text: %q vs %q", got.String(), text)
		}
	})
}

func TestParseFilter(t *testing.T) {
	tests := []struct {
		name    string
		query   string
		want    func(f enduse.Filter) bool
		wantErr bool
	}{
		{"empty", "", func(f enduse.Filter) bool { return isEmptyFilter(f) && f.Limit == defaultLimit }, false},
		{"all fields", "brand=希捷&company=seagate&country=us&us_linked=true&category=storage&product_line=SkyHawk&buyer=公安&supplier=天诚&sector=public_security&level=county&region=65&type=award,contract&type=tender&from=2022-01-01&to=2022-12-31&listed=1&lists=BIS+Entity+List&text=硬盘&reason=imported&include_spec=yes&limit=10&offset=20",
			func(f enduse.Filter) bool {
				return f.Brand == "希捷" && f.Country == "US" && f.USLinked && f.Sector == "public_security" && len(f.Types) == 3 &&
					f.Listed && f.IncludeSpec && f.Limit == 10 && f.Offset == 20 && f.Lists[0] == "BIS Entity List" && f.Reason == "imported"
			}, false},
		{"limit at the maximum", "limit=10000", func(f enduse.Filter) bool { return f.Limit == enduse.FilterMaxLimit }, false},
		{"limit over the maximum", "limit=20000", nil, true},
		{"bad sector", "sector=police", nil, true},
		{"bad level", "level=galaxy", nil, true},
		{"bad reason", "reason=because", nil, true},
		{"method", "method=competitive_consultation", func(f enduse.Filter) bool { return f.Method == "competitive_consultation" }, false},
		{"bad method", "method=公开招标", nil, true},
		{"bad date", "to=2022-02-30", nil, true},
		{"bad offset", "offset=-3", nil, true},
		{"bad bool", "listed=perhaps", nil, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q, _ := url.ParseQuery(tc.query)
			f, err := parseFilter(q)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tc.wantErr)
			}
			if tc.want != nil && !tc.want(f) {
				t.Errorf("filter = %+v", f)
			}
			if err == nil {
				// Round trip: the values of a parsed filter parse to it again.
				g, err := parseFilter(filterValues(f))
				if err != nil {
					t.Fatal(err)
				}
				g.Limit, g.Offset = f.Limit, f.Offset
				if filterValues(g).Encode() != filterValues(f).Encode() {
					t.Errorf("round trip %v != %v", filterValues(g), filterValues(f))
				}
			}
		})
	}
}

func FuzzParseFilter(f *testing.F) {
	f.Add("brand=希捷&sector=public_security&type=award&from=2022-01-01")
	f.Add("limit=-1&offset=x")
	f.Add("type=,,&lists=,a,&region=65&us_linked=TRUE")
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		fl, err := parseFilter(q)
		if err != nil {
			return
		}
		if fl.Limit < 0 || fl.Limit > enduse.FilterMaxLimit || fl.Offset < 0 {
			t.Fatalf("paging out of bounds: %+v", fl)
		}
		if _, err := parseFilter(filterValues(fl)); err != nil {
			t.Fatalf("values of a valid filter do not parse: %v", err)
		}
	})
}

func FuzzParseIDs(f *testing.F) {
	f.Add("0123456789abcdef,fedcba9876543210")
	f.Add("xyz")
	f.Fuzz(func(t *testing.T, v string) {
		ids, err := parseIDs(v)
		if err != nil {
			return
		}
		for _, id := range ids {
			if len(id) < 8 || len(id) > 64 || strings.Trim(id, "0123456789abcdef") != "" {
				t.Fatalf("accepted id %q", id)
			}
		}
	})
}

func TestFigureHref(t *testing.T) {
	base := enduse.Filter{Brand: "Seagate", Limit: 10}
	few := enduse.Figure{Notices: 2, IDs: []string{strings.Repeat("a", 64), strings.Repeat("b", 64)}}
	many := enduse.Figure{Notices: 300}
	for i := 0; i < 300; i++ {
		many.IDs = append(many.IDs, strings.Repeat("c", 64))
	}
	tests := []struct {
		name, dim, key string
		fig            enduse.Figure
		want           string
	}{
		{"sector", "sector", "public_security", few, "/?brand=Seagate&sector=public_security"},
		{"province", "region", "650000", few, "/?brand=Seagate&region=65"},
		{"prefecture", "region", "650100", few, "/?brand=Seagate&region=6501"},
		{"unknown region lists ids", "region", "", few, "/notices?ids=" + url.QueryEscape(strings.Repeat("a", 16)+","+strings.Repeat("b", 16))},
		{"month", "month", "2022-02", few, "/?brand=Seagate&from=2022-02-01&to=2022-02-28"},
		{"type", "type", "award", few, "/?brand=Seagate&type=award"},
		{"buyer few ids", "buyer", "乌鲁木齐市公安局", few, "/notices?ids=" + url.QueryEscape(strings.Repeat("a", 16)+","+strings.Repeat("b", 16))},
		{"buyer many ids", "buyer", "公安局", many, "/?brand=Seagate&buyer=" + url.QueryEscape("公安局")},
		{"total", "", "", few, "/?brand=Seagate"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := figureHref(base, tc.dim, tc.key, tc.fig); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
	if h := idsHref(many.IDs); strings.Count(h, "%2C") != maxIDsInLink-1 {
		t.Errorf("idsHref carries %d ids, want %d", strings.Count(h, "%2C")+1, maxIDsInLink)
	}
}

func TestFormat(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{formatInt(1234567), "1,234,567"}, {formatInt(-1000), "-1,000"}, {formatInt(12), "12"},
		{formatQty(4), "4"}, {formatQty(2.5), "2.50"},
		{formatYuan(480000), "¥48.0万 (0.48M)"}, {formatYuan(1.5e8), "¥1.50亿 (150.0M)"}, {formatYuan(0), ""},
		{provinceEN("650100"), "Xinjiang"}, {regionPrefix("420500"), "4205"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func TestMonthly(t *testing.T) {
	m := map[string]enduse.Figure{"2022-11": {Notices: 2, IDs: []string{"a", "b"}}, "2023-02": {Notices: 1, IDs: []string{"c"}}, "": {Notices: 5}}
	tl := monthly(m, enduse.Filter{})
	if tl == nil || len(tl.Columns) != 4 || tl.Max != 2 {
		t.Fatalf("timeline = %+v", tl)
	}
	if tl.Columns[1].Href != "" || tl.Columns[0].Href == "" || tl.Columns[3].Month != "2023-02" {
		t.Errorf("columns = %+v", tl.Columns)
	}
	if monthly(nil, enduse.Filter{}) != nil {
		t.Error("empty map gives a chart")
	}
}
