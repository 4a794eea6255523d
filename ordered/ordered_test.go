package ordered

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"
)

// count yields 0..n-1.
func count(n int) func(func(int) error) error {
	return func(yield func(int) error) error {
		for i := 0; i < n; i++ {
			if err := yield(i); err != nil {
				return err
			}
		}
		return nil
	}
}

func TestMapKeepsInputOrder(t *testing.T) {
	for _, tc := range []struct {
		name    string
		workers int
		n       int
	}{
		{"one worker", 1, 50},
		{"two workers", 2, 200},
		{"more workers than inputs", 16, 5},
		{"default workers", 0, 100},
		{"no input", 4, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			// Later inputs finish first, so only the ordering logic can
			// put them back in place.
			work := func(i int) string {
				time.Sleep(time.Duration((tc.n-i)%7) * 100 * time.Microsecond)
				return fmt.Sprint(i * i)
			}
			err := Map(context.Background(), tc.workers, count(tc.n), work, func(s string) error {
				got = append(got, s)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tc.n {
				t.Fatalf("got %d results, want %d", len(got), tc.n)
			}
			for i, s := range got {
				if s != fmt.Sprint(i*i) {
					t.Fatalf("result %d = %s, want %d", i, s, i*i)
				}
			}
		})
	}
}

func TestMapStopsOnEmitError(t *testing.T) {
	stop := errors.New("disk full")
	for _, workers := range []int{1, 3} {
		var emitted int
		err := Map(context.Background(), workers, count(1000), func(i int) int { return i }, func(i int) error {
			if i == 10 {
				return stop
			}
			emitted++
			return nil
		})
		if !errors.Is(err, stop) {
			t.Errorf("%d workers: err = %v, want %v", workers, err, stop)
		}
		if emitted != 10 {
			t.Errorf("%d workers: emitted %d results, want the 10 before the failure", workers, emitted)
		}
	}
}

func TestMapStopsOnCancel(t *testing.T) {
	for _, workers := range []int{1, 2} {
		ctx, cancel := context.WithCancel(context.Background())
		var emitted int
		err := Map(ctx, workers, count(1_000_000), func(i int) int { return i }, func(i int) error {
			emitted++
			if i == 5 {
				cancel()
			}
			return nil
		})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%d workers: err = %v, want context.Canceled", workers, err)
		}
		if emitted > 100 {
			t.Errorf("%d workers: %d results emitted after cancellation", workers, emitted)
		}
		cancel()
	}
}

func TestMapReturnsProduceError(t *testing.T) {
	bad := errors.New("unreadable folder")
	produce := func(yield func(int) error) error {
		if err := yield(1); err != nil {
			return err
		}
		return bad
	}
	var got []int
	err := Map(context.Background(), 2, produce, func(i int) int { return i }, func(i int) error {
		got = append(got, i)
		return nil
	})
	if !errors.Is(err, bad) || len(got) != 1 {
		t.Fatalf("err = %v, results %v; want %v after the one result", err, got, bad)
	}
}

func BenchmarkMap(b *testing.B) {
	for b.Loop() {
		Map(context.Background(), 0, count(1000), func(i int) int { return i }, func(int) error { return nil })
	}
}

// TestEach checks that Each calls f once for every index, whatever the
// number of workers (more workers than indexes, none, one per CPU).
func TestEach(t *testing.T) {
	for _, tc := range []struct{ workers, n int }{{0, 0}, {0, 1}, {1, 7}, {3, 2}, {4, 1000}, {0, 1000}} {
		calls := make([]int32, tc.n)
		Each(tc.workers, tc.n, func(i int) { atomic.AddInt32(&calls[i], 1) })
		for i, c := range calls {
			if c != 1 {
				t.Fatalf("workers %d n %d: index %d called %d times", tc.workers, tc.n, i, c)
			}
		}
	}
}
