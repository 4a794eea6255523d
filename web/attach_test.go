package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/enduse/enduse"
)

// TestNoticeAttachments: a notice page lists its attachments with their
// item counts, items read from an attachment say so, and an attachment's
// original is served through its notice only.
func TestNoticeAttachments(t *testing.T) {
	const token = "s3cret-raw-token-0123"
	s, _ := testServer(t, func(c *Config) { c.Token, c.ServeRaw = token, true })
	ctx := context.Background()
	sum := func(b []byte) string { h := sha256.Sum256(b); return hex.EncodeToString(h[:]) }

	childRaw := []byte("%PDF-1.4 equipment list")
	child := &enduse.Document{SHA256: sum(childRaw), Source: "n.zip!设备清单.pdf", MediaType: "application/pdf", Raw: childRaw,
		Text: "监控硬盘\t希捷\tST8000VX004\t80"}
	pageRaw := []byte("<html><body>某公安局监控设备采购公告</body></html>")
	text := "某公安局监控设备采购公告\n附件：设备清单.pdf\n" + child.Text
	page := &enduse.Document{SHA256: sum(pageRaw), Source: "n.zip!公告.html", MediaType: "text/html", Raw: pageRaw, Text: text}
	child.Parent = page.SHA256
	start := strings.Index(text, "监控硬盘")
	startR := len([]rune(text[:start]))
	n := &enduse.Notice{Schema: 1, SHA256: page.SHA256, Source: page.Source, Type: enduse.TypeTender, Title: "某公安局监控设备采购公告",
		Items: []enduse.Item{{Name: "监控硬盘", Brand: "希捷", Model: "ST8000VX004", Quantity: 80,
			Evidence: &enduse.Evidence{Start: startR, End: len([]rune(text)), Doc: child.SHA256, File: child.Source, OCR: true}}},
		Attachments: []enduse.Attachment{{SHA256: child.SHA256, Source: child.Source, MediaType: child.MediaType,
			Start: 13, End: len([]rune(text)), Items: 1, OCR: true}}}
	if _, err := s.cfg.Store.(enduse.DocumentStore).SaveNotice(ctx, child, child.Text, nil, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.cfg.Store.(enduse.DocumentStore).SaveNotice(ctx, page, text, n, nil); err != nil {
		t.Fatal(err)
	}
	bearer := map[string]string{"Authorization": "Bearer " + token}
	w := get(t, s.Handler(), "GET", "/notices/"+page.SHA256, bearer)
	body := w.Body.String()
	if w.Code != 200 {
		t.Fatalf("notice page: %d %s", w.Code, body)
	}
	for _, want := range []string{"Attachments 附件", "n.zip!设备清单.pdf", "from attachment", "OCR text: lower confidence",
		"?attachment=" + child.SHA256} {
		if !strings.Contains(body, want) {
			t.Errorf("notice page lacks %q", want)
		}
	}
	raw := "/api/v1/notices/" + page.SHA256 + "/raw?attachment="
	if w := get(t, s.Handler(), "GET", raw+child.SHA256, bearer); w.Code != 200 || w.Body.String() != string(childRaw) {
		t.Errorf("attachment original: %d %q", w.Code, w.Body.String())
	}
	if w := get(t, s.Handler(), "GET", raw+strings.Repeat("0", 64), bearer); w.Code != 404 {
		t.Errorf("unlisted attachment: status %d, want 404", w.Code)
	}
}
