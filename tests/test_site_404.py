"""The root 404.html: served for a missing address at any depth, it offers every language's home
page, each named in its own language, and every address it uses resolves."""

from __future__ import annotations

import functools
import http.server
import threading
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from handbook import site_404
from handbook.settings import load_settings

from support import LANGUAGES, REPO


class _SiteWith404(http.server.SimpleHTTPRequestHandler):
    """A static host as GitHub Pages or a CDN is set up: a missing file gets /404.html, status 404."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002 - the base's name
        pass


@pytest.fixture()
def served(multilingual_site):
    handler = functools.partial(_SiteWith404, directory=str(multilingual_site.layout.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def test_html_writes_a_root_404_page(multilingual_site):
    assert "  page for missing addresses: _build/site/404.html" in multilingual_site.run.out.splitlines()
    assert (multilingual_site.layout.site / "404.html").is_file()


@pytest.mark.parametrize("missing", ["nothing.html", "ru/guide/deep/gone.html", "a/b/c/d/e/"])
def test_a_missing_address_at_any_depth_offers_every_language_with_links_that_resolve(served, missing):
    status, html = _get(served + missing)
    assert status == 404
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html["lang"] == "ru"
    assert soup.h1.get_text() == "Страница не найдена"
    links = soup.select("nav a")
    assert [a["lang"] for a in links] == LANGUAGES
    assert [a["hreflang"] for a in links] == LANGUAGES
    assert [a.select_one(".name").get_text() for a in links] == ["Русский", "English", "Suomi", "Norsk bokmål"]
    # The page needs nothing from the server but itself: no stylesheet, script or image to fetch.
    assert not soup.select("link[rel=stylesheet], script[src], img, base")
    for a in links:
        target = urljoin(served + missing, a["href"])
        assert target == f"{served}{a['lang']}/index.html"
        status, page = _get(target)
        assert status == 200, target
        assert BeautifulSoup(page, "html.parser").html["lang"] == a["lang"]


def test_each_language_says_page_not_found_in_its_own_words(multilingual_site):
    soup = BeautifulSoup((multilingual_site.layout.site / "404.html").read_text(encoding="utf-8"), "html.parser")
    said = {p["lang"]: p.get_text() for p in soup.select("main > p[lang]")}
    assert said["ru"].startswith("По этому адресу нет страницы.")  # after the heading «Страница не найдена»
    assert said["en"].startswith("Page not found. There is no page at this address.")
    assert said["fi"].startswith("Sivua ei löytynyt.")
    assert said["nb"].startswith("Fant ikke siden.")


def test_with_the_public_address_links_are_absolute_urls(tmp_path):
    settings = load_settings_with(tmp_path, "https://example.org/handbook/")
    soup = BeautifulSoup(site_404.render(settings, REPO / "locales"), "html.parser")
    assert [a["href"] for a in soup.select("nav a")] == [
        f"https://example.org/handbook/{code}/index.html" for code in LANGUAGES]


def test_the_translators_words_are_used(tmp_path):
    catalog = tmp_path / "fi" / "LC_MESSAGES" / "sphinx.po"
    catalog.parent.mkdir(parents=True)
    catalog.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                       'msgid "Go to the home page"\nmsgstr "Etusivulle"\n', encoding="utf-8")
    assert site_404.words(tmp_path, "fi")[site_404.HOME] == "Etusivulle"
    assert site_404.words(tmp_path, "fi")[site_404.NOT_FOUND] == "Sivua ei löytynyt"
    assert site_404.words(tmp_path, "da")[site_404.NOT_FOUND] == "Page not found"


def load_settings_with(tmp_path: Path, base_url: str):
    from handbook.paths import Layout, copy_project

    layout = Layout(copy_project(REPO / "tests" / "roots" / "multilingual", tmp_path / "project"))
    conf = layout.conf.read_text(encoding="utf-8").replace('handbook_base_url = ""',
                                                          f'handbook_base_url = "{base_url}"')
    layout.conf.write_text(conf, encoding="utf-8")
    return load_settings(layout)
