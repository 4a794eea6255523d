// Command loadgen writes a load-test input: n crawler-export records made
// by varying the bundled sample's real notices (each copy gets its own
// record id, a title suffix and a marker in its content, so every copy has
// its own bytes and is its own announcement), as one JSON Lines file read
// with --fields `+Fields+`. scripts/loadtest uses it.
//
//	go run ./scripts/loadgen -n 100000 -out /tmp/enduse-load.jsonl
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/enduse/enduse/sample"
)

// Fields is the --fields mapping of the file loadgen writes.
const Fields = "id=id,title=title,published=published,url=url,html=html,text=text"

func main() {
	n := flag.Int("n", 100000, "records to write")
	out := flag.String("out", "", "file to write")
	flag.Parse()
	if *out == "" || *n <= 0 {
		fmt.Fprintln(os.Stderr, "usage: loadgen -n N -out FILE")
		os.Exit(2)
	}
	if err := run(*n, *out); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

// record is one sample record in the common keys of Fields.
type record struct {
	ID        string `json:"id"`
	Title     string `json:"title,omitempty"`
	Published string `json:"published,omitempty"`
	URL       string `json:"url,omitempty"`
	HTML      string `json:"html,omitempty"`
	Text      string `json:"text,omitempty"`
}

// run writes n varied records, the sample's records in turn.
func run(n int, path string) error {
	files, err := sample.Files()
	if err != nil {
		return err
	}
	var base []record
	for _, f := range files {
		keys := map[string]string{}
		for _, kv := range strings.Split(f.Fields, ",") {
			k, v, _ := strings.Cut(kv, "=")
			keys[k] = v
		}
		sc := bufio.NewScanner(bytes.NewReader(f.Data))
		sc.Buffer(make([]byte, 1<<20), 64<<20)
		for sc.Scan() {
			var m map[string]any
			if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
				return fmt.Errorf("%s: %w", f.Name, err)
			}
			get := func(k string) string {
				if v, ok := m[keys[k]]; ok && v != nil {
					return fmt.Sprint(v)
				}
				return ""
			}
			base = append(base, record{ID: get("id"), Title: get("title"), Published: get("published"), URL: get("url"),
				HTML: get("html"), Text: get("text")})
		}
		if err := sc.Err(); err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
	}
	fh, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(fh, 1<<20)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for k := 0; k < n; k++ {
		r := base[k%len(base)]
		c := k / len(base)
		r.ID = fmt.Sprintf("%s-copy%d", r.ID, c)
		if r.Title != "" {
			r.Title = fmt.Sprintf("%s（第%d包）", r.Title, c+1)
		}
		if r.HTML != "" {
			r.HTML += fmt.Sprintf("<!-- load copy %d -->", c)
		}
		if r.Text != "" {
			r.Text += fmt.Sprintf("\n（第%d包）", c+1)
		}
		if err := enc.Encode(r); err != nil {
			fh.Close()
			return err
		}
	}
	if err := w.Flush(); err != nil {
		fh.Close()
		return err
	}
	return fh.Close()
}
