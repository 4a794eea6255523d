package cli

import (
	"context"
	"errors"
)

func openPostgres(ctx context.Context, dsn string) (store, error)            { return nil, errors.New("todo") }
