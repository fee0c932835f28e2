# Conveniences; CI runs .ci/run, which needs only Go.

.PHONY: test fuzz bench

test:
	go test ./...

# Every fuzz target (found by name: func FuzzX in a _test.go) for FUZZTIME each (default 5m): `make fuzz FUZZTIME=1h`.
# A crasher is written to testdata/fuzz/ of its package: commit it, it then
# runs as a regression test in every `go test`.
FUZZTIME ?= 5m
fuzz:
	@grep -rl --include='*_test.go' --exclude-dir=third_party '^func Fuzz' . | sort | while read f; do \
		for t in $$(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' $$f); do \
			echo "== $$(dirname $$f) $$t"; \
			go test $$(dirname $$f) -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 5s || exit 1; \
		done; \
	done

# Benchmarks against reference tools (see bench/).
bench:
	go test ./store ./cmd/vault -run '^$$' -bench .
	bench/run.sh
