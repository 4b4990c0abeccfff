# The two commands a newcomer runs: `make report` and `make test`. `make help` lists the rest.
# Everything happens inside .venv (created when missing); nothing is installed globally.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PYTEST_ARGS ?=
STUDY  ?= corpus/treaty
# JupyterLab refuses to start as root (containers, many lab machines) without --allow-root
LAB_ARGS ?= $(if $(filter 0,$(shell id -u)),--allow-root,)

.DEFAULT_GOAL := help
.PHONY: help install report corpus test test-fast lint format lab bench clean

help: ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-10s\033[0m %s\n", $$1, $$2}'

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; run: make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --disable-pip-version-check -q -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP) ## create .venv (if needed) and install the project with its dev tools

report: $(STAMP) ## execute the notebooks on the bundled corpus and render HTML into reports/
	$(BIN)/framing report --out reports

corpus: $(STAMP) ## fetch corpus/sources.csv into corpus/treaty/ (STUDY=) when online; offline it changes nothing
	@$(BIN)/framing ingest corpus/sources.csv --into $(STUDY); status=$$?; \
	if [ $$status -eq 0 ]; then \
	  [ -f $(STUDY)/.gitignore ] || printf '# fetched by make corpus: third-party text, not for version control\n*\n' > $(STUDY)/.gitignore; \
	  echo "make corpus: reports on it with: $(BIN)/framing report --corpus $(STUDY)"; \
	elif [ $$status -eq 1 ]; then \
	  echo "make corpus: nothing new for $(STUDY)/ (see the lines above); the bundled corpus/ is unchanged"; \
	else exit $$status; fi

test: $(STAMP) ## run the whole test suite (notebooks included)
	$(BIN)/python -m pytest -n auto --dist loadfile $(PYTEST_ARGS)

test-fast: $(STAMP) ## run the fast tests only (skip the ones marked slow)
	$(BIN)/python -m pytest -m "not slow" $(PYTEST_ARGS)

lint: $(STAMP) ## check style with ruff
	$(BIN)/ruff check analysis tests benchmarks
	$(BIN)/ruff format --check analysis tests benchmarks

format: $(STAMP) ## format the code with ruff
	$(BIN)/ruff format analysis tests benchmarks
	$(BIN)/ruff check --fix analysis tests benchmarks

lab: $(STAMP) ## open JupyterLab on notebooks/
	$(BIN)/jupyter lab $(LAB_ARGS) notebooks/

bench: $(STAMP) ## run the benchmarks (they read ../shared/bench when present)
	@for script in benchmarks/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean: ## remove .venv, reports/ and caches
	rm -rf $(VENV) reports .pytest_cache .ruff_cache .hypothesis build *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
