"""Whether two builds of the same sources give the same output: the HTML pages and the PDFs' pages,
outline and text. `make test-upstream` (patches on and off) and `make upgrade-check` (pinned and
newest packages) ask here; pypdf and BeautifulSoup come with the test extras, imported on use."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

EXCERPT_LINES = 8


@dataclass(frozen=True)
class Difference:
    file: str      # relative to the compared folders
    what: str      # "text", "pages", "outline", "page 3", "only in the first", …
    excerpt: str   # a few lines of unified diff, or empty


def normalised(text: str, root: Path) -> str:
    """A page with the build's own folder left out and trailing blanks dropped."""
    return re.sub(r"\s+\n", "\n", text.replace(str(root), "<root>"))


def page_text(html: str) -> str:
    """What a reader sees of a page: its title and text, one line per piece of text (HTML's own line
    breaks and runs of spaces mean nothing), without the markup (a theme release changes class names
    and asset addresses, which no reader sees)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "noscript", "template"]):
        hidden.decompose()
    return "\n".join(" ".join(piece.split()) for piece in soup.stripped_strings)


def excerpt(a: str, b: str, limit: int = EXCERPT_LINES) -> str:
    """The first changed lines of a unified diff of two texts."""
    lines = [line for line in difflib.unified_diff(a.splitlines(), b.splitlines(), lineterm="", n=0)
             if not line.startswith(("---", "+++", "@@"))]
    more = f"\n… {len(lines) - limit} more changed lines" if len(lines) > limit else ""
    return "\n".join(lines[:limit]) + more


def _files(folder: Path, pattern: str, skip: Callable[[Path], bool] = lambda _: False) -> set[Path]:
    return {p.relative_to(folder) for p in folder.rglob(pattern) if not skip(p.relative_to(folder))}


def _only(first: set[Path], second: set[Path]) -> list[Difference]:
    return ([Difference(str(p), "only in the first", "") for p in sorted(first - second)]
            + [Difference(str(p), "only in the second", "") for p in sorted(second - first)])


def html_differences(first: Path, second: Path, view: Callable[[Path, Path], str]) -> list[Difference]:
    """The pages under two site folders that differ; ``view(root_folder, page)`` is what is compared
    (``page_text`` of a page, or its whole ``normalised`` markup)."""
    skip = lambda p: "_static" in p.parts or "_sources" in p.parts  # noqa: E731
    a, b = _files(first, "*.html", skip), _files(second, "*.html", skip)
    found = _only(a, b)
    for page in sorted(a & b):
        one, other = view(first, page), view(second, page)
        if one != other:
            found.append(Difference(str(page), "text", excerpt(one, other)))
    return found


def visible_text(folder: Path, page: Path) -> str:
    return page_text((folder / page).read_text(encoding="utf-8"))


def outline(reader: Any, items: list | None = None) -> list:
    """A PDF's bookmarks as nested lists of (title, page number)."""
    found = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            found.append(outline(reader, item))
        else:
            found.append((item.title, reader.get_destination_page_number(item)))
    return found


def pdf_summary(path: Path) -> dict[str, Any]:
    from pypdf import PdfReader

    reader = PdfReader(path)
    return {"pages": len(reader.pages), "outline": outline(reader),
            "text": [page.extract_text() for page in reader.pages]}


def pdf_difference(file: str, first: dict[str, Any], second: dict[str, Any]) -> Difference | None:
    """How two PDFs' summaries differ first: page count, then outline, then a page's text."""
    if first["pages"] != second["pages"]:
        return Difference(file, "pages", f"{first['pages']} → {second['pages']} pages\n"
                          + excerpt("\n".join(first["text"]), "\n".join(second["text"])))
    if first["outline"] != second["outline"]:
        return Difference(file, "outline", excerpt(repr(first["outline"]).replace("), (", "),\n("),
                                                   repr(second["outline"]).replace("), (", "),\n(")))
    for number, (a, b) in enumerate(zip(first["text"], second["text"], strict=True), 1):
        if a != b:
            return Difference(file, f"page {number}", excerpt(a, b))
    return None


def pdf_differences(first: Path, second: Path) -> list[Difference]:
    """The PDFs under two build folders that differ in pages, outline or text."""
    a, b = _files(first, "*.pdf"), _files(second, "*.pdf")
    found = _only(a, b)
    for pdf in sorted(a & b):
        difference = pdf_difference(str(pdf), pdf_summary(first / pdf), pdf_summary(second / pdf))
        if difference:
            found.append(difference)
    return found


def problems(output: str) -> list[str]:
    """The problems a build reports (lines ending in a check id in brackets), without timings."""
    return [line for line in output.splitlines() if re.search(r"\[[a-z-]+\]$", line)]
