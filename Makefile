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

.PHONY: help setup run test content-check content-load content-stale phrases generated train eval clean

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

# Generated, committed inputs to training: fixed phrases in every language
# (bot/phrases/ -> bot/domain/responses.yml) and article questions as training
# examples (knowledge/content -> data/nlu/*/article_questions.yml). Each is rewritten
# only when its text changes, so an unchanged model is not retrained.
generated: setup
	@$(PY) -m bot.translations build
	@$(PY) -m knowledge training-data

phrases: generated
	$(PY) -m bot.translations stale

$(MODEL): $(VENV)/.installed $(TRAINING_INPUTS)
	$(RASA) train --config config.yml --domain bot/domain --data data \
	  --out models --fixed-model-name navigator

# A second make reads the file dates after `generated` has run.
train: generated
	@$(MAKE) --no-print-directory $(MODEL)

run: content-load train
	$(PY) -m ops.stack

test: setup train
	$(PY) -m pytest

eval: setup
	$(PY) -m ops.evaluate

clean:
	rm -rf models var .pytest_cache
