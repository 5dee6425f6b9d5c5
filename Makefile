# The handbook's commands. Every recipe is one call of the toolchain's CLI (scripts/handbook);
# `make help` lists them. The first `make` also sets everything up (see README.md).

# -- Variables you may set -------------------------------------------------------------------
LANGS ?=
EDITION ?=
CODE ?=
PYTHON ?= python3

# -- Internal --------------------------------------------------------------------------------
VENV := .venv
HANDBOOK := $(VENV)/bin/python -m handbook
# Works before the set-up: the CLI's help and "not available yet" need only the standard library.
HANDBOOK_LITE := PYTHONPATH=scripts $(PYTHON) -m handbook
SETUP_DONE := $(VENV)/.setup-done

.DEFAULT_GOAL := all
.PHONY: all setup html test gettext update-po clean help lock screenshots \
	pdf stats check review serve bench add-language

all: $(SETUP_DONE)
	@$(HANDBOOK) build --langs "$(LANGS)"

setup: $(SETUP_DONE)

$(SETUP_DONE): pyproject.toml requirements.lock scripts/bootstrap.py
	@$(PYTHON) scripts/bootstrap.py
	@touch $@

html: $(SETUP_DONE)
	@$(HANDBOOK) html --langs "$(LANGS)"

test: $(SETUP_DONE)
	@$(VENV)/bin/python -m pytest

# Builds the handbook in a temporary copy and photographs it in Chromium: _build/screenshots/*.png
screenshots: $(SETUP_DONE)
	@$(VENV)/bin/python -m pytest -q tests/web/test_screenshots.py

gettext: $(SETUP_DONE)
	@$(HANDBOOK) gettext

update-po: $(SETUP_DONE)
	@$(HANDBOOK) update-po --langs "$(LANGS)"

# Targets whose issues have not landed yet: they say so and exit 2.
pdf stats check review serve bench add-language:
	@$(HANDBOOK_LITE) pending $@

help:
	@$(HANDBOOK_LITE) help

clean:
	rm -rf _build

# Maintainers: after changing dependencies in pyproject.toml, pin the new versions.
lock: $(SETUP_DONE)
	@$(VENV)/bin/python scripts/lock.py
