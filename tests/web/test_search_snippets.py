"""Search-result snippets show the page's text only: not the language switcher, the skip link
or the translation notice (Sphinx takes a snippet from the result page's [role=main])."""

from __future__ import annotations

import pytest

# A word of the chapters that also stands near the top of several pages, where a snippet that
# starts at the top of [role=main] would show whatever precedes the text.
QUERIES = {"ru": "финансирование", "fi": "rahoitus"}


def chrome_texts(page, url: str) -> list[str]:
    """What a reader sees around the text of the page at url: the switcher's language names two
    by two (one alone, «Suomi», is also the text of the Finnish practices), the skip link and, on a
    partly translated page, the opening of the translation notice."""
    page.goto(url)
    names = page.eval_on_selector_all("nav.language-switcher a", "els => els.map(a => a.textContent.trim())")
    others = page.eval_on_selector_all(
        ".skip-to-content, .handbook-progress p",
        "els => els.map(el => el.textContent.trim().replace(/\\s+/g, ' '))")
    return [f"{a} {b}" for a, b in zip(names, names[1:])] + [text[:40] for text in others if text]


def snippets(page, site_url: str, lang: str, query: str) -> list[str]:
    page.goto(f"{site_url}{lang}/search.html?q={query}")
    # Sphinx adds the results one by one and fetches each page for its snippet: wait for all.
    page.wait_for_function(
        "() => { const s = document.querySelector('#search-results .search-summary');"
        " if (!s || !s.innerText.trim() || document.querySelector('.search-progress')) return false;"
        " const items = [...document.querySelectorAll('#search-results ul.search li')];"
        " return items.length > 0 && items.every(li => li.querySelector('p.context, span')); }")
    return page.eval_on_selector_all("#search-results ul.search li p.context",
                                     "els => els.map(p => p.textContent.replace(/\\s+/g, ' '))")


@pytest.mark.parametrize("lang", sorted(QUERIES))
def test_search_snippets_hold_no_page_chrome(lang, site_url, page):
    chrome = chrome_texts(page, f"{site_url}{lang}/annexes/glossary.html")
    assert {"Русский English", "English Suomi", "Suomi Norsk bokmål"} <= set(chrome), chrome
    # While the Finnish glossary is partly translated, the opening of its notice is checked too; the
    # test does not depend on how far the translators are.
    found = snippets(page, site_url, lang, QUERIES[lang])
    assert len(found) >= 5, found
    leaks = [(text, snippet) for snippet in found for text in chrome if text in snippet]
    assert not leaks, leaks
