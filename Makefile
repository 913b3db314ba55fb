# vnadmin — the two commands of the quick start are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck eval bench clean examples

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/vnadmin parse examples/ke-hoach-dan-van.pdf --pretty -o examples/ke-hoach-dan-van.json
	cat examples/ke-hoach-dan-van.json

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

typecheck: $(STAMP)
	$(BIN)/mypy

test: lint typecheck
	$(BIN)/python -m pytest

eval: $(STAMP)
	$(BIN)/python -m vnadmin.evaluation corpus/gold --docs corpus/docs --twins corpus/twins

bench: $(STAMP)
	$(BIN)/python tests/benchmarks/run.py

examples: $(STAMP)
	$(BIN)/python examples/make_examples.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
