// Package ordered runs independent work on every core and hands the
// results back in input order. extract, ingest and bench use it so a
// parallel run prints and stores exactly what a serial run would, in the
// same order, whatever the number of workers.
package ordered

import (
	"context"
	"runtime"
	"sync"
)

// Workers returns n, or one worker per usable CPU when n < 1.
func Workers(n int) int {
	if n < 1 {
		return runtime.GOMAXPROCS(0)
	}
	return n
}

// Map calls produce, which yields inputs one by one; work runs on each
// input on up to workers goroutines (0 = one per CPU), and emit receives the
// outputs in the order the inputs were yielded, on one goroutine. At most
// about 2×workers results are held at once, so memory stays bounded however
// long the input is.
//
// An error from emit, or the cancellation of ctx, stops the run: produce's
// yield then returns that error, the work still in flight is finished but
// not emitted, and Map returns the error. Otherwise Map returns produce's
// own error. With one worker, work and emit run in the caller's goroutine.
func Map[In, Out any](ctx context.Context, workers int, produce func(yield func(In) error) error,
	work func(In) Out, emit func(Out) error) error {
	workers = Workers(workers)
	if workers == 1 {
		return produce(func(in In) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			return emit(work(in))
		})
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type job struct {
		in  In
		out chan Out
	}
	jobs := make(chan job, workers)
	order := make(chan chan Out, 2*workers)
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				j.out <- work(j.in)
			}
		}()
	}

	// The emitter reads results in the order jobs were queued.
	var emitErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		for out := range order {
			r := <-out // every queued job is worked on, so this returns
			if emitErr != nil {
				continue
			}
			if err := emit(r); err != nil {
				emitErr = err
				cancel()
			}
		}
	}()

	perr := produce(func(in In) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		out := make(chan Out, 1)
		// order first, then jobs: the emitter can always make progress
		// because order has room for every job a worker may hold.
		select {
		case order <- out:
		case <-ctx.Done():
			return ctx.Err()
		}
		jobs <- job{in: in, out: out}
		return nil
	})
	close(jobs)
	wg.Wait()
	close(order)
	<-done
	if emitErr != nil {
		return emitErr
	}
	return perr
}

// Each calls f(i) for every i in [0, n) on up to workers goroutines (0 =
// one per CPU), each i once, and returns when all calls have. f must only
// write what i owns; callers that need the results in order index them
// by i.
func Each(workers, n int, f func(i int)) {
	workers = min(Workers(workers), max(n, 1))
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				f(i)
			}
		}()
	}
	wg.Wait()
}
