"""The site's root page: the reader chooses a language, each named in its own language."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path

from handbook import atomic
from handbook.languages import native_name
from handbook.settings import Settings

# "Choose a language" in each language; a language not listed here shows only its name.
CHOOSE = {
    "ru": "Выберите язык",
    "en": "Choose a language",
    "fi": "Valitse kieli",
    "nb": "Velg språk",
}

_STYLE = """
:root { color-scheme: light dark; --fg: #1a1a1a; --bg: #ffffff; --link: #0a4f8a; --line: #c8ccd0; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e8e8e8; --bg: #131416; --link: #8cc4ff; --line: #3a3d42; }
}
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 1.05rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
main { max-width: 42rem; margin: 0 auto; padding: 2rem 1rem; }
h1 { font-size: 1.5rem; line-height: 1.3; }
.choose { margin: 0 0 1rem; }
.choose span + span::before { content: " · "; }
ul { list-style: none; padding: 0; margin: 0; }
li { border-top: 1px solid var(--line); }
li:last-child { border-bottom: 1px solid var(--line); }
a { display: block; padding: 0.9rem 0.25rem; color: var(--link); text-decoration: none; }
a:hover .name, a:focus .name { text-decoration: underline; }
a:focus-visible { outline: 3px solid var(--link); outline-offset: 2px; }
.name { display: block; font-weight: 700; font-size: 1.15rem; }
.title { display: block; color: var(--fg); }
"""


def render(settings: Settings, published: Sequence[str] | None = None) -> str:
    """The site index; ``published``: the languages to offer (all by default; see publication.py)."""
    source = settings.source_language
    languages = [code for code in settings.languages if published is None or code in published]
    alternates = "\n".join(
        f'<link rel="alternate" hreflang="{code}" href="{escape(_href(settings, code))}">'
        for code in languages)
    choose = "".join(f'<span lang="{code}">{escape(CHOOSE[code])}</span>'
                     for code in languages if code in CHOOSE)
    items = "\n".join(
        f'<li><a href="{code}/index.html" hreflang="{code}" lang="{code}">'
        f'<span class="name">{escape(native_name(code))}</span>'
        f'<span class="title">{escape(settings.title(code))}</span></a></li>'
        for code in languages)
    base = settings.base_url.rstrip("/")
    default = f"{base}/index.html" if base else "index.html"
    return f"""<!doctype html>
<html lang="{source}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{escape(settings.title(source))}</title>
{alternates}
<link rel="alternate" hreflang="x-default" href="{escape(default)}">
<style>{_STYLE}</style>
</head>
<body>
<main>
<h1>{escape(settings.title(source))}</h1>
<p class="choose">{choose}</p>
<nav aria-label="{escape(CHOOSE.get(source, CHOOSE["en"]))}">
<ul>
{items}
</ul>
</nav>
</main>
</body>
</html>
"""


def _href(settings: Settings, code: str) -> str:
    base = settings.base_url.rstrip("/")
    return f"{base}/{code}/index.html" if base else f"{code}/index.html"


def write_page(target: Path, text: str) -> bool:
    """Write a page of the site's root if its content changed, never half-written; return whether
    it was written."""
    return atomic.write_text_if_changed(target, text)


def write(settings: Settings, site: Path, published: Sequence[str] | None = None) -> bool:
    """Write ``site/index.html`` if its content changed; return whether it was written."""
    return write_page(site / "index.html", render(settings, published))
