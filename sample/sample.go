// Package sample bundles a small sample of real procurement notices into the
// binary, so `enduse demo` and `enduse bench` work on a fresh machine with no
// data of the user's own. SOURCES.md says where each record comes from.
package sample

import (
	"bytes"
	"embed"
	"fmt"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/document"
)

//go:embed *.jsonl
var files embed.FS

// File is one crawler export of the sample with the field mapping that
// reads it (enduse name=export key, as for `enduse ingest --fields`).
type File struct {
	Name   string
	Fields string
	Data   []byte
}

// exports lists the sample files with their field mappings.
func exports() []File {
	return []File{
		{Name: "yichang-ggzy.jsonl", Fields: "id=infoid,title=title,published=infodate,html=infocontent"},
		{Name: "ningbo-ygcg.jsonl", Fields: "id=bulletinId,title=bulletinTitle,published=publishDate,html=bulletinContent,url=prjUrl"},
		{Name: "public-security-pages.jsonl", Fields: "id=url,url=url,title=title,text=text"},
	}
}

// Files returns the bundled exports with their contents.
func Files() ([]File, error) {
	out := exports()
	for i := range out {
		b, err := files.ReadFile(out[i].Name)
		if err != nil {
			return nil, fmt.Errorf("read bundled sample %s: %w", out[i].Name, err)
		}
		out[i].Data = b
	}
	return out, nil
}

// Read decodes every record of the bundled exports, in order, calling fn
// as document.ReadRecords does (a nil document with the error for a record
// that cannot be read). Its shape is an ingest source.
func Read(fn func(*enduse.Document, error) error) error {
	files, err := Files()
	if err != nil {
		return err
	}
	for _, f := range files {
		fm, err := document.ParseFieldMap(f.Fields)
		if err != nil {
			return fmt.Errorf("bundled sample %s: %w", f.Name, err)
		}
		if err := document.ReadRecords(bytes.NewReader(f.Data), "sample/"+f.Name, fm, fn); err != nil {
			return err
		}
	}
	return nil
}
