package storeutil

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/klauspost/compress/zstd"
)

// Documents keep their original bytes unchanged, but not always stored as
// they are: HTML, the bulk of every archive, shrinks about seven times
// under zstd's fastest level (91 MB of notices to 13 MB), which cuts a
// SQLite store to less than half and what its one writer and the WAL
// checkpoint copy. documents.raw_codec says how documents.raw holds them.
const (
	RawPlain = ""     // raw is the bytes themselves
	RawZstd  = "zstd" // raw is one zstd frame of the bytes
)

// rawMinSaving is the least share of a document packing must save to be
// kept: a PDF, DOCX, ZIP or image is compressed already, and storing it
// as it is spares every reader the unpacking.
const rawMinSaving = 0.10

// rawMaxBytes bounds what unpacking a stored frame may produce: more than
// any input ingest accepts (document.DefaultMaxBytes and budgets), so a
// damaged frame cannot make a reader allocate without end.
const rawMaxBytes = 1 << 30

// Raws packs documents' original bytes for storage and unpacks them. It
// is safe for concurrent use; a store holds one.
type Raws struct {
	enc    *zstd.Encoder
	dec    *zstd.Decoder
	closed bool
}

// NewRaws returns a packer.
func NewRaws() (*Raws, error) {
	enc, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderConcurrency(1))
	if err != nil {
		return nil, fmt.Errorf("raw packer: %w", err)
	}
	dec, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(0), zstd.WithDecoderMaxMemory(rawMaxBytes))
	if err != nil {
		return nil, fmt.Errorf("raw unpacker: %w", err)
	}
	return &Raws{enc: enc, dec: dec}, nil
}

// Close releases the packer's resources (once; it is not used after).
func (r *Raws) Close() error {
	if r.closed {
		return nil
	}
	r.closed = true
	r.dec.Close()
	return r.enc.Close()
}

// Pack returns raw as it is to be stored and its codec.
func (r *Raws) Pack(raw []byte) ([]byte, string) {
	if len(raw) < 64 {
		return raw, RawPlain
	}
	z := r.enc.EncodeAll(raw, make([]byte, 0, len(raw)/4))
	if float64(len(z)) > float64(len(raw))*(1-rawMinSaving) {
		return raw, RawPlain
	}
	return z, RawZstd
}

// Unpack returns the original bytes of a stored document from raw and
// its codec, and checks them against sha, the document's sha256 (hex):
// bytes that unpack to anything else are damaged and never returned.
func (r *Raws) Unpack(raw []byte, codec, sha string) ([]byte, error) {
	var out []byte
	switch codec {
	case RawPlain:
		return raw, nil // as stored, and checked when stored
	case RawZstd:
		b, err := r.dec.DecodeAll(raw, nil)
		if err != nil {
			return nil, fmt.Errorf("unpack document %s: %w", sha, err)
		}
		out = b
	default:
		return nil, fmt.Errorf("unpack document %s: unknown codec %q", sha, codec)
	}
	sum := sha256.Sum256(out)
	if hex.EncodeToString(sum[:]) != sha {
		return nil, fmt.Errorf("unpack document %s: the stored bytes are damaged: they unpack to sha256 %x", sha, sum)
	}
	return out, nil
}
