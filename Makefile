# Home Navigator. Two commands do everything:
#   make run    set up, load content, train if needed, start every process, print the URLs
#   make test   the whole test suite (what CI runs)
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
MODEL := models/navigator.tar.gz
# The model depends only on what Rasa trains from: retrain when one of these changes.
TRAINING_INPUTS := config.yml $(shell find data bot -type f \( -name '*.yml' -o -name '*.py' \) 2>/dev/null)
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export PYTHONPATH := $(CURDIR)

.PHONY: help setup run test content-check content-load content-stale phrases train clean

help:
	@echo "make run    set up, load content, train if needed and start the assistant"
	@echo "make test   run every test"
	@echo "make content-check / content-load / content-stale   the housing team's content tool"
	@echo "make phrases  rebuild the assistant's fixed phrases from bot/phrases/ and list stale translations"

$(VENV)/.installed: requirements.txt constraints.txt scripts/find-python310
	@python310=$$(scripts/find-python310) || exit 1; \
	  echo "Setting up $(VENV) with $$python310 (the first time takes a few minutes)"; \
	  [ -x $(PY) ] || $$python310 -m venv $(VENV) || exit 1; \
	  $(PY) -m pip install --quiet --disable-pip-version-check "pip<24.1" && \
	  $(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
	@touch $@

setup: $(VENV)/.installed

content-check: setup
	$(PY) -m knowledge validate

content-load: setup
	$(PY) -m knowledge load

content-stale: setup
	$(PY) -m knowledge stale

# Fixed phrases in every language -> Rasa responses (bot/domain/responses.yml, committed).
bot/domain/responses.yml: $(wildcard bot/phrases/*.yml) bot/translations.py
	$(PY) -m bot.translations build

phrases: setup bot/domain/responses.yml
	$(PY) -m bot.translations stale

$(MODEL): $(VENV)/.installed bot/domain/responses.yml $(TRAINING_INPUTS)
	$(RASA) train --config config.yml --domain bot/domain --data data \
	  --out models --fixed-model-name navigator

train: $(MODEL)

run: content-load train
	$(PY) -m ops.stack

test: setup train
	$(PY) -m pytest

clean:
	rm -rf models var .pytest_cache
