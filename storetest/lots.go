package storetest

import (
	"context"
	"testing"

	"github.com/enduse/enduse"
)

// testGroupLots: lots of one project awarded separately are different
// announcements of one purchase; a re-publication of a lot is not.
func testGroupLots(t *testing.T, open func(t *testing.T) enduse.Store) {
	ctx := context.Background()
	st := open(t)
	defer st.Close()
	buyer := enduse.Org{Name: "喀什地区公安局", Key: "喀什地区公安局", Sector: enduse.SectorPublicSecurity, Region: &enduse.Region{Code: "653100"}}
	for i, s := range []struct {
		title, wrapper string
		amount         float64
	}{
		{"第1包中标公告", "", 1000},
		{"第1包中标公告", "<p>转载自：政府采购网</p>", 1000}, // the same lot, re-published
		{"第2包中标公告", "", 2500},
	} {
		f := spec{name: "lot" + string(rune('a'+i)), wrapper: s.wrapper, title: s.title, typ: string(enduse.TypeAward),
			published: "2022-04-01", code: "KS-2022-7", buyer: &buyer, award: s.amount, body: "硬盘 10块",
			items: []enduse.Item{{Name: "硬盘", Quantity: 10}}}.build(enduse.Org{}, nil)
		if _, err := st.SaveNotice(ctx, f.doc, f.redacted, f.notice, nil); err != nil {
			t.Fatal(err)
		}
	}
	res, err := st.Query(ctx, enduse.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Documents != 3 || res.Notices != 2 {
		t.Errorf("documents %d notices %d, want 3 and 2", res.Documents, res.Notices)
	}
	// Two lots of 10 disks; the re-publication of lot 1 counts once.
	if res.Quantity != 20 || res.Amount != 3500 {
		t.Errorf("quantity %v amount %v, want 20 and 3500", res.Quantity, res.Amount)
	}
}
