# Two commands do all set-up on a fresh Debian machine with Python 3.11:
#   make run   – install and serve the platform on an embedded SQLite database
#   make test  – install with test extras and run the whole suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format install install-test test-sqlite test-postgres messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'

run: install
	$(BIN)/lagesbild serve --host $(HOST) --port $(PORT)

# ruff checks style and common mistakes; `make format` rewrites the code in the project's style.
lint: install-test
	$(BIN)/ruff check lagesbild tests benchmarks scripts
	$(BIN)/ruff format --check lagesbild tests benchmarks scripts

format: install-test
	$(BIN)/ruff check --fix lagesbild tests benchmarks scripts
	$(BIN)/ruff format lagesbild tests benchmarks scripts

# The suite runs on SQLite always, and on PostgreSQL too when TEST_POSTGRES_URL is set (CI sets it).
# It starts with the lint, so a change that breaks the style fails like a failing test.
test: install-test lint
	$(BIN)/pytest
	@if [ -n "$$TEST_POSTGRES_URL" ]; then \
		echo "== The same suite on PostgreSQL ($$TEST_POSTGRES_URL) =="; \
		DATABASE_URL="$$TEST_POSTGRES_URL" $(BIN)/pytest -m "not browser"; \
	fi

messages: install
	cd lagesbild && for app in */locale; do (cd $${app%/locale} && ../../$(BIN)/django-admin compilemessages --ignore=.venv >/dev/null); done

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .hypothesis
