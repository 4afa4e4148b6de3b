# Campaign Retro. `go run .` writes the sample report; `make test` is what CI runs.
GO ?= go

.PHONY: report test vet unit fuzz scale-check browser-test bench bench-scale sample

report: ## the report from sample-data into out/
	$(GO) run .

test: vet unit fuzz scale-check ## everything CI runs (make browser-test too)

vet:
	@test -z "$$(gofmt -l . | tee /dev/stderr)" || (echo "gofmt: files above need formatting" >&2; exit 1)
	$(GO) vet ./...
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...

unit:
	$(GO) test ./...

# The fuzz targets (loader, and templates' notes and Mermaid labels), each
# run for FUZZTIME in its own package (make fuzz FUZZTIME=5m for a longer
# hunt). An input that fails is saved under PACKAGE/testdata/fuzz: commit
# it, it then runs with every go test as a regression seed.
FUZZTIME ?= 10s
FUZZMINIMIZETIME ?= 2s
FUZZ_TARGETS = FuzzLoadCSV FuzzChunkedLoad FuzzParseTime FuzzParseAmount FuzzDialect FuzzParseBool FuzzXLSXCell FuzzPathFile FuzzNotes FuzzMermaidLabel

fuzz: ## a short run of each fuzz target
	scripts/fuzz.sh $(FUZZTIME) $(FUZZMINIMIZETIME) $(FUZZ_TARGETS)

sample: ## remake sample-data from its generator (fixed seed)
	$(GO) run ./cmd/gensample -out sample-data

scale-check: ## correctness invariants on generated data of 100,000 leads
	RETRO_SCALE=100000 $(GO) test -run 'TestScale(Invariants|VelocityChannelsAccounts)' -count=1 .

bench: ## go test benchmarks of the loader and each analysis section
	$(GO) test -run '^$$' -bench . -benchmem ./loader ./analysis

bench-scale: ## whole runs against the DuckDB peer: 100k-1M leads grouped, 1M and 3M shuffled, 100k over 40-20,000 campaigns and 5,000 scattered
	scripts/bench.sh

browser-test: ## report.html in headless Chromium (offline), report.md's Mermaid with Mermaid 10 and 11
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)
	cd tests/browser && npm ci --no-audit --no-fund --loglevel=error
	$(GO) run . -q --out out-browser/sample
	node tests/browser/check.mjs out-browser/sample out-browser/sample-screens
	$(GO) run . -q --period 2026-Q3 --max-bad-rows 50% --out out-browser/small testdata/small
	node tests/browser/check.mjs out-browser/small out-browser/small-screens
	$(GO) run . -q --period 2026-Q3 --max-bad-rows 50% --notes testdata/hostile/notes.md --mapping testdata/hostile/mapping.yaml --out out-browser/hostile testdata/hostile
	node tests/browser/check.mjs out-browser/hostile out-browser/hostile-screens

