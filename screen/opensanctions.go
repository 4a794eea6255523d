package screen

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/enduse/enduse"
)

// readOpenSanctionsCSV reads the CSV files OpenSanctions keeps for its
// datasets. Their columns vary by source; the importer picks columns by
// name: a name (or "Clean Name"), aliases, a Chinese name, the entity
// type (schema), country, address, programme, dates and source URL. The
// FCC Covered List names its companies inside a sentence ("produced by
// X, …"); rows that name no company (generic equipment classes) are
// skipped.
func readOpenSanctionsCSV(data []byte, label, base string) (*Lists, error) {
	t, err := readCSVTable(data, label, ',')
	if err != nil {
		return nil, err
	}
	listName := openSanctionsListName(t, base)
	fcc := t.has("covered_equipment_or_services")
	latest := ""
	var entries []enduse.ListEntry
	var ended []string
	for i := range t.rows {
		var name string
		if fcc {
			name = fccCompany(t.get(i, "covered_equipment_or_services"))
			if name == "" {
				continue
			}
		} else {
			name = t.get(i, "clean name", "name")
		}
		if name == "" {
			return nil, fmt.Errorf("read list %s: line %d: row has no name", label, t.lines[i])
		}
		id := t.get(i, "recordid", "qid", "id")
		if id == "" {
			id = strings.TrimSuffix(base, path.Ext(base)) + "-" + strconv.Itoa(i+1)
		}
		var aliases []string
		for _, c := range []string{"alias", "aliases", "previous name", "previousname", "weakalias"} {
			aliases = append(aliases, splitList(t.get(i, c))...)
		}
		if raw := t.get(i, "name"); raw != name && raw != "" {
			aliases = append(aliases, strings.TrimSuffix(raw, "*"))
		}
		e := enduse.ListEntry{
			List:      listName,
			ID:        id,
			Name:      name,
			NameZH:    t.get(i, "chinese name"),
			Type:      strings.ToLower(t.get(i, "schema", "type")),
			Country:   t.get(i, "country"),
			Address:   t.get(i, "address"),
			Date:      normDate(t.get(i, "start date", "startdate", "start-date", "date", "date_of_inclusion_on_covered_list", "report-date")),
			SourceURL: t.get(i, "source url", "source_url", "source_information_url"),
		}
		if p := t.get(i, "program", "programkey", "list", "body"); p != "" {
			e.Programs = []string{p}
		}
		if parent := t.get(i, "parent name"); parent != "" {
			e.Programs = append(e.Programs, "parent: "+parent)
		}
		for _, a := range aliases {
			if e.NameZH == "" && hasHan(a) {
				e.NameZH = a
			}
		}
		e.Aliases = dedupe(name, aliases)
		latest = maxDate(latest, e.Date)
		entries = append(entries, e)
		ended = append(ended, normDate(t.get(i, "end date", "end-date", "enddate")))
	}
	version := versionFromPath(label)
	if version == "" {
		version = latest
	}
	if t.has("report-date") {
		// The report a statutory list comes from dates it; start dates may lie ahead.
		version = ""
		for i := range t.rows {
			version = maxDate(version, normDate(t.get(i, "report-date")))
		}
	}
	info := ListInfo{Name: listName, Version: version, Source: label, Format: "opensanctions-csv"}
	l := single(info, entries)
	l.ended = ended
	return l, nil
}

// openSanctionsListName names the list an OpenSanctions CSV holds from its
// content: the EU CELEX number, the programme all rows share, or the
// column set of a known source.
func openSanctionsListName(t *csvTable, base string) string {
	switch {
	case t.has("celex"):
		if len(t.rows) > 0 {
			return "EU sanctions (CELEX " + t.get(0, "celex") + ")"
		}
	case t.has("covered_equipment_or_services"):
		return "FCC Covered List"
	case t.has("clean name") && t.has("parent name"):
		return "DoD 1260H Chinese Military Companies"
	case t.has("chinese name") && t.has("body"):
		return "PRC counter-sanctions"
	}
	if t.has("program") && len(t.rows) > 0 {
		p := t.get(0, "program")
		same := p != ""
		for i := range t.rows {
			if t.get(i, "program") != p {
				same = false
				break
			}
		}
		if same {
			return p
		}
	}
	return strings.TrimSuffix(base, path.Ext(base))
}

var fccBy = regexp.MustCompile(`(?:produced|provided|supplied)(?:,? directly or indirectly,)? by (.+?)(?:,| and its | or any | subject to | to the extent|\.?$)`)

// fccCompany extracts the company an FCC Covered List row names.
func fccCompany(s string) string {
	m := fccBy.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	return strings.TrimSpace(m[1])
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// readJSON reads the JSON list formats: FollowTheMoney entities (one JSON
// object per line, or a JSON array), and the Entity List university
// subset (data.json with its data-cn.json sibling).
func readJSON(fsys fs.FS, name, label string, data []byte) (fileSet, error) {
	trim := bytes.TrimSpace(data)
	if trim[0] == '[' {
		var arr []map[string]json.RawMessage
		if err := json.Unmarshal(trim, &arr); err != nil {
			return fileSet{}, fmt.Errorf("read list %s: %w", label, jsonErr(trim, err))
		}
		if len(arr) > 0 && arr[0]["zh"] != nil && arr[0]["schema"] == nil {
			dir, _ := path.Split(name)
			ldir, _ := path.Split(label)
			main, err := fs.ReadFile(fsys, dir+"data.json")
			if err != nil {
				return fileSet{}, fmt.Errorf("read list %s: Chinese names need their data.json beside them: %w", label, err)
			}
			l, err := readUniversities(main, trim, ldir+"data.json", label)
			return fileSet{lists: l, files: []string{dir + "data.json", name}}, err
		}
		l, err := readFtM(label, func(yield func(int, []byte) error) error {
			for i, raw := range arr {
				b, _ := json.Marshal(raw)
				if err := yield(i+1, b); err != nil {
					return err
				}
			}
			return nil
		})
		return fileSet{lists: l, files: []string{name}}, err
	}
	var probe map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(trim))
	if err := dec.Decode(&probe); err != nil {
		return fileSet{}, fmt.Errorf("read list %s: %w", label, jsonErr(trim, err))
	}
	if _, ok := probe["entries"]; ok {
		dir, _ := path.Split(name)
		ldir, _ := path.Split(label)
		cn, _ := fs.ReadFile(fsys, dir+"data-cn.json")
		files := []string{name}
		if cn != nil {
			files = append(files, dir+"data-cn.json")
		}
		l, err := readUniversities(trim, cn, label, ldir+"data-cn.json")
		return fileSet{lists: l, files: files}, err
	}
	if _, ok := probe["schema"]; !ok {
		return fileSet{}, fmt.Errorf("read list %s: JSON object without schema or entries: %w", label, ErrUnknownFormat)
	}
	l, err := readFtM(label, func(yield func(int, []byte) error) error {
		for n, line := range bytes.Split(trim, []byte("\n")) {
			line = bytes.TrimSpace(line)
			if len(line) == 0 {
				continue
			}
			if err := yield(n+1, line); err != nil {
				return err
			}
		}
		return nil
	})
	return fileSet{lists: l, files: []string{name}}, err
}

// jsonErr adds the line number to a JSON syntax error.
func jsonErr(data []byte, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) && se.Offset <= int64(len(data)) {
		line := bytes.Count(data[:se.Offset], []byte("\n")) + 1
		return fmt.Errorf("line %d: %w", line, err)
	}
	return err
}

// ftmEntity is a FollowTheMoney entity as OpenSanctions exports it.
type ftmEntity struct {
	ID         string           `json:"id"`
	Schema     string           `json:"schema"`
	Caption    string           `json:"caption"`
	Properties map[string][]any `json:"properties"`
	Datasets   []string         `json:"datasets"`
	LastChange string           `json:"last_change"`
	LastSeen   string           `json:"last_seen"`
}

// ftmParty returns the entry type of the FtM schemata that name a party
// that can be listed.
func ftmParty(schema string) (string, bool) {
	switch schema {
	case "Person":
		return "individual", true
	case "Company", "Organization", "LegalEntity", "PublicBody":
		return "entity", true
	case "Vessel":
		return "vessel", true
	case "Airplane":
		return "aircraft", true
	}
	return "", false
}

// readFtM reads FollowTheMoney entities delivered by each (line, json) pair.
func readFtM(label string, each func(func(int, []byte) error) error) (*Lists, error) {
	var entries []enduse.ListEntry
	var ended []string
	latest := ""
	dataset := ""
	err := each(func(line int, raw []byte) error {
		var e ftmEntity
		if err := json.Unmarshal(raw, &e); err != nil {
			return fmt.Errorf("read list %s: line %d: %w", label, line, err)
		}
		if e.Schema == "" {
			return fmt.Errorf("read list %s: line %d: entity without schema", label, line)
		}
		typ, ok := ftmParty(e.Schema)
		if !ok {
			return nil // sanctions, addresses, identifiers: not parties
		}
		names := ftmStrings(e.Properties["name"])
		if len(names) == 0 && e.Caption != "" {
			names = []string{e.Caption}
		}
		if len(names) == 0 {
			return fmt.Errorf("read list %s: line %d: %s entity %q has no name", label, line, e.Schema, e.ID)
		}
		var aliases []string
		aliases = append(aliases, names[1:]...)
		for _, k := range []string{"alias", "previousName", "weakAlias"} {
			aliases = append(aliases, ftmStrings(e.Properties[k])...)
		}
		le := enduse.ListEntry{
			ID:        e.ID,
			Name:      names[0],
			Type:      typ,
			Country:   strings.Join(ftmStrings(e.Properties["country"]), ";"),
			Address:   strings.Join(ftmStrings(e.Properties["address"]), "; "),
			Programs:  ftmStrings(e.Properties["program"]),
			SourceURL: first(ftmStrings(e.Properties["sourceUrl"])),
			Date:      normDate(first(ftmStrings(e.Properties["startDate"]))),
		}
		if le.Date == "" {
			le.Date = normDate(first(ftmStrings(e.Properties["createdAt"])))
		}
		if e.Caption != "" && e.Caption != le.Name {
			aliases = append(aliases, e.Caption)
		}
		for _, a := range append([]string{le.Name}, aliases...) {
			if le.NameZH == "" && hasHan(a) {
				le.NameZH = a
			}
		}
		le.Aliases = dedupe(le.Name, aliases)
		if len(e.Datasets) > 0 {
			le.List = e.Datasets[0]
			if dataset == "" {
				dataset = e.Datasets[0]
			}
		}
		latest = maxDate(latest, normDate(firstNonEmpty(e.LastChange, e.LastSeen)))
		entries = append(entries, le)
		ended = append(ended, normDate(first(ftmStrings(e.Properties["endDate"]))))
		return nil
	})
	if err != nil {
		return nil, err
	}
	if dataset == "" {
		dataset = strings.TrimSuffix(path.Base(label), path.Ext(label))
	}
	version := versionFromPath(label)
	if version == "" {
		version = latest
	}
	l := single(ListInfo{Name: dataset, Version: version, Source: label, Format: "ftm-json"}, entries)
	l.ended = ended
	return l, nil
}

// ftmStrings returns the string values of an FtM property.
func ftmStrings(vs []any) []string {
	var out []string
	for _, v := range vs {
		if s, ok := v.(string); ok && strings.TrimSpace(s) != "" {
			out = append(out, strings.TrimSpace(s))
		}
	}
	return out
}

func first(ss []string) string {
	if len(ss) == 0 {
		return ""
	}
	return ss[0]
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// readUniversities reads the Entity List university subset: data.json
// ({generatedAt, entries:[{name, raw}]}, raw being the entry text with its
// a.k.a. list and address) and the Chinese names of data-cn.json
// ([{name, zh}], compiled by that repository's author), when given.
func readUniversities(main, cn []byte, label, cnLabel string) (*Lists, error) {
	var doc struct {
		GeneratedAt string `json:"generatedAt"`
		Entries     []struct {
			Name string `json:"name"`
			Raw  string `json:"raw"`
		} `json:"entries"`
	}
	if err := json.Unmarshal(main, &doc); err != nil {
		return nil, fmt.Errorf("read list %s: %w", label, jsonErr(main, err))
	}
	zh := map[string]string{}
	if len(cn) > 0 {
		var pairs []struct {
			Name string `json:"name"`
			ZH   string `json:"zh"`
		}
		if err := json.Unmarshal(cn, &pairs); err != nil {
			return nil, fmt.Errorf("read list %s: %w", cnLabel, jsonErr(cn, err))
		}
		for _, p := range pairs {
			zh[p.Name] = p.ZH
		}
	}
	var entries []enduse.ListEntry
	for i, e := range doc.Entries {
		if strings.TrimSpace(e.Name) == "" {
			return nil, fmt.Errorf("read list %s: entry %d has no name", label, i+1)
		}
		aliases, addr := parseELRaw(e.Name, e.Raw)
		if m := parenAbbrev.FindStringSubmatch(e.Name); m != nil {
			aliases = append(aliases, m[1], strings.TrimSpace(parenAbbrev.ReplaceAllString(e.Name, "")))
		}
		entries = append(entries, enduse.ListEntry{
			List:    "BIS Entity List",
			ID:      "EL-U" + fmt.Sprintf("%03d", i+1),
			Name:    e.Name,
			NameZH:  zh[e.Name],
			Aliases: dedupe(e.Name, aliases),
			Type:    "entity",
			Country: "China",
			Address: addr,
		})
	}
	version := normDate(doc.GeneratedAt)
	info := ListInfo{Name: "BIS Entity List (universities subset)", Version: version, Source: label, Format: "entity-list-universities-json"}
	return single(info, entries), nil
}

var (
	parenAbbrev = regexp.MustCompile(`\s*\(([A-Z][A-Za-z0-9&-]{1,11})\)`)
	akaIntro    = regexp.MustCompile(`a\.k\.a\.?,?\s*(?:the following [a-z-]+ alias(?:es)?:)?\s*`)
)

// parseELRaw splits the text of an Entity List entry into its aliases
// ("a.k.a., the following two aliases: —X; and —Y.") and its address.
func parseELRaw(name, raw string) (aliases []string, address string) {
	rest := strings.TrimSpace(strings.TrimPrefix(raw, name))
	rest = strings.TrimLeft(rest, ", ")
	loc := akaIntro.FindStringIndex(rest)
	if loc == nil {
		return nil, strings.TrimSpace(rest)
	}
	body := rest[loc[1]:]
	parts := strings.Split(body, "—")
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if i == 0 {
			continue
		}
		if i == len(parts)-1 {
			// The last alias runs to the first ". " or the end; the address follows.
			if j := strings.Index(p, ". "); j >= 0 {
				address = strings.TrimSpace(p[j+2:])
				p = p[:j]
			} else {
				p = strings.TrimSuffix(p, ".")
			}
		}
		p = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(p), "; and"), ";"))
		if p != "" {
			aliases = append(aliases, p)
		}
	}
	return aliases, address
}
