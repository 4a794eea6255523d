package enduse

import "context"

// StepProgress hears how far a long step inside a store has gone: done of
// total units of the step (notices, say). Opening a store migrates it,
// and a migration that fills an index from a million stored notices runs
// for minutes; the command line shows such steps on a terminal. It is
// called from the goroutine doing the step.
type StepProgress func(step string, done, total int64)

type stepProgressKey struct{}

// WithStepProgress returns ctx carrying p, for the steps run under it.
func WithStepProgress(ctx context.Context, p StepProgress) context.Context {
	return context.WithValue(ctx, stepProgressKey{}, p)
}

// StepProgressOf returns the StepProgress ctx carries, or one that hears
// nothing.
func StepProgressOf(ctx context.Context) StepProgress {
	if p, ok := ctx.Value(stepProgressKey{}).(StepProgress); ok && p != nil {
		return p
	}
	return func(string, int64, int64) {}
}
