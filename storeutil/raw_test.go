package storeutil

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
)

func shaOf(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// TestRaws: HTML is packed and unpacks to the very bytes; what does not
// shrink (short, compressed already) is stored as it is; damaged or
// unknown stored forms are refused, never returned.
func TestRaws(t *testing.T) {
	r, err := NewRaws()
	if err != nil {
		t.Fatal(err)
	}
	html := []byte("<html><body>" + strings.Repeat("<tr><td>网络硬盘录像机</td><td>海康威视 DS-7816N</td><td>2台</td></tr>", 200) + "</body></html>")
	z, codec := r.Pack(html)
	if codec != RawZstd || len(z) >= len(html)/4 {
		t.Fatalf("Pack(HTML of %d bytes) = %d bytes, %q", len(html), len(z), codec)
	}
	got, err := r.Unpack(z, codec, shaOf(html))
	if err != nil || !bytes.Equal(got, html) {
		t.Fatalf("Unpack = %d bytes, %v", len(got), err)
	}
	for _, b := range [][]byte{nil, []byte("short"), z /* compressed already */} {
		p, c := r.Pack(b)
		if c != RawPlain || !bytes.Equal(p, b) {
			t.Errorf("Pack(%d bytes) = %d bytes, %q; want them as they are", len(b), len(p), c)
		}
	}
	damaged := bytes.Clone(z)
	damaged[len(damaged)/2] ^= 0xff
	for _, c := range []struct {
		name       string
		raw        []byte
		codec, sha string
	}{
		{"damaged frame", damaged, RawZstd, shaOf(html)},
		{"truncated frame", z[:len(z)/2], RawZstd, shaOf(html)},
		{"wrong document", z, RawZstd, shaOf([]byte("other"))},
		{"unknown codec", z, "brotli", shaOf(html)},
	} {
		if b, err := r.Unpack(c.raw, c.codec, c.sha); err == nil {
			t.Errorf("%s: Unpack gave %d bytes and no error", c.name, len(b))
		}
	}
}

// FuzzUnpack: no stored form panics the unpacker, and whatever it
// returns has the sha256 asked for.
func FuzzUnpack(f *testing.F) {
	r, err := NewRaws()
	if err != nil {
		f.Fatal(err)
	}
	z, _ := r.Pack([]byte(strings.Repeat("<p>视频监控</p>", 50)))
	f.Add(z)
	f.Add([]byte("\x28\xb5\x2f\xfd\x00\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		want := shaOf([]byte(strings.Repeat("<p>视频监控</p>", 50)))
		out, err := r.Unpack(b, RawZstd, want)
		if err == nil && shaOf(out) != want {
			t.Fatalf("Unpack returned bytes of another sha256")
		}
	})
}
