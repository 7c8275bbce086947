# Two entry points for a fresh clone: `make demo` and `make test`.
# Both create .venv and install glrkit (editable) with its development tools.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

# The optional compiled core (setup.py, GLRKIT_COMPILE=1) lives in its own venv, installed
# non-editable, so that .venv stays pure Python and edits to src/ are never shadowed by .so files.
CVENV  ?= .venv-compiled
CPY    := $(CVENV)/bin/python
CSTAMP := $(CVENV)/.installed
SOURCES := $(shell find src -type f -not -path '*/__pycache__/*')

.PHONY: demo test lint typecheck bench bench-quick clean test-compiled bench-compiled

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/glrkit english --demo

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests

typecheck: $(STAMP)
	$(VENV)/bin/mypy

test: $(STAMP) lint typecheck
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) -m pip install --quiet -e '.[bench]'
	$(PY) bench/run.py

bench-quick: $(STAMP)
	$(PY) -m pip install --quiet -e '.[bench]'
	$(PY) bench/run.py --quick

# Reinstalled (pip rebuilds a local project every time) whenever anything in src/ changes:
# the installed package is a copy. mypy, which compiles, comes into pip's isolated build
# environment as a build requirement that setup.py declares only when GLRKIT_COMPILE=1.
$(CSTAMP): pyproject.toml setup.py $(SOURCES)
	test -x $(CPY) || $(PYTHON) -m venv $(CVENV)
	$(CPY) -m pip install --quiet --upgrade pip
	GLRKIT_COMPILE=1 $(CPY) -m pip install --quiet '.[dev]'
	touch $(CSTAMP)

# The whole suite against the installed compiled package (run from here, tests import the
# installed glrkit: src/ is not on the path); tests/conftest.py stops at once if it is not
# the compiled build.
test-compiled: $(CSTAMP)
	GLRKIT_EXPECT_COMPILED=1 $(CPY) -m pytest

# Pure glrkit, compiled glrkit and the other systems in one run; pass options with
# BENCH_ARGS, e.g. make bench-compiled BENCH_ARGS="--only json,catalan,pp".
BENCH_ARGS ?=
bench-compiled: $(STAMP) $(CSTAMP)
	$(PY) -m pip install --quiet -e '.[bench]'
	GLRKIT_COMPILE=1 $(CPY) -m pip install --quiet '.[bench]'
	$(PY) bench/run.py --compiled-python $(CPY) $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(CVENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
