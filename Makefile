# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test test-slow bench lint format postgres tools clean openapi clients client-packages

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m shared.launcher

# The test suite runs the services of several tests at once: it needs more connections than
# PostgreSQL's default 100, so a local cluster with fewer is raised to PG_MAX_CONNECTIONS (a restart).
PG_MAX_CONNECTIONS ?= 300
postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
	@for i in $$(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done; pg_isready -q -h 127.0.0.1 -p 5432 || { echo "PostgreSQL is not reachable on 127.0.0.1:5432" >&2; exit 1; }
	@n=$$(psql -h 127.0.0.1 -U postgres -Atc "SHOW max_connections"); if [ "$$n" -lt $(PG_MAX_CONNECTIONS) ]; then \
		echo "PostgreSQL allows $$n connections; raising it to $(PG_MAX_CONNECTIONS) (restarts the local cluster)"; \
		psql -h 127.0.0.1 -U postgres -qc "ALTER SYSTEM SET max_connections = $(PG_MAX_CONNECTIONS)" && \
		pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main restart && \
		for i in $$(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done; fi

# Tools some tests drive, from Debian packages: Chromium (the survey page and the console) with a
# Chinese font for the screenshots, promtool (alert rules and dashboard queries) and wrk (the HTTP
# benchmarks' load generator); axe-core from
# npm (accessibility checks of the console). Best effort: without them those tests are skipped,
# saying why.
tools:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || echo "chromium could not be installed: the browser test will be skipped" >&2
	@fc-list 2>/dev/null | grep -qi wqy || (DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-zenhei >/dev/null 2>&1) || echo "no Chinese font: console screenshots will show boxes for Chinese text" >&2
	@test -f .tools/node_modules/axe-core/axe.min.js || npm install --prefix .tools --no-save --no-audit --no-fund --silent axe-core@4 >/dev/null 2>&1 || echo "axe-core could not be installed: the console accessibility checks will be skipped" >&2
	@command -v promtool >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null) || echo "promtool could not be installed: the alert rule tests will be skipped" >&2
	@command -v wrk >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null) || echo "wrk could not be installed: the HTTP benchmarks and their harness test will be skipped" >&2
	@command -v kcat >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends kcat >/dev/null) || echo "kcat could not be installed: the librdkafka partner test will be skipped" >&2

# The TypeScript client's locked npm packages (generator, compiler, openapi-fetch).
CLIENT_PACKAGES := clients/typescript/node_modules/.package-lock.json
$(CLIENT_PACKAGES): clients/typescript/package-lock.json
	cd clients/typescript && npm ci --no-audit --no-fund
client-packages: $(CLIENT_PACKAGES)

# Regenerate the Python and TypeScript clients from the committed OpenAPI documents
# (after `python -m scripts.generate_contracts`); `make test` fails when they drift.
clients: $(STAMP) $(CLIENT_PACKAGES)
	$(PY) -m scripts.generate_clients

# The suite runs in TEST_PROCESSES processes (pytest-xdist), one per core: most tests wait on
# services, brokers and clocks rather than compute. A module's tests stay in one process
# (tests/conftest.py). TEST_PROCESSES=0 runs everything in this process.
TEST_PROCESSES ?= 2
test: $(STAMP) postgres tools $(CLIENT_PACKAGES)
	$(VENV)/bin/ruff check .
	$(PY) -m pytest -q -m "not slow" -n $(TEST_PROCESSES) --durations=15

# The long runs: deep fuzzing, an erasure interrupted by killed processes, and the mixed workload for
# five minutes (make test runs 20 s of it).
LOAD_SECONDS ?= 300
test-slow: $(STAMP) postgres
	$(PY) -m pytest -q -m slow
	LOAD_SECONDS=$(LOAD_SECONDS) $(PY) -m pytest -q tests/load

# Benchmarks beside their baselines -> bench/results/latest.md; BENCH="tickets survey" runs a subset
# (the others keep their last figures). HTTP load comes from wrk, a separate process.
BENCH ?=
bench: $(STAMP) postgres
	@command -v wrk >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null) || echo "wrk could not be installed: the HTTP benchmarks will report it" >&2
	$(PY) -m bench.run $(BENCH)

lint: $(STAMP)
	$(VENV)/bin/ruff check .

format: $(STAMP)
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) data .pytest_cache
