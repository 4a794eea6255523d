package cli

import (
	"bytes"
	"encoding/csv"
	"testing"

	"github.com/enduse/enduse"
)

// TestWriteRowsCSVNeutralisesFormulas: a hostile title, buyer or URL is
// written as text, while a negative or fractional amount stays a number.
func TestWriteRowsCSVNeutralisesFormulas(t *testing.T) {
	rows := []enduse.Row{{
		ID: "abc", Title: `=HYPERLINK("http://evil.example","点击")`, Buyer: "@SUM(A1)", Winner: "-2+3",
		URL: "+cmd|' /C calc'!A0", Source: "\tx", Amount: -12.5, Quantity: 3,
	}}
	var buf bytes.Buffer
	if err := writeRowsCSV(&buf, rows); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil || len(recs) != 2 {
		t.Fatalf("csv: %v %d records", err, len(recs))
	}
	col := map[string]string{}
	for i, h := range recs[0] {
		col[h] = recs[1][i]
	}
	for k, want := range map[string]string{
		"title": `'=HYPERLINK("http://evil.example","点击")`, "buyer": "'@SUM(A1)", "winner": "'-2+3",
		"url": "'+cmd|' /C calc'!A0", "source": "'\tx", "amount": "-12.5", "quantity": "3", "id": "abc",
	} {
		if col[k] != want {
			t.Errorf("%s = %q, want %q", k, col[k], want)
		}
	}
}
