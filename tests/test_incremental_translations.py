"""Incremental builds stay true to the catalogs: a changed translation, in any language, reaches
every page that shows it (the page, every language's status page; the interface on every page of
its language), and no other page is written again."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import ROOTS, build_site, run_command
from handbook import commands

pytestmark = pytest.mark.slow  # each test builds a small project twice

STATUS = "translation-status.html"


def stamps(site: Path) -> dict[str, tuple[int, str]]:
    """Every published page: its modification time and text."""
    return {p.relative_to(site).as_posix(): (p.stat().st_mtime_ns, p.read_text(encoding="utf-8"))
            for p in sorted(site.rglob("*.html")) if "_static" not in p.parts}


def rewritten(before: dict[str, tuple[int, str]], after: dict[str, tuple[int, str]]) -> set[str]:
    return {page for page in before if after.get(page, (None,))[0] != before[page][0]}


def test_a_document_translation_reaches_its_page_and_every_languages_status_page(tmp_path):
    site = build_site(ROOTS / "multilingual", tmp_path / "p")
    assert site.run.status == 0, site.run.out + site.run.err
    before = stamps(site.layout.site)
    status_before = {lang: site.page(lang, STATUS) for lang in ("ru", "en", "fi", "nb")}
    po = site.layout.locales / "fi" / "LC_MESSAGES" / "guide" / "deep" / "page.po"
    po.write_text(po.read_text(encoding="utf-8") + '\nmsgid "Текст раздела."\nmsgstr "Osion teksti."\n',
                  encoding="utf-8")
    again = run_command(commands.html, "", site.layout)
    assert again.status == 0, again.out + again.err
    after = stamps(site.layout.site)
    assert "Osion teksti." in site.page("fi", "guide/deep/page.html")
    changed = rewritten(before, after)
    # Each language's status page has the new Finnish figures…
    for lang in ("ru", "en", "fi", "nb"):
        assert f"{lang}/{STATUS}" in changed
        assert site.page(lang, STATUS) != status_before[lang], lang
    # …and no document's page but the one translated was written again (Sphinx also writes the
    # page whose table of contents lists it: its title could have changed).
    documents = {page for page in changed if page.endswith(("/index.html", "/page.html"))}
    assert documents == {"fi/guide/deep/page.html", "fi/index.html"}, sorted(changed)
    assert not {page for page in changed if not page.startswith("fi/")} - {
        f"{lang}/{name}" for lang in ("ru", "en", "nb") for name in (STATUS, "genindex.html", "search.html",
                                                                     "404.html")}, sorted(changed)


def test_an_interface_translation_reaches_every_page_of_its_language_only(tmp_path):
    site = build_site(ROOTS / "translation", tmp_path / "p")
    assert site.run.status == 0, site.run.out + site.run.err
    before = stamps(site.layout.site)
    pages = [page for page in before if page.startswith("fi/") and "Siirry sisältöön" in before[page][1]]
    assert {"fi/index.html", "fi/chapter.html"} <= set(pages)
    po = site.layout.locales / "fi" / "LC_MESSAGES" / "sphinx.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Siirry sisältöön"', 'msgstr "Hyppää sisältöön"'),
                  encoding="utf-8")
    again = run_command(commands.html, "", site.layout)
    assert again.status == 0, again.out + again.err
    after = stamps(site.layout.site)
    for page in pages:
        assert "Hyppää sisältöön" in after[page][1] and "Siirry sisältöön" not in after[page][1], page
    # The Russian site shows no Finnish interface string: none of its documents' pages is written.
    changed = rewritten(before, after)
    assert not {page for page in changed if page in ("ru/index.html", "ru/chapter.html")}, sorted(changed)
