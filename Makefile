# Khareeta: two commands do everything on a fresh machine with Python 3.11.
#   make run   create .venv, install, fetch the map's JS/CSS, ingest seeds/, start the dashboard
#   make test  create .venv, install, fetch assets and the test browser, run every check and every test
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
VENDOR := dashboard/static/vendor
NPM_PACKAGES := leaflet@1.9.4 leaflet.markercluster@1.5.3 leaflet-polylinedecorator@1.6.0 world-atlas@2.0.2
PORT ?= 8501

.PHONY: install assets gazetteer browser postgres native check test run screenshot lint bench clean

install: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	# The project itself, editable: registers the commands extract adds to `python -m geodata` (ingest).
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

# Leaflet and plugins, and world-atlas (Natural Earth 1:10m country borders, TopoJSON), served by the app
# itself (never from a CDN, never committed).
assets: $(VENDOR)/.fetched

$(VENDOR)/.fetched: Makefile  # again when the list of packages changes
	@mkdir -p $(VENDOR) && tmp=$$(mktemp -d) && \
	  (cd $$tmp && npm pack --silent $(NPM_PACKAGES) >/dev/null) && \
	  for t in $$tmp/*.tgz; do \
	    name=$$(basename $$t .tgz | sed -E 's/-[0-9][0-9.]*$$//'); \
	    mkdir -p $(VENDOR)/$$name && tar -xzf $$t -C $(VENDOR)/$$name --strip-components=1; \
	  done && rm -rf $$tmp && touch $@

# The compiled build of extract (mypyc, from mypy; needs a C compiler and Python's headers), about 1.5x the
# speed; again whenever a module changes. Without it, or while it is older than the sources, extract runs
# as pure Python (extract/native.py). Under CI=true a failed build fails; elsewhere it is a note.
NATIVE := extract/.native.json
native: $(NATIVE)

$(NATIVE): $(STAMP) $(wildcard extract/*.py)
	@$(BIN)/python -m extract.build_native build || { [ "$$CI" != true ] && echo "note: running extract as pure Python"; }

# Compile the gazetteer cache once (later starts load it in about a second).
gazetteer: install
	$(BIN)/python -m geodata gazetteer build

# Headless Chromium for the browser test, from Debian's packages.
browser:
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  (apt-get install -y -q chromium >/dev/null 2>&1 || (apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null)) \
	    && echo "installed chromium"; \
	else echo "note: chromium missing and not root: the browser test will be skipped"; fi

# PostgreSQL + PostGIS for the store tests, from Debian's packages (Debian 12: PostgreSQL 15, PostGIS 3;
# postgresql-postgis is the PostGIS extension of Debian's current server). The tests start a throwaway
# server of their own in a temporary folder (tests/pg_server.py): the system cluster is never used.
postgres:
	@if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  (apt-get install -y -q postgresql postgresql-postgis >/dev/null 2>&1 || (apt-get update -q >/dev/null && apt-get install -y -q postgresql postgresql-postgis >/dev/null)) \
	    && echo "installed postgresql and postgis"; \
	else echo "note: PostgreSQL/PostGIS missing and not root: the PostGIS store tests will be skipped (they fail under CI=true)"; fi

# Style, types and the three floors (dashboard > extract > geodata): each must pass before the tests run.
check: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: check assets gazetteer browser postgres native
	$(BIN)/python -m pytest -q
	# extract once more as pure Python, what runs while a build is stale: both must pass (not the tests of
	# the build itself nor of the Dask cluster, whose results the first pass already compared to one process).
	KHAREETA_PURE_PYTHON=1 $(BIN)/python -m pytest -q tests/extract --ignore=tests/extract/test_native.py \
		--ignore=tests/extract/test_cluster.py

# First start (the store, KHAREETA_DB or data/khareeta.sqlite, holds no article): ingest seeds/.
# Streamlit's settings (static serving for the map's JS/CSS, headless, no usage statistics, no Deploy
# button) are in .streamlit/config.toml: a plain `streamlit run dashboard/app.py` here is the same app.
run: install assets gazetteer native
	@$(BIN)/python -c "import sys; from geodata.store import Store; sys.exit(Store.open().stats().documents == 0)" \
	  2>/dev/null || $(BIN)/python -m geodata ingest --quiet seeds/
	$(BIN)/streamlit run dashboard/app.py --server.port $(PORT)

# The README's pictures (dashboard/*.png): the browser tests on the seeds, told to save them there.
# `make test` never writes it (its screenshots go to bench/out/, which git ignores).
screenshot: install assets gazetteer browser
	KHAREETA_SCREENSHOT=dashboard/screenshot.png $(BIN)/python -m pytest -q tests/dashboard/test_browser.py tests/dashboard/test_browser_review.py \
		tests/dashboard/test_browser_timeline.py

lint: check

# Every benchmark that needs no argument (bench_pipeline.py compares with a revision: see bench/README.md).
bench: install assets gazetteer browser postgres
	$(BIN)/python bench/bench_places.py
	$(BIN)/python bench/bench_store.py
	$(BIN)/python bench/bench_batch.py
	$(BIN)/python bench/bench_scale.py
	$(BIN)/python bench/bench_dashboard.py
	$(BIN)/python bench/bench_review.py

clean:
	rm -rf $(VENV) data $(VENDOR) .pytest_cache .ruff_cache .hypothesis build extract/*.so *__mypyc.*.so $(NATIVE)
