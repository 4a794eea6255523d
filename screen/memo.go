package screen

import (
	"slices"
	"sync"
	"sync/atomic"

	"github.com/enduse/enduse"
)

// memoCap bounds how many names a Screener remembers: a corpus names the
// same buyers, agencies and suppliers again and again (2,692 notices
// screen 5,969 names, 1,410 distinct), and a few tens of thousands of
// entries cover an archive's recurring names in a few megabytes.
const memoCap = 1 << 15

// memo remembers the hits of names screened with the default options.
// Once full it stops adding: the names that recur most are met first.
type memo struct {
	m sync.Map // string → []enduse.Hit
	n atomic.Int64
}

func (m *memo) get(name string) ([]enduse.Hit, bool) {
	v, ok := m.m.Load(name)
	if !ok {
		return nil, false
	}
	return cloneHits(v.([]enduse.Hit)), true
}

// cloneHits copies hits and their listings, so no caller shares them.
func cloneHits(hits []enduse.Hit) []enduse.Hit {
	out := slices.Clone(hits)
	for i := range out {
		out[i].Listings = slices.Clone(out[i].Listings)
	}
	return out
}

func (m *memo) put(name string, hits []enduse.Hit) {
	if m.n.Load() >= memoCap {
		return
	}
	if _, loaded := m.m.LoadOrStore(name, cloneHits(hits)); !loaded {
		m.n.Add(1)
	}
}
