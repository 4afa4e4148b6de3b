# Campaign Retro. `go run .` writes the sample report; `make test` is what CI runs.
GO ?= go

.PHONY: report test vet unit scale-check bench bench-scale sample

report: ## the report from sample-data into out/
	$(GO) run .

test: vet unit scale-check ## everything CI runs

vet:
	@test -z "$$(gofmt -l . | tee /dev/stderr)" || (echo "gofmt: files above need formatting" >&2; exit 1)
	$(GO) vet ./...

unit:
	$(GO) test ./...

sample: ## remake sample-data from its generator (fixed seed)
	$(GO) run ./cmd/gensample -out sample-data

scale-check: ## correctness invariants on generated data of 100,000 leads
	RETRO_SCALE=100000 $(GO) test -run TestScaleInvariants -count=1 .

bench: ## go test benchmarks of the loader and each analysis section
	$(GO) test -run '^$$' -bench . -benchmem ./loader ./analysis

bench-scale: ## whole runs at 100k, 300k and 1M leads against the DuckDB peer
	scripts/bench.sh
