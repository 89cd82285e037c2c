# Xizmat: `make run` serves the API, `make test` runs every test.  See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
FLASK := $(BIN)/flask --app server
# Reinstall only when the package metadata changes (the stamp keeps `make run` quick).
INSTALL_STAMP := $(VENV)/.xizmat-installed
SYSTEM_PACKAGES := gettext xvfb xauth espeak-ng libespeak-ng1 alsa-utils wrk libgl1 libegl1 \
	libgl1-mesa-dri libmtdev1 fonts-dejavu-core sox

.PHONY: help install system-deps translations migrate seed simulator run test lint bench mobile \
	screenshots

help:
	@echo "make run    serve the API on http://127.0.0.1:$(PORT) (installs, migrates, seeds)"
	@echo "make test   install what the tests need and run the whole suite"
	@echo "other targets: install system-deps translations migrate seed simulator mobile screenshots lint bench"
	@echo "translators: translate-extract translate-update translate-compile translate-check translate-stats translate-transliterate (locales/README.md)"

install: $(INSTALL_STAMP)

$(INSTALL_STAMP): setup.cfg pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[server,mobile,dev]'
	@touch $@

# Debian packages the tests and the app use; installed only when missing and root (or
# password-less sudo) is available, otherwise listed so a person can install them.
system-deps:
	@if ! command -v dpkg-query >/dev/null; then echo "system-deps: not a Debian system; install: $(SYSTEM_PACKAGES)"; exit 0; fi; \
	missing=""; for package in $(SYSTEM_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$package"; \
	done; \
	if [ -z "$$missing" ]; then echo "system-deps: all present"; \
	elif [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then \
		sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	else echo "system-deps: missing$$missing (no root: install them yourself)" >&2; fi

translations: install
	$(BIN)/python -c "from locales.catalogs import ensure_compiled; print(f'compiled {len(ensure_compiled())} catalog(s)')"

migrate: install
	$(FLASK) db upgrade

seed: migrate
	$(FLASK) demo seed

# The registry simulator runs as its own process beside the API (prefill, offers, the
# registration check); it pushes life events to the API's webhook.  Only `make run` points the
# API at it: without XIZMAT_REGISTRY_URL (as in the tests) the registries are off.
SIMULATOR_PORT ?= 8700
SIMULATOR_PID := instance/registry-simulator.pid
SIMULATOR_LOG := instance/registry-simulator.log
REGISTRY_ENV := XIZMAT_REGISTRY_URL=$${XIZMAT_REGISTRY_URL:-http://127.0.0.1:$(SIMULATOR_PORT)} \
	XIZMAT_REGISTRY_WEBHOOK_SECRET=$${XIZMAT_REGISTRY_WEBHOOK_SECRET:-local-registry-webhook-secret}

simulator: install
	@mkdir -p instance
	@if [ -f $(SIMULATOR_PID) ] && kill -0 $$(cat $(SIMULATOR_PID)) 2>/dev/null; then \
		echo "registry simulator already running (pid $$(cat $(SIMULATOR_PID)))"; \
	else \
		$(REGISTRY_ENV) $(BIN)/python -m server.registries.simulator --port $(SIMULATOR_PORT) \
			--webhook-url http://127.0.0.1:$(PORT)/api/v1/registry-events >$(SIMULATOR_LOG) 2>&1 & \
		echo $$! > $(SIMULATOR_PID); \
		for attempt in $$(seq 100); do grep -q "^listening" $(SIMULATOR_LOG) && break; sleep 0.1; done; \
		head -n 1 $(SIMULATOR_LOG); \
	fi

# Migrations run here, once, before gunicorn starts its workers (never inside a worker).
run: install translations migrate simulator
	$(REGISTRY_ENV) $(FLASK) demo seed
	@echo
	@echo "Xizmat API: http://127.0.0.1:$(PORT)/api/v1/health  (OpenAPI: /api/v1/openapi.json)"
	@echo "Database:   $${XIZMAT_DATABASE_URL:-sqlite (instance/xizmat.db)}"
	@echo "Registries: simulator on http://127.0.0.1:$(SIMULATOR_PORT) (log: $(SIMULATOR_LOG))"
	@echo
	@trap 'kill $$(cat $(SIMULATOR_PID)) 2>/dev/null; rm -f $(SIMULATOR_PID)' EXIT; \
	$(REGISTRY_ENV) $(BIN)/gunicorn --workers 2 --worker-class sync --bind 127.0.0.1:$(PORT) \
		'server:create_app()'

# The Kivy client (xizmat-mobile) against the local API: start `make run` in another terminal.
mobile: install translations
	XIZMAT_API_URL=$${XIZMAT_API_URL:-http://127.0.0.1:$(PORT)} $(BIN)/python -m mobile.main

# PNGs of every screen at 100 % and 300 % in uz_Latn and ru, into mobile/screenshots/ (its
# README.md is the index); starts its own server on a temporary database.
screenshots: system-deps install translations
	xvfb-run -a $(BIN)/python -m tests.mobile.make_screenshots

# Kivy windows need a display: those tests run under Xvfb, one process (no xdist).
# pytest exits 5 when a selection has no tests, which is not a failure here.
test: system-deps install translations
	@status=0; $(BIN)/pytest -n 2 -m "not kivy" $(PYTEST_ARGS) || status=$$?; \
	if [ $$status -ne 0 ] && [ $$status -ne 5 ]; then exit $$status; fi; \
	status=0; xvfb-run -a $(BIN)/pytest -p no:xdist -m kivy $(PYTEST_ARGS) || status=$$?; \
	if [ $$status -ne 0 ] && [ $$status -ne 5 ]; then exit $$status; fi

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy server accessibility locales mobile

bench: install translations
	@for script in benchmarks/bench_*.py; do \
		echo "== $$script"; $(BIN)/python $$script || exit $$?; \
	done

# Translators' commands (locales/README.md).  DOMAIN=services limits one to a domain.
TRANSLATE := $(FLASK) translate
TRANSLATE_DOMAIN := $(if $(DOMAIN),--domain $(DOMAIN))
.PHONY: translate-extract translate-update translate-compile translate-check translate-stats \
	translate-transliterate

translate-extract: install
	$(TRANSLATE) extract $(TRANSLATE_DOMAIN)

translate-update: install
	$(TRANSLATE) update $(TRANSLATE_DOMAIN)

translate-compile: install
	$(TRANSLATE) compile $(TRANSLATE_DOMAIN)

translate-check: install
	$(TRANSLATE) check $(TRANSLATE_DOMAIN) $(if $(LANG_REPORT),--lang $(LANG_REPORT))

translate-stats: install
	$(TRANSLATE) stats $(TRANSLATE_DOMAIN)

translate-transliterate: install
	$(TRANSLATE) transliterate $(TRANSLATE_DOMAIN)
