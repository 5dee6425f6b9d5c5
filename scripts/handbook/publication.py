"""Which languages are published: a language whose share of translated words is below its
threshold in conf.py (``handbook_publish_threshold = {"da": 0.5}``) is built for review only —
its site is built, but no other language's switcher and no site index links to it."""

from __future__ import annotations

from pathlib import Path

from handbook.po import stats as po_stats
from handbook.settings import Settings


def share(locales: Path, lang: str, source: str) -> float:
    """The share of the source's words translated into ``lang`` over all its document catalogs."""
    return po_stats.translated_share(po_stats.total(po_stats.language_stats(locales, lang, source)))


def published(settings: Settings, locales: Path) -> list[str]:
    """The languages readers are led to, in conf.py's order (the source language always)."""
    limits = settings.publish_threshold
    return [code for code in settings.languages
            if code == settings.source_language or code not in limits
            or share(locales, code, settings.source_language) >= limits[code]]
