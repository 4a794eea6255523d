package sqlite

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"github.com/enduse/enduse"
)

// TestCheckpointer: a commit asks the checkpointer, not the writer, to
// copy the log into the database, and Close stops it.
func TestCheckpointer(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	before := db.ckpt.runs.Load() // migrations commit outside the store's transactions
	raw := []byte("<html><title>某县公安局监控设备采购中标公告</title>" + strings.Repeat("<p>硬盘 希捷 ST8000VX004 10块</p>", 200) + "</html>")
	sum := sha256.Sum256(raw)
	d := &enduse.Document{SHA256: hex.EncodeToString(sum[:]), Raw: raw, Source: "t.html"}
	n := &enduse.Notice{Type: enduse.TypeAward, Title: "某县公安局监控设备采购中标公告"}
	if _, err := db.SaveNotice(ctx, d, "某县公安局监控设备采购中标公告", n, nil); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for db.ckpt.runs.Load() == before {
		if time.Now().After(deadline) {
			t.Fatal("no checkpoint 30 s after a commit")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatalf("second close: %v", err)
	}
}
