package recognize

import (
	"syscall"
	"testing"
	"time"
)

// cpuTime returns the process's user+system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// runThroughput runs f b.N times over n bytes and also reports throughput
// per CPU second ("cpu-MB/s"), which stays meaningful on a loaded machine
// where wall-clock MB/s does not.
func runThroughput(b *testing.B, n int, f func()) {
	b.SetBytes(int64(n))
	b.ReportAllocs()
	b.ResetTimer()
	start := cpuTime()
	i := 0
	for b.Loop() {
		f()
		i++
	}
	if cpu := cpuTime() - start; cpu > 0 {
		b.ReportMetric(float64(n)*float64(i)/1e6/cpu.Seconds(), "cpu-MB/s")
	}
}
