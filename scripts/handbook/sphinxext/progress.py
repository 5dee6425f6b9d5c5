"""Translation progress on the site: a notice on pages not fully translated, the
translation-status page (a table and bars per language and chapter), and the review marks."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from babel.numbers import format_percent
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import _

from handbook.languages import native_name
from handbook.po import stats as po_stats

STATUS_PAGE = "translation-status"
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def _locale_dir(app: Sphinx) -> Path:
    if app.config.handbook_locales_dir:  # the translators' .po files (the build compiles copies)
        return Path(app.config.handbook_locales_dir)
    dirs = app.config.locale_dirs or ["locales"]
    return (Path(app.srcdir) / dirs[0]).resolve()


def _language(app: Sphinx) -> str:
    return app.config.language or app.config.handbook_source_language


def percent(value: float, lang: str) -> str:
    """``0.62`` → ``62 %`` in fi and nb, ``62%`` in en, as the reader writes it."""
    try:
        return format_percent(value, locale=lang.replace("-", "_"))
    except (ValueError, LookupError):
        return f"{round(value * 100)}%"


def _review_settings(app: Sphinx, config: Config) -> None:
    if config.handbook_review:
        # Mark what is (un)translated, and show outdated translations (marked by the review copy
        # of the catalogs) instead of hiding them.
        config.translation_progress_classes = True
        config.gettext_allow_fuzzy_translations = True


def _status_rows(app: Sphinx, lang: str) -> list[dict[str, Any]]:
    documents = po_stats.language_stats(_locale_dir(app), lang)
    rows = []
    for doc in documents + [po_stats.total(documents)]:
        w = doc.words
        title = doc.document
        if doc.document in app.env.titles:
            title = app.env.titles[doc.document].astext()
        rows.append({
            "document": doc.document, "title": title,
            # A title still in the source language, for screen readers to pronounce it right.
            "title_lang": app.config.handbook_source_language if _CYRILLIC.search(title) else "",
            "is_total": doc.document == "total",
            "link": doc.document in app.env.found_docs,
            "translated": round(w.percent("translated")), "fuzzy": round(w.percent("fuzzy")),
            "untranslated": round(w.percent("untranslated")), "words": w.total,
        })
    return rows


def _collect_status_page(app: Sphinx) -> Any:
    if app.builder.format != "html" or not hasattr(app.builder, "templates"):
        return
    languages = [code for code in app.config.handbook_languages if code != app.config.handbook_source_language]
    tables = [{"code": code, "name": native_name(code), "rows": _status_rows(app, code)} for code in languages]
    # The same msgid as in the template, so that sphinx.po translates both.
    yield STATUS_PAGE, {"handbook_status_tables": tables, "title": _("Translation status")}, \
        "handbook-status.html"


def _on_page_context(app: Sphinx, pagename: str, templatename: str,
                     context: dict[str, Any], doctree: Any) -> None:
    lang = _language(app)
    context["handbook_status_page"] = STATUS_PAGE
    context["handbook_review"] = app.config.handbook_review
    if lang == app.config.handbook_source_language or doctree is None:
        return
    progress = doctree.get("translation_progress") or {}
    total, translated = progress.get("total", 0), progress.get("translated", 0)
    if total and translated < total:
        context["handbook_progress"] = {"percent": percent(translated / total, lang), "none": not translated}
    if app.config.handbook_review:
        context["handbook_review_counts"] = review_counts(app, pagename)


def review_counts(app: Sphinx, docname: str) -> dict[str, Any]:
    """How much of one document the review catalogs translate (numbers and a localized percent)."""
    lang = _language(app)
    po_path = _locale_dir(app) / lang / "LC_MESSAGES" / f"{docname}.po"
    counts = po_stats.Counts()
    if po_path.is_file():
        counts = po_stats.document_stats(docname, po_stats.catalog.load(po_path)).messages
    return {"translated": counts.translated, "fuzzy": counts.fuzzy,
            "untranslated": counts.untranslated, "total": counts.total,
            "percent": percent(counts.translated / counts.total if counts.total else 1.0, lang)}


def review_summary(app: Sphinx, docname: str) -> str:
    """The review line of one document, in the reader's language (the review PDF prints it)."""
    # The same msgids as handbook-progress.html, so that sphinx.po translates both.
    return " ".join([_("Review:"), _("%(percent)s of this page is translated: %(translated)s of "
                                     "%(total)s messages; %(fuzzy)s outdated, %(untranslated)s "
                                     "untranslated.") % review_counts(app, docname)])


def _add_review_css(app: Sphinx) -> None:
    if app.config.handbook_review:
        app.add_css_file("handbook-review.css")


def setup(app: Sphinx) -> None:
    app.add_config_value("handbook_review", False, "env", types=[bool])
    app.connect("config-inited", _review_settings, priority=450)
    app.connect("builder-inited", _add_review_css)
    app.connect("html-collect-pages", _collect_status_page)
    app.connect("html-page-context", _on_page_context)
