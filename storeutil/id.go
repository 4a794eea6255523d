// Package storeutil holds the Go helpers the SQL stores share that are
// not counting rules (package counting): validating what is saved and
// re-cutting evidence from the redacted text, LIKE patterns and text-search
// terms, notice-id prefixes, the crawl frontier and the migration loader.
package storeutil

import (
	"fmt"

	"github.com/enduse/enduse"
)

// ResolveID turns a sha256 or a unique prefix of at least
// enduse.MinIDPrefix hex digits (enduse.NoticeID) into a stored
// document's sha256. lookup returns at most two stored
// sha256s in [from, to) — the prefix as a key range, since keys sort
// bytewise. A malformed or ambiguous id is ErrInvalid, an unknown one
// ErrNotFound.
func ResolveID(id string, lookup func(from, to string) ([]string, error)) (string, error) {
	id, err := enduse.NoticeID(id)
	if err != nil {
		return "", err
	}
	if len(id) == 64 {
		return id, nil
	}
	found, err := lookup(id, id+"g")
	if err != nil {
		return "", fmt.Errorf("id %s: %w", id, err)
	}
	switch len(found) {
	case 0:
		return "", fmt.Errorf("id %s: %w", id, enduse.ErrNotFound)
	case 1:
		return found[0], nil
	}
	return "", fmt.Errorf("id %s is ambiguous; give more digits: %w", id, enduse.ErrInvalid)
}
