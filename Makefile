# fundflow: `make demo` runs the main job on the bundled demo case; `make test` runs the tests.
SWIFT ?= swift
RELEASE := .build/release/fundflow
DEMO_INPUTS := fixtures/demo/transfers.csv

.PHONY: deps build demo test bench clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build -c release --product fundflow

demo: build
	$(RELEASE) stats $(DEMO_INPUTS)

test: deps
	$(SWIFT) test

bench: deps
	Benchmarks/run.sh

clean:
	rm -rf .build
