# fundflow: `make demo` runs the main job on the bundled demo case; `make test` runs the tests.
SWIFT ?= swift
RELEASE := .build/release/fundflow
DEMO_OUT := demo-case

.PHONY: deps build demo test bench clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build -c release --product fundflow

demo: build
	$(RELEASE) analyze fixtures/demo/transfers.csv --victims fixtures/demo/victims.csv --out $(DEMO_OUT) --force --png
	@echo "The case report is $(DEMO_OUT)/report.html"

test: deps
	$(SWIFT) test

# Every benchmark of Benchmarks/README.md (about half an hour on 2 cores; they write Benchmarks/data/).
bench: deps
	Benchmarks/run.sh
	Benchmarks/trace.sh
	Benchmarks/detect.sh
	Benchmarks/render.sh
	Benchmarks/analyze.sh
	Benchmarks/quality.sh

clean:
	rm -rf .build
