package kb

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/enduse/enduse"
)

//go:embed data/*.yaml
var builtin embed.FS

// Data returns the built-in knowledge base's files, for fingerprints of
// what is built from them (see screen.Fingerprint).
func Data() fs.FS { return builtin }

// aliasSpec is an alias in a data file: either a plain string or a mapping
// with flags, e.g. {text: 联想, ambiguous: true, note: also the verb}.
type aliasSpec struct {
	Text      string `yaml:"text"`
	Ambiguous bool   `yaml:"ambiguous,omitempty"`
	Boundary  bool   `yaml:"boundary,omitempty"`
	Note      string `yaml:"note,omitempty"`
}

// UnmarshalYAML accepts a scalar or a mapping.
func (a *aliasSpec) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		a.Text = n.Value
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: alias must be a string or a mapping", n.Line)
	}
	type plain aliasSpec
	var p plain
	for i := 0; i+1 < len(n.Content); i += 2 {
		switch key := n.Content[i].Value; key {
		case "text", "ambiguous", "boundary", "note":
		default:
			return fmt.Errorf("line %d: unknown alias field %q", n.Content[i].Line, key)
		}
	}
	if err := n.Decode(&p); err != nil {
		return err
	}
	*a = aliasSpec(p)
	return nil
}

type companyRecord struct {
	ID       string      `yaml:"id"`
	Name     string      `yaml:"name"`
	NameZH   string      `yaml:"name_zh,omitempty"`
	Country  string      `yaml:"country"`
	Aliases  []aliasSpec `yaml:"aliases,omitempty"`
	Category string      `yaml:"category,omitempty"`
	Sources  []string    `yaml:"sources"`
	Note     string      `yaml:"note,omitempty"`
	// Until is when the company ceased to exist or trade.
	Until string `yaml:"until,omitempty"`
	// EnglishNames maps a Chinese legal name of the company (or of a
	// subsidiary trading under the same record) to its official English
	// legal name, for KB.EnglishName.
	EnglishNames map[string]string `yaml:"english_names,omitempty"`
}

type lineRecord struct {
	Name     string      `yaml:"name"`
	Category string      `yaml:"category"`
	Aliases  []aliasSpec `yaml:"aliases,omitempty"`
	Patterns []string    `yaml:"patterns,omitempty"`
	Sources  []string    `yaml:"sources,omitempty"`
	Note     string      `yaml:"note,omitempty"`
	// Owners bound the line's brand in time (see enduse.LineOwner).
	Owners []enduse.LineOwner `yaml:"owners,omitempty"`
}

type brandRecord struct {
	ID           string       `yaml:"id"`
	Name         string       `yaml:"name"`
	Company      string       `yaml:"company"`
	Category     string       `yaml:"category"`
	Aliases      []aliasSpec  `yaml:"aliases"`
	ProductLines []lineRecord `yaml:"product_lines,omitempty"`
	Sources      []string     `yaml:"sources"`
	Note         string       `yaml:"note,omitempty"`
}

// dataFile is the shape of one YAML file: any of the sections may appear.
type dataFile struct {
	Categories []enduse.Category `yaml:"categories,omitempty"`
	Companies  []companyRecord   `yaml:"companies,omitempty"`
	Brands     []brandRecord     `yaml:"brands,omitempty"`
	Links      []enduse.Link     `yaml:"links,omitempty"`
	Rules      []SharedAlias     `yaml:"rules,omitempty"`
	Ordinary   []OrdinaryWord    `yaml:"ordinary_words,omitempty"`
}

// loader merges layers of data files before the KB is indexed.
type loader struct {
	companies  map[string]companyRecord
	brands     map[string]brandRecord
	links      map[string]enduse.Link
	categories map[string]enduse.Category
	rules      map[string]SharedAlias
	ordinary   map[string]OrdinaryWord
	order      map[string]int // first-seen order of every record key
	origin     map[string]string
	problems   []Problem
	// layerSeen holds the record keys seen in the layer being read, to
	// report duplicates inside one layer (across layers they replace).
	layerSeen map[string]string
}

// Load reads the built-in data and then each user directory in order (later
// records with the same id replace earlier ones; new records are added). It
// returns an error naming file and record for malformed data. Semantic
// problems (dangling references, unsourced facts) are left to Check.
func Load(userDirs ...string) (*KB, error) {
	l := &loader{
		companies:  map[string]companyRecord{},
		brands:     map[string]brandRecord{},
		links:      map[string]enduse.Link{},
		categories: map[string]enduse.Category{},
		rules:      map[string]SharedAlias{},
		ordinary:   map[string]OrdinaryWord{},
		order:      map[string]int{},
		origin:     map[string]string{},
	}
	if err := l.layer(builtin, "data", "builtin:"); err != nil {
		return nil, err
	}
	for _, dir := range userDirs {
		info, err := os.Stat(dir)
		if err != nil {
			return nil, fmt.Errorf("load kb dir %s: %w", dir, err)
		}
		if !info.IsDir() {
			return nil, fmt.Errorf("load kb dir %s: not a directory", dir)
		}
		if err := l.layer(os.DirFS(dir), ".", dir+string(filepath.Separator)); err != nil {
			return nil, err
		}
	}
	return l.build(), nil
}

// layer reads every .yaml/.yml file under root of fsys, in path order.
func (l *loader) layer(fsys fs.FS, root, prefix string) error {
	l.layerSeen = map[string]string{}
	var files []string
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		if ext := strings.ToLower(path.Ext(p)); ext == ".yaml" || ext == ".yml" {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("load kb %s: %w", prefix, err)
	}
	sort.Strings(files)
	for _, p := range files {
		name := prefix + p
		if prefix != "builtin:" {
			name = filepath.Join(strings.TrimSuffix(prefix, string(filepath.Separator)), filepath.FromSlash(p))
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return fmt.Errorf("load kb %s: %w", name, err)
		}
		df, err := parseFile(name, b)
		if err != nil {
			return err
		}
		l.add(name, df)
	}
	return nil
}

// parseFile decodes one data file strictly and checks that every record has
// the fields that identify it.
func parseFile(name string, b []byte) (*dataFile, error) {
	if !utf8.Valid(b) {
		return nil, fmt.Errorf("load kb %s: not valid UTF-8", name)
	}
	var df dataFile
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&df); err != nil {
		if errors.Is(err, io.EOF) {
			return &df, nil // an empty file is allowed
		}
		return nil, fmt.Errorf("load kb %s: %w", name, err)
	}
	bad := func(kind string, i int, id, msg string) error {
		rec := fmt.Sprintf("%s #%d", kind, i+1)
		if id != "" {
			rec += fmt.Sprintf(" (%s)", id)
		}
		return fmt.Errorf("load kb %s: %s: %s", name, rec, msg)
	}
	for i, c := range df.Categories {
		if c.ID == "" {
			return nil, bad("category", i, c.Name, "missing id")
		}
	}
	for i, c := range df.Companies {
		switch {
		case c.ID == "":
			return nil, bad("company", i, c.Name, "missing id")
		case c.Name == "":
			return nil, bad("company", i, c.ID, "missing name")
		}
		if err := checkAliasSpecs(c.Aliases); err != nil {
			return nil, bad("company", i, c.ID, err.Error())
		}
	}
	for i, br := range df.Brands {
		switch {
		case br.ID == "":
			return nil, bad("brand", i, br.Name, "missing id")
		case br.Name == "":
			return nil, bad("brand", i, br.ID, "missing name")
		}
		if err := checkAliasSpecs(br.Aliases); err != nil {
			return nil, bad("brand", i, br.ID, err.Error())
		}
		for j, pl := range br.ProductLines {
			if pl.Name == "" {
				return nil, bad("brand", i, br.ID, fmt.Sprintf("product line #%d: missing name", j+1))
			}
			if err := checkAliasSpecs(pl.Aliases); err != nil {
				return nil, bad("brand", i, br.ID, fmt.Sprintf("product line %s: %v", pl.Name, err))
			}
		}
	}
	for i, lk := range df.Links {
		if lk.From == "" || lk.To == "" || lk.Type == "" {
			return nil, bad("link", i, lk.From+" "+string(lk.Type)+" "+lk.To, "needs from, type and to")
		}
	}
	for i, r := range df.Rules {
		if strings.TrimSpace(r.Alias) == "" {
			return nil, bad("rule", i, "", "missing shared_alias")
		}
	}
	for i, w := range df.Ordinary {
		if Normalize(w.Text) == "" {
			return nil, bad("ordinary word", i, "", "missing text")
		}
	}
	return &df, nil
}

func checkAliasSpecs(as []aliasSpec) error {
	for i, a := range as {
		if strings.TrimSpace(a.Text) == "" {
			return fmt.Errorf("alias #%d is empty", i+1)
		}
	}
	return nil
}

// put records a keyed record from file, noting duplicates inside a layer.
func (l *loader) put(key, file string) {
	if prev, ok := l.layerSeen[key]; ok {
		l.problems = append(l.problems, Problem{File: file, Record: key,
			Message: "duplicate id: also defined in " + prev})
	}
	l.layerSeen[key] = file
	if _, ok := l.order[key]; !ok {
		l.order[key] = len(l.order)
	}
	l.origin[key] = file
}

func (l *loader) add(file string, df *dataFile) {
	for _, c := range df.Categories {
		l.put("category:"+c.ID, file)
		l.categories[c.ID] = c
	}
	for _, c := range df.Companies {
		l.put("company:"+c.ID, file)
		l.companies[c.ID] = c
	}
	for _, b := range df.Brands {
		l.put("brand:"+b.ID, file)
		l.brands[b.ID] = b
	}
	for _, lk := range df.Links {
		key := linkKey(lk)
		l.put(key, file)
		l.links[key] = lk
	}
	for _, r := range df.Rules {
		key := "rule:" + Normalize(r.Alias)
		l.put(key, file)
		l.rules[key] = r
	}
	for _, w := range df.Ordinary {
		key := "ordinary:" + Normalize(w.Text)
		l.put(key, file)
		l.ordinary[key] = w
	}
}

func linkKey(lk enduse.Link) string {
	return "link:" + lk.From + "/" + string(lk.Type) + "/" + lk.To
}

func aliasTexts(as []aliasSpec) []string {
	out := make([]string, 0, len(as))
	for _, a := range as {
		out = append(out, a.Text)
	}
	return out
}

// build indexes the merged records into an immutable KB.
func (l *loader) build() *KB {
	k := &KB{
		companyByID:  map[string]int{},
		brandByID:    map[string]int{},
		categoryByID: map[string]int{},
		linksFrom:    map[string][]int{},
		origin:       l.origin,
		byKey:        map[string][]int{},
		byStripped:   map[string][]int{},
		legalEN:      map[string]string{},
		loadProblems: l.problems,
	}
	for _, id := range sortedKeys(l.categories) {
		k.categoryByID[id] = len(k.categories)
		k.categories = append(k.categories, l.categories[id])
	}
	companyIDs := sortedKeys(l.companies)
	for _, id := range companyIDs {
		c := l.companies[id]
		k.companyByID[id] = len(k.companies)
		k.companies = append(k.companies, enduse.Company{
			ID: c.ID, Name: c.Name, NameZH: c.NameZH, Country: c.Country,
			Aliases: aliasTexts(c.Aliases), Category: c.Category, Sources: c.Sources,
			Until: c.Until,
		})
	}
	for _, id := range sortedKeys(l.brands) {
		b := l.brands[id]
		eb := enduse.Brand{ID: b.ID, Name: b.Name, Company: b.Company, Category: b.Category,
			Aliases: aliasTexts(b.Aliases), Sources: b.Sources}
		for _, pl := range b.ProductLines {
			eb.ProductLines = append(eb.ProductLines, enduse.ProductLine{
				Name: pl.Name, Category: pl.Category, Aliases: aliasTexts(pl.Aliases),
				Patterns: pl.Patterns, Sources: pl.Sources, Owners: pl.Owners,
			})
		}
		k.brandByID[id] = len(k.brands)
		k.brands = append(k.brands, eb)
	}
	linkKeys := sortedKeys(l.links)
	for _, key := range linkKeys {
		k.links = append(k.links, l.links[key])
	}
	sort.SliceStable(k.links, func(i, j int) bool {
		a, b := k.links[i], k.links[j]
		if a.From != b.From {
			return a.From < b.From
		}
		return l.order[linkKey(a)] < l.order[linkKey(b)]
	})
	for i, lk := range k.links {
		k.linksFrom[lk.From] = append(k.linksFrom[lk.From], i)
	}
	for _, key := range sortedKeys(l.rules) {
		k.rules = append(k.rules, l.rules[key])
	}
	for _, key := range sortedKeys(l.ordinary) {
		k.ordinary = append(k.ordinary, l.ordinary[key])
	}

	// Aliases: company names first, then brands with their lines.
	addAlias := func(a Alias) {
		a.Key = Normalize(a.Text)
		if a.Key == "" {
			return
		}
		if isShortLatin(a.Key) {
			a.Boundary = true
		}
		for _, i := range k.byKey[a.Key] {
			o := &k.aliases[i]
			if o.Brand == a.Brand && o.Company == a.Company && o.ProductLine == a.ProductLine {
				// The same claim spelled twice (e.g. name and alias): a
				// flag on either spelling holds for the claim, so that a
				// brand named "Apple" can be marked ambiguous in its
				// alias list.
				o.Ambiguous = o.Ambiguous || a.Ambiguous
				o.Boundary = o.Boundary || a.Boundary
				if o.Note == "" {
					o.Note = a.Note
				}
				return
			}
		}
		if sk := Normalize(StripLegalForm(a.Text)); sk != a.Key && sk != "" {
			k.byStripped[sk] = append(k.byStripped[sk], len(k.aliases))
		}
		k.byKey[a.Key] = append(k.byKey[a.Key], len(k.aliases))
		k.aliases = append(k.aliases, a)
	}
	for _, id := range companyIDs {
		c := l.companies[id]
		for _, zh := range sortedKeys(c.EnglishNames) {
			en := strings.TrimSpace(c.EnglishNames[zh])
			if en == "" {
				k.loadProblems = append(k.loadProblems, Problem{File: l.origin["company:"+c.ID],
					Record: "company:" + c.ID, Message: fmt.Sprintf("english_names: %q has no English name", zh)})
				continue
			}
			k.legalEN[Normalize(zh)] = en
			if sk := Normalize(StripLegalForm(zh)); sk != "" {
				k.legalEN[sk] = en
			}
			// The Chinese legal name is a name of the company too.
			addAlias(Alias{Text: zh, Company: c.ID})
		}
		addAlias(Alias{Text: c.Name, Company: c.ID})
		if c.NameZH != "" {
			addAlias(Alias{Text: c.NameZH, Company: c.ID})
		}
		for _, as := range c.Aliases {
			addAlias(Alias{Text: as.Text, Company: c.ID, Ambiguous: as.Ambiguous,
				Boundary: as.Boundary, Note: as.Note})
		}
	}
	for _, b := range k.brands {
		rec := l.brands[b.ID]
		addAlias(Alias{Text: rec.Name, Brand: rec.ID, Company: rec.Company})
		for _, as := range rec.Aliases {
			addAlias(Alias{Text: as.Text, Brand: rec.ID, Company: rec.Company,
				Ambiguous: as.Ambiguous, Boundary: as.Boundary, Note: as.Note})
		}
		for _, pl := range rec.ProductLines {
			for _, as := range pl.Aliases {
				addAlias(Alias{Text: as.Text, Brand: rec.ID, Company: rec.Company,
					ProductLine: pl.Name, Ambiguous: as.Ambiguous, Boundary: as.Boundary, Note: as.Note})
			}
			cat := pl.Category
			if cat == "" {
				cat = rec.Category
			}
			for _, expr := range pl.Patterns {
				re, err := regexp.Compile("(?i)" + expr)
				if err != nil {
					k.loadProblems = append(k.loadProblems, Problem{File: l.origin["brand:"+rec.ID],
						Record:  "brand:" + rec.ID,
						Message: fmt.Sprintf("product line %s: pattern %q does not compile: %v", pl.Name, expr, err)})
					continue
				}
				// Leftmost-longest, so that S10508 is not cut to S1050.
				re.Longest()
				k.patterns = append(k.patterns, Pattern{Brand: rec.ID, ProductLine: pl.Name,
					Category: cat, Expr: expr, Re: re})
			}
		}
	}
	return k
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// isShortLatin reports whether a normalised alias is made only of Latin
// letters, digits and simple punctuation and is at most four runes long:
// such aliases (hp, wd, 3m, ibm) fire inside other tokens without a
// boundary rule.
func isShortLatin(key string) bool {
	n := 0
	for _, r := range key {
		n++
		if r > unicode.MaxASCII {
			return false
		}
	}
	return n <= 4
}
