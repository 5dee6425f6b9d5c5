"""Search in a real browser: Russian stemming finds inflected words, and the result count is
announced (not blank, as Sphinx 9.0.4's catalogs leave it) in the reader's language."""

from __future__ import annotations

import re

import pytest

# Not in the handbook in this form (the text has тариф, тарифы, тарифов, тарифах…): only a
# stemmer that knows Russian finds it.
INFLECTED = "тарифами"
COUNT_LINE = {
    "ru": re.compile(r"^Поиск завершён: найден[аоы]? \d+ страниц"),
    "en": re.compile(r"^Search finished, found \d+ pages?"),
    "fi": re.compile(r"^Haku valmis: löytyi \d+ sivu"),
    "nb": re.compile(r"^Søket er ferdig: fant \d+ sid"),
}


def search(page, site_url: str, lang: str, query: str) -> tuple[list[str], str]:
    page.goto(f"{site_url}{lang}/search.html?q={query}")
    status = page.locator("#search-results .search-summary")
    page.wait_for_function(
        "() => { const s = document.querySelector('#search-results .search-summary');"
        " return s && s.innerText.trim().length > 0 && !document.querySelector('.search-progress'); }")
    page.wait_for_function(
        "() => document.getElementById('handbook-search-status').textContent.trim().length > 0")
    links = page.eval_on_selector_all("#search-results ul.search li a",
                                      "els => els.map(a => a.getAttribute('href'))")
    summary = status.inner_text().strip()
    # What a screen reader announces: the live region carries the same line.
    announced = page.locator("#handbook-search-status[role=status]").text_content().strip()
    assert announced == summary
    return links, summary


def test_an_inflected_russian_word_finds_the_costing_chapter(handbook_site, site_url, page):
    source = (handbook_site.layout.docs / "chapters" / "06-costing.md").read_text(encoding="utf-8")
    assert INFLECTED not in source.lower()
    links, status = search(page, site_url, "ru", INFLECTED)
    assert any("chapters/06-costing.html" in href for href in links), links
    assert COUNT_LINE["ru"].match(status), status


@pytest.mark.parametrize("lang,query", [("en", "funding"), ("fi", "rahoitus"), ("nb", "finansiering")])
def test_the_result_count_is_announced_in_the_readers_language(lang, query, site_url, page):
    links, status = search(page, site_url, lang, query)
    assert links, f"no results for {query!r} in {lang}"
    assert COUNT_LINE[lang].match(status), status
    assert page.evaluate("document.documentElement.lang") == lang


def test_norwegian_search_uses_the_norwegian_stemmer(handbook_site):
    language_data = (handbook_site.layout.site / "nb" / "_static" / "language_data.js").read_text(
        encoding="utf-8")
    assert "NorwegianStemmer" in language_data
