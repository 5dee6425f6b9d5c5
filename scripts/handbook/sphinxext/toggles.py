"""Furo's menu and contents toggles as real buttons that a keyboard reaches and works.

Furo opens its drawers with ``<label for="__navigation">`` and ``<label for="__toc">``, labels of
hidden checkboxes: no Tab stop, no Enter or Space, no state for a screen reader. Each becomes a
``<button type="button" aria-expanded aria-controls>``; ``handbook-toggles.js`` ticks the same
checkbox Furo's CSS reads, keeps ``aria-expanded`` in step, closes a drawer on Escape and returns
focus to its button. Each drawer gets an id (for ``aria-controls``) and a close button of its own,
since an open drawer covers the button that opened it. (``handbook.css`` hides a closed drawer with
``visibility: hidden`` so that none of its links takes focus off-screen.)
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from sphinx.application import Sphinx

# The checkbox a label ticks → the id given to the drawer it opens.
DRAWERS = {"__navigation": "handbook-navigation", "__toc": "handbook-toc"}
_LABEL = re.compile(r'<label class="((?:nav|toc)-overlay-icon[^"]*)" for="(__navigation|__toc)">(.*?)</label>',
                    re.DOTALL)
_ASIDE = re.compile(r'<aside class="(sidebar-drawer|toc-drawer)([^"]*)">')


def keyboard_toggles(html: str, menu: str, contents: str, close_menu: str, close_contents: str) -> str:
    """Furo's page body with its drawer toggles as buttons and its drawers labelled and closable."""
    names = {"__navigation": menu, "__toc": contents}

    def button(match: re.Match[str]) -> str:
        classes, checkbox, inner = match.groups()
        return (f'<button type="button" class="{classes} handbook-toggle" data-handbook-toggle="{checkbox}" '
                f'aria-controls="{DRAWERS[checkbox]}" aria-expanded="false" '
                f'aria-label="{escape(names[checkbox])}">{inner}</button>')

    def drawer(match: re.Match[str]) -> str:
        kind, more = match.groups()
        checkbox = "__navigation" if kind == "sidebar-drawer" else "__toc"
        close = close_menu if checkbox == "__navigation" else close_contents
        return (f'<aside class="{kind}{more}" id="{DRAWERS[checkbox]}" aria-label="{escape(names[checkbox])}">'
                f'<button type="button" class="handbook-drawer-close" data-handbook-close="{checkbox}" '
                f'aria-label="{escape(close)}"><svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">'
                '<path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>'
                '</svg></button>')

    return _ASIDE.sub(drawer, _LABEL.sub(button, html))


def _on_page_context(app: Sphinx, pagename: str, templatename: str,
                     context: dict[str, Any], doctree: Any) -> None:
    # page.html passes the translated names, so that `make gettext` finds them in the template.
    context["handbook_keyboard_toggles"] = lambda html, **names: keyboard_toggles(str(html), **names)


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", _on_page_context)
    app.add_js_file("handbook-toggles.js", loading_method="defer")
