"""The published site's basics on the real handbook: interface in the page's language, Open Graph,
last-updated date, 404 page, print stylesheet, sitemap with hreflang, home page links, events."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from support import LANGUAGES
CHAPTER = "chapters/01-introduction.html"
# Places whose text is content (translated by the .po files of the documents), not interface.
CONTENT = "article, .sidebar-tree, .toc-tree, .related-pages .title, .language-switcher, " \
          ".sidebar-brand, .mobile-header .brand, title, script, style, .handbook-partners"


def _soup(site, lang, name):
    return BeautifulSoup(site.page(lang, name), "html.parser")


def interface_strings(html: str) -> set[str]:
    """What a reader sees or hears of the page's interface: texts and labels outside the content."""
    soup = BeautifulSoup(html, "html.parser")
    for node in soup.select(CONTENT):
        node.decompose()
    strings = {s.strip() for s in soup.body.find_all(string=True) if s.strip()}
    for attr in ("aria-label", "title", "placeholder", "alt"):
        strings |= {el[attr].strip() for el in soup.body.select(f"[{attr}]") if el[attr].strip()}
    # Numbers, punctuation and the names of tools are the same in every language.
    return {s for s in strings if re.search(r"[^\W\d_]{3,}", s)}


@pytest.mark.parametrize("name", ["index.html", CHAPTER, "search.html", "404.html", "events/index.html",
                                  "genindex.html"])
@pytest.mark.parametrize("lang", ["ru", "fi", "nb"])
def test_no_english_interface_text_on_a_page_in_another_language(handbook_site, lang, name):
    english = interface_strings(handbook_site.page("en", name))
    assert "Skip to content" in english  # the comparison would mean nothing otherwise
    leaked = english & interface_strings(handbook_site.page(lang, name))
    assert not leaked, f"{lang}/{name} shows English interface text: {sorted(leaked)}"
    # Inside the text, the tooltips of the links next to headings and terms are interface too.
    titles = {a["title"] for a in BeautifulSoup(handbook_site.page(lang, name), "html.parser")
              .select("article a.headerlink[title]")}
    assert not {t for t in titles if t.startswith("Link to this")}, titles


@pytest.mark.parametrize("lang,label", [("ru", "Перейти к содержанию"), ("fi", "Siirry sisältöön"),
                                        ("nb", "Gå til innholdet")])
def test_furo_hard_coded_labels_are_translated(handbook_site, lang, label):
    soup = _soup(handbook_site, lang, CHAPTER)
    assert soup.select_one("a.skip-to-content").get_text(strip=True) == label
    toggle = soup.select_one("button.theme-toggle")["aria-label"]
    assert toggle and "Toggle" not in toggle


def test_open_graph_and_last_updated_on_every_language(handbook_site):
    for lang in LANGUAGES:
        soup = _soup(handbook_site, lang, CHAPTER)
        og = {m["property"]: m["content"] for m in soup.select("meta[property^='og:']")}
        assert og["og:title"] == soup.select_one("article h1").get_text(strip=True).rstrip("¶#")
        assert og["og:locale"].startswith(lang)
        assert og["og:description"]
        time = soup.select_one("footer .last-updated time")
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", time["datetime"])
        assert re.search(r"\d{4}", time.get_text())


def test_a_404_page_per_language_in_that_language(handbook_site):
    titles = {"ru": "Страница не найдена", "en": "Page not found", "fi": "Sivua ei löytynyt",
              "nb": "Fant ikke siden"}
    for lang, title in titles.items():
        soup = _soup(handbook_site, lang, "404.html")
        assert soup.select_one("article h1").get_text(strip=True) == title
        assert soup.select_one("meta[name=robots]")["content"] == "noindex"


def test_print_stylesheet_is_linked_for_print_only(handbook_site):
    soup = _soup(handbook_site, "fi", CHAPTER)
    link = soup.select_one("link[href*='handbook-print.css']")
    assert link["media"] == "print"
    css = (handbook_site.layout.site / "fi" / "_static" / "handbook-print.css").read_text(encoding="utf-8")
    assert ".sidebar-drawer" in css and "display: none" in css


def test_sitemap_lists_every_page_with_its_hreflang_siblings(handbook_site):
    root = ET.parse(handbook_site.layout.site / "sitemap.xml").getroot()
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = {u.findtext("s:loc", namespaces=ns): u for u in root.findall("s:url", ns)}
    assert "fi/" + CHAPTER in urls
    assert not any(loc.endswith(("404.html", "search.html")) for loc in urls)
    alternates = {a.get("hreflang"): a.get("href") for a in urls["fi/" + CHAPTER].findall("x:link", ns)}
    assert alternates == {lang: f"{lang}/{CHAPTER}" for lang in LANGUAGES}


def test_home_page_says_what_it_is_for_and_leads_to_chapters_and_events(handbook_site):
    soup = _soup(handbook_site, "nb", "index.html")
    home = soup.select_one("nav.handbook-home")
    hrefs = [a["href"] for a in home.select("a")]
    assert "chapters/01-introduction.html" in hrefs and "events/index.html" in hrefs
    # The catalogue and downloads are linked only once those pages exist.
    for name in ("practices/index", "downloads"):
        exists = (handbook_site.layout.site / "nb" / f"{name}.html").is_file()
        assert (f"{name}.html" in hrefs) == exists
    assert soup.select_one("article p").get_text(strip=True)


def test_events_the_project_held_show_what_is_known(handbook_site):
    # Only the Arkhangelsk round table has a known date (17 March 2020, content-facts.md §B 6) and a
    # source that it took place. The project ended in October 2020 (handbook_project_end): no other
    # event is planned any more, nor said to have taken place.
    soup = _soup(handbook_site, "ru", "events/index.html")
    items = soup.select("ul.handbook-events > li")
    assert len(items) == 8
    *unrecorded, held = items
    assert all(li.select_one(".handbook-event-when").get_text().endswith("· сведений о проведении нет")
               for li in unrecorded)
    assert "Дата будет объявлена" not in soup.get_text() and "запланировано" not in soup.get_text()
    assert "17 марта 2020" in held.get_text() and "состоялось" in held.get_text()
    soup = _soup(handbook_site, "nb", "events/index.html")
    assert "ingen opplysninger om gjennomføring" in soup.select_one("ul.handbook-events > li").get_text()
    # Nor does the text around the list, in any language, or the home page: nothing says that a
    # seminar took place (no source does).
    for lang, said in (("ru", "сведений о проведении нет"), ("en", "no record of it taking place"),
                       ("fi", "ei tietoja toteutumisesta"), ("nb", "ingen opplysninger om gjennomføring")):
        intro = _soup(handbook_site, lang, "events/index.html").select_one("article").get_text(" ")
        assert f"{said}»" in intro or f"{said}”" in intro  # the list's words, quoted in the text
        assert "опубликуют" not in intro  # the dates are no longer to be announced
    home = _soup(handbook_site, "ru", "index.html").select_one("article").get_text(" ")
    assert "для семинаров" in home and "представлены на семинарах" not in home
    feed = ET.parse(handbook_site.layout.site / "ru" / "events" / "atom.xml").getroot()
    assert len(feed.findall("{http://www.w3.org/2005/Atom}entry")) == 8
