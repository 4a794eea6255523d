# enduse — the two commands of the README are `go run ./cmd/enduse demo` and `make test`.

GO ?= go

.PHONY: test test-go build fuzz bench

# test installs and starts the test services, then runs every test
# (unit, golden, fuzz seed corpora, PostgreSQL integration, headless Chromium).
test:
	./scripts/test

# test-go runs the Go tests with whatever services are already up.
test-go:
	$(GO) vet ./...
	$(GO) test -count=1 ./...

build:
	$(GO) build -o bin/enduse ./cmd/enduse

# fuzz runs each fuzz target for FUZZTIME (long fuzzing is done by hand).
FUZZTIME ?= 1m
fuzz:
	./scripts/fuzz $(FUZZTIME)

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...
