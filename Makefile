# Two commands for a fresh machine: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501
SERVE_PORT ?= 8080

.PHONY: run test lint bench bench-pages bench-phone corpus workbook chromium nginx serve clean

# Two stamps: what the dashboard needs to run, and that plus the test tools. `make run` installs only the first
# (no Playwright, pytest or ruff on a viewer's server); every other target needs the second.
RUN_STAMP := $(VENV)/.run-$(shell cat requirements.txt constraints.txt | cksum | cut -d' ' -f1)
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt constraints.txt | cksum | cut -d' ' -f1)

$(RUN_STAMP): requirements.txt constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt -c constraints.txt
	rm -f $(VENV)/.run-* && touch $(RUN_STAMP)

$(STAMP): $(RUN_STAMP) requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt -c constraints.txt
	rm -f $(VENV)/.installed-* && touch $(STAMP)

## Start the dashboard on the bundled 2016 workbook (http://localhost:$(PORT); PORT=8600 make run for another
## port). Headless: no browser opens by itself. Installs Debian's chromium when it can (PNG images and the PDF
## handout are drawn with it); without it the dashboard runs and says so where those buttons would be.
run: $(RUN_STAMP)
	@$(MAKE) --no-print-directory chromium || echo "Sin Chromium: las imágenes PNG y el folleto PDF no estarán disponibles."
	$(VENV)/bin/streamlit run app.py --server.port $(PORT) --server.headless true

## Lint, then the whole test suite, browser included. pytest's exit status passes through (5 = no tests fails).
test: $(STAMP) chromium nginx
	$(PY) -m ruff check .
	$(PY) -m pytest

## Debian's Chromium for the browser suite (never `playwright install`: it cannot download here).
chromium:
	@test -x /usr/bin/chromium || { \
	  echo "Installing Debian's chromium for the browser tests…"; \
	  SUDO=$$(test "$$(id -u)" = 0 || echo sudo); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; }

## Debian's nginx with its brotli modules, for deploy/ and its tests.
nginx:
	@test -x /usr/sbin/nginx -a -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so -a -x /usr/bin/brotli || { \
	  echo "Installing Debian's nginx and its brotli modules…"; \
	  SUDO=$$(test "$$(id -u)" = 0 || echo sudo); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    nginx libnginx-mod-http-brotli-filter libnginx-mod-http-brotli-static brotli; }

## Production: nginx on $(SERVE_PORT) in front of two instances on one store (PLAN_DB_URL, else var/plan.db).
serve: $(RUN_STAMP) nginx
	$(PY) -m deploy.serve --port $(SERVE_PORT)

lint: $(STAMP)
	$(PY) -m ruff check .

## The benchmarks quoted in the README (they generate their own workbooks).
bench: $(STAMP)
	$(PY) -m bench.bench_loaders
	$(PY) -m bench.bench_pages
	$(PY) -m bench.bench_isolation
	$(PY) -m bench.bench_store
	$(PY) -m bench.bench_websocket
	$(PY) -m bench.bench_png
	$(PY) -m bench.bench_feed

bench-pages: $(STAMP)
	$(PY) -m bench.bench_pages

## A throttled phone (slow 3G, CPU 4×) through nginx against a one-chart floor: about 17 minutes.
bench-phone: $(STAMP) chromium nginx
	$(PY) -m bench.bench_phone

## What the loaders find in the real workbooks of ../shared/real-workbooks/ (read there, never copied here).
corpus: $(STAMP)
	$(PY) -m bench.corpus

## Rebuild data/plan_accion_2016.xlsx from data/build_workbook.py.
workbook: $(STAMP)
	$(PY) -m data.build_workbook

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis artifacts
