# Every command a contributor needs. Each target creates .venv from requirements.lock
# on first use (and again whenever the lock changes), so a fresh clone needs only
# Python >= 3.11 and make.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# A stamp named after the lock's content: a changed lock means a reinstall.
STAMP  := $(VENV)/.installed-$(shell cksum requirements.lock | cut -d' ' -f1)

# Material's end-of-life notice on every build is noise for contributors.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test update-outputs build bench-loop lock clean

## serve: preview the site with live reload at http://127.0.0.1:8000
serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload --watch examples --watch hooks

## test: the whole test suite (examples, recorded output, pages, strict site build)
test: $(STAMP)
	$(BIN)/pytest

## update-outputs: after a deliberate change, rewrite every #> comment and .out file
update-outputs: $(STAMP)
	$(BIN)/pytest tests/test_examples.py --update-examples -n 0

## build: the static site in site/, for any static host
build: $(STAMP)
	$(BIN)/mkdocs build --strict

## bench-loop: time the contributor loop (warm test run, warm build); prints figures
bench-loop: $(STAMP)
	$(BIN)/python tests/bench_loop.py

## lock: re-resolve requirements.lock from pyproject.toml (needs the network)
lock: $(STAMP)
	$(BIN)/pip install --quiet uv==0.13.9
	$(BIN)/uv pip compile pyproject.toml --extra docs --extra test --universal \
	    --python-version 3.11 --generate-hashes --quiet -o requirements.lock

clean:
	rm -rf $(VENV) site .cache

$(STAMP): requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python >= 3.11 is needed; found " + sys.version.split()[0] + " (set PYTHON=...)")'
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -qq --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	touch $@
