# Thin bootstrap: make sure the system tools, .venv and node_modules are installed and current,
# then hand over to the invoke tasks in tasks.py.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev
NODE_STAMP := node_modules/.installed

.PHONY: build check test test-fast build-tools test-tools serve clean publish gh-pages archive bench bench-quality inspect lint deps

# scripts/ensure-tools installs missing Debian packages (or says what to install); silent when all is there.
build-tools:
	@PYTHON=$(PYTHON) scripts/ensure-tools build

# Chromium, a Java runtime and GNU time, for the browser, Nu HTML checker and benchmark smoke tests.
test-tools:
	@PYTHON=$(PYTHON) scripts/ensure-tools test

$(BIN)/python: | build-tools
	$(PYTHON) -m venv $(VENV)

$(RUN_STAMP): requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements.txt
	touch $@

$(DEV_STAMP): requirements-dev.txt $(RUN_STAMP)
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements-dev.txt
	touch $@

$(NODE_STAMP): package.json package-lock.json | build-tools
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error  # no scripts: vnu-jar's would download a Java runtime
	touch $@

deps: $(RUN_STAMP) $(NODE_STAMP)

build: deps
	$(BIN)/invoke build

check: $(RUN_STAMP)
	$(BIN)/invoke check

serve: deps
	$(BIN)/invoke serve

publish: deps
	$(BIN)/invoke publish $(if $(SITEURL),--siteurl "$(SITEURL)")

gh-pages: deps
	$(BIN)/invoke gh-pages $(if $(SITEURL),--siteurl "$(SITEURL)") $(if $(REMOTE),--remote "$(REMOTE)")

archive: deps
	$(BIN)/invoke archive

inspect: deps
	$(BIN)/invoke inspect "$(CAPTURE)"

test: test-tools $(DEV_STAMP) $(NODE_STAMP)
	$(BIN)/invoke test

test-fast: $(DEV_STAMP) $(NODE_STAMP)
	$(BIN)/invoke test-fast

lint: $(DEV_STAMP)
	$(BIN)/invoke lint

bench-quality: $(DEV_STAMP) $(NODE_STAMP)
	$(BIN)/invoke bench-quality $(if $(REALWORLD),--folder "$(REALWORLD)")

bench: $(DEV_STAMP) $(NODE_STAMP)
	$(BIN)/invoke bench

clean:
	rm -rf output .pytest_cache .dossier-cache
