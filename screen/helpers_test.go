package screen

import (
	"sync"
	"testing"

	"github.com/enduse/enduse/org"
	"github.com/enduse/enduse/region"
)

// sharedScreener is built once for the tests that screen against the
// default bundle (building takes a few hundred milliseconds).
var sharedScreener = sync.OnceValues(func() (*Screener, error) {
	l, err := Default()
	if err != nil {
		return nil, err
	}
	a, err := sharedAnalyzer()
	if err != nil {
		return nil, err
	}
	s := NewScreener(l, a, nil)
	return s, s.Err()
})

func testScreener(t testing.TB) *Screener {
	t.Helper()
	s, err := sharedScreener()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// sharedAnalyzer is the org analyzer over the embedded region table.
var sharedAnalyzer = sync.OnceValues(func() (*org.Analyzer, error) {
	tab, err := region.Load()
	if err != nil {
		return nil, err
	}
	return org.NewAnalyzer(tab)
})

// screenerFor builds a Screener over l with the shared analyzer.
func screenerFor(t testing.TB, l *Lists, aliases func(string) []string) *Screener {
	t.Helper()
	a, err := sharedAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	s := NewScreener(l, a, aliases)
	if s.Err() != nil {
		t.Fatal(s.Err())
	}
	return s
}
