"""A language below its publication threshold (conf.py) is built for review only: its site exists,
but neither the other languages' switchers nor the site index lead to it; once translated enough,
every page links to it again."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from support import ROOTS, run_command
from handbook import commands
from handbook.paths import Layout, copy_project

pytestmark = pytest.mark.slow  # builds a small project twice


def hreflangs(layout: Layout, *page: str) -> tuple[set[str], set[str]]:
    """The languages a page's switcher links to, and those of its rel=alternate links."""
    soup = BeautifulSoup(layout.site.joinpath(*page).read_text(encoding="utf-8"), "html.parser")
    switcher = {a["hreflang"] for a in soup.select(".language-switcher a[hreflang]")}
    alternates = {link["hreflang"] for link in soup.select('link[rel=alternate][hreflang]')} - {"x-default"}
    return switcher, alternates


def test_a_language_below_its_threshold_is_built_for_review_only(tmp_path):
    layout = Layout(copy_project(ROOTS / "multilingual", tmp_path / "p"))
    with layout.conf.open("a", encoding="utf-8") as conf:
        conf.write('\nhandbook_publish_threshold = {"nb": 0.5, "fi": 0.5}\n')
    po = layout.locales / "nb" / "LC_MESSAGES" / "guide" / "deep" / "page.po"
    translated = po.read_text(encoding="utf-8")
    po.write_text(re.sub(r'^msgstr "[^"]+"$', 'msgstr ""', translated, flags=re.MULTILINE), encoding="utf-8")
    run = run_command(commands.html, "", layout)
    assert run.status == 0, run.out + run.err
    assert "  nb: below its publication threshold" in run.out and "  fi: below" not in run.out
    assert (layout.site / "nb" / "index.html").is_file()  # built, for the translators' review
    for page in (("ru", "index.html"), ("fi", "guide", "deep", "page.html"), ("en", "index.html")):
        switcher, alternates = hreflangs(layout, *page)
        assert "nb" not in switcher | alternates, page
        assert {"ru", "en", "fi"} <= switcher, page
    index = BeautifulSoup((layout.site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert {a["hreflang"] for a in index.select("a[hreflang]")} == {"ru", "en", "fi"}
    assert "nb" in hreflangs(layout, "nb", "index.html")[0]  # its own pages still name it
    # The root page for missing addresses and the sitemap lead to the published languages only.
    assert 'hreflang="nb"' not in (layout.site / "404.html").read_text(encoding="utf-8")
    assert 'hreflang="fi"' in (layout.site / "404.html").read_text(encoding="utf-8")
    sitemap = (layout.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "nb/" not in sitemap and "fi/guide/deep/page.html" in sitemap
    # Translated again: the next build links to it from every page.
    po.write_text(translated, encoding="utf-8")
    again = run_command(commands.html, "", layout)
    assert again.status == 0 and "below its publication threshold" not in again.out
    for page in (("ru", "index.html"), ("fi", "guide", "deep", "page.html")):
        assert "nb" in hreflangs(layout, *page)[0], page
    index = BeautifulSoup((layout.site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "nb" in {a["hreflang"] for a in index.select("a[hreflang]")}
    assert "nb/guide/deep/page.html" in (layout.site / "sitemap.xml").read_text(encoding="utf-8")
