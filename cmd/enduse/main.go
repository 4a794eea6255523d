// Command enduse is the end-use intelligence engine: it turns public
// procurement notices into evidence of which technology reaches which end
// users. See the README and `enduse help`.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/enduse/enduse/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// The first signal cancels the run, which stops within a second or
	// two with the store consistent; a second one kills at once (every
	// document is saved in its own transaction, so that is safe too).
	go func() {
		<-ctx.Done()
		stop()
	}()
	code := cli.Main(ctx, os.Args[1:], cli.OSEnv())
	stop()
	os.Exit(code)
}
