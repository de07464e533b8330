# fundflow: `make demo` runs the main job on the bundled demo case; `make test` runs the tests.
SWIFT ?= swift
RELEASE := .build/release/fundflow
DEMO_OUT := demo-case

.PHONY: deps build demo test fuzz bench robustness clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build -c release --product fundflow

demo: build
	$(RELEASE) analyze fixtures/demo/transfers.csv --victims fixtures/demo/victims.csv --out $(DEMO_OUT) --force --png
	@echo "The case report is $(DEMO_OUT)/report.html"

# The tests, the database tests against a throwaway PostgreSQL server, the CLI on that server and
# fundflow serve in headless chromium (scripts/test.sh); then a bounded fuzz pass over the readers
# (30 s, so that the whole stays within 8 minutes from a fresh clone; exit code 3 = no libFuzzer
# here: skipped).
test: deps
	scripts/test.sh
	scripts/fuzz.sh 30 || test $$? -eq 3

# A longer fuzz pass (60 s).
fuzz: deps
	scripts/fuzz.sh 60 || test $$? -eq 3

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
