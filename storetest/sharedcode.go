package storetest

import (
	"context"
	"testing"

	"github.com/enduse/enduse"
)

// testSharedCode: an agency that reuses one commission code for two
// procurements of one buyer (NBGZ2024ZBDL011-27 in Ningbo: escalator
// maintenance and UPS batteries) publishes two announcements, while a
// re-issue of one procurement ("（重发）") stays one purchase.
func testSharedCode(t *testing.T, open func(t *testing.T) enduse.Store) {
	ctx := context.Background()
	st := open(t)
	defer st.Close()
	buyer := enduse.Org{Name: "宁波市五一投资有限公司", Key: "宁波市五一投资有限公司", Sector: enduse.SectorEnterprise, Region: &enduse.Region{Code: "330200"}}
	for i, s := range []struct{ title, project, code, published string }{
		{"五一广场、市总工会电扶梯年度维保项目采购公告", "五一广场、市总工会电扶梯年度维保项目", "NBGZ2024ZBDL011-27", "2025-11-12"},
		{"五一广场UPS系统蓄电池更换项目招标公告", "五一广场UPS系统蓄电池更换项目", "NBGZ2024ZBDL011-27", "2025-12-03"},
		{"2025年度五一广场智能化维护保养项目采购公告", "2025年度五一广场智能化维护保养项目", "NBGZ2024ZBDL011-25", "2025-11-11"},
		{"2025年度五一广场智能化维护保养项目（重发）招标公告", "2025年度五一广场智能化维护保养项目（重发）", "NBGZ2024ZBDL011-25", "2025-12-02"},
	} {
		f := spec{name: "shared" + string(rune('a'+i)), title: s.title, typ: string(enduse.TypeTender),
			published: s.published, code: s.code, buyer: &buyer, body: s.project}.build(enduse.Org{}, nil)
		f.notice.ProjectName = s.project
		if _, err := st.SaveNotice(ctx, f.doc, f.redacted, f.notice, nil); err != nil {
			t.Fatal(err)
		}
	}
	res, err := st.Query(ctx, enduse.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	// Escalators, UPS batteries, and the smart-building maintenance with its re-issue.
	if res.Documents != 4 || res.Notices != 3 {
		t.Errorf("documents %d notices %d, want 4 and 3 (two procurements under NBGZ2024ZBDL011-27 stay apart; the re-issue of -25 joins)", res.Documents, res.Notices)
	}
}
