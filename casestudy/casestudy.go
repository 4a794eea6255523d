// Package casestudy is a constructed test corpus modelled on the Xinjiang
// case of the seed report (public-security bodies in Xinjiang buying
// Seagate drives, Jan–May 2022), with its answer known by construction.
//
// Every notice in corpus/ is invented — constructed: true is stated in each
// file — in the shape of ccgp.gov.cn and provincial award, contract,
// tender, correction, candidate, single-source and termination notices:
// in- and out-of-scope buyers (Xinjiang public security at every level,
// Xinjiang hospitals, a school, a court, a procuratorate, an XPCC prison, a
// Gansu bureau), dates on both sides of the range, re-publications under a
// different site wrapper, award and contract notices of one purchase,
// brands written many ways and bare model numbers, and brands named only
// as a specification. truth.json states the expected answer of the
// case-study filter. The package's tests ingest the corpus through the
// real pipeline into a temporary SQLite store and check that the query and
// the report reproduce the truth exactly; other packages can use Corpus
// and LoadTruth for their own end-to-end tests and benchmarks.
package casestudy

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/document"
	"github.com/enduse/enduse/ingest"
)

//go:embed corpus/*.html truth.json
var files embed.FS

// Corpus returns the constructed notices (*.html at its root).
func Corpus() fs.FS {
	sub, err := fs.Sub(files, "corpus")
	if err != nil {
		// fs.Sub fails only on an invalid path; "corpus" is a constant.
		panic(err)
	}
	return sub
}

// Count is a number of unique announcements and the drives they bought.
type Count struct {
	Notices  int     `json:"notices"`
	Quantity float64 `json:"quantity,omitempty"`
}

// Truth is the expected answer of the case-study filter, derived from how
// the corpus was constructed, not from any enduse output.
type Truth struct {
	Constructed bool          `json:"constructed"`
	Note        string        `json:"note"`
	Filter      enduse.Filter `json:"filter"`
	// Notices is the unique announcements (re-publications once, award and
	// contract of one purchase twice); Documents counts every file.
	Notices   int `json:"notices"`
	Documents int `json:"documents"`
	Buyers    int `json:"buyers"`
	// BuyerNames are the distinct buyers as written.
	BuyerNames []string `json:"buyer_names"`
	// Quantity is the Seagate drives bought, each purchase once.
	Quantity      float64          `json:"quantity"`
	ByProductLine map[string]Count `json:"by_product_line"` // Seagate product lines
	ByType        map[string]Count `json:"by_type"`
	// CoMentions are the other brands named in the matched announcements.
	CoMentions map[string]Count `json:"co_mentions"`
	// Files are the corpus files that match (every document), and Groups
	// the files that are one announcement.
	Files  []string   `json:"files"`
	Groups [][]string `json:"groups"`
	// Personal is personal data written into the notices (contacts, phones,
	// experts' names); no report may contain any of it.
	Personal []string `json:"personal"`
}

// LoadTruth reads the expected answer.
func LoadTruth() (*Truth, error) {
	b, err := files.ReadFile("truth.json")
	if err != nil {
		return nil, fmt.Errorf("read truth.json: %w", err)
	}
	var t Truth
	if err := json.Unmarshal(b, &t); err != nil {
		return nil, fmt.Errorf("parse truth.json: %w", err)
	}
	if !t.Constructed {
		return nil, fmt.Errorf("truth.json: not marked constructed")
	}
	return &t, nil
}

// Source yields the corpus's documents, decoded, for ingest.Run. Each
// document's Source is "casestudy/corpus/NAME.html", so stored paths are
// the same on every machine.
func Source() ingest.Source {
	return func(fn func(*enduse.Document, error) error) error {
		names, err := fs.Glob(files, "corpus/*.html")
		if err != nil {
			return fmt.Errorf("list corpus: %w", err)
		}
		for _, name := range names {
			raw, err := files.ReadFile(name)
			var d *enduse.Document
			if err == nil {
				d, err = document.Parse(raw, path.Join("casestudy", name), document.Options{})
			}
			if err != nil {
				err = fmt.Errorf("read %s: %w", name, err)
			}
			if err := fn(d, err); err != nil {
				return err
			}
		}
		return nil
	}
}
