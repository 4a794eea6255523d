package storetest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/enduse/enduse"
)

// testReplaceNotice reads notice A1 again with an attachment saved after it
// and a new item (a Cisco switch found in the attachment): the store must
// answer exactly as a store where A1 was saved with that reading from the
// start — counts, brand and organisation profiles, text search — and
// refuse a reading that missed an attachment (ErrChanged) or a document it
// does not hold (ErrNotFound), changing nothing.
func testReplaceNotice(t *testing.T, open func(t *testing.T) enduse.Store) {
	ctx := context.Background()
	w := load(t, open)
	r, ok := w.st.(enduse.NoticeRefresher)
	if !ok {
		t.Fatal("store does not read notices again (enduse.NoticeRefresher)")
	}
	a1 := w.fixture(t, "A1")
	attText := "分项报价表\n核心交换机 思科 C9300-48P 2台\n"
	attRaw := []byte(attText)
	sum := sha256.Sum256(attRaw)
	att := &enduse.Document{SHA256: hex.EncodeToString(sum[:]), Source: "fixtures/A1-附件.txt", MediaType: "text/plain",
		Raw: attRaw, Text: attText, Parent: a1.doc.SHA256}
	cisco := enduse.Resolution{Brand: "Cisco", Company: "Cisco Systems", Country: "US", USLinked: true, Category: "network.switch"}
	second := *a1.notice
	second.Items = append(slices.Clone(second.Items), item("核心交换机", "思科", "C9300-48P", 2, cisco))

	// The reference: the same documents, A1 saved with its second reading.
	ref := open(t)
	t.Cleanup(func() { ref.Close() })
	for _, f := range fixtures() {
		n := f.notice
		if f.name == "A1" {
			n = &second
		}
		if _, err := ref.SaveNotice(ctx, f.doc, f.redacted, n, f.parseErr); err != nil {
			t.Fatal(err)
		}
	}
	for _, st := range []enduse.Store{ref, w.st} {
		if _, err := st.SaveNotice(ctx, att, attText, nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	before := answers(t, w.st)

	if err := r.ReplaceNotice(ctx, a1.doc, a1.redacted, &second, 0); !errors.Is(err, enduse.ErrChanged) {
		t.Errorf("reading without the stored attachment: %v, want ErrChanged", err)
	}
	if got := answers(t, w.st); got != before {
		t.Errorf("a refused replacement changed the answers:\n%s\n→\n%s", before, got)
	}
	unknown := &enduse.Document{Raw: []byte("never stored"), Source: "x.html"}
	stray := *a1.notice
	stray.SHA256 = ""
	if err := r.ReplaceNotice(ctx, unknown, "never stored", &stray, 0); !errors.Is(err, enduse.ErrNotFound) {
		t.Errorf("replacing a document not stored: %v, want ErrNotFound", err)
	}

	if err := r.ReplaceNotice(ctx, a1.doc, a1.redacted, &second, 1); err != nil {
		t.Fatal(err)
	}
	if got, want := answers(t, w.st), answers(t, ref); got != want {
		t.Errorf("after the replacement\n got %s\nwant %s", got, want)
	}
	self, kids, err := r.Family(ctx, a1.doc.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	if self.Notice == nil || len(self.Notice.Items) != len(second.Items) || len(kids) != 1 || kids[0].Document.SHA256 != att.SHA256 ||
		string(kids[0].Document.Raw) != attText {
		t.Errorf("family: notice %v, %d attachments", self.Notice != nil, len(kids))
	}
	if _, _, err := r.Family(ctx, att.SHA256[:60]+"0000"); !errors.Is(err, enduse.ErrNotFound) {
		t.Errorf("family of an unknown document: %v, want ErrNotFound", err)
	}
}

// answers is what a store says about the fixtures, as one comparable text:
// stats, the unfiltered, case-study, brand and text counts, two brand
// profiles and the organisation and brand listings with their counters.
func answers(t *testing.T, st enduse.Store) string {
	t.Helper()
	ctx := context.Background()
	out := ""
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	out += fmt.Sprintf("stats %d/%d/%d/%d %v\n", stats.Documents, stats.Notices, stats.Parsed, stats.Failed, stats.ByType)
	for _, f := range []enduse.Filter{{}, caseStudy(), {Brand: "Cisco"}, {Text: "核心交换机"}, {Text: "交换"}, {Text: "希捷"}, {Text: "思"}} {
		res, err := st.Query(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		out += fmt.Sprintf("query %+v: %d documents, %d notices, quantity %v, %d rows\n", f, res.Documents, res.Notices, res.Quantity, len(res.Rows))
	}
	for _, b := range []string{"Cisco", "Seagate"} {
		p, err := st.BrandProfile(ctx, b)
		if err != nil {
			out += fmt.Sprintf("brand %s: %v\n", b, err)
			continue
		}
		j, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		out += fmt.Sprintf("brand %s: %s\n", b, j)
	}
	orgs, err := st.Orgs(ctx, "", 1000)
	if err != nil {
		t.Fatal(err)
	}
	brands, err := st.Brands(ctx)
	if err != nil {
		t.Fatal(err)
	}
	j, err := json.Marshal([]any{orgs, brands})
	if err != nil {
		t.Fatal(err)
	}
	return out + fmt.Sprintf("listings %s\n", j)
}
