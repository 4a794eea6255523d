package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
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

// TestRetryableBusy: a write refused because another connection holds
// the write lock is worth re-running; a constraint failure is not.
func TestRetryableBusy(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	defer db.Close()
	other, err := sql.Open("sqlite", db.path+"?_pragma=busy_timeout(0)&_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	tx, err := db.write.BeginTx(ctx, nil) // holds the write lock
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	_, busy := other.BeginTx(ctx, nil)
	if busy == nil {
		t.Fatal("a second writer began while the first held the lock")
	}
	if !(dialect{}).Retryable(fmt.Errorf("save: %w", busy)) {
		t.Errorf("Retryable(%v) = false, want true", busy)
	}
	_, constraint := tx.ExecContext(ctx, `INSERT INTO claims (sha256, owner, lease_until) VALUES ('a', 'o', 1), ('a', 'o', 1)`)
	if constraint == nil {
		t.Fatal("duplicate claim inserted")
	}
	if (dialect{}).Retryable(constraint) {
		t.Errorf("Retryable(%v) = true, want false", constraint)
	}
}
