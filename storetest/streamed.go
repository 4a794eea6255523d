package storetest

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/enduse/enduse"
)

// testStreamedAnswer: a store may compute the answer over every notice
// differently from a filtered one (the SQL store streams every notice in
// purchase order instead of loading the matched set); both must give the
// same answer to the byte. A filter naming every notice type selects every
// notice the unfiltered query does, so the two answers must be equal but
// for their filter — checked on the fixtures plus 400 generated notices
// (several buyers, regions, types and months; lots, re-publications,
// fractional amounts, items of several brands, specifications), with and
// without specifications and at several pages.
func testStreamedAnswer(t *testing.T, open func(t *testing.T) enduse.Store) {
	w := load(t, open)
	// Buyers of the fixtures (a public-security bureau, a school) and one
	// without sector or region.
	agency := *w.fixture(t, "K1").notice.Agency
	buyers := []enduse.Org{*w.fixture(t, "K1").notice.Buyer, *w.fixture(t, "E1").notice.Buyer, {Name: "某某公司", Key: "某某公司"}}
	brands := []enduse.Resolution{
		{Brand: "Seagate", Company: "Seagate Technology", Country: "US", USLinked: true, ProductLine: "SkyHawk", Category: "storage.surveillance"},
		{Brand: "Hikvision", Company: "Hikvision", Country: "CN", Category: "camera"},
		{},
	}
	types := []string{"tender", "award", "contract", "award", "candidates"}
	var items []enduse.SaveItem
	for i := 0; i < 400; i++ {
		buyer := buyers[i%len(buyers)]
		s := spec{name: fmt.Sprintf("stream%04d", i), wrapper: fmt.Sprintf("<!-- copy %d -->", i%7),
			title: fmt.Sprintf("%s设备采购项目%d公告", buyer.Name, i/5), typ: types[(i/2)%len(types)],
			published: fmt.Sprintf("2022-%02d-%02d", 1+(i/40)%12, 1+i%28), buyer: &buyer, body: "采购内容：存储设备",
			budget: float64(i%13) * 1234.56, award: float64(i%11) * 987.65}
		if i%4 != 0 {
			s.code = fmt.Sprintf("GEN-%04d", i/6)
		}
		if i%9 == 0 {
			s.published = ""
		}
		for j := 0; j < i%4; j++ {
			res := brands[(i+j)%len(brands)]
			s.items = append(s.items, item("硬盘", res.Brand, "M1", float64((i+j)%6)*0.5, res))
		}
		if i%3 == 0 {
			s.suppliers = []enduse.Supplier{winner(agency, float64(i)*10.01)}
		}
		f := s.build(agency, nil)
		items = append(items, enduse.SaveItem{Document: f.doc, Redacted: f.redacted, Notice: f.notice})
	}
	w.saveAll(t, items)
	for _, f := range []enduse.Filter{{}, {IncludeSpec: true}, {Limit: 3, Offset: 5}, {Limit: enduse.FilterMaxLimit}} {
		every := f
		every.Types = enduse.NoticeTypes
		all, some := w.query(t, f), w.query(t, every)
		if all.Total < 100 {
			t.Fatalf("filter %+v: %d announcements, want over 100", f, all.Total)
		}
		some.Filter = all.Filter
		a, err := json.MarshalIndent(all, "", " ")
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.MarshalIndent(some, "", " ")
		if err != nil {
			t.Fatal(err)
		}
		if string(a) != string(b) {
			t.Errorf("filter %+v: the answer over every notice differs from the one naming every type:\n%s", f, firstDiffLine(string(a), string(b)))
		}
	}
}

// firstDiffLine shows the first line where two texts differ.
func firstDiffLine(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < min(len(al), len(bl)); i++ {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d: %s ≠ %s", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("%d lines ≠ %d lines", len(al), len(bl))
}
