"""Search finds a noun in any of its forms alike, in every language of the site, and the browser
stems a query exactly as the build stemmed the index (sphinxext/search_stems.py)."""

from __future__ import annotations

import re

import pytest
from sphinx.search import SearchLanguage, languages
from sphinx.util import import_object

from handbook.languages import search_language
from handbook.sphinxext.search_stems import HandbookFinnish
from support import REPO

# Four forms of one noun, each as the handbook's text in that language writes it (the Finnish
# «rahoitus» shows up in compounds only: «rahoituslähde»).
FORMS = {
    "ru": ["услуга", "услуги", "услуг", "услугами"],
    "en": ["service", "services", "service's", "services'"],
    "fi": ["rahoitus", "rahoituksen", "rahoitusta", "rahoitukseen"],
    "nb": ["tjeneste", "tjenesten", "tjenester", "tjenestene"],
}
WORDS_COMPARED = 4000


def python_stemmer(lang: str) -> SearchLanguage:
    if lang == "fi":
        return HandbookFinnish({})
    found = languages[search_language(lang)]
    cls = import_object(found) if isinstance(found, str) else found
    return cls({})


def language_words(lang: str) -> list[str]:
    """Words of the handbook's text in that language: the sources (ru) or their translations."""
    if lang == "ru":
        text = " ".join(p.read_text(encoding="utf-8") for p in (REPO / "docs").rglob("*.md"))
    else:
        text = " ".join(p.read_text(encoding="utf-8")
                        for p in (REPO / "locales" / lang).rglob("*.po"))
        text = " ".join(re.findall(r'^msgstr(?:\[\d\])? "(.*)"$', text, flags=re.M))
    words = sorted({w for w in re.findall(r"[^\W\d_]{2,}", text.lower())})
    step = max(1, len(words) // WORDS_COMPARED)
    return words[::step]


def results(page, site_url: str, lang: str, query: str) -> list[str]:
    page.goto(f"{site_url}{lang}/search.html?q={query}")
    page.wait_for_function(
        "() => { const s = document.querySelector('#search-results .search-summary');"
        " return s && s.innerText.trim().length > 0 && !document.querySelector('.search-progress'); }")
    links = page.eval_on_selector_all("#search-results ul.search li a",
                                      "els => els.map(a => a.getAttribute('href'))")
    # The pages found. (Sphinx also offers a section on its own when the query is a large part of
    # its title, letter for letter: «услуги» links «Вид услуги» of a page every form finds.)
    return sorted({href.split("#")[0] for href in links})


@pytest.mark.parametrize("lang", list(FORMS))
def test_every_form_of_a_noun_finds_the_same_pages(lang, site_url, page):
    found = {form: results(page, site_url, lang, form) for form in FORMS[lang]}
    first = FORMS[lang][0]
    assert found[first], f"{lang}: «{first}» finds nothing"
    for form, pages in found.items():
        assert pages == found[first], (
            f"{lang}: «{form}» finds {len(pages)} pages, «{first}» {len(found[first])}: "
            f"only «{form}»: {sorted(set(pages) - set(found[first]))[:5]}, "
            f"only «{first}»: {sorted(set(found[first]) - set(pages))[:5]}")


def test_the_finnish_forms_are_the_handbooks_words():
    text = " ".join(p.read_text(encoding="utf-8") for p in (REPO / "locales" / "fi").rglob("*.po"))
    for form in FORMS["fi"][1:]:
        assert re.search(rf"\b{form}\b", text), form


@pytest.mark.parametrize("lang", list(FORMS))
def test_the_browser_stems_as_the_index_was_stemmed(lang, site_url, page):
    words = language_words(lang)
    assert len(words) > 300, f"{lang}: only {len(words)} words to compare"
    python = python_stemmer(lang)
    expected = [python.stem(w).lower() for w in words]
    page.goto(f"{site_url}{lang}/search.html")
    page.wait_for_function("() => typeof Stemmer === 'function'")
    got = page.evaluate("words => { const s = new Stemmer(); return words.map(w => s.stemWord(w)); }",
                        words)
    differ = [(w, e, g) for w, e, g in zip(words, expected, got, strict=True) if e != g]
    assert not differ, f"{lang}: {len(differ)} of {len(words)} words stemmed otherwise: {differ[:10]}"
