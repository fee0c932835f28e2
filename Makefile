# Conveniences; CI runs .ci/run, which needs only Go.

.PHONY: test fuzz bench

test:
	go test ./...

# Every fuzz target for FUZZTIME each (default 5m): `make fuzz FUZZTIME=1h`.
# A crasher is written to testdata/fuzz/ of its package: commit it, it then
# runs as a regression test in every `go test`.
FUZZTIME ?= 5m
FUZZ = internal/money:FuzzParse internal/date:FuzzParse export:FuzzClean export:FuzzRedactCards export:FuzzRedactContacts \
	evidence:FuzzParseEmail evidence:FuzzMbox evidence:FuzzSafeName evidence:FuzzDecodeImage \
	store:FuzzSearchTerms .:FuzzParseIDs deadlines:FuzzParse cmd/vault:FuzzParseDays evidence:FuzzHTMLText
fuzz:
	@for t in $(FUZZ); do \
		echo "== $$t"; \
		go test ./$${t%%:*} -run '^$$' -fuzz "^$${t##*:}$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 5s || exit 1; \
	done

# Benchmarks against reference tools (see bench/).
bench:
	go test ./store ./cmd/vault -run '^$$' -bench .
	bench/run.sh
