"""Where the PDF builder leaves each language's print HTML, the document WeasyPrint renders (the
benchmark renders the same file with WeasyPrint alone)."""

from __future__ import annotations

from pathlib import Path

from handbook.paths import Layout


def print_html_dir(build_dir: Path, language: str) -> Path:
    """Where the PDF builder writes a language's print HTML files (``_build/pdf-html/<lang>``)."""
    return build_dir / "pdf-html" / language


def print_html_path(language: str, variant: str = "standard", layout: Layout | None = None) -> Path:
    """The final print HTML that WeasyPrint renders into a language's PDF of ``variant``.

    ``variant`` is a variant name (standard, large-print, an edition, handout-<name>); the file
    exists once ``make pdf`` (or ``make``) has built that PDF. The benchmark renders it with
    WeasyPrint alone to compare with our PDF stage; the stylesheets are render.stylesheets_for().
    """
    layout = layout or Layout()
    return print_html_dir(layout.build, language) / f"{variant}.html"
