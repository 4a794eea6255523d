package document

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/enduse/enduse/safetext"
)

// Media types of the archives and images Walk and Parse recognise besides
// those of document.go.
const (
	MediaRAR  = "application/vnd.rar"
	Media7Z   = "application/x-7z-compressed"
	MediaTIFF = "image/tiff"
)

// Limits of RAR and 7z archives, against archive bombs. Each member is also
// capped at Options.MaxBytes, and archives nest at most maxZipDepth deep.
const (
	// MaxArchiveMembers caps the members of one archive.
	MaxArchiveMembers = 5000
	// MaxArchiveBytes caps the bytes decompressed from one archive.
	MaxArchiveBytes = 1 << 30
)

// archivePackage is the Debian package of bsdtar, which reads RAR (4 and
// 5) and 7z archives.
const archivePackage = "libarchive-tools"

// isExtArchive reports whether a media type is an archive read with bsdtar.
func isExtArchive(media string) bool { return media == MediaRAR || media == Media7Z }

// extArchive visits the members of a RAR or 7z archive in name order, each
// decompressed alone to memory under the size caps (so a bomb ends in an
// error for that member, not a full disk), nested archives included.
func (w *walker) extArchive(raw []byte, source string, depth int) error {
	if depth > maxZipDepth {
		return w.fail(fmt.Errorf("walk %s: archives nested deeper than %d", safetext.Escape(source), maxZipDepth))
	}
	dir, err := os.MkdirTemp("", "enduse-arc-*")
	if err != nil {
		return w.fail(fmt.Errorf("walk %s: temp dir: %w", safetext.Escape(source), err))
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "archive")
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		return w.fail(fmt.Errorf("walk %s: write temp file: %w", safetext.Escape(source), err))
	}
	list, err := execToolLimit(w.ctx, "bsdtar", archivePackage, w.opt.Bsdtar, w.opt, 16<<20, "-tf", path)
	if err != nil {
		if cerr := w.ctx.Err(); cerr != nil {
			return cerr
		}
		return w.fail(fmt.Errorf("walk %s: %w", safetext.Escape(source), err))
	}
	var names []string
	for _, n := range strings.Split(string(list), "\n") {
		if n == "" || strings.HasSuffix(n, "/") {
			continue
		}
		names = append(names, n)
	}
	if len(names) > MaxArchiveMembers {
		return w.fail(fmt.Errorf("walk %s: %d members exceed the limit of %d", safetext.Escape(source), len(names), MaxArchiveMembers))
	}
	sort.Strings(names)
	var total int64
	for _, n := range names {
		if err := w.ctx.Err(); err != nil {
			return err
		}
		name := archiveName(n)
		src := source + "!" + name
		base := name[strings.LastIndexByte(name, '/')+1:]
		if strings.HasPrefix(base, ".") || strings.HasPrefix(name, "__MACOSX/") {
			continue
		}
		limit := w.opt.maxBytes()
		if left := MaxArchiveBytes - total; left < limit {
			limit = left
		}
		if limit <= 0 {
			return w.fail(fmt.Errorf("walk %s: more than %d bytes decompressed; the remaining members are skipped", safetext.Escape(source), int64(MaxArchiveBytes)))
		}
		data, err := execToolLimit(w.ctx, "bsdtar", archivePackage, w.opt.Bsdtar, w.opt, limit+1, "-xOf", path, "--", globEscape(n))
		if err != nil {
			if cerr := w.ctx.Err(); cerr != nil {
				return cerr
			}
			if strings.Contains(err.Error(), errOutputLimit.Error()) {
				err = fmt.Errorf("more than %d bytes", limit)
			}
			if ferr := w.fail(fmt.Errorf("walk %s: %w", safetext.Escape(src), err)); ferr != nil {
				return ferr
			}
			continue
		}
		total += int64(len(data))
		if err := w.bytes(data, src, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// archiveName returns a member name as UTF-8: RAR 4 archives made on
// Chinese Windows store names in GBK.
func archiveName(n string) string {
	if !utf8.ValidString(n) {
		if dec, err := simplifiedchinese.GB18030.NewDecoder().String(n); err == nil {
			n = dec
		}
	}
	return strings.ToValidUTF8(n, "\uFFFD")
}

// globEscape quotes the pattern characters of a member name: bsdtar reads
// member arguments as patterns.
func globEscape(n string) string {
	var b strings.Builder
	for _, r := range n {
		if strings.ContainsRune(`*?[]\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
