"""The print preflight: what a print shop would send back, found in the PDF as written.

Each PDF the builder writes is read back (``reading``): the text runs of every page (where each is
drawn, in which font and size), its link annotations, and the named destinations that say which
source file a page comes from (``locating``). The checks (``checks``) are plain functions of those,
so that tests can plant a fault in a small document and see it caught. Check ids: pdf-overlap,
pdf-font, pdf-file-link, pdf-footnote, pdf-screen-only, pdf-small-text, pdf-placeholder.
"""

from handbook.pdf.preflight.checks import (
    CHECKS,
    LARGE_PRINT_MIN_PT,
    MAX_PER_CHECK,
    Finding,
    Options,
    check_fonts,
    check_footnotes,
    check_links,
    check_overlap,
    check_placeholders,
    check_screen_only,
    check_small_text,
    footnote_numbers,
    limit,
    page_text,
    preflight,
)
from handbook.pdf.preflight.locating import Locator
from handbook.pdf.preflight.reading import Document, Run, operations, page_runs, read

__all__ = [
    "CHECKS", "LARGE_PRINT_MIN_PT", "MAX_PER_CHECK", "Document", "Finding", "Locator", "Options", "Run",
    "check_fonts", "check_footnotes", "check_links", "check_overlap", "check_placeholders",
    "check_screen_only",
    "check_small_text", "footnote_numbers", "limit", "operations", "page_runs", "page_text", "preflight",
    "read",
]
