"""Report links and images to ``file:`` URLs in the sources: MyST leaves them as plain text, and the
PDF must never read a file of the computer it is built on, so the author is told at once."""

from __future__ import annotations

import re

from sphinx.application import Sphinx
from sphinx.util import logging

from handbook import check_ids

logger = logging.getLogger(__name__)

_FILE_URL = re.compile(r"\]\(\s*<?(file:[^)\s>]*)", re.IGNORECASE)


def file_urls(text: str) -> list[tuple[int, str]]:
    """(line, URL) of every Markdown link or image whose target is a file: URL."""
    return [(number, found.group(1)) for number, line in enumerate(text.splitlines(), 1)
            for found in _FILE_URL.finditer(line)]


def _check(app: Sphinx, docname: str, source: list[str]) -> None:
    for line, url in file_urls(source[0]):
        check_ids.log_warning(logger, "file-url", "%s points at a file of this computer, which neither the "
                              "site nor the PDF may read (it is shown as text) — put the file under docs/ and "
                              "give its path relative to this page", url, location=(docname, line))


def setup(app: Sphinx) -> None:
    app.connect("source-read", _check)
