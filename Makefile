# planlink — the two commands of the README: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: demo test install lint typecheck messages clean

$(STAMP): pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

## Demo: SQLite database in var/, Lampang areas, demo villages, local governments and accounts.
demo: $(STAMP)
	DJANGO_SETTINGS_MODULE=config.settings.dev $(PY) manage.py migrate --noinput -v0
	DJANGO_SETTINGS_MODULE=config.settings.dev $(PY) manage.py demo_setup
	@echo "planlink demo on http://$(HOST):$(PORT)/  (Ctrl-C to stop; the import worker stops with it)"
	@DJANGO_SETTINGS_MODULE=config.settings.dev; export DJANGO_SETTINGS_MODULE; \
	  $(PY) manage.py db_worker --queue-name default --interval 1 > var/worker.log 2>&1 & worker=$$!; \
	  trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	  $(PY) manage.py runserver --noreload $(HOST):$(PORT)

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
