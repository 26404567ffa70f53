# recon: `make report` and `make test` do all the set-up on a fresh machine.
SWIFT    ?= $(shell command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)
PYTHON   ?= python3
PIPELINE ?= Pipelines/sample.yml
AS_OF    ?=
OUT      ?=
VENV     := .venv

.PHONY: report test lint build clean deps pydeps sample-data render fuzz test-asan test-tsan bench

## report: install what is missing, build, run PIPELINE (default the sample) and print where the report is.
report: build
	.build/release/recon run $(PIPELINE) $(if $(AS_OF),--as-of $(AS_OF)) $(if $(OUT),--out $(OUT))

## test: install what is missing, build, run the unit and end-to-end tests, and run them again under
## ThreadSanitizer (test-tsan); then, on the release binary that nightly jobs run, check the workbook with an
## independent reader and the run-level guarantees (killed runs, full disks, hostile sizes, formulas, card
## numbers, redaction).
test: deps pydeps lint
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(MAKE) --no-print-directory test-tsan
	$(SWIFT) build -c release --product recon
	$(VENV)/bin/python Tests/Scripts/check_report.py --recon .build/release/recon
	$(VENV)/bin/python Tests/Scripts/check_guarantees.py --recon .build/release/recon

## lint: the Swift sources as `swift format` (the toolchain's) lays them out under .swift-format; any difference
## fails. `swift format format --in-place --recursive Sources Tests Package.swift` applies the layout.
lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift

## render: print every sheet of two workbooks through LibreOffice (installed when missing): the sample's
## second night (run as of 2026-06-29, then 2026-06-30 into the same folder, so its Changes sheet has rows)
## and a generated 50,000-order run; check every page (header with the sheet's name, footer "Page N of M",
## no `###`), print the pages per sheet, and refresh the README's pictures (docs/summary.png, overdue.png and
## changes.png) from the sample's pages. The PDFs stay in reports/. Takes about two minutes; not in `make test`.
render: build
	rm -rf reports/render-sample reports/render-50k
	.build/release/recon run Pipelines/sample.yml --as-of 2026-06-29 --out reports/render-sample --quiet
	.build/release/recon run Pipelines/sample.yml --out reports/render-sample --quiet
	.build/release/recon generate --orders 50000 --seed 1 --out reports/render-50k/data >/dev/null
	.build/release/recon run reports/render-50k/data/pipeline.yml --out reports/render-50k/out --quiet
	scripts/render-workbook.sh reports/render-sample reports/render-sample.pdf docs
	scripts/render-workbook.sh reports/render-50k/out reports/render-50k.pdf

## fuzz: libFuzzer on the CSV reader, the money parser, the timestamp parser and the workbook's text, SECONDS
## each (default 60; FUZZ_TARGETS="WorkbookText" for some only); failing inputs are kept in
## Tests/Fixtures/fuzz/ and replayed by `make test`.
SECONDS ?= 60
fuzz: deps
	scripts/fuzz.sh $(SECONDS) $(FUZZ_TARGETS)

## test-asan: the test suite under AddressSanitizer and LeakSanitizer; test-tsan (part of `make test`): under
## ThreadSanitizer (inputs are read and hashed, and the CSVs and the workbook written, on more than one thread;
## a data race fails the run). The tests are Swift Testing only; XCTest's empty runner, which leaks by itself,
## is skipped, and Tests/lsan-suppressions.txt names the one leak inside Foundation that a test meets.
test-asan: deps
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build-asan
	LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/lsan-suppressions.txt \
		$(SWIFT) test --skip-build --sanitize=address --scratch-path .build-asan --disable-xctest

test-tsan: deps
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build-tsan
	$(SWIFT) test --skip-build --sanitize=thread --scratch-path .build-tsan --disable-xctest

## bench: recon alone on the ambiguous case (20,000 same-priced cases and refunds; `bench/run_bench.py
## --case ambiguous` runs only that), then recon against DuckDB SQL + XlsxWriter (bench/peers/) on generated
## inputs of SIZE orders (default 100,000 and 1,000,000), with DuckDB's scan of the same inputs against recon's
## ingest; recon alone (and DuckDB's scan) at ALONE orders (default 10,000,000: the peer would take many minutes);
## then recon's CSV reader alone against the Swift CSV packages (bench/csv-readers/) on the largest payments file.
SIZE ?= 100000 1000000
ALONE ?= 10000000
bench: build
	$(PYTHON) -m venv .venv-bench
	.venv-bench/bin/pip install --quiet --disable-pip-version-check duckdb==2.0.1 xlsxwriter==3.3.1
	CC=$(dir $(SWIFT))clang .venv-bench/bin/python bench/run_bench.py --sizes "$(SIZE)" --alone "$(ALONE)"
# (Without manifest caching, a source file added to ReconCore since the last bench is seen.)
	cd bench/csv-readers && $(SWIFT) build -c release --disable-build-manifest-caching
	bench/csv-readers/.build/release/csv-readers bench/data/$(lastword $(SIZE))/payments.csv

## build: release build of the recon command.
build: deps
	$(SWIFT) build -c release --product recon

## deps: the Debian packages for the C libraries (libxlsxwriter, zlib), installed when missing.
deps:
	@scripts/install-deps.sh

## pydeps: openpyxl in a local virtual environment, for the workbook check.
pydeps: $(VENV)/.installed

$(VENV)/.installed:
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check openpyxl==3.1.5
	touch $@

## sample-data: regenerate SampleData/ (deterministic).
sample-data:
	$(PYTHON) scripts/make_sample_data.py

clean:
	rm -rf .build .build-asan .build-tsan .build-fuzz reports bench/data bench/out $(VENV) .venv-bench
