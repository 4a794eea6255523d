package sqlite

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/storeutil"
)

// TestRawPacked: an HTML document is stored packed (about a seventh of
// its bytes) and read back byte for byte; stored bytes damaged on disk
// are refused with an error naming the document, never returned.
func TestRawPacked(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "raw.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	html := []byte("<html><body>" + strings.Repeat("<tr><td>网络硬盘录像机</td><td>海康威视 DS-7816N</td><td>2台</td></tr>", 300) + "</body></html>")
	sum := sha256.Sum256(html)
	sha := hex.EncodeToString(sum[:])
	d := &enduse.Document{SHA256: sha, Source: "list.html", MediaType: "text/html", Raw: html}
	if _, err := db.SaveNotices(ctx, []enduse.SaveItem{{Document: d, ParseErr: errors.New("no notice in it")}}); err != nil {
		t.Fatal(err)
	}
	var codec string
	var stored int
	if err := db.read.QueryRow(`SELECT raw_codec, length(raw) FROM documents WHERE sha256 = ?`, sha).Scan(&codec, &stored); err != nil {
		t.Fatal(err)
	}
	if codec != storeutil.RawZstd || stored > len(html)/5 {
		t.Errorf("stored %d of %d bytes as %q; want them packed", stored, len(html), codec)
	}
	raw, _, err := db.Raw(ctx, sha)
	if err != nil || !bytes.Equal(raw, html) {
		t.Fatalf("Raw = %d bytes, %v; want the %d original bytes", len(raw), err, len(html))
	}
	if _, err := db.write.Exec(`UPDATE documents SET raw = substr(raw, 1, length(raw) / 2) WHERE sha256 = ?`, sha); err != nil {
		t.Fatal(err)
	}
	if raw, _, err := db.Raw(ctx, sha); err == nil || !strings.Contains(err.Error(), sha) {
		t.Errorf("damaged: Raw = %d bytes, %v; want an error naming the document", len(raw), err)
	}
}
