"""Language switcher and ``hreflang`` alternates: plain links to the same page in every language.

Each language is a separate build into ``<site>/<lang>/``, so a page links to its siblings
with relative URLs (or absolute ones when ``handbook_base_url`` is set).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sphinx.application import Sphinx

from handbook.languages import native_name

# Pages every HTML build writes besides the documents themselves.
BUILDER_PAGES = frozenset({"genindex", "search", "translation-status"})  # the last: progress.py


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str  # in its own language
    href: str
    current: bool


def page_uri(pagename: str) -> str:
    return f"{pagename}.html"


def language_links(
    pagename: str,
    current: str,
    languages: Iterable[str],
    has_page: Callable[[str, str], bool],
    home: str,
    site_prefix: str,
) -> list[LanguageLink]:
    """Links to ``pagename`` in each language, or to that language's home page where it is missing.

    ``site_prefix`` leads from the current page to the site root (``"../../"`` or a base URL
    ending with ``/``); ``has_page(lang, pagename)`` tells whether a language has the page.
    """
    links = []
    for code in languages:
        target = pagename if has_page(code, pagename) else home
        links.append(LanguageLink(code, native_name(code), f"{site_prefix}{code}/{page_uri(target)}",
                                  code == current))
    return links


def relative_site_prefix(pagename: str) -> str:
    """From ``<site>/<lang>/<pagename>.html`` back up to ``<site>/``."""
    return "../" * (pagename.count("/") + 1)


def _on_page_context(app: Sphinx, pagename: str, templatename: str,
                     context: dict[str, Any], doctree: Any) -> None:
    config = app.config
    current = config.language or config.handbook_source_language
    pages = set(app.env.found_docs) | BUILDER_PAGES | set(config.html_additional_pages)

    # Every language builds from the same sources with the same configuration, so a page of
    # this build exists in the others; anything else falls back to the home page.
    def has_page(code: str, name: str) -> bool:
        return name in pages

    base = config.handbook_base_url.rstrip("/")
    relative = relative_site_prefix(pagename)
    absolute = f"{base}/" if base else relative
    home = config.root_doc
    # A language built for review only (below its publication threshold) is linked from nowhere
    # but its own pages.
    shown = [code for code in config.handbook_languages
             if code == current or not config.handbook_published_languages
             or code in config.handbook_published_languages]
    context["handbook_languages"] = language_links(pagename, current, shown, has_page, home, relative)
    context["handbook_alternates"] = language_links(pagename, current, shown, has_page, home, absolute)
    context["handbook_site_index"] = f"{absolute}index.html"


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", _on_page_context)
    # The switcher's links keep the section and the search query (handbook-switcher.js).
    app.add_js_file("handbook-switcher.js", loading_method="defer")
