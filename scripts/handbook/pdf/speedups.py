"""Two places where WeasyPrint's time grows with the square of the document, made linear.

Measured on the handbook repeated five times (524 pages), each page cost 1.8 times what it costs
in the handbook itself (131 pages), in layout and in writing alike; both come from a lookup in a
list of the whole document done for every line or every tagged element:

- Layout: for each line, every box of the line is looked up in the list of the footnotes still to
  be placed (``descendant.footnote in context.footnotes``). Most boxes have no footnote, and
  looking up ``None`` reads the whole list. The list is given a set beside it.
- Writing: the tags of a PDF/UA document (``pdf/tags.py``) and each link's destination ask for
  ``pdf.page_references``, which pydyf rebuilds from every page each time. It is kept until a
  page is added.

Neither changes what is laid out or written (tests/test_pdf_speedups.py compares the PDFs made
with and without them). The renderer's child process applies them (render.Renderer); WeasyPrint
alone in the benchmark runs without them.
"""

from __future__ import annotations

from collections import Counter
from typing import Any


class FootnoteList(list):
    """The layout's list of footnotes waiting for a page, with membership in constant time.

    Footnote boxes compare by identity, and WeasyPrint appends, removes, copies and tests
    membership; any other change would leave the set behind, so it is refused loudly."""

    def __init__(self, items: Any = ()) -> None:
        super().__init__(items)
        self._count = Counter(id(item) for item in self)

    def __contains__(self, item: object) -> bool:
        return self._count[id(item)] > 0

    def append(self, item: Any) -> None:
        super().append(item)
        self._count[id(item)] += 1

    def remove(self, item: Any) -> None:
        super().remove(item)
        self._count[id(item)] -= 1

    def copy(self) -> FootnoteList:
        return FootnoteList(self)

    def _refuse(self, *args: Any, **kwargs: Any) -> None:
        raise NotImplementedError("handbook.pdf.speedups.FootnoteList: WeasyPrint changed how it "
                                  "uses its list of footnotes — update FootnoteList")

    insert = extend = pop = clear = sort = reverse = __setitem__ = __delitem__ = __iadd__ = _refuse


def _page_references(pdf: Any) -> tuple[bytes, ...]:
    kids = pdf.pages["Kids"]
    cached = pdf.__dict__.get("_handbook_page_references")
    if cached is None or cached[0] != len(kids):
        references = tuple(f"{number} 0 R".encode("ascii") for number in kids[::3])
        cached = pdf.__dict__["_handbook_page_references"] = (len(kids), references)
    return cached[1]


_installed = False


def install() -> None:
    """Apply both (idempotent)."""
    global _installed
    if _installed:
        return
    import pydyf
    from weasyprint.layout import LayoutContext

    original_init = LayoutContext.__init__

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        original_init(self, *args, **kwargs)
        self.footnotes = FootnoteList(self.footnotes)

    LayoutContext.__init__ = init
    pydyf.PDF.page_references = property(_page_references)
    _installed = True
