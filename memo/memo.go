// Package memo holds Memo, a bounded, concurrent memory of a pure
// function's results by key. The pipeline's per-name stages (screening,
// organisation analysis) meet the same buyers, agencies and suppliers in
// notice after notice: 2,692 real notices name 5,969 organisations, 1,410
// of them distinct.
package memo

import (
	"sync"
	"sync/atomic"
)

// Memo remembers up to a fixed number of values (racing Puts may add one
// each past it); once full it stops adding (the keys that recur most are
// met first, and a bound keeps a long run's memory flat). Values go in and
// come out through clone, so no caller shares one with another. A nil
// *Memo remembers nothing. Safe for concurrent use.
type Memo[V any] struct {
	m     sync.Map // string → V
	n     atomic.Int64
	max   int64
	clone func(V) V
}

// New returns a memo of at most max values; clone copies a value (nil
// for values that share nothing mutable).
func New[V any](max int, clone func(V) V) *Memo[V] {
	if clone == nil {
		clone = func(v V) V { return v }
	}
	return &Memo[V]{max: int64(max), clone: clone}
}

// Get returns a copy of the value remembered for key.
func (m *Memo[V]) Get(key string) (V, bool) {
	var zero V
	if m == nil {
		return zero, false
	}
	v, ok := m.m.Load(key)
	if !ok {
		return zero, false
	}
	return m.clone(v.(V)), true
}

// Put remembers a copy of v for key, unless the memo is full or already
// holds key.
func (m *Memo[V]) Put(key string, v V) {
	if m == nil || m.n.Load() >= m.max {
		return
	}
	if _, loaded := m.m.LoadOrStore(key, m.clone(v)); !loaded {
		m.n.Add(1)
	}
}

// Do returns the value remembered for key, else f's, remembering it.
func (m *Memo[V]) Do(key string, f func() V) V {
	if v, ok := m.Get(key); ok {
		return v
	}
	v := f()
	m.Put(key, v)
	return v
}
