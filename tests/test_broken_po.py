"""Broken .po files: each problem reported with path and line; everything else still builds.

Each kind of broken file, with its messages, is a case of the corpus (test_bad_inputs.py); here three
of them at once, in three languages of a bigger project.
"""

import shutil
from pathlib import Path

import pytest

from handbook import commands
from handbook.paths import Layout

from support import ROOTS, copy_project, run_command

CORPUS = Path(__file__).parent / "corpus" / "bad-inputs"
INDEX_PO = Path("locales") / "fi" / "LC_MESSAGES" / "index.po"


def _broken(case: str) -> Path:
    return CORPUS / case / INDEX_PO


def _message(case: str, lang: str) -> str:
    """The message `make` gives for the case's file, moved to another language."""
    lines = (CORPUS / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    return lines[lines.index("$ html --langs fi") + 1].replace("/fi/", f"/{lang}/")


@pytest.mark.slow
def test_broken_catalogs_are_reported_and_everything_else_is_built(tmp_path):
    layout = Layout(copy_project(ROOTS / "multilingual", tmp_path / "p"))
    # fi: a syntax error in one document; nb: a duplicate in another; en: a cp1251 file.
    shutil.copy(_broken("po-unterminated-string"), layout.locales / "fi" / "LC_MESSAGES" / "index.po")
    shutil.copy(_broken("po-saved-as-cp1251"), layout.locales / "en" / "LC_MESSAGES" / "index.po")
    shutil.copy(_broken("po-duplicate-msgid"), layout.locales / "nb" / "LC_MESSAGES" / "index.po")

    run = run_command(commands.html, "", layout)

    assert run.status == 1
    assert set(run.err.splitlines()) == {
        _message("po-saved-as-cp1251", "en"),
        _message("po-unterminated-string", "fi"),
        _message("po-duplicate-msgid", "nb"),
    }
    # A language with a broken catalog is built but not published (the build is strict); what it
    # would show is in the work folder.
    for lang in ("en", "fi", "nb"):
        assert f"  {lang}: failed with 1 problem" in run.out and not (layout.site / lang).exists()
    assert (layout.site / "ru" / "index.html").is_file()
    site = layout.work / "html"
    # The unreadable catalogs' document is shown in Russian (marked so); the other document is translated.
    assert "<h1 lang=\"ru\">Главная страница" in (site / "fi" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Syvä sivu" in (site / "fi" / "guide/deep/page.html").read_text(encoding="utf-8")
    assert "<h1 lang=\"ru\">Главная страница" in (site / "en" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Deep page" in (site / "en" / "guide/deep/page.html").read_text(encoding="utf-8")
    # A duplicate is an error, but the catalog is still used.
    assert "<h1 lang=\"ru\">Главная страница" not in (site / "nb" / "index.html").read_text(encoding="utf-8")
    assert "  ru: built" in run.out
    # Nothing is written into the translators' directory.
    assert not list(layout.locales.rglob("*.mo"))


def test_no_compiled_catalog_is_left_in_locales(multilingual_site):
    assert not list(multilingual_site.layout.locales.rglob("*.mo"))


def test_a_header_escaped_twice_is_reported_not_a_traceback(tmp_path):
    from handbook.po import syntax

    po = tmp_path / "index.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: fi\\\\n"\n"MIME-Version: 1.0\\\\n"\n\n'
                  'msgid "Главная страница"\nmsgstr "Etusivu"\n', encoding="utf-8")
    problems, usable = syntax.check(po, "fi", "locales/fi/LC_MESSAGES/index.po")
    assert usable is None
    assert [str(p) for p in problems] == [
        "locales/fi/LC_MESSAGES/index.po:3: error: the header cannot be read (the line of Language ends with "
        "\\\\n, one backslash too many: the lines after it are read as part of its value) — write each header "
        "line as \"Name: value\\n\" [syntax]"]


@pytest.mark.slow
def test_the_review_build_reports_a_broken_catalog_as_make_does(tmp_path):
    """The review starts Sphinx the way `make` does: the catalogs are checked first and each problem
    is given once, at the translator's file, and the language fails."""
    layout = Layout(copy_project(ROOTS / "tiny", tmp_path / "p"))
    shutil.copy(_broken("po-unterminated-string"), layout.root / INDEX_PO)
    expected = _message("po-unterminated-string", "fi")

    made = run_command(commands.html, "fi", layout)
    reviewed = run_command(commands.review, "fi", layout)

    assert made.err.splitlines() == [expected]
    assert reviewed.err.splitlines() == [expected]
    assert made.status == reviewed.status == 1
    assert "  fi: the review site failed to build (see the messages above)" in reviewed.out
    # Built all the same, for the translator to look at: the document in Russian.
    assert 'lang="ru"' in (layout.build / "review" / "fi" / "index.html").read_text(encoding="utf-8")
