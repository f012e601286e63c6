# Two commands do everything: `make run` and `make test`. The rest are their steps.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 2>/dev/null || echo python3)
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 2

# `make dev` and the test suite run with DEBUG on, asked for explicitly: the
# settings default to production.
DEV_ENV := DJANGO_DEBUG=1
# `make run` serves the site as visitors get it: DEBUG off, hashed and
# compressed static files, gunicorn. Plain HTTP on this machine, so no HTTPS
# redirect, no HSTS and cookies not limited to HTTPS; media served by Django,
# as there is no web server in front.
SECRET_KEY_FILE := var/secret_key
RUN_ENV = DJANGO_DEBUG=0 DJANGO_SECRET_KEY="$$(cat $(SECRET_KEY_FILE))" \
	DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost,[::1] DJANGO_SECURE_SSL_REDIRECT=0 \
	DJANGO_SECURE_HSTS_SECONDS=0 DJANGO_SECURE_COOKIES=0 DJANGO_SERVE_MEDIA=1

.PHONY: run dev test install messages secret static migrate demo dev-demo lint check pytest bench clean \
	topology topology-stop topology-status test-deploy

$(BIN)/activate:
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) is needed (set PYTHON=... to use another)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the dependencies change.
$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

# The Nu Html Checker (npm's vnu-jar, run with the machine's Java) for the
# markup test; reinstalled only when package.json or its lock changes. Its
# install script (which would fetch a Java) is not run. Without npm the test
# skips and says so; CI installs npm and fails instead.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --no-audit --no-fund --ignore-scripts --loglevel=error && touch $@; \
	else echo "npm not found: the markup test will be skipped (apt-get install npm default-jre-headless)"; fi

install: $(VENV)/.installed node_modules/.installed

# Compiled with Babel, so no gettext tools are needed on the machine.
messages: install
	$(BIN)/pybabel compile --domain django --directory locale --statistics

# Made once, kept under var/ (never committed), readable by its owner only.
$(SECRET_KEY_FILE): | install
	@mkdir -p var
	@umask 077 && $(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	@echo "Generated a secret key in $@"

secret: $(SECRET_KEY_FILE)

static: install secret
	@$(RUN_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0

migrate: install secret
	@mkdir -p var
	$(RUN_ENV) $(PY) manage.py migrate --noinput

demo: migrate messages
	$(RUN_ENV) $(PY) manage.py load_demo_content
	$(RUN_ENV) $(PY) manage.py load_demo_ratings
	$(RUN_ENV) $(PY) manage.py create_demo_accounts

run: demo static
	@echo "Serving on http://$(HOST):$(PORT)/ with gunicorn, DEBUG off (Ctrl-C to stop)"
	$(RUN_ENV) DJANGO_LOG_FORMAT=text PROMETHEUS_MULTIPROC_DIR=var/metrics \
		$(BIN)/gunicorn portal.wsgi:application -c portal/gunicorn.conf.py \
		--bind $(HOST):$(PORT) --workers $(WORKERS) --error-logfile -

# Django's autoreloading development server, DEBUG on. runserver's own static
# handler sits in front of all middleware; --nostatic lets WhiteNoise serve
# /static/ behind the path checks instead.
dev: demo
	@echo "Development server on http://$(HOST):$(PORT)/, DEBUG on (Ctrl-C to stop)"
	$(DEV_ENV) $(PY) manage.py runserver --nostatic $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

check: install messages
	$(DEV_ENV) $(PY) manage.py check --fail-level WARNING
	$(DEV_ENV) $(PY) manage.py makemigrations --check --dry-run
	$(DEV_ENV) $(PY) manage.py check_catalogues

pytest: install messages
	$(DEV_ENV) $(BIN)/pytest $(PYTEST_ARGS)

test: lint check pytest

# The production topology on this machine (docs/deployment.md): nginx, two
# gunicorn app servers, PostgreSQL and Redis of their own, under var/topology/.
topology: install
	deploy/topology start

topology-stop:
	deploy/topology stop

topology-status:
	deploy/topology status

# Only the tests against the topology (they start and stop their own).
test-deploy: install messages
	$(DEV_ENV) $(BIN)/pytest tests/deploy $(PYTEST_ARGS)

# The load benchmark (bench/run.py), outside the test suite: a data set of
# SIZE articles on PostgreSQL, gunicorn, wrk. Writes docs/performance.md.
SIZE ?= 10000
DURATION ?= 10s
bench: install messages
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y --no-install-recommends wrk; } \
		|| { echo "wrk is needed: apt-get install wrk"; exit 1; }
	$(PY) bench/run.py --size $(SIZE) --duration $(DURATION)

clean:
	-[ -x $(PY) ] && deploy/topology stop
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache test-results
	find locale -name '*.mo' -delete
