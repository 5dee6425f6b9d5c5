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

from handbook.languages import native_name, script_letters
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
    documents = po_stats.language_stats(_locale_dir(app), lang, app.config.handbook_source_language)
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
    notice = page_notice(app, pagename, doctree)
    if notice:
        context["handbook_progress"] = notice
    if app.config.handbook_review:
        context["handbook_review_counts"] = review_counts(app, pagename)


def document_progress(app: Sphinx, docname: str) -> po_stats.DocumentStats | None:
    """The one measure of how much of a document is translated (the status page's, `make stats`')."""
    return po_stats.document_progress(_locale_dir(app), _language(app), docname,
                                      app.config.handbook_source_language)


def page_notice(app: Sphinx, docname: str, doctree: Any) -> dict[str, Any] | None:
    """What the page's notice says: the share of its source words translated; None when no text
    in the source language is left (nothing to say)."""
    progress = document_progress(app, docname)
    if progress is None:  # no catalog yet: nothing is translated, if there is text to translate
        letters = script_letters(app.config.handbook_source_language)
        if letters and not re.search(f"[{letters}]", doctree.astext()):
            return None
        return {"percent": percent(0.0, _language(app)), "none": True}
    words = progress.words
    if words.translated >= words.total:
        return None
    return {"percent": percent(po_stats.translated_share(progress), _language(app)), "none": not words.translated}


def review_counts(app: Sphinx, docname: str) -> dict[str, Any]:
    """How much of one document the review catalogs translate (words and a localized percent)."""
    lang = _language(app)
    progress = document_progress(app, docname)
    counts = progress.words if progress else po_stats.Counts()
    return {"translated": counts.translated, "fuzzy": counts.fuzzy,
            "untranslated": counts.untranslated, "total": counts.total,
            "percent": percent(counts.translated / counts.total if counts.total else 1.0, lang)}


def review_summary(app: Sphinx, docname: str) -> str:
    """The review line of one document, in the reader's language (the review PDF prints it)."""
    # The same msgids as handbook-progress.html, so that sphinx.po translates both.
    return " ".join([_("Review:"), _("%(percent)s of this page is translated: %(translated)s of "
                                     "%(total)s words; %(fuzzy)s outdated, %(untranslated)s "
                                     "untranslated.") % review_counts(app, docname)])


def _add_review_css(app: Sphinx) -> None:
    if app.config.handbook_review:
        app.add_css_file("handbook-review.css")


def setup(app: Sphinx) -> None:
    app.connect("config-inited", _review_settings, priority=450)
    app.connect("builder-inited", _add_review_css)
    app.connect("html-collect-pages", _collect_status_page)
    app.connect("html-page-context", _on_page_context)
