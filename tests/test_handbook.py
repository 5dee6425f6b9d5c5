"""The real handbook builds without a warning in every language, with stable anchors."""

from bs4 import BeautifulSoup

from support import LANGUAGES
DEEP = "chapters/06-costing.html"


def test_builds_without_warnings_in_every_language(handbook_site):
    assert handbook_site.run.status == 0, handbook_site.run.err
    assert handbook_site.run.err == ""
    for lang in LANGUAGES:
        assert f"  {lang}: built" in handbook_site.run.out


def test_four_complete_language_trees(handbook_site):
    site = handbook_site.layout.site
    ru_pages = sorted(p.relative_to(site / "ru") for p in (site / "ru").rglob("*.html"))
    assert len(ru_pages) > 10
    for lang in LANGUAGES[1:]:
        assert sorted(p.relative_to(site / lang) for p in (site / lang).rglob("*.html")) == ru_pages
    assert (site / "index.html").is_file()


def test_translated_pages_are_translated(handbook_site):
    assert "<h1>Tietoa hankkeesta" in handbook_site.page("fi", "project/about.html")
    assert "<h1>Om prosjektet" in handbook_site.page("nb", "project/about.html")
    assert "<h1>About the project" in handbook_site.page("en", "project/about.html")


def test_switcher_and_alternates_on_a_chapter(handbook_site):
    for lang in LANGUAGES:
        soup = BeautifulSoup(handbook_site.page(lang, DEEP), "html.parser")
        switcher = [a["href"] for a in soup.select("nav.language-switcher a")]
        assert switcher == [f"../../{code}/{DEEP}" for code in LANGUAGES]
        alternates = [link["hreflang"] for link in soup.select("link[rel=alternate][hreflang]")]
        assert alternates == [*LANGUAGES, "x-default"]


def _anchors(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [s["id"] for s in soup.select("article section[id]")]


def test_section_anchors_are_identical_across_languages_on_every_page(handbook_site):
    root = handbook_site.layout.site / "ru"
    checked = 0
    for page in sorted(root.rglob("*.html")):
        name = page.relative_to(root).as_posix()
        if name == "genindex.html":  # grouped by the first letters of that language's terms
            continue
        reference = _anchors(page.read_text(encoding="utf-8"))
        for lang in LANGUAGES[1:]:
            assert _anchors(handbook_site.page(lang, name)) == reference, f"{lang}/{name}"
        checked += len(reference)
        # No docutils fallback ids (id1, id2…) that would change with the translation.
        assert not [i for i in reference if i[:2] == "id" and i[2:].isdigit()], name
    assert checked > 50


def test_translated_heading_keeps_the_source_anchor(handbook_site):
    soup = BeautifulSoup(handbook_site.page("en", "project/about.html"), "html.parser")
    assert soup.select_one("section#partnery-proekta h2").get_text().startswith("Project partners")


def test_every_page_has_one_switcher_and_alternates(handbook_site):
    site = handbook_site.layout.site
    for lang in LANGUAGES:
        for page in sorted((site / lang).rglob("*.html")):
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            name = page.relative_to(site).as_posix()
            switchers = soup.select("nav.language-switcher")
            assert len(switchers) == 1, name
            assert [a["hreflang"] for a in switchers[0].select("a[aria-current=page]")] == [lang], name
            assert len(soup.select("link[rel=alternate][hreflang]")) == len(LANGUAGES) + 1, name
