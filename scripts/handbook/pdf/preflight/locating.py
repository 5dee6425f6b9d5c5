"""The source file (and section) a place in the PDF comes from, for the preflight's findings."""

from __future__ import annotations

from collections.abc import Mapping

from handbook.pdf.preflight.reading import Document


class Locator:
    """The source file (and section) of a place in the PDF, from its named destinations."""

    def __init__(self, document: Document, sources: Mapping[str, str]) -> None:
        self.parts = sorted((page, -top, sources[name]) for name, page, top in document.destinations
                            if name in sources)
        self.headings = sorted((page, -top, title) for title, page, top in document.outline)

    def __call__(self, page: int, y: float | None = None) -> str:
        key = (page, -(y if y is not None else -1e9))
        source = ""
        for part in self.parts:
            if part[:2] <= key:
                source = part[2]
        if not source:
            return ""
        heading = ""
        for entry in self.headings:
            if entry[:2] <= key:
                heading = entry[2]
        return f"{source}, section «{_short(heading)}»" if heading else source


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
