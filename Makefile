# Campaign Retro. `go run .` writes the sample report; `make test` is what CI runs.
GO ?= go

.PHONY: report test vet unit sample

report: ## the report from sample-data into out/
	$(GO) run .

test: vet unit ## everything CI runs

vet:
	@test -z "$$(gofmt -l . | tee /dev/stderr)" || (echo "gofmt: files above need formatting" >&2; exit 1)
	$(GO) vet ./...

unit:
	$(GO) test ./...

sample: ## remake sample-data from its generator (fixed seed)
	$(GO) run ./cmd/gensample -out sample-data
