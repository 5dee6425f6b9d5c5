"""The colophon, the book's last page: edition, date, partners, licence and where the site is.

Only what conf.py states is printed: no licence line unless ``handbook_pdf_licence`` is set, no
site line unless ``handbook_base_url`` is.
"""

from __future__ import annotations

from typing import Any

from babel.dates import format_date

from handbook.pdf.labels import localized
from handbook.sphinxext.site_meta import build_date


def site_address(config: Any, language: str) -> str:
    """The language's site (``https://…/ru/``), or "" when the public address is not set."""
    base = str(config.handbook_base_url or "").strip().rstrip("/")
    return f"{base}/{language}/" if base else ""


def context(config: Any, language: str) -> dict[str, str]:
    """What the colophon prints besides the cover's edition and partners (the template has those)."""
    source = config.handbook_source_language
    return {
        # SOURCE_DATE_EPOCH when set (two builds give the same PDF), else the day of the build.
        "date": format_date(build_date(), format="long", locale=language),
        "licence": localized(config.handbook_pdf_licence, language, source),
        "site": site_address(config, language),
    }
