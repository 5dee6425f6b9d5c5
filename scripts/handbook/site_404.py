"""The site's root ``404.html``: shown by a web server for any missing address, at any depth, it
says so in every language and links to each language's home page.

Its style is inline and its links are absolute (the site's public address when it is set, else
paths from the server's root), so it works wherever the server shows it. Its words come from each
language's interface catalog (``locales/<lang>/LC_MESSAGES/sphinx.po``, the same words as the
language's own 404 page), else from the table below, else English.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from handbook.languages import native_name
from handbook.po import catalog, syntax
from handbook.settings import Settings
from handbook.site_index import CHOOSE, _STYLE, write_page

NOT_FOUND = "Page not found"
NO_PAGE = "There is no page at this address. It may have moved, or the address may be mistyped."
HOME = "Go to the home page"
# The words of the languages the handbook started with, for a project without their catalogs.
BUILT_IN = {
    "ru": {NOT_FOUND: "Страница не найдена",
           NO_PAGE: "По этому адресу нет страницы. Возможно, она переехала или в адресе опечатка.",
           HOME: "Перейти на главную страницу"},
    "fi": {NOT_FOUND: "Sivua ei löytynyt",
           NO_PAGE: "Tässä osoitteessa ei ole sivua. Se on ehkä siirretty, tai osoitteessa on kirjoitusvirhe.",
           HOME: "Siirry etusivulle"},
    "nb": {NOT_FOUND: "Fant ikke siden",
           NO_PAGE: "Det finnes ingen side på denne adressen. Den kan ha blitt flyttet, eller adressen kan være "
                    "feilskrevet.",
           HOME: "Gå til forsiden"},
}


def words(locales: Path, code: str) -> dict[str, str]:
    """The 404 page's three messages in language ``code``."""
    found = {msgid: BUILT_IN.get(code, {}).get(msgid, msgid) for msgid in (NOT_FOUND, NO_PAGE, HOME)}
    path = locales / code / "LC_MESSAGES" / "sphinx.po"
    # A broken catalog is `make check`'s and the build's to report, at its line; not ours.
    if path.is_file() and syntax.first_error(path.read_bytes()) is None:
        for entry in catalog.load(path):
            if entry.msgid in found and not entry.msgctxt and catalog.is_translated(entry):
                found[entry.msgid] = entry.msgstr
    return found


def home(settings: Settings, code: str) -> str:
    """The absolute address of a language's home page."""
    return f"{settings.base_url.rstrip('/')}/{code}/index.html"


def _marked(code: str, text: str, english: str) -> str:
    """``text`` escaped, marked as English where the language has no translation of it."""
    return f'<span lang="en">{escape(text)}</span>' if text == english and code != "en" else escape(text)


def render(settings: Settings, locales: Path) -> str:
    source = settings.source_language
    said = {code: words(locales, code) for code in settings.languages}
    # The same words in two languages (an untranslated catalog) are said once, in English.
    lines = []
    for code in settings.languages:
        # The heading says "page not found" in the source language; the others say it here.
        text = said[code][NO_PAGE] if code == source else f"{said[code][NOT_FOUND]}. {said[code][NO_PAGE]}"
        if text not in (line for _, line in lines):
            lines.append((code if said[code][NO_PAGE] != NO_PAGE else "en", text))
    notices = "\n".join(f'<p lang="{code}">{escape(text)}</p>' for code, text in lines)
    items = "\n".join(
        f'<li><a href="{escape(home(settings, code))}" hreflang="{code}" lang="{code}">'
        f'<span class="name">{escape(native_name(code))}</span>'
        f'<span class="title">{_marked(code, said[code][HOME], HOME)} · {escape(settings.title(code))}</span></a></li>'
        for code in settings.languages)
    title = " · ".join(dict.fromkeys(said[code][NOT_FOUND] for code in settings.languages))
    return f"""<!doctype html>
<html lang="{source}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>{escape(title)}</title>
<style>{_STYLE}p {{ margin: 0 0 0.75rem; }}</style>
</head>
<body>
<main>
<h1>{escape(said[source][NOT_FOUND])}</h1>
{notices}
<nav aria-label="{escape(CHOOSE.get(source, CHOOSE["en"]))}">
<ul>
{items}
</ul>
</nav>
</main>
</body>
</html>
"""


def write(settings: Settings, site: Path, locales: Path) -> bool:
    """Write ``site/404.html`` if its content changed; return whether it was written."""
    return write_page(site / "404.html", render(settings, locales))
