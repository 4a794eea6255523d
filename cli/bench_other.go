//go:build !linux

package cli

import "time"

// rusage is not measured off Linux: CPU time and peak memory read as zero.
func rusage() (time.Duration, int64) { return 0, 0 }

// benchEpoch anchors threadCPU's wall-clock stand-in.
var benchEpoch = time.Now()

// threadCPU falls back to wall time off Linux.
func threadCPU() time.Duration { return time.Since(benchEpoch) }
