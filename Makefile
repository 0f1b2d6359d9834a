# Two commands matter: `make demo` and `make test`. Both create .venv and install on first use.
# The interpreter of .venv: Debian's /usr/bin/python3 when it is there and can make a venv (Debian builds
# it with profile-guided optimisation and link-time optimisation, linked statically: the engine and the
# parser take a quarter and a fifth less CPU on it than on a plain source build, such as pyenv's default;
# docs/performance.md), else the python3 on PATH.  `make PYTHON=python3.12 ...` chooses another; a .venv
# already made keeps the interpreter it was made with (`make clean` to change it).
SYSTEM_PYTHON := $(shell /usr/bin/python3 -c 'import sys, ensurepip; sys.exit(sys.version_info < (3, 10))' 2>/dev/null && echo /usr/bin/python3)
PYTHON ?= $(or $(SYSTEM_PYTHON),python3)
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: install demo test bench clean browser fuzz lint native

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# The demo: the loopholes of M4's law (with a concrete case each), M5's law as in force in cycle 2,
# every payment of M5's bundled data (written to out/m05), one person's payments explained, and
# what M5's 2013 amendment changed for whom (also as a report: out/m05-diff.html).
demo: $(STAMP) native
	$(BIN)/p4p-rules check laws/m04.p4p
	$(BIN)/p4p-rules show laws/m05.p4p --at 2014-06-01
	$(BIN)/p4p-rules run laws/m05.p4p --data laws/data/m05 --out out/m05
	$(BIN)/p4p-rules explain laws/m05.p4p --data laws/data/m05 --staff 11668 --period 2014
	$(BIN)/p4p-rules diff laws/m05.p4p --to-version lei_2013 --data laws/data/m05 --from 2014-06 --to 2015-09 --top 5 --html out/m05-diff.html

# The HTML diff report is checked in Debian's chromium (tests/diff/test_html_report.py): install it when missing
# (sudo only when not root). If that fails, the test says so and fails; the other tests still run.
browser:
	@command -v chromium >/dev/null 2>&1 || { if [ "$$(id -u)" = 0 ]; then S=; else S=sudo; fi; \
	  $$S apt-get update -qq && $$S env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } || \
	  echo "could not install chromium: the HTML report's browser test will fail" >&2

# Code health: ruff (pyflakes, pycodestyle, bugbear) and mypy, both configured in pyproject.toml.
lint: $(STAMP)
	$(BIN)/ruff check p4p_rules
	$(BIN)/mypy

# The engine's hot modules compiled with mypyc into build/native (p4p_rules/engine/native.py): used only
# while they match the source; rebuilt when it changed.  Without a C compiler the engine runs as Python.
native: $(STAMP)
	-@$(BIN)/python -c "from p4p_rules.engine.native import build, fresh_build; raise SystemExit(0 if fresh_build() else build())"

test: $(STAMP) browser lint native
	$(BIN)/python -m pytest -q

# Parse, run, diff and check at national scale (5,570 synthetic municipalities), each with its floor
# baseline; about 10 minutes on 2 cores.  Figures: docs/performance.md.
bench: $(STAMP) native
	$(BIN)/python tests/benchmarks/bench_parse.py
	$(BIN)/python tests/benchmarks/bench_run.py
	$(BIN)/python tests/benchmarks/bench_diff.py
	$(BIN)/python tests/benchmarks/bench_check.py

# Fuzzing beyond the bounded run in `make test`: damaged law text and data files on every core for
# FUZZ_SECONDS, each case under a time limit and a memory ceiling; failing cases are saved in
# out/fuzz/ with the command that replays them.  FUZZ_SEED repeats a run.
FUZZ_SECONDS ?= 60
FUZZ_SEED    ?=
fuzz: $(STAMP)
	$(BIN)/python -m tests.fuzz.runner --seconds $(FUZZ_SECONDS) $(if $(FUZZ_SEED),--seed $(FUZZ_SEED))

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
