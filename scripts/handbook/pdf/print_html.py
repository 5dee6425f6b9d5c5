"""Where the PDF builder leaves each language's print HTML, the documents WeasyPrint renders (the
benchmark renders the same files with WeasyPrint alone)."""

from __future__ import annotations

from pathlib import Path


def print_html_dir(build_dir: Path, language: str) -> Path:
    """Where the PDF builder writes a language's print HTML files (``_build/pdf-html/<lang>``)."""
    return build_dir / "pdf-html" / language

