"""The site's look: Furo's palette for light and dark, the print stylesheet, the 404 page, and
wide content on a phone (tables that scroll in their own labelled box, figures that open full size)."""

from __future__ import annotations

import html as html_lib
import re
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

# A calm blue-green. Every colour keeps at least 4.5:1 against Furo's backgrounds of its
# scheme (checked by the axe tests in both schemes), so links stay readable for low vision.
LIGHT = {
    "color-brand-primary": "#1d5670",
    "color-brand-content": "#1a5b80",
    "color-brand-visited": "#5a3d86",
    "color-background-secondary": "#f3f6f7",
    "color-sidebar-background": "#f3f6f7",
    "color-announcement-background": "#1d5670",
    "font-stack": 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "PT Sans", sans-serif',
}
DARK = {
    "color-brand-primary": "#8ccbe0",
    "color-brand-content": "#92cdf0",
    "color-brand-visited": "#c9b3f2",
    # The light values above would otherwise leak into the dark scheme.
    "color-background-secondary": "#1a1c1e",
    "color-sidebar-background": "#1a1c1e",
    "color-announcement-background": "#1d5670",
}


def theme_options(existing: dict[str, Any]) -> dict[str, Any]:
    """Our palette under the project's own ``html_theme_options`` (the project's values win)."""
    options = dict(existing)
    options["light_css_variables"] = {**LIGHT, **existing.get("light_css_variables", {})}
    options["dark_css_variables"] = {**DARK, **existing.get("dark_css_variables", {})}
    options.setdefault("navigation_with_keys", False)
    return options


def _on_config_inited(app: Sphinx, config: Config) -> None:
    if config.html_theme == "furo":
        config.html_theme_options = theme_options(config.html_theme_options or {})
    pages = dict(config.html_additional_pages or {})
    pages.setdefault("404", "handbook-404.html")
    config.html_additional_pages = pages


_TABLE_WRAPPER = re.compile(r'<div class="table-wrapper([^"]*)"')
_CAPTION = re.compile(r"<caption>(.*?)</caption>", re.S)
_TAG = re.compile(r"<[^>]+>")
_FIGURE = re.compile(r'<figure\b[^>]*>.*?</figure>', re.S)
_IMAGE_LINK = re.compile(r'<a class="reference internal image-reference" href="([^"]+)"')


def scroll_regions(body: str, table: str, numbered: str) -> str:
    """Each wide table's box (Furo's table-wrapper, which scrolls sideways on a phone) becomes a
    region a keyboard can scroll: focusable, and named by the table's caption, else "Table N"
    (``numbered`` has ``%(number)d``), so that a screen reader says what it is entering."""
    parts = _TABLE_WRAPPER.split(body)
    if len(parts) == 1:
        return body
    out = [parts[0]]
    for number, index in enumerate(range(1, len(parts), 2), start=1):
        classes, rest = parts[index], parts[index + 1]
        end = rest.find("</table>")
        caption = _CAPTION.search(rest, 0, end if end >= 0 else len(rest))
        text = " ".join(html_lib.unescape(_TAG.sub("", caption.group(1))).split()) if caption else ""
        # The heading link's pilcrow is part of the caption's HTML, not of its name.
        label = text.rstrip("¶ ").strip() or numbered % {"number": number}
        label = f"{label} ({table})" if text else label
        out.append(f'<div class="table-wrapper{classes}" tabindex="0" role="region" '
                   f'aria-label="{html_lib.escape(label)}"')
        out.append(rest)
    return "".join(out)


def figure_links(body: str, label: str) -> str:
    """A figure shrunk to the column (a 720 px diagram is unreadable at 320 px) gets a visible link
    to its image file at full size, just below it."""

    def add(match: re.Match[str]) -> str:
        figure = match.group(0)
        image = _IMAGE_LINK.search(figure)
        if not image:
            return figure
        link = (f'<p class="handbook-figure-full"><a href="{image.group(1)}">'
                f'{html_lib.escape(label)}</a></p>')
        return figure + link  # after the figure: no part of the figure's name (its caption)

    return _FIGURE.sub(add, body)


def _on_page_context(app: Sphinx, pagename: str, templatename: str,
                     context: dict[str, Any], doctree: Any) -> None:
    # page.html passes the translated words, so that `make gettext` finds them in the template.
    context["handbook_scroll_regions"] = lambda html, **words: scroll_regions(str(html), **words)
    context["handbook_figure_links"] = lambda html, **words: figure_links(str(html), **words)


def setup(app: Sphinx) -> None:
    app.connect("config-inited", _on_config_inited, priority=410)
    app.connect("html-page-context", _on_page_context)
    app.add_css_file("handbook-print.css", media="print")
