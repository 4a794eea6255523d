// Command enduse is the end-use intelligence engine: it turns public
// procurement notices into evidence of which technology reaches which end
// users. See the README and `enduse help`.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"syscall"

	"github.com/enduse/enduse/cli"
)

// Garbage collection, unless GOGC / GOMEMLIMIT say otherwise: a heap may
// grow to three times its live size between collections (Go's default is
// two), which saves about a tenth of extraction's CPU, while a soft limit
// makes the collector work harder as the heap nears softHeapLimit, so a
// run's memory stays where the input budgets put it (docs/budgets.md).
const (
	gcPercent     = 200
	softHeapLimit = 400 << 20
)

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(softHeapLimit)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// The first signal cancels the run, which stops within a second or
	// two with the store consistent; a second one kills at once (every
	// document is saved in its own transaction, so that is safe too).
	go func() {
		<-ctx.Done()
		stop()
	}()
	// ENDUSE_CPUPROFILE=FILE writes a CPU profile of the whole command
	// (go tool pprof FILE), for the per-stage tables of enduse bench.
	if path := os.Getenv("ENDUSE_CPUPROFILE"); path != "" {
		f, err := os.Create(path)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "enduse: ENDUSE_CPUPROFILE: %v\n", err)
			os.Exit(2)
		}
		defer f.Close()
	}
	code := cli.Main(ctx, os.Args[1:], cli.OSEnv())
	stop()
	pprof.StopCPUProfile()
	os.Exit(code)
}
