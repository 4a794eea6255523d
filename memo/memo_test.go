package memo

import (
	"fmt"
	"slices"
	"sync"
	"testing"
)

// TestMemo: values come back as copies, the bound holds, a nil memo
// remembers nothing, and concurrent use computes each key's value as f
// would.
func TestMemo(t *testing.T) {
	m := New(3, slices.Clone[[]int])
	calls := 0
	f := func(k int) func() []int { return func() []int { calls++; return []int{k, k} } }
	got := m.Do("a", f(1))
	got[0] = 99 // the caller's copy
	if again := m.Do("a", f(2)); !slices.Equal(again, []int{1, 1}) || calls != 1 {
		t.Fatalf("Do again = %v after %d calls, want [1 1] after 1", again, calls)
	}
	m.Do("b", f(2))
	m.Do("c", f(3))
	m.Do("d", f(4)) // over the bound: computed, not remembered
	if _, ok := m.Get("d"); ok {
		t.Error("a full memo remembered another key")
	}
	if v, ok := m.Get("c"); !ok || !slices.Equal(v, []int{3, 3}) {
		t.Errorf("Get(c) = %v, %v", v, ok)
	}
	var none *Memo[int]
	if v := none.Do("x", func() int { return 7 }); v != 7 {
		t.Errorf("nil memo Do = %d", v)
	}
	if _, ok := none.Get("x"); ok {
		t.Error("nil memo remembered")
	}

	big := New[string](1000, nil)
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 2000; i++ {
				k := fmt.Sprint(i % 1500)
				if v := big.Do(k, func() string { return "v" + k }); v != "v"+k {
					t.Errorf("Do(%s) = %s", k, v)
					return
				}
			}
		}()
	}
	wg.Wait()
	// Racing Puts may each pass the bound check once: at most one extra
	// value per goroutine.
	if n := big.n.Load(); n < 1000 || n > 1000+8 {
		t.Errorf("memo holds %d values, want its bound 1000 (+8 racing)", n)
	}
}
