# Two commands for everyone: `make lab` to work, `make test` to check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CONSTRAINTS := requirements/constraints.txt
# JupyterLab refuses to run as root unless told; containers and CI often are root.
LAB_FLAGS := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab test install lint notebooks data check-data constraints bench bench-micro clean test-browser student handouts grade

# (Re)create the virtual environment when pyproject.toml or the pinned versions change.
$(STAMP): pyproject.toml $(CONSTRAINTS)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "logilab needs Python 3.11 or newer; found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --constraint $(CONSTRAINTS) --editable '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab $(LAB_FLAGS) notebooks/

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Re-execute every notebook and save it with its checked outputs (see tools/build_notebooks.py).
notebooks: $(STAMP)
	$(BIN)/python tools/build_notebooks.py

# Real-browser acceptance: every notebook opened and run in JupyterLab in headless Chromium
# (Debian's /usr/bin/chromium and a CJK font; .ci/run installs them). Screenshots go to build/browser/.
test-browser: $(STAMP)
	LOGILAB_BROWSER=1 $(BIN)/python -m pytest tests/browser -o addopts="" -p no:cacheprovider -v -s

# For instructors: the notebooks to hand out, without solutions and outputs (build/student/*.ipynb).
student: $(STAMP)
	$(BIN)/python tools/make_student.py

# For instructors: grade the collected notebooks (a folder of .ipynb or one .zip per student).
# Runs the students' code: do it in a separate account or container. make grade SUBMISSIONS=作业/
SUBMISSIONS ?= submissions
grade: $(STAMP)
	$(BIN)/logilab grade $(SUBMISSIONS) --out build/grades.csv --force

# For instructors: static HTML pages that open offline, formulas included (MathJax beside the pages):
# build/handouts/instructor/*.html with the solutions, build/handouts/student/*.html without them.
handouts: $(STAMP)
	$(BIN)/python tools/make_handouts.py

# Speed and memory at analyst scale, side by side with hand-written pandas / DuckDB (/ Polars) floors
# (not part of `make test`; several minutes; data generated under build/bench/). BENCH_ARGS=--quick: 1M lines only.
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

# The small benchmarks (explorers, service KPIs, evaluation models) with pytest-benchmark.
bench-micro: $(STAMP)
	$(BIN)/python -m pytest benchmarks -o addopts="" -p no:nbval --benchmark-enable --benchmark-only --benchmark-columns=min,mean,max,rounds

# Rewrite the sample data (deterministic) / check that it regenerates identically.
data: $(STAMP)
	$(BIN)/python -m logilab.data.generate

check-data: $(STAMP)
	$(BIN)/python -m logilab.data.generate --check

# Refresh the pinned versions from the current environment (after changing dependencies).
constraints: $(STAMP)
	$(BIN)/python -m pip freeze --all --exclude-editable | grep -v -E '^(logilab|pip)==' > $(CONSTRAINTS)

clean:
	rm -rf $(VENV) build .pytest_cache
