package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/enduse/enduse"
)

// testSummaryKept: a store may keep the unfiltered answer's figures up to
// date as it saves (the SQL store's summary tables) instead of folding
// every notice when asked. After every write — batches whose purchases
// grow across batches, and new readings of stored notices that move them
// to another purchase, change their brands or their type — the unfiltered
// answer must equal, to the byte, the one folded for the filter naming
// every type. The notices are enough for brands, buyers and types to
// outgrow the figures' id lists, so removing a listed notice from a long
// list is exercised.
func testSummaryKept(t *testing.T, open func(t *testing.T) enduse.Store) {
	ctx := context.Background()
	w := load(t, open)
	r, ok := w.st.(enduse.NoticeRefresher)
	if !ok {
		t.Fatal("store does not read notices again (enduse.NoticeRefresher)")
	}
	agency := *w.fixture(t, "K1").notice.Agency
	buyers := []enduse.Org{*w.fixture(t, "K1").notice.Buyer, *w.fixture(t, "E1").notice.Buyer, {Name: "某某公司", Key: "某某公司"}}
	brands := []enduse.Resolution{
		{Brand: "Seagate", Company: "Seagate Technology", Country: "US", USLinked: true, ProductLine: "SkyHawk", Category: "storage.surveillance"},
		{Brand: "Hikvision", Company: "Hikvision", Country: "CN", Category: "camera"},
		{Brand: "Dahua", Company: "Dahua Technology", Country: "CN", Category: "camera"},
		{},
	}
	spellings := map[string][]string{"Seagate": {"希捷", "Seagate", "SEAGATE"}, "Hikvision": {"海康威视", "HIKVISION"},
		"Dahua": {"大华"}, "": {"杂牌"}}
	types := []string{"tender", "award", "contract", "award", "candidates", "correction"}
	rng := rand.New(rand.NewPCG(13, 7))
	// reading is a random spec of generated notice i.
	reading := func(i int) spec {
		buyer := buyers[rng.IntN(len(buyers))]
		s := spec{name: fmt.Sprintf("kept%04d", i), wrapper: fmt.Sprintf("<!-- %d -->", i),
			title: fmt.Sprintf("%s设备采购项目%d公告", buyer.Name, i%37), typ: types[rng.IntN(len(types))],
			published: fmt.Sprintf("2022-%02d-%02d", 1+rng.IntN(12), 1+rng.IntN(28)), buyer: &buyer, body: "采购内容：存储设备",
			budget: float64(rng.IntN(9)) * 1000.5, award: float64(rng.IntN(7)) * 333.33}
		if rng.IntN(5) != 0 {
			// Few codes, so a purchase gathers notices across batches.
			s.code = fmt.Sprintf("KEPT-%03d", rng.IntN(40))
		}
		if rng.IntN(10) == 0 {
			s.published = ""
		}
		for j := rng.IntN(4); j > 0; j-- {
			res := brands[rng.IntN(len(brands))]
			sp := spellings[res.Brand]
			s.items = append(s.items, item("硬盘", sp[rng.IntN(len(sp))], "M1", float64(rng.IntN(6))*0.5, res))
		}
		if rng.IntN(3) == 0 {
			s.suppliers = []enduse.Supplier{winner(agency, float64(rng.IntN(50))*10.01)}
		}
		return s
	}
	regional := 0 // the most notices a province's answer counted
	sw, canSwitch := w.st.(interface{ SetSummaryOff(bool) })
	if !canSwitch {
		t.Log("the store cannot switch its summary off: brand profiles are not compared")
	}
	check := func(step string) {
		t.Helper()
		// The answer of get as kept up (summary on) and as loaded (off).
		onOff := func(what string, get func() (any, error)) {
			var got [2]string
			for i, off := range []bool{false, true} {
				sw.SetSummaryOff(off)
				v, err := get()
				sw.SetSummaryOff(false)
				switch {
				case errors.Is(err, enduse.ErrNotFound):
					got[i] = "not found"
				case err != nil:
					t.Fatalf("%s: %s: %v", step, what, err)
				default:
					j, err := json.MarshalIndent(v, "", " ")
					if err != nil {
						t.Fatal(err)
					}
					got[i] = string(j)
				}
			}
			if got[0] != got[1] {
				t.Fatalf("%s: %s kept up differs from the loaded one:\n%s", step, what, firstDiffLine(got[0], got[1]))
			}
		}
		for _, region := range []string{"65", "33", "42", "11"} {
			if !canSwitch {
				break
			}
			onOff("the answer of region "+region, func() (any, error) {
				res, err := w.st.Query(ctx, enduse.Filter{Region: region, Limit: 5, Offset: 1})
				if err == nil {
					regional = max(regional, res.Notices)
				}
				return res, err
			})
		}
		for _, b := range []string{"Seagate", "seagate", "希捷", "SEAGATE", "Hikvision", "海康威视", "Dahua", "大华", "杂牌", "Cisco", "无此品牌"} {
			if !canSwitch {
				break
			}
			onOff("the profile of "+b, func() (any, error) { return w.st.BrandProfile(ctx, b) })
		}
		for _, f := range []enduse.Filter{{}, {Limit: 4, Offset: 3}} {
			every := f
			every.Types = enduse.NoticeTypes
			all, folded := w.query(t, f), w.query(t, every)
			folded.Filter = all.Filter
			a, err := json.MarshalIndent(all, "", " ")
			if err != nil {
				t.Fatal(err)
			}
			b, err := json.MarshalIndent(folded, "", " ")
			if err != nil {
				t.Fatal(err)
			}
			if string(a) != string(b) {
				t.Fatalf("%s, filter %+v: the unfiltered answer differs from the folded one:\n%s", step, f, firstDiffLine(string(a), string(b)))
			}
		}
	}
	check("fixtures")
	stored := map[int]fixture{}
	next := 0
	for round := 0; round < 6; round++ {
		var items []enduse.SaveItem
		for k := 0; k < 50; k++ {
			f := reading(next).build(agency, nil)
			stored[next] = f
			items = append(items, enduse.SaveItem{Document: f.doc, Redacted: f.redacted, Notice: f.notice})
			next++
		}
		w.saveAll(t, items)
		check(fmt.Sprintf("batch %d", round))
		// New readings of stored notices: the same document, another
		// purchase, type, buyer and items.
		for k := 0; k < 8; k++ {
			i := rng.IntN(next)
			old := stored[i]
			f := reading(i).build(agency, nil)
			f.doc = old.doc
			f.redacted = old.redacted
			f.notice.SHA256, f.notice.Source, f.notice.URL = old.doc.SHA256, old.doc.Source, old.doc.URL
			if err := r.ReplaceNotice(ctx, f.doc, f.redacted, f.notice, 0); err != nil {
				t.Fatalf("round %d: replace kept%04d: %v", round, i, err)
			}
			stored[i] = fixture{name: old.name, doc: old.doc, redacted: old.redacted, notice: f.notice}
		}
		check(fmt.Sprintf("replacements %d", round))
	}
	res := w.query(t, enduse.Filter{})
	truncated := 0
	for _, figs := range []map[string]enduse.Figure{res.ByType, res.ByBrand, res.ByBuyer, res.ByMonth} {
		for _, f := range figs {
			if f.IDsTruncated {
				truncated++
			}
		}
	}
	if truncated == 0 {
		t.Error("no figure lists only some of its ids: the test does not reach the id lists' limit")
	}
	if canSwitch && regional < 50 {
		t.Errorf("the provinces' answers count at most %d notices: the test does not exercise them", regional)
	}
}
