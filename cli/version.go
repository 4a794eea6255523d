package cli

import (
	"context"
	"fmt"
	"runtime"

	"github.com/enduse/enduse"
)

// runVersion prints the program and contract versions.
func runVersion(ctx context.Context, env Env, cfg Config, args []string) error {
	fmt.Fprintf(env.Stdout, "enduse %s (extraction schema %d, %s)\n", Version, enduse.SchemaVersion, runtime.Version())
	return nil
}
