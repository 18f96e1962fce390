# planlink — the two commands of the README: `make demo` and `make test`; `make serve` is
# the production stack (docs/deploy.md).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed
# gunicorn's sync workers: the usual 2 per core + 1 (5 on these 2-core machines).
WEB_CONCURRENCY ?= $(shell echo $$(( 2 * $$(nproc) + 1 )))

.PHONY: demo serve test install lint typecheck messages clean

$(STAMP): pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

## Demo: SQLite database in var/, Lampang areas, demo villages, local governments and accounts.
## DEBUG is on only when HOST is loopback (config/settings/dev.py).
demo: export PLANLINK_HOST = $(HOST)
demo: $(STAMP)
	DJANGO_SETTINGS_MODULE=config.settings.dev $(PY) manage.py migrate --noinput -v0
	DJANGO_SETTINGS_MODULE=config.settings.dev $(PY) manage.py demo_setup
	@DJANGO_SETTINGS_MODULE=config.settings.dev $(PY) manage.py jobs_cleanup
	@echo "planlink demo on http://$(HOST):$(PORT)/  (Ctrl-C to stop; the import worker stops with it)"
	@DJANGO_SETTINGS_MODULE=config.settings.dev; export DJANGO_SETTINGS_MODULE; \
	  $(PY) manage.py db_worker --queue-name default --interval 1 > var/worker.log 2>&1 & worker=$$!; \
	  trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	  $(PY) manage.py runserver --noreload $(HOST):$(PORT)

## Production: gunicorn (WEB_CONCURRENCY workers) and the task worker on HOST:PORT, behind a
## TLS proxy; static files collected and served by WhiteNoise. Secrets etc. from the environment.
serve: export DJANGO_SETTINGS_MODULE = config.settings.production
serve: $(STAMP)
	@missing=""; for name in DATABASE_URL SECRET_KEY HOUSEHOLD_KEY_SECRET ALLOWED_HOSTS; do \
	  [ -n "$${!name}" ] || missing="$$missing $$name"; done; \
	  if [ -n "$$missing" ]; then \
	    echo "make serve: set$$missing in the environment (docs/deploy.md says what each is)."; \
	    echo "  a good secret: python -c \"import secrets; print(secrets.token_urlsafe(64))\""; \
	    exit 1; fi
	$(PY) manage.py check --deploy
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py migrate --noinput
	$(PY) manage.py jobs_cleanup
	@echo "planlink on http://$(HOST):$(PORT)/ with $(WEB_CONCURRENCY) web workers and a task worker (Ctrl-C stops both)"
	@$(PY) manage.py db_worker --queue-name default --interval 1 & worker=$$!; \
	  trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	  $(VENV)/bin/gunicorn config.wsgi --bind $(HOST):$(PORT) --workers $(WEB_CONCURRENCY) \
	    --timeout 120 --max-requests 2000 --max-requests-jitter 200 --access-logfile - \
	    --control-socket "$${PLANLINK_VAR_DIR:-var}/gunicorn.ctl"

## Tests: the whole suite (SQLite; PostgreSQL when DATABASE_URL=postgres://... is set).
test: $(STAMP)
	@bash scripts/system-deps.sh
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy planlink config
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(STAMP)
	$(VENV)/bin/mypy planlink config

## Translators: extract strings (needs GNU gettext), fill Thai from scripts/th_catalog.py, compile.
messages: $(STAMP)
	$(PY) manage.py makemessages -l th --ignore=.venv --ignore=var --ignore=conftest.py --no-location
	$(PY) scripts/th_catalog.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
