"""The site's public address (conf.py's handbook_base_url, or `make html BASE_URL=…`): with it the
sitemap, hreflang, canonical, og:url, feeds and the root 404 page use absolute addresses; without
it they are relative and the build says so once. Every page's description and preview image.
Built twice, with and without the address, on the events root in Russian and Finnish."""

from __future__ import annotations

import io
import os
import shutil
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from support import REPO, ROOTS, BuiltSite, copy_project, run_command
from handbook import commands
from handbook.paths import Layout
from handbook.sphinxext import social_image
from handbook.sphinxext.site_meta import description

BASE = "https://example.org/hb"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
RELATIVE_NOTICE = "addresses are relative"
# The home page's first paragraph: longer than a description, with characters HTML escapes.
FIRST_RU = ("Эта страница — «первый абзац», где 1 < 2 & 3 > 2. " * 7).strip()
FIRST_FI = ("Tämä sivu on ”ensimmäinen kappale”, jossa 1 < 2 & 3 > 2. " * 7).strip()


def _site(tmp_path_factory, name: str, base_url: str) -> BuiltSite:
    layout = Layout(copy_project(ROOTS / "events", tmp_path_factory.mktemp(name)))
    conf = layout.conf.read_text(encoding="utf-8")
    layout.conf.write_text(conf.replace('handbook_base_url = "https://example.org/handbook"',
                                        'handbook_base_url = ""'), encoding="utf-8")
    for lang in ("ru", "fi"):
        catalog = layout.locales / lang / "LC_MESSAGES"
        catalog.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / "locales" / lang / "LC_MESSAGES" / "sphinx.po", catalog)
    index = layout.docs / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("# Главная\n", f"# Главная\n\n{FIRST_RU}\n"),
                     encoding="utf-8")
    (layout.locales / "fi" / "LC_MESSAGES" / "index.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: fi\\n"\n\n'
        f'msgid "Главная"\nmsgstr "Etusivu"\n\nmsgid "{FIRST_RU}"\nmsgstr "{FIRST_FI}"\n', encoding="utf-8")
    site = BuiltSite(layout, run_command(commands.html, "", layout, base_url=base_url))
    assert site.run.status == 0, site.run.out + site.run.err
    return site


@pytest.fixture(scope="module")
def absolute(tmp_path_factory):
    return _site(tmp_path_factory, "absolute", BASE)


@pytest.fixture(scope="module")
def relative(tmp_path_factory):
    return _site(tmp_path_factory, "relative", "")


def _head(site: BuiltSite, lang: str, name: str) -> BeautifulSoup:
    return BeautifulSoup(site.page(lang, name), "html.parser").head


def _sitemap(site: BuiltSite) -> tuple[list[str], list[str]]:
    root = ET.parse(site.layout.site / "sitemap.xml").getroot()
    locs = [u.findtext("s:loc", namespaces=SITEMAP) for u in root.findall("s:url", SITEMAP)]
    alternates = [a.get("href") for a in root.iter(f"{{{SITEMAP['x']}}}link")]
    return locs, alternates


@pytest.mark.slow
def test_without_an_address_the_build_says_once_that_addresses_are_relative(absolute, relative):
    assert relative.run.out.count(RELATIVE_NOTICE) == 1
    line = next(line for line in relative.run.out.splitlines() if RELATIVE_NOTICE in line)
    assert "handbook_base_url" in line and "BASE_URL=" in line  # how to set it
    assert RELATIVE_NOTICE not in absolute.run.out + absolute.run.err


@pytest.mark.slow
def test_sitemap_addresses(absolute, relative):
    locs, alternates = _sitemap(absolute)
    assert f"{BASE}/fi/events/past.html" in locs
    assert f"{BASE}/ru/events/past.html" in alternates
    assert all(a.startswith(f"{BASE}/") for a in locs + alternates)
    locs, alternates = _sitemap(relative)
    assert "fi/events/past.html" in locs and "ru/events/past.html" in alternates
    assert not any("://" in a for a in locs + alternates)
    assert not (relative.layout.site / "robots.txt").exists()  # it could only name a relative sitemap
    assert f"Sitemap: {BASE}/sitemap.xml" in (absolute.layout.site / "robots.txt").read_text(encoding="utf-8")


@pytest.mark.slow
def test_hreflang_canonical_and_og_url(absolute, relative):
    head = _head(absolute, "fi", "events/past.html")
    assert head.select_one("link[rel=alternate][hreflang=ru]")["href"] == f"{BASE}/ru/events/past.html"
    assert head.select_one("link[rel=canonical]")["href"] == f"{BASE}/fi/events/past.html"
    assert head.select_one("meta[property='og:url']")["content"] == f"{BASE}/fi/events/past.html"
    head = _head(relative, "fi", "events/past.html")
    assert head.select_one("link[rel=alternate][hreflang=ru]")["href"] == "../../ru/events/past.html"
    # A canonical or og:url address must be absolute: without the site's address there is none.
    assert head.select_one("link[rel=canonical]") is None
    assert head.select_one("meta[property='og:url']") is None
    # A page shown at other addresses names none of its own.
    assert _head(absolute, "ru", "404.html").select_one("link[rel=canonical]") is None


@pytest.mark.slow
def test_feed_links_and_ids(absolute, relative):
    feed = ET.parse(absolute.layout.site / "fi" / "events" / "atom.xml").getroot()
    assert feed.findtext(f"{ATOM}id") == f"{BASE}/fi/events/atom.xml"
    links = [link.get("href") for link in feed.iter(f"{ATOM}link")]
    assert f"{BASE}/fi/events/past.html" in links
    assert all(link.startswith(f"{BASE}/fi/") for link in links)
    assert all(e.findtext(f"{ATOM}id").startswith(f"{BASE}/fi/events/") for e in feed.iter(f"{ATOM}entry"))
    feed = ET.parse(relative.layout.site / "fi" / "events" / "atom.xml").getroot()
    links = [link.get("href") for link in feed.iter(f"{ATOM}link")]
    assert "../events/past.html" in links and not any("://" in link for link in links)
    # Without an address an id is still permanent and unique: a tag URI, not a relative link.
    assert all(e.findtext(f"{ATOM}id").startswith("tag:") for e in feed.iter(f"{ATOM}entry"))


@pytest.mark.slow
def test_root_404_page_links(absolute, relative):
    page = BeautifulSoup((absolute.layout.site / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert [a["href"] for a in page.select("nav a")] == [f"{BASE}/ru/index.html", f"{BASE}/fi/index.html"]
    page = BeautifulSoup((relative.layout.site / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert [a["href"] for a in page.select("nav a")] == ["/ru/index.html", "/fi/index.html"]


@pytest.mark.slow
def test_every_page_describes_itself_with_its_first_paragraph_in_its_language(absolute):
    for lang, first in (("ru", FIRST_RU), ("fi", FIRST_FI)):
        text = _head(absolute, lang, "index.html").select_one("meta[name=description]")["content"]
        assert text.endswith("…") and len(text) <= 201
        assert first.startswith(text[:-1])  # the paragraph's beginning, as plain text
        assert first[len(text) - 1] == " "  # cut between words
        assert "<" in text and "&" in text  # the parser unescaped what the page had escaped
    raw = absolute.page("ru", "index.html")
    assert 'content="Эта страница — «первый абзац», где 1 &lt; 2 &amp; 3 &gt; 2.' in raw
    head = _head(absolute, "ru", "events/past.html")
    assert head.select_one("meta[name=description]")["content"]


@pytest.mark.slow
def test_every_language_has_its_own_preview_image(absolute, relative):
    images = {}
    for lang in ("ru", "fi"):
        head = _head(absolute, lang, "events/past.html")
        assert head.select_one("meta[property='og:image']")["content"] == f"{BASE}/{lang}/{social_image.FILE}"
        assert head.select_one("meta[name='twitter:card']")["content"] == "summary_large_image"
        data = (absolute.layout.site / lang / social_image.FILE).read_bytes()
        with Image.open(io.BytesIO(data)) as image:
            assert image.format == "PNG" and image.size == (1200, 630)
        images[lang] = data
    assert images["ru"] != images["fi"]  # the title in each language
    head = _head(relative, "fi", "events/past.html")
    assert head.select_one("meta[property='og:image']")["content"] == f"../{social_image.FILE}"


def test_the_preview_image_is_written_only_when_it_changes(tmp_path):
    assert social_image.write(tmp_path, "Тест", "Русский")
    target = tmp_path / social_image.FILE
    os.utime(target, (1_000_000_000, 1_000_000_000))
    assert not social_image.write(tmp_path, "Тест", "Русский")
    assert target.stat().st_mtime == 1_000_000_000
    assert social_image.write(tmp_path, "Testi", "Suomi")
    with Image.open(target) as image:
        assert image.size == social_image.SIZE


def test_a_description_is_the_first_paragraph_cut_at_a_word():
    from docutils.core import publish_doctree

    doctree = publish_doctree("Title\n=====\n\n" + "слово " * 60 + "\n\nSecond paragraph.\n")
    text = description(doctree)
    assert text.endswith("слово…") and len(text) <= 201
    assert description(publish_doctree("Title\n=====\n\nShort one.\n")) == "Short one."


def test_a_wrong_address_is_refused_with_how_to_fix_it(tmp_path):
    layout = Layout(copy_project(ROOTS / "tiny", tmp_path / "tiny"))
    with pytest.raises(commands.UsageError, match=r"BASE_URL='example.org/hb' is not a web address — "
                       r".*BASE_URL=https://example.org/handbook \[base-url\]"):
        commands.html("", layout, base_url="example.org/hb")
    conf = layout.conf.read_text(encoding="utf-8")
    layout.conf.write_text(conf.replace('handbook_base_url = ""', 'handbook_base_url = "/handbook"'),
                           encoding="utf-8")
    line = conf.splitlines().index('handbook_base_url = ""') + 1
    with pytest.raises(commands.UsageError, match=rf"^conf.py:{line}: error: handbook_base_url '/handbook' "
                       r"is not a web address — .* \[base-url\]$"):
        commands.html("", layout)
    assert not (layout.site / "ru").exists()  # nothing was built


def test_each_languages_job_writes_the_same_sitemap(tmp_path):
    # The publishing workflow builds each language in a job of its own and merges their sites.
    from handbook import sitemap

    texts = []
    for lang in ("ru", "fi"):
        site = tmp_path / lang
        for page in ("index.html", "events/past.html", "_static/x.html", "404.html"):
            (site / lang / page).parent.mkdir(parents=True, exist_ok=True)
            (site / lang / page).write_text("<html></html>", encoding="utf-8")
        texts.append(sitemap.render(sitemap.pages_by_language(site, ["ru", "fi"]), BASE))
    assert texts[0] == texts[1]
    assert f"<loc>{BASE}/fi/events/past.html</loc>" in texts[0] and "404.html" not in texts[0]


def test_a_long_title_stays_inside_the_images_margins():
    title = "Anbefalinger for frivillige organisasjoner: nye sosiale tjenester og offentlig finansiering " * 2
    with Image.open(io.BytesIO(social_image.render(title, "Norsk"))) as image:
        width, height = image.size
        margin = social_image.MARGIN - 8
        for box in ((width - margin, 0, width, height), (0, 0, width, margin // 2), (0, 0, margin, height)):
            colours = {colour for _, colour in image.crop(box).getcolors(maxcolors=1 << 16)}
            assert colours == {social_image.BACKGROUND}, box  # nothing drawn in the margins
        text = {colour for _, colour in image.crop((social_image.MARGIN, social_image.MARGIN, width - social_image.MARGIN,
                                                   height // 2)).getcolors(maxcolors=1 << 16)}
        assert social_image.TEXT in text  # the title is there
