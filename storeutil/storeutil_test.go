package storeutil

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/counting"
	"github.com/enduse/enduse/linelist"
)

func TestSplitTerms(t *testing.T) {
	cases := []struct {
		name, in string
		want     []string
	}{
		{"empty", "", nil},
		{"one", "希捷", []string{"希捷"}},
		{"spaces", "  希捷  硬盘 ", []string{"希捷", "硬盘"}},
		{"ideographic space", "希捷\u3000硬盘", []string{"希捷", "硬盘"}},
		{"quoted phrase", `"Seagate SkyHawk" 8TB`, []string{"Seagate SkyHawk", "8TB"}},
		{"unclosed quote", `"abc def`, []string{"abc def"}},
		{"quote inside", `ab"cd`, []string{"ab", "cd"}},
		{"only quotes", `""  ""`, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := SplitTerms(c.in)
			if strings.Join(got, "|") != strings.Join(c.want, "|") || len(got) != len(c.want) {
				t.Errorf("SplitTerms(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

// querySeeds reads the analysts' queries, the store tests' own file
// (storetest/testdata/queries.txt), so there is one list to extend.
func querySeeds(tb testing.TB) []string {
	b, err := os.ReadFile(filepath.Join("..", "storetest", "testdata", "queries.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	return linelist.Entries(string(b))
}

func FuzzSplitTerms(f *testing.F) {
	for _, q := range querySeeds(f) {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		for _, term := range SplitTerms(q) {
			if term == "" || strings.TrimSpace(term) != term || strings.Contains(term, `"`) {
				t.Fatalf("SplitTerms(%q) gave term %q", q, term)
			}
			if utf8.ValidString(q) && !utf8.ValidString(term) {
				t.Fatalf("SplitTerms(%q) broke UTF-8: %q", q, term)
			}
		}
	})
}

func FuzzValidateFilter(f *testing.F) {
	for _, q := range querySeeds(f) {
		f.Add(q, "2022-01-01", "65", 10, 0)
	}
	f.Add("\x00", "2022-13-01", "\xff", -1, -1)
	f.Fuzz(func(t *testing.T, text, from, region string, limit, offset int) {
		in := enduse.Filter{Text: text, From: from, Region: region, Limit: limit, Offset: offset}
		out, err := ValidateFilter(in)
		if err != nil {
			if !errors.Is(err, enduse.ErrInvalid) {
				t.Fatalf("ValidateFilter(%+v): %v, want ErrInvalid", in, err)
			}
			return
		}
		if out.Limit < 1 || out.Limit > MaxLimit || out.Offset < 0 || !utf8.ValidString(out.Text) ||
			strings.ContainsRune(out.Text+out.Region, 0) || (out.From != "" && !ValidDate(out.From)) {
			t.Fatalf("ValidateFilter(%+v) accepted %+v", in, out)
		}
	})
}

func TestValidateFilter(t *testing.T) {
	cases := []struct {
		name string
		f    enduse.Filter
		ok   bool
	}{
		{"empty", enduse.Filter{}, true},
		{"case study", enduse.Filter{Brand: "Seagate", Region: "65", Sector: enduse.SectorPublicSecurity,
			Types: []enduse.NoticeType{enduse.TypeAward}, From: "2022-01-01", To: "2022-05-12"}, true},
		{"unknown type", enduse.Filter{Types: []enduse.NoticeType{"bogus"}}, false},
		{"from not a date", enduse.Filter{From: "2022/01/01"}, false},
		{"from after to", enduse.Filter{From: "2022-02-01", To: "2022-01-01"}, false},
		{"unknown sector", enduse.Filter{Sector: "police"}, false},
		{"unknown level", enduse.Filter{Level: "city"}, false},
		{"method id", enduse.Filter{Method: "open_tender"}, true},
		{"malformed method", enduse.Filter{Method: "公开招标"}, false},
		{"unknown reason", enduse.Filter{Reason: "cheap"}, false},
		{"limit too large", enduse.Filter{Limit: MaxLimit + 1}, false},
		{"negative offset", enduse.Filter{Offset: -1}, false},
		{"invalid utf-8", enduse.Filter{Buyer: "\xff"}, false},
		{"nul", enduse.Filter{Text: "a\x00b"}, false},
		{"nul in a list name", enduse.Filter{Lists: []string{"a\x00"}}, false},
		{"too long", enduse.Filter{Text: strings.Repeat("长", 400)}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, err := ValidateFilter(c.f)
			if c.ok != (err == nil) {
				t.Fatalf("err = %v, want ok=%v", err, c.ok)
			}
			if err != nil && !errors.Is(err, enduse.ErrInvalid) {
				t.Errorf("err = %v, want ErrInvalid", err)
			}
			if err == nil && out.Limit != DefaultLimit {
				t.Errorf("limit = %d, want the default %d", out.Limit, DefaultLimit)
			}
		})
	}
	if out, _ := ValidateFilter(enduse.Filter{Lists: []string{"BIS Entity List"}, Brand: "  希捷 "}); !out.Listed || out.Brand != "希捷" {
		t.Errorf("lists imply listed and brand is trimmed: %+v", out)
	}
}

func TestSanitize(t *testing.T) {
	text := "采购人：某局\n联系人：***，电话：***********\n"
	n := &enduse.Notice{
		Evidence: map[string]enduse.Evidence{
			"contact": {Start: 7, End: 25, Text: "联系人：张三丰，电话：13912345678"},
			"broken":  {Start: 5, End: 500, Text: "13912345678"},
		},
		Reason: &enduse.Reason{Text: "联系张三丰"},
	}
	s := Sanitize(n, text)
	if e := s.Evidence["contact"]; strings.Contains(e.Text, "张三丰") || !strings.HasPrefix(e.Text, "联系人：***") {
		t.Errorf("contact evidence = %q", e.Text)
	}
	if e := s.Evidence["broken"]; e.Text != "" {
		t.Errorf("evidence outside the text kept %q", e.Text)
	}
	if s.Reason.Text != "" {
		t.Errorf("unverifiable reason text kept: %q", s.Reason.Text)
	}
	if n.Evidence["contact"].Text != "联系人：张三丰，电话：13912345678" {
		t.Error("Sanitize changed its input")
	}
}

// doc builds a document of raw bytes with its sha256.
func doc(raw, text string) *enduse.Document {
	sum := sha256.Sum256([]byte(raw))
	return &enduse.Document{SHA256: hex.EncodeToString(sum[:]), Source: "t.html", Raw: []byte(raw), Text: text}
}

func TestCheckSave(t *testing.T) {
	d := doc("<p>x</p>", "采购人：某局")
	psb := &enduse.Org{Name: "喀什地区公安局", Key: "喀什地区公安局"}
	child := *d
	child.Parent = strings.Repeat("c", 64)
	cases := []struct {
		name     string
		d        *enduse.Document
		redacted string
		n        *enduse.Notice
		parseErr error
		status   string // "" = ErrInvalid
	}{
		{"parsed", d, "采购人：某局", &enduse.Notice{Type: enduse.TypeAward, Buyer: psb}, nil, "stored"},
		{"parse failure", d, "采购人：某局", nil, errors.New("encrypted pdf"), "failed"},
		{"notice error", d, "采购人：某局", &enduse.Notice{Error: "no title"}, nil, "failed"},
		{"nil document", nil, "", &enduse.Notice{}, nil, ""},
		{"wrong sha256", &enduse.Document{SHA256: strings.Repeat("a", 64), Raw: []byte("x")}, "", &enduse.Notice{}, nil, ""},
		{"other rune length", d, "采购人：", &enduse.Notice{}, nil, ""},
		{"invalid utf-8", d, "\xff\xfe\xfd\xfc\xfb\xfa", &enduse.Notice{}, nil, ""},
		{"nothing", d, "采购人：某局", nil, nil, ""},
		{"attachment without a notice", &child, "采购人：某局", nil, nil, "child"},
		{"notice of other bytes", d, "采购人：某局", &enduse.Notice{SHA256: strings.Repeat("b", 64)}, nil, ""},
		{"unknown type", d, "采购人：某局", &enduse.Notice{Type: "bogus"}, nil, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := CheckSave(c.d, c.redacted, c.n, c.parseErr)
			if c.status == "" {
				if !errors.Is(err, enduse.ErrInvalid) {
					t.Fatalf("err = %v, want ErrInvalid", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.status == "child" {
				if !s.Child || s.Status != "stored" || s.Row.Doc != "" {
					t.Errorf("attachment: child %v status %s row %+v", s.Child, s.Status, s.Row)
				}
				return
			}
			if s.Status != c.status || s.ID != d.SHA256 {
				t.Errorf("status %s id %s, want %s %s", s.Status, s.ID, c.status, d.SHA256)
			}
			if c.status == "stored" && (s.Row.Buyer != "喀什地区公安局" || s.Notice.Schema != enduse.SchemaVersion || len(s.JSON) == 0) {
				t.Errorf("prepared row %+v", s.Row)
			}
		})
	}
}

// TestCheckItem: a Save that Prepare made is used for its own item only;
// carried to another item, or to the item changed since, it is checked
// afresh, so a stale Check can never write another document's rows.
func TestCheckItem(t *testing.T) {
	d := doc("<p>x</p>", "采购人：某局")
	n := &enduse.Notice{Type: enduse.TypeAward, Buyer: &enduse.Org{Name: "喀什地区公安局"}}
	raws, err := NewRaws()
	if err != nil {
		t.Fatal(err)
	}
	it := Prepare(enduse.SaveItem{Document: d, Redacted: "采购人：某局", Notice: n}, raws)
	pre, ok := it.Check.(*Save)
	if !ok {
		t.Fatalf("Prepare set Check = %T", it.Check)
	}
	if sv, err := CheckItem(it); err != nil || sv != pre {
		t.Fatalf("CheckItem of the prepared item = %p, %v; want the prepared %p", sv, err, pre)
	}
	other := *n
	other.Type = "bogus"
	changed := []struct {
		name string
		it   enduse.SaveItem
		want string // "" = ErrInvalid
	}{
		{"other notice", enduse.SaveItem{Document: d, Redacted: it.Redacted, Notice: &other, Check: pre}, ""},
		{"other text", enduse.SaveItem{Document: d, Redacted: "采购人：某处", Notice: n, Check: pre}, "stored"},
		{"parse error since", enduse.SaveItem{Document: d, Redacted: it.Redacted, Notice: n, ParseErr: errors.New("bad"), Check: pre}, "failed"},
		{"other document", enduse.SaveItem{Document: doc("<p>y</p>", "采购人：某局"), Redacted: it.Redacted, Notice: n, Check: pre}, "stored"},
	}
	for _, c := range changed {
		sv, err := CheckItem(c.it)
		if c.want == "" {
			if !errors.Is(err, enduse.ErrInvalid) {
				t.Errorf("%s: err = %v, want ErrInvalid", c.name, err)
			}
			continue
		}
		if err != nil || sv == pre || sv.Status != c.want {
			t.Errorf("%s: CheckItem = %+v, %v; want a fresh %s save", c.name, sv, err, c.want)
		}
	}
	bad := Prepare(enduse.SaveItem{Document: d, Redacted: "采购人：", Notice: n}, raws)
	if bad.Check != nil {
		t.Errorf("Prepare of an item that does not check set Check %T", bad.Check)
	}
	if _, err := CheckItem(bad); !errors.Is(err, enduse.ErrInvalid) {
		t.Errorf("CheckItem of it: %v, want ErrInvalid", err)
	}
}

func TestSaveOrgsBrandsLinks(t *testing.T) {
	d := doc("<p>y</p>", "")
	buyer := enduse.Org{Name: "乌鲁木齐市公安局", Key: "乌鲁木齐市公安局"}
	n := &enduse.Notice{Type: enduse.TypeAward, Buyer: &buyer, Agency: &enduse.Org{Name: "新疆招标有限公司"},
		Suppliers: []enduse.Supplier{{Org: enduse.Org{Name: "B公司"}}, {Org: enduse.Org{Name: "A公司"}, Role: enduse.RoleWinner}},
		Items:     []enduse.Item{{Brand: "希捷", Resolved: &enduse.Resolution{Brand: "Seagate"}}},
		Mentions: []enduse.Mention{{Text: "思科", Resolution: enduse.Resolution{Brand: "Cisco", Company: "Cisco Systems"}},
			{Text: "戴尔", Spec: true, Resolution: enduse.Resolution{Brand: "Dell"}},
			{Text: "seagate", Resolution: enduse.Resolution{Brand: "seagate", Company: "Seagate Technology"}}},
		Hits:   []enduse.Hit{{Org: "buyer", List: "BIS Entity List"}, {Org: "supplier", Name: "A公司", List: "x"}},
		Reason: &enduse.Reason{Classes: []enduse.ReasonClass{enduse.ReasonImported, enduse.ReasonImported}}}
	s, err := CheckSave(d, "", n, nil)
	if err != nil {
		t.Fatal(err)
	}
	keys := s.OrgKeys()
	if strings.Join(keys, "|") != "A公司|B公司|乌鲁木齐市公安局|新疆招标有限公司" {
		t.Errorf("org keys (lock order) = %v", keys)
	}
	var brands []string
	for _, b := range s.Brands() {
		brands = append(brands, b.Brand+"/"+b.Company)
	}
	if got := strings.Join(brands, "|"); got != "Cisco/Cisco Systems|seagate/Seagate Technology" {
		t.Errorf("brands = %s (specifications excluded, one per brand up to case, sorted)", got)
	}
	links := s.Links()
	if len(links) != 4 || links[0].Role != counting.RoleBuyer || links[2].Role != counting.RoleSupplier || links[3].Role != "winner" {
		t.Errorf("links = %+v", links)
	}
	if got := s.HitOrg(n.Hits[0]); got != "乌鲁木齐市公安局" {
		t.Errorf("buyer hit org = %q", got)
	}
	if got := s.HitOrg(n.Hits[1]); got != "A公司" {
		t.Errorf("supplier hit org = %q", got)
	}
	if r := s.Reasons(); len(r) != 1 {
		t.Errorf("reasons = %v, want one class", r)
	}
}

// FuzzCheckSave feeds arbitrary redacted text and evidence offsets to
// CheckSave: it must accept or refuse with ErrInvalid, never panic, and
// every evidence snippet it keeps must be cut from the redacted text.
func FuzzCheckSave(f *testing.F) {
	f.Add("采购人：某局\n联系人：***", 4, 6, 0, 3)
	f.Add("", -1, 5, 10, 2)
	f.Add("\xff\xfe", 0, 1, 0, 0)
	f.Fuzz(func(t *testing.T, redacted string, start, end, mstart, mend int) {
		d := doc("<p>fuzz</p>", "")
		n := &enduse.Notice{Type: enduse.TypeTender, Title: "t",
			Evidence: map[string]enduse.Evidence{"buyer": {Start: start, End: end, Text: "张三 13912345678"}},
			Mentions: []enduse.Mention{{Text: "希捷", Start: mstart, End: mend}},
			Reason:   &enduse.Reason{Text: "张三", Evidence: enduse.Evidence{Start: start, End: end}}}
		s, err := CheckSave(d, redacted, n, nil)
		if err != nil {
			if !errors.Is(err, enduse.ErrInvalid) {
				t.Fatalf("CheckSave: %v, want ErrInvalid", err)
			}
			return
		}
		if e := s.Notice.Evidence["buyer"].Text; !strings.Contains(redacted, e) {
			t.Fatalf("evidence %q is not cut from the redacted text %q", e, redacted)
		}
		if r := s.Notice.Reason.Text; !strings.Contains(redacted, r) {
			t.Fatalf("reason %q is not in the redacted text %q", r, redacted)
		}
	})
}
