package screen

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/enduse/enduse"
)

// readCSL reads a trade.gov Consolidated Screening List CSV, in the old
// layout (source, entity_number, …) or the v1 layout with a leading _id.
// Each row keeps its source list (e.g. "Entity List (EL) - Bureau of
// Industry and Security") as ListEntry.List.
func readCSL(data []byte, label string) (*Lists, error) {
	t, err := readCSVTable(data, label, ',')
	if err != nil {
		return nil, err
	}
	version := versionFromPath(label)
	latest := ""
	var entries []enduse.ListEntry
	for i := range t.rows {
		name := strings.TrimSpace(t.get(i, "name"))
		if name == "" {
			return nil, fmt.Errorf("read list %s: line %d: row has no name", label, t.lines[i])
		}
		id := t.get(i, "entity_number", "_id")
		if id == "" {
			id = "row" + strconv.Itoa(i+1)
		}
		e := enduse.ListEntry{
			List:      t.get(i, "source"),
			ID:        id,
			Name:      name,
			Type:      strings.ToLower(t.get(i, "type")),
			Aliases:   dedupe(name, splitList(t.get(i, "alt_names"))),
			Address:   t.get(i, "addresses"),
			Programs:  splitList(t.get(i, "programs")),
			Citation:  t.get(i, "federal_register_notice"),
			Date:      normDate(t.get(i, "start_date")),
			SourceURL: t.get(i, "source_information_url", "source_list_url"),
		}
		if e.List == "" {
			e.List = "Consolidated Screening List"
		}
		e.Country = addressCountry(e.Address)
		latest = maxDate(latest, e.Date)
		entries = append(entries, e)
	}
	if version == "" {
		version = latest
	}
	info := ListInfo{Name: "Consolidated Screening List", Version: version, Source: label, Format: "csl-csv"}
	return single(info, entries), nil
}

var isoTail = regexp.MustCompile(`,\s*([A-Z]{2})\s*$`)

// addressCountry returns the ISO country code that ends a CSL address
// ("…, Yerevan, Armenia, AM" → "AM").
func addressCountry(addr string) string {
	first, _, _ := strings.Cut(addr, ";")
	if m := isoTail.FindStringSubmatch(first); m != nil {
		return m[1]
	}
	return ""
}

// readDPL reads the BIS Denied Persons List (dpl.txt): tab-separated quoted
// fields with a header row Name, Street_Address, City, State, Country,
// Postal_Code, Effective_Date, Expiration_Date, Standard_Order,
// Last_Update, Action, FR_Citation.
func readDPL(data []byte, label, version string) (*Lists, error) {
	t, err := readCSVTable(data, label, '\t')
	if err != nil {
		return nil, err
	}
	if !t.has("name") || !t.has("effective_date") {
		return nil, fmt.Errorf("read list %s: line 1: not a Denied Persons List header (want Name … Effective_Date)", label)
	}
	latest := ""
	var entries []enduse.ListEntry
	for i := range t.rows {
		name := t.get(i, "name")
		if name == "" {
			return nil, fmt.Errorf("read list %s: line %d: row has no name", label, t.lines[i])
		}
		e := enduse.ListEntry{
			List:     "BIS Denied Persons List",
			ID:       "DPL-" + strconv.Itoa(i+1),
			Name:     name,
			Country:  t.get(i, "country"),
			Address:  joinNonEmpty(", ", t.get(i, "street_address"), t.get(i, "city"), t.get(i, "state"), t.get(i, "postal_code"), t.get(i, "country")),
			Citation: t.get(i, "fr_citation"),
			Date:     normDate(t.get(i, "effective_date")),
		}
		latest = maxDate(latest, normDate(t.get(i, "last_update")))
		entries = append(entries, e)
	}
	if version == "" {
		version = latest
	}
	info := ListInfo{Name: "BIS Denied Persons List", Version: version, Source: label, Format: "bis-dpl-tsv"}
	return single(info, entries), nil
}

// readCompiledEL reads the compiled Entity List (entries.csv: id, list,
// english_name, aliases, address, country, federal_register, …, zh_name).
func readCompiledEL(data []byte, label string) (*Lists, error) {
	t, err := readCSVTable(data, label, ',')
	if err != nil {
		return nil, err
	}
	latest := ""
	var entries []enduse.ListEntry
	for i := range t.rows {
		name := t.get(i, "english_name")
		id := t.get(i, "id")
		if name == "" || id == "" {
			return nil, fmt.Errorf("read list %s: line %d: row needs id and english_name", label, t.lines[i])
		}
		e := enduse.ListEntry{
			List:     t.get(i, "list"),
			ID:       id,
			Name:     name,
			NameZH:   t.get(i, "zh_name"),
			Aliases:  dedupe(name, splitList(t.get(i, "aliases"))),
			Type:     t.get(i, "entity_type"),
			Country:  t.get(i, "country"),
			Address:  t.get(i, "address"),
			Citation: t.get(i, "federal_register"),
			Date:     normDate(t.get(i, "effective_date", "publication_date")),
		}
		if r := t.get(i, "reason"); r != "" {
			e.Programs = []string{r}
		}
		if e.List == "" {
			e.List = "BIS Entity List"
		}
		latest = maxDate(latest, normDate(t.get(i, "publication_date")))
		entries = append(entries, e)
	}
	info := ListInfo{Name: "BIS Entity List (compiled)", Version: latest, Source: label, Format: "entity-list-compiled-csv"}
	return single(info, entries), nil
}
