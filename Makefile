# One entry point for people and CI. Every target installs what it needs on a fresh machine.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# Every runtime dependency (direct and indirect) pinned with hashes: the venv and the Lambda asset
# (deploy/bundle.py) both install it, so the tests run what is deployed. `make lock` writes it.
LOCK := requirements.lock
PIP_TOOLS := pip-tools==7.6.2
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION := 1
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION := 20
export PATH := $(CURDIR)/$(BIN):$(CURDIR)/node_modules/.bin:$(PATH)

.PHONY: help install run test lint format generated hooks unit integration deploy-test openapi synth invoke bench clean lock

## make help: every target with what it does (the default).
help:
	@sed -n -e 's/^## make /make /p' -e 's/^## /    /p' $(MAKEFILE_LIST)

## make install: the venv (hash-pinned runtime, dev tools), node_modules (CDK CLI, DynamoDB Local,
## Swagger UI) and, when missing, Debian's chromium (apt-get; the Swagger UI test drives it).
install: $(VENV)/.installed node_modules/.installed

# The lock first (hash-checked), then the project and its dev tools with the lock's pins as
# constraints (hashes stripped: hashes in a constraints file would demand them of every dev tool),
# so no dev tool moves a runtime dependency; a pyproject pin the lock contradicts fails here.
# Then the generated client (clients/python/, `make client`), editable: the tests import it as its
# users do, and a regenerated one needs no reinstall.
$(VENV)/.installed: pyproject.toml $(LOCK)
	@command -v $(PYTHON) >/dev/null || { echo "need $(PYTHON)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r $(LOCK)
	sed -n 's/^\([A-Za-z0-9][A-Za-z0-9._-]*==[^ ]*\).*/\1/p' $(LOCK) > $(VENV)/lock-constraints.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -c $(VENV)/lock-constraints.txt -e '.[dev]'
	$(BIN)/pip install --quiet --disable-pip-version-check -c $(VENV)/lock-constraints.txt -e clients/python
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's chromium, which tests/integration/test_swagger.py drives with Playwright (Playwright's own
# browser download is never used). Installed only when missing: apt-get, as root (about a minute).
CHROMIUM := /usr/bin/chromium
install: $(CHROMIUM)
$(CHROMIUM):
	@test "$$(id -u)" = 0 || { echo "need $(CHROMIUM): run 'sudo apt-get install chromium'"; exit 1; }
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

## make run: the API on http://127.0.0.1:3000 (PORT overrides), storage embedded (moto) unless
## AWS_ENDPOINT_URL* say otherwise.
run: install
	$(BIN)/python -m emulator.local_server

## make test: lint, unit (moto in-process), integration (HTTP; moto server and DynamoDB Local),
## infrastructure (CDK assertions), with a coverage summary (functions/ and shared/ >= 90%).
test: install lint
	$(BIN)/python -m pytest -n 2 --dist loadgroup --cov --cov-report=term:skip-covered --cov-fail-under=90 tests

## make lint: ruff (lint and format check), mypy (strict on shared/), vulture (dead code).
lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/vulture shared functions deploy emulator generators cli --min-confidence 80

## make format: ruff's fixes and formatting, in place.
format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## make generated: the committed generated files (docs/openapi.json, events/, docs/samples/,
## clients/python/) are current.
generated: $(VENV)/.installed
	$(BIN)/python -m pytest -q -p no:cacheprovider \
	  tests/api/test_client_package.py::test_committed_client_package_is_current \
	  tests/api/test_contract.py::test_committed_openapi_document_is_current \
	  tests/api/test_contract.py::test_sample_events_cover_every_route_and_are_current \
	  tests/api/test_bulk.py::test_sample_files_are_current_and_every_row_validates

## make hooks: install the git pre-commit hook (.pre-commit-config.yaml: ruff, mypy, vulture, generated files).
hooks: $(VENV)/.installed
	$(BIN)/pre-commit install

## make unit: pure-function tests (tests/unit) and in-process API tests (tests/api, moto in-process).
unit: install
	$(BIN)/python -m pytest tests/unit tests/api

## make integration: the local server over HTTP, on moto server and on DynamoDB Local.
integration: install
	$(BIN)/python -m pytest tests/integration

## make deploy-test: the synthesized CDK templates (aws_cdk.assertions, cdk-nag, cfn-lint).
deploy-test: install
	$(BIN)/python -m pytest tests/deploy

## make openapi: regenerate docs/openapi.json from the routes and models.
openapi: $(VENV)/.installed
	$(BIN)/python -m generators.openapi

## make client: regenerate the Python client package clients/python/ from docs/openapi.json
## (openapi-python-client, settings in clients/openapi-python-client.yaml).
client: $(VENV)/.installed
	$(BIN)/python -m generators.client
.PHONY: client

## make synth: both stages' CloudFormation templates into cdk.out/ (prod: cdk.out/prod/), offline.
## cdk-nag (AwsSolutions) runs inside every synthesis and fails it on any unacknowledged finding.
synth: install
	rm -rf cdk.out  # no stale template from an earlier stage or run
	CDK_DISABLE_CLI_TELEMETRY=true npx cdk synth -c stage=dev --quiet --no-notices
	CDK_DISABLE_CLI_TELEMETRY=true npx cdk synth -c stage=prod --quiet --no-notices -o cdk.out/prod

## make invoke EVENT=events/exams.create.json: run one event through its lambda_handler.
invoke: $(VENV)/.installed
	$(BIN)/python -m emulator.invoke $(EVENT)

## make lock: regenerate requirements.lock from pyproject.toml's [project].dependencies (pip-tools, in
## its own venv, so it works while the lock is stale). Pins of indirect dependencies are kept while
## they fit; `make lock LOCK_ARGS=--upgrade` moves them all to the newest. The hashes cover every file
## of each release (the aarch64 wheels of the Lambda asset too).
lock:
	@test -x build/venv-lock/bin/pip-compile || { $(PYTHON) -m venv --clear build/venv-lock \
	  && build/venv-lock/bin/pip install --quiet --disable-pip-version-check '$(PIP_TOOLS)'; }
	CUSTOM_COMPILE_COMMAND="make lock" build/venv-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	  --no-emit-index-url --no-emit-find-links $(LOCK_ARGS) --output-file $(LOCK) pyproject.toml

## make clean: remove the venv, node_modules and every build output.
clean:
	rm -rf $(VENV) node_modules cdk.out build .coverage .coverage.* .pytest_cache .local

## make nag: cdk-nag on both stages, and every acknowledgment in deploy/compliance.py still needed.
nag: install
	$(BIN)/python -m pytest -q tests/deploy/test_compliance.py

## make cfn-lint: cfn-lint on every synthesized template (nested stacks included): no error, no warning.
cfn-lint: synth
	$(BIN)/cfn-lint -- cdk.out/*.template.json cdk.out/prod/*.template.json

## make checkov: checkov on the same templates, from its own venv (its pins clash with ours).
checkov: synth
	@test -x build/venv-tools/bin/checkov \
	  && cmp -s deploy/tools-requirements.txt build/venv-tools/.requirements \
	  || { $(PYTHON) -m venv --clear build/venv-tools \
	       && build/venv-tools/bin/pip install --quiet --disable-pip-version-check -r deploy/tools-requirements.txt \
	       && cp deploy/tools-requirements.txt build/venv-tools/.requirements; }
	build/venv-tools/bin/checkov --framework cloudformation --skip-download --quiet --compact \
	  $$(for f in cdk.out/*.template.json cdk.out/prod/*.template.json; do echo -f $$f; done)

## make deploy-check: all of the above.
deploy-check: synth nag cfn-lint checkov

.PHONY: nag cfn-lint checkov deploy-check

## make bench: what users pay for — cold start, warm overhead, DynamoDB requests per route, scaling,
## end to end over HTTP, bulk load (under 10 minutes; not part of `make test`). Prints the table and
## writes bench/results/latest.json and the results part of docs/performance.md.
bench: install
	$(BIN)/python -m bench.run
