# Navet – the two commands are `make run` and `make test`; everything else is for them.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

NGINX_PACKAGES = nginx libnginx-mod-http-cache-purge libnginx-mod-http-lua wrk

.PHONY: serve-production production-tools screenshots bench run test install migrate demo lint format check-migrations pytest pytest-worker pytest-browser chromium imap-server messages clean

$(STAMP): requirements.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Navet needs Python 3.11 ($(PYTHON)) on PATH."; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo

run: demo
	@echo ""
	@echo "  Public website: http://localhost:$(PORT)/"
	@echo "  Intranet:       http://intranet.localhost:$(PORT)/"
	@echo "  Admin:          http://localhost:$(PORT)/admin/  (demo logins in README.md)"
	@echo ""
	@# One process: the embedded page cache lives in its memory (the production profile
	@# shares it through Redis). granian's threads serve both sites.
	DJANGO_SETTINGS_MODULE=navet.settings.dev $(BIN)/granian --interface wsgi --host $(HOST) --port $(PORT) \
	  --workers 1 --blocking-threads 2 --no-ws navet.wsgi:application

# The production profile on this machine: granian behind nginx, PostgreSQL and Redis (see
# README). Uses DATABASE_URL / REDIS_URL when set, else the local servers.
serve-production: install production-tools
	$(BIN)/python deploy/production_stack.py

production-tools:
	@command -v nginx >/dev/null 2>&1 && test -f /usr/lib/nginx/modules/ngx_http_cache_purge_module.so && test -f /usr/lib/nginx/modules/ngx_http_lua_module.so && command -v wrk >/dev/null 2>&1 || { \
	  echo "Installing nginx (with the cache purge and Lua modules) and wrk..."; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $(NGINX_PACKAGES) >/dev/null; \
	  else sudo -n apt-get update -qq && sudo -n apt-get install -y -qq $(NGINX_PACKAGES) >/dev/null; fi; \
	} || { echo "Could not install nginx/wrk: apt-get install $(NGINX_PACKAGES)"; exit 1; }

lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check-migrations: install
	DJANGO_SETTINGS_MODULE=navet.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

# node_modules: the real OpenID Connect provider (oidc-provider) of the sign-in tests.
pytest: install production-tools node_modules/.installed imap-server
	$(BIN)/pytest -m "not browser and not worker"

# Worker tests run a real `manage.py db_worker` against PostgreSQL (skipped on SQLite). Like the
# browser tests, each file runs in a pytest session of its own: the worker needs committed data.
WORKER_TESTS = $(shell grep -rl "pytest.mark.worker" navet --include="test_*.py" | sort)

pytest-worker: install
	@for file in $(WORKER_TESTS); do $(BIN)/pytest -m worker $$file || exit 1; done

# Browser tests use Debian's Chromium (never a downloaded browser). Each file runs in a pytest
# session of its own: the live server needs a database that commits, and emptying it after
# one test would leave the next without the demo.
BROWSER_TESTS = $(shell grep -rl "pytest.mark.browser" navet --include="test_*.py" | sort)

pytest-browser: install chromium node_modules/.installed
	@for file in $(BROWSER_TESTS); do $(BIN)/pytest -m browser $$file || exit 1; done

# axe-core and the W3C Nu HTML checker come from the npm registry; vnu needs Java.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 && command -v java >/dev/null 2>&1 || { \
	  echo "Installing Node.js, npm and Java for the accessibility checks..."; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq nodejs npm default-jre-headless >/dev/null; \
	  else sudo -n apt-get update -qq && sudo -n apt-get install -y -qq nodejs npm default-jre-headless >/dev/null; fi; \
	} || { echo "Could not install Node.js/Java. Install them with: apt-get install nodejs npm default-jre-headless"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# The function mailboxes' tests read mail from a real IMAP server: Debian's dovecot, which
# the tests start themselves on loopback with a configuration of their own.
imap-server:
	@command -v dovecot >/dev/null 2>&1 || test -x /usr/sbin/dovecot || { \
	  echo "Installing Debian's dovecot-imapd for the IMAP tests..."; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq dovecot-imapd >/dev/null; \
	  else sudo -n apt-get update -qq && sudo -n apt-get install -y -qq dovecot-imapd >/dev/null; fi; \
	} || { echo "Could not install dovecot. Install it with: apt-get install dovecot-imapd"; exit 1; }

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests..."; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else sudo -n apt-get update -qq && sudo -n apt-get install -y -qq chromium >/dev/null; fi; \
	} || { echo "Could not install chromium. Install it with: apt-get install chromium"; exit 1; }
	@command -v chromium >/dev/null 2>&1 || { echo "chromium is still missing: apt-get install chromium"; exit 1; }

test: lint check-migrations pytest pytest-worker pytest-browser

# The README's screenshots of both start pages at 360 and 1280 px.
screenshots: demo chromium
	$(BIN)/python docs/take_screenshots.py

# Benchmarks (not part of `make test`); each writes JSON under bench/results/.
bench: install production-tools
	$(BIN)/python bench/run.py

# For developers changing user-facing strings: needs GNU gettext (apt-get install gettext).
# The compiled .mo files are committed, so `make run` and `make test` never need gettext.
messages: install
	@command -v msgfmt >/dev/null || { echo "make messages needs GNU gettext: apt-get install gettext"; exit 1; }
	cd navet && ../$(BIN)/python ../manage.py makemessages -l sv --ignore "*/tests/*" && ../$(BIN)/python ../manage.py compilemessages

# Only what make, the tests and the local servers generate (all of it ignored by git): the
# venv, caches, .run/ (production_stack, bench), local media and collected static files, the
# SQLite database of `make run` (its demo images are in media/, so the two go together; `make
# run` loads both again), the egg-info and npm's node_modules. bench/results/ and .env stay.
CLEAN_PATHS = $(VENV) .pytest_cache .ruff_cache .run media static_collected node_modules \
  .test-media $(wildcard *.egg-info navet.sqlite3 navet.sqlite3-*)

clean:
	@tracked="$$(git ls-files -- $(CLEAN_PATHS) 2>/dev/null)"; \
	if [ -n "$$tracked" ]; then echo "make clean: refusing, git tracks: $$tracked"; exit 1; fi
	rm -rf $(CLEAN_PATHS)
	find . -path ./.git -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
