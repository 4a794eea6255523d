package recognize

import (
	"strconv"
	"strings"
	"testing"
)

// BenchmarkFindManyMentions runs Find over one line holding n brand and
// model mentions: the cost per byte (cpu-MB/s) must stay flat as n grows
// (overlap resolution and line context were quadratic: 40k mentions took
// 9.8 s, 80k 40.7 s).
func BenchmarkFindManyMentions(b *testing.B) {
	r := fixture(b)
	for _, n := range []int{10000, 40000, 80000} {
		text := strings.Repeat("希捷ST8000VX004海康威视 ", n/2)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			runThroughput(b, len(text), func() { r.Find(text) })
		})
	}
}
