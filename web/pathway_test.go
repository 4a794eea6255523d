package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/enduse/enduse"
)

// TestPathwayPages: a notice whose mentions carry routes and rights
// renders them; the home page counts by pathway and its bars narrow the
// filter; an unknown pathway is a 400.
func TestPathwayPages(t *testing.T) {
	s, _ := testServer(t, nil)
	ctx := context.Background()
	st := s.cfg.Store.(interface {
		SaveNotice(context.Context, *enduse.Document, string, *enduse.Notice, error) (enduse.IngestOutcome, error)
	})
	f := fixtures()[0]
	d, red, n := f.build()
	d.Raw = append(d.Raw, []byte("<!-- routed copy -->")...)
	sum := sha256.Sum256(d.Raw)
	d.SHA256 = hex.EncodeToString(sum[:])
	n.SHA256 = d.SHA256
	for i := range n.Mentions {
		n.Mentions[i].Route = &enduse.Route{Pathway: enduse.PathwayDistributor, Supplier: "北京某某数据科技有限公司",
			Path:  []string{"北京某某数据科技有限公司 (supplier, not in the knowledge base)", "distributor of Seagate Technology (US), since 2022-01-01"},
			Basis: enduse.BasisNotice, AsOf: "2022-03-01"}
		n.Mentions[i].USLinkNote = "as of the notice's date"
	}
	n.Rights = []enduse.StatedLink{{Org: "北京某某数据科技有限公司", Brand: "Seagate", Phrase: "中国区总代理",
		Link: enduse.Link{From: "北京某某数据科技有限公司", Type: enduse.LinkDistributorOf, To: "seagate", Basis: enduse.BasisNotice,
			Sources: []string{"notice " + d.SHA256}}, Evidence: enduse.Evidence{Start: 0, End: 4, Text: "采购项目"}}}
	if _, err := st.SaveNotice(ctx, d, red, n, nil); err != nil {
		t.Fatal(err)
	}
	w := get(t, s.Handler(), "GET", "/notices/"+d.SHA256, nil)
	body := w.Body.String()
	if w.Code != 200 || !strings.Contains(body, `<span class="tag">distributor</span>`) ||
		!strings.Contains(body, "distributor of Seagate Technology (US), since 2022-01-01") ||
		!strings.Contains(body, "(stated by this notice)") || !strings.Contains(body, "Distribution rights stated in this notice") {
		t.Fatalf("notice page %d lacks the route or rights:\n%s", w.Code, body)
	}
	w = get(t, s.Handler(), "GET", "/", nil)
	if w.Code != 200 || !strings.Contains(w.Body.String(), "Distributor or agent") || !strings.Contains(w.Body.String(), "pathway=distributor") {
		t.Errorf("home page %d lacks the pathway bars", w.Code)
	}
	w = get(t, s.Handler(), "GET", "/api/v1/query?pathway=distributor", nil)
	if w.Code != 200 || !strings.Contains(w.Body.String(), `"by_pathway"`) || !strings.Contains(w.Body.String(), d.SHA256) {
		t.Errorf("API query by pathway: %d %s", w.Code, w.Body.String())
	}
	if w := get(t, s.Handler(), "GET", "/api/v1/query?pathway=smuggled", nil); w.Code != 400 {
		t.Errorf("unknown pathway: %d, want 400", w.Code)
	}
}
