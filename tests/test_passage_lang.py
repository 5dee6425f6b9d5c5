"""Every passage in its own language: Russian text left on a translated page carries lang="ru"
(WCAG 3.1.2), on the site and in the print HTML; and one measure of how much is translated."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup, Comment
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document

from support import site_pages
from handbook.po import stats as po_stats
from handbook.sphinxext.passage_lang import mark_doctree, mark_html, script_of

RUSSIAN = script_of("ru")
_WORD = re.compile(r"\w+(?:[-’']\w+)*")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_NOT_SHOWN = {"script", "style", "template", "noscript", "title"}


def russian_words(html: str) -> tuple[int, int, dict[str, int]]:
    """Cyrillic words of the page body's visible text (navigation included): all of them, those
    whose nearest element with a ``lang`` says ``ru``, and the texts of the others."""
    body = BeautifulSoup(html, "html.parser").body
    total = marked = 0
    missed: dict[str, int] = {}
    for text in body.find_all(string=True):
        if isinstance(text, Comment) or any(p.name in _NOT_SHOWN for p in text.parents):
            continue
        count = sum(1 for word in _WORD.findall(text) if _CYRILLIC.search(word))
        if not count:
            continue
        total += count
        lang = next((p["lang"] for p in text.parents if p.get("lang") is not None), None)
        if lang == "ru":
            marked += count
        else:
            missed[text.strip()[:80]] = missed.get(text.strip()[:80], 0) + count
    return total, marked, missed


# -- plain functions ----------------------------------------------------------------------------

def test_runs_of_russian_words_are_wrapped_and_nothing_else():
    html = ('<p>Laki <a href="#x" title="a>b">«Закон о НКО»</a> (ИППСУ) &amp; Weblate 2024</p>'
            '<div lang="ru"><p>Уже отмечено</p></div><script>var s = "Привет";</script>')
    assert mark_html(html, "ru", RUSSIAN) == (
        '<p>Laki <a href="#x" title="a>b"><span lang="ru">«Закон о НКО»</span></a> '
        '<span lang="ru">(ИППСУ)</span> &amp; Weblate 2024</p>'
        '<div lang="ru"><p>Уже отмечено</p></div><script>var s = "Привет";</script>')


def test_a_run_stops_at_a_word_in_latin_letters():
    assert mark_html("<li>Статья 7 закона Weblate и Poedit</li>", "ru", RUSSIAN) == (
        '<li><span lang="ru">Статья 7 закона</span> Weblate <span lang="ru">и</span> Poedit</li>')


def test_a_source_in_latin_letters_marks_nothing():
    assert script_of("en") is None and script_of("fi") is None


def doctree(rst: str) -> nodes.document:
    document = new_document("test", get_default_settings(Parser))
    Parser().parse(rst, document)
    return document


def test_untranslated_blocks_russian_blocks_and_runs_in_the_doctree():
    tree = doctree("Suomeksi käännetty.\n\nТолько по-русски, 2024.\n\nLuku *Глава 2* ja `ссылка <https://x.ru>`_ tässä.\n")
    first, second, third = tree.findall(nodes.paragraph)
    first["translated"] = True
    second["translated"] = False
    mark_doctree(tree, "ru", RUSSIAN)
    assert first["classes"] == [] and second["classes"] == ["language-ru"]
    emphasis, reference = third.next_node(nodes.emphasis), third.next_node(nodes.reference)
    assert emphasis["classes"] == ["language-ru"] and reference["classes"] == ["language-ru"]
    # An untranslated message that names something in Latin letters is still Russian text.
    mixed = doctree("Программа Weblate.\n")
    mixed[0]["translated"] = False
    mark_doctree(mixed, "ru", RUSSIAN)
    assert mixed[0]["classes"] == ["language-ru"]
    # A Russian run inside text of the page's language becomes an inline of its own.
    inline = doctree("Katso «Закон о НКО» ja Weblate.\n")
    mark_doctree(inline, "ru", RUSSIAN)
    spans = list(inline.findall(nodes.inline))
    assert [(s.astext(), s["classes"]) for s in spans] == [("«Закон о НКО»", ["language-ru"])]
    assert inline.astext() == "Katso «Закон о НКО» ja Weblate."


def test_words_are_words_of_the_source_text():
    assert po_stats.words("08.08.2016 № 398") == 0
    assert po_stats.words("Подробнее см. главу {ref}`ch-chapter` и [сайт](https://mintrud.gov.ru/).") == 5
    assert po_stats.words("Read the chapter", source="en") == 3


# -- the real handbook --------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["fi", "nb", "en"])
def test_russian_words_on_translated_pages_carry_lang_ru(handbook_site, lang):
    total = marked = 0
    missed: dict[str, int] = {}
    for page in site_pages(handbook_site.layout.site, lang):
        t, m, miss = russian_words((handbook_site.layout.site / page).read_text(encoding="utf-8"))
        total, marked = total + t, marked + m
        for text, count in miss.items():
            missed[f"{page}: {text}"] = count
    assert total, "no Russian words counted: the measure is broken"
    worst = sorted(missed.items(), key=lambda item: -item[1])[:10]
    assert marked >= 0.99 * total, (f"{lang}: {marked} of {total} Russian words carry lang=\"ru\"; "
                                    f"not marked: {worst}")


def test_the_notice_agrees_with_the_status_page_on_the_real_site(handbook_site):
    site = handbook_site.layout.site
    for lang in ("nb", "en"):
        status = BeautifulSoup((site / lang / "translation-status.html").read_text(encoding="utf-8"),
                               "html.parser")
        table = status.select_one(f'section[aria-labelledby="status-{lang}"] table')
        for row in table.tbody.find_all("tr"):
            if row.th.a is None:
                continue
            share = row.td.get_text(strip=True).replace(" ", "")
            page = BeautifulSoup((site / lang / row.th.a["href"]).read_text(encoding="utf-8"), "html.parser")
            notice = page.select_one(".handbook-progress")
            if share == "100%":
                assert notice is None, f"{lang}/{row.th.a['href']}: notice on a translated page"
            elif share != "0%":
                text = notice.get_text(" ", strip=True).replace("\xa0", "").replace(" %", "%")
                assert re.search(rf"(?<!\d){share}", text), \
                    f"{lang}/{row.th.a['href']}: {share} on the status page, {text!r}"
    # The English site is translated: no page says it is only partly translated.
    for page in site_pages(site, "en"):
        assert 'class="handbook-progress"' not in (site / page).read_text(encoding="utf-8"), page
