"""The language switcher and hreflang alternates: plain links to the same page in each language."""

from bs4 import BeautifulSoup

from handbook.sphinxext.switcher import language_links, relative_site_prefix

from support import LANGUAGES
DEEP = "guide/deep/page.html"


def test_relative_prefix_climbs_to_the_site_root():
    assert relative_site_prefix("index") == "../"
    assert relative_site_prefix("guide/deep/page") == "../../../"


def test_missing_page_falls_back_to_that_languages_home_page():
    def has_page(code, name):
        return not (code == "fi" and name == "only-russian")

    links = language_links("only-russian", "ru", LANGUAGES, has_page, "index", "../")
    assert [link.href for link in links] == [
        "../ru/only-russian.html", "../en/only-russian.html", "../fi/index.html", "../nb/only-russian.html"]
    assert [link.current for link in links] == [True, False, False, False]


def _switcher(html):
    return BeautifulSoup(html, "html.parser").select("nav.language-switcher a")


def test_switcher_on_a_deep_page_links_to_the_same_page_in_every_language(multilingual_site):
    for lang in LANGUAGES:
        links = _switcher(multilingual_site.page(lang, DEEP))
        assert [a["href"] for a in links] == [f"../../../{code}/{DEEP}" for code in LANGUAGES]
        assert [a["hreflang"] for a in links] == LANGUAGES
        assert [a["lang"] for a in links] == LANGUAGES
        assert [a.get_text() for a in links] == ["Русский", "English", "Suomi", "Norsk bokmål"]
        current = [a["hreflang"] for a in links if a.get("aria-current") == "page"]
        assert current == [lang]


def test_switcher_links_resolve_to_built_pages(multilingual_site):
    page = multilingual_site.layout.site / "fi" / DEEP
    for a in _switcher(page.read_text(encoding="utf-8")):
        assert (page.parent / a["href"]).resolve().is_file(), a["href"]


def test_search_snippets_do_not_show_the_switcher(multilingual_site):
    # Sphinx's searchtools.js takes a result's snippet from the text of the page's [role=main].
    for page in (DEEP, "index.html", "search.html", "genindex.html"):
        soup = BeautifulSoup(multilingual_site.page("ru", page), "html.parser")
        main = soup.select_one('[role="main"]')
        assert main is not None, page
        assert main.select("nav.language-switcher") == [], page
        assert "Suomi" not in main.get_text(), page
        assert len(soup.select("nav.language-switcher")) == 1, page


def test_switcher_has_a_translated_accessible_name(multilingual_site):
    nav = BeautifulSoup(multilingual_site.page("ru", DEEP), "html.parser").select_one("nav.language-switcher")
    assert nav["aria-label"]


def test_every_page_has_hreflang_alternates(multilingual_site):
    for lang in LANGUAGES:
        soup = BeautifulSoup(multilingual_site.page(lang, DEEP), "html.parser")
        alternates = {link["hreflang"]: link["href"] for link in soup.select("link[rel=alternate][hreflang]")}
        assert alternates == {**{code: f"../../../{code}/{DEEP}" for code in LANGUAGES},
                              "x-default": "../../../index.html"}


def test_html_lang_is_the_language_of_the_build(multilingual_site):
    for lang in LANGUAGES:
        soup = BeautifulSoup(multilingual_site.page(lang, DEEP), "html.parser")
        assert soup.html["lang"] == lang


def test_site_index_offers_every_language_in_its_own_name(multilingual_site):
    soup = BeautifulSoup((multilingual_site.layout.site / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    links = soup.select("nav a")
    assert [a["href"] for a in links] == [f"{code}/index.html" for code in LANGUAGES]
    assert [a["lang"] for a in links] == LANGUAGES
    assert [a.select_one(".name").get_text() for a in links] == ["Русский", "English", "Suomi", "Norsk bokmål"]
    assert [a.select_one(".title").get_text() for a in links] == ["Тест", "Test", "Testi", "Test"]
    alternates = {link["hreflang"] for link in soup.select("link[rel=alternate]")}
    assert alternates == {*LANGUAGES, "x-default"}
