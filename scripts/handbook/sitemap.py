"""``sitemap.xml`` for the whole site: every page of every language, with its ``hreflang`` siblings.

Written after the languages are built (like the site index), from the HTML files on disk, so
it needs nothing from the language builds. Addresses are absolute when ``handbook_base_url``
is set in conf.py (search engines require that); otherwise they are relative to the site root.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import quoteattr, escape

from handbook import atomic
from handbook.settings import Settings

# Pages that are not content: not listed (the 404 page, search, generated index).
SKIPPED = frozenset({"404.html", "search.html", "genindex.html"})


def pages_by_language(site: Path, languages: list[str]) -> dict[str, set[str]]:
    """``{lang: {"index.html", "chapters/01-introduction.html", …}}`` from the built site.

    A language not built here (the publishing workflow builds each language in a job of its own)
    is given the pages of those that were: every language is built from the same sources, as the
    language switcher assumes. So every job writes the same sitemap, whichever language it built."""
    found = {}
    for lang in languages:
        root = site / lang
        if root.is_dir():
            found[lang] = {p.relative_to(root).as_posix() for p in root.rglob("*.html")
                           if "_static" not in p.relative_to(root).parts
                           and p.relative_to(root).as_posix() not in SKIPPED}
    built = set().union(*found.values())
    return {lang: found.get(lang, built) for lang in languages}


def render(pages: dict[str, set[str]], base_url: str) -> str:
    base = base_url.rstrip("/")
    prefix = f"{base}/" if base else ""
    languages = list(pages)
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for lang in languages:
        for page in sorted(pages[lang]):
            lines.append(f"  <url>\n    <loc>{escape(prefix + lang + '/' + page)}</loc>")
            for other in languages:
                if page in pages[other]:
                    href = quoteattr(prefix + other + "/" + page)
                    lines.append(f'    <xhtml:link rel="alternate" hreflang="{other}" href={href}/>')
            lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def write(settings: Settings, site: Path) -> Path:
    """Write ``site/sitemap.xml`` (and a ``robots.txt`` pointing to it when the base URL is known)."""
    target = site / "sitemap.xml"
    text = render(pages_by_language(site, list(settings.languages)), settings.base_url)
    atomic.write_text(target, text)
    if settings.base_url:
        atomic.write_text(site / "robots.txt",
                          f"User-agent: *\nAllow: /\nSitemap: {settings.base_url.rstrip('/')}/sitemap.xml\n")
    return target
