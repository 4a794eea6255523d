package enduse

import (
	"fmt"
	"strings"

	"github.com/enduse/enduse/safetext"
)

// MinIDPrefix is the fewest hex digits of a sha256 that name a notice or
// document (the CLI, the API and links accept such prefixes).
const MinIDPrefix = 8

// SHAKey is a document's sha256 as the stores keep it: lower-case hex,
// without surrounding space, however the caller wrote it.
func SHAKey(sha string) string { return strings.ToLower(strings.TrimSpace(sha)) }

// NoticeID folds an id as given (a sha256 or a prefix of at least
// MinIDPrefix hex digits, any case, surrounding space) to the lower-case
// form the stores key on. A malformed one is ErrInvalid.
func NoticeID(id string) (string, error) {
	k := SHAKey(id)
	if len(k) < MinIDPrefix || len(k) > 64 || strings.Trim(k, "0123456789abcdef") != "" {
		return "", fmt.Errorf("id %q: want a sha256 or at least %d of its hex digits: %w", safetext.Clip(k, 70), MinIDPrefix, ErrInvalid)
	}
	return k, nil
}
