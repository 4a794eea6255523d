package report

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"strings"
	"testing"

	"github.com/enduse/enduse"
)

// fakeStore answers a fixed result and reads notices from a map.
type fakeStore struct {
	res     *enduse.Result
	notices map[string]*enduse.StoredNotice
	err     error
}

func (s *fakeStore) Query(_ context.Context, f enduse.Filter) (*enduse.Result, error) {
	if s.err != nil {
		return nil, s.err
	}
	r := *s.res
	r.Filter = f
	return &r, nil
}

func (s *fakeStore) Notice(_ context.Context, id string) (*enduse.StoredNotice, error) {
	if n, ok := s.notices[id]; ok {
		return n, nil
	}
	return nil, enduse.ErrNotFound
}

func (s *fakeStore) Raw(context.Context, string) ([]byte, string, error) {
	return nil, "", enduse.ErrNotFound
}

const idA = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
const idB = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
const idC = "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"

func fixture() *fakeStore {
	fig := func(n int, q float64, ids ...string) enduse.Figure {
		return enduse.Figure{Notices: n, Quantity: q, IDs: ids}
	}
	buyer := &enduse.Org{Name: "喀什地区公安局", Key: "喀什地区公安局", NameEN: "Kashgar Prefecture Public Security Bureau",
		Sector: enduse.SectorPublicSecurity, Level: enduse.LevelPrefecture,
		Region: &enduse.Region{Code: "653100", Name: "喀什地区", Path: "新疆维吾尔自治区/喀什地区"}}
	text := "喀什地区公安局监控硬盘采购中标公告\n1\t监控硬盘\t希捷\tST4000VX013\t12块\n联系人：***"
	a := &enduse.StoredNotice{Notice: enduse.Notice{SHA256: idA, Title: "喀什地区公安局监控硬盘采购中标公告 <script>x</script> [y](javascript:z)",
		Type: enduse.TypeAward, Published: "2022-02-15", Buyer: buyer, Source: "a.html", URL: "javascript:alert(1)",
		Items: []enduse.Item{{Name: "监控硬盘", Brand: "希捷", Model: "ST4000VX013", Quantity: 12, Unit: "块",
			Resolved: &enduse.Resolution{Brand: "Seagate", ProductLine: "SkyHawk", Category: "storage.surveillance"}}},
		Mentions: []enduse.Mention{{Text: "希捷", Start: 23, End: 25, Resolution: enduse.Resolution{Brand: "Seagate"}}},
		Evidence: map[string]enduse.Evidence{"buyer": {Start: 0, End: 7, Text: "喀什地区公安局"}},
		Hits: []enduse.Hit{{Org: "buyer", Name: "喀什地区公安局", List: "BIS Entity List", Entry: "Kashgar Prefecture Public Security Bureau",
			Relation: enduse.RelationListed, Score: 0.97, Why: "name equals the Chinese name"}}},
		Text: text, Group: "g1", Copies: []string{idC}}
	b := &enduse.StoredNotice{Notice: enduse.Notice{SHA256: idB, Title: "合同公告", Type: enduse.TypeContract,
		Published: "2022-03-01", Buyer: buyer, Source: "b.html"}, Text: "合同公告"}
	c := &enduse.StoredNotice{Notice: enduse.Notice{SHA256: idC, Title: a.Title, Type: enduse.TypeAward,
		Published: "2022-02-15", Buyer: buyer, Source: "c.html"}, Group: "g1"}
	res := &enduse.Result{Notices: 2, Documents: 3, Buyers: 1, Quantity: 12,
		ByBrand:       map[string]enduse.Figure{"Seagate": fig(2, 12, idA, idB), "Hikvision": fig(1, 0, idB)},
		CoMentions:    map[string]enduse.Figure{"Hikvision": fig(1, 0, idB)},
		ByProductLine: map[string]enduse.Figure{"SkyHawk": fig(2, 12, idA, idB)},
		ByBuyer:       map[string]enduse.Figure{"喀什地区公安局": fig(2, 12, idA, idB)},
		ByMonth:       map[string]enduse.Figure{"2022-02": fig(1, 12, idA), "2022-03": fig(1, 0, idB)},
		ByType:        map[string]enduse.Figure{"award": fig(1, 12, idA), "contract": fig(1, 0, idB)},
		Rows:          []enduse.Row{{ID: idB}, {ID: idA}}, Total: 2}
	return &fakeStore{res: res, notices: map[string]*enduse.StoredNotice{idA: a, idB: b, idC: c}}
}

func TestFindings(t *testing.T) {
	cases := []struct {
		name   string
		filter enduse.Filter
		want   []string
	}{
		{"full case-study filter", enduse.Filter{Brand: "Seagate", Sector: enduse.SectorPublicSecurity, Region: "65",
			Types: []enduse.NoticeType{enduse.TypeAward, enduse.TypeContract}, From: "2022-01-01", To: "2022-05-12"},
			[]string{"Between 1 Jan 2022 and 12 May 2022, at least 2 unique award or contract announcements from 1 public-security buyer in 新疆维吾尔自治区 (65) referenced Seagate; they bought at least 12 drives, of them 12 SkyHawk (surveillance).",
				"1 of these announcements also named equipment of Hikvision (1).",
				"The 2 announcements were published as 3 documents",
				"1 of the announcements came from 1 buyer matched to export-control or sanctions lists: 1 by name or alias, 0 as a unit of a listed body"}},
		{"no dates: span of the notices", enduse.Filter{Brand: "希捷"},
			[]string{"Between 15 Feb 2022 and 1 Mar 2022, at least 2 unique announcements from 1 distinct buyer referenced 希捷"}},
		{"only from", enduse.Filter{From: "2022-02-01", Region: "6531"},
			[]string{"Since 1 Feb 2022, at least 2 unique announcements from 1 distinct buyer in 新疆维吾尔自治区/喀什地区 (6531) matched the criteria"}},
		{"place name region", enduse.Filter{Region: "新疆", To: "2022-12-31"},
			[]string{"Up to 31 Dec 2022", "in 新疆 matched"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := fixture()
			d, err := Build(context.Background(), st, st, c.filter)
			if err != nil {
				t.Fatal(err)
			}
			var all []string
			for _, f := range d.Findings {
				all = append(all, f.Text)
				if len(f.IDs) == 0 {
					t.Errorf("finding without notices: %q", f.Text)
				}
			}
			text := strings.Join(all, "\n")
			for _, w := range c.want {
				if !strings.Contains(text, w) {
					t.Errorf("findings lack %q:\n%s", w, text)
				}
			}
		})
	}
}

func TestBuildEmpty(t *testing.T) {
	st := &fakeStore{res: &enduse.Result{}, notices: map[string]*enduse.StoredNotice{}}
	d, err := Build(context.Background(), st, st, enduse.Filter{Brand: "Nobody"})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Findings) != 1 || !strings.Contains(d.Findings[0].Text, "No stored announcement") {
		t.Errorf("findings %+v", d.Findings)
	}
	var md, page strings.Builder
	if err := WriteMarkdown(&md, d); err != nil {
		t.Fatal(err)
	}
	if err := WriteHTML(&page, d); err != nil {
		t.Fatal(err)
	}
}

func TestBuildErrors(t *testing.T) {
	cases := []struct {
		name  string
		store func() *fakeStore
		want  error
	}{
		{"query fails", func() *fakeStore { s := fixture(); s.err = enduse.ErrInvalid; return s }, enduse.ErrInvalid},
		{"notice missing", func() *fakeStore { s := fixture(); delete(s.notices, idA); return s }, enduse.ErrNotFound},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := c.store()
			_, err := Build(context.Background(), s, s, enduse.Filter{})
			if !errors.Is(err, c.want) {
				t.Errorf("err %v, want %v", err, c.want)
			}
		})
	}
	if _, err := Build(context.Background(), nil, nil, enduse.Filter{}); !errors.Is(err, enduse.ErrInvalid) {
		t.Errorf("nil store: %v", err)
	}
	if err := WriteMarkdown(&strings.Builder{}, nil); err == nil {
		t.Error("WriteMarkdown(nil) did not fail")
	}
	if err := WriteHTML(&strings.Builder{}, nil); err == nil {
		t.Error("WriteHTML(nil) did not fail")
	}
}

func TestWritersEscapeAndLink(t *testing.T) {
	st := fixture()
	d, err := Build(context.Background(), st, st, enduse.Filter{Brand: "Seagate"})
	if err != nil {
		t.Fatal(err)
	}
	var md, page strings.Builder
	if err := WriteMarkdown(&md, d); err != nil {
		t.Fatal(err)
	}
	if err := WriteHTML(&page, d); err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"markdown": md.String(), "html": page.String()} {
		for _, bad := range []string{"<script>", `href="javascript:`} {
			if strings.Contains(out, bad) {
				t.Errorf("%s lets %q through", name, bad)
			}
		}
		// Every figure's notices are linked to their appendix entries.
		for _, id := range []string{idA, idB} {
			if !strings.Contains(out, "#"+Anchor(id)) {
				t.Errorf("%s has no link to %s", name, Anchor(id))
			}
			if !strings.Contains(out, id) {
				t.Errorf("%s does not show the sha256 %s", name, id)
			}
		}
		// The re-publication is listed with its source.
		if !strings.Contains(out, "c.html") {
			t.Errorf("%s does not list the re-publication", name)
		}
	}
	if strings.Contains(md.String(), "[y](javascript:") {
		t.Error("markdown lets a link from a notice title through")
	}
	if !strings.Contains(md.String(), `<a id="`+Anchor(idA)+`"></a>`) {
		t.Error("markdown lacks the appendix anchor")
	}
	if !strings.Contains(page.String(), `id="`+Anchor(idA)+`"`) || !strings.Contains(page.String(), "<svg") {
		t.Error("html lacks the appendix anchor or the charts")
	}
	if strings.Contains(page.String(), "<script") || strings.Contains(page.String(), "http://") && !strings.Contains(page.String(), "http://www.w3.org/2000/svg") {
		t.Error("html is not self-contained")
	}
	// The page is well-formed enough for an XML tokenizer up to the body.
	dec := xml.NewDecoder(strings.NewReader(page.String()))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	for {
		if _, err := dec.Token(); err != nil {
			if err.Error() != "EOF" {
				t.Errorf("html does not tokenize: %v", err)
			}
			break
		}
	}
}

func TestNumber(t *testing.T) {
	cases := map[float64]string{0: "0", 12: "12", 1234: "1,234", 1234567.5: "1,234,567.5", -42: "-42", 0.125: "0.13"}
	for v, want := range cases {
		if got := number(v); got != want {
			t.Errorf("number(%v) = %q, want %q", v, got, want)
		}
	}
}

func BenchmarkBuildAndWrite(b *testing.B) {
	st := fixture()
	for b.Loop() {
		d, err := Build(context.Background(), st, st, enduse.Filter{Brand: "Seagate"})
		if err != nil {
			b.Fatal(err)
		}
		var sb strings.Builder
		if err := WriteHTML(&sb, d); err != nil {
			b.Fatal(err)
		}
		if err := WriteMarkdown(&sb, d); err != nil {
			b.Fatal(err)
		}
	}
}

func TestFormatOf(t *testing.T) {
	cases := []struct {
		path string
		want Format
		err  bool
	}{
		{"out.md", Markdown, false}, {"x/REPORT.HTML", HTML, false}, {"a.htm", HTML, false},
		{"r.json", JSON, false}, {"r.markdown", Markdown, false}, {"r.txt", "", true}, {"noext", "", true},
	}
	for _, c := range cases {
		got, err := FormatOf(c.path)
		if got != c.want || (err != nil) != c.err {
			t.Errorf("FormatOf(%q) = %q, %v", c.path, got, err)
		}
		if err != nil && !strings.Contains(err.Error(), c.path) {
			t.Errorf("error %q does not name the file", err)
		}
	}
}

func TestWriteJSON(t *testing.T) {
	st := fixture()
	d, err := Build(context.Background(), st, st, enduse.Filter{Brand: "Seagate"})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := Write(&b, d, JSON); err != nil {
		t.Fatal(err)
	}
	var back Data
	if err := json.Unmarshal([]byte(b.String()), &back); err != nil {
		t.Fatal(err)
	}
	if back.Result.Notices != 2 || len(back.Notices) != 2 || len(back.Findings) == 0 || back.Notices[0].Copies == nil && back.Notices[1].Copies == nil {
		t.Errorf("json lost data: %+v", back)
	}
	if err := Write(&b, d, "pdf"); err == nil {
		t.Error("unknown format accepted")
	}
}

// FuzzWriters feeds hostile notice text through both writers: no markup
// from a notice may reach the output.
func FuzzWriters(f *testing.F) {
	f.Add("<script>alert(1)</script>", "[x](javascript:y)", "a|b`c")
	f.Add("\x00\xff", "<img src=x onerror=y>", "](#")
	f.Fuzz(func(t *testing.T, title, buyer, text string) {
		st := fixture()
		a := st.notices[idA]
		a.Title, a.Buyer.Name, a.Text = title, buyer, text
		a.Evidence = map[string]enduse.Evidence{"buyer": {Start: 0, End: 5}}
		d, err := Build(context.Background(), st, st, enduse.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		var md, page strings.Builder
		if err := WriteMarkdown(&md, d); err != nil {
			t.Fatal(err)
		}
		if err := WriteHTML(&page, d); err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{title, buyer, text} {
			if strings.ContainsAny(s, "<>") && len(s) > 0 {
				if strings.Contains(page.String(), "<img") || strings.Contains(page.String(), "<script") {
					t.Fatalf("html lets markup through")
				}
				if strings.Contains(md.String(), "<img") || strings.Contains(md.String(), "<script") {
					t.Fatalf("markdown lets markup through")
				}
			}
		}
		if strings.Count(md.String(), "<a id=") != len(d.Notices) {
			t.Fatalf("markdown has extra anchors")
		}
	})
}

// TestQuantityCell shows a figure whose notices state no quantity as
// unknown, never as zero units.
func TestQuantityCell(t *testing.T) {
	cases := []struct {
		f    enduse.Figure
		want string
	}{
		{enduse.Figure{Quantity: 248}, "248"},
		{enduse.Figure{Quantity: 248, QuantityUnknown: 3}, "248 + 3 unknown"},
		{enduse.Figure{QuantityUnknown: 2}, "unknown (2)"},
		{enduse.Figure{}, "0"},
	}
	for _, c := range cases {
		if got := quantityCell(c.f); got != c.want {
			t.Errorf("quantityCell(%+v) = %q, want %q", c.f, got, c.want)
		}
	}
}
