package cli

import (
	"context"
	"errors"
)

func runServe(ctx context.Context, env Env, cfg Config, args []string) error  { return errors.New("todo") }
func openPostgres(ctx context.Context, dsn string) (store, error)            { return nil, errors.New("todo") }
func serve(ctx context.Context, env Env, cfg Config, st store, addr string) error {
	return errors.New("todo")
}
