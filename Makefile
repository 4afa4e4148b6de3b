# Campaign Retro. `go run .` writes the sample report; `make test` is what CI runs.
GO ?= go

.PHONY: report test vet unit fuzz sample

report: ## the report from sample-data into out/
	$(GO) run .

test: vet unit fuzz ## everything CI runs

vet:
	@test -z "$$(gofmt -l . | tee /dev/stderr)" || (echo "gofmt: files above need formatting" >&2; exit 1)
	$(GO) vet ./...

unit:
	$(GO) test ./...

# The loader's fuzz targets, each run for FUZZTIME (make fuzz FUZZTIME=5m for
# a longer hunt). An input that fails is saved under loader/testdata/fuzz:
# commit it, it then runs with every go test as a regression seed.
FUZZTIME ?= 10s
FUZZMINIMIZETIME ?= 2s
FUZZ_TARGETS = FuzzLoadCSV FuzzParseTime FuzzParseAmount FuzzDialect FuzzParseBool FuzzXLSXCell

fuzz: ## a short run of each fuzz target
	@for f in $(FUZZ_TARGETS); do \
		echo "$(GO) test -run='^$$' -fuzz='^'$$f'$$' -fuzztime=$(FUZZTIME) -fuzzminimizetime=$(FUZZMINIMIZETIME) ./loader"; \
		$(GO) test -run='^$$' -fuzz="^$$f\$$" -fuzztime=$(FUZZTIME) -fuzzminimizetime=$(FUZZMINIMIZETIME) ./loader || exit 1; \
	done

sample: ## remake sample-data from its generator (fixed seed)
	$(GO) run ./cmd/gensample -out sample-data
