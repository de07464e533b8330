# fundflow: `make demo` runs the main job on the bundled demo case; `make test` runs the tests.
SWIFT ?= swift
RELEASE := .build/release/fundflow
DEMO_OUT := demo-case

.PHONY: deps build demo test bench robustness clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build -c release --product fundflow

demo: build
	$(RELEASE) analyze fixtures/demo/transfers.csv --victims fixtures/demo/victims.csv --out $(DEMO_OUT) --force --png
	@echo "The case report is $(DEMO_OUT)/report.html"

# The tests; a bounded fuzz pass over the readers (60 s; exit code 3 = no libFuzzer here: skipped);
# the PostgreSQL source against a throwaway server (builds --traits PostgreSQL in .build-pg/).
test: deps
	$(SWIFT) test
	scripts/fuzz.sh 60 || test $$? -eq 3
	scripts/db-test.sh

# Every benchmark of Benchmarks/README.md (about half an hour on 2 cores; they write Benchmarks/data/).
bench: deps
	Benchmarks/run.sh
	Benchmarks/trace.sh
	Benchmarks/detect.sh
	Benchmarks/render.sh
	Benchmarks/analyze.sh
	Benchmarks/quality.sh

# The long robustness runs: 10 minutes of fuzzing, 1,000 renders under valgrind, the 1 GiB line.
robustness: deps
	scripts/fuzz.sh 600
	scripts/render-valgrind.sh 1000
	scripts/hostile-inputs.sh

clean:
	rm -rf .build
