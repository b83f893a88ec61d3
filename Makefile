# The two commands: `make run` and `make test`. Everything else is a helper.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/jobcafe
# The port `make run` serves on, e.g. `make run PORT=8080`; links in the demo's messages
# and the addresses it prints follow (SITE_URL, unless you set it yourself).
PORT ?= 8000
SITE_URL ?= http://127.0.0.1:$(PORT)
# Extra pytest arguments, e.g. `make test-sqlite PYTEST_ARGS="tests/groups -x"`.
PYTEST_ARGS ?=
TEMPLATE_DIRS = $(shell find . -path ./.venv -prune -o -type d -name templates -print)
DEV := DJANGO_SETTINGS_MODULE=jobcafe.settings.dev
TEST := DJANGO_SETTINGS_MODULE=jobcafe.settings.test

.PHONY: run test install install-test chromium postgres redis lint messages check-migrations \
	test-sqlite test-postgres

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

## make run: set up the database (SQLite unless DATABASE_URL says otherwise) with the demo
## programme, print the admin login, start the task worker that sends e-mails and SMS, and
## serve the site at http://127.0.0.1:$(PORT) (`make run PORT=8080` for another port). Ctrl-C stops both.
run: install
	SITE_URL=$(SITE_URL) $(DEV) $(BIN)/python manage.py migrate --noinput
	SITE_URL=$(SITE_URL) $(DEV) $(BIN)/python manage.py seed_demo
	@trap 'kill 0' EXIT INT TERM; \
		echo "Task worker (manage.py db_worker) started: it delivers e-mails and SMS."; \
		SITE_URL=$(SITE_URL) $(DEV) $(BIN)/python manage.py db_worker --no-startup-delay --interval 1 & \
		SITE_URL=$(SITE_URL) $(DEV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## make test: lint, migration check, then the whole suite on SQLite and on PostgreSQL (the
## scale-out test, tests/test_scale_out.py, runs on PostgreSQL only, with Redis). The two
## runs go side by side, one per core, each with its own temporary files and media; each
## one's output is printed whole when it ends.
test: install-test chromium postgres redis lint check-migrations
	$(MAKE) -j2 --output-sync=target test-sqlite test-postgres

# The habits that keep the house in shape (ARCHITECTURE.md): lint, one format, the floors.
lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/djhtml --check $(TEMPLATE_DIRS)

check-migrations: install-test
	env -u DATABASE_URL $(TEST) $(BIN)/python manage.py makemigrations --check --dry-run

# pytest-django reads DJANGO_SETTINGS_MODULE from the environment before pyproject.toml,
# so the test settings are set explicitly here. The scale-out test needs PostgreSQL: it is
# left out on SQLite, and runs with the rest on PostgreSQL.
test-sqlite: install-test
	mkdir -p $(CURDIR)/test-artifacts/sqlite
	env -u DATABASE_URL MEDIA_ROOT=$(CURDIR)/test-artifacts/sqlite/media $(TEST) \
		$(BIN)/pytest -m "not scaleout" --basetemp=$(CURDIR)/test-artifacts/sqlite/tmp $(PYTEST_ARGS)

test-postgres: install-test postgres redis
	mkdir -p $(CURDIR)/test-artifacts/postgres
	DATABASE_URL=$(PG_URL) MEDIA_ROOT=$(CURDIR)/test-artifacts/postgres/media $(TEST) \
		$(BIN)/pytest --basetemp=$(CURDIR)/test-artifacts/postgres/tmp $(PYTEST_ARGS)

# Browser tests drive Debian's Chromium; Playwright's own download cannot work offline.
chromium:
	@command -v chromium >/dev/null || { \
		echo "Installing Debian's chromium for the browser tests..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# The scale-out test's shared cache: Debian's redis-server on 127.0.0.1:6379, started (and
# installed if missing) only where nothing answers there; it keeps nothing on disk.
REDIS_PING := $(BIN)/python -c "import redis; redis.Redis(host='127.0.0.1', port=6379, socket_timeout=1).ping()"
redis: install-test
	@$(REDIS_PING) 2>/dev/null || { \
		command -v redis-server >/dev/null || { \
			echo "Installing Debian's redis-server for the scale-out test..."; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; }; \
		redis-server --bind 127.0.0.1 --port 6379 --save '' --appendonly no --daemonize yes >/dev/null; }
	@for i in $$(seq 1 20); do $(REDIS_PING) 2>/dev/null && exit 0; sleep 0.5; done; \
		echo "Redis did not start on 127.0.0.1:6379."; exit 1

# Start the local PostgreSQL cluster if it is down, then wait until it accepts connections.
postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 || { \
		command -v pg_ctlcluster >/dev/null || { echo "PostgreSQL is not installed."; exit 1; }; \
		pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql | sort -V | tail -1) main start; }
	@for i in $$(seq 1 20); do pg_isready -q -h 127.0.0.1 -p 5432 && exit 0; sleep 1; done; \
		echo "PostgreSQL did not start on 127.0.0.1:5432."; exit 1

## make messages: refresh the Italian translation catalogues (needs GNU gettext).
messages: install
	$(DEV) $(BIN)/python manage.py makemessages -l it --ignore=.venv --ignore=build
	$(DEV) $(BIN)/python manage.py compilemessages --ignore=.venv
