"""The colophon, the book's last page: edition, date, partners, licence and where the site is.

Only what conf.py states is printed: no licence line unless ``handbook_pdf_licence`` is set, no
site line unless ``handbook_base_url`` is.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from babel.dates import format_date

from handbook.pdf.labels import localized


def site_address(config: Any, language: str) -> str:
    """The language's site (``https://…/ru/``), or "" when the public address is not set."""
    base = str(config.handbook_base_url or "").strip().rstrip("/")
    return f"{base}/{language}/" if base else ""


def context(config: Any, language: str, pdf_date: str) -> dict[str, str]:
    """What the colophon prints besides the cover's edition and partners (the template has those).

    ``pdf_date`` is the PDF's own date (builder.source_date: SOURCE_DATE_EPOCH, else the last
    commit), so that the page and the document's metadata never disagree."""
    source = config.handbook_source_language
    day = dt.datetime.strptime(pdf_date[:10], "%Y-%m-%d").date()
    return {
        "date": format_date(day, format="long", locale=language),
        "licence": localized(config.handbook_pdf_licence, language, source),
        "site": site_address(config, language),
    }
