# Support Network Portal: `make run` serves the demo, `make test` runs every check.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test
PYTEST_WORKERS ?= 2

.PHONY: install run demo test lint format check messages check-messages test-sqlite test-postgres test-browser test-wheel mutation-check bench load faults stack clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

demo: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo

run: demo
	@echo "Serving the demo site on http://127.0.0.1:$(PORT)/ - log in at http://127.0.0.1:$(PORT)/members/login/ with a demo account above (current code: $(BIN)/python manage.py demo_code admin)"
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install lint check check-messages test-sqlite test-postgres test-wheel mutation-check

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/python manage.py check
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	SECRET_KEY=check-deploy-only-$$(printf '%050d' 0) ALLOWED_HOSTS=portal.example.jp WAGTAILADMIN_BASE_URL=https://portal.example.jp \
		DATABASE_URL=postgres://check@127.0.0.1:1/check REDIS_URL=redis://127.0.0.1:1/0 \
		DJANGO_SETTINGS_MODULE=portal.settings.production $(BIN)/python manage.py check --deploy --fail-level WARNING

messages: install
	$(BIN)/python manage.py makemessages --all --no-location --ignore=.venv --ignore=staticfiles --ignore=tests
	$(BIN)/python manage.py compilemessages --ignore=.venv

check-messages: install
	$(BIN)/python scripts/check_messages.py

# Everything, browser tests included, on SQLite.
test-sqlite: install
	$(BIN)/pytest -n $(PYTEST_WORKERS) -m "not wheel"

# Everything but the browser tests again on PostgreSQL (they run their own server on SQLite).
test-postgres: install
	DATABASE_URL=$(POSTGRES_URL) $(BIN)/pytest -n $(PYTEST_WORKERS) -m "not browser and not varnish and not nginx and not wheel and not production"

test-browser: install
	$(BIN)/pytest -m browser

# The wheel built, installed in a fresh virtual environment and served from there with
# production settings on PostgreSQL and Redis, plus a short load (several minutes).
test-wheel: install
	$(BIN)/pytest -m wheel

# Each rule of the access rule removed in turn: a test must fail every time.
mutation-check: install
	$(BIN)/python scripts/mutation_check.py

# Pages uncached, from the app cache, from Varnish and from nginx (the static limit), about
# 8 minutes; then search on 10,000 pages (also on PostgreSQL when DATABASE_URL is set).
bench: install
	$(BIN)/python scripts/bench.py
	$(BIN)/python scripts/bench_search.py

# Where an uncached home page's CPU time goes (cProfile), on the last benchmark's database.
.PHONY: bench-profile
bench-profile: install
	$(BIN)/python scripts/bench.py --profile --reuse

# Search on 100,000 pages (SQLite, and PostgreSQL when DATABASE_URL is set): long and CPU-heavy,
# so not part of make test or make bench; the databases are kept and reused by the next run.
.PHONY: bench-search-100k
bench-search-100k: install
	$(BIN)/python scripts/bench_search.py --pages 100000 --keep

# 100 readers for 60 s and 1,000 sign-ups under gunicorn, production settings (docs/operations.md).
load: install
	$(BIN)/python scripts/load.py

# Redis stopped and started again under load: pages still served, logins still limited;
# then PostgreSQL (a cluster of its own) restarted while people apply: nothing confirmed is lost (docs/operations.md).
faults: install
	$(BIN)/python scripts/faults.py
	$(BIN)/python scripts/fault_postgres.py

# The demo behind Varnish, production settings, on 127.0.0.1 (README: Front cache); Ctrl-C stops it.
stack: install
	$(BIN)/python scripts/stack.py --port $(if $(filter file,$(origin PORT)),8080,$(PORT))

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles private-files .pytest_cache .ruff_cache
