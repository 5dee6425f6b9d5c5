"""Broken .po files: each problem reported with path and line; everything else still builds."""

import shutil
from pathlib import Path

import pytest

from handbook import commands
from handbook.catalogs import check_file
from handbook.paths import Layout

from support import ROOTS, copy_project, run_command
CORPUS = Path(__file__).parent / "corpus" / "po"
CASES = sorted(p.stem for p in CORPUS.glob("*.po"))
REL = "locales/fi/LC_MESSAGES/index.po"


@pytest.mark.parametrize("case", CASES)
def test_corpus_case_gives_its_message(case):
    lang = "ru" if case.startswith("plural-header") else "fi"
    problems, _ = check_file(CORPUS / f"{case}.po", lang, REL)
    expected = (CORPUS / f"{case}.expected").read_text(encoding="utf-8").splitlines()
    assert [str(p) for p in problems] == expected


def test_broken_catalogs_are_reported_and_everything_else_is_built(tmp_path):
    layout = Layout(copy_project(ROOTS / "multilingual", tmp_path / "p"))
    # fi: a syntax error in one document; nb: a duplicate in another; en: a cp1251 file.
    shutil.copy(CORPUS / "unterminated-string.po", layout.locales / "fi" / "LC_MESSAGES" / "index.po")
    shutil.copy(CORPUS / "saved-as-cp1251.po", layout.locales / "en" / "LC_MESSAGES" / "index.po")
    shutil.copy(CORPUS / "duplicate-msgid.po", layout.locales / "nb" / "LC_MESSAGES" / "index.po")

    run = run_command(commands.html, "", layout)

    assert run.status == 1
    assert set(run.err.splitlines()) == {
        (CORPUS / "saved-as-cp1251.expected").read_text(encoding="utf-8").strip().replace("/fi/", "/en/"),
        (CORPUS / "unterminated-string.expected").read_text(encoding="utf-8").strip(),
        (CORPUS / "duplicate-msgid.expected").read_text(encoding="utf-8").strip().replace("/fi/", "/nb/"),
    }
    site = layout.site
    # The unreadable catalogs' document is shown in Russian; the other document is translated.
    assert "<h1>Главная страница" in (site / "fi" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Syvä sivu" in (site / "fi" / "guide/deep/page.html").read_text(encoding="utf-8")
    assert "<h1>Главная страница" in (site / "en" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Deep page" in (site / "en" / "guide/deep/page.html").read_text(encoding="utf-8")
    # A duplicate is an error, but the catalog is still used.
    assert "<h1>Главная страница" not in (site / "nb" / "index.html").read_text(encoding="utf-8")
    assert "  ru: built" in run.out
    # Nothing is written into the translators' directory.
    assert not list(layout.locales.rglob("*.mo"))


def test_no_compiled_catalog_is_left_in_locales(multilingual_site):
    assert not list(multilingual_site.layout.locales.rglob("*.mo"))
