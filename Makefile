# Navet – the two commands are `make run` and `make test`; everything else is for them.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 0.0.0.0
PORT ?= 8000

.PHONY: run test install migrate demo lint format check-migrations pytest messages clean

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
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check-migrations: install
	DJANGO_SETTINGS_MODULE=navet.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

pytest: install
	$(BIN)/pytest

test: lint check-migrations pytest

# For developers changing user-facing strings: needs GNU gettext (apt-get install gettext).
# The compiled .mo files are committed, so `make run` and `make test` never need gettext.
messages: install
	@command -v msgfmt >/dev/null || { echo "make messages needs GNU gettext: apt-get install gettext"; exit 1; }
	cd navet && ../$(BIN)/python ../manage.py makemessages -l sv --ignore "*/tests/*" && ../$(BIN)/python ../manage.py compilemessages -l sv

clean:
	rm -rf $(VENV) .test-media .pytest_cache .ruff_cache
