package jsonout

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"
)

// v1 is what encoding/json writes: the meaning jsonout keeps. Where a
// string holds invalid UTF-8, encoding/json writes each bad byte as
// \ufffd and jsonout writes U+FFFD itself: the same string to a reader.
func v1(v any, indent, escapeHTML bool) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(escapeHTML)
	if indent {
		enc.SetIndent("", "  ")
	}
	err := enc.Encode(v)
	return bytes.ReplaceAll(b.Bytes(), []byte(`\ufffd`), []byte("\uFFFD")), err
}

// sameIndented checks that Indented writes v as encoding/json does.
func sameIndented(t *testing.T, v any, escape bool) {
	t.Helper()
	want, err := v1(v, true, escape)
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if err := Indented(&got, v, escape); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		differ(t, fmt.Sprintf("Indented(escapeHTML %v)", escape), got.Bytes(), want)
	}
}

// differ says where got and want part.
func differ(t *testing.T, what string, got, want []byte) {
	t.Helper()
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	t.Errorf("%s differs from encoding/json at byte %d: %q, want %q", what, i, got[max(0, i-40):min(len(got), i+40)], want[max(0, i-40):min(len(want), i+40)])
}

type text struct{ s string }

func (t text) MarshalText() ([]byte, error) { return []byte("<" + t.s + ">"), nil }

type raw struct{}

func (raw) MarshalJSON() ([]byte, error) { return []byte(`{ "b": [1, 2],  "a": "x" }`), nil }

type inner struct {
	X int `json:"x"`
}

type shape struct {
	Name    string            `json:"name"`
	Empty   string            `json:"empty,omitempty"`
	Nil     []string          `json:"nil"`
	NilMap  map[string]int    `json:"nil_map"`
	Zero    []int             `json:"zero"`
	Map     map[string]any    `json:"map"`
	IntKeys map[int]string    `json:"int_keys"`
	TextKey map[text]int      `json:"text_keys"`
	Floats  []float64         `json:"floats"`
	Quoted  int               `json:"quoted,string"`
	Bytes   []byte            `json:"bytes"`
	When    time.Time         `json:"when"`
	Raw     json.RawMessage   `json:"raw"`
	Method  raw               `json:"method"`
	Text    text              `json:"text"`
	Ptr     *inner            `json:"ptr"`
	NilPtr  *inner            `json:"nil_ptr,omitempty"`
	Any     any               `json:"any"`
	Skip    string            `json:"-"`
	Nested  map[string][]bool `json:"nested"`
	inner
}

func sample() shape {
	return shape{
		Name:    "新疆 <b>&amp;</b> \u2028 \x7f \xff end",
		Zero:    []int{},
		Map:     map[string]any{"b": 1, "a": []any{nil, "x", 2.5}, "": map[string]any{}},
		IntKeys: map[int]string{10: "ten", 2: "two", -1: "minus"},
		TextKey: map[text]int{{"b"}: 2, {"a"}: 1},
		Floats:  []float64{0, -0.0, 1, 0.1, 1e20, 1e21, 1e-6, 1e-7, 123456789.125, math.MaxFloat64, math.SmallestNonzeroFloat64, 2510917117694.92},
		Quoted:  42,
		Bytes:   []byte("hello\x00"),
		When:    time.Date(2022, 5, 12, 8, 30, 0, 5, time.FixedZone("CST", 8*3600)),
		Raw:     json.RawMessage(`{"z": 1,   "y": [ ]}`),
		Ptr:     &inner{7},
		Any:     []string{"a"},
		Skip:    "never",
		Nested:  map[string][]bool{"k": {true, false}},
		inner:   inner{3},
	}
}

// TestSameAsEncodingJSON: for values of every kind the program writes,
// jsonout writes the very bytes encoding/json does.
func TestSameAsEncodingJSON(t *testing.T) {
	for _, v := range []any{sample(), []shape{sample(), {}}, nil, "x", 1.5, map[string]int{}, []any{}, struct{}{}} {
		for _, escape := range []bool{false, true} {
			sameIndented(t, v, escape)
		}
		want, _ := v1(v, false, false)
		var got bytes.Buffer
		if err := Line(&got, v); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want) {
			differ(t, "Line", got.Bytes(), want)
		}
	}
}

// TestErrors: what encoding/json refuses, jsonout refuses.
func TestErrors(t *testing.T) {
	for _, v := range []any{math.NaN(), math.Inf(1), map[string]any{"f": func() {}}, make(chan int)} {
		if _, err := v1(v, true, false); err == nil {
			t.Fatalf("encoding/json wrote %v", v)
		}
		if err := Indented(&bytes.Buffer{}, v, false); err == nil {
			t.Errorf("Indented(%T) gave no error", v)
		}
	}
	if err := Line(failing{}, "x"); !errors.Is(err, errWrite) {
		t.Errorf("a failing writer: %v", err)
	}
}

var errWrite = errors.New("disk full")

type failing struct{}

func (failing) Write([]byte) (int, error) { return 0, errWrite }

// FuzzSameAsEncodingJSON: any string and number, as a value, a map key
// and inside a structure, encodes as encoding/json encodes it.
func FuzzSameAsEncodingJSON(f *testing.F) {
	f.Add("新疆公安厅 <script>&", 2510917117694.92, true)
	f.Add("\xff\xfe\u2028\u2029\x00\"\\", 1e-7, false)
	f.Add(strings.Repeat("a", 5000), 1e21, true)
	f.Fuzz(func(t *testing.T, s string, x float64, escape bool) {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return
		}
		sameIndented(t, map[string]any{s: []any{s, x, map[string]float64{s: x}}, "k": shape{Name: s, Floats: []float64{x}}}, escape)
	})
}
