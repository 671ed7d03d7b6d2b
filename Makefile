# newsledger: the front door. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install native report test lab baseline dictionary lock bench clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

$(STAMP): requirements/requirements.lock pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(PY) -m ipykernel install --sys-prefix --name newsledger --display-name "Python (newsledger)" > /dev/null
	@touch $(STAMP)

install: $(STAMP) ## create .venv and install the pinned dependencies and the package

# The annotators compiled by mypyc (src/newsledger/annotate/native.py): rebuilt when a source changes.
# A failed build (no C compiler) is recorded and leaves the Python sources in use: same results, slower.
NATIVE := src/newsledger/annotate/_compiled/sources.json
$(NATIVE): $(STAMP) $(wildcard src/newsledger/annotate/*.py)
	-$(PY) -m newsledger native build

native: $(NATIVE) ## compile the annotators with mypyc (make report and make test do it first)

report: $(STAMP) $(NATIVE) ## run the whole pipeline on data/raw and write reports/report.html
	$(PY) -m newsledger run

test: $(STAMP) $(NATIVE) ## unit tests, end-to-end run, and nbval over the committed notebooks
	$(PY) -m pytest tests notebooks --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg -p no:cacheprovider

lab: $(STAMP) $(NATIVE) ## open JupyterLab on the notebooks, with the project's kernel
	$(VENV)/bin/jupyter lab notebooks

baseline: $(STAMP) $(NATIVE) ## re-execute the notebooks in place (nbval's baseline) and re-render the committed report
	$(PY) -m newsledger baseline
	$(PY) -m newsledger run

dictionary: $(STAMP) ## regenerate docs/data_dictionary.md from the table schemas
	$(PY) -m newsledger dictionary

lock: ## re-resolve requirements/requirements.in into the pinned lock file
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet -r requirements/requirements.in
	{ head -2 requirements/requirements.lock; .venv-lock/bin/pip freeze --exclude-editable; } > requirements/requirements.lock.new
	mv requirements/requirements.lock.new requirements/requirements.lock && rm -rf .venv-lock

BENCH_SIZES ?= 1000 10000

bench: $(STAMP) $(NATIVE) ## throughput, scale and memory benchmarks (not part of make test); BENCH_SIZES="1000 10000 100000" for the largest
	$(PY) benchmarks/annotation_speed.py
	$(PY) benchmarks/scale.py --sizes $(BENCH_SIZES)

clean: ## remove the stages' outputs (data/processed, executed notebooks)
	rm -rf data/processed/*.parquet reports/executed
