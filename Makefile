# The handbook's commands. Every recipe is one call of the toolchain's CLI (scripts/handbook);
# `make help` lists them. The first `make` also sets everything up (see README.md).

# -- Variables you may set -------------------------------------------------------------------
LANGS ?=
EDITION ?=
PRINT ?=
# DUPLEX=0: PDFs for one-sided printing (office printers); empty: conf.py's handbook_pdf_duplex.
DUPLEX ?=
CODE ?=
TITLE ?=
PORT ?= 8000
SCALES ?=
PDFS ?=
PYTHON ?= python3
# The site's public address (https://…), for absolute addresses in the sitemap, feeds and links
# to other languages; empty: conf.py's handbook_base_url.
BASE_URL ?=
# make upgrade-check: the tests to run (all, fast, none) and the versions to try instead of the
# newest releases (VERSIONS="furo==2025.9.25 weasyprint==69.0").
TESTS ?= all
VERSIONS ?=

# -- Internal --------------------------------------------------------------------------------
VENV := .venv
HANDBOOK := $(VENV)/bin/python -m handbook
# Works before the set-up: the CLI's help needs only the standard library.
HANDBOOK_LITE := PYTHONPATH=scripts $(PYTHON) -m handbook
SETUP_DONE := $(VENV)/.setup-done
# `make serve LANG=fi` and `make add-language LANG=da` (the issues' spelling) count LANG only
# when it is given on the command line: the LANG every shell exports is a locale (C.UTF-8), never a
# language. Given there, it is also taken out of the preview's environment, where it would be a
# broken locale.
ifeq ($(origin LANG),command line)
SERVE := env -u LANG $(HANDBOOK) serve --langs "$(LANG)"
NEW_LANGUAGE := $(LANG)
else
SERVE := $(HANDBOOK) serve --langs "$(LANGS)"
NEW_LANGUAGE := $(CODE)
endif

.DEFAULT_GOAL := all
.PHONY: all setup html test test-fast test-upstream gettext update-po clean help lock screenshots \
	pdf stats check review serve bench upgrade-check add-language new-chapter new-practice FORCE

all: $(SETUP_DONE)
	@$(HANDBOOK) build --langs "$(LANGS)" --base-url "$(BASE_URL)"

# `make setup` sets everything up again, even when it was done: it repairs a broken .venv.
setup:
	@$(PYTHON) scripts/bootstrap.py
	@touch $(SETUP_DONE)

$(SETUP_DONE): pyproject.toml requirements.lock scripts/bootstrap.py
	@$(PYTHON) scripts/bootstrap.py
	@touch $@

# A .venv whose Python no longer starts (the system Python it links to was upgraded or removed)
# or that lost the toolchain is set up again, as a missing one is.
ifneq ($(shell $(VENV)/bin/python -c "import handbook" 2>/dev/null && echo ok),ok)
$(SETUP_DONE): FORCE
endif
FORCE:

html: $(SETUP_DONE)
	@$(HANDBOOK) html --langs "$(LANGS)" --base-url "$(BASE_URL)"

# The fast tier (the linter, then unit and small-root tests): under a minute, run it while working.
test-fast: $(SETUP_DONE)
	@$(VENV)/bin/ruff check --quiet --output-format concise
	@$(VENV)/bin/vulture
	@$(VENV)/bin/python -m pytest -m "not slow and not browser"

# The whole suite: the fast tier first (a quick failure shows early), then the rest, none twice.
test: test-fast
	@$(VENV)/bin/python -m pytest -m "slow or browser"

# The real handbook (ru) built with the patches to other packages on and off: same pages, same PDF text.
test-upstream: $(SETUP_DONE)
	@$(VENV)/bin/python -m pytest -m upstream

# Builds the handbook in a temporary copy and photographs it in Chromium: _build/screenshots/*.png
screenshots: $(SETUP_DONE)
	@$(VENV)/bin/python -m pytest -q tests/web/test_screenshots.py --screenshots-dir _build/screenshots

gettext: $(SETUP_DONE)
	@$(HANDBOOK) gettext

update-po: $(SETUP_DONE)
	@$(HANDBOOK) update-po --langs "$(LANGS)"

# Authors: live preview of one language; a new chapter or practice card from its template.
serve: $(SETUP_DONE)
	@$(SERVE) --port "$(PORT)"

new-chapter new-practice: $(SETUP_DONE)
	@$(HANDBOOK) $@ --title "$(TITLE)"


add-language: $(SETUP_DONE)
	@$(HANDBOOK) add-language --code "$(NEW_LANGUAGE)"

review: $(SETUP_DONE)
	@$(HANDBOOK) review --langs "$(LANGS)"

stats: $(SETUP_DONE)
	@$(HANDBOOK) stats --langs "$(LANGS)"

check: $(SETUP_DONE)
	@$(HANDBOOK) check --langs "$(LANGS)"

pdf: $(SETUP_DONE)
	@$(HANDBOOK) pdf --langs "$(LANGS)" --edition "$(EDITION)" --print "$(PRINT)" --duplex "$(DUPLEX)"

# Long (the 20× copy takes a while); not part of `make test`.
bench: $(SETUP_DONE)
	@$(HANDBOOK) bench --langs "$(LANGS)" --scales "$(SCALES)" --pdfs "$(PDFS)"

# Maintainers: the newest releases of the main dependencies in _build/upgrade-check/venv (never .venv):
# the build, the tests, the patches that decline; report in _build/upgrade-check/report.md.
upgrade-check: $(SETUP_DONE)
	@$(HANDBOOK) upgrade-check --langs "$(LANGS)" --tests "$(TESTS)" --versions "$(VERSIONS)"

help:
	@$(HANDBOOK_LITE) help

clean:
	rm -rf _build

# Maintainers: after changing dependencies in pyproject.toml, pin the new versions.
lock: $(SETUP_DONE)
	@$(VENV)/bin/python scripts/lock.py
