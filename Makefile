# The two commands: `make run` and `make test`. Everything else is a helper.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/jobcafe
export DJANGO_SETTINGS_MODULE ?= jobcafe.settings.dev

.PHONY: run test install install-test chromium postgres lint messages check-migrations test-sqlite test-postgres serve

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

## make run: set up the SQLite database with the demo programme and serve it.
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

## make test: lint, migration check, then the whole suite on SQLite and on PostgreSQL.
test: install-test chromium postgres
	$(BIN)/ruff check .
	DJANGO_SETTINGS_MODULE=jobcafe.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	$(MAKE) test-sqlite
	$(MAKE) test-postgres

test-sqlite:
	env -u DATABASE_URL $(BIN)/pytest

test-postgres:
	DATABASE_URL=$(PG_URL) $(BIN)/pytest

# Browser tests drive Debian's Chromium; Playwright's own download cannot work offline.
chromium:
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
	@for i in 1 2 3 4 5 6 7 8 9 10; do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done

lint: install-test
	$(BIN)/ruff check .

## make messages: refresh the Italian translation catalogue (needs GNU gettext).
messages: install
	$(BIN)/python manage.py makemessages -l it --ignore=.venv --ignore=build
	$(BIN)/python manage.py compilemessages --ignore=.venv
