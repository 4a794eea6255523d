package screen

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"strings"

	"github.com/enduse/enduse"
)

// ofacRole is the part a file plays in an OFAC legacy CSV set.
type ofacRole int

const (
	roleMain ofacRole = iota
	roleAdd
	roleAlt
	roleComments
)

// ofacSet names the files of one OFAC legacy set.
type ofacSet struct {
	list              string
	main, add, alt, c string
}

// ofacSets lists the OFAC legacy sets by their file names.
func ofacSets() []ofacSet {
	return []ofacSet{
		{"OFAC SDN", "sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"},
		{"OFAC Consolidated (non-SDN)", "cons_prim.csv", "cons_add.csv", "cons_alt.csv", "cons_comments.csv"},
	}
}

// ofacRoleOf returns the role of a lower-case OFAC file name.
func ofacRoleOf(base string) (ofacRole, bool) {
	for _, s := range ofacSets() {
		switch base {
		case s.main:
			return roleMain, true
		case s.add:
			return roleAdd, true
		case s.alt:
			return roleAlt, true
		case s.c:
			return roleComments, true
		}
	}
	return 0, false
}

// readOFAC reads an OFAC legacy CSV set (headerless; -0- is empty) given
// any one of its files: the primary file with names, types and programs,
// and the address, alias and remarks-continuation siblings when present.
func readOFAC(fsys fs.FS, name, label string, role ofacRole) (fileSet, error) {
	dir, base := path.Split(name)
	ldir, _ := path.Split(label)
	set := ofacSet{list: "OFAC list", main: base}
	for _, s := range ofacSets() {
		if strings.EqualFold(base, s.main) || strings.EqualFold(base, s.add) || strings.EqualFold(base, s.alt) || strings.EqualFold(base, s.c) {
			set = s
		}
	}
	// The files keep the case they were saved with (CONS_PRIM.CSV from an
	// archive made on Windows): each is found by its name in any case.
	folder := strings.TrimSuffix(dir, "/")
	if folder == "" {
		folder = "."
	}
	if entries, err := fs.ReadDir(fsys, folder); err == nil {
		for _, n := range []*string{&set.main, &set.add, &set.alt, &set.c} {
			for _, e := range entries {
				if *n != "" && strings.EqualFold(e.Name(), *n) {
					*n = e.Name()
					break
				}
			}
		}
	}
	if role != roleMain {
		if _, err := fs.Stat(fsys, dir+set.main); err != nil {
			return fileSet{}, fmt.Errorf("read list %s: OFAC %s file needs its primary file %s beside it: %w", label, base, set.main, err)
		}
	}
	mainData, err := fs.ReadFile(fsys, dir+set.main)
	if err != nil {
		return fileSet{}, fmt.Errorf("read list %s: %w", ldir+set.main, err)
	}
	files := []string{dir + set.main}
	mainLabel := ldir + set.main
	recs, err := readHeaderless(mainData, mainLabel)
	if err != nil {
		return fileSet{}, err
	}
	version := versionFromPath(label)
	byNum := map[string]int{}
	var entries []enduse.ListEntry
	remarks := map[string]string{}
	for i, r := range recs {
		if len(r.f) < 4 {
			return fileSet{}, fmt.Errorf("read list %s: line %d: %d fields, want 12 (ent_num, name, type, program, …)", mainLabel, r.line, len(r.f))
		}
		num := r.f[0]
		if num == "" || strings.Trim(num, "0123456789") != "" {
			return fileSet{}, fmt.Errorf("read list %s: line %d: entry number %q is not a number", mainLabel, r.line, num)
		}
		if r.f[1] == "" {
			return fileSet{}, fmt.Errorf("read list %s: line %d: entry %s has no name", mainLabel, r.line, num)
		}
		typ := strings.ToLower(r.f[2])
		if typ == "" {
			typ = "entity"
		}
		e := enduse.ListEntry{List: set.list, ID: num, Name: r.f[1], Type: typ, Programs: splitPrograms(r.f[3])}
		if len(r.f) > 11 {
			remarks[num] = r.f[11]
		}
		byNum[num] = i
		entries = append(entries, e)
	}
	// Remarks longer than the primary file's field continue in the comments file.
	if data, ok := readSibling(fsys, dir+set.c); ok {
		files = append(files, dir+set.c)
		rs, err := readHeaderless(data, ldir+set.c)
		if err != nil {
			return fileSet{}, err
		}
		for _, r := range rs {
			if len(r.f) >= 2 {
				remarks[r.f[0]] += r.f[1]
			}
		}
	}
	if data, ok := readSibling(fsys, dir+set.alt); ok {
		files = append(files, dir+set.alt)
		rs, err := readHeaderless(data, ldir+set.alt)
		if err != nil {
			return fileSet{}, err
		}
		for _, r := range rs {
			if len(r.f) < 4 {
				return fileSet{}, fmt.Errorf("read list %s: line %d: %d fields, want 5 (ent_num, alt_num, alt_type, alt_name, remarks)", ldir+set.alt, r.line, len(r.f))
			}
			if i, ok := byNum[r.f[0]]; ok && r.f[3] != "" {
				entries[i].Aliases = append(entries[i].Aliases, r.f[3])
			}
		}
	}
	if data, ok := readSibling(fsys, dir+set.add); ok {
		files = append(files, dir+set.add)
		rs, err := readHeaderless(data, ldir+set.add)
		if err != nil {
			return fileSet{}, err
		}
		for _, r := range rs {
			if len(r.f) < 5 {
				return fileSet{}, fmt.Errorf("read list %s: line %d: %d fields, want 6 (ent_num, add_num, address, city, country, remarks)", ldir+set.add, r.line, len(r.f))
			}
			i, ok := byNum[r.f[0]]
			if !ok {
				continue
			}
			addr := joinNonEmpty(", ", r.f[2], r.f[3], r.f[4])
			if addr != "" {
				entries[i].Address = joinNonEmpty("; ", entries[i].Address, addr)
			}
			if entries[i].Country == "" && r.f[4] != "" {
				entries[i].Country = r.f[4]
			}
		}
	}
	for i := range entries {
		rm := remarks[entries[i].ID]
		entries[i].Aliases = dedupe(entries[i].Name, append(entries[i].Aliases, remarkAliases(rm)...))
		if d := remarkDate(rm); d != "" {
			entries[i].Date = d
		}
		entries[i].Version = version
	}
	info := ListInfo{Name: set.list, Version: version, Source: mainLabel, Format: "ofac-legacy-csv"}
	return fileSet{lists: single(info, entries), files: files}, nil
}

func readSibling(fsys fs.FS, name string) ([]byte, bool) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, false
	}
	return bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), true
}

// hlRecord is one record of a headerless OFAC file with -0- turned into "".
type hlRecord struct {
	line int
	f    []string
}

func readHeaderless(data []byte, label string) ([]hlRecord, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	var out []hlRecord
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read list %s: %w", label, err)
		}
		line, _ := r.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" || len(rec) == 1 && rec[0] == "\x1a" {
			continue
		}
		for i := range rec {
			rec[i] = strings.TrimSpace(rec[i])
			if rec[i] == "-0-" {
				rec[i] = ""
			}
		}
		out = append(out, hlRecord{line: line, f: rec})
	}
	return out, nil
}

func splitPrograms(s string) []string {
	s = strings.NewReplacer("[", " ", "]", " ").Replace(s)
	return dedupe("", strings.Fields(s))
}

func joinNonEmpty(sep string, parts ...string) string {
	var keep []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, sep)
}

var (
	remarkAKA     = regexp.MustCompile(`(?:a\.k\.a\.|f\.k\.a\.|n\.k\.a\.)\s*'([^']+)'`)
	remarkListing = regexp.MustCompile(`Listing Date \([^)]*\):?\s*(\d{1,2} [A-Z][a-z]{2} \d{4})`)
)

// remarkDate returns the listing date stated in OFAC remarks, if any.
func remarkDate(s string) string {
	m := remarkListing.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	return normDate(m[1])
}

// remarkAliases returns the a.k.a. names quoted in OFAC remarks.
func remarkAliases(s string) []string {
	if !strings.Contains(s, ".k.a.") {
		return nil // most remarks quote no alias: skip the regexp
	}
	var out []string
	for _, m := range remarkAKA.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	return out
}
