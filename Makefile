# Mentora: `make demo` runs it with demo data, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ADDR ?= 127.0.0.1:8000

.PHONY: install install-test demo serve test test-fast lint browser-deps clean screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test browser-deps

# Browser tests drive Debian's Chromium (Playwright's own browser download is not used).
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installing Debian's chromium for the browser tests..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Browser tests need /usr/bin/chromium: run 'sudo apt-get install chromium'" >&2; exit 1; \
	  fi; \
	fi

demo: install
	$(BIN)/mentora demo --addr $(ADDR)

serve: install
	$(BIN)/mentora migrate
	$(BIN)/mentora serve --addr $(ADDR)

test: install-test
	$(BIN)/ruff check .
	$(BIN)/pytest

# The README's screenshots (docs/screenshots/) and full pages of every role for reviews
# (test-artifacts/screenshots/), taken from the demo organization in headless Chromium.
screenshots: install-test
	$(BIN)/pytest tests/browser/readme_screenshots.py -q

lint: install-test
	$(BIN)/ruff check .
	MENTORA_TESTING=1 $(BIN)/mypy mentora

clean:
	rm -rf $(VENV) var test-artifacts .pytest_cache .mypy_cache .ruff_cache
