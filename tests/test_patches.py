"""handbook.patches: a patch installs only on the versions it was verified on, otherwise one log
line and the package's own code runs; HANDBOOK_PATCHES=off installs none.

Each case runs in its own process: installed patches cannot be taken back."""

import json
import os
import subprocess
import sys

from support import REPO

RUN = """
import dataclasses, json, logging, sys
import pydyf
from weasyprint.layout import LayoutContext
from handbook import patches

logging.basicConfig(level=logging.WARNING, format="%(message)s")
originals = {"page_references": pydyf.PDF.page_references, "init": LayoutContext.__init__}
if sys.argv[1] == "mismatch":  # the verified set says otherwise; the installed package is untouched
    name = "weasyprint-footnote-set"
    registry = patches.load()
    registry[name] = dataclasses.replace(registry[name], verified_versions=frozenset({"69.0"}))
first = patches.install("pdf")
again = patches.install("pdf")
print(json.dumps({"installed": first, "again": again,
                  "page_references_kept": pydyf.PDF.page_references is originals["page_references"],
                  "init_kept": LayoutContext.__init__ is originals["init"]}))
"""


def run(mode: str, **env: str) -> tuple[dict, list[str]]:
    done = subprocess.run([sys.executable, "-c", RUN, mode], cwd=REPO, capture_output=True, text=True,
                          check=False, env={**os.environ, "PYTHONPATH": str(REPO / "scripts"),
                                            "HANDBOOK_PATCHES": "", **env})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1]), done.stderr.splitlines()


def test_on_the_verified_versions_the_pdf_patches_are_installed():
    found, log = run("on")
    assert {"weasyprint-footnote-set", "pydyf-page-references",
            "weasyprint-hyphenate-limit-lines"} <= set(found["installed"])
    assert not found["page_references_kept"] and not found["init_kept"]
    assert log == []


def test_a_version_not_verified_gets_one_line_and_the_packages_own_code():
    found, log = run("mismatch")
    assert "weasyprint-footnote-set" not in found["installed"] + found["again"]
    assert found["init_kept"]  # WeasyPrint's own LayoutContext.__init__ runs
    assert not found["page_references_kept"]  # the other patches are not held back
    assert log == ["patch weasyprint-footnote-set not installed: weasyprint 70.0 is not among the "
                   "verified versions 69.0 — the package's own code runs"]


def test_handbook_patches_off_installs_nothing():
    found, log = run("on", HANDBOOK_PATCHES="off")
    assert found["installed"] == found["again"] == []
    assert found["page_references_kept"] and found["init_kept"]
    assert len(log) == 1 and "patches are off" in log[0]


def test_no_speedups_keeps_only_the_patches_the_output_depends_on():
    found, log = run("on", HANDBOOK_PATCHES="no-speedups")
    assert "weasyprint-hyphenate-limit-lines" in found["installed"]
    assert "weasyprint-footnote-set" not in found["installed"]
    assert found["page_references_kept"] and found["init_kept"]
    assert len(log) == 1 and "speed-only patches are off" in log[0]


RENAMED = """
import json, logging, sys
import myst_parser.mdit_to_docutils.base as myst_base
import myst_parser.parsers.sphinx_ as myst_sphinx
import sphinx.transforms.i18n as sphinx_i18n
from handbook import patches

logging.basicConfig(level=logging.WARNING, format="%(message)s")
# A release that renamed what the patches replace (what `make upgrade-check` met with Sphinx 8):
# the declaring modules must still import, so that the patches can decline.
for module, names in ((sphinx_i18n, ["_publish_msgstr"]), (sphinx_i18n._NodeUpdater, ["update_leaves",
                      "update_pending_xrefs"]), (myst_sphinx, ["create_md_parser"]), (myst_base, ["make_document"])):
    for name in names:
        delattr(module, name)
registry = patches.load()
print(json.dumps(sorted(name for name, patch in registry.items() if patch.kind == "sphinx")))
"""


def test_the_patch_modules_import_on_a_release_that_renamed_what_they_replace():
    done = subprocess.run([sys.executable, "-c", RENAMED], cwd=REPO, capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONPATH": str(REPO / "scripts")})
    assert done.returncode == 0, done.stderr
    assert {"myst-parser-reuse", "sphinx-i18n-once"} <= set(json.loads(done.stdout.splitlines()[-1]))
