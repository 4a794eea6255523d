package document

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/enduse/enduse"
)

// cancelAfter is a context that reports itself cancelled after its Err
// method has been called n times: a deterministic way to cancel a parse
// part-way through.
type cancelAfter struct {
	context.Context
	n atomic.Int64
}

func newCancelAfter(n int64) *cancelAfter {
	c := &cancelAfter{Context: context.Background()}
	c.n.Store(n)
	return c
}

func (c *cancelAfter) Err() error {
	if c.n.Add(-1) < 0 {
		return context.Canceled
	}
	return nil
}

func (c *cancelAfter) Deadline() (time.Time, bool) { return time.Time{}, false }

// TestParseStopsWhenCancelled cancels parses of large inputs part-way:
// each must end with the context's error instead of running to the end.
func TestParseStopsWhenCancelled(t *testing.T) {
	rows := strings.Repeat("<tr><td>监控硬盘</td><td>希捷</td><td>4</td></tr>\n", 10000)
	rtf := `{\rtf1\ansi ` + strings.Repeat(`x\cell `, 3) + strings.Repeat(`\par 采购 `, 100000) + `}`
	for _, tc := range []struct {
		name string
		raw  string
	}{
		{"table.html", "<html><body><table>" + rows + "</table></body></html>"},
		{"long.rtf", rtf},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseContext(newCancelAfter(1), []byte(tc.raw), tc.name, Options{})
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("err = %v, want context.Canceled", err)
			}
			// the same input parses whole without cancellation
			if _, err := ParseContext(context.Background(), []byte(tc.raw), tc.name, Options{}); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestReadRecordsStopsWhenCancelled cancels a long export part-way.
func TestReadRecordsStopsWhenCancelled(t *testing.T) {
	export := strings.Repeat(`{"title":"采购公告","html":"<p>监控</p>"}`+"\n", 1000)
	n := 0
	err := ReadRecordsContext(newCancelAfter(10), strings.NewReader(export), "e.jsonl", nil, Budget{}, func(d *enduse.Document, err error) error {
		n++
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v after %d records, want context.Canceled", err, n)
	}
	if n >= 1000 {
		t.Errorf("read all %d records despite cancellation", n)
	}
}
