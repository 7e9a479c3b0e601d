# The two commands a newcomer needs: `make demo` and `make test`. Everything else is here
# so that neither needs anything installed by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
RAW_DIR ?= data/raw
DEMO_RAW_DIR := data/demo/raw
WAREHOUSE ?= warehouse.duckdb
INPUT ?= samples/pdfs
RUN_LOG ?= logs/runs.jsonl
SAMPLE_DATA := $(wildcard samples/data/*.json)

export FISCAL_RAW_DIR := $(abspath $(RAW_DIR))
export FISCAL_DUCKDB := $(abspath $(WAREHOUSE))
export DBT_PROFILES_DIR := $(abspath profiles)

.PHONY: install browser demo build extract dbt-build docs report test lint samples clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	# A DuckDB 1.x client beside the project's 2.x, as BI tools bundle one: the tests open the
	# published warehouse with it.
	$(BIN)/pip install --quiet --no-deps --target $(VENV)/duckdb-1x duckdb==1.4.4
	touch $(STAMP)

install: $(STAMP)

## browser: Debian's Chromium and a CJK font (WenQuanYi Zen Hei), which render the HTML report
## and its page crops in the tests (as root, with apt; elsewhere the tests that need them say so
## and skip)
CHROMIUM := /usr/bin/chromium
BROWSER_PACKAGES := chromium fonts-wqy-zenhei
APT_INSTALL := DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends
browser:
	@if { [ ! -x $(CHROMIUM) ] || ! fc-list :lang=zh 2>/dev/null | grep -q . ; } && \
	  [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  $(APT_INSTALL) $(BROWSER_PACKAGES) >/dev/null 2>&1 || \
	  { apt-get update -qq >/dev/null 2>&1 && $(APT_INSTALL) $(BROWSER_PACKAGES) >/dev/null 2>&1; } || \
	  echo "make: could not install $(BROWSER_PACKAGES); the HTML report's browser tests will skip"; \
	fi

## demo: extract the bundled sample PDFs (into a folder of its own, never data/raw) and
## build warehouse.duckdb with every check
demo: install
	$(BIN)/fiscal build samples/pdfs --raw-dir $(DEMO_RAW_DIR) --warehouse $(WAREHOUSE) --log $(RUN_LOG)
	@echo 'built $(WAREHOUSE) from samples/pdfs; try: .venv/bin/fiscal query "select * from dim_report"'

## build: INPUT=folder — extract (incrementally), build and test, then publish $(WAREHOUSE).
## make's own exit code is 2 for any failure: schedule `.venv/bin/fiscal build` instead.
build: install
	$(BIN)/fiscal build "$(INPUT)" --raw-dir "$(RAW_DIR)" --warehouse "$(WAREHOUSE)" --log "$(RUN_LOG)"

## extract: INPUT=folder-or-files RAW_DIR=dir
extract: install
	$(BIN)/fiscal extract "$(INPUT)" --out "$(RAW_DIR)"

## docs: the models' documentation, generated from the published warehouse and served on localhost:8080
docs: install
	$(BIN)/fiscal docs --warehouse "$(WAREHOUSE)" --raw-dir "$(RAW_DIR)"

dbt-build: install
	$(BIN)/dbt build --project-dir .

## report: the HTML report an auditor reads, from the published warehouse (opens from disk)
report: install
	$(BIN)/fiscal report --warehouse $(WAREHOUSE) --html reports/html

## test: linters (ruff, sqlfluff; beside the tests at a lower priority, their output after) and the tests.
## Not the lowest: on a machine already busy, nice 19 starved sqlfluff (41 CPU s) for over ten minutes.
test: install browser
	@start=$$(date +%s); lint_log=$$(mktemp); \
	( $(BIN)/ruff check . && $(BIN)/ruff format --check . && \
	  nice -n 5 $(BIN)/sqlfluff lint models tests/*.sql --processes 1 ) > $$lint_log 2>&1 & lint=$$!; \
	$(BIN)/python -m pytest -n 2 --dist worksteal; status=$$?; \
	wait $$lint; lint_status=$$?; cat $$lint_log; rm -f $$lint_log; \
	[ $$lint_status -eq 0 ] || { echo "make test: lint failed"; status=1; }; \
	echo "make test: $$(( $$(date +%s) - start )) s"; exit $$status

lint: install
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/sqlfluff lint models tests/*.sql --processes 2

## samples: re-render the bundled sample PDFs from samples/data
samples: install
	for data in $(SAMPLE_DATA); do \
		$(BIN)/python -m fixtures.render $$data samples/pdfs/$$(basename $$data .json).pdf --narrative-figures; \
	done

clean:
	rm -rf $(VENV) data/demo target $(WAREHOUSE) $(WAREHOUSE).d .pytest_cache reports/html
