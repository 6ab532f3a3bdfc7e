# Hromada: two commands matter. `make demo` runs the product, `make test` checks all of it.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/test
ADDRESS ?= 127.0.0.1:8000
PYTEST ?= $(BIN)/pytest -q -p no:randomly
SCALE ?= 1
COMPARE_SCALE ?= 1,10

.PHONY: install demo serve test lint test-sqlite test-postgres test-e2e messages bench bench-compare loadtest calibrate clean boundaries

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev,bench]'
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP)

## make demo: install, migrate, build the demo on the real territories, serve on 127.0.0.1:8000
demo: install
	$(BIN)/hromada migrate --noinput
	$(BIN)/hromada demo
	@# The snapshot of the published statistics and its follow-ups (the positions' impact
	@# figures) before the first visitor, not minutes later when the worker reaches them.
	$(BIN)/hromada analytics_warm
	@# The task worker runs queued jobs (large imports, reports, e-mail); it stops with the server.
	$(BIN)/hromada worker & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(BIN)/hromada runserver $(ADDRESS)

serve: install
	$(BIN)/hromada runserver $(ADDRESS)

## make test: lint, types, migrations, catalogs, the suite on SQLite and PostgreSQL, browser journeys
test: install lint test-sqlite test-postgres test-e2e

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy src bench
	$(BIN)/hromada makemigrations --check --dry-run
	cd src/hromada && ../../$(BIN)/hromada compilemessages --ignore='.venv' -v 0

test-sqlite: install
	DATABASE_URL= $(PYTEST) -m "not e2e"

test-postgres: install
	DATABASE_URL=$(PG_TEST_URL) $(PYTEST) -m "not e2e"

test-e2e: install
	@if [ -x /usr/bin/chromium ]; then \
		DATABASE_URL= $(PYTEST) -m e2e; \
	elif [ -n "$$CI" ]; then \
		echo "Browser tests need Debian's chromium (/usr/bin/chromium)"; exit 1; \
	else \
		echo "SKIPPED browser tests: install Debian's chromium (apt-get install chromium) to run them"; \
	fi

## make messages: refresh every app's uk and en catalogs after changing strings
messages: install
	$(BIN)/python -m hromada.lib.catalogs refresh

## make bench: the benchmark table (bench/results/latest.md); SCALE=10 for ten times the data
bench: install
	$(BIN)/python -m bench --scale $(SCALE)

## make bench-compare: Hromada beside DuckDB on the same published values (snapshot build,
## first profile and ranking page after a release, oblast aggregates) and the whole import
## beside raw executemany and COPY, at 1x and 10x the hromadas (COMPARE_SCALE=1 for 1x only);
## PostgreSQL too when DATABASE_URL names a server. See docs/benchmark.md.
bench-compare: install
	$(BIN)/python -m bench.duckdb_compare --scale $(COMPARE_SCALE)
	$(BIN)/python -m bench.import_compare --scale $(COMPARE_SCALE)

## make loadtest: 60 s of mixed load (reads, autosaves, an import) on PostgreSQL + gunicorn +
## worker, all on 127.0.0.1 (bench/results/loadtest.md); not part of `make test`
loadtest: install
	$(BIN)/python -m bench.loadtest

clean:
	rm -rf $(VENV) var

## make calibrate: recall and false alarms of the campaign checks on the real budgets in
## ../shared/data (not part of make test); writes docs/validation-calibration.md
calibrate: install
	$(BIN)/python -m bench.calibration --data ../shared/data

## make boundaries: rebuild the shipped map file (src/hromada/territories/seed/boundaries.topojson)
## from the OpenStreetMap-based hromadas.geojson and raions.geojson in ../shared/data
boundaries: install
	$(BIN)/python -m hromada.territories.boundary_build ../shared/data
