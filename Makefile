# Two commands do everything: `make run` and `make test`. The rest are their steps.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 2>/dev/null || echo python3)
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install messages migrate demo lint check pytest clean

$(BIN)/activate:
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) is needed (set PYTHON=... to use another)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the dependencies change.
$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

# Compiled with Babel, so no gettext tools are needed on the machine.
messages: install
	$(BIN)/pybabel compile --domain django --directory locale --statistics

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate messages
	$(PY) manage.py load_demo_content
	$(PY) manage.py load_demo_ratings
	$(PY) manage.py create_demo_accounts

# runserver's own static handler sits in front of all middleware; --nostatic
# lets WhiteNoise serve /static/ behind the path checks instead.
run: demo
	@echo "Serving on http://$(HOST):$(PORT)/ (Ctrl-C to stop)"
	$(PY) manage.py runserver --nostatic $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: install messages
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check_catalogues

pytest: install messages
	$(BIN)/pytest $(PYTEST_ARGS)

test: lint check pytest

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache test-results
	find locale -name '*.mo' -delete
