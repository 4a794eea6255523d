package recognize

import (
	"strings"
	"testing"
)

// BenchmarkFindManyMentions runs Find over one line holding n brand and
// model mentions: the cost must grow linearly with n (overlap resolution
// was quadratic: 40k mentions took 9.8 s, 80k 40.7 s).
func BenchmarkFindManyMentions(b *testing.B) {
	r := fixture(b)
	for _, n := range []int{10000, 40000, 80000} {
		text := strings.Repeat("希捷ST8000VX004海康威视 ", n/2)
		b.Run(strings.Repeat("x", 0)+itoa(n), func(b *testing.B) {
			runThroughput(b, len(text), func() { r.Find(text) })
		})
	}
}

func itoa(n int) string {
	s := ""
	for n > 0 {
		s = string(rune('0'+n%10)) + s
		n /= 10
	}
	return s
}
