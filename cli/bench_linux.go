package cli

import (
	"syscall"
	"time"
	"unsafe"
)

// rusage returns the process's CPU time so far and its peak resident
// memory in bytes.
func rusage() (time.Duration, int64) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), ru.Maxrss * 1024 // Linux reports kilobytes
}

// threadCPU returns the CPU time of the calling thread to the nanosecond
// (CLOCK_THREAD_CPUTIME_ID; getrusage's per-thread figure moves in scheduler
// ticks). Callers lock their goroutine to its thread.
func threadCPU() time.Duration {
	const clockThreadCPUTime = 3
	var ts syscall.Timespec
	if _, _, e := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTime, uintptr(unsafe.Pointer(&ts)), 0); e != 0 {
		return 0
	}
	return time.Duration(ts.Nano())
}
