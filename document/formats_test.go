package document_test

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/document"
	"github.com/enduse/enduse/pipeline"
)

// formatCase is a notice rendered to one format from its HTML source.
type formatCase struct {
	file  string
	tools []string // external programs the format needs
	// fields compares the notice fields too (the page, not only its table).
	fields bool
	// skip lists fields this rendering legitimately reads otherwise, with
	// the reason in a comment at the case.
	skip []string
}

// formatCases: testdata/formats/README.md says how each file was made.
var formatCases = map[string][]formatCase{
	"nb-servers": { // a real Ningbo notice page with its equipment table
		{file: "nb-servers.pdf", tools: []string{"pdftotext"}, fields: true,
			// The table's merged 技术规格 cell spans both rows; a PDF has no
			// cell borders, so its two lines go to the rows beside them and
			// the budget reader then sums both lots' limits.
			skip: []string{"budget"}},
		{file: "nb-servers.docx", fields: true},
		{file: "nb-servers.doc", tools: []string{"soffice"}, fields: true},
	},
	"nb-table": { // the same notice's table alone, as a spreadsheet
		{file: "nb-table.xlsx"},
		{file: "nb-table.xls", tools: []string{"soffice"}},
	},
	"equip": { // an equipment list (constructed) in every format
		{file: "equip.pdf", tools: []string{"pdftotext"}},
		{file: "equip.docx"},
		{file: "equip.doc", tools: []string{"soffice"}},
		{file: "equip.xlsx"},
		{file: "equip.xls", tools: []string{"soffice"}},
	},
}

// golden is what a notice must yield in every format.
type golden struct {
	Type        enduse.NoticeType `json:"type,omitempty"`
	Title       string            `json:"title,omitempty"`
	Published   string            `json:"published,omitempty"`
	ProjectCode string            `json:"project_code,omitempty"`
	Buyer       string            `json:"buyer,omitempty"`
	Agency      string            `json:"agency,omitempty"`
	Budget      float64           `json:"budget,omitempty"`
	Items       []goldenItem      `json:"items"`
}

type goldenItem struct {
	Name      string  `json:"name"`
	Brand     string  `json:"brand,omitempty"`
	Model     string  `json:"model,omitempty"`
	Quantity  float64 `json:"quantity,omitempty"`
	Unit      string  `json:"unit,omitempty"`
	UnitPrice float64 `json:"unit_price,omitempty"`
	Total     float64 `json:"total,omitempty"`
}

var (
	pipeOnce sync.Once
	pipe     *pipeline.Pipeline
	pipeErr  error
)

func testPipeline(t *testing.T) *pipeline.Pipeline {
	t.Helper()
	pipeOnce.Do(func() { pipe, pipeErr = pipeline.New(pipeline.Config{}) })
	if pipeErr != nil {
		t.Fatal(pipeErr)
	}
	return pipe
}

func extractFile(t *testing.T, name string) (*enduse.Document, golden) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata/formats", name))
	if err != nil {
		t.Fatal(err)
	}
	d, err := document.Parse(raw, name, document.Options{})
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	n := testPipeline(t).Process(d).Notice
	g := golden{Type: n.Type, Title: n.Title, Published: n.Published, ProjectCode: n.ProjectCode, Budget: n.Budget, Items: []goldenItem{}}
	if n.Buyer != nil {
		g.Buyer = n.Buyer.Name
	}
	if n.Agency != nil {
		g.Agency = n.Agency.Name
	}
	for _, it := range n.Items {
		g.Items = append(g.Items, goldenItem{it.Name, it.Brand, it.Model, it.Quantity, it.Unit, it.UnitPrice, it.Total})
	}
	return d, g
}

func needTools(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed (scripts/test installs it)", tool)
		}
	}
}

// TestFormatsKeepTables (golden files rewritten with
// ENDUSE_UPDATE_GOLDEN=1; the package's -update flag belongs to the
// in-package tests): a notice rendered from its HTML to PDF, DOC,
// DOCX, XLS and XLSX yields the same fields and items as the HTML, which
// itself matches its golden file.
func TestFormatsKeepTables(t *testing.T) {
	for src, cases := range formatCases {
		t.Run(src, func(t *testing.T) {
			_, want := extractFile(t, src+".html")
			path := filepath.Join("testdata/formats", src+".golden.json")
			if os.Getenv("ENDUSE_UPDATE_GOLDEN") != "" {
				b, _ := json.MarshalIndent(want, "", "  ")
				if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var pinned golden
			if err := json.Unmarshal(b, &pinned); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(pinned, want) {
				t.Fatalf("%s.html no longer matches its golden file:\n got %+v\nwant %+v", src, want, pinned)
			}
			if len(want.Items) < 2 {
				t.Fatalf("%s.html: %d items, a table test needs at least 2", src, len(want.Items))
			}
			for _, c := range cases {
				t.Run(c.file, func(t *testing.T) {
					needTools(t, c.tools...)
					_, got := extractFile(t, c.file)
					if !reflect.DeepEqual(got.Items, want.Items) {
						t.Errorf("items\n got %+v\nwant %+v", got.Items, want.Items)
					}
					if !c.fields {
						return
					}
					skip := map[string]bool{}
					for _, s := range c.skip {
						skip[s] = true
					}
					check := func(name string, g, w any) {
						if !skip[name] && !reflect.DeepEqual(g, w) {
							t.Errorf("%s = %v, want %v (as in the HTML)", name, g, w)
						}
					}
					check("type", got.Type, want.Type)
					check("title", got.Title, want.Title)
					check("published", got.Published, want.Published)
					check("project_code", got.ProjectCode, want.ProjectCode)
					check("buyer", got.Buyer, want.Buyer)
					check("agency", got.Agency, want.Agency)
					check("budget", got.Budget, want.Budget)
				})
			}
		})
	}
}

// TestPDFFontsWithoutUnicode: a GBK-EUC-H font without a ToUnicode map is
// decoded through poppler-data's character maps; an Identity-H font
// without one cannot be decoded and the PDF is refused as garbled.
func TestPDFFontsWithoutUnicode(t *testing.T) {
	needTools(t, "pdftotext", "pdffonts")
	raw, err := os.ReadFile("testdata/formats/nb-garbled-identity.pdf")
	if err != nil {
		t.Fatal(err)
	}
	_, err = document.Parse(raw, "garbled.pdf", document.Options{})
	if !errors.Is(err, document.ErrGarbled) || !strings.Contains(err.Error(), "Identity-H") {
		t.Errorf("garbled PDF: err = %v, want ErrGarbled naming the Identity-H font", err)
	}

	raw, err = os.ReadFile("testdata/formats/nb-gbk-euc-h.pdf")
	if err != nil {
		t.Fatal(err)
	}
	d, err := document.Parse(raw, "gbk.pdf", document.Options{})
	if _, statErr := os.Stat("/usr/share/poppler/cMap/Adobe-GB1"); statErr != nil {
		if !errors.Is(err, document.ErrGarbled) || !strings.Contains(err.Error(), "poppler-data") {
			t.Errorf("GBK-EUC-H PDF without poppler-data: err = %v, want ErrGarbled naming poppler-data", err)
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	n := testPipeline(t).Process(d).Notice
	if n.Buyer == nil || n.Buyer.Name != "宁波银行股份有限公司" || n.Published != "2026-01-16" || n.Type != enduse.TypeTender {
		t.Errorf("GBK-EUC-H PDF: buyer %+v published %q type %q", n.Buyer, n.Published, n.Type)
	}
}

// TestOCR: a scanned equipment list, as an image and as an image-only PDF,
// is recognised with tesseract, marked as OCR text, and its table keeps
// its rows: every item's name and brand is read.
func TestOCR(t *testing.T) {
	if testing.Short() {
		t.Skip("OCR takes seconds a page")
	}
	needTools(t, "tesseract", "pdftoppm", "pdftotext")
	if out, err := exec.Command("tesseract", "--list-langs").CombinedOutput(); err != nil || !strings.Contains(string(out), "chi_sim") {
		t.Skip("tesseract chi_sim data not installed (tesseract-ocr-chi-sim)")
	}
	_, want := extractFile(t, "equip.html")
	for _, f := range []string{"equip-scan.png", "equip-scan.pdf"} {
		t.Run(f, func(t *testing.T) {
			d, got := extractFile(t, f)
			if !d.OCR {
				t.Error("document not marked as OCR text")
			}
			if len(got.Items) != len(want.Items) {
				t.Fatalf("%d items, want %d: %+v", len(got.Items), len(want.Items), got.Items)
			}
			for i := range want.Items {
				if got.Items[i].Name != want.Items[i].Name || got.Items[i].Brand != want.Items[i].Brand {
					t.Errorf("item %d: %s/%s, want %s/%s", i, got.Items[i].Name, got.Items[i].Brand, want.Items[i].Name, want.Items[i].Brand)
				}
			}
		})
	}
}
