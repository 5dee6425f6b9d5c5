"""Section ids come from the source heading, transliterated, whatever the translation says."""

import pytest
from bs4 import BeautifulSoup

from handbook.sphinxext.anchors import slugify

from support import LANGUAGES
@pytest.mark.parametrize(("title", "expected"), [
    ("Расчёт стоимости услуги", "raschet-stoimosti-uslugi"),
    ("Объём и периодичность", "obieem-i-periodichnost"),
    ("Щедрость, юмор и ягоды", "shchedrost-iumor-i-iagody"),
    ("442-ФЗ и реестр", "s-442-fz-i-reestr"),
    ("Nordic experience: Suomi ja Norja", "nordic-experience-suomi-ja-norja"),
    ("Päivätoiminta", "paivatoiminta"),
    ("«»—", "section"),
])
def test_slugify(title, expected):
    assert slugify(title) == expected


def test_slugify_cuts_long_titles_at_a_word_boundary():
    slug = slugify("очень " * 40)
    assert len(slug) <= 80
    assert not slug.endswith("-") and slug.split("-")[-1] == "ochen"


def _section_ids(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [s["id"] for s in soup.select("article section[id]")]


def test_deep_page_has_transliterated_unique_ids(multilingual_site):
    ids = _section_ids(multilingual_site.page("ru", "guide/deep/page.html"))
    # A heading with an explicit label is anchored at the label; its transliterated id stays valid.
    assert ids == ["glubokaia-stranitsa", "raschet-stoimosti-uslugi", "custom-label",
                   "s-442-fz-i-reestr", "chek-list", "itogi", "chek-list-2"]
    soup = BeautifulSoup(multilingual_site.page("ru", "guide/deep/page.html"), "html.parser")
    assert soup.select_one("section#custom-label > span#obieem-i-periodichnost") is not None


def test_section_ids_are_identical_in_every_language(multilingual_site):
    reference = _section_ids(multilingual_site.page("ru", "guide/deep/page.html"))
    for lang in LANGUAGES[1:]:
        assert _section_ids(multilingual_site.page(lang, "guide/deep/page.html")) == reference, lang


def test_translated_headings_are_really_translated(multilingual_site):
    soup = BeautifulSoup(multilingual_site.page("fi", "guide/deep/page.html"), "html.parser")
    heading = soup.select_one("section#raschet-stoimosti-uslugi h2")
    assert heading.get_text(strip=True).rstrip("#¶") == "Palvelun kustannuslaskelma"


def test_explicit_label_still_resolves(multilingual_site):
    soup = BeautifulSoup(multilingual_site.page("nb", "guide/deep/page.html"), "html.parser")
    link = soup.select_one("article a.reference.internal[href$='#custom-label']")
    assert link is not None
    assert soup.find(id="custom-label") is not None


def test_toc_links_use_the_stable_ids(multilingual_site):
    soup = BeautifulSoup(multilingual_site.page("en", "guide/deep/page.html"), "html.parser")
    toc = {a["href"] for a in soup.select(".toc-tree a.reference")}
    assert "#raschet-stoimosti-uslugi" in toc and "#chek-list-2" in toc
