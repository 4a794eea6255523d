package screen

import (
	"github.com/enduse/enduse/org"
)

// NewScreener builds a Screener over l. The analyzer a supplies the
// English rendering of place names (Urumqi for 乌鲁木齐) and canonical
// Chinese names; with a nil analyzer places are compared through their
// pinyin only. aliases, when not nil, returns the names a knowledge base
// knows for a company (e.g. kb.FindCompany), used both for list entries
// and for screened names. If the embedded glossary or region table cannot
// be read the Screener reports it through Err and screens with what it has.
func NewScreener(l *Lists, a *org.Analyzer, aliases func(string) []string) *Screener {
	english, canon, tab, terr := analyzerParts(a)
	s, err := newScreener(l, tab, english, canon, aliases)
	if err != nil {
		return &Screener{err: err, l: &Lists{}}
	}
	s.err = terr
	return s
}

// Err reports a problem met while building the Screener (nil when it has
// all its data).
func (s *Screener) Err() error { return s.err }
