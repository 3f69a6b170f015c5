# Home Navigator. Two commands do everything:
#   make run    set up, load content, train if needed, start every process, print the URLs
#   make test   the whole test suite (what CI runs)
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
MODEL := models/navigator.tar.gz
# The model depends only on what Rasa trains from (the training data, the domain, our own
# components): retrain when one of these changes.
TRAINING_INPUTS := config.yml $(shell find data bot/domain bot/components -type f \( -name '*.yml' -o -name '*.py' \) 2>/dev/null)
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export PYTHONPATH := $(CURDIR)

.PHONY: help setup chromium run test migrate content-check content-load content-stale phrases generated train eval bench clean

help:
	@echo "make run    set up, load content, train if needed and start the assistant"
	@echo "           SCALE=2 make run: two Rasa replicas, each with an action server (set DATABASE_URL, REDIS_URL)"
	@echo "make test   run every test"
	@echo "make eval   measure understanding and answers per language: results/<date>/report.md"
	@echo "make bench  speed and memory under load, beside a stock Rasa assistant: results/<date>/bench.md"
	@echo "make content-check / content-load / content-stale   the housing team's content tool"
	@echo "make phrases  rebuild the assistant's fixed phrases from bot/phrases/ and list stale translations"

$(VENV)/.installed: requirements.txt constraints.txt scripts/find-python310
	@python310=$$(scripts/find-python310) || exit 1; \
	  echo "Setting up $(VENV) with $$python310 (the first time takes a few minutes)"; \
	  [ -x $(PY) ] || $$python310 -m venv $(VENV) || exit 1; \
	  $(PY) -m pip install --quiet --disable-pip-version-check "pip<24.1" && \
	  $(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
	@touch $@

setup: $(VENV)/.installed chromium

# The browser tests drive Debian's Chromium (Playwright never downloads a browser here),
# with the Noto fonts so Urdu, Punjabi and Bengali render as residents see them.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium and Noto fonts for the browser tests"; \
	  { apt-get update -qq && apt-get install -y -qq chromium fonts-noto-core >/dev/null; } || \
	  echo "Could not install chromium (needs root and apt): the browser tests will fail until it is installed."; }

content-check: setup
	$(PY) -m knowledge validate

# The project's tables to this code's schema (Alembic, migrations/, docs/adr/0015). Needs no
# .venv when PY is given (the deployment's Job runs `make migrate PY=python` in its image).
migrate: $(if $(filter $(VENV)/bin/python,$(PY)),$(VENV)/.installed)
	$(PY) -m core.migrate

content-load: setup migrate
	$(PY) -m knowledge load

content-stale: setup
	$(PY) -m knowledge stale

# Generated, committed inputs to training: fixed phrases in every language
# (bot/phrases/ -> bot/domain/responses.yml) and article questions as training
# examples (knowledge/content -> data/nlu/*/article_questions.yml). Each is rewritten
# only when its text changes, so an unchanged model is not retrained.
generated: setup
	@$(PY) -m bot.translations build
	@$(PY) -m knowledge training-data

phrases: generated
	$(PY) -m bot.translations stale
	$(PY) -m web.interface stale

$(MODEL): $(VENV)/.installed $(TRAINING_INPUTS)
	$(RASA) train --config config.yml --domain bot/domain --data data \
	  --out models --fixed-model-name navigator

# A second make reads the file dates after `generated` has run.
# First the training examples editors queued in the studio's inbox (docs/adr/0026).
train: generated
	@$(PY) -m inbox training
	@$(MAKE) --no-print-directory $(MODEL)

# SCALE=N: N Rasa replicas, each with its own action server, and the web tier routing each
# conversation to one (docs/adr/0021). Several replicas share conversations and locks only
# through PostgreSQL and Redis, e.g.
#   DATABASE_URL=postgresql://root@127.0.0.1/test REDIS_URL=redis://127.0.0.1:6379/0 SCALE=2 make run
run: content-load train
	$(PY) -m ops.stack

# Two worker processes, each given whole test files (module fixtures start once): CI has
# two cores. TEST_WORKERS=0 runs everything in one process.
TEST_WORKERS ?= 2
test: setup train
	$(PY) -m pytest $(if $(filter 0,$(TEST_WORKERS)),,-n $(TEST_WORKERS) --dist loadfile)

# Needs the trained model: the conversation stories and answer quality run against it.
# Answer quality asks the assistant at RASA_URL if one is running, else starts its own.
eval: train
	$(PY) -m ops.evaluate

# Speed and memory under load (1, 10, 50 residents; BENCH_SECONDS each), beside a stock
# `rasa init` assistant: docs/adr/0011-benchmarks.md. Trains its own model to time it.
# Not part of `make test`: it never asserts times. BENCH_FAULTS=1 make bench: the fault run
# on two replicas with PostgreSQL and Redis (ops/bench/faults.py), results/<date>/faults.md.
bench: generated
	$(PY) -m ops.bench

clean:
	rm -rf models var .pytest_cache
