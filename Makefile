# One entry point for people and CI. Every target installs what it needs on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION := 1
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION := 20
export PATH := $(CURDIR)/$(BIN):$(CURDIR)/node_modules/.bin:$(PATH)

.PHONY: install run test lint unit integration infra-test coverage openapi synth invoke bench clean

install: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "need $(PYTHON)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## make run: the API on http://127.0.0.1:3000 (PORT overrides), storage embedded (moto) unless
## AWS_ENDPOINT_URL* say otherwise.
run: install
	$(BIN)/python -m infra.local_server

## make test: lint, unit (moto in-process), integration (HTTP; moto server and DynamoDB Local),
## infrastructure (CDK assertions), with a coverage summary (functions/ and shared/ >= 90%).
test: install lint
	$(BIN)/python -m pytest -n 2 --dist loadgroup --cov --cov-report=term:skip-covered --cov-fail-under=90 tests

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

unit: install
	$(BIN)/python -m pytest tests/unit

integration: install
	$(BIN)/python -m pytest tests/integration

infra-test: install
	$(BIN)/python -m pytest tests/infra

## make openapi: regenerate docs/openapi.json from the routes and models.
openapi: $(VENV)/.installed
	$(BIN)/python -m infra.openapi

## make synth: both stages' CloudFormation templates into cdk.out/ (offline).
synth: install
	npx cdk synth -c stage=dev --quiet
	npx cdk synth -c stage=prod --quiet -o cdk.out/prod

## make invoke EVENT=events/exams.create.json: run one event through its lambda_handler.
invoke: $(VENV)/.installed
	$(BIN)/python -m infra.invoke $(EVENT)

clean:
	rm -rf $(VENV) node_modules cdk.out build .coverage .coverage.* .pytest_cache .local
