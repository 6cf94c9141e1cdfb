# Thin bootstrap: make sure .venv and node_modules are installed and current,
# then hand over to the invoke tasks in tasks.py.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev
NODE_STAMP := node_modules/.installed

.PHONY: build test serve clean publish gh-pages archive bench inspect lint deps

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(RUN_STAMP): requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements.txt
	touch $@

$(DEV_STAMP): requirements-dev.txt $(RUN_STAMP)
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements-dev.txt
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

deps: $(RUN_STAMP) $(NODE_STAMP)

build: deps
	$(BIN)/invoke build

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

test: $(DEV_STAMP) $(NODE_STAMP)
	$(BIN)/invoke test

lint: $(DEV_STAMP)
	$(BIN)/invoke lint

bench: $(DEV_STAMP) $(NODE_STAMP)
	$(BIN)/invoke bench

clean:
	rm -rf output .pytest_cache .dossier-cache
