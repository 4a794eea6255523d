package storetest

import (
	"context"
	"errors"
	"testing"

	"github.com/enduse/enduse"
)

// testPathways: the pathway of each mention and item is stored, filters
// (Filter.Pathway) and is counted (Result.ByPathway); the route with its
// path round-trips in the stored notice; an unknown pathway is invalid.
func testPathways(t *testing.T, open func(t *testing.T) enduse.Store) {
	ctx := context.Background()
	st := open(t)
	defer st.Close()
	buyer := enduse.Org{Name: "天津市公安局刑事侦查局", Key: "天津市公安局刑事侦查局", Sector: enduse.SectorPublicSecurity,
		Region: &enduse.Region{Code: "120000"}}
	route := func(p enduse.Pathway, path ...string) *enduse.Route {
		return &enduse.Route{Pathway: p, Supplier: "某供应商", Path: path, AsOf: "2019-05-20", Basis: enduse.BasisKB}
	}
	rapid := enduse.Resolution{Brand: "RapidHIT", Company: "IntegenX", Country: "US", USLinked: true, Category: "dna.rapid",
		Route: route(enduse.PathwayDistributor, "Beijing Ryan Wende Science and Technology (CN)", "distributor of IntegenX (US), since 2015")}
	h3c := enduse.Resolution{Brand: "H3C", Company: "New H3C Technologies", Country: "CN", USLinked: true, Category: "network.switch",
		Route: route(enduse.PathwayJointVenture, "New H3C Technologies (CN)", "joint venture of Hewlett Packard Enterprise (US), 49% from 2016-05 to 2024-09")}
	ids := map[string]string{}
	for _, s := range []struct {
		name, title, body string
		res               map[string]enduse.Resolution
		items             []enduse.Item
	}{
		{"pwa", "快速DNA检测仪采购项目中标公告", "RapidHIT ID 一台", map[string]enduse.Resolution{"RapidHIT": rapid}, nil},
		{"pwb", "核心交换机采购项目中标公告", "H3C 交换机两台", map[string]enduse.Resolution{"H3C": h3c},
			[]enduse.Item{item("核心交换机", "H3C", "S12508", 2, h3c)}},
		{"pwc", "办公桌椅采购项目中标公告", "桌椅一批", nil, nil},
	} {
		var ms []string
		for m := range s.res {
			ms = append(ms, m)
		}
		f := spec{name: s.name, title: s.title, typ: string(enduse.TypeAward), published: "2019-05-20",
			code: "PW-" + s.name, buyer: &buyer, body: s.body, mentions: ms, items: s.items}.build(enduse.Org{}, s.res)
		if _, err := st.SaveNotice(ctx, f.doc, f.redacted, f.notice, nil); err != nil {
			t.Fatalf("save %s: %v", s.name, err)
		}
		ids[f.doc.SHA256] = s.name
	}
	names := func(fig enduse.Figure) []string {
		var out []string
		for _, id := range fig.IDs {
			out = append(out, ids[id])
		}
		return out
	}
	all, err := st.Query(ctx, enduse.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if got := names(all.ByPathway[string(enduse.PathwayDistributor)]); len(got) != 1 || got[0] != "pwa" {
		t.Errorf("by pathway distributor = %v, want [pwa] (all: %+v)", got, all.ByPathway)
	}
	if got := all.ByPathway[string(enduse.PathwayJointVenture)]; got.Notices != 1 || got.Quantity != 2 {
		t.Errorf("by pathway joint_venture = %+v, want 1 notice, 2 items", got)
	}
	if len(all.ByPathway) != 2 {
		t.Errorf("by pathway = %+v, want two pathways (pwc has none)", all.ByPathway)
	}
	jv, err := st.Query(ctx, enduse.Filter{Pathway: enduse.PathwayJointVenture})
	if err != nil {
		t.Fatal(err)
	}
	if jv.Notices != 1 || len(jv.Rows) != 1 || ids[jv.Rows[0].ID] != "pwb" || jv.Quantity != 2 {
		t.Errorf("--pathway joint_venture: %d notices, quantity %v, rows %+v; want pwb with 2 items", jv.Notices, jv.Quantity, jv.Rows)
	}
	none, err := st.Query(ctx, enduse.Filter{Pathway: enduse.PathwayAcquired})
	if err != nil {
		t.Fatal(err)
	}
	if none.Notices != 0 {
		t.Errorf("--pathway acquired: %d notices, want 0", none.Notices)
	}
	if _, err := st.Query(ctx, enduse.Filter{Pathway: "smuggled"}); !errors.Is(err, enduse.ErrInvalid) {
		t.Errorf("unknown pathway: err = %v, want ErrInvalid", err)
	}
	for id, name := range ids {
		if name != "pwa" {
			continue
		}
		sn, err := st.Notice(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(sn.Mentions) != 1 || sn.Mentions[0].Route == nil || sn.Mentions[0].Route.Pathway != enduse.PathwayDistributor ||
			len(sn.Mentions[0].Route.Path) != 2 {
			t.Errorf("stored mentions = %+v, want the distributor route with its path", sn.Mentions)
		}
	}
}
