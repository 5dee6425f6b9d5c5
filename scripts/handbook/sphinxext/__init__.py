"""Sphinx extension of the handbook: per-language settings, anchors, switcher, site look and
metadata, practice catalogue, events, sources cited briefly and listed once, translation progress,
removal of what the sources no longer make."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from handbook import __version__
from handbook.languages import search_language
from handbook.sphinxext import (anchors, catalogue, confine, docutils_nb, events, fences, file_urls,
                                image_limits, interface_catalog, jscatalog, leftovers, navigation, passage_lang,
                                practices, progress, review_diff, sanitize, search_stems, silencing, site_meta, sources,
                                switcher, theme, toggles)

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"


def _apply_language_settings(app: Sphinx, config: Config) -> None:
    """Settings that follow from the language being built (set per build by the CLI)."""
    from handbook import patches

    if not config.handbook_patches:
        os.environ[patches.ENV] = "off"  # the PDF's renderer process runs without them too
    patches.install("sphinx", config.handbook_patches,
                    only=lambda patch: patch.package != "furo"  # see navigation.py
                    and (config.handbook_fast_translations
                         or patch.name not in {"sphinx-i18n-once", "myst-parser-reuse"}))
    lang = config.language or config.handbook_source_language
    config.html_search_language = search_language(lang)
    titles = config.handbook_titles
    if titles.get(lang):  # a new language's empty title (make add-language) keeps the source's
        config.project = titles[lang]
        config.html_title = titles[lang]
    # Our templates come before the theme's; the path must be absolute because
    # templates_path is otherwise read relative to the configuration directory.
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path.insert(0, str(TEMPLATES))
    if str(STATIC) not in config.html_static_path:
        config.html_static_path.append(str(STATIC))


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("handbook.sphinxext.settings")  # every handbook_* setting (handbook.config)
    app.connect("config-inited", _apply_language_settings, priority=400)
    silencing.setup(app)
    docutils_nb.register()
    app.add_css_file("handbook.css")
    anchors.setup(app)
    sanitize.setup(app)
    confine.setup(app)
    fences.setup(app)
    image_limits.setup(app)
    file_urls.setup(app)
    switcher.setup(app)
    theme.setup(app)
    toggles.setup(app)
    site_meta.setup(app)
    jscatalog.setup(app)
    events.setup(app)
    practices.setup(app)
    catalogue.setup(app)
    sources.setup(app)
    progress.setup(app)
    interface_catalog.setup(app)
    review_diff.setup(app)
    passage_lang.setup(app)
    search_stems.setup(app)
    navigation.setup(app)
    leftovers.setup(app)
    app.setup_extension("handbook.pdf")
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
