"""pydyf: ``PDF.page_references`` kept until a page is added.

The tags of a PDF/UA document (WeasyPrint's ``pdf/tags.py``) and each link's destination ask for
``pdf.page_references``, which pydyf rebuilds from every page each time: quadratic in pages. It
changes nothing in the PDF (tests/test_pdf_speedups.py).
"""

from __future__ import annotations

from typing import Any

from handbook.patches import Patch, register


def _page_references(pdf: Any) -> tuple[bytes, ...]:
    kids = pdf.pages["Kids"]
    cached = pdf.__dict__.get("_handbook_page_references")
    if cached is None or cached[0] != len(kids):
        references = tuple(f"{number} 0 R".encode("ascii") for number in kids[::3])
        cached = pdf.__dict__["_handbook_page_references"] = (len(kids), references)
    return cached[1]


def _install() -> None:
    import pydyf

    pydyf.PDF.page_references = property(_page_references)


register(Patch("pydyf-page-references", "pydyf", frozenset({"0.13.0"}), "pydyf.PDF.page_references",
               "rebuilt from every page for each tag and link: quadratic in pages",
               "cache page_references in pydyf until a page is added", True, _install))
