package storetest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/enduse/enduse"
)

// testEachRow: a store's row iterator gives exactly the rows Query gives,
// in its order, across several of its batches (1,203 notices, most in
// pairs of re-publications, many published on one day), for the unfiltered
// answer and narrowed ones.
func testEachRow(t *testing.T, open func(t *testing.T) enduse.Store) {
	ctx := context.Background()
	w := load(t, open)
	it, ok := w.st.(enduse.RowIterator)
	if !ok {
		t.Fatal("store has no row iterator (enduse.RowIterator)")
	}
	buyer := enduse.Org{Name: "喀什地区公安局", Key: "喀什地区公安局", Sector: enduse.SectorPublicSecurity, Level: enduse.LevelPrefecture,
		Region: &enduse.Region{Code: "653100", Name: "喀什地区", Path: "新疆维吾尔自治区/喀什地区"}}
	agency := enduse.Org{Name: "新疆招标有限公司", Key: "新疆招标有限公司", Sector: enduse.SectorEnterprise}
	var items []enduse.SaveItem
	for i := 0; i < 1203; i++ {
		day := 1 + (i/2)%28
		if i%5 == 0 {
			day = 15 // many notices on one day: the walk's position must break the tie by id
		}
		typ := "award"
		if i%3 == 0 {
			typ = "tender"
		}
		s := spec{name: fmt.Sprintf("gen%04d", i), wrapper: fmt.Sprintf("<!-- copy %d -->", i),
			title: fmt.Sprintf("喀什地区公安局视频设备采购项目%d公告", i/2), typ: typ,
			published: fmt.Sprintf("2022-%02d-%02d", 1+(i/56)%12, day), code: fmt.Sprintf("KS-2022-%04d", i/2),
			buyer: &buyer, body: "采购内容：监控摄像机"}
		f := s.build(agency, nil)
		items = append(items, enduse.SaveItem{Document: f.doc, Redacted: f.redacted, Notice: f.notice})
	}
	w.saveAll(t, items)
	for _, f := range []enduse.Filter{{}, {Types: []enduse.NoticeType{enduse.TypeAward}}, {From: "2022-03-01", To: "2022-06-30"},
		{Region: "65"}, caseStudy(), {Text: "监控摄像机"}} {
		q := f
		q.Limit = enduse.FilterMaxLimit
		res, err := w.st.Query(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var got []enduse.Row
		if err := it.EachRow(ctx, f, func(r enduse.Row) error { got = append(got, r); return nil }); err != nil {
			t.Fatal(err)
		}
		if g, want := rowText(got), rowText(res.Rows); g != want {
			t.Errorf("filter %+v: EachRow gives %d rows, Query %d (total %d); first difference at %d", f, len(got), len(res.Rows), res.Total, firstDiff(got, res.Rows))
		}
		if f.Region == "" && f.From == "" && len(f.Types) == 0 && f.Text == "" && f.Brand == "" && len(got) < 600 {
			t.Errorf("unfiltered: %d rows, want over 600 (re-publications grouped)", len(got))
		}
	}
	stop := fmt.Errorf("stop")
	n := 0
	if err := it.EachRow(ctx, enduse.Filter{}, func(enduse.Row) error { n++; return stop }); err != stop || n != 1 {
		t.Errorf("fn's error: %v after %d rows, want it returned after 1", err, n)
	}
}

func rowText(rows []enduse.Row) string {
	var b strings.Builder
	for _, r := range rows {
		fmt.Fprintf(&b, "%s|%s|%s|%s|%s|%s\n", r.ID, r.Group, r.Published, r.Source, r.URL, r.Winner)
	}
	return b.String()
}

func firstDiff(a, b []enduse.Row) int {
	for i := range min(len(a), len(b)) {
		if a[i].ID != b[i].ID {
			return i
		}
	}
	return min(len(a), len(b))
}
