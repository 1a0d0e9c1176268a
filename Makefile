# Habeas: `make demo` and `make test` work on a fresh clone; each sets itself up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO_DB ?= var/demo.sqlite3
DEMO_PEOPLE ?= 2000
PG_URL ?= postgresql://postgres@127.0.0.1:5432/test

.PHONY: setup system-deps demo test test-sqlite test-postgres lint format bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

setup: $(STAMP)

# System packages the tests need: Debian's chromium for the browser tests (Playwright's own
# browser download is not used), a Java runtime for the Spark parity test, and poppler's
# pdftoppm to render exported PDFs to images.
system-deps:
	@command -v chromium >/dev/null 2>&1 && command -v java >/dev/null 2>&1 \
		&& command -v pdftoppm >/dev/null 2>&1 || { apt-get update -qq \
		&& apt-get install -y -qq chromium default-jre-headless poppler-utils; }

demo: setup
	mkdir -p var
	$(BIN)/habeas demo --reset --people $(DEMO_PEOPLE) --db $(DEMO_DB)
	$(BIN)/habeas serve --db $(DEMO_DB) --demo-users --host 127.0.0.1 --port 8000

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

format: setup
	$(BIN)/ruff format src tests bench

# The whole suite on SQLite, even when HABEAS_TEST_POSTGRES is set for the run below.
test-sqlite: setup system-deps
	env -u HABEAS_TEST_POSTGRES $(BIN)/pytest

# The database tests again on PostgreSQL: on the server HABEAS_TEST_POSTGRES names, else on
# the one answering on 127.0.0.1:5432 (trust auth, database `test`), if any.
LOCAL_POSTGRES = postgresql://postgres@127.0.0.1:5432/test
test-postgres: setup
	@url="$$HABEAS_TEST_POSTGRES"; \
	if [ -z "$$url" ] && $(BIN)/python -c "import socket; socket.create_connection(('127.0.0.1', 5432), timeout=2).close()" 2>/dev/null; then \
		url="$(LOCAL_POSTGRES)"; \
	fi; \
	if [ -n "$$url" ]; then \
		echo "PostgreSQL run on $$url"; \
		HABEAS_TEST_POSTGRES="$$url" $(BIN)/pytest -m django_db; \
	else \
		echo "no PostgreSQL server (HABEAS_TEST_POSTGRES unset, none on 127.0.0.1:5432): skipping the PostgreSQL run"; \
	fi

test: lint test-sqlite test-postgres

bench: setup
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) build var .pytest_cache .ruff_cache
