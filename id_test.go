package enduse

import (
	"errors"
	"strings"
	"testing"
)

func TestNoticeID(t *testing.T) {
	sha := strings.Repeat("ab", 32)
	for _, tc := range []struct{ in, want string }{
		{sha, sha},
		{" " + strings.ToUpper(sha) + "\n", sha},
		{"ABCDEF01", "abcdef01"},
		{"abcdef0", ""},  // too short
		{sha + "a", ""},  // too long
		{"abcdefgh", ""}, // not hex
		{"", ""},         // nothing
		{"希捷希捷希捷希捷", ""}, // not hex, multi-byte
	} {
		got, err := NoticeID(tc.in)
		if tc.want == "" {
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("NoticeID(%q) = %q, %v; want ErrInvalid", tc.in, got, err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("NoticeID(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}
