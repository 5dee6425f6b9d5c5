"""The site's look: Furo's palette for light and dark, the print stylesheet, the 404 page."""

from __future__ import annotations

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


def setup(app: Sphinx) -> None:
    app.connect("config-inited", _on_config_inited, priority=410)
    app.add_css_file("handbook-print.css", media="print")
