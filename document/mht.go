package document

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/textproto"
	"strings"

	"github.com/enduse/enduse"
)

// MediaMHT is the media type of MHTML ("single file web page", .mht),
// the form in which Word and old browsers save a notice with its images.
const MediaMHT = "multipart/related"

// looksMHT reports whether raw starts with MIME headers declaring a
// multipart/related body.
func looksMHT(head []byte) bool {
	lower := lowerASCII(head)
	return (bytes.HasPrefix(lower, []byte("mime-version:")) || bytes.HasPrefix(lower, []byte("from:")) ||
		bytes.HasPrefix(lower, []byte("content-type:")) || bytes.HasPrefix(lower, []byte("subject:")) ||
		bytes.HasPrefix(lower, []byte("date:"))) &&
		bytes.Contains(lower, []byte("multipart/related"))
}

// fillMHT reads the first text/html part of an MHTML document (decoding
// its transfer encoding and charset) and lays it out as HTML.
func fillMHT(m *meter, doc *enduse.Document, raw []byte) error {
	tp := textproto.NewReader(bufio.NewReader(bytes.NewReader(raw)))
	hdr, err := tp.ReadMIMEHeader()
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("mht headers: %w", err)
	}
	mediaType, params, err := mime.ParseMediaType(hdr.Get("Content-Type"))
	if err != nil || !strings.HasPrefix(mediaType, "multipart/") || params["boundary"] == "" {
		return fmt.Errorf("mht: content type %q is not multipart with a boundary", hdr.Get("Content-Type"))
	}
	mr := multipart.NewReader(tp.R, params["boundary"])
	for {
		part, err := mr.NextRawPart()
		if errors.Is(err, io.EOF) {
			return errors.New("mht: no text/html part")
		}
		if err != nil {
			return fmt.Errorf("mht: %w", err)
		}
		ct := part.Header.Get("Content-Type")
		if pt, _, err := mime.ParseMediaType(ct); err != nil || pt != "text/html" {
			continue
		}
		var body io.Reader = part
		switch strings.ToLower(strings.TrimSpace(part.Header.Get("Content-Transfer-Encoding"))) {
		case "quoted-printable":
			body = quotedprintable.NewReader(part)
		case "base64":
			body = base64.NewDecoder(base64.StdEncoding, part) // skips line breaks
		}
		html, err := readAllLimited(body, m.b.MaxBytes, "max_bytes")
		if err != nil {
			return fmt.Errorf("mht html part: %w", err)
		}
		return fillHTML(m, doc, html, ct)
	}
}
