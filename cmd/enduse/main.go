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
	code := cli.Main(ctx, os.Args[1:], cli.OSEnv())
	stop()
	os.Exit(code)
}
